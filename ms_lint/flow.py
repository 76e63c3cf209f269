"""Data flow inside one scope: where each name is bound, mutated and read, in source order."""
from __future__ import annotations

import ast
from typing import Dict, List, Optional, Tuple

MUTATORS = frozenset({"append", "extend", "insert", "update", "add", "setdefault", "clear", "pop", "remove"})
_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_LOOPS = (ast.For, ast.AsyncFor, ast.While)
_BRANCHES = (
    _LOOPS
    + _COMPREHENSIONS
    + (ast.If, ast.IfExp, ast.Try, ast.BoolOp, ast.ExceptHandler, ast.comprehension)
    + tuple(getattr(ast, name) for name in ("Match", "match_case", "TryStar") if hasattr(ast, name))
)

Step = Tuple[ast.AST, str]  # an ancestor and the field the path descends through


def position(node: ast.AST) -> Tuple[int, int]:
    """Where a node starts, for ordering."""
    return node.lineno, node.col_offset


def end_position(node: ast.AST) -> Tuple[int, int]:
    """Where a node ends."""
    return node.end_lineno or node.lineno, node.end_col_offset or node.col_offset


class Occurrence:
    """One occurrence of a name: "bind", "mutate" (`x.append(v)`, `x += v`, `x[i] = v`), "read" or "nested"."""

    __slots__ = ("node", "kind", "value", "method", "path", "at")

    def __init__(self, node: ast.Name, kind: str, path: Tuple[Step, ...], value=None, method: str = "") -> None:
        self.node = node
        self.kind = kind
        self.value = value  # bind: the assigned expression (None if not a plain `x = v`); mutate: the argument
        self.method = method  # mutate: "append", "extend", "+=", "[]=", ...; bind: "for" for loop targets
        self.path = path
        self.at = position(node)


class Flow:
    """Every occurrence of every name in one function's or module's body."""

    def __init__(self, scope: ast.AST) -> None:
        self.scope = scope
        self.paths: Dict[int, Tuple[Step, ...]] = {}
        self.by_name: Dict[str, List[Occurrence]] = {}
        self.global_names = set()
        self._walk(scope)
        for found in self.by_name.values():
            found.sort(key=lambda o: o.at)

    def _walk(self, scope: ast.AST) -> None:
        """Record every name under `scope` with its path (iteratively: deep nesting cannot overflow)."""
        todo = [(scope, (), False, frozenset())]
        while todo:
            node, path, nested, local = todo.pop()
            for field, value in ast.iter_fields(node):
                for child in value if isinstance(value, list) else [value]:
                    if not isinstance(child, ast.AST):
                        continue
                    inner = self.paths[id(child)] = path + ((node, field),)
                    if isinstance(child, (ast.Global, ast.Nonlocal)) and not nested:
                        self.global_names.update(child.names)
                    if isinstance(child, ast.Name) and child.id not in local:
                        self._record(child, inner, nested)
                    names = local | _comprehension_targets(child) if isinstance(child, _COMPREHENSIONS) else local
                    todo.append((child, inner, nested or isinstance(child, _NESTED), names))

    def _record(self, name: ast.Name, path: Tuple[Step, ...], nested: bool) -> None:
        """Classify one occurrence of a name and file it under the name."""
        parent, field = path[-1]
        if nested:
            occurrence = Occurrence(name, "nested", path)
        elif isinstance(name.ctx, ast.Store) or isinstance(name.ctx, ast.Del):
            occurrence = _store(name, parent, field, path)
        elif isinstance(parent, ast.Attribute) and parent.attr in MUTATORS and self.path(parent)[-1][1] == "func":
            call = self.path(parent)[-1][0]
            occurrence = Occurrence(name, "mutate", path, call.args[-1] if call.args else None, parent.attr)
        elif isinstance(parent, ast.Subscript) and not isinstance(parent.ctx, ast.Load):
            occurrence = Occurrence(name, "mutate", path, None, "[]=")
        else:
            occurrence = Occurrence(name, "read", path)
        self.by_name.setdefault(name.id, []).append(occurrence)

    def path(self, node: ast.AST) -> Tuple[Step, ...]:
        """The ancestors of a node inside the scope, outermost first, with the field taken."""
        return self.paths.get(id(node), ())

    def occurrences(self, name: str) -> List[Occurrence]:
        """Every occurrence of `name` in the scope, in source order."""
        return self.by_name.get(name, [])

    def reaching(self, name: str, at: ast.AST) -> Optional[Occurrence]:
        """The binding of `name` certain to hold at `at`, or None when another one (or none) may."""
        if name in self.global_names:
            return None
        binds = [o for o in self.occurrences(name) if o.kind == "bind"]
        before = [o for o in binds if _bound_at(o) <= position(at)]
        if not before:
            return None
        last, target = before[-1], self.path(at)
        if not set(_branches(last.path)) <= set(_branches(target)):
            return None
        return None if any(self.loops_back(o, at, last) for o in binds if o.at > position(at)) else last

    def loops_back(self, later: Occurrence, at: ast.AST, since: Occurrence) -> bool:
        """Whether `later` can run before `at` again through a loop around `at` that `since` is outside."""
        outside = {id(n) for n, _ in since.path}
        return any(isinstance(n, _LOOPS) and id(n) not in outside for n, _ in _common(later.path, self.path(at)))

    def between(self, name: str, start: Occurrence, end: ast.AST) -> List[Occurrence]:
        """Occurrences of `name` that may run after `start` and before `end` (loops too, closures always)."""
        found = []
        for o in self.occurrences(name):
            if o is start or position(end) <= o.at <= end_position(end):
                continue
            after = o.at > position(end) and self.loops_back(o, end, start)
            if o.kind == "nested" or start.at < o.at < position(end) or after:
                found.append(o)
        return found

    def conditional(self, node: ast.AST, since: ast.AST) -> bool:
        """Whether `node` runs under a branch or loop that `since` is not under."""
        return not set(_branches(self.path(node))) <= set(_branches(self.path(since)))

    def may_follow(self, first: ast.AST, second: ast.AST) -> bool:
        """Whether `second` can run after `first`: not in exclusive branches, no return or raise between."""
        a, b = self.path(first), self.path(second)
        shared = len(_common(a, b))
        if shared < min(len(a), len(b)) and a[shared][0] is b[shared][0]:
            if _exclusive(a[shared][0], a[shared][1], b[shared][1]):
                return False
        for node, field in a[shared:]:
            statements = getattr(node, field, None)
            if not isinstance(statements, list) or not all(isinstance(s, ast.stmt) for s in statements):
                continue
            inner = next((s for s in statements if _contains(s, first)), None)
            rest = statements[statements.index(inner):] if inner is not None else []
            if any(isinstance(s, (ast.Return, ast.Raise)) for s in rest):
                return False
        return True


def _store(name: ast.Name, parent: ast.AST, field: str, path: Tuple[Step, ...]) -> Occurrence:
    """The occurrence a stored-to name makes: a binding (with its value when plain) or an augmented mutation."""
    if isinstance(parent, ast.AugAssign):
        return Occurrence(name, "mutate", path, parent.value, "+=" if isinstance(parent.op, ast.Add) else "op=")
    if isinstance(parent, ast.Assign) and len(parent.targets) == 1:
        return Occurrence(name, "bind", path, parent.value)
    if isinstance(parent, (ast.AnnAssign, ast.NamedExpr)):
        return Occurrence(name, "bind", path, parent.value)
    if isinstance(parent, (ast.For, ast.AsyncFor)) and field == "target":
        return Occurrence(name, "bind", path, None, "for")
    if isinstance(parent, (ast.Tuple, ast.List)) and len(path) > 1 and isinstance(path[-2][0], ast.Assign):
        assign, value = path[-2][0], path[-2][0].value
        same_shape = isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(parent.elts)
        if len(assign.targets) == 1 and same_shape:
            element = value.elts[parent.elts.index(name)]
            if not any(isinstance(e, ast.Starred) for e in value.elts + parent.elts):
                return Occurrence(name, "bind", path, element)
    return Occurrence(name, "bind", path)


def _bound_at(binding: Occurrence) -> Tuple[int, int]:
    """A plain assignment binds after its value is evaluated."""
    for node, _ in reversed(binding.path):
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            return end_position(node)
        if isinstance(node, ast.stmt):
            break
    return binding.at


def _exclusive(node: ast.AST, field_a: str, field_b: str) -> bool:
    """Whether two fields of a branching node never both run (an if's two arms, a try and its handlers)."""
    if isinstance(node, (ast.If, ast.IfExp)):
        return {field_a, field_b} == {"body", "orelse"}
    if isinstance(node, ast.Try):
        return field_a != field_b and "handlers" in (field_a, field_b) and "finalbody" not in (field_a, field_b)
    return False


def _branches(path: Tuple[Step, ...]) -> List[Tuple[int, str]]:
    """The branch and loop arms on a path, as (node id, field)."""
    return [(id(n), f) for n, f in path if isinstance(n, _BRANCHES) and f not in ("test", "iter")]


def _common(a: Tuple[Step, ...], b: Tuple[Step, ...]) -> List[Step]:
    """The steps two paths share from the top."""
    shared = []
    for (node_a, field_a), (node_b, field_b) in zip(a, b):
        if node_a is not node_b or field_a != field_b:
            break
        shared.append((node_a, field_a))
    return shared


def _contains(outer: ast.AST, node: ast.AST) -> bool:
    """Whether `node` lies within `outer`'s source span."""
    return position(outer) <= position(node) and end_position(node) <= end_position(outer)


def _comprehension_targets(node: ast.AST) -> frozenset:
    """The names a comprehension binds for itself."""
    names = set()
    for generator in node.generators:
        names.update(n.id for n in ast.walk(generator.target) if isinstance(n, ast.Name))
    return frozenset(names)
