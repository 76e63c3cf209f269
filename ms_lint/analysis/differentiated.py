"""Which function a `grad` / `value_and_grad` call differentiates, and what it returns: a def, a
lambda, a method through `self`, or a project Cell's `construct` (MSL311-MSL313, MSL321, MSL323)."""
from __future__ import annotations

import ast
from typing import Iterator, List, Optional

from ms_lint.analysis.context import FileContext
from ms_lint.analysis.dataflow import only_binding, returns, self_parameter
from ms_lint.analysis.names import DEFS, MAX_DEPTH, Scope


def differentiated(ctx: FileContext, expr: ast.expr) -> Optional[ast.AST]:
    """The def, lambda or Cell `construct` that `expr` (a grad call's `fn`) names, when nothing
    else can bind it; memoised per node on the file context."""
    key = ("differentiated", id(expr))
    if key not in ctx.memo:
        ctx.memo[key] = _Finder(ctx).target_function(expr)
    return ctx.memo[key]


def returned(function: ast.AST) -> Iterator[ast.expr]:
    """The expressions a function returns (nothing for a generator or a bare `return`)."""
    if isinstance(function, ast.Lambda):
        yield function.body
        return
    found = returns(function)
    if all(r.value is not None for r in found):
        yield from (r.value for r in found)


def returned_tuples(function: ast.AST) -> List[ast.Tuple]:
    """The tuples every `return` of the function gives, or [] when some return is no tuple display."""
    found = list(returned(function))
    if not found or not all(isinstance(r, ast.Tuple) for r in found):
        return []
    return found  # type: ignore[return-value]


class _Finder:
    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx

    def target_function(self, expr: ast.expr) -> Optional[ast.AST]:
        ctx = self.ctx
        if isinstance(expr, ast.Lambda):
            return expr
        if isinstance(expr, ast.Call):
            return self.construct_of(expr, ctx.scope)
        if isinstance(expr, ast.Name):
            binding = ctx.binding(expr)
            in_loop = ctx.parents.enclosing(expr, ast.For, ast.AsyncFor, ast.While) is not None
            if binding is None or not only_binding(binding, expr, in_loop):
                return None
            if binding.kind == "def":
                return binding.node if self.plain(binding.node, binding.scope) else None
            if binding.kind == "assign" and isinstance(binding.value, ast.Lambda):
                return binding.value
            if binding.kind == "assign" and isinstance(binding.value, ast.Call):
                return self.construct_of(binding.value, binding.scope)
            return None
        owner = ctx.method_owner(ctx.scope)
        if not (isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and owner is not None):
            return None
        if expr.value.id != self_parameter(ctx.scope.node):
            return None
        if expr.attr in owner.self_attrs:
            built = ctx.constructed(expr)
            return self.construct_of(built[0], owner) if len(built) == 1 else None
        methods = [s for s in owner.node.body if isinstance(s, DEFS) and s.name == expr.attr]
        if len(methods) != 1 or not self.plain(methods[0], owner) or self.overridden(owner.node, expr.attr):
            return None
        return methods[0]

    def overridden(self, cls: ast.ClassDef, method: str) -> bool:
        """Whether a subclass in this module defines the method again (`self.method` may be either)."""
        return any(isinstance(s, DEFS) and s.name == method for node in self.ctx.classes.subclasses(cls) for s in node.body)

    def construct_of(self, call: ast.Call, scope: Scope) -> Optional[ast.AST]:
        """The `construct` of a project Cell class that `call` instantiates."""
        if not isinstance(call.func, ast.Name):
            return None
        classes = self.ctx.classes
        binding = classes.local(call.func, scope, call.lineno)
        for _ in range(MAX_DEPTH):
            if binding is None or not classes.is_cell(binding.node, binding.scope):
                return None
            cls = binding.node
            methods = [s for s in cls.body if isinstance(s, DEFS) and s.name == "construct"]
            if methods:
                return methods[0] if len(methods) == 1 and self.plain(methods[0], binding.scope) else None
            project_bases = [b for b in cls.bases if isinstance(b, ast.Name)]
            if len(cls.bases) != 1 or not project_bases:
                return None
            binding = classes.local(project_bases[0], binding.scope, cls.lineno)
        return None

    def plain(self, function: ast.AST, scope: Scope) -> bool:
        """Whether the function's decorators keep what it returns."""
        for decorator in function.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            qualname = self.ctx.qualname(target, scope)
            if qualname != "builtins.staticmethod" and qualname not in self.ctx.facts.transparent_decorators:
                return False
        return True
