"""Fix building blocks and the one applier behind --fix, --diff, SARIF fixes and rdjson suggestions."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable, List, Sequence, Tuple

from ms_lint.findings import Edit, Finding
from ms_lint.values import is_number

if TYPE_CHECKING:
    from ms_lint.context import FileContext

_ATOMS = (ast.Name, ast.Attribute, ast.Constant, ast.Subscript, ast.Call)


def number(value: float) -> str:
    """A float as the shortest literal that reads right (`0.9`, not `0.9000000000000001`)."""
    return repr(round(value, 10))


def one_minus(ctx: "FileContext", expr: ast.expr) -> str:
    """`1 - <expr>` in the user's own spelling, or the computed literal for a number."""
    if isinstance(expr, ast.Constant) and is_number(expr.value):
        return number(1 - expr.value)
    text = ctx.text(expr)
    return "1 - " + (text if isinstance(expr, _ATOMS) else "(%s)" % text)


def apply_edits(source: str, edits: Iterable[Edit]) -> str:
    """The source with the edits applied; overlapping edits keep the first."""
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(line: int, col: int) -> int:
        return starts[min(line, len(lines) + 1) - 1] + col if line >= 1 else 0

    spans: List[Tuple[int, int, str]] = []
    for edit in edits:
        start, end = offset(edit.line, edit.col), offset(edit.end_line, edit.end_col)
        if all(end <= s or start >= e for s, e, _ in spans):
            spans.append((start, end, edit.content))
    for start, end, content in sorted(spans, reverse=True):
        source = source[:start] + content + source[end:]
    return source


def fixable(findings: Sequence[Finding], unsafe: bool) -> List[Finding]:
    """The findings whose fix may be applied: safe ones, and unsafe ones when asked."""
    return [f for f in findings if f.fix and (f.fix.applicability == "safe" or unsafe)]
