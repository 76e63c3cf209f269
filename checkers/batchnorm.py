"""BatchNorm: PyTorch's momentum passed where MindSpore reads its complement (MSL111)."""
from __future__ import annotations

import ast

from ms_lint.context import fix
from ms_lint.findings import UNSAFE
from ms_lint.fixes import number, one_minus
from ms_lint.rules import Checker, Rule
from ms_lint.values import is_number

BATCHNORM_MOMENTUM_INVERTED = Rule(
    "MSL111",
    "batchnorm-momentum-inverted",
    "BatchNorm momentum below 0.5: PyTorch's momentum, which MindSpore reads as 1 - momentum",
    fix=UNSAFE,
)


class BatchNormChecker(Checker):
    rules = (BATCHNORM_MOMENTUM_INVERTED,)

    def visit_Call(self, node: ast.Call) -> None:
        ctx = self.ctx
        entry = ctx.api(node.func)
        if entry is None or "momentum-inverted" not in entry.traits:
            return
        bound = ctx.bind(node, entry)
        expr = bound.get("momentum") if bound else None
        value = ctx.value(expr) if expr is not None else None
        if not (is_number(value) and 0 <= value < 0.5):
            return
        replacement = one_minus(ctx, expr)
        message = (
            "%s(momentum=%s) keeps %s of the moving statistics per step and takes %s from the batch"
            " (MindSpore: moving = momentum * moving + (1 - momentum) * batch, the reverse of PyTorch);"
            " for PyTorch's momentum=%s write `momentum=%s`"
            % (ctx.text(node.func), ctx.text(expr), number(value), number(1 - value), ctx.text(expr), replacement)
        )
        edit = ctx.replace(expr, replacement)
        ctx.report(BATCHNORM_MOMENTUM_INVERTED, node, message, fix("Use `momentum=%s`" % replacement, [edit], UNSAFE))
