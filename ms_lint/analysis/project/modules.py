"""The classes a qualified name stands for in the project's other modules and installed packages,
through each module's summary: `pkg.models.Head`, re-exported by `pkg/__init__.py` or a star import,
is the class `Head` of `pkg/models/head.py`.

MindSpore is never looked up (the facts table knows it), nor any name the table knows or spells
otherwise, nor the standard library. Each chain of re-exports is followed at most MAX_DEPTH deep,
each name once, so import cycles end.
"""
from __future__ import annotations

import ast
import os
import sys
import sysconfig
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Set, Tuple

from ms_lint.analysis.names import MAX_DEPTH, Names, Scope
from ms_lint.analysis.project.finder import find_module, package_of, search_roots
from ms_lint.analysis.project.summaries import ClassSummary, GroupSummary, ModuleSummary, SeedSummary, absolute_name, summary_of
from ms_lint.analysis.values import UNKNOWN
from ms_lint.facts import ApiFacts


def _standard_library() -> FrozenSet[str]:
    """The standard library's top-level module names: `sys.stdlib_module_names` (3.10+), else the
    names in the standard library's own directories (Python 3.9)."""
    names = getattr(sys, "stdlib_module_names", None)
    if names is not None:
        return frozenset(names) | {"builtins"}
    found = set(sys.builtin_module_names)
    stdlib = sysconfig.get_paths()["stdlib"]
    for folder in (stdlib, os.path.join(stdlib, "lib-dynload")):
        try:
            entries = os.listdir(folder)
        except OSError:
            continue
        for entry in entries:
            if entry.endswith(".py") or entry.endswith(".so") or entry.endswith(".pyd"):
                found.add(entry.split(".")[0])
            elif os.path.isfile(os.path.join(folder, entry, "__init__.py")):
                found.add(entry)
    return frozenset(found - {"site-packages"})


STDLIB = _standard_library()
FoundClass = Tuple[str, ClassSummary]  # the class's qualified name where it is defined, its summary


Dependency = Tuple[str, str, int, int]  # (module, file or "", mtime_ns, size)


class Project:
    """What one linted file can see of other modules: it is at `path`; nothing is looked up before a question needs it."""

    def __init__(self, path: str, facts: ApiFacts) -> None:
        self.path = path
        self.facts = facts
        self._roots: Optional[Tuple[str, ...]] = None
        self._package: Optional[str] = None
        self._classes: Dict[str, Optional[FoundClass]] = {}
        self._functions: Dict[str, Optional[str]] = {}
        self._constants: Dict[str, Any] = {}
        self._mindspore_returns: Dict[str, bool] = {}
        self._groups: Dict[str, Optional[Tuple[str, List[GroupSummary]]]] = {}
        self._seeds: Dict[str, Optional[Tuple[str, SeedSummary]]] = {}
        self._reexports: Dict[str, Optional[str]] = {}
        self._own: Dict[str, bool] = {}
        self.consulted: Dict[str, Dependency] = {}  # module name -> the file it resolved to, as it was

    @property
    def roots(self) -> Tuple[str, ...]:
        if self._roots is None:
            self._roots = search_roots(self.path)
        return self._roots

    @property
    def package(self) -> str:
        """The dotted name of the linted file's package ("" for a script or a file not on disk)."""
        if self._package is None:
            self._package = package_of(self.path)[1] if os.path.isfile(self.path) else ""
        return self._package

    def absolute(self, names: Names, expr: ast.AST, scope: Scope) -> Optional[str]:
        """The qualified name a name or attribute chain of the linted file stands for, relative imports included."""
        return absolute_name(names, expr, scope, self.package)

    def looked_up(self, qualname: str) -> bool:
        """Whether `qualname` is one to look for in other modules' source (not MindSpore's, not the
        facts table's, not the standard library's)."""
        root = qualname.split(".")[0]
        if root == "mindspore" or root in STDLIB:
            return False
        if root in self.facts.roots:
            return self.facts.canonical(qualname) == qualname and self.facts.lookup(qualname) is None
        return True

    def own(self, qualname: str) -> bool:
        """Whether a qualified name starts with a module of the linted file's own project: one beside
        it in its package root (a script's directory), not an installed package."""
        top = qualname.split(".")[0]
        if top not in self._own:
            base = package_of(self.path)[0] if os.path.isfile(self.path) else None
            self._own[top] = base is not None and top.isidentifier() and (
                os.path.isfile(os.path.join(base, top + ".py")) or os.path.isfile(os.path.join(base, top, "__init__.py"))
            )
        return self._own[top]

    def reexport(self, qualname: str) -> Optional[str]:
        """The MindSpore name a name of the project's own modules re-exports (`pkg.Lamb` where
        `pkg/__init__.py` does `from mindspore.nn.optim import *`), or None."""
        if qualname.rsplit(".", 1)[-1] not in self.facts.short_names:
            return None  # no MindSpore API has that name
        if qualname not in self._reexports:
            self._reexports[qualname] = None
            self._reexports[qualname] = self._reexport(qualname, 0) if self.own(qualname) else None
        return self._reexports[qualname]

    def _reexport(self, qualname: str, depth: int) -> Optional[str]:
        module, _, name = qualname.rpartition(".")
        summary = self.summary(module) if module and depth <= MAX_DEPTH else None
        if summary is None or name in summary.classes:
            return None
        target = summary.imports.get(name)
        if target is not None:
            return self._mindspore(target) or (self._reexport(target, depth + 1) if self.own(target) else None)
        for star in summary.star_imports:
            found = self._mindspore(star + "." + name)
            if found is None and self.own(star):
                source = self.summary(star)
                found = self._reexport(star + "." + name, depth + 1) if source is not None and source.star_exports(name) else None
            if found is not None:
                return found
        return None

    def _mindspore(self, qualname: str) -> Optional[str]:
        """The canonical name of a MindSpore API the facts table knows, else None."""
        canonical = self.facts.canonical(qualname)
        return canonical if self.facts.lookup(canonical) is not None else None

    def find_class(self, qualname: str) -> Optional[FoundClass]:
        """The class `qualname` names and its summary, or None when it is not found as a class."""
        if qualname not in self._classes:
            self._classes[qualname] = self._find(qualname, "classes", 0, set())
        return self._classes[qualname]

    def returned_class(self, qualname: str) -> Optional[str]:
        """The class a function of another module builds in every `return` (its qualified name), or None."""
        if qualname not in self._functions:
            found = self._find(qualname, "functions", 0, set())
            self._functions[qualname] = found[1] if found is not None else None
        return self._functions[qualname]

    def returned_groups(self, qualname: str) -> Optional[Tuple[str, List[GroupSummary]]]:
        """(where it is defined, the parameter groups it returns) for a function of another module, or None."""
        if qualname not in self._groups:
            self._groups[qualname] = self._find(qualname, "groups", 0, set())
        return self._groups[qualname]

    def seeding(self, qualname: str) -> Optional[Tuple[str, SeedSummary]]:
        """(where it is defined, its seeding calls) for a seeding function of another module, or None."""
        if qualname not in self._seeds:
            self._seeds[qualname] = self._find(qualname, "seeds", 0, set())
        return self._seeds[qualname]

    def returns_mindspore(self, qualname: str) -> bool:
        """Whether a function of another module returns what a MindSpore function computed."""
        if qualname not in self._mindspore_returns:
            self._mindspore_returns[qualname] = self.looked_up(qualname) and self._find(qualname, "returns_mindspore", 0, set()) is not None
        return self._mindspore_returns[qualname]

    def constant(self, qualname: str) -> Any:
        """The value of another module's constant (`pkg.config.BN_MOMENTUM`), or UNKNOWN."""
        if qualname not in self._constants:
            found = self._find(qualname, "constants", 0, set())
            self._constants[qualname] = found[1] if found is not None else UNKNOWN
        return self._constants[qualname]

    def _find(self, qualname: str, kind: str, depth: int, seen: Set[str]) -> Optional[Tuple[str, Any]]:
        """(where it is defined, its entry) for a class, function or constant the summaries list under `kind`,
        through re-exports and star imports."""
        if depth > MAX_DEPTH or qualname in seen or not self.looked_up(qualname):
            return None
        seen.add(qualname)
        module, _, name = qualname.rpartition(".")
        summary = self.summary(module) if module else None
        if summary is None:
            return None
        defined = getattr(summary, kind)
        if name in defined:
            return qualname, defined[name]
        if name in summary.imports:
            return self._find(summary.imports[name], kind, depth + 1, seen)
        for star in summary.star_imports:
            source = self.summary(star)
            if source is not None and source.star_exports(name, kind):
                found = self._find(star + "." + name, kind, depth + 1, seen)
                if found is not None:
                    return found
        return None

    def summary(self, module: str) -> Optional[ModuleSummary]:
        """The summary of the module named `module`, or None when no source file is found for it."""
        path = self.module_path(module)
        return summary_of(path, module, path.endswith("__init__.py")) if path else None

    def module_path(self, module: str) -> Optional[str]:
        """The source file of the module named `module` (recorded as read), or None."""
        if not self.looked_up(module):
            return None
        path = find_module(module, self.roots)
        if module not in self.consulted:
            self.consulted[module] = dependency(module, path)
        return path

    def dependencies(self) -> Tuple[Dependency, ...]:
        """Every other module this file's analysis read (or looked for and did not find), sorted."""
        return tuple(sorted(self.consulted.values()))


def dependency(module: str, path: Optional[str]) -> Dependency:
    """A module name, the file it resolves to ("" for none) and that file's modification time and size."""
    if path is None:
        return (module, "", 0, 0)
    try:
        info = os.stat(path)
    except OSError:
        return (module, path, 0, 0)
    return (module, path, info.st_mtime_ns, info.st_size)


def dependencies_hold(path: str, dependencies: Iterable[Dependency]) -> bool:
    """Whether every module a file's analysis read still resolves to the same, unchanged file (the
    cache keeps a file's findings only while this holds: a base class in another module may gain
    `construct`)."""
    roots = search_roots(path)
    return all(dependency(module, find_module(module, roots)) == (module, found, mtime, size)
               for module, found, mtime, size in dependencies)
