"""Qualified names: every name and attribute resolved through the file's imports and aliases."""
from __future__ import annotations

import ast
import builtins
from bisect import bisect_right
from typing import Callable, Dict, List, Optional, Set, Tuple

from ms_lint.analysis.parents import walk

BUILTINS = frozenset(dir(builtins))
DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)  # the statements that define a function
_FUNCTIONS = DEFS + (ast.Lambda,)


def class_body_names(cls: ast.ClassDef) -> Set[str]:
    """The names a class body defines: its methods and its plainly assigned class attributes."""
    names = {s.name for s in cls.body if isinstance(s, DEFS)}
    return names | {t.id for s in cls.body if isinstance(s, ast.Assign) for t in s.targets if isinstance(t, ast.Name)}


def calls_forward(cls: ast.ClassDef) -> bool:
    """Whether a method of the class other than `forward` refers to `self.forward` (a hub-style
    `construct(self, *args, **kw): return self.forward(*args, **kw)`; not `construct = forward`,
    which binds the class's own forward, not a subclass's)."""
    for stmt in cls.body:
        if not isinstance(stmt, DEFS) or stmt.name == "forward" or not stmt.args.args:
            continue
        me = stmt.args.args[0].arg
        for node in walk(stmt):
            if isinstance(node, ast.Attribute) and node.attr == "forward" and isinstance(node.value, ast.Name) and node.value.id == me:
                return True
    return False
# How far any chain is followed: aliases and attributes, values, class bases, constructions. The one
# bound of every recursion and walk of the analysis and the rules over such chains.
MAX_DEPTH = 12


class Binding:
    """One place a name is bound: an import, an assignment, a def, a parameter..."""

    __slots__ = ("name", "line", "qualname", "value", "node", "kind", "fallback", "scope")

    def __init__(self, name, line, kind, scope, qualname=None, value=None, node=None, fallback=False):
        self.name = name
        self.line = line
        self.kind = kind  # import | assign | def | class | param | other
        self.scope = scope
        self.qualname = qualname  # for imports: the imported module or object
        self.value = value  # for assignments: the assigned expression; for params: the default
        self.node = node
        self.fallback = fallback  # bound inside an `except` handler


class Scope:
    """A module, class, function or lambda body, with what it binds."""

    __slots__ = ("node", "parent", "bindings", "star_imports", "self_attrs", "self_attr_scopes", "global_names",
                 "is_class", "is_function")

    def __init__(self, node: ast.AST, parent: Optional["Scope"]) -> None:
        self.node = node
        self.parent = parent
        self.is_class = isinstance(node, ast.ClassDef)
        self.is_function = isinstance(node, _FUNCTIONS)
        self.bindings: Dict[str, List[Binding]] = {}
        self.star_imports: List[str] = []
        self.self_attrs: Dict[str, List[ast.expr]] = {}  # class scopes: `self.x = ...` in methods
        self.self_attr_scopes: Dict[int, "Scope"] = {}  # class scopes: id of such a value -> its method's scope
        self.global_names: Set[str] = set()

    def add(self, binding: Binding) -> None:
        self.bindings.setdefault(binding.name, []).append(binding)


class Names:
    """The scopes of one module and the resolver over them."""

    def __init__(self, tree: ast.Module, star_exports: Optional[Callable[[str, str], bool]] = None) -> None:
        self.star_exports = star_exports  # (module, name) -> whether `from module import *` binds name
        self.module = Scope(tree, None)
        self.scopes: Dict[ast.AST, Scope] = {tree: self.module}
        self.imported_roots: Set[str] = set()
        self._preferred: Dict[int, Tuple[List[Binding], Optional[List[int]]]] = {}  # per binding list
        _Collector(self).collect(tree, self.module, fallback=False)

    def scope_of(self, node: ast.AST, parent: Optional[Scope] = None) -> Scope:
        """The scope a module, class, function or lambda node opens (lambdas made on first use)."""
        scope = self.scopes.get(node)
        if scope is None:
            scope = self.scopes[node] = Scope(node, parent or self.module)
            bind_parameters(scope, node)
        return scope

    def lookup(self, name: str, scope: Scope, line: int) -> Optional[Binding]:
        """The binding a use of `name` at `line` in `scope` sees, or None (builtin or unbound)."""
        first = True
        while scope is not None:
            if first or not scope.is_class:
                found = scope.bindings.get(name)
                if found:
                    return self._choose(found, line)
            if name in scope.global_names and scope is not self.module:
                scope = self.module
                continue
            first = False
            scope = scope.parent
        return None

    def _choose(self, bindings: List[Binding], line: int) -> Binding:
        """The last binding at or before `line`, preferring ones not in `except` handlers (found by
        bisection when the bindings come in line order, as they nearly always do)."""
        if len(bindings) == 1:
            return bindings[0]
        if id(bindings) not in self._preferred:
            preferred = [b for b in bindings if not b.fallback] or bindings
            lines = [b.line for b in preferred]
            self._preferred[id(bindings)] = (preferred, lines if lines == sorted(lines) else None)
        preferred, lines = self._preferred[id(bindings)]
        if lines is not None:
            at = bisect_right(lines, line)
            return preferred[at - 1] if at else preferred[0]
        before = [b for b in preferred if b.line <= line]
        return before[-1] if before else preferred[0]

    def qualname(self, expr: ast.AST, scope: Scope, line: Optional[int] = None) -> Optional[str]:
        """The dotted name `expr` stands for (`mindspore.nn.Dropout`), or None if not an import."""
        return self._qualname(expr, scope, expr.lineno if line is None else line, 0)

    def _qualname(self, expr: ast.AST, scope: Scope, line: int, depth: int) -> Optional[str]:
        if depth > MAX_DEPTH:
            return None
        if isinstance(expr, ast.Attribute):
            base = self._qualname(expr.value, scope, line, depth + 1)
            return base + "." + expr.attr if base else None
        if not isinstance(expr, ast.Name):
            return None
        binding = self.lookup(expr.id, scope, line)
        if binding is None:
            star = self._star_source(expr.id, scope)
            if star:
                return star
            return "builtins." + expr.id if expr.id in BUILTINS else None
        return self.binding_qualname(binding, depth)

    def binding_qualname(self, binding: Binding, depth: int = 0) -> Optional[str]:
        """What a binding stands for: its import, or the name its alias assignment copies."""
        if binding.kind == "import":
            return binding.qualname
        if binding.kind == "assign" and isinstance(binding.value, (ast.Name, ast.Attribute)):
            return self._qualname(binding.value, binding.scope, binding.line, depth + 1)
        return None

    def _star_source(self, name: str, scope: Scope) -> Optional[str]:
        while scope is not None:
            for module in scope.star_imports:
                if self.star_exports is not None and self.star_exports(module, name):
                    return module + "." + name
            scope = scope.parent
        return None

    def assignments(self, name: str, scope: Scope) -> List[Binding]:
        """Every binding of `name` in `scope` itself."""
        return scope.bindings.get(name, [])


class _Collector:
    """One pass over the statements (not the expressions) that records every scope and binding."""

    def __init__(self, names: Names) -> None:
        self.names = names

    def collect(self, node: ast.AST, scope: Scope, fallback: bool) -> None:
        stack = [(stmt, scope, fallback) for stmt in reversed(_statements(node))]
        while stack:
            stmt, scope, fallback = stack.pop()
            inner = self.visit(stmt, scope, fallback)
            stack.extend(reversed(inner))

    def visit(self, node: ast.AST, scope: Scope, fallback: bool):
        """Record what statement `node` binds; return the statements to descend into."""
        line = node.lineno
        if isinstance(node, ast.Import):
            for alias in node.names:
                root = alias.name.split(".")[0]
                self.names.imported_roots.add(root)
                qualname = alias.name if alias.asname else root
                self.bind(scope, alias.asname or root, line, "import", fallback, qualname=qualname, node=node)
            return ()
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level == 0 and module:
                self.names.imported_roots.add(module.split(".")[0])
            for alias in node.names:
                if alias.name == "*":
                    if node.level == 0:
                        scope.star_imports.append(module)
                    continue
                qualname = module + "." + alias.name if node.level == 0 and module else None
                self.bind(scope, alias.asname or alias.name, line, "import", fallback, qualname=qualname, node=node)
            return ()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return self.open_scope(node, scope, fallback)
        if isinstance(node, ast.Global):
            scope.global_names.update(node.names)
            return ()
        if isinstance(node, ast.Assign):
            single = len(node.targets) == 1
            for target in node.targets:
                self.bind_target(target, scope, line, fallback, node.value if single else None, node)
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            self.bind_target(node.target, scope, line, fallback, node.value, node)
        elif isinstance(node, (ast.AugAssign, ast.For, ast.AsyncFor)):
            self.bind_target(node.target, scope, line, fallback, None, node)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if item.optional_vars is not None:
                    self.bind_target(item.optional_vars, scope, line, fallback, None, node)
        items = []
        for field in ("body", "orelse", "finalbody"):
            items += [(s, scope, fallback) for s in getattr(node, field, ())]
        for handler in getattr(node, "handlers", ()):
            if handler.name:
                self.bind(scope, handler.name, handler.lineno, "other", True, node=handler)
            items += [(s, scope, True) for s in handler.body]
        for case in getattr(node, "cases", ()):
            items += [(s, scope, fallback) for s in case.body]
        return items

    def open_scope(self, node: ast.AST, scope: Scope, fallback: bool):
        inner = Scope(node, scope)
        self.names.scopes[node] = inner
        kind = "class" if isinstance(node, ast.ClassDef) else "def"
        self.bind(scope, node.name, node.lineno, kind, fallback, node=node)
        if not isinstance(node, ast.ClassDef):
            bind_parameters(inner, node)
        return [(stmt, inner, False) for stmt in node.body]

    def bind_target(self, target, scope, line, fallback, value, node) -> None:
        if isinstance(target, ast.Name):
            kind = "assign" if value is not None else "other"
            self.bind(scope, target.id, line, kind, fallback, value=value, node=node)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self.bind_target(element, scope, line, fallback, None, node)
        elif isinstance(target, ast.Starred):
            self.bind_target(target.value, scope, line, fallback, None, node)
        elif isinstance(target, ast.Attribute) and value is not None:
            self.record_self_attr(target, value, scope)

    def record_self_attr(self, target: ast.Attribute, value: ast.expr, scope: Scope) -> None:
        """`self.x = value` in a method: remember it on the class scope."""
        method, owner = scope.node, scope.parent
        if (
            scope.is_function
            and owner is not None
            and owner.is_class
            and isinstance(target.value, ast.Name)
            and method.args.args
            and target.value.id == method.args.args[0].arg
        ):
            owner.self_attrs.setdefault(target.attr, []).append(value)
            owner.self_attr_scopes[id(value)] = scope

    def bind(self, scope, name, line, kind, fallback, qualname=None, value=None, node=None) -> None:
        if name in scope.global_names:
            scope = self.names.module
        scope.add(Binding(name, line, kind, scope, qualname, value, node, fallback))


def bind_parameters(scope: Scope, node: ast.AST) -> None:
    """Bind a function's or lambda's parameters in its scope, each with its default."""
    args = node.args
    positional = args.posonlyargs + args.args
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    params = list(zip(positional, defaults)) + list(zip(args.kwonlyargs, args.kw_defaults))
    params += [(a, None) for a in (args.vararg, args.kwarg) if a is not None]
    for arg, default in params:
        scope.add(Binding(arg.arg, node.lineno, "param", scope, value=default, node=arg))


def _statements(node: ast.AST) -> list:
    return list(getattr(node, "body", ()))
