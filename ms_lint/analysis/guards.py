"""Code that expects a name to be missing: under `try: ... except AttributeError` (or ImportError...)
or `if hasattr(x, "name"):`, where a name a MindSpore version lacks is looked up on purpose."""
from __future__ import annotations

import ast

from ms_lint.analysis.parents import Parents

_CATCHES_MISSING = frozenset(["AttributeError", "ImportError", "ModuleNotFoundError", "Exception", "BaseException"])


def expects_missing(parents: Parents, node: ast.AST, name: str) -> bool:
    """Whether a node runs only where `name` may be missing: inside `try: ... except AttributeError`
    (or ImportError...) or `if hasattr(x, "name"):`."""
    for parent, child in parents.links(node):
        if isinstance(parent, ast.Try) and child in parent.body and any(_catches(h) for h in parent.handlers):
            return True
        if isinstance(parent, (ast.If, ast.IfExp, ast.While)) and child is not parent.test:
            if any(_hasattr_of(n, name) for n in ast.walk(parent.test)):
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
