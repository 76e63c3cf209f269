"""What an optimizer holds of a network's parameters: copies, parameters frozen after it was built, the
`require_grad` misspelling, and an unfreeze over `trainable_params()` (MSL232-MSL235)."""
from __future__ import annotations

import ast
from typing import Iterator, List, Optional, Set, Tuple

from ms_lint.analysis.context import Checker, fix
from ms_lint.analysis.dataflow import method_owner, position
from ms_lint.analysis.names import DEFS, MAX_DEPTH, Scope
from ms_lint.analysis.parameters import (
    Source,
    copied,
    is_parameter,
    network_parameter,
    optimizer_params,
    overlap,
    parameter_source,
    reaching_values,
)
from ms_lint.analysis.parents import children
from ms_lint.analysis.values import UNKNOWN
from ms_lint.fixes.edits import replace
from ms_lint.model import ERROR, SAFE, UNSAFE, Rule

HOLDS_COPIES = Rule(
    "MSL232",
    "optimizer-holds-copies",
    "Copies of a network's parameters reach an optimizer or value_and_grad's weights: the network never trains",
    severity=ERROR,
    fix=UNSAFE,
)
FREEZE_AFTER_OPTIMIZER = Rule(
    "MSL233",
    "freeze-after-optimizer",
    "requires_grad = False on parameters an optimizer with weight decay or momentum already holds: they still move",
)
REQUIRE_GRAD_TYPO = Rule(
    "MSL234",
    "require-grad-typo",
    "`require_grad` set on a Parameter: a new attribute, requires_grad stays True",
    severity=ERROR,
    fix=SAFE,
)
UNFREEZE_THROUGH_TRAINABLE = Rule(
    "MSL235",
    "unfreeze-through-trainable-params",
    "requires_grad = True over `trainable_params()` read after a freeze: it lists no frozen parameter, the network stays frozen",
    severity=ERROR,
    fix=UNSAFE,
)

_SCOPES = DEFS + (ast.ClassDef, ast.Lambda)
_LOOPS = (ast.For, ast.AsyncFor, ast.While)


class OptimizerParametersChecker(Checker):
    """MSL232-MSL235: the parameters an optimizer is given, and changes to them after."""

    rules = (HOLDS_COPIES, FREEZE_AFTER_OPTIMIZER, REQUIRE_GRAD_TYPO, UNFREEZE_THROUGH_TRAINABLE)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.reported: Set[int] = set()
        # what the source must spell for a rule to have anything to find (the copies `analysis.parameters.copied`
        # knows, a `requires_grad` / `require_grad` assignment): most modules are skipped at no cost
        self.may_copy = any(word in ctx.source for word in ("Parameter", "deepcopy", "clone"))
        self.may_freeze = "require" in ctx.source

    # --- MSL232 -------------------------------------------------------------------------------
    def visit_Call(self, node: ast.Call) -> None:
        if not self.may_copy:
            return
        ctx = self.ctx
        params = optimizer_params(ctx, node)
        what = "the optimizer updates the copy"
        if params is None:
            entry = ctx.api_with(node.func, "autodiff")
            bound = ctx.bind(node, entry) if entry is not None else None
            params = bound.get("weights") if bound is not None else None
            what = "the gradients with respect to the copy are all zero"
        if params is None:
            return
        for leaf in self.leaves(params, node, 0):
            original = copied(ctx, leaf, ctx.scope)
            if original is None or id(leaf) in self.reported:
                continue
            self.reported.add(id(leaf))
            source = parameter_source(ctx, original, ctx.scope) or network_parameter(ctx, original, ctx.scope)
            network = ctx.text(source.network) if source is not None else "the network"
            text, copy = ctx.text(original), ctx.text(leaf)
            message = (
                "`%s` copies `%s` into new Parameters that the network never uses: %s and %s's own"
                " parameters never change; pass `%s` itself" % (copy, text, what, network, text)
            )
            ctx.report(HOLDS_COPIES, leaf, message, fix("Use `%s`" % text, [replace(ctx, leaf, text)], UNSAFE))

    def leaves(self, expr: ast.expr, at: ast.AST, depth: int) -> Iterator[ast.expr]:
        """The expressions that give the parameters a params or weights argument holds: list items, a
        group's 'params', a comprehension's element, through names bound (and appended to) before `at`."""
        if depth > MAX_DEPTH:
            return
        for value in reaching_values(self.ctx, expr, at, self.ctx.scope):
            if isinstance(value, (ast.List, ast.Tuple, ast.Set)):
                for element in value.elts:
                    yield from self.leaves(element, at, depth + 1)
            elif isinstance(value, ast.Starred):
                yield from self.leaves(value.value, at, depth + 1)
            elif isinstance(value, ast.Dict):
                for key, item in zip(value.keys, value.values):
                    if isinstance(key, ast.Constant) and key.value == "params":
                        yield from self.leaves(item, at, depth + 1)
            elif isinstance(value, (ast.ListComp, ast.GeneratorExp)):
                yield value.elt
            elif isinstance(value, ast.Call) and self.passes_on(value):
                yield from self.leaves(value.args[0], at, depth + 1)
            else:
                yield value

    def passes_on(self, call: ast.Call) -> bool:
        qualname = self.ctx.qualname(call.func)
        return len(call.args) == 1 and qualname in ("builtins.list", "builtins.tuple", "mindspore.ParameterTuple")

    # --- MSL233, MSL234 and MSL235 ---------------------------------------------------------------
    def visit_Assign(self, node: ast.Assign) -> None:
        if not self.may_freeze:
            return
        ctx = self.ctx
        for target in node.targets:
            if not isinstance(target, ast.Attribute):
                continue
            if target.attr == "require_grad" and is_parameter(ctx, target.value, ctx.scope):
                fixed = "%s.requires_grad" % ctx.text(target.value)
                message = (
                    "`%s` is a misspelling of `requires_grad`: MindSpore accepts it silently as a new attribute and"
                    " the Parameter stays trainable; write `%s`" % (ctx.text(target), fixed)
                )
                ctx.report(REQUIRE_GRAD_TYPO, target, message, fix("Use `%s`" % fixed, [replace(ctx, target, fixed)], SAFE))
            elif target.attr == "requires_grad" and isinstance(target.value, ast.Name) and ctx.value(node.value) is False:
                self.check_freeze(node, target, target.value)
            elif target.attr == "requires_grad" and isinstance(target.value, ast.Name) and ctx.value(node.value) is True:
                self.check_unfreeze(target, target.value)

    def check_freeze(self, node: ast.Assign, target: ast.Attribute, name: ast.Name) -> None:
        """MSL233: the frozen parameters are in an optimizer built before, in the same scope, that moves them."""
        ctx = self.ctx
        frozen = network_parameter(ctx, name, ctx.scope)
        if frozen is None:
            return
        flow = ctx.flow(ctx.scope.node)
        built = self.optimizers(ctx.scope)
        later = [(c, why) for c, why in built if position(c) > position(node) and self.holds(c, frozen)]
        if later:  # an optimizer built after the freeze replaces the one before
            self.check_built_after(node, target, frozen, later)
            return
        if any(overlap(ctx, frozen, thawed) for thawed in self.unfrozen(ctx.scope)):
            return  # a freeze for one step of another optimizer (a GAN's discriminator), undone after
        for call, why in built:
            if position(call) > position(node) or not flow.may_follow(call, node):
                continue
            reason = why(self.holds(call, frozen), node)
            if reason:
                message = (
                    "`%s` comes after the optimizer at line %d was built over these parameters of `%s`: their"
                    " gradient is now zero, but the optimizer still holds them and moves them by %s; freeze them"
                    " before building the optimizer, over a network's `trainable_params()` read after the freeze"
                    % (ctx.text(node), call.lineno, ctx.text(frozen.network), reason)
                )
                ctx.report(FREEZE_AFTER_OPTIMIZER, target, message)
                return

    def check_built_after(self, node: ast.Assign, target: ast.Attribute, frozen: Source, later) -> None:
        """An optimizer built after the freeze over all of the network's parameters (`get_parameters()`,
        frozen ones included) with weight decay: the decay moves the frozen ones."""
        ctx = self.ctx
        for call, why in later:
            parts = [(g, v) for g, v in self.parts(call, frozen) if parameter_source(ctx, v, ctx.scope).kind == "all"]
            reason = why.decay([g for g, _ in parts]) if parts else ""
            if reason and ctx.flow(ctx.scope.node).may_follow(node, call):
                given, network = ctx.text(parts[0][1]), ctx.text(parameter_source(ctx, parts[0][1], ctx.scope).network)
                message = (
                    "`%s` does not take these parameters of `%s` out of the optimizer built at line %d over `%s`,"
                    " which gives frozen parameters too: their gradient is zero, but %s moves them; build it over"
                    " `%s.trainable_params()`" % (ctx.text(node), ctx.text(frozen.network), call.lineno, given, reason, network)
                )
                ctx.report(FREEZE_AFTER_OPTIMIZER, target, message)
                return

    def check_unfreeze(self, target: ast.Attribute, name: ast.Name) -> None:
        """MSL235: the loop giving `name` iterates `X.trainable_params()` read (there or into a name) where
        a freeze of X's parameters in the same scope (or, for `self.X`, the same class) may have run before."""
        ctx = self.ctx
        unfrozen = network_parameter(ctx, name, ctx.scope)
        loop = next((a for a in ctx.parents.ancestors(name) if isinstance(a, (ast.For, ast.AsyncFor) + _SCOPES)), None)
        if unfrozen is None or unfrozen.kind != "trainable" or not isinstance(loop, (ast.For, ast.AsyncFor)):
            return
        read = _trainable_read(ctx, loop.iter, loop)
        if read is None or id(loop) in self.reported:
            return
        expr, call = read
        network = call.func.value
        freeze = next((f for f, source in self.frozen(ctx.scope) if self.precedes(f, call, source, network)), None)
        if freeze is None:
            return
        self.reported.add(id(loop))
        text = ctx.text(network)
        optimizer = self.holder(network, freeze)
        if optimizer is not None:
            fixed = "%s.parameters" % optimizer
            how = "iterate the parameters the optimizer `%s` was built over, `%s`" % (optimizer, fixed)
        else:
            fixed = "%s.get_parameters()" % text
            how = (
                "iterate `%s` (it also sets requires_grad on BatchNorm's moving statistics; to restore exactly what"
                " was frozen, keep `params = %s` from before the first freeze and loop over it)" % (fixed, ctx.text(call))
            )
        message = (
            "`%s` lists only the parameters of `%s` whose requires_grad is still True: after the freeze at line %d it"
            " holds none of the frozen ones, so this loop unfreezes nothing and they stay frozen for good (in PyNative"
            " mode their gradients are zero and they no longer learn); %s" % (ctx.text(call), text, freeze.lineno, how)
        )
        ctx.report(UNFREEZE_THROUGH_TRAINABLE, target, message, fix("Iterate `%s`" % fixed, [replace(ctx, expr, fixed)], UNSAFE))

    def frozen(self, scope: Scope) -> List[Tuple[ast.Assign, Source]]:
        """The `p.requires_grad = False` a scope has over a network's parameters, and in a method those of
        the class's other methods too; once per scope."""
        key = ("scope-frozen", id(scope.node))
        if key not in self.ctx.memo:
            self.ctx.memo[key] = [found for where in _class_scopes(self.ctx, scope) for found in self.sets_requires_grad(where, False)]
        return self.ctx.memo[key]

    def precedes(self, freeze: ast.Assign, read: ast.Call, frozen: Source, network: ast.expr) -> bool:
        """Whether a freeze of `network`'s parameters may run before `read`: earlier in the same scope's flow,
        or later in a loop around both; in another method of the class, over the same `self.X`."""
        ctx = self.ctx
        if frozen.scope is not ctx.scope:
            return ctx.text(frozen.network) == ctx.text(network) and ctx.text(network).startswith("self.")
        if not overlap(ctx, frozen, Source(network, ctx.scope, False)):
            return False
        flow = ctx.flow(ctx.scope.node)
        if not flow.may_follow(freeze, read):
            return False
        if position(freeze) < position(read):
            return True
        around = {id(a) for a in ctx.parents.ancestors(read) if isinstance(a, _LOOPS)}
        for outer in ctx.parents.ancestors(freeze):
            if isinstance(outer, _SCOPES):
                return False
            if id(outer) in around:
                return True
        return False

    def holder(self, network: ast.expr, freeze: ast.Assign) -> Optional[str]:
        """The name of an optimizer built over `network.trainable_params()` before any freeze in this scope,
        in every assignment of the name (`nn.Adam(...)` or `nn.RMSProp(...)` by a flag): its `parameters`
        are what the freeze took."""
        ctx = self.ctx
        first = min((position(f) for f, _ in self.frozen(ctx.scope)), default=position(freeze))
        for call, _ in self.optimizers(ctx.scope):
            assign = ctx.parents.parent(call)
            if not (isinstance(assign, ast.Assign) and len(assign.targets) == 1 and isinstance(assign.targets[0], ast.Name)):
                continue
            values = ctx.assignments(assign.targets[0], ctx.scope)
            if values and all(self.built_over(v, network, first) for v, _ in values):
                return assign.targets[0].id
        return None

    def built_over(self, value: ast.expr, network: ast.expr, first) -> bool:
        """Whether `value` is an optimizer built before `first` over `network.trainable_params()`."""
        ctx = self.ctx
        params = optimizer_params(ctx, value) if isinstance(value, ast.Call) else None
        source = parameter_source(ctx, params, ctx.scope) if params is not None else None
        return (
            source is not None and source.kind == "trainable" and ctx.text(source.network) == ctx.text(network)
            and position(value) < first
        )

    def optimizers(self, scope: Scope) -> List[Tuple[ast.Call, "_Moves"]]:
        """The mindspore.nn optimizers a scope builds itself (not in nested defs), once per scope."""
        key = ("scope-optimizers", id(scope.node))
        if key not in self.ctx.memo:
            found = []
            todo = list(children(scope.node))
            while todo:
                node = todo.pop()
                if isinstance(node, _SCOPES):
                    continue
                todo.extend(children(node))
                if isinstance(node, ast.Call) and optimizer_params(self.ctx, node) is not None:
                    found.append((node, _Moves(self, node)))
            self.ctx.memo[key] = found
        return self.ctx.memo[key]

    def sets_requires_grad(self, scope: Scope, value: bool) -> List[Tuple[ast.Assign, Source]]:
        """`p.requires_grad = <value>` in a scope itself (not in the defs and classes inside it) on a
        network's parameters, each with what they are."""
        found = []
        todo = list(children(scope.node))
        while todo:
            node = todo.pop()
            if isinstance(node, _SCOPES):
                continue
            todo.extend(children(node))
            if isinstance(node, ast.Assign) and self.ctx.value(node.value) is value:
                for target in node.targets:
                    if isinstance(target, ast.Attribute) and target.attr == "requires_grad" and isinstance(target.value, ast.Name):
                        source = network_parameter(self.ctx, target.value, scope)
                        found += [(node, source)] if source is not None else []
        return found

    def unfrozen(self, scope: Scope) -> List[Source]:
        """The parameters a scope sets `requires_grad = True` on itself, once per scope."""
        key = ("scope-unfrozen", id(scope.node))
        if key not in self.ctx.memo:
            self.ctx.memo[key] = [source for _, source in self.sets_requires_grad(scope, True)]
        return self.ctx.memo[key]

    def holds(self, call: ast.Call, frozen: Source) -> List[Optional[ast.Dict]]:
        """The groups of an optimizer (None: its params as a whole) whose parameters overlap the frozen ones."""
        return [group for group, _ in self.parts(call, frozen)]

    def parts(self, call: ast.Call, frozen: Source) -> List[Tuple[Optional[ast.Dict], ast.expr]]:
        """(group or None, parameters) for each part of an optimizer's params that overlaps the frozen ones."""
        params = optimizer_params(self.ctx, call)
        found: List[Tuple[Optional[ast.Dict], ast.expr]] = []
        for value, group in self.groups(params, call):
            source = parameter_source(self.ctx, value, self.ctx.scope)
            if source is not None and overlap(self.ctx, source, frozen):
                found.append((group, value))
        return found

    def groups(self, params: ast.expr, at: ast.AST) -> Iterator[Tuple[ast.expr, Optional[ast.Dict]]]:
        """(parameters, group dict or None) for each part of an optimizer's params."""
        for value in reaching_values(self.ctx, params, at, self.ctx.scope):
            if isinstance(value, (ast.List, ast.Tuple)) and value.elts and isinstance(value.elts[0], (ast.Dict, ast.Name)):
                for element in value.elts:
                    for group in reaching_values(self.ctx, element, at, self.ctx.scope):
                        if isinstance(group, ast.Dict):
                            item = _key(group, "params")
                            if item is not None:
                                yield item, group
            else:
                yield value, None


class _Moves:
    """Why an optimizer moves a parameter whose gradient is zero: its weight decay (always), or its
    momentum / moments (once it has taken steps, so when the freeze runs in a loop)."""

    def __init__(self, checker: OptimizerParametersChecker, call: ast.Call) -> None:
        self.checker, self.call = checker, call
        ctx = checker.ctx
        entry = ctx.api(call.func)
        bound = ctx.bind(call, entry) if entry is not None else None
        self.weight_decay = self.moments = None
        if bound is None or not bound.complete:
            return
        defaults = bound.signature.defaults
        given = bound.get("weight_decay")
        self.weight_decay = _decay(ctx, given) if given is not None else _positive(ctx, defaults.get("weight_decay"))
        if "moment-state" in entry.traits:
            self.moments = "its moments"
        elif "momentum-parameter" in entry.traits:
            momentum = bound.get("momentum")
            required = "momentum" in bound.signature.positional and "momentum" not in defaults
            if _positive(ctx, momentum) or (required and momentum is not None and ctx.value(momentum) != 0):
                self.moments = "its momentum"

    def __call__(self, groups: List[Optional[ast.Dict]], freeze: ast.Assign) -> str:
        if not groups:
            return ""
        decay = self.decay(groups)
        if decay:
            return decay
        if self.moments and self.after_steps(freeze):
            return self.moments + ", built from the steps already taken"
        return ""

    def decay(self, groups: List[Optional[ast.Dict]]) -> str:
        """"its weight decay X" when a group (or the optimizer) decays the parameters, else ""."""
        for group in groups:
            decay = _key(group, "weight_decay") if group is not None else None
            value = _decay(self.checker.ctx, decay) if decay is not None else self.weight_decay
            if value:
                return "its weight decay %s" % value
        return ""

    def after_steps(self, freeze: ast.Assign) -> bool:
        """Whether the freeze runs in a loop the optimizer's construction is outside of (an epoch loop),
        not counting the loop over the parameters."""
        ctx = self.checker.ctx
        around = {id(n) for n in ctx.parents.ancestors(self.call)}
        for outer in ctx.parents.ancestors(freeze):
            if isinstance(outer, _SCOPES):
                return False
            if isinstance(outer, _LOOPS) and id(outer) not in around and not _loops_over_parameters(ctx, outer):
                return True
        return False


def _loops_over_parameters(ctx, loop: ast.AST) -> bool:
    return isinstance(loop, (ast.For, ast.AsyncFor)) and parameter_source(ctx, loop.iter, ctx.scope) is not None


def _trainable_read(ctx, expr: ast.expr, at: ast.AST, depth: int = 0) -> Optional[Tuple[ast.expr, ast.Call]]:
    """Where a loop's iterable reads `X.trainable_params()`: (the expression to replace in the loop, the
    call), directly, through `list(...)` / `enumerate(...)`, or through a name bound to it in the scope's
    flow (the binding certain to hold at the loop); None for anything else."""
    if depth > MAX_DEPTH:
        return None
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr == "trainable_params":
        return (expr, expr) if not expr.args and not expr.keywords else None
    if isinstance(expr, ast.Call) and len(expr.args) == 1 and not expr.keywords:
        if ctx.qualname(expr.func) in ("builtins.list", "builtins.tuple", "builtins.enumerate", "builtins.sorted"):
            return _trainable_read(ctx, expr.args[0], at, depth + 1)
        return None
    if isinstance(expr, ast.Name):
        bound = ctx.flow(ctx.scope.node).reaching(expr.id, at)
        if bound is None or bound.value is None or bound.method == "for":
            return None
        found = _trainable_read(ctx, bound.value, bound.node, depth + 1)
        return (expr, found[1]) if found is not None else None
    return None


def _class_scopes(ctx, scope: Scope) -> List[Scope]:
    """A scope, and when it is a method, the other methods of its class."""
    owner = method_owner(scope)
    if owner is None:
        return [scope]
    methods = [ctx.names.scopes.get(s) for s in owner.node.body if isinstance(s, DEFS)]
    return [scope] + [m for m in methods if m is not None and m is not scope]


def _key(group: ast.Dict, name: str) -> Optional[ast.expr]:
    return next((v for k, v in zip(group.keys, group.values) if isinstance(k, ast.Constant) and k.value == name), None)


def _decay(ctx, expr: ast.expr) -> Optional[str]:
    """A weight decay given in the call or a group: a number > 0 (its value), or one out of sight that
    is read from a configuration (`config.weight_decay`, `cfg["wd"]`: its text); None for 0 and for anything else."""
    value = ctx.value(expr)
    if value is UNKNOWN and isinstance(expr, (ast.Attribute, ast.Subscript)):
        return "`%s`" % ctx.text(expr)
    return _positive(ctx, expr)


def _positive(ctx, expr: Optional[ast.expr]) -> Optional[str]:
    """The text of a number > 0 an argument certainly is, else None."""
    value = ctx.value(expr) if expr is not None else None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
        return repr(value)
    return None
