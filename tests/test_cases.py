"""Every case file through the engine, the CLI, real flake8 and real pylint: the same findings, columns included."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict
from typing import Callable, Dict, List, Tuple

import pytest
from case_files import Case, Expected, load_cases

from ms_lint.engine import lint_source
from ms_lint.engine.settings import Settings
from ms_lint.registry import all_rules

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
    args = [sys.executable, "-m", "flake8", "--isolated", "--format=%(path)s|%(row)d|%(col)d|%(code)s"]
    if case.option("extend-select"):
        args.append("--extend-select=" + case.option("extend-select"))
    if case.option("target-version"):
        args.append("--ms-target-version=" + case.option("target-version"))
    found = _parse(_run(args + [str(c.path) for c in cases]), lambda code: code, column_base=1)
    return {stem: [item for item in items if item[2].startswith("MSL")] for stem, items in found.items()}


def _pylint(cases: List[Case]) -> Dict[str, Expected]:
    case = cases[0]
    chosen = Settings(extend_select=case.extend_select()).enabled_codes()
    enable = ",".join(r.symbol for r in all_rules().values() if r.code in chosen) + ",ms-internal-error"
    args = [
        sys.executable, "-m", "pylint", "--rcfile=/dev/null", "--load-plugins=ms_lint.pylint_plugin",
        "--disable=all", "--enable=" + enable, "--msg-template={path}|{line}|{column}|{msg_id}", "--score=n",
    ]
    if case.option("target-version"):
        args.append("--ms-target-version=" + case.option("target-version"))
    return _parse(_run(args + [str(c.path) for c in cases]), lambda msgid: BY_MSGID.get(msgid, msgid), column_base=0)


def _cli(cases: List[Case]) -> Dict[str, Expected]:
    args = [sys.executable, "-m", "ms_lint.cli", "--format=json", *cases[0].cli_flags()]
    found: Dict[str, Expected] = defaultdict(list)
    for item in json.loads(_run(args + [str(c.path) for c in cases]) or "[]"):
        found[_stem(item["path"])].append((item["line"], item["column"] - 1, item["code"]))  # 1-based in JSON
    return {stem: sorted(items) for stem, items in found.items()}


def _parse(output: str, code_of: Callable[[str], str], column_base: int) -> Dict[str, Expected]:
    """`path|line|column|code` lines, columns made 0-based (flake8 prints them 1-based, pylint 0-based)."""
    found: Dict[str, Expected] = defaultdict(list)
    for line in output.splitlines():
        parts = line.split("|")
        if len(parts) == 4 and parts[1].isdigit() and parts[2].isdigit():
            found[_stem(parts[0])].append((int(parts[1]), int(parts[2]) - column_base, code_of(parts[3])))
    return {stem: sorted(items) for stem, items in found.items()}


def _stem(path: str) -> str:
    return re.sub(r"\.py$", "", path.replace("\\", "/").rsplit("/", 1)[-1])


@pytest.fixture(scope="session")
def front_ends() -> Dict[str, Dict[str, Expected]]:
    """Each front-end run once per group of case files that share options."""
    results: Dict[str, Dict[str, Expected]] = {"flake8": {}, "pylint": {}, "cli": {}}
    for cases in _groups().values():
        for name, run in (("flake8", _flake8), ("pylint", _pylint), ("cli", _cli)):
            found = run(cases)
            results[name].update({c.id: found.get(c.id, []) for c in cases})
    return results


def _engine(case: Case) -> Expected:
    result = lint_source(case.source(), str(case.path), case.settings())
    assert result.error is None
    return sorted((f.line, f.col, f.code) for f in result.findings)


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_engine(case_id: str) -> None:
    assert _engine(CASES[case_id]) == CASES[case_id].expected()


@pytest.mark.parametrize("front_end", ["cli", "flake8", "pylint"])
@pytest.mark.parametrize("case_id", sorted(CASES))
def test_front_end(front_ends, front_end: str, case_id: str) -> None:
    assert front_ends[front_end][case_id] == CASES[case_id].expected()


def test_every_rule_has_a_case_file_with_findings() -> None:
    covered = set().union(*(case.codes() for case in CASES.values()))
    assert covered >= set(all_rules()), "rules without a case file: %s" % sorted(set(all_rules()) - covered)


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_look_alikes_exist_and_report_nothing(case_id: str) -> None:
    case = CASES[case_id]
    blocks = case.look_alike_lines()
    assert blocks, "%s has no look-alikes: write `# look-alikes` above clean code that resembles the trap" % case.path.name
    lines = case.source().splitlines()
    for block in blocks:
        code = [row for row in block if lines[row - 1].strip() and not lines[row - 1].lstrip().startswith("#")]
        assert code, "%s: the `# look-alikes` block at line %d holds no code" % (case.path.name, block.start - 1)
    inside = {row for block in blocks for row in block}
    assert [e for e in case.expected() if e[0] in inside and e[2] == case.rule] == [], "expected on look-alikes"
    assert [f for f in _engine(case) if f[0] in inside and f[2] == case.rule] == [], "found on look-alikes"
