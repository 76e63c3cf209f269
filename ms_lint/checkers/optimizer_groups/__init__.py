"""Optimizer parameter groups: what reaches a `mindspore.nn` optimizer's params (MSL201-MSL206)."""
from __future__ import annotations

import ast
from typing import List, NamedTuple, Optional, Set, Tuple

from ms_lint.analysis.context import Checker, fix
from ms_lint.analysis.dataflow import Occurrence, end_position, position, returns
from ms_lint.analysis.groups import Group, ParamsView, is_empty_list, params_form
from ms_lint.analysis.parameters import optimizer_params
from ms_lint.analysis.parents import walk
from ms_lint.facts import ApiFacts
from ms_lint.fixes.edits import replace
from ms_lint.model import ERROR, SAFE, WARNING, Rule

ITERATOR_PARAMS = Rule("MSL201", "optimizer-iterator-params", "A one-shot iterator reaches an optimizer's params",
                       ERROR, fix=SAFE)
GROUP_EMPTY = Rule("MSL202", "optimizer-group-empty", "A parameter group certainly empty: ValueError", ERROR)
GROUP_DUPLICATE = Rule("MSL203", "optimizer-group-duplicate", "The same parameters in two groups: RuntimeError", ERROR)
GROUP_KEY = Rule("MSL204", "optimizer-group-unsupported-key", "A group key mindspore.nn rejects: KeyError", ERROR)
ORDER_PARAMS = Rule("MSL205", "optimizer-order-params", "order_params not alone, or too short: ValueError", ERROR)
GROUP_MAYBE_EMPTY = Rule("MSL206", "optimizer-group-maybe-empty", "A filtered group added without an emptiness guard",
                         WARNING, default_enabled=False)

NOT_CONSUMING = frozenset("builtins." + f for f in ("isinstance", "type", "id", "print", "repr", "str", "hasattr"))


class FullSet(NamedTuple):
    """All of a network's parameters, or all of its trainable ones."""

    kind: str  # "trainable" or "all"
    network: tuple  # the network expression's value_key


class OptimizerGroupsChecker(Checker):
    """The parameter-group rules, run at every call that builds a `mindspore.nn` optimizer."""

    rules = (ITERATOR_PARAMS, GROUP_EMPTY, GROUP_DUPLICATE, GROUP_KEY, ORDER_PARAMS, GROUP_MAYBE_EMPTY)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.group_values: Set[int] = set()
        self.own_methods: Optional[Set[str]] = None
        self.checked_helpers: Set[int] = set()  # functions whose returned groups were checked

    def visit_Call(self, node: ast.Call) -> None:
        """Check what reaches a `mindspore.nn` optimizer's params in this call, or what the module's
        own function that builds them returns (`nn.Adam(param_groups(net))`)."""
        ctx = self.ctx
        params = optimizer_params(ctx, node)
        if params is None:
            return
        self.flow = ctx.flow(ctx.scope.node)
        self.call, self.view = node, ParamsView(ctx.qualname, self.flow, node)
        found = self.view.groups(params)
        if found is None:
            returned = self.helper_return(self.view.value(params)[0])
            if returned is not None:
                function, value, end = returned
                self.checked_helpers.add(id(function))
                with ctx.in_scope(ctx.names.scope_of(function)):
                    self.flow = ctx.flow(function)
                    self.call, self.view = end, ParamsView(ctx.qualname, self.flow, end)
                    self.check_groups(value)
                return
            if not self.check_imported(self.view.value(params)[0]):
                self.check_iterator(params, in_group=False)
            return
        self.check_found(found)

    def check_imported(self, value: ast.expr) -> bool:
        """MSL201, MSL202, MSL204 and MSL205 on the groups a function of another module returns
        (its summary's), reported at the call here; whether `value` calls such a function."""
        ctx = self.ctx
        func = value.func if isinstance(value, ast.Call) else None
        imported = ctx.classes.imported(func, ctx.scope, ctx.qualname(func)) if func is not None else None
        found = ctx.classes.project.returned_groups(imported) if imported else None
        if found is None:
            return False
        where, groups = found
        module, text = where.rpartition(".")[0], ctx.text(func)
        allowed = ctx.facts.lookup("mindspore.nn.Optimizer").group_keys
        bad = ["'%s' (line %d)" % (k, g.line) for g in groups for k in g.keys if k not in allowed]
        if bad:
            ctx.report(GROUP_KEY, value, "`%s` returns groups with keys mindspore.nn optimizers reject with KeyError"
                       " (they accept %s): %s of %s; pass them to the optimizer itself, or use"
                       " mindspore.experimental.optim" % (text, ", ".join(allowed), ", ".join(bad), module))
        shared = ["line %d" % g.line for g in groups if "order_params" in g.keys and len(g.keys) > 1]
        if shared:
            ctx.report(ORDER_PARAMS, value, "`%s` returns a group where 'order_params' shares its dict with other keys"
                       " (%s of %s): ValueError; write `{'order_params': ...}` as a group of its own"
                       % (text, ", ".join(shared), module))
        empty = [g for g in groups if g.params == "empty"]
        if empty:
            names = [g.params_text for g in empty if g.params_text.isidentifier()]
            guard = ", or add it only when `%s` is not empty" % names[0] if len(names) == len(empty) == 1 else ""
            ctx.report(GROUP_EMPTY, value, "`%s` returns a group whose params are empty: %s of %s; ValueError \"group"
                       " `params` must not be empty\"; drop the group there%s"
                       % (text, _listing(empty), module, guard))
        iterators = [g for g in groups if not g.params.startswith("self-") and g.params and self.iterator_form(g.params)]
        if iterators:
            fixed = ", ".join("`%s`" % _listed(g.params_text) for g in iterators)
            ctx.report(ITERATOR_PARAMS, value, "`%s` returns a group whose 'params' is a one-shot iterator: %s of %s;"
                       " the group ends up with no parameters (checking the group consumes it); write %s there"
                       % (text, _listing(iterators), module, fixed))
        return True

    def check_groups(self, params: ast.expr) -> None:
        """The group rules on what a helper returns (its iterators, groups and their keys)."""
        found = self.view.groups(params)
        if found is None:
            self.check_iterator(params, in_group=False)
        else:
            self.check_found(found)

    def helper_return(self, value: ast.expr) -> Optional[Tuple[ast.AST, ast.expr, ast.Return]]:
        """(function, returned value, return statement) when `value` calls a function of this module
        by name that returns in one `return`, not checked before for another optimizer."""
        ctx = self.ctx
        binding = ctx.binding(value.func) if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) else None
        if binding is None or binding.kind != "def" or id(binding.node) in self.checked_helpers:
            return None
        found = [r for r in returns(binding.node) if r.value is not None]
        return (binding.node, found[0].value, found[0]) if len(found) == 1 else None

    def check_found(self, found: Tuple[List[Group], bool]) -> None:
        groups, complete = found
        self.group_values = {id(v) for g in groups for _, v in g.keys.values()}
        for group in groups:
            self.check_group(group)
        self.check_duplicates([g for g in groups if g.params is not None and not self.certainly_empty(g.params)])
        if complete:
            self.check_order_length(groups)

    def fills(self, name: ast.Name, bound: Occurrence) -> List[Occurrence]:
        """What may touch a list between its binding and the optimizer, reads in the group dicts aside."""
        return self.view.fills(name, bound, self.group_values)

    # --- MSL201 -------------------------------------------------------------------------------
    def check_iterator(self, expr: ast.expr, in_group: bool) -> None:
        """MSL201: a one-shot iterator as a group's params, or as the params and consumed again."""
        origin, bound = self.view.value(expr)
        if not self.is_iterator(origin):
            return
        other = None if in_group or bound is None else self.second_consumer(bound, expr)
        if not in_group and other is None:
            return  # nn.Optimizer lists its params once: an iterator nothing else reads is fine
        ctx, text = self.ctx, self.ctx.text(origin)
        fixed = _listed(text) if isinstance(origin, ast.GeneratorExp) else "list(%s)" % text
        if in_group:
            why = "as a group's 'params' it leaves the group with no parameters (checking the group consumes it)"
        else:
            why = "it is also consumed at line %d, and whichever runs second gets nothing" % other.lineno
        message = "`%s` is a one-shot iterator: %s; pass `%s`" % (text, why, fixed)
        repair = fix("Use `%s`" % fixed, [replace(ctx, origin, fixed)], SAFE)
        ctx.report(ITERATOR_PARAMS, expr, message, repair)

    def is_iterator(self, value: ast.expr) -> bool:
        """A generator expression, filter/map/iter/chain, or a Cell generator method the module does not redefine."""
        return self.iterator_form(params_form(value, self.ctx.qualname))

    def iterator_form(self, form: str) -> bool:
        """Whether params written as `form` (analysis.groups.params_form) are a one-shot iterator."""
        kind, _, name = form.partition(":")
        if kind in ("generator", "call"):
            return True
        if kind == "self-method" and _iterator_method(self.ctx.facts, name):
            if self.own_methods is None:
                self.own_methods = {n.name for n in self.ctx.names.scopes if isinstance(n, ast.FunctionDef)}
            return name not in self.own_methods
        return kind == "method" and _iterator_method(self.ctx.facts, name)

    def second_consumer(self, bound: Occurrence, use: ast.Name) -> Optional[ast.Name]:
        """Another read of an iterator's name that consumes it and can run in the same pass as `use`."""
        occurrences = self.flow.occurrences(use.id)
        end = min([o.at for o in occurrences if o.kind == "bind" and o.at > bound.at], default=(1 << 30, 0))
        for o in occurrences:
            if o.kind == "read" and o.node is not use and bound.at < o.at < end and self.consumes(o):
                if self.flow.may_follow(*sorted((o.node, use), key=position)):
                    return o.node
        return None

    def consumes(self, o: Occurrence) -> bool:
        """Whether a read of an iterator's name iterates it (an argument, a loop, a `*`)."""
        parent, field = o.path[-1]
        if isinstance(parent, ast.keyword):
            parent, field = o.path[-2][0], "args"
        if isinstance(parent, ast.Call) and field == "args":
            return self.ctx.qualname(parent.func) not in NOT_CONSUMING
        return isinstance(parent, (ast.For, ast.comprehension, ast.Starred)) and field in ("iter", "value")

    # --- MSL202, MSL204, MSL205, MSL206 ---------------------------------------------------------
    def check_group(self, group: Group) -> None:
        """MSL204 and MSL205 on one group's keys, MSL201, MSL202 and MSL206 on its params."""
        ctx = self.ctx
        allowed = ctx.facts.lookup("mindspore.nn.Optimizer").group_keys
        for key, (key_node, _) in group.keys.items():
            if key not in allowed:
                ctx.report(GROUP_KEY, key_node, "mindspore.nn optimizers reject the group key '%s' with KeyError (they"
                           " accept %s): pass it to the optimizer itself, or use mindspore.experimental.optim"
                           % (key, ", ".join(allowed)))
        if "order_params" in group.keys and len(group.keys) > 1:
            others = ", ".join("'%s'" % k for k in group.keys if k != "order_params")
            ctx.report(ORDER_PARAMS, group.node, "'order_params' must be alone in its dict (ValueError), but it shares"
                       " it with %s: write `{'order_params': ...}` as a group of its own" % others)
        params = group.params
        if params is None:
            return
        self.check_iterator(params, in_group=True)
        if self.certainly_empty(params):
            guard = " or add it under `if %s:`" % params.id if isinstance(params, ast.Name) else ""
            remedy = "drop the group" + guard
            ctx.report(GROUP_EMPTY, params, "this group's params `%s` are empty when the optimizer is built: ValueError"
                       " \"group `params` must not be empty\"; %s" % (ctx.text(params), remedy))
        elif self.maybe_empty(params):
            ctx.report(GROUP_MAYBE_EMPTY, params, "`%s` is filtered and may match no parameter on some network, and an"
                       " empty group raises ValueError; add the group under `if %s:`" % (ctx.text(params), params.id))

    def certainly_empty(self, params: ast.expr) -> bool:
        """Whether the params are `[]` or a name bound to `[]` that nothing may fill before the optimizer."""
        return self.view.certainly_empty(params, self.group_values)

    def maybe_empty(self, params: ast.expr) -> bool:
        """Whether the params are a filtered list that no code tests for emptiness before the optimizer."""
        value, bound = self.view.value(params)
        if bound is None or any(f == "test" for o in self.fills(params, bound) for _, f in o.path):
            return False  # out of sight, or tested (`if lst:`, `if len(lst) > 0:`, `assert lst`)
        if isinstance(value, ast.ListComp):
            return any(g.ifs for g in value.generators)
        if self.filtered_call(value) is not None:
            return True
        fills = self.fills(params, bound)
        return is_empty_list(value, self.ctx.qualname) and bool(fills) and all(_filtered(o, bound) for o in fills)

    def filtered_call(self, value: ast.expr) -> Optional[ast.expr]:
        """The iterable of `list(filter(f, iterable))`, or None."""
        if isinstance(value, ast.Call) and self.ctx.qualname(value.func) == "builtins.list" and len(value.args) == 1:
            inner = value.args[0]
            if isinstance(inner, ast.Call) and self.ctx.qualname(inner.func) == "builtins.filter":
                return inner.args[1] if len(inner.args) == 2 else None
        return None

    # --- MSL203 and the length of order_params -------------------------------------------------
    def check_duplicates(self, groups: List[Group]) -> None:
        """MSL203: a group holding parameters an earlier group (that can run with it) holds."""
        for i, later in enumerate(groups):
            for earlier in groups[:i]:
                if earlier.node is not later.node and self.flow.may_follow(earlier.added, later.added):
                    reason = self.same_parameters(earlier.params, later.params)
                    if reason:
                        self.ctx.report(GROUP_DUPLICATE, later.params, "%s: RuntimeError \"parameter already exists\";"
                                        " make the groups disjoint" % reason)
                        break

    def same_parameters(self, a: ast.expr, b: ast.expr) -> str:
        """Why two groups' params certainly overlap, or an empty string."""
        key_a, text_a, text_b = self.value_key(a), self.ctx.text(a), self.ctx.text(b)
        if key_a is not None and key_a == self.value_key(b):
            return "`%s` is already in an earlier group" % text_b
        full_a, full_b = self.full_set(a), self.full_set(b)
        if full_a is not None and full_b is not None and full_a.network == full_b.network:
            return "`%s` holds the parameters of the earlier group's `%s`" % (text_b, text_a)
        if _covers(full_a, self.subset_of(b)):
            return "`%s` is drawn from `%s`, which an earlier group holds in full" % (text_b, text_a)
        if _covers(full_b, self.subset_of(a)):
            return "`%s` holds all of the parameters the earlier group's `%s` is drawn from" % (text_b, text_a)
        return ""

    def check_order_length(self, groups: List[Group]) -> None:
        """MSL205: `order_params` listing one group's params while another group holds more."""
        for order in (g for g in groups if list(g.keys) == ["order_params"]):
            key = self.value_key(order.keys["order_params"].value)
            listed = [g for g in groups if g.params is not None and key is not None and self.value_key(g.params) == key]
            others = [g for g in groups if g.params is not None and g not in listed and not g.conditional]
            if listed and others and not any(g.conditional for g in listed):
                texts = self.ctx.text(listed[0].params), self.ctx.text(others[0].params)
                self.ctx.report(ORDER_PARAMS, order.node, "'order_params' lists only `%s`, but the groups also hold"
                                " `%s`: ValueError (the lengths differ); list every grouped parameter, e.g."
                                " `net.trainable_params()`" % texts)

    def value_key(self, expr: ast.expr) -> Optional[tuple]:
        """A key equal for two expressions certain to hold the same parameters, else None."""
        names = []
        for node in walk(expr):
            if isinstance(node, ast.Call) and self.ctx.qualname(node.func) == "builtins.next":
                return None
            if isinstance(node, ast.Name):
                binds = [o for o in self.flow.occurrences(node.id) if o.kind == "bind"]
                bound = self.flow.reaching(node.id, node) if binds else None
                if binds and bound is None:
                    return None
                names.append(id(bound) if bound else node.id)
        return ast.dump(expr), tuple(names)

    def full_set(self, expr: ast.expr, iterated: bool = False) -> Optional[FullSet]:
        """The kind and the network's key when `expr` holds all of a network's (trainable) parameters."""
        value, _ = self.view.value(expr)
        if isinstance(value, ast.Call) and self.ctx.qualname(value.func) == "builtins.list" and len(value.args) == 1:
            value, iterated = value.args[0], True
        if not isinstance(value, ast.Call) or value.args or value.keywords or not isinstance(value.func, ast.Attribute):
            return None
        kind, network = _full_set_kind(self.ctx.facts, value.func.attr), self.value_key(value.func.value)
        if kind is None or network is None or (_iterator_method(self.ctx.facts, value.func.attr) and not iterated):
            return None
        return FullSet(kind, network)

    def subset_of(self, expr: ast.expr) -> Optional[FullSet]:
        """The full-set key a comprehension, `list(filter(...))`, slice or loop-filled list is drawn from."""
        value, bound = self.view.value(expr)
        if isinstance(value, ast.ListComp) and len(value.generators) == 1:
            return self.full_set(value.generators[0].iter, iterated=True)
        if self.filtered_call(value) is not None:
            return self.full_set(self.filtered_call(value), iterated=True)
        if isinstance(value, ast.Subscript) and isinstance(value.slice, ast.Slice):
            return self.full_set(value.value)
        if bound is None or not is_empty_list(value, self.ctx.qualname):
            return None
        loops = [[n for n, f in o.path if isinstance(n, ast.For) and f == "body"] for o in self.fills(expr, bound)]
        if not loops or not all(loops) or any(o.method != "append" for o in self.fills(expr, bound)):
            return None
        sources = {self.full_set(found[-1].iter, iterated=True) for found in loops}
        return sources.pop() if len(sources) == 1 else None


def _iterator_method(facts: ApiFacts, name: str) -> bool:
    """A Cell method that gives parameters as a one-shot iterator (`get_parameters()`)."""
    method = facts.cell_methods.get(name)
    return method is not None and method.parameters is not None and method.returns == "iterator"


def _full_set_kind(facts: ApiFacts, name: str) -> Optional[str]:
    """Which of a network's parameters ("trainable" or "all") a Cell method gives all of, not as a dict; else None."""
    method = facts.cell_methods.get(name)
    if method is None or method.parameters not in ("trainable", "all") or method.returns == "dict":
        return None
    return method.parameters


def _covers(full: Optional[FullSet], subset: Optional[FullSet]) -> bool:
    """Whether a full set holds every parameter a subset is drawn from (all of them, or the same kind)."""
    return full is not None and subset is not None and full.network == subset.network and full.kind in (subset.kind, "all")


def _filtered(append: Occurrence, bound: Occurrence) -> bool:
    """Whether an append runs only for some items: under an `if`, or after an `if ...: continue`."""
    if append.method != "append":
        return False
    outside = {id(n) for n, _ in bound.path}
    for node, field in append.path:
        if id(node) in outside:
            continue
        if isinstance(node, (ast.If, ast.IfExp)) and field in ("body", "orelse"):
            return True
        if isinstance(node, (ast.For, ast.While)) and field == "body":
            skips = [s for s in node.body if isinstance(s, ast.If) and end_position(s) < append.at]
            if any(isinstance(n, ast.Continue) for s in skips for n in walk(s)):
                return True
    return False


def _listed(text: str) -> str:
    """`list(...)` around an iterator's text (`list(p for p in ps)` for a parenthesised generator)."""
    return "list" + text if text.startswith("(") else "list(%s)" % text


def _listing(groups) -> str:
    """The params of summarised groups with their lines: "`decay` (line 12), `[]` (line 14)"."""
    return ", ".join("`%s` (line %d)" % (g.params_text, g.line) for g in groups)
