"""What reaches a `mindspore.nn` optimizer's params: the argument, and the group dicts a list holds."""
from __future__ import annotations

import ast
from typing import Dict, List, NamedTuple, Optional, Tuple

from ms_lint.analysis.dataflow import Flow, Occurrence
from ms_lint.analysis.kinds import nn_optimizer_entry

PARAMS_NAMES = ("params", "parameters")


class GroupKey(NamedTuple):
    """One key of a group dict: the key's node and its value."""

    node: ast.AST
    value: ast.expr


class Group:
    """One group dict that reaches the optimizer, the node that adds it, and whether that is conditional."""

    def __init__(self, node: ast.AST, keys: Dict[str, GroupKey], added: ast.AST, conditional: bool):
        self.node, self.keys, self.added, self.conditional = node, keys, added, conditional

    @property
    def params(self) -> Optional[ast.expr]:
        return self.keys["params"].value if "params" in self.keys and "order_params" not in self.keys else None


def optimizer_params(ctx, call: ast.Call) -> Optional[ast.expr]:
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


class ParamsView:
    """One scope's flow seen from one optimizer call: what names certainly hold, and the groups reaching it."""

    def __init__(self, ctx, flow: Flow, call: ast.Call) -> None:
        self.ctx, self.flow, self.call = ctx, flow, call

    def value(self, expr: ast.expr) -> Tuple[ast.expr, Optional[Occurrence]]:
        """What a name certainly holds at its use (its assignment's value, and that binding), or `expr`."""
        if isinstance(expr, ast.Name):
            bound = self.flow.reaching(expr.id, expr)
            if bound is not None and bound.value is not None:
                return bound.value, bound
        return expr, None

    def groups(self, params: ast.expr) -> Optional[Tuple[List[Group], bool]]:
        """The group dicts a params list holds when the optimizer is built, and whether that is all of it."""
        container, bound = self.value(params)
        if not isinstance(container, (ast.List, ast.Tuple)):
            return None
        groups = [g for g in (self.group(e, e, False) for e in container.elts) if g is not None]
        complete = len(groups) == len(container.elts)
        for o in self.flow.between(bound.node.id, bound, self.call) if bound is not None else ():
            values = [o.value] if o.method in ("append", "insert") else []
            if o.method in ("extend", "+=") and isinstance(o.value, (ast.List, ast.Tuple)):
                values = o.value.elts
            added = [self.group(v, o.node, self.flow.conditional(o.node, bound.node)) for v in values]
            groups += [g for g in added if g is not None]
            complete = complete and bool(values) and None not in added
        return (groups, complete) if groups else None

    def group(self, expr: ast.expr, added: ast.AST, conditional: bool) -> Optional[Group]:
        """A dict literal, a `dict(...)` call, or a name certainly bound to one, as a group."""
        node, _ = self.value(expr)
        if isinstance(node, ast.Dict):
            pairs = [(k.value, k, v) for k, v in zip(node.keys, node.values) if isinstance(k, ast.Constant)]
        elif isinstance(node, ast.Call) and self.ctx.qualname(node.func) == "builtins.dict" and not node.args:
            pairs = [(k.arg, k, k.value) for k in node.keywords if k.arg is not None]
        else:
            return None
        return Group(node, {key: GroupKey(k, v) for key, k, v in pairs if isinstance(key, str)}, added, conditional)


def _project_optimizer_init(ctx, func: ast.expr) -> Optional[ast.FunctionDef]:
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
    uses = [n for n in ast.walk(init) if isinstance(n, ast.Name) and n.id == name]
    handed = [
        arg
        for call in ast.walk(init)
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "__init__"
        for arg in call.args + [k.value for k in call.keywords]
        if isinstance(arg, ast.Name) and arg.id == name
    ]
    return bool(uses) and len(uses) == len(handed)
