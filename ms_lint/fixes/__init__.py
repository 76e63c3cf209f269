"""The one applier behind --fix, --diff, SARIF fixes and rdjson suggestions; the edits it applies are
built by ms_lint.fixes.edits."""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Callable, Iterable, List, Optional, Sequence, Tuple

from ms_lint.model import Edit, Finding, Fix

_LINE_END = re.compile(r"\r\n|\r|\n")  # the line ends Python counts (str.splitlines knows more)
MAX_PASSES = 10  # a fix may reveal or move another finding: re-lint and fix again, up to this


def line_starts(source: str) -> List[int]:
    """The character offset where each line starts (lines as Python numbers them), plus the end."""
    return [0] + [match.end() for match in _LINE_END.finditer(source)] + [len(source)]


def apply_edits(source: str, edits: Iterable[Edit]) -> str:
    """The source with the edits applied; overlapping edits keep the first."""
    starts = line_starts(source)

    def offset(line: int, col: int) -> int:
        return min(starts[min(line, len(starts) - 1) - 1] + col, len(source)) if line >= 1 else 0

    spans: List[Tuple[int, int, str]] = []
    for edit in edits:
        start, end = offset(edit.line, edit.col), offset(edit.end_line, edit.end_col)
        if all(end <= s or start >= e for s, e, _ in spans):
            spans.append((start, end, edit.content))
    for start, end, content in sorted(spans, key=lambda span: span[:2], reverse=True):
        source = source[:start] + content + source[end:]
    return source


def fixable(findings: Sequence[Finding], unsafe: bool) -> List[Finding]:
    """The findings whose fix may be applied: safe ones, and unsafe ones when asked."""
    return [f for f in findings if f.fix and (f.fix.applicability == "safe" or unsafe)]


def compatible_fixes(fixes: Iterable[Fix]) -> List[Fix]:
    """Whole fixes whose edits touch no edit of an earlier fix (a fix applies entirely or not at all)."""
    taken: List[Edit] = []
    chosen = []
    for fix in fixes:
        if not any(_overlap(edit, other) for edit in fix.edits for other in taken):
            chosen.append(fix)
            taken.extend(fix.edits)
    return chosen


def _overlap(a: Edit, b: Edit) -> bool:
    a_start, a_end, b_start, b_end = (a.line, a.col), (a.end_line, a.end_col), (b.line, b.col), (b.end_line, b.end_col)
    if a_start == a_end == b_start == b_end:
        return True  # two insertions at one place: their order would be a guess
    return a_start < b_end and b_start < a_end


@dataclass
class FixResult:
    """A file's source after fixing: how many fixes went in, or why nothing may be written."""

    source: str
    applied: int = 0
    error: Optional[str] = None


def fix_source(source: str, findings: Sequence[Finding], relint: Callable[[str], Sequence[Finding]], unsafe: bool) -> FixResult:
    """Apply every compatible fix, re-lint, repeat until nothing is left to fix; refuse code that does not parse."""
    applied, current = 0, source
    for _ in range(MAX_PASSES):
        fixes = compatible_fixes(f.fix for f in fixable(findings, unsafe) if f.fix)
        candidate = apply_edits(current, [edit for fix in fixes for edit in fix.edits])
        if not fixes or candidate == current:
            break
        try:
            ast.parse(candidate)
        except (SyntaxError, ValueError) as error:
            where = "line %s: " % error.lineno if getattr(error, "lineno", None) else ""
            reason = "fix refused: the fixed code would not parse (%s%s)" % (where, getattr(error, "msg", error))
            return FixResult(source, 0, reason)
        current, applied = candidate, applied + len(fixes)
        findings = relint(current)
    return FixResult(current, applied)
