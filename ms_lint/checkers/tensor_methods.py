"""Tensor methods whose meaning changed between MindSpore versions (MSL401)."""
from __future__ import annotations

import ast

from ms_lint.analysis.context import Checker, fix
from ms_lint.analysis.dataflow import comprehension_names
from ms_lint.analysis.kinds import mindspore_tensor
from ms_lint.facts import format_version
from ms_lint.fixes.edits import replace
from ms_lint.model import SAFE, Rule

TENSOR_TRANSPOSE_TWO_AXES = Rule(
    "MSL401",
    "tensor-transpose-two-axes",
    "Tensor.transpose(a, b) before MindSpore 2.5 is a permutation, not a swap of two axes",
    fix=SAFE,
)

_ATOMS = (ast.Name, ast.Attribute, ast.Call, ast.Subscript)


class TensorMethodsChecker(Checker):
    """MSL401: tensor methods whose meaning changed between MindSpore versions."""

    rules = (TENSOR_TRANSPOSE_TWO_AXES,)

    def transpose_meaning(self) -> str:
        """What `Tensor.transpose(a, b)` does at the target version, from the facts table."""
        return self.ctx.facts.entries["mindspore.Tensor.transpose"].two_axes(self.ctx.target_version)

    def visit_Call(self, node: ast.Call) -> None:
        ctx = self.ctx
        func = node.func
        if not isinstance(func, ast.Attribute) or func.attr != "transpose" or len(node.args) != 2 or node.keywords:
            return
        if self.transpose_meaning() != "permutation":
            return
        axes = [ctx.value(a) for a in node.args]
        if not all(isinstance(a, int) and not isinstance(a, bool) for a in axes):
            return
        if not mindspore_tensor(ctx, func.value, ctx.scope, comprehension_names(ctx.parents, node)):
            return
        tensor, (first, second) = ctx.text(func.value), (ctx.text(a) for a in node.args)
        swapaxes = ctx.facts.entries["mindspore.ops.swapaxes"]
        ops = ctx.spelling("mindspore.ops", node) if swapaxes.available(ctx.target_version) else None
        if ops:
            replacement = "%s.swapaxes(%s, %s, %s)" % (ops, tensor, first, second)
        else:
            receiver = tensor if isinstance(func.value, _ATOMS) else "(%s)" % tensor
            replacement = "%s.swapaxes(%s, %s)" % (receiver, first, second)
        swaps_since = format_version(ctx.facts.entries["mindspore.Tensor.transpose"].swaps_two_axes_since())
        message = (
            "`%s` on a MindSpore tensor is a permutation before MindSpore %s (the identity on 2-D input,"
            " an error on 3-D and more), not torch's swap of axes %s and %s; write `%s`"
            % (ctx.text(node), swaps_since, first, second, replacement)
        )
        edit = replace(ctx, node, replacement)
        ctx.report(TENSOR_TRANSPOSE_TWO_AXES, node, message, fix("Use `%s`" % replacement, [edit], SAFE))
