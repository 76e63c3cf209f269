"""PyTorch's training step on MindSpore objects: zero_grad, step, backward, no_grad (MSL231)."""
from __future__ import annotations

import ast
from typing import List, Optional

from ms_lint.analysis.context import Checker, fix
from ms_lint.analysis.kinds import cells, mindspore_value, optimizer, optimizers, schedule, torch_object
from ms_lint.analysis.names import Scope
from ms_lint.analysis.origins import origins
from ms_lint.analysis.parents import walk
from ms_lint.fixes.edits import remove_line
from ms_lint.model import ERROR, SAFE, WARNING, Fix, Rule

TORCH_TRAINING_STEP = Rule(
    "MSL231",
    "torch-training-step",
    "PyTorch's zero_grad / step / backward / no_grad on MindSpore objects",
    severity=ERROR,
    fix=SAFE,
)

_STEP = (
    "MindSpore takes gradients functionally: `grad_fn = mindspore.value_and_grad(forward_fn, None,"
    " %s.parameters)`, then `loss, grads = grad_fn(...)` and `%s(grads)` in place of"
    " backward() / step() / zero_grad()"
)


class TrainingStepChecker(Checker):
    """MSL231: PyTorch's training step on MindSpore objects."""

    rules = (TORCH_TRAINING_STEP,)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute) and not node.args and not node.keywords:
            if func.attr in ("zero_grad", "step"):
                self.check_optimizer_call(node, func)
            elif func.attr == "backward":
                self.check_backward(node, func)

    def check_optimizer_call(self, node: ast.Call, func: ast.Attribute) -> None:
        ctx = self.ctx
        # a parameter is what this module's calls pass it, unless torch is in the module too
        found = origins(ctx, func.value, through_callers="torch" not in ctx.names.imported_roots)
        if not found or any(b.defines(ctx, func.attr) for b in found):
            return
        owner = ctx.text(func.value)
        if all(optimizer(b) for b in found):
            if func.attr == "zero_grad":
                message = (
                    "MindSpore optimizers have no zero_grad() (AttributeError) and need none: gradients are"
                    " returned, not accumulated; drop the call. " + _STEP % (owner, owner)
                )
                ctx.report(TORCH_TRAINING_STEP, node, message, self.removal(node))
            else:
                message = "MindSpore optimizers have no step() (AttributeError). " + _STEP % (owner, owner)
                ctx.report(TORCH_TRAINING_STEP, node, message)
        elif func.attr == "step" and all(schedule(b) for b in found):
            what = "LearningRateSchedule" if all("lr-schedule" in b.traits for b in found) else "per-step lr list"
            message = (
                "a MindSpore %s has no step() (AttributeError): pass `%s` as the optimizer's learning_rate,"
                " which then takes the rate of each step itself, and drop this call" % (what, owner)
            )
            ctx.report(TORCH_TRAINING_STEP, node, message)

    def check_backward(self, node: ast.Call, func: ast.Attribute) -> None:
        if not mindspore_value(self.ctx, func.value, self.ctx.scope):
            return
        opt = self.optimizer_nearby() or "optimizer"
        message = "MindSpore tensors have no backward() (AttributeError). " + _STEP % (opt, opt)
        self.ctx.report(TORCH_TRAINING_STEP, node, message)

    def optimizer_nearby(self) -> Optional[str]:
        """The text of a MindSpore optimizer whose step() / zero_grad() the same function calls."""
        ctx = self.ctx
        for node in walk(ctx.scope.node):
            func = node.func if isinstance(node, ast.Call) else None
            if isinstance(func, ast.Attribute) and func.attr in ("step", "zero_grad"):
                if optimizers(ctx, func.value):
                    return ctx.text(func.value)
        return None

    # --- torch.no_grad() ----------------------------------------------------------------------
    def visit_With(self, node: ast.With) -> None:
        for item in node.items:
            if self.is_no_grad(item.context_expr):
                self.check_no_grad(item.context_expr, node.body, self.ctx.scope)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        for decorator in node.decorator_list:
            if self.is_no_grad(decorator):
                self.check_no_grad(decorator, node.body, self.ctx.names.scope_of(node, self.ctx.scope))

    visit_AsyncFunctionDef = visit_FunctionDef

    def is_no_grad(self, expr: ast.AST) -> bool:
        target = expr.func if isinstance(expr, ast.Call) else expr
        return self.ctx.qualname(target) == "torch.no_grad"

    def check_no_grad(self, expr: ast.AST, body: List[ast.stmt], scope: Scope) -> None:
        """Report `torch.no_grad()` around MindSpore Cells only, never around anything torch built."""
        ctx = self.ctx
        mindspore = torch = False
        for statement in body:
            for node in walk(statement):
                if not isinstance(node, ast.Call):
                    continue
                torch = torch or torch_object(ctx, node.func, scope)
                mindspore = mindspore or bool(cells(ctx, node.func, scope))
        if mindspore and not torch:
            message = (
                "torch.no_grad() does nothing to MindSpore Cells, which record no gradients outside"
                " value_and_grad / grad: drop it (use ops.stop_gradient to cut one inside a differentiated function)"
            )
            ctx.report(TORCH_TRAINING_STEP, expr, message, severity=WARNING)

    # --- fixes --------------------------------------------------------------------------------
    def removal(self, node: ast.Call) -> Optional[Fix]:
        """Delete a `opt.zero_grad()` statement that has its line to itself (a comment may follow) and is
        not alone in its block."""
        ctx = self.ctx
        statement = ctx.parents.parent(node)
        block = ctx.parents.parent(statement) if statement is not None else None
        if not (isinstance(statement, ast.Expr) and statement.value is node) or block is None:
            return None
        siblings = next((v for _, v in ast.iter_fields(block) if isinstance(v, list) and statement in v), [])
        edit = remove_line(ctx, node) if len(siblings) > 1 else None
        return fix("Remove `%s`" % ctx.text(node), [edit], SAFE) if edit else None
