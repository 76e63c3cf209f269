"""Networks across one module: which names hold the same Cell, which Cells contain it, where each is
put in training mode, and whether the module itself built it."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Dict, Iterator, List, Optional, Set, Tuple

from ms_lint.analysis.modes import INDEPENDENT, Modes
from ms_lint.analysis.names import MAX_DEPTH, Scope
from ms_lint.analysis.parents import walk

if TYPE_CHECKING:
    from ms_lint.analysis.context import FileContext

Key = Tuple[Scope, str]  # (scope, name) for a variable; (class scope, "self.<attr>") for an attribute
TRAIN, EVAL, UNKNOWN = "train", "eval", "unknown"
_DISPLAYS = (ast.Tuple, ast.List, ast.Set)
_NOT_OBJECTS = ("import", "def", "class")  # names that hold no network of this module


class UnionFind:
    """Disjoint sets of keys, each root keeping its set's members."""

    def __init__(self) -> None:
        self.parent: Dict[Key, Key] = {}
        self.sets: Dict[Key, List[Key]] = {}  # root -> every key in its set (one-key sets absent)

    def find(self, key: Key) -> Key:
        """The representative of a key's set."""
        root = key
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while key != root:
            self.parent[key], key = root, self.parent.get(key, key)
        return root

    def union(self, a: Optional[Key], b: Optional[Key]) -> None:
        """Join the sets of two keys (a missing key joins nothing); the smaller set's members move."""
        if a is None or b is None:
            return
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        sa, sb = self.sets.pop(ra, [ra]), self.sets.pop(rb, [rb])
        if len(sa) > len(sb):
            ra, rb, sa, sb = rb, ra, sb, sa
        self.parent[ra] = rb
        sb.extend(sa)
        self.sets[rb] = sb

    def members(self, key: Key) -> List[Key]:
        """Every key in the set of `key`."""
        return list(self.sets.get(self.find(key), [key]))


def set_train_mode(call: ast.Call, ctx: "FileContext", scope: Scope) -> Optional[str]:
    """TRAIN / EVAL / UNKNOWN for `x.set_train(...)`, None for any other call."""
    if not (isinstance(call.func, ast.Attribute) and call.func.attr == "set_train"):
        return None
    given = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "mode"), None)
    if given is None:
        return TRAIN if not call.keywords else UNKNOWN
    value = ctx.value(given, scope)
    return TRAIN if value is True else EVAL if value is False else UNKNOWN


class Networks:
    """What one module shows of its networks, from its assignments, loops and calls (each with the
    scope it is in, as the engine's walk met them)."""

    def __init__(self, ctx: "FileContext", nodes: List[Tuple[ast.AST, Scope]]) -> None:
        self.ctx = ctx
        self.same = UnionFind()  # names of the same object
        self.family = UnionFind()  # ... plus Cells built around them and the parameters they reach
        self.reach = UnionFind()  # ... plus what helpers return from them (`build_loss_net(net)`)
        self.inside: Dict[Key, Set[Key]] = {}  # key -> keys of the cells built around it
        self.put_in_train: Set[Key] = set()  # keys given set_train() / set_train(True) / (mode)
        self.self_managed: Set[Scope] = set()  # classes that call self.set_train
        self.opaque_set_train = False  # a set_train on something no name holds
        self.modes = Modes(ctx)
        for node, scope in nodes:
            self.index(node, scope)

    # --- what each node says -------------------------------------------------------------------
    def index(self, node: ast.AST, scope: Scope) -> None:
        """Record what one node says about the networks."""
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                self.bind(self.key(target, scope), node.value, scope)
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            target = self.key(node.target, scope)
            for part in walk(node.iter):
                self.related(target, self.key(part, scope))
        elif isinstance(node, ast.Call):
            self.index_call(node, scope)

    def bind(self, target: Optional[Key], value: ast.expr, scope: Scope) -> None:
        """Record an assignment: an alias, a display, a construction around what it takes, a helper's result."""
        if target is None:
            return
        while isinstance(value, ast.Call) and set_train_mode(value, self.ctx, scope) is not None:
            if set_train_mode(value, self.ctx, scope) != EVAL:
                self.put_in_train.add(target)
            value = value.func.value
        if isinstance(value, (ast.Name, ast.Attribute)):
            self.alias(target, self.key(value, scope))
        elif isinstance(value, _DISPLAYS):
            for element in value.elts:
                self.related(target, self.key(element, scope))
        elif isinstance(value, ast.Dict):
            for element in value.values:
                self.related(target, self.key(element, scope))
        elif isinstance(value, ast.Call) and self.is_construction(value, scope):
            for part in self.contents(value, scope):
                self.inside.setdefault(part, set()).add(target)
                self.related(target, part)
        elif isinstance(value, ast.Call):  # a helper may wrap what it is given (`build_loss_net(net)`)
            for part in self.contents(value, scope):
                self.reach.union(target, part)

    def index_call(self, call: ast.Call, scope: Scope) -> None:
        """Record a set_train, a mode-setting API call, and arguments passed to the module's own functions."""
        ctx = self.ctx
        mode = set_train_mode(call, ctx, scope)
        if mode is not None:
            receiver = call.func.value
            if isinstance(receiver, ast.Name) and self.self_class(receiver, scope) is not None:
                self.self_managed.add(self.self_class(receiver, scope))
            elif mode != EVAL:
                keys = self.receivers(receiver, scope)
                self.put_in_train.update(k for k in keys if k is not None)
                self.opaque_set_train |= not any(keys)
            return
        entry = self.api(call)
        if entry is not None and "sets-train-mode" in entry.traits:
            self.put_in_train.update(self.contents(call, scope))
        for param, arg in self.passed(call, scope):
            self.alias(param, self.key(arg, scope))

    def alias(self, a: Optional[Key], b: Optional[Key]) -> None:
        """Two names of the same object."""
        self.same.union(a, b)
        self.related(a, b)

    def related(self, a: Optional[Key], b: Optional[Key]) -> None:
        """Two objects where one holds the other (a Cell built around it, a loop over both)."""
        self.family.union(a, b)
        self.reach.union(a, b)

    def api(self, call: ast.Call):
        """The facts entry of a call's callee, in the call's own scope."""
        return self.ctx.api(call.func)

    # --- names ---------------------------------------------------------------------------------
    def key(self, expr: ast.AST, scope: Scope) -> Optional[Key]:
        """The key of a plain name or `self.attr`, else None."""
        if isinstance(expr, ast.Name):
            binding = self.ctx.names.lookup(expr.id, scope, expr.lineno)
            return (binding.scope, expr.id) if binding is not None and binding.kind not in _NOT_OBJECTS else None
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
            owner = self.self_class(expr.value, scope)
            return (owner, "self." + expr.attr) if owner is not None else None
        return None

    def root(self, expr: ast.AST, scope: Scope) -> Optional[Key]:
        """The key of the object an expression reaches into (`self.net.head[0]` -> self.net)."""
        while expr is not None:
            found = self.key(expr, scope)
            if found is not None:
                return found
            expr = expr.value if isinstance(expr, (ast.Attribute, ast.Subscript)) else None
        return None

    def self_class(self, name: ast.Name, scope: Scope) -> Optional[Scope]:
        """The class scope when `name` is a method's first parameter (seen from nested functions too)."""
        binding = self.ctx.names.lookup(name.id, scope, name.lineno)
        if binding is None or binding.kind != "param":
            return None
        method, owner = binding.scope, binding.scope.parent
        args = getattr(method.node, "args", None)
        if owner is None or not owner.is_class or not args or not args.args or args.args[0] is not binding.node:
            return None
        return owner

    def receivers(self, receiver: ast.expr, scope: Scope) -> List[Optional[Key]]:
        """What a `set_train` call's receiver reaches: the object, or what a construction takes in."""
        return self.contents(receiver, scope) if isinstance(receiver, ast.Call) else [self.root(receiver, scope)]

    def contents(self, call: ast.Call, scope: Scope) -> List[Key]:
        """The keys a construction takes in, through nested constructions."""
        found: List[Key] = []
        for arg in list(call.args) + [k.value for k in call.keywords]:
            arg = arg.value if isinstance(arg, ast.Starred) else arg
            if isinstance(arg, ast.Call) and self.is_construction(arg, scope):
                found += self.contents(arg, scope)
            elif self.key(arg, scope) is not None:
                found.append(self.key(arg, scope))
        return found

    def passed(self, call: ast.Call, scope: Scope) -> Iterator[Tuple[Key, ast.expr]]:
        """(parameter key, argument) for a call of a function or method defined in this module."""
        function = self.callee(call, scope)
        if function is None:
            return
        inner = self.ctx.names.scope_of(function)
        params = [a.arg for a in function.args.posonlyargs + function.args.args]
        if isinstance(call.func, ast.Attribute) or function.name == "__init__":
            params = params[1:]
        for name, arg in list(zip(params, call.args)) + [(k.arg, k.value) for k in call.keywords if k.arg]:
            if name in inner.bindings:
                yield (inner, name), arg

    def callee(self, call: ast.Call, scope: Scope) -> Optional[ast.FunctionDef]:
        """The def a call runs in this module: a function, `self.method`, or a class's `__init__`."""
        function = self.local_function(call.func, scope)
        cls = self.project_class(call.func, scope) if function is None else None
        if cls is not None:
            function = next((s for s in cls.body if isinstance(s, ast.FunctionDef) and s.name == "__init__"), None)
        return function

    def local_function(self, func: ast.expr, scope: Scope) -> Optional[ast.FunctionDef]:
        """The def a call runs: a function of this module, or `self.method` of the caller's class."""
        binding = None
        if isinstance(func, ast.Name):
            binding = self.ctx.names.lookup(func.id, scope, func.lineno)
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            owner = self.self_class(func.value, scope)
            found = owner.bindings.get(func.attr) if owner is not None else None
            binding = found[-1] if found else None
        return binding.node if binding is not None and binding.kind == "def" else None

    # --- what the module built -----------------------------------------------------------------
    def is_construction(self, call: ast.Call, scope: Scope) -> bool:
        """Whether a call builds an object of a class (MindSpore's, this module's, or a CapWords import)."""
        if self.api(call) is not None:
            return self.api(call).kind == "class"
        return self.project_class(call.func, scope) is not None or self.imported_class(call.func, scope)

    def project_class(self, func: ast.expr, scope: Scope) -> Optional[ast.ClassDef]:
        """The class a name builds when the module defines it."""
        if not isinstance(func, ast.Name):
            return None
        binding = self.ctx.names.lookup(func.id, scope, func.lineno)
        return binding.node if binding is not None and binding.kind == "class" else None

    def imported_class(self, func: ast.expr, scope: Scope) -> bool:
        """Whether a callee is a class imported from another package (a CapWords name)."""
        qualname = self.ctx.qualname(func, scope)
        name = qualname.rsplit(".", 1)[-1] if qualname else ""
        return (
            bool(qualname)
            and not qualname.startswith(("mindspore.", "builtins."))
            and name[:1].isupper()
            and not name.isupper()
        )

    def fresh_cell(self, call: ast.Call, scope: Scope) -> bool:
        """Whether a call builds a new Cell that leaves it in inference mode: a MindSpore Cell, a
        class of this module that never calls `self.set_train`, or a class imported by a CapWords name."""
        entry = self.api(call)
        if entry is not None:
            return "cell" in entry.traits and "sets-train-mode" not in entry.traits
        cls = self.project_class(call.func, scope)
        if cls is not None:
            return self.ctx.names.scope_of(cls) not in self.self_managed
        return self.imported_class(call.func, scope)

    def built_here(self, key: Key) -> bool:
        """Whether the module built the object here as a new Cell: every binding of the name (or of
        the names it copies) is a Cell construction, not a parameter, an import, an unpacked value
        or a factory's result, and no Cell class's attribute holds it."""
        return self.constructed_here(key, 0) and not any(self.held_by_cell(k) for k in self.same.members(key))

    def constructed_here(self, key: Key, depth: int) -> bool:
        """Whether every binding of the name builds a new Cell here, through the names it copies."""
        scope, name = key
        if name.startswith("self."):
            if self.ctx.classes.is_cell(scope.node):
                return False
            values = [(v, self.ctx.scope_at(v)) for v in scope.self_attrs.get(name[5:], [])]
        else:
            found = scope.bindings.get(name, [])
            if any(b.kind != "assign" for b in found):
                return False
            values = [(b.value, scope) for b in found]
        for value, where in values:
            while isinstance(value, ast.Call) and set_train_mode(value, self.ctx, where) is not None:
                value = value.func.value
            if isinstance(value, ast.Call):
                if not self.fresh_cell(value, where):
                    return False
                continue
            copied = self.key(value, where)
            if copied is None or copied == key or depth > MAX_DEPTH or not self.constructed_here(copied, depth + 1):
                return False
        return bool(values)

    def held_by_cell(self, key: Key, seen: Optional[Set[Key]] = None) -> bool:
        """Whether a Cell class's attribute holds a cell built around this one (its owner's
        set_train reaches it from wherever the owner is used)."""
        seen = seen if seen is not None else set()
        for outer in self.inside.get(key, ()):
            if outer in seen:
                continue
            seen.add(outer)
            scope, name = outer
            if name.startswith("self.") and self.ctx.classes.is_cell(scope.node):
                return True
            if any(self.held_by_cell(k, seen) for k in self.same.members(outer)):
                return True
        return False

    def mode_independent(self, key: Key) -> bool:
        """Whether the object and everything built around it here is a network the training mode does
        not change: every name of it bound only to values whose whole contents are in sight and read
        no mode (Dense, ReLU, InstanceNorm...; ms_lint.analysis.modes)."""
        values = []
        for scope, name in self.family.members(key):
            if name.startswith("self."):
                values += [(v, self.ctx.scope_at(v)) for v in scope.self_attrs.get(name[5:], [])]
                continue
            bindings = scope.bindings.get(name, [])
            if any(b.kind == "param" for b in bindings):
                continue  # an alias of the arguments this module passes
            if not bindings or any(b.kind != "assign" for b in bindings):
                return False
            values += [(b.value, scope) for b in bindings]
        answers = [self.modes.of(value, where) for value, where in values]
        return bool(answers) and max(answers) <= INDEPENDENT

    def reached_by_set_train(self, key: Key) -> bool:
        """Whether set_train() reaches the object, one holding it or one it holds, anywhere here."""
        if self.opaque_set_train:
            return True
        members = self.reach.members(key)
        return any(k in self.put_in_train or (k[1].startswith("self.") and k[0] in self.self_managed) for k in members)
