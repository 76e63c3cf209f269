"""torch.Tensor methods a MindSpore tensor lacks or reads differently (MSL404), and the in-place ones
MindSpore documents for Ascend only (MSL406)."""
from __future__ import annotations

import ast
import string
from typing import Dict, Optional

from ms_lint.analysis.context import Checker, fix
from ms_lint.analysis.dataflow import comprehension_names
from ms_lint.analysis.guards import expects_missing
from ms_lint.analysis.kinds import mindspore_tensor
from ms_lint.analysis.parents import walk
from ms_lint.facts import BoundCall, TorchTensorMethod
from ms_lint.fixes.edits import replace
from ms_lint.model import ERROR, SAFE, UNSAFE, Rule

TORCH_TENSOR_METHOD = Rule(
    "MSL404",
    "torch-tensor-method",
    "A torch.Tensor method a MindSpore tensor lacks or rejects: size(), cpu(), cuda(), detach(), to('cuda')",
    severity=ERROR,
    fix=SAFE,
)
TENSOR_METHOD_ASCEND_ONLY = Rule(
    "MSL406",
    "tensor-inplace-ascend-only",
    "A torch in-place tensor method (add_, mul_, zero_, normal_, ...) MindSpore documents for Ascend only:"
    " elsewhere it runs out of place or fails",
    default_enabled=False,
    fix=UNSAFE,
)

_ATOMS = (ast.Name, ast.Attribute, ast.Call, ast.Subscript)
_FIXES = {"safe": SAFE, "unsafe": UNSAFE}
_SPELLINGS = {"ops": "mindspore.ops", "ms": "mindspore"}


class TorchTensorMethodsChecker(Checker):
    """MSL404, MSL406: torch.Tensor methods called on what is certainly a MindSpore tensor."""

    rules = (TORCH_TENSOR_METHOD, TENSOR_METHOD_ASCEND_ONLY)

    def visit_Call(self, node: ast.Call) -> None:
        ctx = self.ctx
        func = node.func
        if not isinstance(func, ast.Attribute):
            return
        spec = ctx.facts.torch_tensor_methods.get(func.attr)
        if spec is None or expects_missing(ctx.parents, node, func.attr):
            return
        rule = TENSOR_METHOD_ASCEND_ONLY if spec.platforms else TORCH_TENSOR_METHOD
        if rule.code not in ctx.enabled:
            return
        bound = BoundCall(node, spec.signature)
        if spec.devices and not self.rejected_device(bound.get("device"), spec):
            return
        if not mindspore_tensor(ctx, func.value, ctx.scope, comprehension_names(ctx.parents, node)):
            return
        replacement, exact = self.replacement(node, func, spec, bound)
        call = ctx.text(node)
        if replacement is None:
            advice = "MindSpore has no spelling of it with these arguments"
        else:
            advice = "write `%s`" % replacement
        does = spec.does.replace("{recv}", ctx.text(func.value))
        if spec.platforms:
            does = "is documented for %s only; on CPU (MindSpore 2.10.0) it %s" % (" and ".join(spec.platforms), does)
        message = "`%s` on a MindSpore tensor %s; %s" % (call, does, advice)
        applicability = _FIXES.get(spec.fix)
        bare = isinstance(ctx.parents.parent(node), ast.Expr) and replacement == ctx.text(func.value)
        found = None
        if applicability and exact and replacement and not bare:
            found = fix("Use `%s`" % replacement, [replace(ctx, node, replacement)], applicability)
        ctx.report(rule, node, message, found)

    def rejected_device(self, device: Optional[ast.expr], spec: TorchTensorMethod) -> bool:
        """Whether a device argument is a torch device name MindSpore rejects: 'cuda', 'cuda:0',
        torch.device('cuda')."""
        if isinstance(device, ast.Call) and self.ctx.qualname(device.func) == "torch.device" and device.args:
            device = device.args[0]
        value = self.ctx.value(device) if device is not None else None
        return isinstance(value, str) and value.split(":", 1)[0].lower() in spec.devices

    def replacement(self, node: ast.Call, func: ast.Attribute, spec: TorchTensorMethod, bound: BoundCall):
        """(the first of the entry's templates the call fills, whether the file can use it as it is):
        it is not when the file does not import mindspore.ops / mindspore, when *args / **kwargs hide
        arguments, or when a receiver with a call in it would be evaluated twice."""
        ctx = self.ctx
        recv = ctx.text(func.value)
        if not isinstance(func.value, _ATOMS):
            recv = "(%s)" % recv
        given = {name for name in bound.arguments}
        for template in spec.use:
            fields = [f for _, f, _, _ in string.Formatter().parse(template) if f]
            parameters = [f for f in fields if f not in ("recv",) and f not in _SPELLINGS]
            if not given <= set(parameters) | spec.drops:
                continue
            values: Dict[str, str] = {"recv": recv}
            exact = bound.complete
            for name, qualname in _SPELLINGS.items():
                if name in fields:
                    spelled = ctx.spelling(qualname, node)
                    exact = exact and spelled is not None
                    values[name] = spelled or qualname
            filled = self.arguments(template, parameters, bound, spec)
            if filled is None:
                continue
            values.update(filled)
            if fields.count("recv") > 1 and any(isinstance(n, ast.Call) for n in walk(func.value)):
                exact = False
            return template.format(**values), exact
        return None, False

    def arguments(self, template: str, parameters, bound: BoundCall, spec: TorchTensorMethod) -> Optional[Dict[str, str]]:
        """The text for each torch parameter the template names: the call's argument (in parentheses
        where an operator meets it) or the parameter's default; None when one has neither."""
        ctx = self.ctx
        values: Dict[str, str] = {}
        for name in parameters:
            arg = bound.get(name)
            if arg is None:
                default = spec.signature.default(name)
                if default is None:
                    return None
                values[name] = repr(default)
                continue
            text = ctx.text(arg)
            if not isinstance(arg, _ATOMS + (ast.Constant,)) and not _delimited(template, name):
                text = "(%s)" % text
            values[name] = text
        return values


def _delimited(template: str, name: str) -> bool:
    """Whether `{name}` stands alone in the template: an argument or an index, not an operand."""
    field = "{%s}" % name
    at = template.index(field)
    before, after = template[:at].rstrip(), template[at + len(field):].lstrip()
    return before[-1:] in ("(", "[", ",") and after[:1] in (")", "]", ",")
