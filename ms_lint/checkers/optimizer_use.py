"""Optimizers after construction: missing classes, attributes and learning-rate updates (MSL211-MSL224)."""
from __future__ import annotations

import ast
from typing import List, Optional, Tuple

from ms_lint.analysis.context import Checker, FileContext, fix
from ms_lint.analysis.kinds import built_with, mindspore_call, nn_optimizer
from ms_lint.analysis.origins import Built, learning_rate_kind
from ms_lint.analysis.values import is_number
from ms_lint.fixes.edits import replace
from ms_lint.model import ERROR, SAFE, UNSAFE, WARNING, Rule

OPTIMIZER_UNSUPPORTED = Rule(
    "MSL211",
    "optimizer-unsupported",
    "A PyTorch optimizer that mindspore.nn lacks",
    severity=ERROR,
    fix=SAFE,
)
HYPERPARAMETER_ASSIGNMENT = Rule(
    "MSL221",
    "optimizer-hyperparameter-assignment",
    "A learning rate, momentum or weight decay assigned to a mindspore.nn optimizer after construction",
    severity=ERROR,
    fix=SAFE,
)
PARAM_GROUPS = Rule(
    "MSL222",
    "optimizer-param-groups",
    "`.param_groups` on a mindspore.nn optimizer",
    severity=ERROR,
)
UPDATE_IGNORED = Rule(
    "MSL224",
    "hyperparameter-update-ignored",
    "A Tensor assigned or set_data into an optimizer's learning_rate / momentum: ignored after the first step",
    default_enabled=False,
    fix=UNSAFE,
)
ASSIGN_DYNAMIC_LR = Rule(
    "MSL223",
    "assign-dynamic-learning-rate",
    "A value assigned into the learning rate of an optimizer built with a dynamic or grouped one",
    severity=ERROR,
)

_LR_FIX = (
    "give the optimizer a dynamic learning rate (a list, or a LearningRateSchedule) or a weight-decay"
    " Cell at construction; for a static lr, `ops.assign(%s.learning_rate, Tensor(v, ms.float32))`;"
    " or use mindspore.experimental.optim, PyTorch's API"
)


class OptimizerUseChecker(Checker):
    """MSL211-MSL224: mindspore.nn optimizers after construction."""

    rules = (OPTIMIZER_UNSUPPORTED, HYPERPARAMETER_ASSIGNMENT, PARAM_GROUPS, ASSIGN_DYNAMIC_LR, UPDATE_IGNORED)

    # --- MSL211 -------------------------------------------------------------------------------
    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr == "param_groups":
            self.check_param_groups(node)
        if node.attr not in self.ctx.facts.torch_optimizers or not isinstance(node.ctx, ast.Load) or self.guarded(node):
            return
        module = self.ctx.qualname(node.value)
        if module and self.ctx.facts.canonical(module) == "mindspore.nn":
            self.report_unsupported(node, node.attr, node, "`%s`: AttributeError" % self.ctx.text(node))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level or not node.module or self.ctx.facts.canonical(node.module) != "mindspore.nn" or self.guarded(node):
            return
        for alias in node.names:
            if alias.name in self.ctx.facts.torch_optimizers:
                self.report_unsupported(node, alias.name, None, "ImportError")

    def guarded(self, node: ast.AST) -> bool:
        """Whether a node is inside a `try` whose handlers catch the ImportError / AttributeError (a feature probe)."""
        for outer in self.ctx.parents.ancestors(node):
            if isinstance(outer, ast.Try) and any(_catches_lookup(h.type, self.ctx) for h in outer.handlers):
                return True
        return False

    def report_unsupported(self, node: ast.AST, name: str, reference: Optional[ast.Attribute], error: str) -> None:
        ctx = self.ctx
        if ctx.facts.lookup("mindspore.nn." + name) is not None:
            return
        replacements = ctx.facts.torch_optimizers[name]
        if replacements:
            instead = "use " + " or ".join("`%s`" % r for r in replacements)
        else:
            instead = "MindSpore has no %s optimizer: port it as an nn.Optimizer subclass or pick another one" % name
        message = "mindspore.nn has no %s (%s); %s" % (name, error, instead)
        ctx.report(OPTIMIZER_UNSUPPORTED, node, message, self.unsupported_fix(reference, replacements))

    def unsupported_fix(self, reference: Optional[ast.Attribute], replacements: List[str]):
        """`nn.AdamW(...)` -> `ms.experimental.optim.AdamW(...)` when the call's keywords all fit."""
        ctx = self.ctx
        parent = ctx.parents.parent(reference) if reference is not None else None
        if reference is None or not isinstance(parent, ast.Call) or parent.func is not reference:
            return None
        for replacement in replacements:
            entry = ctx.facts.lookup(replacement)
            signature = ctx.signature(entry) if entry is not None else None
            text = ctx.spelling(replacement)
            if signature is None or text is None or "torch-style-optimizer" not in entry.traits:
                continue
            if all(k.arg is None or signature.accepts_keyword(k.arg) for k in parent.keywords):
                return fix("Use `%s`" % text, [replace(ctx, reference, text)], SAFE)
        return None

    # --- MSL222 -------------------------------------------------------------------------------
    def check_param_groups(self, node: ast.Attribute) -> None:
        found = built_with(self.ctx, node.value, "optimizer")
        if not found or any(b.defines(self.ctx, "param_groups") for b in found):
            return
        opt = self.ctx.text(node.value)
        message = (
            "mindspore.nn optimizers have no param_groups (AttributeError): give per-group 'lr' /"
            " 'weight_decay' in `{'params': ...}` dicts at construction, or " + _LR_FIX % opt
        )
        self.ctx.report(PARAM_GROUPS, node, message)

    # --- MSL221 -------------------------------------------------------------------------------
    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            if isinstance(target, ast.Attribute) and target.attr in ("learning_rate", "momentum", "weight_decay"):
                self.check_assignment(node, target, node.value)

    def check_assignment(self, node: ast.Assign, target: ast.Attribute, value: ast.expr) -> None:
        ctx = self.ctx
        found = nn_optimizer(ctx, target.value)
        if not found:
            return
        opt, number = ctx.text(target.value), is_number(ctx.value(value)) and not isinstance(ctx.value(value), bool)
        attribute = target.attr
        if attribute == "weight_decay":
            message = (
                "`%s.weight_decay = ...` is ignored once the optimizer has taken a step (its compiled step keeps"
                " the value it was built with), and before that a number raises at the next step or is ignored;"
                " pass the decay, or a weight-decay Cell, as weight_decay at construction, or use"
                " mindspore.experimental.optim" % opt
            )
            ctx.report(HYPERPARAMETER_ASSIGNMENT, target, message, severity=WARNING)
            return
        dynamic = attribute == "learning_rate" and any(learning_rate_kind(ctx, b) for b in found)
        if attribute == "momentum" and not all("momentum-parameter" in b.traits for b in found):
            return
        if not (number or dynamic):
            if self.is_tensor(value, target.attr):
                self.report_ignored(node, target, value)
            return
        if dynamic:
            message = (
                "%s was built with a dynamic learning rate, so %s.learning_rate is a Cell and assigning to it"
                " raises TypeError; change the schedule given at construction, or use mindspore.experimental.optim"
                % (opt, opt)
            )
        else:
            message = (
                "%s.%s is a Parameter and assigning a number to it raises TypeError; write"
                " `ops.assign(%s.%s, Tensor(%s, ms.float32))`, or %s"
                % (opt, attribute, opt, attribute, ctx.text(value), _LR_FIX % opt)
            )
        repair = None if dynamic or len(node.targets) != 1 else self.assign_fix(node, target, value)
        ctx.report(HYPERPARAMETER_ASSIGNMENT, target, message, repair)

    def assign_fix(self, node: ast.Assign, target: ast.Attribute, value: ast.expr):
        """`opt.learning_rate = 0.01` -> `ms.ops.assign(opt.learning_rate, ms.Tensor(0.01, ms.float32))`."""
        alias = self.ctx.spelling("mindspore")
        if alias is None:
            return None
        text = "%s.ops.assign(%s, %s.Tensor(%s, %s.float32))" % (
            alias, self.ctx.text(target), alias, self.ctx.text(value), alias)
        return fix("Use `%s`" % text, [replace(self.ctx, node, text)], SAFE)

    # --- MSL223 -------------------------------------------------------------------------------
    def visit_Call(self, node: ast.Call) -> None:
        ctx = self.ctx
        target = None
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "set_data":
            target = func.value
        elif node.args and (ctx.qualname(func) == "mindspore.ops.assign" or self.is_assign_primitive(func)):
            target = node.args[0]
        if not (isinstance(target, ast.Attribute) and target.attr in ("learning_rate", "momentum")):
            return
        found = nn_optimizer(ctx, target.value)
        if target.attr == "momentum":
            if found and all("momentum-parameter" in b.traits for b in found):
                self.check_set_data(node, target)
            return
        for built in found:
            kind = learning_rate_kind(ctx, built)
            if kind:
                self.report_dynamic(node, target, built, kind)
                return
        if found:
            self.check_set_data(node, target)

    # --- MSL224 -------------------------------------------------------------------------------
    def check_set_data(self, node: ast.Call, target: ast.Attribute) -> None:
        """`opt.learning_rate.set_data(v)` on a static learning rate (MSL224)."""
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "set_data" and func.value is target and len(node.args) == 1:
            self.report_ignored(node, target, node.args[0])

    def is_tensor(self, value: ast.expr, attribute: str) -> bool:
        """A value MindSpore certainly computed: a MindSpore call, or arithmetic on the attribute itself."""
        if isinstance(value, ast.Call):
            return mindspore_call(self.ctx, value)
        if isinstance(value, ast.BinOp):
            sides = (value.left, value.right)
            return any(_attribute_named(e, attribute) or self.is_tensor(e, attribute) for e in sides)
        return False

    def report_ignored(self, node: ast.AST, target: ast.Attribute, value: ast.expr) -> None:
        ctx = self.ctx
        message = (
            "in PyNative mode an optimizer that has taken a step keeps using the old %s: assigning a Tensor or"
            " set_data changes the Parameter but not the compiled step (only ops.assign reaches it);"
            " write `ops.assign(%s, %s)`" % (target.attr, ctx.text(target), ctx.text(value))
        )
        where = target if isinstance(node, ast.Assign) else node
        ctx.report(UPDATE_IGNORED, where, message, self.ops_assign(node, target, value))

    def ops_assign(self, node: ast.AST, target: ast.Attribute, value: ast.expr):
        """The whole statement rewritten as `ms.ops.assign(target, value)`, when it is one statement."""
        ctx = self.ctx
        alias = ctx.spelling("mindspore")
        parent = ctx.parents.parent(node)
        if isinstance(node, ast.Assign):
            statement = node if len(node.targets) == 1 else None
        else:
            statement = parent if isinstance(parent, ast.Expr) and parent.value is node else None
        if alias is None or statement is None:
            return None
        text = "%s.ops.assign(%s, %s)" % (alias, ctx.text(target), ctx.text(value))
        return fix("Use `%s`" % text, [replace(ctx, statement, text)], UNSAFE)

    def is_assign_primitive(self, func: ast.AST) -> bool:
        """`ops.Assign()(...)`."""
        return isinstance(func, ast.Call) and self.ctx.qualname(func.func) == "mindspore.ops.Assign"

    def report_dynamic(self, node: ast.Call, target: ast.Attribute, built: Built, kind: Tuple[str, ast.AST]) -> None:
        ctx = self.ctx
        (what, schedule), opt = kind, ctx.text(target.value)
        if what == "grouped":
            message = (
                "%s was built with per-group learning rates, so %s.learning_rate is a ParameterTuple and"
                " assigning into it raises TypeError; assign one group's with `ops.assign(%s.learning_rate[i], ...)`"
                % (opt, opt, opt)
            )
        else:
            message = (
                "%s was built with a dynamic learning rate (`%s`), so %s.learning_rate is a Cell, not a Parameter:"
                " assigning into it raises TypeError (set_data: AttributeError); change the schedule given to the"
                " optimizer instead" % (opt, ctx.text(schedule), opt)
            )
        ctx.report(ASSIGN_DYNAMIC_LR, node, message)


def _catches_lookup(handler: Optional[ast.expr], ctx: FileContext) -> bool:
    names = handler.elts if isinstance(handler, ast.Tuple) else [handler]
    caught = {"builtins.ImportError", "builtins.AttributeError", "builtins.Exception", "builtins.BaseException"}
    return handler is None or any(ctx.qualname(n) in caught for n in names)


def _attribute_named(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == name
