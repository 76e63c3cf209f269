"""The calls in statements in the order the training-mode flow meets them (MSL302's summaries);
each node's calls are found once per file, however many passes over a loop and rules ask."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterator, List

from ms_lint.analysis.parents import children

if TYPE_CHECKING:
    from ms_lint.analysis.context import FileContext

_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def calls_in_flow_order(ctx: "FileContext", body: List[ast.stmt]) -> Iterator[ast.Call]:
    """The calls in a list of statements in the order FunctionFlow first meets them: a header before
    its body, a try's `else` before its handlers, nested definitions skipped."""
    todo: List[object] = list(reversed(body))
    while todo:
        item = todo.pop()
        if not isinstance(item, ast.stmt):
            yield from expression_calls(ctx, item)
        elif isinstance(item, ast.If):
            todo += list(reversed(item.orelse)) + list(reversed(item.body)) + [item.test]
        elif isinstance(item, (ast.For, ast.AsyncFor, ast.While)):
            header = item.test if isinstance(item, ast.While) else item.iter
            todo += list(reversed(item.orelse)) + list(reversed(item.body)) + [header]
        elif isinstance(item, (ast.With, ast.AsyncWith)):
            todo += list(reversed(item.body)) + [i.context_expr for i in reversed(item.items)]
        elif isinstance(item, ast.Try) or type(item).__name__ == "TryStar":
            parts = item.body + item.orelse + [s for h in item.handlers for s in h.body] + item.finalbody
            todo += list(reversed(parts))
        elif not isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield from expression_calls(ctx, item)


def expression_calls(ctx: "FileContext", node: ast.AST) -> List[ast.Call]:
    """The calls in a node outside nested definitions, in evaluation order (by where each ends)."""
    key = ("expression calls", id(node))
    if key not in ctx.memo:
        found, todo = [], [node]
        while todo:
            current = todo.pop()
            if isinstance(current, ast.Call):
                found.append(current)
            todo.extend(c for c in children(current) if not isinstance(c, _DEFS))
        ctx.memo[key] = sorted(found, key=lambda c: (c.end_lineno, c.end_col_offset))
    return ctx.memo[key]
