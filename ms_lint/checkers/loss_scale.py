"""Loss scaling in a custom training loop: a functional loss scaler's `scale` / `unscale` / `adjust`,
and an optimizer's own `loss_scale` (MSL321-MSL323)."""
from __future__ import annotations

import ast
from typing import Dict, List, Optional, Set, Tuple

from ms_lint.analysis.context import Checker, FileContext, fix
from ms_lint.analysis.differentiated import differentiated, returned
from ms_lint.analysis.kinds import built_with, nn_optimizer
from ms_lint.analysis.names import Scope
from ms_lint.fixes.edits import insert_statement, remove_keyword
from ms_lint.model import UNSAFE, Rule

SCALED_LOSS_NOT_UNSCALED = Rule(
    "MSL321",
    "scaled-loss-not-unscaled",
    "The differentiated function returns loss_scaler.scale(loss) and the gradients reach the optimizer never"
    " unscaled: every step is the scale times too large",
    fix=UNSAFE,
)
DYNAMIC_LOSS_SCALE_UNCHECKED = Rule(
    "MSL322",
    "dynamic-loss-scale-unchecked",
    "A DynamicLossScaler whose gradients are never checked with all_finite and whose adjust() is never called:"
    " an overflow reaches the weights as inf/nan and the scale never drops",
)
OPTIMIZER_LOSS_SCALE_UNSCALED_LOSS = Rule(
    "MSL323",
    "optimizer-loss-scale-unscaled-loss",
    "An optimizer built with loss_scale > 1 is called on the gradients of a loss nothing scaled:"
    " every update is 1/loss_scale the size",
    fix=UNSAFE,
)


class LossScaleChecker(Checker):
    """MSL321-MSL323: what is scaled, unscaled, checked and adjusted, judged over the whole module."""

    rules = (SCALED_LOSS_NOT_UNSCALED, DYNAMIC_LOSS_SCALE_UNCHECKED, OPTIMIZER_LOSS_SCALE_UNSCALED_LOSS)

    def __init__(self, ctx: FileContext) -> None:
        super().__init__(ctx)
        # grad call, its function (None: unknown), the `scale` call it returns, whether it returns a product,
        # and the optimizer whose `parameters` it differentiates by (`optimizer.parameters`), if it names one
        self.forwards: List[Tuple[ast.Call, Optional[ast.AST], Optional[ast.Call], bool, Optional[ast.expr]]] = []
        self.scaled_by: Dict[int, Set[int]] = {}  # id of a `scale` call -> the scaler constructions behind it
        self.steps: List[Tuple[ast.Call, Scope]] = []  # `opt(grads)` on a mindspore.nn optimizer
        self.scaled_optimizers: List[Tuple[ast.Call, ast.keyword]] = []  # built with loss_scale != 1
        self.dynamic_scalers: List[ast.Call] = []
        self.arguments: List[ast.expr] = []  # every name or attribute passed to a call or returned
        # per method (`unscale`, `adjust`): the scaler constructions it is called on; None: on one out of sight
        self.methods: Dict[str, Optional[Set[int]]] = {"unscale": set(), "adjust": set()}
        self.finite_checks = 0
        # every rule here needs a loss scaler built in the module or an optimizer's `loss_scale=`
        self.active = "LossScaler" in ctx.source or "loss_scale" in ctx.source

    def visit_Call(self, node: ast.Call) -> None:
        if not self.active:
            return
        ctx = self.ctx
        self.arguments.extend(a for a in node.args + [k.value for k in node.keywords] if isinstance(a, (ast.Name, ast.Attribute)))
        if isinstance(node.func, ast.Attribute) and node.func.attr in self.methods:
            self.note_method(node.func)
        entry = ctx.api(node.func)
        if entry is None:
            self.note_step(node)
            return
        if "checks-finite" in entry.traits:
            self.finite_checks += 1
        elif "dynamic-loss-scaler" in entry.traits:
            self.dynamic_scalers.append(node)
        elif "optimizer" in entry.traits:
            self.note_optimizer(node, entry)
        elif "autodiff" in entry.traits:
            self.note_forward(node, entry)

    def visit_Return(self, node: ast.Return) -> None:
        if self.active and isinstance(node.value, (ast.Name, ast.Attribute)):
            self.arguments.append(node.value)

    def note_method(self, func: ast.Attribute) -> None:
        seen = self.methods[func.attr]
        if seen is None:
            return
        scalers = built_with(self.ctx, func.value, "loss-scaler") if isinstance(func.value, (ast.Name, ast.Attribute)) else []
        if scalers:
            seen.update(id(b.call) for b in scalers)
        else:
            self.methods[func.attr] = None

    def handled(self, method: str, constructions: Set[int]) -> bool:
        """Whether `method` is called on one of these scaler constructions, or on a scaler out of sight."""
        seen = self.methods[method]
        return seen is None or bool(seen & constructions)

    def note_step(self, call: ast.Call) -> None:
        if len(call.args) == 1 and not call.keywords and isinstance(call.args[0], ast.Name):
            if isinstance(call.func, (ast.Name, ast.Attribute)) and nn_optimizer(self.ctx, call.func):
                self.steps.append((call, self.ctx.scope))

    def note_optimizer(self, call: ast.Call, entry) -> None:
        bound = self.ctx.bind(call, entry)
        if bound is None or "loss_scale" not in bound.keywords:
            return
        value = self.ctx.value(bound.arguments["loss_scale"])
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 1:
            self.scaled_optimizers.append((call, bound.keywords["loss_scale"]))

    def note_forward(self, call: ast.Call, entry) -> None:
        ctx = self.ctx
        bound = ctx.bind(call, entry)
        if bound is None or "fn" not in bound.arguments:
            self.forwards.append((call, None, None, False, None))
            return
        weights = bound.arguments.get("weights")
        owner = weights.value if isinstance(weights, ast.Attribute) and weights.attr == "parameters" else None
        function = differentiated(ctx, bound.arguments["fn"])
        if function is None:
            self.forwards.append((call, None, None, False, owner))
            return
        self.forwards.append((call, function, self.scaled_output(function), self.multiplied(function), owner))

    def scaled_output(self, function: ast.AST) -> Optional[ast.Call]:
        """The `scaler.scale(...)` call every `return` of the function gives first, directly or through a name."""
        scope = self.ctx.names.scope_of(function, self.ctx.scope)
        found = []
        for value in returned(function):
            first = value.elts[0] if isinstance(value, ast.Tuple) and value.elts else value
            candidates = [v for v, _ in self.ctx.assignments(first, scope)] if isinstance(first, ast.Name) else [first]
            scales = [c for c in candidates if self.scale_call(c, scope)]
            if not scales:
                return None
            found.append(scales[0])
        return found[0] if found else None

    def scale_call(self, expr: ast.expr, scope: Scope) -> bool:
        if not (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr == "scale"):
            return False
        scalers = built_with(self.ctx, expr.func.value, "loss-scaler", scope)
        self.scaled_by[id(expr)] = {id(b.call) for b in scalers}
        return bool(scalers)

    # --- the module judged -------------------------------------------------------------------
    def leave_Module(self, node: ast.Module) -> None:
        self.report_unscaled_gradients()
        self.report_unchecked_scalers()
        self.report_unscaled_losses()

    def report_unscaled_gradients(self) -> None:
        """MSL321: a scaled loss, no `unscale` anywhere, no optimizer that divides by a loss scale."""
        if self.scaled_optimizers or not self.steps:
            return
        ctx = self.ctx
        for grad_call, _, scale, _, _ in self.forwards:
            if scale is None or self.handled("unscale", self.scaled_by[id(scale)]):
                continue
            scaler = ctx.text(scale.func.value)
            edits = []
            if len(self.steps) == 1:
                step, _ = self.steps[0]
                grads = step.args[0].id
                statement = ctx.parents.enclosing(step, ast.stmt)
                edit = insert_statement(ctx, statement, "%s = %s.unscale(%s)" % (grads, scaler, grads), after=False)
                edits = [edit] if edit is not None and self.visible_at(scale.func.value, step) else []
                where = step
            else:
                where = grad_call
            message = (
                "`%s` differentiates a function that returns `%s`: its gradients are `%s`'s scale times too large"
                " and reach the optimizer never unscaled (one SGD step of lr 0.1 at scale 1024 moves w=1 to"
                " -101.4, not 0.9); unscale them before the update: `grads = %s.unscale(grads)`"
                % (ctx.text(grad_call.func), ctx.text(scale), scaler, scaler)
            )
            found = fix("Unscale the gradients before the optimizer", edits, UNSAFE) if edits else None
            ctx.report(SCALED_LOSS_NOT_UNSCALED, where, message, found)

    def visible_at(self, receiver: ast.expr, step: ast.Call) -> bool:
        """Whether the scaler's name means the same scaler where the optimizer is called."""
        if not isinstance(receiver, ast.Name):
            return False
        at_step = self.ctx.names.lookup(receiver.id, self.ctx.scope_at(step), step.lineno)
        at_scale = self.ctx.names.lookup(receiver.id, self.ctx.scope_at(receiver), receiver.lineno)
        return at_step is not None and at_step is at_scale

    def report_unchecked_scalers(self) -> None:
        """MSL322: a DynamicLossScaler that scales, with no `adjust` and no `all_finite` in the module."""
        if self.finite_checks:
            return
        ctx = self.ctx
        for call in self.dynamic_scalers:
            target = self.target_of(call)
            if target is None or self.passed(target) or self.handled("adjust", {id(call)}):
                continue
            if not any(self.scales_with(c, call) for c in ctx.method_calls({"scale"}, ctx.tree)):
                continue
            name = ctx.text(target)
            message = (
                "`%s` is a DynamicLossScaler, but nothing checks the gradients with `mindspore.amp.all_finite`"
                " or calls `%s.adjust(...)`: an overflow reaches the weights as inf/nan and the scale never drops;"
                " `is_finite = all_finite(grads)`, `%s.adjust(is_finite)`, and update only when finite"
                % (name, name, name)
            )
            ctx.report(DYNAMIC_LOSS_SCALE_UNCHECKED, call, message)

    def scales_with(self, use: ast.Call, construction: ast.Call) -> bool:
        """Whether `x.scale(...)` is called on what `construction` built."""
        scalers = built_with(self.ctx, use.func.value, "loss-scaler", self.ctx.scope_at(use))
        return any(b.call is construction for b in scalers)

    def report_unscaled_losses(self) -> None:
        """MSL323: an optimizer with loss_scale > 1 called directly on grads of functions that scale nothing."""
        ctx = self.ctx
        for call, keyword in self.scaled_optimizers:
            target = self.target_of(call)
            if target is None or self.passed(target):
                continue
            feeding = [f for f in self.forwards if f[4] is None or same_reference(f[4], target)]
            if not feeding or any(f is None or s is not None or product for _, f, s, product, _ in feeding):
                continue
            if not any(same_reference(step.func, target) for step, _ in self.steps):
                continue
            message = (
                "`%s` is built with `%s`: it divides every gradient by it, but the loss it is called on is not"
                " scaled, so each update is 1/%s the size; drop `%s` (or scale the loss by the same factor)"
                % (ctx.text(target), ctx.text(keyword), ctx.text(keyword.value), ctx.text(keyword))
            )
            edit = remove_keyword(ctx, call, keyword)
            ctx.report(OPTIMIZER_LOSS_SCALE_UNSCALED_LOSS, call, message, fix("Drop `%s`" % ctx.text(keyword), [edit], UNSAFE))

    def multiplied(self, function: ast.AST) -> bool:
        """Whether some `return` gives a product, directly or through a name: a loss scaled by hand."""
        scope = self.ctx.names.scope_of(function, self.ctx.scope)
        for value in returned(function):
            first = value.elts[0] if isinstance(value, ast.Tuple) and value.elts else value
            candidates = [v for v, _ in self.ctx.assignments(first, scope)] if isinstance(first, ast.Name) else [first]
            if any(isinstance(c, ast.BinOp) and isinstance(c.op, ast.Mult) for c in candidates):
                return True
        return False

    # --- where an object lives ---------------------------------------------------------------
    def target_of(self, call: ast.Call) -> Optional[ast.expr]:
        """The name or `self.attr` a construction is assigned to, alone."""
        parent = self.ctx.parents.parent(call)
        if isinstance(parent, ast.Assign) and len(parent.targets) == 1 and parent.value is call:
            target = parent.targets[0]
            if isinstance(target, ast.Name) or (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)):
                return target
        return None

    def passed(self, target: ast.expr) -> bool:
        """Whether the object is handed to some call or returned (a wrapper or helper may use it otherwise)."""
        return any(same_reference(argument, target) for argument in self.arguments)


def same_reference(expr: ast.expr, target: ast.expr) -> bool:
    """Whether two expressions spell the same name or `x.attr`."""
    if isinstance(expr, ast.Name) and isinstance(target, ast.Name):
        return expr.id == target.id
    if isinstance(expr, ast.Attribute) and isinstance(target, ast.Attribute):
        return expr.attr == target.attr and same_reference(expr.value, target.value)
    return False
