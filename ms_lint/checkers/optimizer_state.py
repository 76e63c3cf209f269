"""PyTorch's optimizer state API on a mindspore.nn optimizer (MSL225)."""
from __future__ import annotations

import ast
from typing import List, Optional

from ms_lint.analysis.context import Checker, fix
from ms_lint.analysis.guards import expects_missing
from ms_lint.analysis.kinds import built_with
from ms_lint.analysis.origins import Built
from ms_lint.fixes.edits import replace
from ms_lint.model import ERROR, SAFE, Rule

OPTIMIZER_STATE = Rule(
    "MSL225",
    "torch-optimizer-state",
    "PyTorch's state_dict()['param_groups'], load_state_dict() or `.parameter` on a mindspore.nn optimizer",
    severity=ERROR,
    fix=SAFE,
)

# the keys of torch.optim.Optimizer.state_dict(); a mindspore.nn optimizer's is the Cell's {name: Parameter}
_TORCH_KEYS = ("param_groups", "state")
_CHECKPOINT = (
    "save it with `{ms}.save_checkpoint({opt}, path)` and restore it with"
    " `{ms}.load_param_into_net({opt}, {ms}.load_checkpoint(path))`"
)


class OptimizerStateChecker(Checker):
    """MSL225: torch.optim's state_dict / load_state_dict / parameters spellings on a mindspore.nn optimizer."""

    rules = (OPTIMIZER_STATE,)

    def optimizer(self, expr: ast.expr, attribute: str) -> List[Built]:
        """The constructions of `expr` when it is certainly a mindspore.nn optimizer whose class (or a
        project base) does not define `attribute` itself."""
        found = built_with(self.ctx, expr, "optimizer")
        return [] if any(b.defines(self.ctx, attribute) for b in found) else found

    def checkpoint(self, opt: ast.expr, at: ast.AST) -> str:
        ms = self.ctx.spelling("mindspore", at) or "mindspore"
        return _CHECKPOINT.format(ms=ms, opt=self.ctx.text(opt))

    # --- optimizer.parameter --------------------------------------------------------------------
    def visit_Attribute(self, node: ast.Attribute) -> None:
        ctx = self.ctx
        if node.attr != "parameter" or not isinstance(node.ctx, ast.Load) or expects_missing(ctx.parents, node, "parameter"):
            return
        if not self.optimizer(node.value, "parameter"):
            return
        replacement = "%s.parameters" % ctx.text(node.value)
        message = (
            "`%s`: a mindspore.nn optimizer has no `parameter` (AttributeError); its parameters are"
            " `%s` (a ParameterTuple)" % (ctx.text(node), replacement)
        )
        ctx.report(OPTIMIZER_STATE, node, message, fix("Use `%s`" % replacement, [replace(ctx, node, replacement)], SAFE))

    # --- optimizer.state_dict()['param_groups'] -------------------------------------------------
    def visit_Subscript(self, node: ast.Subscript) -> None:
        ctx = self.ctx
        if not isinstance(node.slice, (ast.Constant, ast.Name)):
            return  # the key is a literal or a name bound to one
        key = ctx.value(node.slice)
        if key not in _TORCH_KEYS or not isinstance(node.ctx, ast.Load):
            return
        opt = self.state_dict_of(node.value)
        if opt is None:
            return
        message = (
            "`%s`: a mindspore.nn optimizer's state_dict() is the Cell's {name: Parameter} dict"
            " ('learning_rate', 'global_step', the weights and moments), with no %r (KeyError); read"
            " `%s.learning_rate` / `%s.parameters` directly, or %s"
            % (ctx.text(node), key, ctx.text(opt), ctx.text(opt), self.checkpoint(opt, node))
        )
        ctx.report(OPTIMIZER_STATE, node, message)

    def state_dict_of(self, expr: ast.expr) -> Optional[ast.expr]:
        """The optimizer whose `state_dict()` `expr` is: `opt.state_dict()` itself, or a name only ever
        assigned one optimizer's; else None."""
        if isinstance(expr, (ast.Name, ast.Attribute)):
            values = self.ctx.assignments(expr)
            owners = [self.state_dict_call(v) for v, _ in values]
            texts = {self.ctx.text(o) for o in owners if o is not None}
            if values and all(o is not None for o in owners) and len(texts) == 1:
                return owners[0]
            return None
        return self.state_dict_call(expr)

    def state_dict_call(self, expr: ast.expr) -> Optional[ast.expr]:
        if not (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr == "state_dict"):
            return None
        if expr.args or expr.keywords:
            return None
        return expr.func.value if self.optimizer(expr.func.value, "state_dict") else None

    # --- optimizer.load_state_dict(...) ---------------------------------------------------------
    def visit_Call(self, node: ast.Call) -> None:
        ctx = self.ctx
        func = node.func
        if not isinstance(func, ast.Attribute) or func.attr != "load_state_dict":
            return
        if any(k.arg == "strict" or k.arg is None for k in node.keywords) or len(node.args) > 1:
            return
        if ctx.patches:  # mindnlp 0.3.x replaces nn.Cell.load_state_dict (mindnlp/injection.py)
            return
        if not self.optimizer(func.value, "load_state_dict"):
            return
        message = (
            "`%s`: a mindspore.nn optimizer's load_state_dict() is the Cell's, strict by default: it raises"
            " RuntimeError (unexpected keys: the moments) even for the optimizer's own state_dict(), and"
            " reads no torch 'state' / 'param_groups'; %s"
            % (ctx.text(node), self.checkpoint(func.value, node))
        )
        ctx.report(OPTIMIZER_STATE, node, message)
