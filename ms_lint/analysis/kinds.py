"""What kind of object an expression holds: a MindSpore tensor, a Cell, a mindspore.nn or
mindspore.experimental.optim optimizer, a torch object, or unknown (False / []), with the evidence.

Evidence of what a constructor call makes comes from `origins.built_by` alone (the facts table and the
module's own classes), so a new source of it (what another module's function returns) plugs in there.
"""
from __future__ import annotations

import ast
from typing import AbstractSet, List, Optional, Tuple

from ms_lint.analysis.context import FileContext
from ms_lint.analysis.dataflow import bound_value, end_position, may_reach, returns, visible_bindings
from ms_lint.analysis.guards import excludes_none
from ms_lint.analysis.names import MAX_DEPTH, Binding, Scope
from ms_lint.analysis.origins import Built, built_by, called_function, origins
from ms_lint.facts import ApiEntry, TensorFacts

OPTIMIZER_TRAITS = frozenset({"optimizer", "torch-style-optimizer"})
SCHEDULE_TRAITS = frozenset({"lr-schedule", "dynamic-lr"})
_FOREIGN_ROOTS = ("numpy.", "torch.", "jax.", "tensorflow.", "paddle.")


# --- constructions: Cells, optimizers, schedules ------------------------------------------------
def built_with(ctx: FileContext, expr: ast.AST, trait: str, scope: Optional[Scope] = None) -> List[Built]:
    """The constructions of a name or `self.attr` when every one has `trait`, else []."""
    found = origins(ctx, expr, scope)
    return found if found and all(trait in b.traits for b in found) else []


def optimizer(built: Built) -> bool:
    """Whether a construction is a mindspore.nn or mindspore.experimental.optim optimizer."""
    return bool(built.traits & OPTIMIZER_TRAITS)


def optimizers(ctx: FileContext, expr: ast.AST, scope: Optional[Scope] = None) -> List[Built]:
    """The constructions of `expr` when every one is an optimizer of either API, else []."""
    found = origins(ctx, expr, scope)
    return found if found and all(optimizer(b) for b in found) else []


def nn_optimizer(ctx: FileContext, expr: ast.AST, scope: Optional[Scope] = None) -> List[Built]:
    """The constructions of `expr` when it is certainly a mindspore.nn optimizer built by MindSpore's
    own class (not a project subclass, which may redefine what its attributes mean)."""
    found = built_with(ctx, expr, "optimizer", scope)
    return found if all(b.entry is not None for b in found) else []


def nn_optimizer_entry(entry: ApiEntry) -> bool:
    """Whether a facts entry is a `mindspore.nn` optimizer (not experimental.optim or mint.optim)."""
    return "optimizer" in entry.traits and entry.qualname.startswith("mindspore.nn.")


def schedule(built: Built) -> bool:
    """Whether a construction is a LearningRateSchedule or a per-step learning-rate list."""
    return bool(built.traits & SCHEDULE_TRAITS)


def cells(ctx: FileContext, func: ast.AST, scope: Scope, through_callers: bool = False) -> List[Built]:
    """The Cells (MindSpore's or the project's) a called expression holds: `Net()` itself, or a name or
    `self.attr` every construction of which is a Cell; else []. With `through_callers`, a function's
    parameter is what this module's calls of it pass (`origins.passed`)."""
    if isinstance(func, ast.Call):
        built = built_by(ctx, func, scope)
        return [built] if built is not None and "cell" in built.traits else []
    found = origins(ctx, func, scope, through_callers) if isinstance(func, (ast.Name, ast.Attribute)) else []
    return found if found and all("cell" in b.traits for b in found) else []


# --- torch --------------------------------------------------------------------------------------
def torch_object(ctx: FileContext, func: ast.AST, scope: Scope) -> bool:
    """Whether a called expression is torch's: a torch function or class, or a name or `self.attr`
    some construction of which is torch's."""
    if (ctx.qualname(func, scope) or "").startswith("torch."):
        return True
    if not isinstance(func, (ast.Name, ast.Attribute)):
        return False
    return any((ctx.qualname(c.func, scope) or "").startswith("torch.") for c in ctx.constructed(func, scope))


# --- values MindSpore computed ------------------------------------------------------------------
def mindspore_call(ctx: FileContext, call: ast.Call, scope: Optional[Scope] = None) -> bool:
    """Whether a call names a MindSpore function or class."""
    return (ctx.qualname(call.func, scope) or "").startswith("mindspore.")


def mindspore_value(ctx: FileContext, expr: ast.AST, scope: Scope, depth: int = 0) -> bool:
    """Whether `expr` certainly holds what MindSpore computed: a call of a MindSpore function or Cell,
    a method of such a value, arithmetic with one, a call of a function that returns one (of this
    module, or of another, by its summary), or a name or `self.attr` only ever assigned one. A
    Cell may be a function's parameter every call of which in this module passes one (`def train(net,
    x): net(x)`), unless the module imports torch, whose modules may be passed as well."""
    if depth > MAX_DEPTH:
        return False
    if isinstance(expr, ast.BinOp):
        return any(mindspore_value(ctx, side, scope, depth + 1) for side in (expr.left, expr.right))
    if isinstance(expr, ast.Call):
        qualname = ctx.qualname(expr.func, scope)
        if qualname:
            return qualname.startswith("mindspore.") or ctx.classes.project.returns_mindspore(qualname)
        if cells(ctx, expr.func, scope, through_callers="torch" not in ctx.names.imported_roots):
            return True
        function = called_function(ctx, expr, scope)
        if function is not None:
            return _returns_mindspore(ctx, function, depth)
        return isinstance(expr.func, ast.Attribute) and mindspore_value(ctx, expr.func.value, scope, depth + 1)
    if isinstance(expr, ast.Subscript):  # `net(x)[0]`
        return mindspore_value(ctx, expr.value, scope, depth + 1)
    if isinstance(expr, (ast.Name, ast.Attribute)):
        values = ctx.assignments(expr, scope)
        if values:
            return all(mindspore_value(ctx, v, where, depth + 1) for v, where in values)
        # `out.loss` of a Cell's output (a model-output record holds MindSpore values)
        return isinstance(expr, ast.Attribute) and mindspore_value(ctx, expr.value, scope, depth + 1)
    return False


def _returns_mindspore(ctx: FileContext, function: ast.FunctionDef, depth: int) -> bool:
    """Whether every `return` of a function of this module gives what MindSpore computed
    (`return ops.mean(loss)`, `return self.criterion(out, y)` of a Cell); once per function."""
    key = ("returns-mindspore", id(function))
    if key not in ctx.memo:
        ctx.memo[key] = False  # a recursive call sees False
        found = returns(function)
        inner = ctx.names.scope_of(function, ctx.names.module)
        ctx.memo[key] = bool(found) and all(
            r.value is not None and mindspore_value(ctx, r.value, inner, depth + 1) for r in found)
    return ctx.memo[key]


def mindspore_tensor(ctx: FileContext, expr: ast.expr, scope: Scope, local: AbstractSet[str] = frozenset(), depth: int = 0) -> bool:
    """Whether `expr` is certainly a MindSpore tensor: built by `Tensor(...)`, a MindSpore op or Cell,
    or a tensor method, subscript or arithmetic on such a value. A name counts when the bindings that
    may reach it all hold one and no binding of it in its scope holds a numpy, torch, jax, TensorFlow
    or Paddle value; never a name in `local` (what the comprehensions around the use bind). Where the
    use runs only when the name is not None, `v = None` and the None arm of `t if c else None` are
    left out (see `_not_none_values`)."""
    if depth > MAX_DEPTH:
        return False
    if isinstance(expr, ast.Call):
        return _tensor_call(ctx, expr, scope, local, depth)
    if isinstance(expr, ast.Subscript):
        return mindspore_tensor(ctx, expr.value, scope, local, depth + 1)
    if isinstance(expr, ast.BinOp):
        return mindspore_tensor(ctx, expr.left, scope, local, depth + 1)
    if isinstance(expr, ast.Attribute):
        built = ctx.constructed(expr, scope)
        return bool(built) and all(_tensor_call(ctx, b, scope, local, depth + 1) for b in built)
    if isinstance(expr, ast.Name):
        if expr.id in local:
            return False
        bindings = visible_bindings(ctx.names, expr, scope)
        if not bindings or any(_foreign(ctx, b.scope, bound_value(b)) for b in bindings):
            return False
        reaching = may_reach(bindings, expr, ctx.flow(bindings[0].scope.node))
        values = _not_none_values(ctx, expr, reaching)
        return bool(values) and all(_holds_tensor(ctx, where, value, local, depth) for where, value in values)
    return False


def _not_none_values(ctx: FileContext, use: ast.Name, reaching: List[Binding]) -> List[Tuple[Scope, Optional[ast.expr]]]:
    """The values the bindings that may reach a use give it, each with its scope. When the use runs
    only where the name is not None, by a test after all of those bindings (`if v is not None:`, `if v
    is None: return` before it, `v is not None and ...`), `v = None` is left out and `t if c else None`
    counts as `t`."""
    values = [(b.scope, bound_value(b)) for b in reaching]
    if not any(_is_none(v) or _none_arm(v) is not None for _, v in values):
        return values
    if not excludes_none(ctx.parents, use, max(end_position(b.node) for b in reaching)):
        return values
    return [(where, _none_arm(v) or v) for where, v in values if not _is_none(v)]


def _is_none(value: Optional[ast.expr]) -> bool:
    return isinstance(value, ast.Constant) and value.value is None


def _none_arm(value: Optional[ast.expr]) -> Optional[ast.expr]:
    """The other arm of `t if c else None` or `None if c else t`, else None."""
    if not isinstance(value, ast.IfExp) or _is_none(value.body) == _is_none(value.orelse):
        return None
    return value.orelse if _is_none(value.body) else value.body


def _holds_tensor(ctx: FileContext, scope: Scope, value: Optional[ast.expr], local: AbstractSet[str], depth: int) -> bool:
    return value is not None and mindspore_tensor(ctx, value, scope, local, depth + 1)


def _tensor_call(ctx: FileContext, call: ast.Call, scope: Scope, local: AbstractSet[str], depth: int) -> bool:
    """A MindSpore tensor constructor, op or tensor method, a MindSpore Cell or primitive called, or a
    tensor's method."""
    tensors = ctx.facts.tensors
    func = call.func
    qualname = ctx.qualname(func, scope)
    if qualname is not None:
        last = qualname.rsplit(".", 1)[-1]
        if qualname in tensors.constructors or qualname.startswith("mindspore.Tensor."):
            return True
        return qualname.startswith(tensors.function_modules) and last[:1].islower()
    if isinstance(func, ast.Call):
        return _mindspore_class(tensors, ctx.qualname(func.func, scope))
    if isinstance(func, ast.Attribute) and func.attr not in tensors.non_tensor_methods:
        if mindspore_tensor(ctx, func.value, scope, local, depth + 1):
            return True
    built = ctx.constructed(func, scope)
    return bool(built) and all(_mindspore_class(tensors, ctx.qualname(b.func, scope)) for b in built)


def _mindspore_class(tensors: TensorFacts, qualname: Optional[str]) -> bool:
    """A MindSpore Cell or primitive class, whose instances return MindSpore tensors."""
    return bool(qualname) and qualname.startswith(tensors.cell_modules) and qualname.rsplit(".", 1)[-1][:1].isupper()


def _foreign(ctx: FileContext, scope: Scope, value: Optional[ast.expr]) -> bool:
    """Whether a bound value is a call of numpy, torch, jax, TensorFlow or Paddle."""
    qualname = ctx.qualname(value.func, scope) if isinstance(value, ast.Call) else None
    return bool(qualname) and qualname.startswith(_FOREIGN_ROOTS)
