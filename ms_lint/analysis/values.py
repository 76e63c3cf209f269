"""A small evaluator: what a literal, a constant, a default or `1 - x` is worth, or UNKNOWN."""
from __future__ import annotations

import ast
import operator
from typing import Any, Callable, Optional, Tuple

from ms_lint.analysis.names import MAX_DEPTH, Binding, Names, Scope
from ms_lint.analysis.parents import walk


class _Unknown:
    __slots__ = ()

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        return False


UNKNOWN: Any = _Unknown()

_BINARY = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
}
_UNARY = {ast.USub: operator.neg, ast.UAdd: operator.pos}


class Evaluator:
    """Values of expressions in one module; a name is followed only to its single assignment, an
    imported name or a module's attribute (`config.BN_MOMENTUM`) to what `imported` says of it: the
    other module's constant, or UNKNOWN."""

    def __init__(self, names: Names, imported: Optional[Callable[[ast.expr, Scope], Any]] = None) -> None:
        self.names = names
        self.imported = imported

    def value(self, expr: Optional[ast.AST], scope: Scope, depth: int = 0) -> Any:
        """The Python value of `expr` in `scope`, or UNKNOWN."""
        if expr is None or depth > MAX_DEPTH:
            return UNKNOWN
        if isinstance(expr, ast.Constant):
            return expr.value
        if isinstance(expr, (ast.Tuple, ast.List)):
            return tuple(self.value(e, scope, depth + 1) for e in expr.elts)
        if isinstance(expr, ast.UnaryOp) and type(expr.op) in _UNARY:
            operand = self.value(expr.operand, scope, depth + 1)
            return _UNARY[type(expr.op)](operand) if is_number(operand) else UNKNOWN
        if isinstance(expr, ast.BinOp) and type(expr.op) in _BINARY:
            left = self.value(expr.left, scope, depth + 1)
            right = self.value(expr.right, scope, depth + 1)
            if is_number(left) and is_number(right):
                try:
                    return _BINARY[type(expr.op)](left, right)
                except ArithmeticError:
                    return UNKNOWN
            return UNKNOWN
        if isinstance(expr, ast.Name):
            return self._name_value(expr, scope, depth)
        if isinstance(expr, ast.Attribute) and self.imported is not None:
            return self.imported(expr, scope)
        return UNKNOWN

    def _name_value(self, expr: ast.Name, scope: Scope, depth: int) -> Any:
        binding = self.names.lookup(expr.id, scope, expr.lineno)
        if binding is None or not self.single(binding):
            return UNKNOWN
        if binding.kind in ("assign", "param"):
            return self.value(binding.value, binding.scope if binding.kind == "assign" else _outer(binding), depth + 1)
        if binding.kind == "import" and self.imported is not None:
            return self.imported(expr, scope)
        return UNKNOWN

    def fixed_where_written(self, expr: ast.AST, scope: Scope, depth: int = 0) -> bool:
        """Whether every name a known value is read from is assigned or another module's constant, not a
        parameter: `value` gives a parameter its default, which a call can override."""
        if depth > MAX_DEPTH:
            return False
        for node in walk(expr):
            if isinstance(node, ast.Name):
                binding = self.names.lookup(node.id, scope, node.lineno)
                if binding is not None and binding.kind == "import":
                    if self.imported is None or self.imported(node, scope) is UNKNOWN:
                        return False
                elif binding is None or binding.kind != "assign" or not self.fixed_where_written(
                        binding.value, binding.scope, depth + 1):
                    return False
        return True

    def single(self, binding: Binding) -> bool:
        """Whether this is the only binding of its name in its scope (a constant, or a parameter)."""
        return len(binding.scope.bindings.get(binding.name, ())) == 1


def _outer(binding: Binding) -> Scope:
    """Defaults are evaluated in the scope around the function."""
    return binding.scope.parent or binding.scope


def is_number(value: Any) -> bool:
    """A real int or float (not a bool, not UNKNOWN)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def as_ints(value: Any) -> Optional[Tuple[int, ...]]:
    """An int or a tuple of ints as a tuple, else None."""
    items = value if isinstance(value, tuple) else (value,)
    if items and all(isinstance(v, int) and not isinstance(v, bool) for v in items):
        return tuple(items)
    return None
