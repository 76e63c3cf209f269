"""Cells: PyTorch's Module habits on a MindSpore Cell (MSL131, MSL132, MSL133, MSL135)."""
from __future__ import annotations

import ast
from typing import Dict, FrozenSet, List, Optional, Set

from ms_lint.analysis.classes import ClassView
from ms_lint.analysis.context import Checker, FileContext, fix
from ms_lint.analysis.guards import expects_missing
from ms_lint.analysis.names import DEFS, Scope, calls_forward, class_body_names
from ms_lint.analysis.origins import built_by
from ms_lint.analysis.parents import walk
from ms_lint.fixes.edits import rename_function, replace
from ms_lint.model import ERROR, SAFE, UNSAFE, Fix, Rule

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
FORWARD_UNDER_INHERITED_CONSTRUCT = Rule(
    "MSL135",
    "forward-under-inherited-construct",
    "A Cell subclass defines forward under a base's construct that never calls it: forward never runs",
    fix=UNSAFE,
)


def _is_static(func: ast.AST) -> bool:
    """A staticmethod or classmethod (a ported autograd.Function's `forward(ctx, ...)`)."""
    return any(isinstance(d, ast.Name) and d.id in ("staticmethod", "classmethod") for d in func.decorator_list)


class CellChecker(Checker):
    """MSL131-MSL133, MSL135: PyTorch's Module habits on a MindSpore Cell."""

    rules = (CELL_FORWARD_WITHOUT_CONSTRUCT, CELL_CREATED_IN_CONSTRUCT, TORCH_MODULE_METHOD, FORWARD_UNDER_INHERITED_CONSTRUCT)

    def __init__(self, ctx: FileContext) -> None:
        super().__init__(ctx)
        self._cell_uses: Dict[int, Dict[str, List[int]]] = {}
        self._forward_used: Optional[bool] = None
        self._added_methods: FrozenSet[str] = ctx.facts.patched_cell_methods(ctx.patches)

    # --- MSL131 -------------------------------------------------------------------------------
    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        ctx = self.ctx
        forward = next((s for s in node.body if isinstance(s, DEFS) and s.name == "forward"), None)
        if forward is None or _is_static(forward) or not ctx.classes.is_cell(node):
            return
        view = ctx.classes.view(node)
        if "construct" in view.methods:
            self.check_inherited_construct(node, forward)
            return
        if not view.complete:
            return
        message = (
            "%s derives from mindspore.nn.Cell and defines forward but no construct: calling it raises"
            " AttributeError (MindSpore 2.7+; None in 2.0 and older), since a Cell runs construct;"
            " rename `forward` to `construct`" % node.name
        )
        ctx.report(CELL_FORWARD_WITHOUT_CONSTRUCT, forward, message, self.rename_forward(forward, SAFE))

    def rename_forward(self, forward: ast.FunctionDef, applicability: str) -> Optional[Fix]:
        """The fix renaming `def forward` to `def construct`, unless the file refers to a `.forward` attribute."""
        ctx = self.ctx
        if self._forward_used is None:
            self._forward_used = any(isinstance(n, ast.Attribute) and n.attr == "forward" for n in ctx.parents.nodes())
        edit = None if self._forward_used else rename_function(ctx, forward, "construct")
        return fix("Rename forward to construct", [edit], applicability) if edit else None

    # --- MSL135 -------------------------------------------------------------------------------
    def check_inherited_construct(self, node: ast.ClassDef, forward: ast.AST) -> None:
        """`forward` in a class that inherits a project base's construct, which never calls self.forward."""
        ctx = self.ctx
        if "construct" in class_body_names(node) or calls_forward(node):
            return
        inherited = ctx.classes.inherited_construct(node)
        if inherited is None or not inherited.project or inherited.calls_forward:
            return
        base = inherited.project[0].rsplit(".", 1)[-1]
        message = (
            "%s defines forward under the construct it inherits from %s, which never calls self.forward:"
            " a Cell runs construct, so calling %s computes %s.construct and this forward never runs;"
            " rename `forward` to `construct` if it is meant to replace it" % (node.name, base, node.name, base)
        )
        ctx.report(FORWARD_UNDER_INHERITED_CONSTRUCT, forward, message, self.rename_forward(forward, UNSAFE))

    # --- MSL132 and MSL133 --------------------------------------------------------------------
    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Attribute) and node.func.attr in self.ctx.facts.cell_methods_missing:
            self.check_module_method(node, node.func)
        self.check_created_in_construct(node)

    def check_created_in_construct(self, node: ast.Call) -> None:
        ctx = self.ctx
        entry = ctx.api_with(node.func, "has-parameters")
        if entry is None:
            return
        construct = ctx.construct_around(node)
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
        parent = self.ctx.parents.parent(node)
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
        if expects_missing(ctx.parents, node, method):
            return
        spec = ctx.facts.cell_methods_missing[method]
        if spec.devices and not self.rejected_device(node, spec.devices):
            return
        view = self.cell_receiver(func.value)
        if view is None or method in view.methods or not view.complete:
            return
        recv = ctx.text(func.value)
        args = ", ".join(ctx.text(a) for a in list(node.args) + list(node.keywords))
        use = spec.use
        rewritable = "{args}" in use or not args or bool(spec.devices)
        replacement = use.replace("{recv}", recv).replace("{args}", args)
        note = spec.note.replace("{recv}", recv)
        advice = "use `%s`" % replacement if replacement else ""
        advice = "; ".join(a for a in (advice, note) if a)
        if spec.devices:
            message = "`%s`: mindspore.nn.Cell's `%s` takes MindSpore's device names, not torch's (ValueError); %s" % (
                ctx.text(node), method, advice)
        else:
            message = "`%s`: mindspore.nn.Cell has no `%s` (AttributeError); %s" % (ctx.text(node), method, advice)
        applicability = {"safe": SAFE, "unsafe": UNSAFE}.get(spec.fix)
        bare = isinstance(ctx.parents.parent(node), ast.Expr) and replacement == recv
        found = None
        if applicability and rewritable and replacement and not bare:
            found = fix("Use `%s`" % replacement, [replace(ctx, node, replacement)], applicability)
        ctx.report(TORCH_MODULE_METHOD, node, message, found)

    def rejected_device(self, call: ast.Call, devices: FrozenSet[str]) -> bool:
        """Whether a call's only argument is a torch device name the method rejects: 'cuda', 'cuda:0',
        torch.device('cuda')."""
        if len(call.args) != 1 or call.keywords:
            return False
        device = call.args[0]
        if isinstance(device, ast.Call) and self.ctx.qualname(device.func) == "torch.device" and device.args:
            device = device.args[0]
        value = self.ctx.value(device)
        return isinstance(value, str) and value.split(":", 1)[0].lower() in devices

    def cell_receiver(self, recv: ast.expr) -> Optional[ClassView]:
        """What the receiver's class defines when the evidence says it is a MindSpore Cell: `self`
        in a Cell class, a parameter annotated with a Cell class, built from a Cell class, or used
        with Cell-only methods; else None."""
        ctx = self.ctx
        owner = ctx.method_owner(ctx.scope)
        seen = ctx.binding(recv) if isinstance(recv, ast.Name) else None
        method = seen.scope.node if seen is not None and seen.kind == "param" else None
        if (
            owner is not None
            and isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef))
            and ctx.method_owner(seen.scope) is owner
            and method.args.args
            and seen.node is method.args.args[0]
            and not _is_static(method)
        ):
            if not ctx.classes.is_cell(owner.node, owner.parent):
                return None
            view = ctx.classes.view(owner.node, owner.parent)
            view.methods |= self.self_attributes(owner.node) | self.subclass_methods(owner.node)
            return view
        binding = ctx.binding(recv) if isinstance(recv, ast.Name) else None
        annotation = getattr(binding.node, "annotation", None) if binding is not None and binding.kind == "param" else None
        view = self.cell_class(annotation) if annotation is not None else None
        if view is not None:
            return view
        assigned = ctx.assignments(recv)
        if assigned and all(isinstance(value, ast.Call) for value, _ in assigned):
            views = [self.constructed_cell(call, where) for call, where in assigned]
            if any(v is None for v in views):
                return None
            return ClassView(set().union(*(v.methods for v in views)), all(v.complete for v in views))
        if isinstance(recv, ast.Name) and "torch" not in ctx.names.imported_roots and self.used_as_cell(recv):
            return ClassView(set(), True)
        return None

    def subclass_methods(self, cls: ast.ClassDef) -> Set[str]:
        """The methods and `self` attributes this file's subclasses of `cls` define: `self` may be one of them."""
        classes = self.ctx.classes
        return set().union(*(classes.view(node).methods | self.self_attributes(node) for node in classes.subclasses(cls)))

    def self_attributes(self, cls: ast.ClassDef) -> Set[str]:
        """The attributes `cls` and its bases in this file assign on `self` in their methods: after
        `self.half = ops.Split(...)`, `self.half(x)` calls that attribute, not a Module method."""
        scopes = self.ctx.names.scopes
        return set().union(*(scopes[c].self_attrs.keys() for c in self.ctx.classes.lineage(cls) if c in scopes))

    def constructed_cell(self, call: ast.Call, scope: Scope) -> Optional[ClassView]:
        """The view of the Cell class a call (in `scope`) builds: the class it calls, or the one a
        function of this module or a factory of another module returns (`model = build_model()`); else None."""
        view = self.cell_class(call.func)
        if view is not None:
            return view
        ctx = self.ctx
        built = built_by(ctx, call, scope)
        if built is None or "cell" not in built.traits or built.traits & {"optimizer", "torch-style-optimizer"}:
            return None
        if built.outside is not None:
            return ctx.classes.outside_cell(built.outside)
        if built.call is not call:  # what a function of this module returns
            return self.cell_class(built.call.func)
        return ClassView(set(), True) if built.project_class is None else None  # a factory's MindSpore Cell

    def cell_class(self, expr: ast.expr) -> Optional[ClassView]:
        """The view of the Cell class `expr` names (a constructor call's callee, a parameter's
        annotation), or None when it is not a Cell class."""
        ctx = self.ctx
        binding = ctx.binding(expr) if isinstance(expr, ast.Name) else None
        if binding is not None and binding.kind == "class":
            cls = binding.node
            if not ctx.classes.is_cell(cls, binding.scope):
                return None
            view = ctx.classes.view(cls, binding.scope)
            view.methods |= self.self_attributes(cls)
            return view
        entry = ctx.api(expr)
        qualname = ctx.qualname(expr)
        if qualname == "mindspore.nn.Cell" or (
            entry is not None and "cell" in entry.traits and not entry.traits & {"optimizer", "torch-style-optimizer"}
        ):
            return ClassView(set(), True)
        imported = ctx.classes.imported(expr, ctx.scope, qualname) if entry is None else None
        return ctx.classes.outside_cell(imported) if imported else None

    def used_as_cell(self, recv: ast.Name) -> bool:
        """Whether the same binding of `recv` is used with a Cell-only method (the table's [cell-methods]) in this scope."""
        scope = self.ctx.scope
        uses = self._cell_uses.get(id(scope))
        if uses is None:
            uses = self._cell_uses[id(scope)] = {}
            methods = self.ctx.facts.cell_methods
            for call in walk(scope.node):  # one pass over the scope (nested ones too, as names may be seen there)
                if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr in methods:
                    if isinstance(call.func.value, ast.Name):
                        uses.setdefault(call.func.value.id, []).append(call.func.value.lineno)
        mine = self.ctx.binding(recv)
        return any(self.ctx.names.lookup(recv.id, scope, line) is mine for line in uses.get(recv.id, ()))
