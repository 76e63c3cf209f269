"""Optimizer parameter groups: what reaches a `mindspore.nn` optimizer's params (MSL201-MSL206)."""
from __future__ import annotations

import ast
from typing import Dict, List, Optional, Tuple

from ms_lint.context import fix
from ms_lint.findings import SAFE
from ms_lint.flow import Flow, Occurrence, position
from ms_lint.rules import ERROR, WARNING, Checker, Rule

ITERATOR_PARAMS = Rule("MSL201", "optimizer-iterator-params", "A one-shot iterator reaches an optimizer's params", ERROR, fix=SAFE)
GROUP_EMPTY = Rule("MSL202", "optimizer-group-empty", "A parameter group is certainly empty: ValueError", ERROR)
GROUP_DUPLICATE = Rule("MSL203", "optimizer-group-duplicate", "The same parameters in two groups: RuntimeError", ERROR)
GROUP_KEY = Rule("MSL204", "optimizer-group-unsupported-key", "A group key mindspore.nn optimizers reject: KeyError", ERROR)
ORDER_PARAMS = Rule("MSL205", "optimizer-order-params", "order_params not alone, or fewer than the groups: ValueError", ERROR)
GROUP_MAYBE_EMPTY = Rule(
    "MSL206", "optimizer-group-maybe-empty", "A filtered group added without an emptiness guard", WARNING, default_enabled=False
)

ITERATOR_METHODS = frozenset({"get_parameters", "parameters_and_names"})
ITERATOR_FUNCTIONS = frozenset({"builtins.filter", "builtins.map", "builtins.iter", "itertools.chain", "itertools.chain.from_iterable"})
FULL_SET_METHODS = frozenset({"trainable_params", "get_parameters", "parameters_and_names"})
NOT_CONSUMING = frozenset("builtins." + f for f in ("isinstance", "type", "id", "print", "repr", "str", "callable", "hasattr"))
PARAMS_NAMES = ("params", "parameters")


class Group:
    """One group dict that reaches the optimizer, and the node that adds it to the list."""

    def __init__(self, node: ast.AST, keys: Dict[str, Tuple[ast.AST, ast.expr]], open_keys: bool, added: ast.AST, conditional: bool):
        self.node, self.keys, self.open_keys, self.added, self.conditional = node, keys, open_keys, added, conditional

    @property
    def params(self) -> Optional[ast.expr]:
        return self.keys["params"][1] if "params" in self.keys and "order_params" not in self.keys else None


class OptimizerGroupsChecker(Checker):
    rules = (ITERATOR_PARAMS, GROUP_EMPTY, GROUP_DUPLICATE, GROUP_KEY, ORDER_PARAMS, GROUP_MAYBE_EMPTY)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.flows: Dict[int, Flow] = {}

    def visit_Call(self, node: ast.Call) -> None:
        params = self.optimizer_params(node)
        if params is None:
            return
        scope = self.ctx.scope.node
        if id(scope) not in self.flows:
            self.flows[id(scope)] = Flow(scope)
        self.flow, self.call = self.flows[id(scope)], node
        found = self.groups(params)
        if found is None:
            self.check_iterator(params, in_group=False)
            return
        groups, complete = found
        for group in groups:
            self.check_group(group, groups)
        self.check_duplicates([g for g in groups if g.params is not None and not self.certainly_empty(g.params, groups)])
        if complete:
            self.check_order_length(groups)

    # --- what reaches the optimizer -----------------------------------------------------------
    def optimizer_params(self, call: ast.Call) -> Optional[ast.expr]:
        """The params argument of a `mindspore.nn` optimizer or a project nn.Optimizer subclass."""
        ctx = self.ctx
        entry = ctx.api(call.func)
        if entry is not None:
            if "optimizer" not in entry.traits or not entry.qualname.startswith("mindspore.nn."):
                return None
            bound = ctx.bind(call, entry)
            return next((bound.get(n) for n in PARAMS_NAMES if bound and bound.get(n) is not None), None)
        init = self.project_optimizer_init(call.func)
        if init is None:
            return None
        names = [a.arg for a in init.args.posonlyargs + init.args.args][1:]
        for keyword in call.keywords:
            if keyword.arg in PARAMS_NAMES:
                return keyword.value
        index = next((names.index(n) for n in PARAMS_NAMES if n in names), None)
        positional = [a for a in call.args[: (index or 0) + 1] if not isinstance(a, ast.Starred)]
        return call.args[index] if index is not None and len(positional) > index else None

    def project_optimizer_init(self, func: ast.expr) -> Optional[ast.FunctionDef]:
        """The `__init__` of a class in this module deriving from a `mindspore.nn` optimizer."""
        binding = self.ctx.binding(func) if isinstance(func, ast.Name) else None
        if binding is None or binding.kind != "class":
            return None
        for qualname in self.ctx.class_bases(binding.node, binding.scope):
            entry = self.ctx.facts.lookup(qualname)
            if entry is not None and "optimizer" in entry.traits and qualname.startswith("mindspore.nn."):
                return next((s for s in binding.node.body if isinstance(s, ast.FunctionDef) and s.name == "__init__"), None)
        return None

    def binding_value(self, expr: ast.expr) -> Tuple[ast.expr, Optional[Occurrence]]:
        """What a name certainly holds at its use (its assignment's value), or the expression itself."""
        if isinstance(expr, ast.Name):
            bound = self.flow.reaching(expr.id, expr)
            if bound is not None and bound.value is not None:
                return bound.value, bound
        return expr, None

    def groups(self, params: ast.expr) -> Optional[Tuple[List[Group], bool]]:
        """The group dicts a params list holds when the optimizer is built, and whether that is all."""
        container, bound = self.binding_value(params)
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
        """A dict literal, `dict(...)` call, or a name certainly bound to one, as a group."""
        node, _ = self.binding_value(expr)
        if isinstance(node, ast.Dict):
            keys = {k.value: (k, v) for k, v in zip(node.keys, node.values) if isinstance(k, ast.Constant) and isinstance(k.value, str)}
            return Group(node, keys, len(keys) < len(node.keys), added, conditional)
        if isinstance(node, ast.Call) and self.ctx.qualname(node.func) == "builtins.dict" and not node.args:
            keys = {k.arg: (k, k.value) for k in node.keywords if k.arg is not None}
            return Group(node, keys, len(keys) < len(node.keywords), added, conditional)
        return None

    # --- MSL201 -------------------------------------------------------------------------------
    def iterator_origin(self, expr: ast.expr) -> Tuple[Optional[ast.expr], Optional[Occurrence]]:
        """The one-shot iterator an expression is, or is certainly bound to."""
        value, bound = self.binding_value(expr)
        if isinstance(value, ast.GeneratorExp):
            return value, bound
        if isinstance(value, ast.Call):
            func = value.func
            if isinstance(func, ast.Attribute) and func.attr in ITERATOR_METHODS:
                return value, bound
            if self.ctx.qualname(func) in ITERATOR_FUNCTIONS:
                return value, bound
        return None, None

    def check_iterator(self, expr: ast.expr, in_group: bool) -> None:
        origin, bound = self.iterator_origin(expr)
        if origin is None:
            return
        ctx, text = self.ctx, self.ctx.text(origin)
        fixed = "list" + text if text.startswith("(") and isinstance(origin, ast.GeneratorExp) else "list(%s)" % text
        other = self.second_consumer(bound, expr) if bound is not None else None
        if in_group:
            why = "a group's 'params' that is an iterator silently gets no parameters (MindSpore consumes it while checking the group)"
        elif other is not None:
            why = "it is also consumed at line %d, and whichever runs second gets nothing" % other.lineno
        else:
            why = "the optimizer consumes it, and any later use of it finds it empty"
        message = "`%s` is a one-shot iterator: %s; pass `%s`" % (text, why, fixed)
        severity = "" if in_group or other is not None else WARNING
        ctx.report(ITERATOR_PARAMS, expr, message, fix("Use `%s`" % fixed, [ctx.replace(origin, fixed)], SAFE), severity)

    def second_consumer(self, bound: Occurrence, use: ast.Name) -> Optional[ast.Name]:
        """Another read of an iterator's name that consumes it and can run with `use`."""
        later_binds = [o.at for o in self.flow.occurrences(use.id) if o.kind == "bind" and o.at > bound.at]
        end = min(later_binds) if later_binds else (1 << 30, 0)
        for o in self.flow.occurrences(use.id):
            if o.kind != "read" or o.node is use or not bound.at < o.at < end or not self.consumes(o):
                continue
            first, second = sorted((o.node, use), key=position)
            if self.flow.may_follow(first, second):
                return o.node
        return None

    def consumes(self, o: Occurrence) -> bool:
        parent, field = o.path[-1]
        if isinstance(parent, ast.keyword):
            parent, field = o.path[-2][0], "args"
        if isinstance(parent, ast.Call) and field == "args":
            return self.ctx.qualname(parent.func) not in NOT_CONSUMING
        return isinstance(parent, (ast.For, ast.comprehension, ast.Starred)) and field in ("iter", "value")

    # --- MSL202, MSL204, MSL205, MSL206 ---------------------------------------------------------
    def check_group(self, group: Group, groups: List[Group]) -> None:
        ctx = self.ctx
        allowed = ctx.facts.lookup("mindspore.nn.Optimizer").data.get("group_keys", ())
        for key, (key_node, _) in group.keys.items():
            if key not in allowed:
                ctx.report(GROUP_KEY, key_node, "mindspore.nn optimizers reject the group key '%s' (KeyError; they accept %s):"
                           " pass it to the optimizer itself, or use mindspore.experimental.optim" % (key, ", ".join(allowed)))
        if "order_params" in group.keys and (len(group.keys) > 1 or group.open_keys):
            others = ", ".join("'%s'" % k for k in group.keys if k != "order_params") or "unpacked keys"
            ctx.report(ORDER_PARAMS, group.node, "'order_params' must be alone in its dict (ValueError), but it shares it with %s:"
                       " write `{'order_params': ...}` as a group of its own" % others)
        params = group.params
        if params is None:
            return
        self.check_iterator(params, in_group=True)
        if self.certainly_empty(params, groups):
            remedy = "drop the group" + (" or add it under `if %s:`" % params.id if isinstance(params, ast.Name) else "")
            ctx.report(GROUP_EMPTY, params, "this group's params `%s` are empty when the optimizer is built: ValueError"
                       " \"group `params` must not be empty\"; %s" % (ctx.text(params), remedy))
        elif self.maybe_empty(params, group):
            ctx.report(GROUP_MAYBE_EMPTY, params, "`%s` is filtered and may match no parameter on some network, and an empty group"
                       " raises ValueError; add the group under `if %s:`" % (ctx.text(params), params.id))

    def certainly_empty(self, params: ast.expr, groups: List[Group]) -> bool:
        value, bound = self.binding_value(params)
        if not _is_empty_list(value, self.ctx):
            return False
        if bound is None:
            return True
        read_in_groups = {id(v) for g in groups for _, v in g.keys.values()}
        return all(id(o.node) in read_in_groups for o in self.flow.between(params.id, bound, self.call))

    def maybe_empty(self, params: ast.expr, group: Group) -> bool:
        value, bound = self.binding_value(params)
        if bound is None or self.guarded(params.id, bound, group):
            return False
        if isinstance(value, ast.ListComp):
            return any(g.ifs for g in value.generators)
        if isinstance(value, ast.Call) and self.ctx.qualname(value.func) == "builtins.list" and len(value.args) == 1:
            inner = value.args[0]
            return isinstance(inner, ast.Call) and self.ctx.qualname(inner.func) == "builtins.filter"
        if not _is_empty_list(value, self.ctx):
            return False
        fills = [o for o in self.flow.between(params.id, bound, self.call) if o.kind != "read" or not _inside(o.node, group.node)]
        return bool(fills) and all(o.method == "append" and _filtered(o, bound) for o in fills)

    def guarded(self, name: str, bound: Occurrence, group: Group) -> bool:
        """Whether the code tests `name` (`if lst:`, `if len(lst) > 0:`, `assert lst`) before the optimizer."""
        for o in self.flow.between(name, bound, self.call):
            if any(f == "test" for _, f in o.path):
                return True
        return False

    # --- MSL203 and the length of order_params -------------------------------------------------
    def check_duplicates(self, groups: List[Group]) -> None:
        for i, later in enumerate(groups):
            for earlier in groups[:i]:
                if earlier.node is later.node or not self.flow.may_follow(earlier.added, later.added):
                    continue
                reason = self.same_parameters(earlier.params, later.params)
                if reason:
                    self.ctx.report(GROUP_DUPLICATE, later.params, "%s: RuntimeError \"parameter already exists\";"
                                    " make the groups disjoint" % reason)
                    break

    def same_parameters(self, a: ast.expr, b: ast.expr) -> str:
        ka, kb = self.value_key(a), self.value_key(b)
        text = self.ctx.text
        if ka is not None and ka == kb:
            return "`%s` is already in an earlier group" % text(b)
        full_a, full_b, sub_a, sub_b = self.full_set(a), self.full_set(b), self.subset_of(a), self.subset_of(b)
        if full_a is not None and full_a in (sub_b, full_b):
            return "`%s` is a subset of `%s`, which an earlier group holds in full" % (text(b), text(a))
        if full_b is not None and full_b == sub_a:
            return "`%s` holds all of `%s`'s parameters, which an earlier group already holds" % (text(b), text(a))
        return ""

    def check_order_length(self, groups: List[Group]) -> None:
        for order in (g for g in groups if "order_params" in g.keys and len(g.keys) == 1):
            key = self.value_key(order.keys["order_params"][1])
            matching = [g for g in groups if g.params is not None and self.value_key(g.params) == key and key is not None]
            others = [g for g in groups if g.params is not None and g not in matching and not g.conditional]
            if matching and others and not any(g.conditional for g in matching):
                self.ctx.report(ORDER_PARAMS, order.node, "'order_params' lists only `%s`, but the groups also hold `%s`: ValueError"
                                " (lengths differ); list every grouped parameter, e.g. `net.trainable_params()`"
                                % (self.ctx.text(matching[0].params), self.ctx.text(others[0].params)))

    def value_key(self, expr: ast.expr) -> Optional[tuple]:
        """A key equal for two expressions certain to give the same parameters, else None."""
        names = []
        for node in ast.walk(expr):
            if isinstance(node, ast.Call) and (isinstance(node.func, ast.Attribute) and node.func.attr in ("pop", "popleft")
                                               or self.ctx.qualname(node.func) == "builtins.next"):
                return None
            if isinstance(node, ast.Name):
                binds = [o for o in self.flow.occurrences(node.id) if o.kind == "bind"]
                bound = self.flow.reaching(node.id, node) if binds else None
                if binds and bound is None:
                    return None
                names.append(id(bound) if bound else node.id)
        return (ast.dump(expr), tuple(names))

    def full_set(self, expr: ast.expr) -> Optional[tuple]:
        """The key of the network whose every parameter `expr` holds (`net.trainable_params()`)."""
        value, _ = self.binding_value(expr)
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr in FULL_SET_METHODS:
            return None if value.args or value.keywords else self.value_key(value.func.value)
        return None

    def subset_of(self, expr: ast.expr) -> Optional[tuple]:
        """The full-set key a filtered list, comprehension, slice or loop-filled list is drawn from."""
        value, bound = self.binding_value(expr)
        if isinstance(value, ast.ListComp) and len(value.generators) == 1:
            return self.full_set(value.generators[0].iter)
        if isinstance(value, ast.Call) and self.ctx.qualname(value.func) == "builtins.list" and len(value.args) == 1:
            inner = value.args[0]
            if isinstance(inner, ast.Call) and self.ctx.qualname(inner.func) == "builtins.filter" and len(inner.args) == 2:
                return self.full_set(inner.args[1])
        if isinstance(value, ast.Subscript) and isinstance(value.slice, ast.Slice):
            return self.full_set(value.value)
        if bound is None or not _is_empty_list(value, self.ctx):
            return None
        fills = self.flow.between(expr.id, bound, self.call)
        sources = {self.loop_source(o) for o in fills if o.kind == "mutate"}
        return sources.pop() if len(sources) == 1 and all(o.kind == "mutate" or o.kind == "read" for o in fills) else None

    def loop_source(self, o: Occurrence) -> Optional[tuple]:
        if o.method != "append":
            return None
        loops = [n for n, f in o.path if isinstance(n, (ast.For, ast.AsyncFor)) and f == "body"]
        return self.full_set(loops[-1].iter) if loops else None


def _filtered(append: Occurrence, bound: Occurrence) -> bool:
    """Whether an append runs only for some items: under an `if`, or after an `if ...: continue`."""
    outside = {id(n) for n, _ in bound.path}
    for node, field in append.path:
        if id(node) in outside:
            continue
        if isinstance(node, (ast.If, ast.IfExp)) and field in ("body", "orelse"):
            return True
        if isinstance(node, (ast.For, ast.AsyncFor, ast.While)) and field == "body":
            skips = [s for s in node.body if s.lineno < append.node.lineno and isinstance(s, ast.If)]
            if any(isinstance(n, ast.Continue) for s in skips for n in ast.walk(s)):
                return True
    return False


def _is_empty_list(value: ast.expr, ctx) -> bool:
    if isinstance(value, (ast.List, ast.Tuple)):
        return not value.elts
    return isinstance(value, ast.Call) and ctx.qualname(value.func) in ("builtins.list", "builtins.tuple") and not value.args


def _inside(node: ast.AST, outer: ast.AST) -> bool:
    return position(outer) <= position(node) <= (outer.end_lineno, outer.end_col_offset)
