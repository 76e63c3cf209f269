"""In pylint, astroid sees into the project's other modules: the bases of classes defined there.

This is the one place ms-lint touches astroid's API (stable across astroid 3.3 and 4.x).
"""
from __future__ import annotations

import ast
from typing import Callable, Dict, List, Optional, Tuple

import astroid
from astroid import nodes

from ms_lint.analysis.names import MAX_DEPTH

ExternalBases = Callable[[ast.expr], List[str]]


def external_bases(module: nodes.Module) -> ExternalBases:
    """A resolver: for a class-base expression of `module`, the qualified names of the class it
    names and of all its bases, followed across modules by astroid's inference."""
    index: Dict[Tuple[int, int, str], nodes.NodeNG] = {}

    def bases(expr: ast.expr) -> List[str]:
        if not index:
            index.update(
                ((n.lineno, n.col_offset, type(n).__name__), n)
                for n in module.nodes_of_class((nodes.Name, nodes.Attribute))
            )
        node = index.get((expr.lineno, expr.col_offset, type(expr).__name__))
        found: List[str] = []
        for inferred in _infer(node) if node is not None else ():
            if isinstance(inferred, nodes.ClassDef):
                found += _lineage(inferred, 0)
        return found

    return bases


def _lineage(cls: nodes.ClassDef, depth: int) -> List[str]:
    names = [cls.qname()]
    if depth > MAX_DEPTH:
        return names
    for base in cls.bases:
        inferred = [c for c in _infer(base) if isinstance(c, nodes.ClassDef)]
        if inferred:
            names += _lineage(inferred[0], depth + 1)
        else:
            dotted = _dotted(base)
            if dotted:
                names.append(dotted)  # e.g. mindspore.nn.Cell where MindSpore is not installed
    return names


def _infer(node: nodes.NodeNG) -> list:
    try:
        return [v for v in node.infer() if v is not astroid.util.Uninferable]
    except (astroid.InferenceError, RecursionError):
        return []


def _dotted(expr: nodes.NodeNG) -> Optional[str]:
    """The dotted name a base expression spells through its module's imports."""
    if isinstance(expr, nodes.Attribute):
        base = _dotted(expr.expr)
        return base + "." + expr.attrname if base else None
    if not isinstance(expr, nodes.Name):
        return None
    _, assignments = expr.lookup(expr.name)
    for statement in assignments:
        if isinstance(statement, nodes.Import):
            for name, alias in statement.names:
                if (alias or name.split(".")[0]) == expr.name:
                    return name if alias else name.split(".")[0]
        if isinstance(statement, nodes.ImportFrom) and not statement.level:
            for name, alias in statement.names:
                if (alias or name) == expr.name:
                    return statement.modname + "." + name
    return None
