"""Tensor methods whose meaning changed between MindSpore versions (MSL401)."""
from __future__ import annotations

import ast
from typing import Dict, List, Optional

from ms_lint.analysis.context import Checker, FileContext, fix
from ms_lint.analysis.names import Binding, Scope
from ms_lint.fixes.edits import replace
from ms_lint.model import SAFE, Rule

TENSOR_TRANSPOSE_TWO_AXES = Rule(
    "MSL401",
    "tensor-transpose-two-axes",
    "Tensor.transpose(a, b) before MindSpore 2.5 is a permutation, not a swap of two axes",
    fix=SAFE,
)

_TENSOR_MODULES = ("mindspore.ops.", "mindspore.mint.", "mindspore.numpy.")
_TENSOR_CLASSES = {"mindspore.Tensor", "mindspore.Parameter", "mindspore.tensor"}
_CELL_MODULES = ("mindspore.ops.", "mindspore.nn.", "mindspore.mint.nn.")
_NOT_TENSOR_METHODS = {"asnumpy", "numpy", "tolist", "item", "dim", "ndimension", "numel", "nelement", "size"}
_FOREIGN_ROOTS = ("numpy.", "torch.", "jax.", "tensorflow.", "paddle.")
_ATOMS = (ast.Name, ast.Attribute, ast.Call, ast.Subscript)
_DEPTH = 8


class TensorMethodsChecker(Checker):
    rules = (TENSOR_TRANSPOSE_TWO_AXES,)

    def __init__(self, ctx: FileContext) -> None:
        super().__init__(ctx)
        self._parents: Dict[int, Dict[int, ast.AST]] = {}

    def transpose_meaning(self) -> str:
        """What `Tensor.transpose(a, b)` does at the target version, from the facts table."""
        return self.ctx.facts.entries["mindspore.Tensor.transpose"].fact("two_axes", self.ctx.target_version)

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
        if not self.mindspore_tensor(func.value, ctx.scope, 0):
            return
        tensor, (first, second) = ctx.text(func.value), (ctx.text(a) for a in node.args)
        swapaxes = ctx.facts.entries["mindspore.ops.swapaxes"]
        ops = ctx.spelling("mindspore.ops", node) if swapaxes.available(ctx.target_version) else None
        if ops:
            replacement = "%s.swapaxes(%s, %s, %s)" % (ops, tensor, first, second)
        else:
            receiver = tensor if isinstance(func.value, _ATOMS) else "(%s)" % tensor
            replacement = "%s.swapaxes(%s, %s)" % (receiver, first, second)
        message = (
            "`%s` on a MindSpore tensor is a permutation before MindSpore 2.5 (the identity on 2-D input,"
            " an error on 3-D and more), not torch's swap of axes %s and %s; write `%s`"
            % (ctx.text(node), first, second, replacement)
        )
        edit = replace(ctx, node, replacement)
        ctx.report(TENSOR_TRANSPOSE_TWO_AXES, node, message, fix("Use `%s`" % replacement, [edit], SAFE))

    def mindspore_tensor(self, expr: ast.expr, scope: Scope, depth: int) -> bool:
        """Whether `expr` is certainly a MindSpore value: built by `Tensor(...)`, a MindSpore op or
        Cell, or a tensor method, subscript or arithmetic on such a value."""
        if depth > _DEPTH:
            return False
        if isinstance(expr, ast.Call):
            return self.mindspore_call(expr, scope, depth)
        if isinstance(expr, ast.Subscript):
            return self.mindspore_tensor(expr.value, scope, depth + 1)
        if isinstance(expr, ast.BinOp):
            return self.mindspore_tensor(expr.left, scope, depth + 1)
        if isinstance(expr, ast.Attribute):
            built = self.ctx.constructed(expr, scope)
            return bool(built) and all(self.mindspore_call(b, scope, depth + 1) for b in built)
        if isinstance(expr, ast.Name):
            bindings = self.reaching(expr, scope)
            return bool(bindings) and all(self.binding_holds_tensor(b, depth) for b in bindings)
        return False

    def binding_holds_tensor(self, binding: Binding, depth: int) -> bool:
        value = binding.value if binding.kind == "assign" else _unpacked(binding)
        return value is not None and self.mindspore_tensor(value, binding.scope, depth + 1)

    def mindspore_call(self, call: ast.Call, scope: Scope, depth: int) -> bool:
        ctx = self.ctx
        func = call.func
        qualname = ctx.qualname(func, scope)
        if qualname is not None:
            last = qualname.rsplit(".", 1)[-1]
            if qualname in _TENSOR_CLASSES or qualname.startswith("mindspore.Tensor."):
                return True
            return qualname.startswith(_TENSOR_MODULES) and last[:1].islower()
        if isinstance(func, ast.Call):
            return _mindspore_class(ctx.qualname(func.func, scope))
        if isinstance(func, ast.Attribute) and func.attr not in _NOT_TENSOR_METHODS:
            if self.mindspore_tensor(func.value, scope, depth + 1):
                return True
        built = ctx.constructed(func, scope)
        return bool(built) and all(_mindspore_class(ctx.qualname(b.func, scope)) for b in built)

    def reaching(self, name: ast.Name, scope: Scope) -> List[Binding]:
        """The bindings of `name` that may be in force where it is used: the last one that always
        runs before the use and the conditional ones after it. Empty when another binding of the
        name in that scope holds a numpy or torch value, or the name is a comprehension's."""
        found = self.ctx.names.lookup(name.id, scope, name.lineno)
        if found is None or self.comprehension_target(name):
            return []
        bindings = [b for b in found.scope.bindings[name.id] if not b.fallback]
        for binding in bindings:
            value = binding.value if binding.kind == "assign" else _unpacked(binding)
            qualname = self.ctx.qualname(value.func, binding.scope) if isinstance(value, ast.Call) else None
            if qualname and qualname.startswith(_FOREIGN_ROOTS):
                return []
        before = [b for b in bindings if _before(b, name)]
        parents = self.parents(found.scope.node)
        for index in range(len(before) - 1, -1, -1):
            if _dominates(before[index].node, name, parents):
                return before[index:]
        return []

    def parents(self, root: ast.AST) -> Dict[int, ast.AST]:
        """Each node's parent under a scope's node, built once per scope."""
        table = self._parents.get(id(root))
        if table is None:
            table = self._parents[id(root)] = {id(c): p for p in ast.walk(root) for c in ast.iter_child_nodes(p)}
        return table

    def comprehension_target(self, name: ast.Name) -> bool:
        """Whether an enclosing comprehension binds the name (the name table does not see those)."""
        for node in self.ctx.stack:
            for generator in getattr(node, "generators", ()):
                if any(isinstance(t, ast.Name) and t.id == name.id for t in ast.walk(generator.target)):
                    return True
        return False


def _mindspore_class(qualname: Optional[str]) -> bool:
    """A MindSpore Cell or primitive class, whose instances return MindSpore tensors."""
    return bool(qualname) and qualname.startswith(_CELL_MODULES) and qualname.rsplit(".", 1)[-1][:1].isupper()


def _unpacked(binding: Binding) -> Optional[ast.expr]:
    """The value a name was unpacked from (`q, k, v = ops.split(...)`), or None."""
    node = binding.node
    if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Tuple):
        return node.value
    return None


def _before(binding: Binding, use: ast.Name) -> bool:
    """Whether the binding's statement ends before the use (a statement never reaches itself)."""
    node, here = binding.node, (use.lineno, use.col_offset)
    if isinstance(node, ast.arg):
        return True
    if isinstance(node, (ast.For, ast.AsyncFor, ast.With, ast.AsyncWith)):
        return (node.lineno, node.col_offset) <= here
    return (getattr(node, "end_lineno", node.lineno), getattr(node, "end_col_offset", 0)) <= here


def _dominates(statement: ast.AST, use: ast.AST, parents: Dict[int, ast.AST]) -> bool:
    """Whether `statement` always runs before `use`: a parameter, a loop or `with` around the use,
    or a statement earlier in a block that holds the use."""
    if isinstance(statement, ast.arg):
        return True
    node = use
    while id(node) in parents:
        parent = parents[id(node)]
        if parent is statement:
            return True
        for field in ("body", "orelse", "finalbody"):
            block = getattr(parent, field, None)
            if isinstance(block, list) and node in block and statement in block:
                return block.index(statement) < block.index(node)
        node = parent
    return False
