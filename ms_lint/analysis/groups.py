"""Parameter groups: the group dicts a `mindspore.nn` optimizer's params list holds (the argument
itself: analysis.parameters), and how a group's params are written, in terms that need no facts table
(what the module summaries keep of a helper that returns groups)."""
from __future__ import annotations

import ast
from typing import Callable, Dict, List, NamedTuple, Optional, Set, Tuple

from ms_lint.analysis.dataflow import Flow, Occurrence

# The standard library's functions that return a one-shot iterator.
ITERATOR_FUNCTIONS = frozenset(
    {"builtins.filter", "builtins.map", "builtins.iter", "itertools.chain", "itertools.chain.from_iterable"}
)
QualName = Callable[[ast.expr], Optional[str]]  # the qualified name a name or attribute chain stands for


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
    """One scope's flow seen from one optimizer call (or the `return` of a helper that builds the
    groups): what names certainly hold, and the groups reaching it."""

    def __init__(self, qualname: QualName, flow: Flow, call: ast.AST) -> None:
        self.qualname, self.flow, self.call = qualname, flow, call

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
        elif isinstance(node, ast.Call) and self.qualname(node.func) == "builtins.dict" and not node.args:
            pairs = [(k.arg, k, k.value) for k in node.keywords if k.arg is not None]
        else:
            return None
        return Group(node, {key: GroupKey(k, v) for key, k, v in pairs if isinstance(key, str)}, added, conditional)

    def fills(self, name: ast.Name, bound: Occurrence, exclude: Set[int]) -> List[Occurrence]:
        """What may touch a list between its binding and the call, the nodes in `exclude` (reads in
        the group dicts) aside."""
        return [o for o in self.flow.between(name.id, bound, self.call) if id(o.node) not in exclude]

    def certainly_empty(self, params: ast.expr, exclude: Set[int]) -> bool:
        """Whether the params are `[]` or a name bound to `[]` that nothing may fill before the call."""
        value, bound = self.value(params)
        return is_empty_list(value, self.qualname) and (bound is None or not self.fills(params, bound, exclude))

    def form(self, params: ast.expr) -> str:
        """How a group's params are written, followed through a name's assignment: "empty" (certainly
        `[]`), else `params_form` of the value."""
        return "empty" if self.certainly_empty(params, set()) else params_form(self.value(params)[0], self.qualname)


def params_form(value: ast.expr, qualname: QualName) -> str:
    """"generator" (a generator expression), "call:<qualified name>" (`filter(...)`,
    `itertools.chain(...)`: one of ITERATOR_FUNCTIONS), "method:<name>" (`net.get_parameters()`),
    "self-method:<name>" (`self.get_parameters()`, which the class may redefine), or "" for anything else."""
    if isinstance(value, ast.GeneratorExp):
        return "generator"
    if not isinstance(value, ast.Call):
        return ""
    found = qualname(value.func)
    if found in ITERATOR_FUNCTIONS:
        return "call:" + found
    if isinstance(value.func, ast.Attribute):
        receiver = value.func.value
        own = isinstance(receiver, ast.Name) and receiver.id == "self"
        return ("self-method:" if own else "method:") + value.func.attr
    return ""


def is_empty_list(value: ast.expr, qualname: QualName) -> bool:
    """`[]`, `()`, `list()` or `tuple()`."""
    if isinstance(value, (ast.List, ast.Tuple)):
        return not value.elts
    empty_call = isinstance(value, ast.Call) and not value.args and not value.keywords
    return empty_call and qualname(value.func) in ("builtins.list", "builtins.tuple")
