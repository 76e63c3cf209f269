"""Data flow: where each name is bound, mutated and read inside one scope, in source order (`Flow`), and
what the name table's bindings tell of a name at a use: its assignments, and the bindings that reach it."""
from __future__ import annotations

import ast
from bisect import bisect_left, bisect_right
from typing import Dict, List, Optional, Tuple

from ms_lint.analysis.names import Binding, Names, Scope
from ms_lint.analysis.parents import Parents, Step, children, walk

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

def position(node: ast.AST) -> Tuple[int, int]:
    """Where a node starts, for ordering."""
    return node.lineno, node.col_offset


def end_position(node: ast.AST) -> Tuple[int, int]:
    """Where a node ends."""
    return node.end_lineno or node.lineno, node.end_col_offset or node.col_offset


class Occurrence:
    """One occurrence of a name: "bind", "mutate" (`x.append(v)`, `x += v`, `x[i] = v`), "read" or "nested"."""

    __slots__ = ("node", "kind", "value", "method", "flow", "at", "_path")

    def __init__(self, node: ast.Name, kind: str, flow: "Flow", value=None, method: str = "") -> None:
        self.node = node
        self.kind = kind
        self.value = value  # bind: the assigned expression (None if not a plain `x = v`); mutate: the argument
        self.method = method  # mutate: "append", "extend", "+=", "[]=", ...; bind: "for" for loop targets
        self.flow = flow
        self.at = position(node)
        self._path: Optional[Tuple[Step, ...]] = None

    @property
    def path(self) -> Tuple[Step, ...]:
        """The node's ancestors inside the scope, outermost first (computed on first use)."""
        if self._path is None:
            self._path = self.flow.path(self.node)
        return self._path


class NameIndex:
    """One name's occurrences arranged for `reaching` and `between`: binds by position, and the
    occurrences inside each loop arm (loop id, field), in source order."""

    def __init__(self, occurrences: List[Occurrence]) -> None:
        self.binds = [o for o in occurrences if o.kind == "bind"]
        self.bind_at = [o.at for o in self.binds]
        self.at = [o.at for o in occurrences]
        self.nested = [o for o in occurrences if o.kind == "nested"]
        self.in_loop: Dict[Tuple[int, str], List[Occurrence]] = {}
        self.last_bind_in_loop: Dict[Tuple[int, str], Tuple[int, int]] = {}
        for o in occurrences:
            for node, field in o.path:
                if isinstance(node, _LOOPS):
                    self.in_loop.setdefault((id(node), field), []).append(o)
                    if o.kind == "bind":
                        self.last_bind_in_loop[(id(node), field)] = o.at
        self.in_loop_at = {arm: [o.at for o in inside] for arm, inside in self.in_loop.items()}

    def loop_arms(self, target: Tuple[Step, ...], since: Occurrence) -> List[Tuple[int, str]]:
        """The arms of the loops around `target` that `since` is outside: what runs after the target
        in them can run before it again."""
        outside = {id(n) for n, _ in since.path}
        return [(id(n), f) for n, f in target if isinstance(n, _LOOPS) and id(n) not in outside]


class Flow:
    """Every occurrence of every name in one function's or module's body."""

    def __init__(self, scope: ast.AST, parents: Parents) -> None:
        self.scope = scope
        self.parents = parents  # the module's parent service: paths are walked up, not stored
        self.by_name: Dict[str, List[Occurrence]] = {}
        self.global_names = set()
        self.indexes: Dict[str, NameIndex] = {}
        self._walk(scope)
        for found in self.by_name.values():
            found.sort(key=lambda o: o.at)

    def _walk(self, scope: ast.AST) -> None:
        """Record every name under `scope` (iteratively: deep nesting cannot overflow)."""
        todo = [(scope, False, frozenset())]
        while todo:
            node, nested, local = todo.pop()
            for child in children(node):
                if isinstance(child, (ast.Global, ast.Nonlocal)) and not nested:
                    self.global_names.update(child.names)
                if isinstance(child, ast.Name) and child.id not in local:
                    self._record(child, nested)
                names = local | _comprehension_targets(child) if isinstance(child, _COMPREHENSIONS) else local
                todo.append((child, nested or isinstance(child, _NESTED), names))

    def _record(self, name: ast.Name, nested: bool) -> None:
        """Classify one occurrence of a name and file it under the name."""
        parent, field = self.parent(name)
        if nested:
            occurrence = Occurrence(name, "nested", self)
        elif isinstance(name.ctx, ast.Store) or isinstance(name.ctx, ast.Del):
            occurrence = self._store(name, parent, field)
        elif isinstance(parent, ast.Attribute) and parent.attr in MUTATORS and self.parent(parent)[1] == "func":
            call = self.parent(parent)[0]
            occurrence = Occurrence(name, "mutate", self, call.args[-1] if call.args else None, parent.attr)
        elif isinstance(parent, ast.Subscript) and not isinstance(parent.ctx, ast.Load):
            occurrence = Occurrence(name, "mutate", self, None, "[]=")
        else:
            occurrence = Occurrence(name, "read", self)
        self.by_name.setdefault(name.id, []).append(occurrence)

    def _store(self, name: ast.Name, parent: ast.AST, field: str) -> Occurrence:
        """The occurrence a stored-to name makes: a binding (with its value when plain) or an augmented mutation."""
        if isinstance(parent, ast.AugAssign):
            return Occurrence(name, "mutate", self, parent.value, "+=" if isinstance(parent.op, ast.Add) else "op=")
        if isinstance(parent, ast.Assign) and len(parent.targets) == 1:
            return Occurrence(name, "bind", self, parent.value)
        if isinstance(parent, (ast.AnnAssign, ast.NamedExpr)):
            return Occurrence(name, "bind", self, parent.value)
        if isinstance(parent, (ast.For, ast.AsyncFor)) and field == "target":
            return Occurrence(name, "bind", self, None, "for")
        assign = self.parent(parent)[0]
        if isinstance(parent, (ast.Tuple, ast.List)) and isinstance(assign, ast.Assign):
            value = assign.value
            same_shape = isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(parent.elts)
            if len(assign.targets) == 1 and same_shape:
                element = value.elts[parent.elts.index(name)]
                if not any(isinstance(e, ast.Starred) for e in value.elts + parent.elts):
                    return Occurrence(name, "bind", self, element)
        return Occurrence(name, "bind", self)

    def parent(self, node: ast.AST) -> Tuple[Optional[ast.AST], str]:
        """A node's parent inside the scope and the field holding it, or (None, "")."""
        return self.parents.step(node) if node is not self.scope else (None, "")

    def path(self, node: ast.AST) -> Tuple[Step, ...]:
        """The ancestors of a node inside the scope, outermost first, with the field taken."""
        return self.parents.path(node, self.scope)

    def occurrences(self, name: str) -> List[Occurrence]:
        """Every occurrence of `name` in the scope, in source order."""
        return self.by_name.get(name, [])

    def index(self, name: str) -> NameIndex:
        """The name's occurrences arranged for queries (on first use)."""
        if name not in self.indexes:
            self.indexes[name] = NameIndex(self.occurrences(name))
        return self.indexes[name]

    def reaching(self, name: str, at: ast.AST) -> Optional[Occurrence]:
        """The binding of `name` certain to hold at `at`, or None when another one (or none) may."""
        if name in self.global_names:
            return None
        index, here = self.index(name), position(at)
        last = None
        for i in range(bisect_right(index.bind_at, here) - 1, -1, -1):  # a binding ends at or after its start
            if _bound_at(index.binds[i]) <= here:
                last = index.binds[i]
                break
        if last is None:
            return None
        target = self.path(at)
        if not set(_branches(last.path)) <= set(_branches(target)):
            return None
        arms = index.loop_arms(target, last)
        return None if any(index.last_bind_in_loop.get(arm, (0, 0)) > here for arm in arms) else last

    def between(self, name: str, start: Occurrence, end: ast.AST) -> List[Occurrence]:
        """Occurrences of `name` that may run after `start` and before `end` (loops too, closures always)."""
        index, first, last = self.index(name), position(end), end_position(end)
        occurrences = self.occurrences(name)
        candidates = index.nested + occurrences[bisect_right(index.at, start.at) : bisect_left(index.at, first)]
        for arm in index.loop_arms(self.path(end), start):
            inside = index.in_loop.get(arm, [])
            candidates += inside[bisect_right(index.in_loop_at[arm], first) :] if inside else []
        unique = {id(o): o for o in candidates if o is not start and not first <= o.at <= last}
        return sorted(unique.values(), key=lambda o: o.at)

    def conditional(self, node: ast.AST, since: ast.AST) -> bool:
        """Whether `node` runs under a branch or loop that `since` is not under."""
        return not set(_branches(self.path(node))) <= set(_branches(self.path(since)))

    def dominates(self, statement: ast.AST, use: ast.AST) -> bool:
        """Whether `statement` always runs before `use`: a parameter, a loop or `with` around the use,
        or a statement earlier in a block that holds the use."""
        if isinstance(statement, ast.arg):
            return True
        for parent, node in self.parents.links(use):
            if parent is statement:
                return True
            for field in ("body", "orelse", "finalbody"):
                block = getattr(parent, field, None)
                if isinstance(block, list) and node in block and statement in block:
                    return block.index(statement) < block.index(node)
        return False

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


# --- a name's bindings, from the name table -------------------------------------------------------
def assigned_in(scope: Scope, name: str) -> List[Tuple[ast.expr, Scope]]:
    """The values of every binding of `name` in `scope` itself, each with `scope`; empty when the
    name is unbound there or any binding is not a plain assignment."""
    bindings = scope.bindings.get(name, [])
    if not bindings or any(b.kind != "assign" for b in bindings):
        return []
    return [(b.value, scope) for b in bindings]


def assignments(names: Names, expr: ast.AST, scope: Scope) -> List[Tuple[ast.expr, Scope]]:
    """Every value assigned to a name (`x = ...`, in its scope) or to `self.x` (in the class's
    methods), each with the scope it is evaluated in; empty when anything else may bind it."""
    if isinstance(expr, ast.Name):
        binding = names.lookup(expr.id, scope, expr.lineno)
        return assigned_in(binding.scope, expr.id) if binding is not None else []
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
        owner = method_owner(scope)
        if owner is not None and expr.value.id == self_parameter(scope.node):
            values = owner.self_attrs.get(expr.attr, [])
            return [(v, _method_scope(names, owner, v)) for v in values]
    return []


def constructed(names: Names, expr: ast.AST, scope: Scope) -> List[ast.Call]:
    """The calls that built what `expr` holds: `x` bound by `x = Net()`, or `self.x` assigned
    `self.x = nn.Momentum(...)` in the class's methods. Empty when anything else may bind it."""
    values = [value for value, _ in assignments(names, expr, scope)]
    return values if values and all(isinstance(v, ast.Call) for v in values) else []


def bound_value(binding: Binding) -> Optional[ast.expr]:
    """What a binding assigns: a plain assignment's value, the value a name is unpacked from
    (`q, k, v = ops.split(...)`), or None."""
    if binding.kind == "assign":
        return binding.value
    node = binding.node
    if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Tuple):
        return node.value
    return None


def visible_bindings(names: Names, use: ast.Name, scope: Scope) -> List[Binding]:
    """The bindings, outside `except` handlers, of the name a use sees, in the scope that binds it."""
    found = names.lookup(use.id, scope, use.lineno)
    return [b for b in found.scope.bindings[use.id] if not b.fallback] if found is not None else []


def may_reach(bindings: List[Binding], use: ast.Name, flow: "Flow") -> List[Binding]:
    """Of one name's bindings in one scope (`flow` is that scope's), the ones that may be in force at
    `use`: the last that always runs before it and the ones after that one, before the use; empty
    when none always runs before it."""
    before = [b for b in bindings if _ends_before(b, use)]
    for index in range(len(before) - 1, -1, -1):
        if flow.dominates(before[index].node, use):
            return before[index:]
    return []


def only_binding(binding: Binding, use: ast.Name, in_loop: bool) -> bool:
    """Whether `binding` is the one binding of the name the use can see: every other binding
    comes on a later line, and (`in_loop`: a loop is around the use) no loop could bring one back."""
    others = [b for b in binding.scope.bindings[use.id] if b is not binding]
    if not others:
        return True
    if binding.line > use.lineno or any(b.line <= use.lineno for b in others):
        return False
    return not in_loop


def method_owner(scope: Optional[Scope]) -> Optional[Scope]:
    """The class scope a method's scope belongs to (through lambdas in the method), or None."""
    while scope is not None and isinstance(scope.node, ast.Lambda):
        scope = scope.parent
    parent = scope.parent if scope is not None else None
    return parent if scope is not None and scope.is_function and parent is not None and parent.is_class else None


def self_parameter(node: ast.AST) -> Optional[str]:
    """The name of a function's first parameter (`self` in a method), or None."""
    args = getattr(node, "args", None)
    return args.args[0].arg if isinstance(args, ast.arguments) and args.args else None


def _method_scope(names: Names, owner: Scope, value: ast.AST) -> Scope:
    """The scope of the method of class `owner` that assigns `value` to `self.x` (the class scope if none does)."""
    return owner.self_attr_scopes.get(id(value), owner)


def _ends_before(binding: Binding, use: ast.Name) -> bool:
    """Whether the binding's statement ends before the use (a statement never reaches itself; a loop
    or `with` binds at its start)."""
    node, here = binding.node, position(use)
    if isinstance(node, ast.arg):
        return True
    if isinstance(node, (ast.For, ast.AsyncFor, ast.With, ast.AsyncWith)):
        return position(node) <= here
    return (getattr(node, "end_lineno", node.lineno), getattr(node, "end_col_offset", 0)) <= here


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
        names.update(n.id for n in walk(generator.target) if isinstance(n, ast.Name))
    return frozenset(names)


def comprehension_names(parents: Parents, node: ast.AST) -> frozenset:
    """The names the comprehensions around `node` bind (the name table does not see those)."""
    found: frozenset = frozenset()
    for outer in parents.ancestors(node):
        if isinstance(outer, _COMPREHENSIONS):
            found |= _comprehension_targets(outer)
    return found


def returns(function: ast.AST) -> List[ast.Return]:
    """The `return` statements of a def's own body (not of the functions and classes inside it), in
    source order; empty for a generator."""
    found: List[ast.Return] = []
    todo = list(reversed(function.body)) if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) else []
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            return []
        if isinstance(node, ast.Return):
            found.append(node)
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            todo.extend(reversed(children(node)))
    return found
