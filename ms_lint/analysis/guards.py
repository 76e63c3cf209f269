"""Code that expects a name to be missing: under `try: ... except AttributeError` (or ImportError...)
or `if hasattr(x, "name"):`, where a name a MindSpore version lacks is looked up on purpose; and code
that runs only where a name is not None (`if x is not None:`, `if x is None: return` before it).

The tests read are the plain comparisons `x is None` and `x is not None`, alone or in an `and` / `or`.
"""
from __future__ import annotations

import ast
from typing import List, Tuple

from ms_lint.analysis.parents import Parents, walk

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_EXITS = (ast.Return, ast.Raise, ast.Continue, ast.Break)
_CATCHES_MISSING = frozenset(["AttributeError", "ImportError", "ModuleNotFoundError", "Exception", "BaseException"])


def expects_missing(parents: Parents, node: ast.AST, name: str) -> bool:
    """Whether a node runs only where `name` may be missing: inside `try: ... except AttributeError`
    (or ImportError...) or `if hasattr(x, "name"):`."""
    for parent, child in parents.links(node):
        if isinstance(parent, ast.Try) and child in parent.body and any(_catches(h) for h in parent.handlers):
            return True
        if isinstance(parent, (ast.If, ast.IfExp, ast.While)) and child is not parent.test:
            if any(_hasattr_of(n, name) for n in walk(parent.test)):
                return True
    return False


def _catches(handler: ast.ExceptHandler) -> bool:
    kinds = handler.type
    if kinds is None:
        return True
    kinds = kinds.elts if isinstance(kinds, ast.Tuple) else [kinds]
    return any(isinstance(k, ast.Name) and k.id in _CATCHES_MISSING for k in kinds)


def _hasattr_of(node: ast.AST, name: str) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "hasattr"
        and len(node.args) == 2
        and isinstance(node.args[1], ast.Constant)
        and node.args[1].value == name
    )


def excludes_none(parents: Parents, use: ast.Name, since: Tuple[int, int]) -> bool:
    """Whether a use of a name runs only where the name is not None, by a test at or after `since`
    (line, column) in the use's own scope: in the body of `if x is not None:` (or of `... if x is not
    None else ...`), the `else` of `if x is None:`, after `x is not None and` or `x is None or`, or
    after `if x is None: return` (raise, continue, break) or `assert x is not None` in a block
    around the use."""
    name = use.id
    for parent, child in parents.links(use):
        if isinstance(parent, (ast.If, ast.IfExp)) and child is not parent.test and _at(parent) >= since:
            in_body = child is parent.body or (isinstance(parent.body, list) and child in parent.body)
            if _not_none_when(parent.test, name, in_body):
                return True
        if isinstance(parent, ast.BoolOp):
            earlier = parent.values[: parent.values.index(child)]
            passed = isinstance(parent.op, ast.And)  # what the operands before the use evaluated to
            if any(_at(v) >= since and _not_none_when(v, name, passed) for v in earlier):
                return True
        block = next((b for b in _blocks(parent) if child in b), [])
        for statement in block[: block.index(child)] if block else ():
            if _at(statement) >= since and _exits_unless_not_none(statement, name):
                return True
        if isinstance(parent, _SCOPES):
            return False
    return False


def _blocks(parent: ast.AST) -> List[list]:
    """The statement lists of a node (its body, else and finally blocks)."""
    return [b for b in (getattr(parent, f, None) for f in ("body", "orelse", "finalbody")) if isinstance(b, list)]


def _exits_unless_not_none(statement: ast.stmt, name: str) -> bool:
    """`if x is None: ... return` (raise, continue, break) or `assert x is not None`."""
    if isinstance(statement, ast.Assert):
        return _not_none_when(statement.test, name, True)
    return isinstance(statement, ast.If) and isinstance(statement.body[-1], _EXITS) and _not_none_when(statement.test, name, False)


def _not_none_when(test: ast.expr, name: str, outcome: bool) -> bool:
    """Whether `test` evaluating to `outcome` means `name is not None`: `name is not None` true,
    `name is None` false, through `not`, a true `and` or a false `or`."""
    if isinstance(test, ast.BoolOp):
        every = isinstance(test.op, ast.And) == outcome  # each operand had the outcome
        return every and any(_not_none_when(v, name, outcome) for v in test.values)
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _not_none_when(test.operand, name, not outcome)
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == name
        and len(test.ops) == 1
        and isinstance(test.ops[0], (ast.Is, ast.IsNot))
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is None
        and isinstance(test.ops[0], ast.IsNot) == outcome
    )


def _at(node: ast.AST) -> Tuple[int, int]:
    return node.lineno, node.col_offset
