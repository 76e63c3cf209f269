"""What built a value: the constructor calls behind a name or `self.attr`, with their facts traits."""
from __future__ import annotations

import ast
from typing import FrozenSet, List, Optional, Tuple

from ms_lint.analysis.context import FileContext
from ms_lint.analysis.dataflow import returns, self_parameter
from ms_lint.analysis.names import DEFS, MAX_DEPTH, Scope
from ms_lint.facts import ApiEntry


class Built:
    """What a constructor call made: its facts entry (if MindSpore's own class), traits and class."""

    def __init__(
        self,
        call: ast.Call,
        scope: Scope,
        entry: Optional[ApiEntry],
        traits: FrozenSet[str],
        cls: Optional[ast.ClassDef],
        outside: Optional[str] = None,
    ) -> None:
        self.call = call
        self.scope = scope  # where the call's own names are looked up
        self.entry = entry  # set only when the call names a MindSpore class itself
        self.traits = traits
        self.project_class = cls
        self.outside = outside  # a class of another module or installed package: its qualified name

    def defines(self, ctx: FileContext, attribute: str) -> bool:
        """Whether the project's own class (or a project base of it) defines `attribute`."""
        if self.outside is not None:
            view = ctx.classes.view_of(self.outside)
            return view is None or not view.complete or attribute in view.methods
        return any(ctx.classes.defines(cls, attribute) for cls in ctx.classes.lineage(self.project_class))


def built_by(ctx: FileContext, call: ast.Call, scope: Scope, depth: int = 0) -> Optional[Built]:
    """What `call` constructs, as far as the facts table and the module's own classes tell, or what a
    function of this module it calls returns (the one source of construction evidence: `kinds` asks
    here, so a new source joins here)."""
    qualname = ctx.qualname(call.func, scope)
    if qualname:
        entry = ctx.facts.lookup(qualname, ctx.patches)
        return Built(call, scope, entry, entry.traits, None) if entry is not None else _outside(ctx, call, scope, qualname)
    function = called_function(ctx, call, scope)
    if function is not None:
        return _returned(ctx, function, depth)
    if not isinstance(call.func, ast.Name):
        return None
    binding = ctx.names.lookup(call.func.id, scope, call.func.lineno)
    if binding is None or binding.kind != "class":
        return None
    traits = set()
    for cls in ctx.classes.lineage(binding.node):
        outer = ctx.classes.outer_scope(cls)
        for base in cls.bases:
            if ctx.classes.local(base, outer) is not None:
                continue
            qualname = ctx.qualname(base, outer)
            entry = ctx.facts.lookup(qualname, ctx.patches) if qualname else None
            if entry is None and qualname != "builtins.object":
                return None  # a base out of this module's sight may define anything
            traits |= entry.traits if entry is not None else set()
    return Built(call, scope, None, frozenset(traits), binding.node)


def called_function(ctx: FileContext, call: ast.Call, scope: Scope) -> Optional[ast.FunctionDef]:
    """The undecorated def of this module a call runs: a function called by name, or a method called
    on `self` that its class defines and no subclass in this module redefines."""
    func = call.func
    if isinstance(func, ast.Name):
        binding = ctx.names.lookup(func.id, scope, func.lineno)
        function = binding.node if binding is not None and binding.kind == "def" else None
    elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == self_parameter(scope.node):
        owner = ctx.method_owner(scope)
        if owner is None or not isinstance(owner.node, ast.ClassDef) or ctx.classes.subclasses(owner.node):
            return None
        methods = [s for s in owner.node.body if isinstance(s, DEFS) and s.name == func.attr]
        function = methods[0] if len(methods) == 1 else None
    else:
        return None
    return function if isinstance(function, ast.FunctionDef) and not function.decorator_list else None


def _returned(ctx: FileContext, function: ast.FunctionDef, depth: int) -> Optional[Built]:
    """What a function returns when every `return` gives a construction of the same class (`return
    nn.MSELoss()`, or a name assigned one), or None; once per function."""
    key = ("returned", id(function))
    if key not in ctx.memo:
        ctx.memo[key] = None  # a recursive call sees None
        ctx.memo[key] = _returned_now(ctx, function, depth)
    return ctx.memo[key]


def _returned_now(ctx: FileContext, function: ast.FunctionDef, depth: int) -> Optional[Built]:
    found = returns(function)
    if not found or depth > MAX_DEPTH or any(r.value is None for r in found):
        return None
    inner = ctx.names.scope_of(function, ctx.names.module)
    built: List[Built] = []
    for value in (r.value for r in found):
        if isinstance(value, ast.Call):
            one = built_by(ctx, value, inner, depth + 1)
            made = [one] if one is not None else []
        else:
            made = origins(ctx, value, inner) if isinstance(value, (ast.Name, ast.Attribute)) else []
        if not made:
            return None
        built += made
    kinds = {(b.entry.qualname if b.entry else None, id(b.project_class), b.outside) for b in built}
    return built[0] if len(kinds) == 1 else None


def _outside(ctx: FileContext, call: ast.Call, scope: Scope, qualname: str) -> Optional[Built]:
    """A class of another module of the project or of an installed package, followed through the
    module summaries to MindSpore's classes, or what a function of such a module returns (`return
    nn.MSELoss()`); None when any class on the way is out of sight."""
    imported = ctx.classes.imported(call.func, scope, qualname)
    if not imported:
        return None
    lineage = ctx.classes.lineage_of(imported)
    if not lineage:
        made = ctx.classes.project.returned_class(imported)
        entry = ctx.facts.lookup(ctx.facts.canonical(made), ctx.patches) if made else None
        if entry is not None:  # the call is the function's, not the class's: no entry to bind it with
            return Built(call, scope, None, entry.traits, None)
        lineage = ctx.classes.lineage_of(made) if made else None
        if not lineage:
            return None
        imported = made
    traits = set()
    for name in lineage[1:]:
        entry = ctx.facts.lookup(name, ctx.patches)
        if entry is not None:
            traits |= entry.traits
        elif name != "builtins.object" and ctx.classes.project.find_class(name) is None:
            return None
    return Built(call, scope, None, frozenset(traits), None, imported)


def origins(ctx: FileContext, expr: ast.AST, scope: Optional[Scope] = None, through_callers: bool = False) -> List[Built]:
    """What built a name or `self.attr`: one entry per constructor call, or [] when any is unknown.
    With `through_callers`, a function's parameter is what this module's calls of it pass (see `passed`)."""
    assigned = ctx.assignments(expr, scope)
    if not assigned and through_callers:
        assigned = passed(ctx, expr, scope or ctx.scope)
    if not assigned or not all(isinstance(value, ast.Call) for value, _ in assigned):
        return []
    found = [built_by(ctx, value, value_scope) for value, value_scope in assigned]
    return found if all(b is not None for b in found) else []


def passed(ctx: FileContext, expr: ast.AST, scope: Scope) -> List[Tuple[ast.expr, Scope]]:
    """The arguments this module's calls of a function pass for its parameter `expr` (never rebound
    in it), each with the caller's scope; [] when the function is never called by name here, or a
    call passes nothing for it, or unpacks `*args` / `**kwargs`."""
    binding = ctx.names.lookup(expr.id, scope, expr.lineno) if isinstance(expr, ast.Name) else None
    if binding is None or binding.kind != "param" or len(binding.scope.bindings.get(expr.id, [])) != 1:
        return []
    function = binding.scope.node
    args = getattr(function, "args", None)
    if args is None or not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return []
    positional = [a.arg for a in args.posonlyargs + args.args]
    index = positional.index(expr.id) if expr.id in positional else None
    found: List[Tuple[ast.expr, Scope]] = []
    callers = ctx.callers(function)
    for call, where in callers:
        if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
            return []
        given = call.args[index] if index is not None and index < len(call.args) else None
        given = given or next((k.value for k in call.keywords if k.arg == expr.id), None)
        if given is None:
            return []
        if isinstance(given, (ast.Name, ast.Attribute)):  # `train(net, opt)`: what `opt` was assigned
            values = ctx.assignments(given, where)
            if not values:
                return []
            found += values
        else:
            found.append((given, where))
    return found


def learning_rate_kind(ctx: FileContext, built: Built) -> Optional[Tuple[str, ast.AST]]:
    """("dynamic", lr) / ("grouped", params) when the optimizer's learning rate is not one Parameter."""
    bound = ctx.bind(built.call, built.entry) if built.entry is not None else None
    if bound is None:
        return None
    lr = bound.get("learning_rate")
    if lr is not None and _is_dynamic(ctx, lr, built.scope, 0):
        return "dynamic", lr
    params = bound.get("params")
    if params is not None and _has_group_lr(ctx, params, built.scope):
        return "grouped", params
    return None


def _is_dynamic(ctx: FileContext, expr: ast.AST, scope: Scope, depth: int) -> bool:
    """A list, a 1-D Tensor literal, a LearningRateSchedule or a dynamic-lr function's result."""
    if depth > MAX_DEPTH:
        return False
    if isinstance(expr, (ast.List, ast.Tuple, ast.ListComp)):
        return True
    if isinstance(expr, ast.Call):
        if ctx.qualname(expr.func, scope) == "mindspore.Tensor":
            data = expr.args[0] if expr.args else None
            if isinstance(data, ast.Call) and ctx.qualname(data.func, scope) in ("numpy.array", "numpy.asarray"):
                data = data.args[0] if data.args else None
            return isinstance(data, (ast.List, ast.Tuple))
        built = built_by(ctx, expr, scope)
        return built is not None and bool(built.traits & {"lr-schedule", "dynamic-lr"})
    if isinstance(expr, (ast.Name, ast.Attribute)):
        values = ctx.assignments(expr, scope)
        return bool(values) and all(_is_dynamic(ctx, v, where, depth + 1) for v, where in values)
    return False


def _has_group_lr(ctx: FileContext, params: ast.AST, scope: Scope) -> bool:
    """A literal list of group dicts, one of which has an 'lr' key."""
    values = [params] if isinstance(params, ast.List) else [v for v, _ in ctx.assignments(params, scope)]
    return any(
        isinstance(v, ast.List)
        and any(isinstance(e, ast.Dict) and any(_is_str(k, "lr") for k in e.keys) for e in v.elts)
        for v in values
    )


def _is_str(node: Optional[ast.AST], text: str) -> bool:
    return isinstance(node, ast.Constant) and node.value == text
