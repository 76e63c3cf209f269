"""Run sources through the engine, flake8 and pylint with the plugin, with a deadline, and sort out what went wrong.

An example fails when a front-end crashes (a traceback, pylint's astroid-error), reports an internal
error (the engine's "internal error", flake8's MSL000, pylint's ms-internal-error), passes its
deadline, or finds other (line, col, code) than the engine. Used by tests/test_fuzzing.py and bench/fuzz.py."""
from __future__ import annotations

import signal
import subprocess
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

from ms_lint.engine import lint_source
from ms_lint.engine.settings import Settings
from ms_lint.registry import all_rules

ALL_RULES = Settings(select=tuple(sorted(all_rules())))  # default and opt-in rules, in every front-end
Found = FrozenSet[Tuple[int, int, str]]


@dataclass
class Outcome:
    """What one front-end made of one example: its findings, or what went wrong."""

    findings: Found = frozenset()
    unchecked: bool = False  # the front-end says the file was not checked (syntax error, internal error)
    failure: str = ""  # "internal error", "crash" or "over deadline"
    detail: str = ""


@dataclass
class Report:
    """Counts over a run, and one line per failure."""

    examples: int = 0
    counts: Dict[str, int] = field(default_factory=dict)
    failures: List[str] = field(default_factory=list)

    def add(self, kind: str, line: str) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1
        self.failures.append("%s: %s" % (kind, line))


class Deadline(BaseException):
    """Raised by the CPU timer into a slow analysis (not an Exception, so the engine cannot catch it)."""


def _expire(signum, frame) -> None:
    raise Deadline()


def through_engine(source: str, deadline: float = 2.0) -> Outcome:
    """The engine's outcome for `source`, with `deadline` CPU seconds."""
    previous = signal.signal(signal.SIGPROF, _expire)
    signal.setitimer(signal.ITIMER_PROF, deadline)
    try:
        result = lint_source(source, "example.py", ALL_RULES)
    except Deadline:
        return Outcome(failure="over deadline", detail="over %.1f CPU seconds" % deadline)
    except BaseException as error:  # noqa: BLE001 - the crash is what is being looked for
        return Outcome(failure="crash", detail="".join(traceback.format_exception_only(type(error), error)).strip())
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
    if result.error and result.error.startswith("internal error"):
        return Outcome(unchecked=True, failure="internal error", detail=result.error)
    return Outcome(frozenset((f.line, f.col, f.code) for f in result.findings), unchecked=bool(result.error), detail=result.error or "")


def _parse_lines(output: str, files: Sequence[Path], column_shift: int, codes: Dict[str, str]) -> Dict[str, List[Tuple[int, int, str]]]:
    found: Dict[str, List[Tuple[int, int, str]]] = {f.name: [] for f in files}
    for line in output.splitlines():
        parts = line.rsplit(":", 3)
        name = Path(parts[0]).name
        if len(parts) == 4 and name in found and parts[1].isdigit() and parts[2].isdigit():
            found[name].append((int(parts[1]), int(parts[2]) - column_shift, codes.get(parts[3], parts[3])))
    return found


def _outcomes(found: Dict[str, List[Tuple[int, int, str]]], internal: str, crashes: Sequence[str]) -> Dict[str, Outcome]:
    outcomes = {}
    for name, findings in found.items():
        codes = {code for _, _, code in findings}
        if codes & set(crashes):
            outcomes[name] = Outcome(unchecked=True, failure="crash", detail=", ".join(sorted(codes & set(crashes))))
        elif internal in codes:
            outcomes[name] = Outcome(unchecked=True, failure="internal error", detail=internal)
        else:
            outcomes[name] = Outcome(frozenset(f for f in findings if f[2].startswith("MSL")))
    return outcomes


def _run_batch(command: List[str], files: Sequence[Path], deadline: float) -> Tuple[Optional[str], str]:
    """A front-end's stdout on `files` (None when it passed the deadline, `deadline` seconds a file), and its trouble.
    It runs beside the files, outside any source checkout, so that `-m` imports the installed ms-lint."""
    try:
        done = subprocess.run(command + [str(f) for f in files], capture_output=True, text=True,
                              timeout=5 + deadline * len(files), cwd=str(files[0].parent) if files else None)
    except subprocess.TimeoutExpired:
        return None, ""
    trouble = done.stderr if "Traceback" in done.stderr else ""
    return done.stdout, trouble


def _batch(front_end: str, files: Sequence[Path], deadline: float) -> Dict[str, Outcome]:
    if front_end == "flake8":
        command = [sys.executable, "-m", "flake8", "--isolated", "--jobs=1", "--select=" + ",".join(["MSL", *sorted(all_rules())]),
                   "--format=%(path)s:%(row)d:%(col)d:%(code)s"]
        shift, codes, internal, crashes = 1, {}, "MSL000", ("E902",)
    else:
        rules = all_rules().values()
        command = [sys.executable, "-m", "pylint", "--rcfile=/dev/null", "--load-plugins=ms_lint.pylint_plugin", "--disable=all",
                   "--enable=" + ",".join(["ms-internal-error", "astroid-error", "fatal", *(r.symbol for r in rules)]),
                   "--msg-template={path}:{line}:{column}:{msg_id}", "--score=n", "--persistent=n"]
        shift, codes, internal, crashes = 0, {r.pylint_msgid: r.code for r in rules}, "F5100", ("F0001", "F0002")
    output, trouble = _run_batch(command, files, deadline)
    if output is None:
        return {f.name: Outcome(unchecked=True, failure="over deadline", detail="batch of %d" % len(files)) for f in files}
    outcomes = _outcomes(_parse_lines(output, files, shift, codes), internal, crashes)
    if trouble:
        for outcome in outcomes.values():
            outcome.failure, outcome.detail = "crash", trouble.strip().splitlines()[-1]
    return outcomes


def through_host(front_end: str, files: Sequence[Path], deadline: float = 2.0) -> Dict[str, Outcome]:
    """flake8's or pylint's outcome for each file (by name), run in one process; a batch that passes its
    deadline or crashes is run again file by file to tell which file did it."""
    outcomes = _batch(front_end, files, deadline)
    if len(files) > 1 and any(o.failure in ("over deadline", "crash") for o in outcomes.values()):
        for one in files:
            outcomes.update(_batch(front_end, [one], deadline))
    return outcomes


def disagreement(engine: Outcome, other: Outcome) -> str:
    """How another front-end's findings differ from the engine's ('' when they agree)."""
    if engine.failure or other.failure:
        return ""  # counted as failures already
    if engine.unchecked:
        found = sorted(other.findings)
        return "the engine did not check it (%s), the host found %s" % (engine.detail, found) if found else ""
    if engine.findings != other.findings:
        return "only the engine: %s; only the host: %s" % (
            sorted(engine.findings - other.findings), sorted(other.findings - engine.findings))
    return ""
