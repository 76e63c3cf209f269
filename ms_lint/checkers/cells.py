"""Cells: PyTorch's Module habits on a MindSpore Cell (MSL131, MSL132, MSL133)."""
from __future__ import annotations

import ast
from typing import Dict, FrozenSet, List, Optional, Set

from ms_lint.analysis.context import Checker, FileContext, fix
from ms_lint.analysis.names import Scope
from ms_lint.checkers.module_names import expects_missing
from ms_lint.fixes.edits import rename_function, replace
from ms_lint.model import ERROR, SAFE, UNSAFE, Rule

CELL_FORWARD_WITHOUT_CONSTRUCT = Rule(
    "MSL131",
    "cell-forward-without-construct",
    "A Cell subclass defines forward and no construct: calling it fails",
    severity=ERROR,
    fix=SAFE,
)
CELL_CREATED_IN_CONSTRUCT = Rule(
    "MSL132",
    "cell-created-in-construct",
    "A layer with parameters is created inside construct: fresh, untrained weights on every call",
)
TORCH_MODULE_METHOD = Rule(
    "MSL133",
    "torch-module-method",
    "A torch.nn.Module method that mindspore.nn.Cell lacks is called on a Cell",
    severity=ERROR,
    fix=SAFE,
)

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
# Methods only a Cell has: a name they are called on in the same scope is a Cell.
CELL_ONLY_METHODS = frozenset(
    ["set_train", "trainable_params", "untrainable_params", "get_parameters", "parameters_and_names",
     "cells_and_names", "name_cells", "insert_child_to_cell", "parameters_dict", "set_grad", "to_float"]
)


class ClassView:
    """What a class of this file defines, through its project bases: method names, whether every
    base is in sight (a MindSpore class or a class of this file)."""

    def __init__(self, methods: Set[str], complete: bool) -> None:
        self.methods = methods
        self.complete = complete


def class_view(ctx: FileContext, cls: ast.ClassDef, scope: Optional[Scope] = None, depth: int = 0) -> ClassView:
    """The methods `cls` and its bases define; MindSpore Cells other than nn.Cell define construct."""
    scope = scope or ctx.names.module
    methods = {s.name for s in cls.body if isinstance(s, _FUNCTIONS)}
    methods |= {t.id for s in cls.body if isinstance(s, ast.Assign) for t in s.targets if isinstance(t, ast.Name)}
    complete = depth < 8
    for base in cls.bases:
        qualname = ctx.qualname(base, scope)
        if qualname == "builtins.object":
            continue
        entry = ctx.facts.lookup(qualname, ctx.patches) if qualname else None
        if entry is not None:
            if "cell" in entry.traits and "construct-undefined" not in entry.traits:
                methods.add("construct")
            continue
        binding = ctx.names.lookup(base.id, scope, base.lineno) if isinstance(base, ast.Name) else None
        if binding is None or binding.kind != "class" or binding.node is cls or not complete:
            complete = False
            continue
        inner = class_view(ctx, binding.node, binding.scope, depth + 1)
        methods |= inner.methods
        complete = complete and inner.complete
    return ClassView(methods, complete)


def cell_construct(ctx: FileContext) -> Optional[ast.FunctionDef]:
    """The `construct` of a Cell class the visited node lies in, or None."""
    stack = ctx.stack
    for index in range(len(stack) - 2, 0, -1):
        node = stack[index]
        if isinstance(node, _FUNCTIONS) and node.name == "construct":
            owner = stack[index - 1]
            if isinstance(owner, ast.ClassDef) and ctx.is_cell_class(owner):
                return node
            return None
    return None


def _is_static(func: ast.AST) -> bool:
    """A staticmethod or classmethod (a ported autograd.Function's `forward(ctx, ...)`)."""
    return any(isinstance(d, ast.Name) and d.id in ("staticmethod", "classmethod") for d in func.decorator_list)


class CellChecker(Checker):
    rules = (CELL_FORWARD_WITHOUT_CONSTRUCT, CELL_CREATED_IN_CONSTRUCT, TORCH_MODULE_METHOD)

    def __init__(self, ctx: FileContext) -> None:
        super().__init__(ctx)
        self._cell_uses: Dict[int, Dict[str, List[int]]] = {}
        self._forward_used: Optional[bool] = None
        self._added_methods: FrozenSet[str] = frozenset(
            m for p in ctx.patches for m in ctx.facts.patchers.get(p, {}).get("cell-methods", ())
        )

    # --- MSL131 -------------------------------------------------------------------------------
    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        ctx = self.ctx
        forward = next((s for s in node.body if isinstance(s, _FUNCTIONS) and s.name == "forward"), None)
        if forward is None or _is_static(forward) or not ctx.is_cell_class(node):
            return
        view = class_view(ctx, node)
        if "construct" in view.methods or not view.complete:
            return
        message = (
            "%s derives from mindspore.nn.Cell and defines forward but no construct: calling it raises"
            " AttributeError (MindSpore 2.7+; None in 2.0 and older), since a Cell runs construct;"
            " rename `forward` to `construct`" % node.name
        )
        if self._forward_used is None:
            self._forward_used = any(isinstance(n, ast.Attribute) and n.attr == "forward" for n in ast.walk(ctx.tree))
        edit = None if self._forward_used else rename_function(ctx, forward, "construct")
        found = fix("Rename forward to construct", [edit], SAFE) if edit else None
        ctx.report(CELL_FORWARD_WITHOUT_CONSTRUCT, forward, message, found)

    # --- MSL132 and MSL133 --------------------------------------------------------------------
    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Attribute) and node.func.attr in self.ctx.facts.cell_methods_missing:
            self.check_module_method(node, node.func)
        self.check_created_in_construct(node)

    def check_created_in_construct(self, node: ast.Call) -> None:
        ctx = self.ctx
        entry = ctx.api(node.func)
        if entry is None or "has-parameters" not in entry.traits:
            return
        construct = cell_construct(ctx)
        if construct is None or self._lazily_stored(node):
            return
        message = (
            "%s(...) inside construct builds new, untrained parameters on every call, and the optimizer"
            " never sees them; create it in __init__ (self.%s = %s(...)) and call that in construct,"
            " or use the functional op where the shape depends on the input"
            % (ctx.text(node.func), entry.short_name.lower(), ctx.text(node.func))
        )
        ctx.report(CELL_CREATED_IN_CONSTRUCT, node, message)

    def _lazily_stored(self, node: ast.Call) -> bool:
        """`self.x = nn.Dense(...)` in construct: built once, on the first call."""
        parent = self.ctx.stack[-2]
        return isinstance(parent, ast.Assign) and parent.value is node and all(
            isinstance(t, ast.Attribute) for t in parent.targets
        )

    def check_module_method(self, node: ast.Call, func: ast.Attribute) -> None:
        ctx = self.ctx
        method = func.attr
        if method in self._added_methods:
            return
        if method == "train" and (len(node.args) > 1 or any(k.arg != "mode" for k in node.keywords)):
            return
        if expects_missing(ctx.stack, method):
            return
        view = self.cell_receiver(func.value)
        if view is None or method in view.methods or not view.complete:
            return
        spec = ctx.facts.cell_methods_missing[method]
        recv = ctx.text(func.value)
        args = ", ".join(ctx.text(a) for a in list(node.args) + list(node.keywords))
        use = spec.get("use", "")
        rewritable = "{args}" in use or not args
        replacement = use.replace("{recv}", recv).replace("{args}", args)
        note = spec.get("note", "").replace("{recv}", recv)
        advice = "use `%s`" % replacement if replacement else ""
        advice = "; ".join(a for a in (advice, note) if a)
        message = "`%s`: mindspore.nn.Cell has no `%s` (AttributeError); %s" % (ctx.text(node), method, advice)
        applicability = {"safe": SAFE, "unsafe": UNSAFE}.get(spec.get("fix", "none"))
        bare = isinstance(ctx.stack[-2], ast.Expr) and replacement == recv
        found = None
        if applicability and rewritable and replacement and not bare:
            found = fix("Use `%s`" % replacement, [replace(ctx, node, replacement)], applicability)
        ctx.report(TORCH_MODULE_METHOD, node, message, found)

    def cell_receiver(self, recv: ast.expr) -> Optional[ClassView]:
        """What the receiver's class defines when the evidence says it is a MindSpore Cell: `self`
        in a Cell class, a parameter annotated with a Cell class, built from a Cell class, or used
        with Cell-only methods; else None."""
        ctx = self.ctx
        owner = ctx.method_owner(ctx.scope)
        method = ctx.scope.node
        if (
            isinstance(recv, ast.Name)
            and owner is not None
            and method.args.args
            and recv.id == method.args.args[0].arg
            and not _is_static(method)
        ):
            if not ctx.is_cell_class(owner.node, owner.parent):
                return None
            view = class_view(ctx, owner.node, owner.parent)
            view.methods |= self.subclass_methods(owner.node)
            return view
        binding = ctx.binding(recv) if isinstance(recv, ast.Name) else None
        annotation = getattr(binding.node, "annotation", None) if binding is not None and binding.kind == "param" else None
        view = self.cell_class(annotation) if annotation is not None else None
        if view is not None:
            return view
        calls = ctx.constructed(recv)
        if calls:
            views = [self.cell_class(call.func) for call in calls]
            if any(v is None for v in views):
                return None
            return ClassView(set().union(*(v.methods for v in views)), all(v.complete for v in views))
        if isinstance(recv, ast.Name) and "torch" not in ctx.names.imported_roots and self.used_as_cell(recv):
            return ClassView(set(), True)
        return None

    def subclass_methods(self, cls: ast.ClassDef) -> Set[str]:
        """The methods this file's subclasses of `cls` define: `self` may be one of them."""
        ctx = self.ctx
        found: Set[str] = set()
        for node in ctx.names.scopes:  # every class of the file, recorded by the name resolver
            if isinstance(node, ast.ClassDef) and node is not cls and self.derives(node, cls, 0):
                found |= class_view(ctx, node).methods
        return found

    def derives(self, node: ast.ClassDef, cls: ast.ClassDef, depth: int) -> bool:
        """Whether `node` derives from `cls` through this file's classes."""
        names = self.ctx.names
        for base in node.bases:
            binding = names.lookup(base.id, names.module, base.lineno) if isinstance(base, ast.Name) else None
            if binding is not None and binding.kind == "class" and depth < 8:
                if binding.node is cls or self.derives(binding.node, cls, depth + 1):
                    return True
        return False

    def cell_class(self, expr: ast.expr) -> Optional[ClassView]:
        """The view of the Cell class `expr` names (a constructor call's callee, a parameter's
        annotation), or None when it is not a Cell class."""
        ctx = self.ctx
        binding = ctx.binding(expr) if isinstance(expr, ast.Name) else None
        if binding is not None and binding.kind == "class":
            cls = binding.node
            return class_view(ctx, cls, binding.scope) if ctx.is_cell_class(cls, binding.scope) else None
        entry = ctx.api(expr)
        if ctx.qualname(expr) == "mindspore.nn.Cell" or (
            entry is not None and "cell" in entry.traits and not entry.traits & {"optimizer", "torch-style-optimizer"}
        ):
            return ClassView(set(), True)
        return None

    def used_as_cell(self, recv: ast.Name) -> bool:
        """Whether the same binding of `recv` is used with a Cell-only method in this scope."""
        scope = self.ctx.scope
        uses = self._cell_uses.get(id(scope))
        if uses is None:
            uses = self._cell_uses[id(scope)] = {}
            for node in ast.walk(scope.node):
                func = node.func if isinstance(node, ast.Call) else None
                if isinstance(func, ast.Attribute) and func.attr in CELL_ONLY_METHODS:
                    if isinstance(func.value, ast.Name):
                        uses.setdefault(func.value.id, []).append(func.value.lineno)
        mine = self.ctx.binding(recv)
        return any(self.ctx.names.lookup(recv.id, scope, line) is mine for line in uses.get(recv.id, ()))
