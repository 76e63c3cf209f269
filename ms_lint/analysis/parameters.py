"""A network's parameters: what reaches an optimizer's params, which expressions give a network's
parameters, which name is one of them, and which expression is a copy of one."""
from __future__ import annotations

import ast
from typing import List, NamedTuple, Optional

from ms_lint.analysis.context import FileContext
from ms_lint.analysis.dataflow import position
from ms_lint.analysis.kinds import nn_optimizer_entry
from ms_lint.analysis.names import MAX_DEPTH, Scope
from ms_lint.analysis.parents import walk

PARAMS_NAMES = ("params", "parameters")
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)
_PASS_THROUGH = ("builtins.list", "builtins.tuple", "builtins.sorted", "mindspore.ParameterTuple")
# what a copy's data is read through: `Parameter(Tensor(p.value()))`, `Parameter(p.asnumpy())`, `Parameter(p.data)`
_DATA_METHODS = frozenset({"value", "asnumpy", "numpy", "copy", "clone", "data", "init_data"})
_DATA_FUNCTIONS = frozenset(
    {"mindspore.Tensor", "mindspore.tensor", "numpy.array", "numpy.asarray", "numpy.copy", "copy.deepcopy", "copy.copy"}
)


class Source(NamedTuple):
    """A network's parameters: the network expression, the scope it is named in, whether the items
    are `(name, parameter)` pairs (`parameters_and_names()`, `parameters_dict().items()`), and which
    of them: "trainable", "untrainable", "all" (the Cell method's), or "some" (filtered)."""

    network: ast.expr
    scope: Scope
    pairs: bool
    kind: str = "some"


# --- the optimizer's params -------------------------------------------------------------------
def optimizer_params(ctx: FileContext, call: ast.Call) -> Optional[ast.expr]:
    """The params argument of a `mindspore.nn` optimizer, or of a project subclass that hands it on."""
    entry = ctx.api(call.func)
    if entry is not None:
        bound = ctx.bind(call, entry) if nn_optimizer_entry(entry) else None
        return next((bound.get(n) for n in PARAMS_NAMES if bound and bound.get(n) is not None), None)
    init = _project_optimizer_init(ctx, call.func)
    names = [a.arg for a in init.args.posonlyargs + init.args.args][1:] if init else []
    name = next((n for n in PARAMS_NAMES if n in names), None)
    if name is None or not _hands_on(init, name):
        return None
    keyword = next((k.value for k in call.keywords if k.arg == name), None)
    index = names.index(name)
    if keyword is not None or any(isinstance(a, ast.Starred) for a in call.args[: index + 1]):
        return keyword
    return call.args[index] if index < len(call.args) else None


def _project_optimizer_init(ctx: FileContext, func: ast.expr) -> Optional[ast.FunctionDef]:
    """The `__init__` of a class in this module deriving from a `mindspore.nn` optimizer."""
    binding = ctx.binding(func) if isinstance(func, ast.Name) else None
    if binding is None or binding.kind != "class":
        return None
    for qualname in ctx.classes.bases(binding.node, binding.scope):
        entry = ctx.facts.lookup(qualname)
        if entry is not None and nn_optimizer_entry(entry):
            return next((s for s in binding.node.body if isinstance(s, ast.FunctionDef) and s.name == "__init__"), None)
    return None


def _hands_on(init: ast.FunctionDef, name: str) -> bool:
    """Whether `__init__` only passes its `name` parameter on to a base class's `__init__`."""
    uses = [n for n in walk(init) if isinstance(n, ast.Name) and n.id == name]
    handed = [
        arg
        for call in walk(init)
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "__init__"
        for arg in call.args + [k.value for k in call.keywords]
        if isinstance(arg, ast.Name) and arg.id == name
    ]
    return bool(uses) and len(uses) == len(handed)


# --- a network's parameters -------------------------------------------------------------------
def parameter_source(ctx: FileContext, expr: ast.AST, scope: Scope, depth: int = 0) -> Optional[Source]:
    """The network whose parameters (all of them or some) `expr` holds: `net.trainable_params()`,
    `net.get_parameters()`, `net.parameters_and_names()`, `net.parameters_dict().values()` / `.items()`,
    `list(...)`, `filter(f, ...)` or `[p for p in ... if ...]` of one, a name only ever assigned one, or
    the `parameters` of an optimizer only ever built over one."""
    if depth > MAX_DEPTH:
        return None
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and not expr.args:
        method = ctx.facts.cell_methods.get(expr.func.attr)
        if method is not None and method.parameters is not None and method.returns != "dict":
            return Source(expr.func.value, scope, expr.func.attr == "parameters_and_names", method.parameters)
        inner = expr.func.value
        if expr.func.attr in ("values", "items") and isinstance(inner, ast.Call) and not inner.args:
            method = ctx.facts.cell_methods.get(inner.func.attr) if isinstance(inner.func, ast.Attribute) else None
            if method is not None and method.returns == "dict" and method.parameters is not None:
                return Source(inner.func.value, scope, expr.func.attr == "items", method.parameters)
        return None
    if isinstance(expr, ast.Call) and expr.args and not isinstance(expr.args[-1], ast.Starred):
        qualname = ctx.qualname(expr.func, scope)
        source = parameter_source(ctx, expr.args[-1], scope, depth + 1) if len(expr.args) <= 2 else None
        if qualname in _PASS_THROUGH and len(expr.args) == 1:
            return source
        return source._replace(kind="some") if qualname == "builtins.filter" and source is not None else None
    if isinstance(expr, (ast.ListComp, ast.GeneratorExp)) and len(expr.generators) == 1:
        generator = expr.generators[0]
        source = parameter_source(ctx, generator.iter, scope, depth + 1)
        kind = source.kind if source is not None and not generator.ifs else "some"
        if source is not None and _item_name(generator.target, source) == _name_of(expr.elt):
            return source._replace(pairs=False, kind=kind)
        if source is not None and source.pairs and _same_target(generator.target, expr.elt):
            return source._replace(kind=kind)
        return None
    if isinstance(expr, ast.Attribute) and expr.attr == "parameters":  # `optimizer.parameters`: what it was built over
        built = ctx.assignments(expr.value, scope)
        params = [(optimizer_params(ctx, v), where) for v, where in built if isinstance(v, ast.Call)]
        if built and len(params) == len(built) and all(p is not None for p, _ in params):
            found = [parameter_source(ctx, p, where, depth + 1) for p, where in params]
            if all(f is not None for f in found) and len({ctx.text(f.network) for f in found}) == 1:
                return found[0]
            return None
    if isinstance(expr, (ast.Name, ast.Attribute)):
        values = ctx.assignments(expr, scope)
        found = [parameter_source(ctx, v, where, depth + 1) for v, where in values]
        if found and all(f is not None for f in found) and len({ctx.text(f.network) for f in found}) == 1:
            return found[0]
    return None


def network_parameter(ctx: FileContext, name: ast.Name, scope: Scope) -> Optional[Source]:
    """The parameters a name iterates when it is a loop or comprehension variable over a network's
    parameters (`for p in net.trainable_params()`, `for n, p in net.parameters_and_names()`,
    `[... for p in params]`), not rebound before the use; else None."""
    for parent, child in ctx.parents.links(name):
        if isinstance(parent, _COMPREHENSIONS):
            for generator in parent.generators:
                if child is not generator and _binds(generator.target, name.id):
                    source = _iterated(ctx, generator.iter, scope)
                    return source if source is not None and _item_name(generator.target, source) == name.id else None
        elif isinstance(parent, (ast.For, ast.AsyncFor)) and child is not parent.iter and _binds(parent.target, name.id):
            targets = {id(n) for n in walk(parent.target)}
            binds = [o for o in ctx.flow(scope.node).occurrences(name.id) if o.kind == "bind"]
            if any(position(parent) <= o.at < position(name) and id(o.node) not in targets for o in binds):
                return None  # rebound in the loop before the use
            source = _iterated(ctx, parent.iter, scope)
            return source if source is not None and _item_name(parent.target, source) == name.id else None
        elif isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            return None
    return None


def is_parameter(ctx: FileContext, expr: ast.AST, scope: Scope) -> bool:
    """Whether `expr` is evidently a MindSpore Parameter: a variable over a network's parameters, or a
    name or `self.x` only ever assigned `Parameter(...)`."""
    if isinstance(expr, ast.Name) and network_parameter(ctx, expr, scope) is not None:
        return True
    values = ctx.assignments(expr, scope) if isinstance(expr, (ast.Name, ast.Attribute)) else []
    return bool(values) and all(
        isinstance(v, ast.Call) and ctx.qualname(v.func, where) == "mindspore.Parameter" for v, where in values
    )


def copied(ctx: FileContext, expr: ast.AST, scope: Scope) -> Optional[ast.expr]:
    """What `expr` copies when it is a copy of a network's parameter or parameters, or None:
    `Parameter(<data of p>)` (`Tensor(p.value())`, `p.asnumpy()`, `p`), `p.clone()`, `copy.deepcopy(p)`,
    `copy.deepcopy(net.trainable_params())`."""
    if not isinstance(expr, ast.Call):
        return None
    qualname = ctx.qualname(expr.func, scope)
    if qualname == "mindspore.Parameter":
        data = expr.args[0] if expr.args else next((k.value for k in expr.keywords if k.arg == "default_input"), None)
        return _data_of(ctx, data, scope, 0) if data is not None else None
    if qualname == "copy.deepcopy" and len(expr.args) == 1:
        arg = expr.args[0]
        if isinstance(arg, ast.Name) and network_parameter(ctx, arg, scope) is not None:
            return arg
        source = parameter_source(ctx, arg, scope)
        return arg if source is not None and not source.pairs else None
    func = expr.func
    if isinstance(func, ast.Attribute) and func.attr == "clone" and not expr.args and isinstance(func.value, ast.Name):
        return func.value if network_parameter(ctx, func.value, scope) is not None else None
    return None


def _data_of(ctx: FileContext, expr: ast.AST, scope: Scope, depth: int) -> Optional[ast.Name]:
    """The network parameter whose data an expression reads, through `.value()`, `.asnumpy()`, `.data`,
    `Tensor(...)`, `np.array(...)`, `copy.deepcopy(...)`; or None."""
    if depth > MAX_DEPTH:
        return None
    if isinstance(expr, ast.Name):
        return expr if network_parameter(ctx, expr, scope) is not None else None
    if isinstance(expr, ast.Attribute) and expr.attr in _DATA_METHODS:
        return _data_of(ctx, expr.value, scope, depth + 1)
    if isinstance(expr, ast.Call):
        if isinstance(expr.func, ast.Attribute) and expr.func.attr in _DATA_METHODS:
            return _data_of(ctx, expr.func.value, scope, depth + 1)
        if expr.args and ctx.qualname(expr.func, scope) in _DATA_FUNCTIONS:
            return _data_of(ctx, expr.args[0], scope, depth + 1)
    return None


def overlap(ctx: FileContext, a: Source, b: Source) -> bool:
    """Whether two networks share parameters as written: the same expression, or one a part of the
    other (`net` and `net.backbone`), whose root names the same binding."""
    text_a, text_b = ctx.text(a.network), ctx.text(b.network)
    if not (text_a == text_b or text_a.startswith(text_b + ".") or text_b.startswith(text_a + ".")):
        return False
    root_a, root_b = _root(a.network), _root(b.network)
    if not (isinstance(root_a, ast.Name) and isinstance(root_b, ast.Name)):
        return False
    binding_a, binding_b = ctx.binding(root_a, a.scope), ctx.binding(root_b, b.scope)
    return binding_a is not None and binding_a.scope is getattr(binding_b, "scope", None)


def _root(expr: ast.expr) -> ast.expr:
    while isinstance(expr, ast.Attribute):
        expr = expr.value
    return expr


def _iterated(ctx: FileContext, iterable: ast.expr, scope: Scope) -> Optional[Source]:
    """The parameters a loop iterates, `enumerate(...)` of them as pairs."""
    if isinstance(iterable, ast.Call) and ctx.qualname(iterable.func, scope) == "builtins.enumerate" and iterable.args:
        source = parameter_source(ctx, iterable.args[0], scope)
        return source._replace(pairs=True) if source is not None and not source.pairs else None
    return parameter_source(ctx, iterable, scope)


def _item_name(target: ast.expr, source: Source) -> Optional[str]:
    """The name a loop target gives each parameter: the target itself, or a pair's second name."""
    if not source.pairs:
        return target.id if isinstance(target, ast.Name) else None
    if isinstance(target, (ast.Tuple, ast.List)) and len(target.elts) == 2 and isinstance(target.elts[1], ast.Name):
        return target.elts[1].id
    return None


def _binds(target: ast.expr, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name for n in walk(target))


def _name_of(expr: ast.expr) -> Optional[str]:
    return expr.id if isinstance(expr, ast.Name) else None


def _same_target(target: ast.expr, elt: ast.expr) -> bool:
    """`[(n, p) for n, p in pairs]`: the element rebuilds the target."""
    return isinstance(elt, ast.Tuple) and ast.dump(target).replace("Store", "Load") == ast.dump(elt)


def reaching_values(ctx: FileContext, expr: ast.expr, at: ast.AST, scope: Scope) -> List[ast.expr]:
    """What a name holds at `at` in its scope's flow: the value of the binding certain to hold there,
    and the items appended or extended into it before `at`; `[expr]` for anything else."""
    if not isinstance(expr, ast.Name):
        return [expr]
    flow = ctx.flow(scope.node)
    bound = flow.reaching(expr.id, expr)
    if bound is None or bound.value is None:
        return [expr]
    found = [bound.value]
    for o in flow.between(expr.id, bound, at):
        if o.method in ("append", "insert") and o.value is not None:
            found.append(o.value)
        elif o.method in ("extend", "+=") and o.value is not None:
            found.append(o.value)
    return found
