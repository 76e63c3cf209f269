"""Every case file through the engine, the CLI, real flake8 and real pylint: the same findings."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict
from typing import Dict, List, Tuple

import pytest

from case_files import Case, Expected, load_cases
from ms_lint.config import Settings
from ms_lint.engine import lint_source
from ms_lint.rules import all_rules

CASES = load_cases()
BY_MSGID = {rule.pylint_msgid: code for code, rule in all_rules().items()}


def _groups() -> Dict[Tuple, List[Case]]:
    groups: Dict[Tuple, List[Case]] = defaultdict(list)
    for case in CASES.values():
        groups[case.options].append(case)
    return groups


def _run(args: List[str]) -> str:
    done = subprocess.run(args, capture_output=True, text=True, cwd=str(next(iter(CASES.values())).path.parent))
    if done.returncode not in (0, 1) and not done.stdout:
        pytest.fail("%s failed (%d): %s" % (args[:3], done.returncode, done.stderr[-2000:]))
    return done.stdout


def _flake8(cases: List[Case]) -> Dict[str, Expected]:
    case = cases[0]
    args = [sys.executable, "-m", "flake8", "--isolated", "--format=%(path)s|%(row)d|%(code)s"]
    if case.option("extend-select"):
        args.append("--extend-select=" + case.option("extend-select"))
    if case.option("target-version"):
        args.append("--ms-target-version=" + case.option("target-version"))
    found = _parse(_run(args + [str(c.path) for c in cases]), lambda code: code)
    return {stem: {(line, code) for line, code in pairs if code.startswith("MSL")} for stem, pairs in found.items()}


def _pylint(cases: List[Case]) -> Dict[str, Expected]:
    case = cases[0]
    chosen = Settings(extend_select=_extend(case)).enabled_codes()
    enable = ",".join(r.symbol for r in all_rules().values() if r.code in chosen) + ",ms-internal-error"
    args = [
        sys.executable, "-m", "pylint", "--rcfile=/dev/null", "--load-plugins=ms_lint.pylint_plugin",
        "--disable=all", "--enable=" + enable, "--msg-template={path}|{line}|{msg_id}", "--score=n",
    ]
    if case.option("target-version"):
        args.append("--ms-target-version=" + case.option("target-version"))
    return _parse(_run(args + [str(c.path) for c in cases]), lambda msgid: BY_MSGID.get(msgid, msgid))


def _cli(cases: List[Case]) -> Dict[str, Expected]:
    case = cases[0]
    args = [sys.executable, "-m", "ms_lint.cli", "--isolated", "--format=json"]
    if case.option("extend-select"):
        args.append("--extend-select=" + case.option("extend-select"))
    if case.option("target-version"):
        args.append("--target-version=" + case.option("target-version"))
    found: Dict[str, Expected] = defaultdict(set)
    for item in json.loads(_run(args + [str(c.path) for c in cases]) or "[]"):
        found[_stem(item["path"])].add((item["line"], item["code"]))
    return found


def _extend(case: Case) -> tuple:
    return tuple(c for c in case.option("extend-select").split(",") if c)


def _parse(output: str, code_of) -> Dict[str, Expected]:
    found: Dict[str, Expected] = defaultdict(set)
    for line in output.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].isdigit():
            found[_stem(parts[0])].add((int(parts[1]), code_of(parts[2])))
    return found


def _stem(path: str) -> str:
    return re.sub(r"\.py$", "", path.replace("\\", "/").rsplit("/", 1)[-1])


@pytest.fixture(scope="session")
def front_ends() -> Dict[str, Dict[str, Expected]]:
    """Each front-end run once per group of case files that share options."""
    results: Dict[str, Dict[str, Expected]] = {"flake8": {}, "pylint": {}, "cli": {}}
    for cases in _groups().values():
        for name, run in (("flake8", _flake8), ("pylint", _pylint), ("cli", _cli)):
            found = run(cases)
            results[name].update({c.id: found.get(c.id, set()) for c in cases})
    return results


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_engine(case_id: str) -> None:
    case = CASES[case_id]
    settings = Settings(extend_select=_extend(case), target_version=case.option("target-version") or None)
    result = lint_source(case.path.read_text(encoding="utf-8"), str(case.path), settings)
    assert result.error is None
    assert {(f.line, f.code) for f in result.findings} == case.expected()


@pytest.mark.parametrize("front_end", ["cli", "flake8", "pylint"])
@pytest.mark.parametrize("case_id", sorted(CASES))
def test_front_end(front_ends, front_end: str, case_id: str) -> None:
    assert front_ends[front_end][case_id] == CASES[case_id].expected()


def test_every_rule_has_a_case_file_with_findings_and_look_alikes() -> None:
    covered = set().union(*(case.codes() for case in CASES.values()))
    assert covered >= set(all_rules()), "rules without a case file: %s" % sorted(set(all_rules()) - covered)
