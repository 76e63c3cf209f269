"""Dropout: drop rates passed where MindSpore reads keep_prob (MSL101); functional dropout that
stays on in inference mode (MSL102)."""
from __future__ import annotations

import ast
import re
from typing import Optional

from ms_lint.analysis.context import Checker, fix
from ms_lint.analysis.parents import walk
from ms_lint.analysis.values import is_number
from ms_lint.fixes.edits import add_argument, one_minus, replace
from ms_lint.model import SAFE, UNSAFE, Rule

DROPOUT_KEEP_PROB = Rule(
    "MSL101",
    "dropout-keep-prob",
    "A drop rate is passed where MindSpore's Dropout reads keep_prob",
    fix=UNSAFE,
)
FUNCTIONAL_DROPOUT_ALWAYS_ON = Rule(
    "MSL102",
    "functional-dropout-always-on",
    "ops.dropout inside construct without training=: it drops in inference mode too",
    fix=SAFE,
)

_WORDS = re.compile(r"[A-Z]?[a-z]+|[0-9]+")
_RATE_WORDS = {"p", "rate"}


def reads_as_drop_rate(expr: ast.expr) -> Optional[bool]:
    """True when a name reads as a drop rate (`drop_rate`, `cfg.hidden_dropout_prob`, an item of
    `dropout_rates`), False when it says keep (`keep_prob`), None when the name says neither or there
    is no name."""
    items = False  # an item of a container: the container's name, in the plural
    while isinstance(expr, ast.Subscript) and not (isinstance(expr.slice, ast.Constant) and isinstance(expr.slice.value, str)):
        expr, items = expr.value, True
    if isinstance(expr, ast.Name):
        name = expr.id
    elif isinstance(expr, ast.Attribute):
        name = expr.attr
    elif isinstance(expr, ast.Subscript):
        name = expr.slice.value
    else:
        return None
    words = [w.lower() for w in _WORDS.findall(name)] or [name.lower()]
    if items:
        words = [w[:-1] if w.endswith("s") and len(w) > 2 else w for w in words]
    if any("keep" in w for w in words):
        return False
    if any(w.startswith("drop") or w.endswith("drop") or w in _RATE_WORDS for w in words):
        return True
    return None


class DropoutChecker(Checker):
    """MSL101, MSL102: drop rates given as keep_prob; functional dropout left on in inference."""

    rules = (DROPOUT_KEEP_PROB, FUNCTIONAL_DROPOUT_ALWAYS_ON)
    sees_partial_calls = True

    def visit_Call(self, node: ast.Call) -> None:
        ctx = self.ctx
        entry = ctx.api(node.func)
        if entry is None:
            return
        bound = ctx.bind(node, entry)
        if "drops-in-inference" in entry.traits:
            self.check_training_flag(node, bound)
        if bound is None or "keep_prob" not in bound.arguments:
            return
        expr = bound.arguments["keep_prob"]
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Sub):
            return  # `1 - x` already converts a drop rate
        says = reads_as_drop_rate(expr)
        if says is False:
            return
        value = ctx.value(expr)
        if is_number(value) and value == 0.5 and ctx.evaluator.fixed_where_written(expr, ctx.scope):
            return  # keep_prob 0.5 drops half, as a drop rate of 0.5 does: a known value over the name
        small = is_number(value) and 0 <= value < 0.5
        if not (says or small):
            return
        self.report(node, expr, bound.positional_of.get("keep_prob"), bound.signature.accepts_keyword("p"))

    def report(self, call: ast.Call, expr: ast.expr, position: Optional[int], has_p: bool) -> None:
        ctx = self.ctx
        callee, text = ctx.text(call.func), ctx.text(expr)
        keyword = None if position is not None else next(k for k in call.keywords if k.arg == "keep_prob")
        where = "its first argument" if position == 0 else "keep_prob"
        last_positional = position is not None and position == len(call.args) - 1
        if has_p and (keyword is not None or last_positional):
            replacement = "p=" + text
        elif keyword is not None:
            replacement = "keep_prob=" + one_minus(ctx, expr)
        else:
            replacement = one_minus(ctx, expr)
        target = keyword if keyword is not None else expr
        message = (
            "%s reads %s as keep_prob, so `%s` keeps that share of the activations and drops the rest;"
            " to drop `%s` as torch.nn.Dropout does, write `%s`"
            % (callee, where, text, text, replacement)
        )
        edit = replace(ctx, target, replacement)
        ctx.report(DROPOUT_KEEP_PROB, call, message, fix("Use `%s`" % replacement, [edit], UNSAFE))

    def check_training_flag(self, call: ast.Call, bound) -> None:
        """MSL102: a functional dropout in a Cell's construct that never hears of inference mode."""
        ctx = self.ctx
        if bound is None or bound.given("training") or not (call.args or call.keywords):
            return
        construct = ctx.construct_around(call)
        if construct is None or not construct.args.args or self.under_training_test(call):
            return
        flag = "training=%s.training" % construct.args.args[0].arg
        message = (
            "%s(...) defaults to training=True, so it drops activations in inference mode too"
            " (after set_train(False)); pass `%s`" % (ctx.text(call.func), flag)
        )
        edit = add_argument(ctx, call, flag)
        ctx.report(FUNCTIONAL_DROPOUT_ALWAYS_ON, call, message, fix("Add `%s`" % flag, [edit], SAFE))

    def under_training_test(self, node: ast.AST) -> bool:
        """Whether a node is inside `if self.training:` (or any test that reads a `training` flag)."""
        for parent, child in self.ctx.parents.links(node):
            if isinstance(parent, (ast.If, ast.IfExp)) and child is not parent.test:
                if any(_names_training(n) for n in walk(parent.test)):
                    return True
        return False


def _names_training(node: ast.AST) -> bool:
    name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""
    return "training" in name.lower()
