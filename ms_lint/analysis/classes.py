"""The class hierarchy of one module: what a class derives from, whether it is a Cell, what it and its
bases define, which of the module's classes derive from it.

Every rule and analysis that follows a class to its bases asks here; each chain is followed at most
MAX_DEPTH classes deep (ms_lint.analysis.names). A base imported from another module of the project or
from an installed package is followed through that module's summary (ms_lint.analysis.project).
"""
from __future__ import annotations

import ast
from typing import Callable, Dict, FrozenSet, Iterator, List, Optional, Set, Tuple

from ms_lint.analysis.names import DEFS, MAX_DEPTH, Binding, Names, Scope, calls_forward, class_body_names
from ms_lint.analysis.project.modules import Project
from ms_lint.facts import ApiEntry, ApiFacts

ExternalBases = Callable[[ast.expr], List[str]]


class ClassView:
    """What a class of this file defines, through its project bases: method names, whether every
    base is in sight (a MindSpore class, a class of this file or one found in another module's summary)."""

    def __init__(self, methods: Set[str], complete: bool) -> None:
        self.methods = methods
        self.complete = complete


class InheritedConstruct:
    """Where the construct a class inherits is defined: the project's classes (qualified names in other
    modules, plain names in this one) and MindSpore's, and whether a class on the way calls `self.forward`."""

    def __init__(self) -> None:
        self.project: List[str] = []
        self.mindspore: List[str] = []
        self.calls_forward = False


class Classes:
    """The module's classes and their bases, as the name resolver and the facts table see them (and,
    other modules' summaries, and in pylint astroid, for bases defined in the project's other modules)."""

    def __init__(
        self,
        names: Names,
        facts: ApiFacts,
        patches: Tuple[str, ...],
        external_bases: Optional[ExternalBases] = None,
        project: Optional[Project] = None,
    ) -> None:
        self.names = names
        self.facts = facts
        self.patches = patches
        self.external_bases = external_bases  # pylint only: bases of classes in other modules
        self.project = project
        self._lineages: Dict[str, Optional[List[str]]] = {}
        self._views: Dict[str, Optional[ClassView]] = {}
        self._subclasses: Dict[int, List[ast.ClassDef]] = {}

    def qualname(self, expr: ast.AST, scope: Scope) -> Optional[str]:
        raw = self.names.qualname(expr, scope)
        return self.facts.canonical(raw) if raw else None

    def local(self, base: ast.expr, scope: Scope, line: Optional[int] = None) -> Optional[Binding]:
        """The binding of the module's own class a base expression (a plain name) names, or None."""
        if not isinstance(base, ast.Name):
            return None
        binding = self.names.lookup(base.id, scope, base.lineno if line is None else line)
        return binding if binding is not None and binding.kind == "class" else None

    def outer_scope(self, cls: ast.ClassDef) -> Scope:
        """The scope a class statement runs in (where its bases are looked up)."""
        scope = self.names.scopes.get(cls)
        return scope.parent if scope is not None and scope.parent is not None else self.names.module

    def bases(self, cls: ast.ClassDef, scope: Optional[Scope] = None, depth: int = 0) -> List[str]:
        """Every qualified name a project class derives from, through the project's own classes in
        this module (`class A(nn.Cell)`, `class B(A)` -> B derives from `mindspore.nn.Cell`)."""
        if depth > MAX_DEPTH:
            return []
        scope = scope or self.names.module
        found: List[str] = []
        for base in cls.bases:
            qualname = self.qualname(base, scope)
            imported = self.imported(base, scope, qualname)
            lineage = self.lineage_of(imported) if imported else None
            if lineage is not None:
                found += lineage
                continue
            if qualname and (self.external_bases is None or qualname.split(".")[0] in self.facts.roots):
                found.append(qualname)
                continue
            binding = self.local(base, scope)
            if binding is not None and binding.node is not cls:
                found += self.bases(binding.node, binding.scope, depth + 1)
            elif self.external_bases is not None:
                found += [self.facts.canonical(q) for q in self.external_bases(base)]
        return found

    def is_cell(self, cls: ast.ClassDef, scope: Optional[Scope] = None) -> bool:
        """Whether a project class derives from `mindspore.nn.Cell` (or another MindSpore Cell)."""
        for qualname in self.bases(cls, scope):
            entry = self.facts.lookup(qualname, self.patches)
            if qualname == "mindspore.nn.Cell" or (entry is not None and "cell" in entry.traits):
                return True
        return False

    def inherited_entry(self, func: ast.AST, scope: Scope, depth: int = 0) -> Optional[ApiEntry]:
        """The facts entry of what `func` names: a MindSpore API, or a project class that inherits
        one with no `__init__` of its own. A subclass with its own `__init__` is its own class."""
        if depth > MAX_DEPTH:
            return None
        qualname = self.qualname(func, scope)
        if qualname:
            return self.facts.lookup(qualname, self.patches)
        binding = self.local(func, scope)
        if binding is None:
            return None
        cls = binding.node
        if any(isinstance(s, DEFS) and s.name == "__init__" for s in cls.body):
            return None
        for base in cls.bases:
            entry = self.inherited_entry(base, binding.scope, depth + 1)
            if entry is not None:
                return entry
        return None

    def view(self, cls: ast.ClassDef, scope: Optional[Scope] = None, depth: int = 0) -> ClassView:
        """The methods `cls` and its bases define; MindSpore Cells other than nn.Cell define construct."""
        scope = scope or self.names.module
        methods = class_body_names(cls)
        complete = depth <= MAX_DEPTH
        for base in cls.bases:
            qualname = self.qualname(base, scope)
            if qualname == "builtins.object":
                continue
            entry = self.facts.lookup(qualname, self.patches) if qualname else None
            if entry is not None:
                if "cell" in entry.traits and "construct-undefined" not in entry.traits:
                    methods.add("construct")
                continue
            binding = self.local(base, scope)
            imported = self.imported(base, scope, qualname) if binding is None and complete else None
            outside = self.view_of(imported) if imported else None
            if outside is not None:
                methods |= outside.methods
                complete = complete and outside.complete
                continue
            if binding is None or binding.node is cls or not complete:
                complete = False
                continue
            inner = self.view(binding.node, binding.scope, depth + 1)
            methods |= inner.methods
            complete = complete and inner.complete
        return ClassView(methods, complete)

    def inherited_construct(self, cls: ast.ClassDef, scope: Optional[Scope] = None) -> Optional[InheritedConstruct]:
        """Where the construct `cls` inherits from its bases is defined (each branch followed up to the
        first class that defines one), or None when a base on the way is out of sight."""
        found = InheritedConstruct()
        scope = scope or self.outer_scope(cls)
        return found if all(self._base_construct(b, scope, cls, 0, found) for b in cls.bases) else None

    def _base_construct(self, base: ast.expr, scope: Scope, cls: ast.ClassDef, depth: int, found: InheritedConstruct) -> bool:
        qualname = self.qualname(base, scope)
        if qualname == "builtins.object":
            return True
        entry = self.facts.lookup(qualname, self.patches) if qualname else None
        if entry is not None:
            if "cell" in entry.traits and "construct-undefined" not in entry.traits:
                found.mindspore.append(entry.qualname)
            return True
        binding = self.local(base, scope)
        if binding is not None:
            inner = binding.node
            if inner is cls or depth >= MAX_DEPTH:
                return False
            found.calls_forward |= calls_forward(inner)
            if "construct" in class_body_names(inner):
                found.project.append(inner.name)
                return True
            return all(self._base_construct(b, binding.scope, inner, depth + 1, found) for b in inner.bases)
        imported = self.imported(base, scope, qualname)
        return bool(imported) and self._outside_construct(imported, depth + 1, found, frozenset())

    def _outside_construct(self, qualname: str, depth: int, found: InheritedConstruct, path: FrozenSet[str]) -> bool:
        """`_base_construct` for a class of another module, through the summaries."""
        where = self.project.find_class(qualname) if depth <= MAX_DEPTH and qualname not in path else None
        if where is None:
            return False
        summary = where[1]
        found.calls_forward |= summary.calls_forward
        if summary.defines_construct:
            found.project.append(where[0])
            return True
        for base in summary.bases:
            base = self.facts.canonical(base) if base is not None else None
            entry = self.facts.lookup(base, self.patches) if base is not None else None
            if base == "builtins.object" or entry is not None:
                if entry is not None and "cell" in entry.traits and "construct-undefined" not in entry.traits:
                    found.mindspore.append(entry.qualname)
                continue
            if base is None or not self.project.looked_up(base):
                return False
            if not self._outside_construct(base, depth + 1, found, path | {qualname}):
                return False
        return True

    # --- classes of other modules ---------------------------------------------------------------
    def imported(self, base: ast.expr, scope: Scope, qualname: Optional[str]) -> Optional[str]:
        """The qualified name of a base that may be a class of another module (relative imports made
        absolute), or None: a class of this file, MindSpore's, or a name not bound by an import."""
        if self.project is None or self.local(base, scope) is not None:
            return None
        found = qualname or self.project.absolute(self.names, base, scope)
        return found if found and self.project.looked_up(found) else None

    def lineage_of(self, qualname: str) -> Optional[List[str]]:
        """The qualified names of a class of another module and of every class it derives from,
        through the summaries (a base found in none stays as named), or None when it is not found."""
        if qualname not in self._lineages:
            self._lineages[qualname] = self._lineage(qualname, 0, frozenset())
        return self._lineages[qualname]

    def _lineage(self, qualname: str, depth: int, path: FrozenSet[str]) -> Optional[List[str]]:
        """`path`: the classes followed to get here (a cycle ends where it closes)."""
        found = self.project.find_class(qualname) if self.project is not None and qualname not in path else None
        if found is None:
            return None
        path = path | {qualname}
        where, summary = found
        names = [where]
        for base in summary.bases if depth < MAX_DEPTH else ():
            if base is None:
                continue
            base = self.facts.canonical(base)
            inner = self._lineage(base, depth + 1, path) if self.project.looked_up(base) else None
            names += inner if inner is not None else [base]
        return names

    def view_of(self, qualname: str) -> Optional[ClassView]:
        """What a class of another module and its bases define (see `view`), or None when it is not found."""
        if qualname not in self._views:
            self._views[qualname] = self._view(qualname, 0, frozenset())
        found = self._views[qualname]
        return ClassView(set(found.methods), found.complete) if found is not None else None

    def _view(self, qualname: str, depth: int, path: FrozenSet[str]) -> Optional[ClassView]:
        found = self.project.find_class(qualname) if self.project is not None and qualname not in path else None
        if found is None:
            return None
        path = path | {qualname}
        summary = found[1]
        methods, complete = set(summary.methods), depth < MAX_DEPTH
        for base in summary.bases if complete else ():
            base = self.facts.canonical(base) if base is not None else None
            if base == "builtins.object":
                continue
            entry = self.facts.lookup(base, self.patches) if base is not None else None
            if entry is not None:
                if "cell" in entry.traits and "construct-undefined" not in entry.traits:
                    methods.add("construct")
                continue
            inner = self._view(base, depth + 1, path) if base is not None and self.project.looked_up(base) else None
            if inner is None:
                complete = False
                continue
            methods |= inner.methods
            complete = complete and inner.complete
        return ClassView(methods, complete)

    def outside_cell(self, qualname: str) -> Optional[ClassView]:
        """What a Cell class of another module defines (methods, and the attributes its own methods
        set on self), or None when it is not found or is not a Cell."""
        lineage = self.lineage_of(qualname)
        entries = [self.facts.lookup(name, self.patches) for name in lineage or ()]
        if not lineage or not any(n == "mindspore.nn.Cell" or e is not None and "cell" in e.traits for n, e in zip(lineage, entries)):
            return None
        view = self.view_of(qualname)
        found = self.project.find_class(qualname) if self.project is not None else None
        if view is not None and found is not None:
            view.methods |= set(found[1].attributes)
        return view

    def lineage(self, cls: Optional[ast.ClassDef]) -> Iterator[ast.ClassDef]:
        """A project class and the project classes it derives from in this module (each once)."""
        pending, seen = [cls] if cls is not None else [], set()
        while pending and len(seen) <= MAX_DEPTH:
            cls = pending.pop()
            if id(cls) in seen:
                continue
            seen.add(id(cls))
            yield cls
            outer = self.outer_scope(cls)
            for base in cls.bases:
                binding = self.local(base, outer)
                if binding is not None:
                    pending.append(binding.node)

    def defines(self, cls: ast.ClassDef, attribute: str) -> bool:
        """Whether a project class binds `attribute` in its body or on `self` in its methods."""
        scope = self.names.scopes.get(cls)
        return scope is not None and (attribute in scope.bindings or attribute in scope.self_attrs)

    def subclasses(self, cls: ast.ClassDef) -> List[ast.ClassDef]:
        """The module's classes that derive from `cls`, directly or through the module's classes."""
        if id(cls) not in self._subclasses:
            self._subclasses[id(cls)] = [
                n for n in self.names.scopes if isinstance(n, ast.ClassDef) and n is not cls and self._derives(n, cls, 0)
            ]
        return self._subclasses[id(cls)]

    def _derives(self, node: ast.ClassDef, cls: ast.ClassDef, depth: int) -> bool:
        for base in node.bases:
            binding = self.local(base, self.names.module)
            if binding is not None and depth <= MAX_DEPTH:
                if binding.node is cls or self._derives(binding.node, cls, depth + 1):
                    return True
        return False
