"""BatchNorm: PyTorch's momentum passed where MindSpore reads its complement (MSL111); momentum
assigned after construction, which MindSpore ignores (MSL114)."""
from __future__ import annotations

import ast

from ms_lint.analysis.context import Checker, fix
from ms_lint.analysis.values import is_number
from ms_lint.fixes.edits import number, one_minus, replace
from ms_lint.model import UNSAFE, Rule

BATCHNORM_MOMENTUM_INVERTED = Rule(
    "MSL111",
    "batchnorm-momentum-inverted",
    "BatchNorm momentum below 0.5: PyTorch's momentum, which MindSpore reads as 1 - momentum",
    fix=UNSAFE,
)
BATCHNORM_MOMENTUM_ASSIGNMENT = Rule(
    "MSL114",
    "batchnorm-momentum-assignment",
    "BatchNorm momentum assigned after construction: MindSpore ignores it",
)


class BatchNormChecker(Checker):
    """MSL111, MSL114: BatchNorm momentum at construction and assigned after it."""

    rules = (BATCHNORM_MOMENTUM_INVERTED, BATCHNORM_MOMENTUM_ASSIGNMENT)
    sees_partial_calls = True

    def visit_Call(self, node: ast.Call) -> None:
        ctx = self.ctx
        entry = ctx.api_with(node.func, "momentum-inverted")
        bound = ctx.bind(node, entry) if entry is not None else None
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
        edit = replace(ctx, expr, replacement)
        ctx.report(BATCHNORM_MOMENTUM_INVERTED, node, message, fix("Use `momentum=%s`" % replacement, [edit], UNSAFE))

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self.check_momentum_assignment(target, node.value)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self.check_momentum_assignment(node.target, node.value)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.check_momentum_assignment(node.target, node.value)

    def check_momentum_assignment(self, target: ast.expr, value: ast.expr) -> None:
        """MSL114: `bn.momentum = x` on a MindSpore BatchNorm, which read momentum when built."""
        ctx = self.ctx
        if not (isinstance(target, ast.Attribute) and target.attr == "momentum"):
            return
        if not self.is_batchnorm(target.value):
            return
        message = (
            "%s is ignored: a MindSpore BatchNorm reads momentum once, when it is built;"
            " pass momentum= to its constructor instead (MindSpore's momentum is 1 - PyTorch's)"
            % ctx.text(target)
        )
        ctx.report(BATCHNORM_MOMENTUM_ASSIGNMENT, target, message)

    def is_batchnorm(self, expr: ast.expr) -> bool:
        """Built by a MindSpore BatchNorm, or guarded by `isinstance(expr, <BatchNorm classes>)`."""
        ctx = self.ctx
        calls = ctx.constructed(expr)
        if calls:
            return all(self.fixes_momentum(call.func) for call in calls)
        if not isinstance(expr, ast.Name):
            return False
        for parent, child in ctx.parents.links(expr):
            if isinstance(parent, ast.If) and child in parent.body and self.guards(parent.test, expr.id):
                return True
        return False

    def guards(self, test: ast.expr, name: str) -> bool:
        """Whether `test` is (or and-s in) `isinstance(name, BN)` with only BatchNorm classes."""
        if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
            return any(self.guards(value, name) for value in test.values)
        if not (isinstance(test, ast.Call) and isinstance(test.func, ast.Name) and test.func.id == "isinstance"):
            return False
        if len(test.args) != 2 or not (isinstance(test.args[0], ast.Name) and test.args[0].id == name):
            return False
        kinds = test.args[1]
        kinds = kinds.elts if isinstance(kinds, ast.Tuple) else [kinds]
        return all(self.fixes_momentum(kind) for kind in kinds)

    def fixes_momentum(self, func: ast.expr) -> bool:
        entry = self.ctx.api(func)
        return entry is not None and "momentum-fixed-at-construction" in entry.traits
