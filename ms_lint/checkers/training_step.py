"""PyTorch's training step on MindSpore objects: zero_grad, step, backward, no_grad (MSL231)."""
from __future__ import annotations

import ast
from typing import List, Optional

from ms_lint.analysis.context import Checker, fix
from ms_lint.analysis.names import Scope
from ms_lint.analysis.origins import Built, built_by, origins
from ms_lint.fixes.edits import remove_line
from ms_lint.model import ERROR, SAFE, WARNING, Fix, Rule

TORCH_TRAINING_STEP = Rule(
    "MSL231",
    "torch-training-step",
    "PyTorch's zero_grad / step / backward / no_grad on MindSpore objects",
    severity=ERROR,
    fix=SAFE,
)

_OPTIMIZERS = frozenset({"optimizer", "torch-style-optimizer"})
_STEP = (
    "MindSpore takes gradients functionally: `grad_fn = mindspore.value_and_grad(forward_fn, None,"
    " %s.parameters)`, then `loss, grads = grad_fn(...)` and `%s(grads)` in place of"
    " backward() / step() / zero_grad()"
)


class TrainingStepChecker(Checker):
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
        found = origins(ctx, func.value)
        if not found or any(b.defines(ctx, func.attr) for b in found):
            return
        owner = ctx.text(func.value)
        if all(b.traits & _OPTIMIZERS for b in found):
            if func.attr == "zero_grad":
                message = (
                    "MindSpore optimizers have no zero_grad() (AttributeError) and need none: gradients are"
                    " returned, not accumulated; drop the call. " + _STEP % (owner, owner)
                )
                ctx.report(TORCH_TRAINING_STEP, node, message, self.removal(node))
            else:
                message = "MindSpore optimizers have no step() (AttributeError). " + _STEP % (owner, owner)
                ctx.report(TORCH_TRAINING_STEP, node, message)
        elif func.attr == "step" and all(b.traits & {"lr-schedule", "dynamic-lr"} for b in found):
            what = "LearningRateSchedule" if all("lr-schedule" in b.traits for b in found) else "per-step lr list"
            message = (
                "a MindSpore %s has no step() (AttributeError): pass `%s` as the optimizer's learning_rate,"
                " which then takes the rate of each step itself, and drop this call" % (what, owner)
            )
            ctx.report(TORCH_TRAINING_STEP, node, message)

    def check_backward(self, node: ast.Call, func: ast.Attribute) -> None:
        if not self.is_mindspore_value(func.value, self.ctx.scope, 0):
            return
        opt = self.optimizer_nearby() or "optimizer"
        message = "MindSpore tensors have no backward() (AttributeError). " + _STEP % (opt, opt)
        self.ctx.report(TORCH_TRAINING_STEP, node, message)

    def optimizer_nearby(self) -> Optional[str]:
        """The text of a MindSpore optimizer whose step() / zero_grad() the same function calls."""
        ctx = self.ctx
        for node in ast.walk(ctx.scope.node):
            func = node.func if isinstance(node, ast.Call) else None
            if isinstance(func, ast.Attribute) and func.attr in ("step", "zero_grad"):
                found = origins(ctx, func.value)
                if found and all(b.traits & _OPTIMIZERS for b in found):
                    return ctx.text(func.value)
        return None

    def is_mindspore_value(self, expr: ast.AST, scope: Scope, depth: int) -> bool:
        """Whether `expr` certainly holds what MindSpore computed: a call of a MindSpore function or
        Cell, a method of such a value, or arithmetic on one."""
        ctx = self.ctx
        if depth > 6:
            return False
        if isinstance(expr, ast.BinOp):
            return any(self.is_mindspore_value(side, scope, depth + 1) for side in (expr.left, expr.right))
        if isinstance(expr, ast.Call):
            qualname = ctx.qualname(expr.func, scope)
            if qualname:
                return qualname.startswith("mindspore.")
            cells = self.callee_cells(expr.func, scope)
            if cells:
                return True
            return isinstance(expr.func, ast.Attribute) and self.is_mindspore_value(expr.func.value, scope, depth + 1)
        if isinstance(expr, (ast.Name, ast.Attribute)):
            values = ctx.assignments(expr, scope)
            return bool(values) and all(self.is_mindspore_value(v, where, depth + 1) for v, where in values)
        return False

    def callee_cells(self, func: ast.AST, scope: Scope) -> List[Built]:
        """The MindSpore Cells (MindSpore's or the project's) a called name or `self.attr` holds."""
        if isinstance(func, ast.Call):
            built = built_by(self.ctx, func, scope)
            return [built] if built is not None and "cell" in built.traits else []
        found = origins(self.ctx, func, scope) if isinstance(func, (ast.Name, ast.Attribute)) else []
        return found if found and all("cell" in b.traits for b in found) else []

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
            for node in ast.walk(statement):
                if not isinstance(node, ast.Call):
                    continue
                qualname = ctx.qualname(node.func, scope) or ""
                torch = torch or qualname.startswith("torch.") or self.built_by_torch(node.func, scope)
                mindspore = mindspore or bool(self.callee_cells(node.func, scope))
        if mindspore and not torch:
            message = (
                "torch.no_grad() does nothing to MindSpore Cells, which record no gradients outside"
                " value_and_grad / grad: drop it (use ops.stop_gradient to cut one inside a differentiated function)"
            )
            ctx.report(TORCH_TRAINING_STEP, expr, message, severity=WARNING)

    def built_by_torch(self, func: ast.AST, scope: Scope) -> bool:
        if not isinstance(func, (ast.Name, ast.Attribute)):
            return False
        calls = self.ctx.constructed(func, scope)
        return any((self.ctx.qualname(c.func, scope) or "").startswith("torch.") for c in calls)

    # --- fixes --------------------------------------------------------------------------------
    def removal(self, node: ast.Call) -> Optional[Fix]:
        """Delete a `opt.zero_grad()` statement that has its line to itself (a comment may follow) and is
        not alone in its block."""
        ctx = self.ctx
        statement = ctx.stack[-2] if len(ctx.stack) > 1 else None
        block = ctx.stack[-3] if len(ctx.stack) > 2 else None
        if not (isinstance(statement, ast.Expr) and statement.value is node) or block is None:
            return None
        siblings = next((v for _, v in ast.iter_fields(block) if isinstance(v, list) and statement in v), [])
        edit = remove_line(ctx, node) if len(siblings) > 1 else None
        return fix("Remove `%s`" % ctx.text(node), [edit], SAFE) if edit else None
