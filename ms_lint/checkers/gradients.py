"""Gradients that reach the wrong optimizer (MSL314, MSL315) and weights the gradient call ignores (MSL316)."""
from __future__ import annotations

import ast

from ms_lint.analysis.context import Checker, fix
from ms_lint.analysis.gradients import (
    Gradient,
    distinct,
    gradient,
    gradients_of,
    is_weights,
    optimizer_owners,
    parameter_owners,
)
from ms_lint.analysis.kinds import nn_optimizer, optimizers
from ms_lint.fixes.edits import add_argument, replace
from ms_lint.model import ERROR, SAFE, UNSAFE, Rule

GRADIENTS_TO_OTHER_OPTIMIZER = Rule(
    "MSL314",
    "gradients-to-other-optimizer",
    "Gradients taken by one network's parameters are handed to an optimizer of other parameters",
    severity=ERROR,
)
INPUT_GRADIENTS_TO_OPTIMIZER = Rule(
    "MSL315",
    "input-gradients-to-optimizer",
    "A gradient function without weights differentiates the inputs; its gradients reach an optimizer: RuntimeError",
    severity=ERROR,
    fix=UNSAFE,
)
WEIGHTS_AS_GRAD_POSITION = Rule(
    "MSL316",
    "weights-as-grad-position",
    "Weights passed where grad/value_and_grad reads grad_position (TypeError), or to GradOperation without get_by_list=True (ignored)",
    severity=ERROR,
    fix=SAFE,
)


class GradientsChecker(Checker):
    """MSL314-MSL316: what a gradient call differentiates, and the optimizer its gradients reach."""

    rules = (GRADIENTS_TO_OTHER_OPTIMIZER, INPUT_GRADIENTS_TO_OPTIMIZER, WEIGHTS_AS_GRAD_POSITION)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.may_differentiate = "grad" in ctx.source or "Grad" in ctx.source

    def visit_Call(self, node: ast.Call) -> None:
        if not self.may_differentiate:
            return
        ctx = self.ctx
        if len(node.args) == 1 and not node.keywords and isinstance(node.args[0], ast.Name):
            self.check_update(node)
        if len(node.args) >= 2 and WEIGHTS_AS_GRAD_POSITION.code in ctx.enabled:
            self.check_grad_position(node)

    # --- MSL314, MSL315: `optimizer(grads)` ----------------------------------------------------
    def check_update(self, call: ast.Call) -> None:
        ctx = self.ctx
        if not isinstance(call.func, (ast.Name, ast.Attribute)) or not optimizers(ctx, call.func):
            return
        found = gradients_of(ctx, call.args[0], ctx.scope)
        if found is None:
            return
        if found.weights is None:
            inputs = found.applied.args + [k.value for k in found.applied.keywords]
            where = ctx.scope_at(found.applied)
            if not any(is_weights(ctx, a, where) for a in inputs):  # `grad(f)(params)`: its inputs are weights
                self.report_inputs(found, call)
            return
        theirs = parameter_owners(ctx, found.weights, found.scope)
        ours = optimizer_owners(ctx, call.func, ctx.scope)
        if theirs is not None and ours is not None and distinct(theirs, ours):
            self.report_other(found, call)

    def report_other(self, found: Gradient, call: ast.Call) -> None:
        ctx = self.ctx
        optimizer, weights, grads = (ctx.text(e) for e in (call.func, found.weights, call.args[0]))
        message = (
            "`%s` holds the gradients %s takes by `%s`, but `%s(%s)` updates other parameters with them: a shape"
            " error where the shapes differ, and where they agree the wrong weights move while the differentiated"
            " ones stay; hand `%s` to the optimizer of `%s`, or differentiate by `%s.parameters`"
            % (grads, ctx.text(found.call.func if found.builder is None else found.call), weights, optimizer, grads,
               grads, weights, optimizer)
        )
        ctx.report(GRADIENTS_TO_OTHER_OPTIMIZER, call, message)

    def report_inputs(self, found: Gradient, call: ast.Call) -> None:
        ctx = self.ctx
        if INPUT_GRADIENTS_TO_OPTIMIZER.code not in ctx.enabled:
            return
        optimizer = ctx.text(call.func)
        callee = ctx.text(found.call.func if found.builder is None else found.call)
        weights = "%s.parameters" % optimizer
        remedy = None
        if found.builder is None:
            fn = found.call.args[0] if found.call.args else None
            edits = self.weights_edits(found.call, weights) if nn_optimizer(ctx, call.func) else None
            if edits:
                remedy = fix("Differentiate by `%s`" % weights, edits, UNSAFE)
            advice = "pass the optimizer's parameters as weights: `%s(%s, None, %s)`" % (
                callee, ctx.text(fn) if fn is not None else "fn", weights)
        else:
            advice = "build it with `get_by_list=True` and apply it as `(%s, %s)`" % (
                ctx.text(found.call.args[0]), weights)
        message = (
            "%s here has no weights, so it differentiates the inputs (the gradients have the inputs' shapes),"
            " and `%s(%s)` hands them to the optimizer: RuntimeError \"Illegal DoSignaturePrimitive\" on the"
            " update; %s" % (callee, optimizer, ctx.text(call.args[0]), advice)
        )
        ctx.report(INPUT_GRADIENTS_TO_OPTIMIZER, found.call, message, remedy)

    def weights_edits(self, call: ast.Call, weights: str):
        """The edits that make a gradient call differentiate `weights` instead of the inputs."""
        ctx = self.ctx
        entry = ctx.api_with(call.func, "autodiff")
        bound = ctx.bind(call, entry) if entry is not None else None
        if bound is None or "weights" in bound.arguments or bound.positional_of.get("fn") != 0:
            return None
        if "grad_position" in bound.keywords:
            keyword = bound.keywords["grad_position"]
            return [replace(ctx, keyword.value, "None"), add_argument(ctx, call, "weights=%s" % weights)]
        if "grad_position" in bound.positional_of:
            return None if len(call.args) > 2 else [replace(ctx, call.args[1], "None, %s" % weights)]
        return [replace(ctx, call.args[0], "%s, None, %s" % (ctx.text(call.args[0]), weights))]

    # --- MSL316 -------------------------------------------------------------------------------
    def check_grad_position(self, call: ast.Call) -> None:
        ctx = self.ctx
        entry = ctx.api_with(call.func, "autodiff")
        if entry is not None:
            bound = ctx.bind(call, entry)
            position = bound.get("grad_position") if bound is not None else None
            if position is None or not is_weights(ctx, position, ctx.scope):
                return
            remedy = None
            if "grad_position" in bound.positional_of and "weights" not in bound.arguments:
                edit = replace(ctx, position, "None, %s" % ctx.text(position))
                remedy = fix("Pass `None, %s`" % ctx.text(position), [edit], SAFE)
            callee, fn, given = ctx.text(call.func), ctx.text(bound.arguments["fn"]), ctx.text(position)
            message = (
                "%s(%s, %s) passes the weights as `grad_position` (the second parameter; `weights` is the third):"
                " TypeError \"'grad_position' must be int or tuple\" when it is built; pass `%s(%s, None, %s)`"
                % (callee, fn, given, callee, fn, given)
            )
            ctx.report(WEIGHTS_AS_GRAD_POSITION, call, message, remedy)
            return
        found = gradient(ctx, call, ctx.scope)
        if found is None or found.builder is None or found.weights is not None:
            return
        if not is_weights(ctx, call.args[1], ctx.scope):
            return
        builder = found.builder
        edit = None
        if not any(k.arg == "get_by_list" for k in builder.keywords):
            edit = add_argument(ctx, builder, "get_by_list=True")
        message = (
            "%s(%s, %s): without `get_by_list=True` GradOperation ignores `%s` and returns the gradient of"
            " the inputs; build it with `get_by_list=True` to differentiate the weights"
            % (ctx.text(call.func), ctx.text(call.args[0]), ctx.text(call.args[1]), ctx.text(call.args[1]))
        )
        ctx.report(WEIGHTS_AS_GRAD_POSITION, call, message, fix("Add `get_by_list=True`", [edit], UNSAFE) if edit else None)
