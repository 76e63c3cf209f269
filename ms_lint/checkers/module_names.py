"""Module names: PyTorch names looked up on MindSpore modules that lack them (MSL113)."""
from __future__ import annotations

import ast
from typing import FrozenSet, Optional, Tuple

from ms_lint.analysis.context import Checker, fix
from ms_lint.analysis.guards import expects_missing
from ms_lint.fixes.edits import replace
from ms_lint.model import ERROR, SAFE, Rule

TORCH_NAME_ON_MINDSPORE = Rule(
    "MSL113",
    "torch-name-on-mindspore",
    "A PyTorch name looked up on a MindSpore module that lacks it: AttributeError",
    severity=ERROR,
    fix=SAFE,
)


class ModuleNameChecker(Checker):
    """MSL113: PyTorch names looked up on MindSpore modules that lack them."""

    rules = (TORCH_NAME_ON_MINDSPORE,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.postponed = any(  # `from __future__ import annotations`: annotations stay strings
            isinstance(s, ast.ImportFrom) and s.module == "__future__" and any(a.name == "annotations" for a in s.names)
            for s in ctx.tree.body
        )

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if isinstance(node.ctx, ast.Load):
            module = self.mindspore_module(node.value)
            if module is not None and self.lacks(node, module, node.attr):
                replacement = self.rewrite(node, module, node.attr)
                note = ""
                if replacement and not self.reaches_exported(node, module):
                    parent = self.ctx.parents.parent(node)
                    replacement, note = None, " (which has no `%s`)" % parent.attr
                self.report(node, module, node.attr, replacement, note)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if node.level or module not in self.ctx.facts.modules:
            return
        for alias in node.names:
            if alias.name != "*" and self.lacks(node, module, alias.name):
                self.report(node, module, alias.name, self.rewrite_import(alias, module))

    def mindspore_module(self, expr: ast.expr) -> Optional[str]:
        """The MindSpore module `expr` names (itself or through a re-exporting package), or None.
        Internal modules that the table folds into a public one (`ops.operations`) are not it."""
        ctx = self.ctx
        raw = ctx.names.qualname(expr, ctx.scope)
        if raw is None:
            return None
        module = ctx.facts.canonical(raw)
        if module not in ctx.facts.modules or (raw != module and raw.split(".")[0] == "mindspore"):
            return None
        return module

    def lacks(self, node: ast.AST, module: str, name: str) -> bool:
        """Whether `name` (used at `node`) is a PyTorch name the MindSpore module does not export at the target."""
        facts = self.ctx.facts
        exports = self.exports_of(module)
        if exports is None or name in exports:
            return False
        torch = facts.modules[module].torch
        return any(name in facts.torch_names.get(t, ()) for t in torch) and not self.guarded(node, name)

    def guarded(self, node: ast.AST, name: str) -> bool:
        """Inside `try: ... except AttributeError` (or ImportError...) or `if hasattr(m, "name")`,
        or in an annotation Python never evaluates."""
        for parent, child in self.ctx.parents.links(node):
            if child is getattr(parent, "annotation", None) or child is getattr(parent, "returns", None):
                return self.postponed or (isinstance(parent, ast.AnnAssign) and self.ctx.scope.is_function)
        return expects_missing(self.ctx.parents, node, name)

    def mindspore_name(self, module: str, name: str) -> Tuple[Optional[str], bool]:
        """The MindSpore replacement of a PyTorch name and whether it is 1:1 (a rename), where the
        target version has it."""
        table = self.ctx.facts.modules[module]
        target, one_to_one = table.renames.get(name), True
        if target is None:
            target, one_to_one = table.counterparts.get(name), False
        if target is None or not self.exists(target if target.startswith("mindspore.") else module + "." + target):
            return None, False
        return target, one_to_one

    def exports_of(self, module: str) -> Optional[FrozenSet[str]]:
        """The names a MindSpore module has at the target version, with what the file's imported
        patching packages set on it; None when the table has not measured it."""
        return self.ctx.facts.module_exports(module, self.ctx.target_version, self.ctx.patches)

    def exists(self, qualname: str) -> bool:
        """Whether a MindSpore name exists at the target version, as far as the measured exports tell."""
        if qualname in self.ctx.facts.modules:
            return True
        module, _, name = qualname.rpartition(".")
        exports = self.exports_of(module)
        return exports is None or name in exports

    def rewrite(self, node: ast.Attribute, module: str, name: str) -> Optional[str]:
        """The text replacing `node` for a 1:1 rename, spelled with the file's own names."""
        target, one_to_one = self.mindspore_name(module, name)
        if not one_to_one:
            return None
        if not target.startswith("mindspore."):
            return "%s.%s" % (self.ctx.text(node.value), target)
        return self.ctx.spelling(target)

    def reaches_exported(self, node: ast.Attribute, module: str) -> bool:
        """For a renamed module (`nn.functional` -> `ops`), whether the name looked up on it next
        (`.relu`) exists there too; the rename alone would only move the AttributeError."""
        parent = self.ctx.parents.parent(node)
        target, _ = self.mindspore_name(module, node.attr)
        if not (isinstance(parent, ast.Attribute) and parent.value is node) or target not in self.ctx.facts.modules:
            return True
        exports = self.exports_of(target)
        return exports is not None and parent.attr in exports

    def rewrite_import(self, alias: ast.alias, module: str) -> Optional[str]:
        target, one_to_one = self.mindspore_name(module, alias.name)
        if not one_to_one or target.startswith("mindspore.") or getattr(alias, "end_col_offset", None) is None:
            return None
        return "%s as %s" % (target, alias.asname or alias.name)

    def report(self, node: ast.AST, module: str, name: str, replacement: Optional[str], note: str = "") -> None:
        ctx = self.ctx
        target, _ = self.mindspore_name(module, name)
        if target is None:
            advice = "it is a PyTorch name"
        elif target.startswith("mindspore."):
            advice = "use `%s`" % target
        else:
            advice = "use `%s.%s`" % (module, target)
        if replacement and isinstance(node, ast.Attribute):
            advice = "use `%s`" % replacement
        message = "%s has no `%s` in MindSpore %d.%d (AttributeError); %s%s" % (
            module, name, ctx.target_version[0], ctx.target_version[1], advice, note)
        edit_node = node if isinstance(node, ast.Attribute) else _alias(node, name)
        found = fix("Use `%s`" % replacement, [replace(ctx, edit_node, replacement)], SAFE) if replacement else None
        ctx.report(TORCH_NAME_ON_MINDSPORE, node, message, found)


def _alias(node: ast.ImportFrom, name: str) -> ast.alias:
    return next(a for a in node.names if a.name == name)
