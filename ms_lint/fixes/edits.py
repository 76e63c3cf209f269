"""The edit builders every rule's fix is made of: replace or insert at a node, add or remove an
argument, put a statement on its own line or delete one, rename a function, and the texts they write."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, List, Optional, Sequence

from ms_lint.analysis.values import is_number
from ms_lint.model import Edit

if TYPE_CHECKING:
    from ms_lint.analysis.context import FileContext

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


def line_ending(lines: Sequence[str]) -> str:
    """The line ending that inserted lines take: the file's first line's (`\\n` when it has none)."""
    first = lines[0] if lines else ""
    return first[len(first.rstrip("\r\n")):] or "\n"


def replace(ctx: "FileContext", node: ast.AST, content: str) -> Edit:
    """An edit that replaces a node's text."""
    return Edit(*ctx.span(node), content)


def replace_range(ctx: "FileContext", first: ast.AST, last: ast.AST, content: str) -> Edit:
    """An edit that replaces the text from the start of `first` to the end of `last`."""
    return Edit(*ctx.span(first)[:2], *ctx.span(last)[2:], content)


def insert_after(ctx: "FileContext", node: ast.AST, content: str) -> Edit:
    """An edit that inserts text right after a node."""
    _, _, line, col = ctx.span(node)
    return Edit(line, col, line, col, content)


def add_argument(ctx: "FileContext", call: ast.Call, text: str) -> Edit:
    """An edit that adds arguments (`name=value, ...`) after a call's last one, or between its empty parentheses."""
    if not call.args and not call.keywords:
        _, _, line, col = ctx.span(call)
        return Edit(line, col - 1, line, col - 1, text)
    last = max(call.args + call.keywords, key=lambda a: (a.end_lineno, a.end_col_offset))
    return insert_after(ctx, last, ", " + text)


def remove_keyword(ctx: "FileContext", call: ast.Call, keyword: ast.keyword) -> Edit:
    """An edit that deletes one keyword argument and the comma that separates it."""
    return remove_arguments(ctx, call, keyword, keyword)


def remove_arguments(ctx: "FileContext", call: ast.Call, first: ast.AST, last: ast.AST) -> Edit:
    """An edit that deletes the arguments from `first` to `last` and the comma that separates them."""
    arguments: List[ast.AST] = sorted(call.args + call.keywords, key=lambda a: (a.lineno, a.col_offset))
    index, end = arguments.index(first), arguments.index(last)
    line, col = ctx.span(first)[:2]
    end_line, end_col = ctx.span(last)[2:]
    if index > 0:
        _, _, line, col = ctx.span(arguments[index - 1])
    elif end + 1 < len(arguments):
        end_line, end_col = ctx.span(arguments[end + 1])[:2]
    else:  # the only argument: up to the closing parenthesis, a trailing comma included
        _, _, end_line, end_col = ctx.span(call)
        end_col -= 1
    return Edit(line, col, end_line, end_col, "")


def insert_statement(ctx: "FileContext", stmt: Optional[ast.stmt], code: str, after: bool) -> Optional[Edit]:
    """An edit that puts `code` on its own line before or after a statement, at its indentation; None
    where the statement shares its first line with code before it, or its last line with code after it."""
    if stmt is None:
        return None
    first = ctx.lines[stmt.lineno - 1]
    indent = first[: len(first) - len(first.lstrip())]
    if ctx.column(stmt.lineno, stmt.col_offset) != len(indent):
        return None
    newline = line_ending(ctx.lines)
    if not after:
        return Edit(stmt.lineno, len(indent), stmt.lineno, len(indent), code + newline + indent)
    last = ctx.lines[stmt.end_lineno - 1]
    text = last.rstrip("\r\n")
    rest = text[ctx.column(stmt.end_lineno, stmt.end_col_offset):].strip()
    if rest and not rest.startswith("#"):
        return None
    return Edit(stmt.end_lineno, len(text), stmt.end_lineno, len(text), (last[len(text):] or newline) + indent + code)


def remove_line(ctx: "FileContext", node: ast.AST) -> Optional[Edit]:
    """An edit that deletes the line of a one-line node that has the line to itself (a comment may
    follow), line end included; None for any other node."""
    line = ctx.lines[node.lineno - 1]
    _, col, _, end_col = ctx.span(node)
    if node.end_lineno != node.lineno or line[:col].strip() or line[end_col:].strip()[:1] not in ("", "#"):
        return None
    return Edit(node.lineno, 0, node.lineno + 1, 0, "")


def rename_function(ctx: "FileContext", func: ast.FunctionDef, name: str) -> Optional[Edit]:
    """An edit that renames a function where its line reads `def <name>`, else None."""
    line = ctx.lines[func.lineno - 1]
    col = line.find("def " + func.name)
    if col < 0:
        return None
    col += len("def ")
    return Edit(func.lineno, col, func.lineno, col + len(func.name), name)
