"""Parameter groups: the group dicts a `mindspore.nn` optimizer's params list holds (the argument itself: analysis.parameters)."""
from __future__ import annotations

import ast
from typing import Dict, List, NamedTuple, Optional, Tuple

from ms_lint.analysis.dataflow import Flow, Occurrence


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
