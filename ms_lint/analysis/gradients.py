"""What a gradient call differentiates: the inputs or weights, which weights, and where its gradients go."""
from __future__ import annotations

import ast
from typing import FrozenSet, List, Optional, Tuple

from ms_lint.analysis.context import FileContext
from ms_lint.analysis.kinds import optimizers
from ms_lint.analysis.names import MAX_DEPTH, Scope
from ms_lint.analysis.origins import origins

# a network whose parameters are held: ("built", id of the call that built it)
Owner = Tuple[str, object]

_PASS_THROUGH = frozenset({"builtins.list", "builtins.tuple", "builtins.filter", "mindspore.ParameterTuple"})


class Gradient:
    """A gradient function: the call that builds it and what calling it differentiates."""

    def __init__(
        self,
        call: ast.Call,
        scope: Scope,
        weights: Optional[ast.expr],
        grads_at: Optional[int],
        builder: Optional[ast.Call] = None,
    ) -> None:
        self.call = call  # `ms.value_and_grad(fn, ...)`, or `grad_op(net, params)` applying a GradOperation
        self.scope = scope
        self.weights = weights  # the weights it differentiates; None: only the inputs
        self.grads_at = grads_at  # which element of the result holds the gradients (None: the result)
        self.builder = builder  # the `ops.GradOperation(...)` call, for an application of one
        self.applied: Optional[ast.Call] = None  # the call of it whose gradients are followed


def gradient(ctx: FileContext, call: ast.Call, scope: Scope) -> Optional[Gradient]:
    """The gradient function `call` builds: `grad` / `value_and_grad`, or a GradOperation instance
    applied to a network (`ops.GradOperation(get_by_list=True)(net, params)`); None otherwise."""
    entry = ctx.api_with(call.func, "autodiff", scope)
    if entry is not None:
        bound = ctx.bind(call, entry)
        if bound is None or not bound.complete or "fn" not in bound.arguments:
            return None
        weights = bound.get("weights")
        if weights is not None and isinstance(weights, ast.Constant) and weights.value is None:
            weights = None
        has_aux = _flag(ctx, bound, "has_aux", scope)
        if has_aux not in (True, False):
            return None
        if entry.short_name == "value_and_grad":
            return Gradient(call, scope, weights, 1)
        return Gradient(call, scope, weights, 0 if has_aux else None)
    builder = grad_operation(ctx, call.func, scope)
    if builder is None or not call.args or any(isinstance(a, ast.Starred) for a in call.args) or call.keywords:
        return None
    by_list = _flag(ctx, builder, "get_by_list", scope)
    if by_list not in (True, False):
        return None
    weights = call.args[1] if by_list and len(call.args) > 1 else None
    return Gradient(call, scope, weights, None, builder.call)


def _flag(ctx: FileContext, bound, name: str, scope: Scope):
    """The value of a flag argument as given, or its default (None: unknown, or no such parameter)."""
    if name in bound.arguments:
        return ctx.value(bound.arguments[name], scope)
    return bound.signature.default(name)


def grad_operation(ctx: FileContext, func: ast.expr, scope: Scope):
    """The bound `ops.GradOperation(...)` construction a called expression holds (one, seen), or None."""
    builders = [func] if isinstance(func, ast.Call) else ctx.constructed(func, scope)
    if len(builders) != 1:
        return None
    entry = ctx.api(builders[0].func, scope)
    if entry is None or "grad-operation" not in entry.traits:
        return None
    bound = ctx.bind(builders[0], entry)
    return bound if bound is not None and bound.complete else None


def gradient_function(ctx: FileContext, func: ast.expr, scope: Scope) -> Optional[Gradient]:
    """The gradient function a called expression holds: a gradient call itself, or a name or `self.attr`
    bound once to one."""
    if isinstance(func, ast.Call):
        return gradient(ctx, func, scope)
    assigned = ctx.assignments(func, scope)
    if len(assigned) != 1 or not isinstance(assigned[0][0], ast.Call):
        return None
    return gradient(ctx, assigned[0][0], assigned[0][1])


def gradients_of(ctx: FileContext, expr: ast.expr, scope: Scope, depth: int = 0) -> Optional[Gradient]:
    """The gradient function whose gradients a name holds where it is read: `grads` bound by `loss, grads
    = grad_fn(x)`, `(loss, _), grads = ...`, `grads = grad_fn(x)[1]` or `grads = ms.grad(f, ...)(x)`,
    through calls that keep them in place (`grads = ops.clip_by_global_norm(grads)`, a grad reducer)."""
    found = _bound_at(ctx, expr, scope) if isinstance(expr, ast.Name) and depth <= MAX_DEPTH else None
    if found is None:
        return None
    value, index, where = found
    if isinstance(value, ast.Subscript) and isinstance(value.slice, ast.Constant) and index is None:
        index, value = value.slice.value, value.value
        if not isinstance(index, int) or isinstance(index, bool):
            return None
    if not isinstance(value, ast.Call):
        return None
    if index is None and value.args and _keeps_gradients(ctx, value.func, where):
        return gradients_of(ctx, value.args[0], where, depth + 1)
    gradient_fn = gradient_function(ctx, value.func, where)
    if gradient_fn is None or gradient_fn.grads_at != index:
        return None
    gradient_fn.applied = value
    return gradient_fn


def _bound_at(ctx: FileContext, name: ast.Name, scope: Scope) -> Optional[Tuple[ast.expr, Optional[int], Scope]]:
    """What a name certainly holds where it is read: (the assigned value, the element it was unpacked
    from or None, the scope), by its one binding or the binding that reaches the read in its scope."""
    binding = ctx.binding(name, scope)
    if binding is None:
        return None
    node: Optional[ast.AST] = binding.node
    if len(binding.scope.bindings.get(name.id, [])) != 1:
        if binding.scope is not scope:
            return None
        node = _one_source(ctx, name, scope)
    if not isinstance(node, ast.Assign) or len(node.targets) != 1:
        return None
    path = _unpacked_at(node.targets[0], name.id)
    if path is None or len(path) > 1:
        return None
    return node.value, (path[0] if path else None), binding.scope


def _one_source(ctx: FileContext, name: ast.Name, scope: Scope) -> Optional[ast.AST]:
    """The statement whose value a name rebound several times in its scope holds at a read: the binding
    that reaches it, or the one binding that is not `name = keep(name, ...)` (clipping, a reducer: the
    gradients are the same wherever such a rebinding runs)."""
    flow = ctx.flow(scope.node)
    reaching = flow.reaching(name.id, name)
    if reaching is not None:
        return ctx.parents.enclosing(reaching.node, ast.stmt)
    sources = []
    for occurrence in flow.occurrences(name.id):
        if occurrence.kind != "bind":
            continue
        value = occurrence.value
        kept = isinstance(value, ast.Call) and value.args and isinstance(value.args[0], ast.Name)
        if not (kept and value.args[0].id == name.id and _keeps_gradients(ctx, value.func, scope)):
            sources.append(occurrence)
    return ctx.parents.enclosing(sources[0].node, ast.stmt) if len(sources) == 1 else None


def _keeps_gradients(ctx: FileContext, func: ast.expr, scope: Scope) -> bool:
    """Whether a call returns the gradients it is given in their places (clipping, a grad reducer)."""
    entry = ctx.api(func, scope)
    if entry is not None:
        return entry.kind == "function" and "keeps-gradients" in entry.traits
    built = origins(ctx, func, scope)
    return bool(built) and all(b.entry is not None and "keeps-gradients" in b.traits for b in built)


def _unpacked_at(target: ast.expr, name: str) -> Optional[Tuple[int, ...]]:
    """Where a name sits in an unpacking target: `(loss, aux), grads` puts `grads` at (1,)."""
    if isinstance(target, ast.Name):
        return () if target.id == name else None
    if not isinstance(target, (ast.Tuple, ast.List)) or any(isinstance(e, ast.Starred) for e in target.elts):
        return None
    for position, element in enumerate(target.elts):
        inner = _unpacked_at(element, name)
        if inner is not None:
            return (position,) + inner
    return None


def is_weights(ctx: FileContext, expr: ast.expr, scope: Scope) -> bool:
    """Whether an expression certainly holds parameters: `net.trainable_params()`, an optimizer's
    `.parameters`, a ParameterTuple, or a name bound once to one of them."""
    for _ in range(MAX_DEPTH):
        if isinstance(expr, ast.Call):
            if _parameters_of(ctx, expr) is not None:
                return True
            return ctx.qualname(expr.func, scope) == "mindspore.ParameterTuple"
        if isinstance(expr, ast.Attribute) and expr.attr == "parameters":
            return bool(optimizers(ctx, expr.value, scope))
        assigned = ctx.assignments(expr, scope)
        if len(assigned) != 1:
            return False
        expr, scope = assigned[0]
    return False


def parameter_owners(ctx: FileContext, expr: ast.expr, scope: Scope, depth: int = 0) -> Optional[FrozenSet[Owner]]:
    """The networks whose parameters `expr` holds (`net.trainable_params()`, an optimizer or its
    `.parameters`, lists, groups and names of them), or None when any is out of sight."""
    if depth > MAX_DEPTH:
        return None
    if isinstance(expr, ast.Call):
        network = _parameters_of(ctx, expr)
        if network is not None:
            return _network(ctx, network, scope)
        qualname = ctx.qualname(expr.func, scope)
        if qualname in _PASS_THROUGH and expr.args and not expr.keywords:
            return parameter_owners(ctx, expr.args[-1], scope, depth + 1)
        if qualname == "itertools.chain" and expr.args and not expr.keywords:
            return _union([parameter_owners(ctx, a, scope, depth + 1) for a in expr.args])
        entry = ctx.api(expr.func, scope)
        if entry is not None and "optimizer" in entry.traits:
            bound = ctx.bind(expr, entry)
            positional = bound.signature.positional if bound is not None else ()
            params = bound.get(positional[0]) if positional else None
            return parameter_owners(ctx, params, scope, depth + 1) if params is not None else None
        return None
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        return _union([parameter_owners(ctx, e, scope, depth + 1) for e in (expr.left, expr.right)])
    if isinstance(expr, (ast.List, ast.Tuple)) and expr.elts:
        return _union([parameter_owners(ctx, e, scope, depth + 1) for e in expr.elts])
    if isinstance(expr, ast.Dict) and expr.keys:
        if any(not (isinstance(k, ast.Constant) and k.value in ("params", "order_params", "lr", "weight_decay")) for k in expr.keys):
            return None
        values = [v for k, v in zip(expr.keys, expr.values) if k.value == "params"]
        return _union([parameter_owners(ctx, v, scope, depth + 1) for v in values]) if values else None
    if isinstance(expr, ast.Attribute) and expr.attr == "parameters":
        return optimizer_owners(ctx, expr.value, scope, depth + 1)
    assigned = ctx.assignments(expr, scope)
    if not assigned:
        return None
    return _union([parameter_owners(ctx, value, where, depth + 1) for value, where in assigned])


def optimizer_owners(ctx: FileContext, expr: ast.expr, scope: Scope, depth: int = 0) -> Optional[FrozenSet[Owner]]:
    """The networks whose parameters the optimizer `expr` holds, or None when out of sight."""
    built = optimizers(ctx, expr, scope)
    if not built or any(b.entry is None for b in built):
        return None
    return _union([parameter_owners(ctx, b.call, b.scope, depth + 1) for b in built])


def _parameters_of(ctx: FileContext, call: ast.Call) -> Optional[ast.expr]:
    """The network of `net.trainable_params()` / `net.get_parameters()` (its trainable ones or all)."""
    if not isinstance(call.func, ast.Attribute) or call.args or call.keywords:
        return None
    method = ctx.facts.cell_methods.get(call.func.attr)
    return call.func.value if method is not None and method.parameters in ("trainable", "all") else None


def _network(ctx: FileContext, network: ast.expr, scope: Scope, depth: int = 0) -> Optional[FrozenSet[Owner]]:
    """Who a network is: the calls that built it and the Cells built into it (`WithLossCell(net, loss)`
    holds `net`'s parameters too), or None when out of sight."""
    built = origins(ctx, network, scope) if depth <= MAX_DEPTH else []
    if not built:
        return None
    found = set()
    for b in built:
        found.add(("built", id(b.call)))
        for argument in list(b.call.args) + [k.value for k in b.call.keywords]:
            held = origins(ctx, argument, b.scope) if isinstance(argument, (ast.Name, ast.Attribute)) else []
            if any("cell" in h.traits for h in held):
                inner = _network(ctx, argument, b.scope, depth + 1)
                if inner is None:
                    return None
                found |= inner
    return frozenset(found)


def _union(parts: List[Optional[FrozenSet[Owner]]]) -> Optional[FrozenSet[Owner]]:
    if not parts or any(p is None for p in parts):
        return None
    return frozenset().union(*parts)


def distinct(a: FrozenSet[Owner], b: FrozenSet[Owner]) -> bool:
    """Whether two sets of networks are certainly different networks (each built by its own call)."""
    return bool(a) and bool(b) and not (a & b)
