"""Regenerate case files' columns and their `.fixed.py` results from the engine, for maintainers.

    python tests/update_cases.py [--write] [CASE ...]

CASE is a case's stem (`MSL101_dropout_keep_prob`) or path; none means every case under tests/cases.
For each case it rewrites every expectation comment (`# MSL101` or `# MSL101: 9`) to carry the column
the engine reports (`# MSL101: 17`), and regenerates `<name>.fixed.py` by running
`ms-lint --fix --unsafe-fixes` with the case's options on a copy (removing it when nothing is fixable).
It only fills in columns: a line whose expected codes differ from the engine's findings, or a finding on
a line without an expectation, is reported and left alone, since that is a change of behaviour to fix or
to write by hand. Without --write it prints the changes as a diff and exits 1 if there are any; with
--write it writes them. Read the result before committing: a column or a fix that looks wrong is a bug.
"""
from __future__ import annotations

import argparse
import difflib
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from case_files import CODE, Case, comments, expectation_text, load_cases

from ms_lint.engine import lint_source

_WRITTEN = re.compile(r"\bMSL[0-9]{3}(?::[ \t]*[0-9]+\b)?(?:,[ \t]*(?=MSL)|[ \t]+(?=MSL))?")


def engine_findings(case: Case) -> Dict[int, List[Tuple[int, str]]]:
    """The engine's (column, code) findings on each line of the case, sorted by column."""
    result = lint_source(case.source(), str(case.path), case.settings())
    by_line: Dict[int, List[Tuple[int, str]]] = defaultdict(list)
    for finding in sorted(result.findings, key=lambda f: (f.line, f.col)):
        by_line[finding.line].append((finding.col, finding.code))
    return by_line


def with_columns(case: Case, problems: List[str]) -> str:
    """The case's source with every expectation's column taken from the engine."""
    lines = case.source().splitlines(keepends=True)
    found = engine_findings(case)
    commented = set()
    for row, column, comment in comments(case.source()):
        text = expectation_text(comment)
        written = CODE.findall(text)
        if not written:
            continue
        commented.add(row)
        actual = found.get(row, [])
        if Counter(written) != Counter(code for _, code in actual):
            problems.append("%s:%d: expects %s, the engine finds %s" % (case.path.name, row, sorted(written), actual))
            continue
        start = _WRITTEN.search(text).start()
        columns = ", ".join("%s: %d" % (code, col) for col, code in actual)
        new = comment.replace(text, text[:start] + columns + _WRITTEN.sub("", text[start:]), 1)
        lines[row - 1] = lines[row - 1][:column] + new + lines[row - 1][column + len(comment):]
    for row in sorted(set(found) - commented):
        problems.append("%s:%d: the engine finds %s where no expectation is written" % (case.path.name, row, found[row]))
    return "".join(lines)


def fixed_text(case: Case, source: str) -> Optional[str]:
    """The source after `ms-lint --fix --unsafe-fixes` with the case's options, or None when nothing changes."""
    with tempfile.TemporaryDirectory() as directory:
        copy = Path(directory) / case.path.name
        copy.write_text(source, encoding="utf-8")
        command = [sys.executable, "-m", "ms_lint.cli", *case.cli_flags(), "--fix", "--unsafe-fixes", str(copy)]
        subprocess.run(command, capture_output=True, text=True, check=False)
        text = copy.read_text(encoding="utf-8")
    return None if text == source else text


def _change(path: Path, new: Optional[str], write: bool) -> bool:
    old = path.read_text(encoding="utf-8") if path.exists() else None
    if old == new:
        return False
    before, after = (old or "").splitlines(True), (new or "").splitlines(True)
    sys.stdout.writelines(difflib.unified_diff(before, after, str(path), str(path)))
    if write and new is None:
        path.unlink()
    elif write:
        path.write_text(new, encoding="utf-8")
    return True


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the changes instead of printing them")
    parser.add_argument("cases", nargs="*", help="case stems or paths (default: every case)")
    args = parser.parse_args(argv)
    cases = load_cases()
    chosen = [cases[Path(name).name.replace(".py", "")] for name in args.cases] if args.cases else list(cases.values())
    problems: List[str] = []
    changed = False
    for case in chosen:
        source = with_columns(case, problems)
        changed |= _change(case.path, source, args.write)
        changed |= _change(case.fixed_path, fixed_text(case, source), args.write)
    for problem in problems:
        print("ms-lint: %s" % problem, file=sys.stderr)
    return 1 if problems or (changed and not args.write) else 0


if __name__ == "__main__":
    sys.exit(main())
