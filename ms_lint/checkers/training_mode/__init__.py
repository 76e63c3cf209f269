"""Training mode: networks trained in inference mode (MSL301), evaluated in training mode (MSL302),
trained again after an evaluation left them in inference mode (MSL303)."""
from __future__ import annotations

import ast
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

from ms_lint.analysis.context import Checker, fix
from ms_lint.analysis.modes import INDEPENDENT
from ms_lint.analysis.names import MAX_DEPTH, Scope
from ms_lint.analysis.parents import walk
from ms_lint.checkers.training_mode.inference_steps import StepFlow
from ms_lint.checkers.training_mode.mode_flow import ModeFlow
from ms_lint.checkers.training_mode.networks import Key, Networks
from ms_lint.facts import ApiFacts
from ms_lint.fixes.edits import insert_statement
from ms_lint.model import UNSAFE, Rule

MISSING_SET_TRAIN = Rule(
    "MSL301",
    "missing-set-train",
    "A network is trained but never put in training mode: Dropout is off, BatchNorm uses moving statistics",
    fix=UNSAFE,
)
EVAL_IN_TRAIN_MODE = Rule(
    "MSL302",
    "eval-in-train-mode",
    "A network put in training mode is evaluated without set_train(False): Dropout still drops",
    fix=UNSAFE,
)
TRAINING_IN_INFERENCE_MODE = Rule(
    "MSL303",
    "training-in-inference-mode",
    "A network left in inference mode by an evaluation is trained again: Dropout is off, BatchNorm frozen",
    fix=UNSAFE,
)

_PASS_THROUGH = {"builtins.list", "builtins.tuple", "mindspore.ParameterTuple", "builtins.filter"}

# (call, scope, weights or optimizer, network argument or None)
Site = Tuple[ast.Call, Scope, Optional[ast.expr], Optional[ast.expr]]


class TrainingModeChecker(Checker):
    """Training sites collected in the walk; the whole-module analysis when the module ends."""

    rules = (MISSING_SET_TRAIN, EVAL_IN_TRAIN_MODE, TRAINING_IN_INFERENCE_MODE)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.sites: List[Site] = []
        self.indexed: List[Tuple[ast.AST, Scope]] = []  # what Networks reads: assignments, loops, calls
        self.sets_train_mode = False
        self.sets_eval_mode = False
        self.may_apply_grad_operation = "GradOperation" in ctx.source
        self.may_subclass_wrappers = any(name in ctx.source for name in _wrapper_names(ctx.facts))

    def visit_Call(self, node: ast.Call) -> None:
        """Collect training sites and whether anything is put in training mode."""
        ctx = self.ctx
        entry = ctx.api(node.func)
        self.indexed.append((node, ctx.scope))
        if isinstance(node.func, ast.Attribute) and node.func.attr == "set_train":
            self.sets_train_mode |= not (node.args and ctx.value(node.args[0]) is False)
            self.sets_eval_mode |= bool(node.args or node.keywords)
        site = self.training_site(node, ctx.scope, entry)
        if site is not None:
            self.sites.append(site)

    def visit_Assign(self, node: ast.Assign) -> None:
        self.indexed.append((node, self.ctx.scope))

    visit_AnnAssign = visit_For = visit_AsyncFor = visit_Assign

    def leave_Module(self, node: ast.Module) -> None:
        """Check every training site, then follow the modes for evaluations."""
        ctx = self.ctx
        flow = self.sets_train_mode and EVAL_IN_TRAIN_MODE.code in ctx.enabled
        steps = self.sets_eval_mode and bool(self.sites) and TRAINING_IN_INFERENCE_MODE.code in ctx.enabled
        sites = self.sites if MISSING_SET_TRAIN.code in ctx.enabled else []
        if not sites and not flow and not steps:
            return
        networks = Networks(ctx, self.indexed)
        for site in sites:
            self.check_site(site, networks)
        if flow:
            ModeFlow(ctx, networks, EVAL_IN_TRAIN_MODE).run()
        if steps:
            StepFlow(ctx, networks, TrainingSteps(self, networks), TRAINING_IN_INFERENCE_MODE, self.indexed).run()

    # --- where a network is trained ------------------------------------------------------------
    def training_site(self, call: ast.Call, scope: Scope, entry) -> Optional[Site]:
        """A gradient function over weights, or a training wrapper: (call, scope, weights, network)."""
        ctx = self.ctx
        if entry is not None and "autodiff" in entry.traits:
            bound = ctx.bind(call, entry)
            weights = bound.get("weights") if bound else None
            return (call, scope, weights, None) if weights is not None and ctx.value(weights) is not None else None
        if entry is not None and "weights-grad" in entry.traits:
            bound = ctx.bind(call, entry)
            by_list = bound is not None and ctx.value(bound.get("get_by_list")) is True
            return (call, scope, bound.get("weights"), None) if by_list and bound.get("weights") is not None else None
        if entry is not None and "trains-network" in entry.traits:
            bound = ctx.bind(call, entry)
            if bound is None or len(bound.signature.positional) < 2:
                return None
            network, optimizer = (bound.get(p) for p in bound.signature.positional[:2])
            return (call, scope, optimizer, network)
        if entry is not None:
            return None
        if self.may_apply_grad_operation and len(call.args) >= 2 and self.is_grad_operation(call.func, scope):
            return (call, scope, call.args[1], None)
        return self.project_wrapper(call, scope) if self.may_subclass_wrappers else None

    def is_grad_operation(self, func: ast.expr, scope: Scope) -> bool:
        """A GradOperation instance that differentiates weights (`get_by_list=True`)."""
        ctx = self.ctx
        builders = [func] if isinstance(func, ast.Call) else ctx.constructed(func, scope)
        for builder in builders:
            entry = ctx.api(builder.func, scope)
            bound = ctx.bind(builder, entry) if entry is not None and "grad-operation" in entry.traits else None
            if bound is None or ctx.value(bound.get("get_by_list"), scope) is not True:
                return False
        return bool(builders)

    def project_wrapper(self, call: ast.Call, scope: Scope) -> Optional[Site]:
        """A call of this module's own subclass of a training wrapper, its arguments mapped through
        its `super().__init__(network, optimizer, ...)` call."""
        ctx = self.ctx
        binding = ctx.names.lookup(call.func.id, scope, call.lineno) if isinstance(call.func, ast.Name) else None
        if binding is None or binding.kind != "class":
            return None
        entries = [ctx.facts.lookup(q, ctx.patches) for q in ctx.classes.bases(binding.node, binding.scope)]
        wrapper = next((e for e in entries if e is not None and "trains-network" in e.traits), None)
        init = next((s for s in binding.node.body if isinstance(s, ast.FunctionDef) and s.name == "__init__"), None)
        if wrapper is None or init is None or _sets_mode(binding.node):
            return None
        params = [a.arg for a in init.args.args[1:]]
        for inner in walk(init):
            if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute) and inner.func.attr == "__init__":
                bound = ctx.bind(inner if _is_super(inner.func.value) else _drop_self(inner), wrapper)
                if bound is None:
                    return None
                network, optimizer = (_argument(call, params, bound.get(p)) for p in bound.signature.positional[:2])
                return (call, scope, optimizer, network) if optimizer is not None or network is not None else None
        return None

    # --- MSL301 --------------------------------------------------------------------------------
    def check_site(self, site: Site, networks: Networks) -> None:
        """Report a site whose trained network the module built and no set_train() reaches."""
        call, scope, weights, network = site
        owners = self.weight_owners(weights, scope, networks, 0) if weights is not None else []
        if not owners and network is not None:
            owners = [(network, scope)]
        for expr, where in owners:
            key = networks.root(expr, where)
            if key is None or networks.reached_by_set_train(key) or not networks.built_here(key):
                continue
            if networks.mode_independent(key):
                continue  # no layer of it behaves differently in training mode
            named_here = networks.key(expr, scope) == networks.key(expr, where)
            self.report_missing(call, expr if named_here else None, network is not None, networks)
            return

    def weight_owners(
        self, expr: ast.expr, scope: Scope, networks: Networks, depth: int
    ) -> List[Tuple[ast.expr, Scope]]:
        """The networks whose parameters `expr` holds: `net.trainable_params()`, an optimizer's
        `.parameters` or the optimizer itself, groups, names bound to any of them."""
        ctx = self.ctx
        if depth > MAX_DEPTH:
            return []
        if isinstance(expr, ast.Call):
            method = ctx.facts.cell_methods.get(expr.func.attr) if isinstance(expr.func, ast.Attribute) else None
            if method is not None and method.parameters in ("trainable", "all"):
                return [(expr.func.value, scope)]
            entry = ctx.api(expr.func, scope)
            if entry is not None and "optimizer" in entry.traits:
                bound = ctx.bind(expr, entry)
                params = bound.get(bound.signature.positional[0]) if bound and bound.signature.positional else None
                return self.weight_owners(params, scope, networks, depth + 1) if params is not None else []
            if ctx.qualname(expr.func, scope) in _PASS_THROUGH and expr.args:
                return self.weight_owners(expr.args[-1], scope, networks, depth + 1)
            return []
        if isinstance(expr, (ast.List, ast.Tuple)):
            return [o for e in expr.elts for o in self.weight_owners(e, scope, networks, depth + 1)]
        if isinstance(expr, ast.Dict):
            return [o for e in expr.values for o in self.weight_owners(e, scope, networks, depth + 1)]
        if isinstance(expr, ast.Attribute) and expr.attr == "parameters":
            expr = expr.value
        built = ctx.constructed(expr, scope)
        if len(built) != 1:
            return []
        return self.weight_owners(built[0], ctx.scope_at(built[0]), networks, depth + 1)

    def report_missing(self, call: ast.Call, network: Optional[ast.expr], wrapper: bool, networks: Networks) -> None:
        """Report a training site; the fix names the network, or the wrapper assigned there."""
        ctx = self.ctx
        statement = ctx.parents.enclosing(call, ast.stmt)
        target = network if isinstance(network, (ast.Name, ast.Attribute)) else None
        if target is None and wrapper and isinstance(statement, ast.Assign):
            assigned = statement.targets[0]
            target = assigned if isinstance(assigned, (ast.Name, ast.Attribute)) else None
        name = ctx.text(target) if target is not None else ""
        message = (
            "%s trains %s, which no set_train() reaches: a Cell starts in inference mode, so Dropout"
            " does nothing and BatchNorm uses its moving statistics; call %s before the training loop"
            % (
                ctx.text(call.func),
                "`%s`" % name if name else "a network",
                "`%s.set_train()`" % name if name else "set_train() on it",
            )
        )
        simple = isinstance(statement, (ast.Assign, ast.AnnAssign, ast.Expr))
        edit = insert_statement(ctx, statement, "%s.set_train()" % name, after=True) if name and simple else None
        remedy = fix("Call `%s.set_train()`" % name, [edit], UNSAFE) if edit is not None else None
        ctx.report(MISSING_SET_TRAIN, call, message, remedy)


class TrainingSteps:
    """The calls that train a network: a gradient function over its weights or a training wrapper
    built around it (`grad_fn(x, y)`, `train_net(x, y)`, `grad(net, weights)(x)`), or an optimizer
    over its parameters (`optimizer(grads)`); each gives the families of the networks it trains."""

    def __init__(self, checker: TrainingModeChecker, networks: Networks) -> None:
        self.checker = checker
        self.networks = networks
        self.sites = {id(site[0]): site for site in checker.sites}
        self.found: Dict[int, List[Tuple[Key, bool]]] = {}

    def trained(self, call: ast.Call) -> List[Tuple[Key, bool]]:
        """The names of the networks one call trains, each with whether what it holds is known to
        be mode-independent (memoised per call)."""
        if id(call) not in self.found:
            self.found[id(call)] = self.find(call)
        return self.found[id(call)]

    def find(self, call: ast.Call) -> List[Tuple[Key, bool]]:
        checker, networks, ctx = self.checker, self.networks, self.checker.ctx
        func = call.func
        scope = ctx.scope_at(call)
        if isinstance(func, ast.Call):
            builders = [func]
        elif isinstance(func, (ast.Name, ast.Attribute)):
            builders = ctx.constructed(func, scope)
        else:
            return []
        owners: List[Tuple[ast.expr, Scope]] = []
        for built in builders:
            site = self.sites.get(id(built))
            if site is not None:
                _, where, weights, network = site
                found = checker.weight_owners(weights, where, networks, 0) if weights is not None else []
                owners += found or ([(network, where)] if network is not None else [])
                continue
            entry = ctx.api(built.func, ctx.scope_at(built))
            if entry is not None and "optimizer" in entry.traits and "cell" in entry.traits:
                owners += checker.weight_owners(built, ctx.scope_at(built), networks, 0)
        keys: Dict[Key, bool] = {}
        for expr, where in owners:
            key = networks.root(expr, where)
            if key is not None and key not in keys:
                keys[key] = self.independent(key)
        return list(keys.items())

    def independent(self, key: Key) -> bool:
        """Whether every value bound to the trained name is a network whose whole contents are in
        sight and read no mode (ms_lint.analysis.modes follows the names it copies); the other
        networks passed to the same helpers do not count."""
        networks, ctx = self.networks, self.checker.ctx
        scope, name = key
        if name.startswith("self."):
            values = [(v, ctx.scope_at(v)) for v in scope.self_attrs.get(name[5:], [])]
        else:
            bindings = scope.bindings.get(name, [])
            if not bindings or any(b.kind != "assign" for b in bindings):
                return False
            values = [(b.value, scope) for b in bindings]
        answers = [networks.modes.of(value, where) for value, where in values]
        return bool(answers) and max(answers) <= INDEPENDENT


@lru_cache(maxsize=4)
def _wrapper_names(facts: ApiFacts) -> Tuple[str, ...]:
    """The short names of the training wrappers a module must mention to subclass one."""
    return tuple(e.short_name for e in facts.entries.values() if "trains-network" in e.traits)


def _sets_mode(cls: ast.ClassDef) -> bool:
    """Whether a class calls set_train itself (on itself or its network) in any of its methods."""
    return any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "set_train"
        and not (n.args and isinstance(n.args[0], ast.Constant) and n.args[0].value is False)
        for n in walk(cls)
    )


def _is_super(expr: ast.expr) -> bool:
    """Whether an expression is `super()`."""
    return isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id == "super"


def _drop_self(call: ast.Call) -> ast.Call:
    """`Base.__init__(self, a, b)` as `__init__(a, b)`."""
    return ast.Call(func=call.func, args=call.args[1:], keywords=call.keywords)


def _argument(call: ast.Call, params: List[str], inner: Optional[ast.expr]) -> Optional[ast.expr]:
    """The caller's argument for the subclass parameter `inner` names."""
    if not isinstance(inner, ast.Name) or inner.id not in params:
        return None
    index = params.index(inner.id)
    if index < len(call.args) and not any(isinstance(a, ast.Starred) for a in call.args[: index + 1]):
        return call.args[index]
    return next((k.value for k in call.keywords if k.arg == inner.id), None)
