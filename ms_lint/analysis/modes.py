"""Whether what an expression holds behaves differently in training and inference mode, from what the
module shows of it: the Cells it builds, through the module's own classes, their attributes, the
containers they fill and the arguments they are built with.

A network is INDEPENDENT only when everything in it is in sight and known not to read the mode (the
facts table's [modes]); anything out of sight (a class imported from elsewhere, a factory's result, a
parameter no caller here fills) is UNKNOWN, and a Dropout, a BatchNorm or a class that reads
`self.training` is DEPENDENT. Each answer is the highest of its parts, in the order below.
"""
from __future__ import annotations

import ast
import os
from typing import AbstractSet, Dict, Iterator, List, Optional, Tuple

from ms_lint.analysis.context import FileContext
from ms_lint.analysis.dataflow import returns
from ms_lint.analysis.names import DEFS, MAX_DEPTH, Binding, Scope
from ms_lint.analysis.parents import walk
from ms_lint.analysis.project.modules import Project
from ms_lint.analysis.project.summaries import MAX_MODULE_BYTES
from ms_lint.files import decode_source, read_regular_file

NONE, INDEPENDENT, UNKNOWN, DEPENDENT = 0, 1, 2, 3  # not a Cell; a Cell the mode does not change; ...
_LEAF_VALUES = (ast.Constant, ast.JoinedStr, ast.BinOp, ast.UnaryOp, ast.Compare, ast.BoolOp, ast.Lambda)
_ADDERS = frozenset({"insert_child_to_cell", "register_module", "add_module"})  # Cell methods that add a child
_MODE_ATTRIBUTES = frozenset({"training", "phase", "set_train"})
BUDGET = 2000  # class and call evaluations per linted module, other modules' included: past it, UNKNOWN

Env = Dict[str, int]  # a constructor's parameter -> the answer for the argument it is given


class Modes:
    """The mode-dependence of networks in one module; each class is judged once per set of argument answers."""

    def __init__(self, ctx: FileContext, budget: Optional[List[int]] = None) -> None:
        self.ctx = ctx
        self.independent = ctx.facts.mode_independent
        self.holds = ctx.facts.mode_containers
        self.budget = budget if budget is not None else [BUDGET]  # evaluations left, shared with other modules'
        self._classes: Dict[Tuple[int, Tuple[Tuple[str, int], ...]], int] = {}
        self._elsewhere: Dict[str, Optional[Modes]] = {}  # module -> its Modes
        self._additions: Dict[int, Dict[str, List[ast.expr]]] = {}  # scope -> name -> what may be added to it

    # --- expressions --------------------------------------------------------------------------
    def of(self, expr: Optional[ast.AST], scope: Scope, env: Optional[Env] = None, depth: int = 0) -> int:
        """The answer for what an expression holds, in `scope`; `env` fills the parameters of the
        `__init__` being judged."""
        if expr is None or isinstance(expr, _LEAF_VALUES):
            return NONE
        if depth > MAX_DEPTH or self.budget[0] <= 0:
            return UNKNOWN
        if isinstance(expr, (ast.Tuple, ast.List, ast.Set)):
            return max((self.of(e, scope, env, depth + 1) for e in expr.elts), default=NONE)
        if isinstance(expr, ast.Dict):
            return max((self.of(v, scope, env, depth + 1) for v in expr.values), default=NONE)
        if isinstance(expr, ast.Starred):
            return self.of(expr.value, scope, env, depth + 1)
        if isinstance(expr, ast.IfExp):
            return max(self.of(expr.body, scope, env, depth + 1), self.of(expr.orelse, scope, env, depth + 1))
        if isinstance(expr, ast.Subscript):
            return self.of(expr.value, scope, env, depth + 1)
        if isinstance(expr, ast.Call):
            return self.of_call(expr, scope, env, depth + 1)
        if isinstance(expr, ast.Name):
            return self.of_name(expr, scope, env, depth + 1)
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
            owner = self.ctx.method_owner(scope) if self.is_self(expr.value, scope) else None
            if owner is not None:
                values = owner.self_attrs.get(expr.attr, [])
                return max((self.of(v, self.ctx.scope_at(v), env, depth + 1) for v in values), default=UNKNOWN)
        return UNKNOWN

    def of_name(self, name: ast.Name, scope: Scope, env: Optional[Env], depth: int) -> int:
        """A name: every value bound to it and every one its list methods add; a parameter's argument."""
        self.budget[0] -= 1
        binding = self.ctx.names.lookup(name.id, scope, name.lineno)
        if binding is None or binding.kind in ("import", "other"):
            return UNKNOWN
        if binding.kind in ("def", "class"):
            return NONE if binding.kind == "def" else UNKNOWN
        if binding.kind == "param":
            given = env.get(name.id) if env is not None and _param_of_init(binding) else None
            return given if given is not None else UNKNOWN
        bindings = binding.scope.bindings.get(name.id, [])
        if any(b.kind != "assign" for b in bindings):
            return UNKNOWN
        found = max((self.of(b.value, b.scope, env, depth + 1) for b in bindings), default=UNKNOWN)
        for added in self.additions(name.id, binding.scope):
            found = max(found, self.of(added, binding.scope, env, depth + 1))
        return found

    def additions(self, name: str, scope: Scope) -> List[ast.expr]:
        """What may be added to what a name holds in its scope: the arguments of any of its methods
        (`layers.append(x)`), `name += x`, `name[k] = x` (indexed in one pass over the scope)."""
        index = self._additions.get(id(scope))
        if index is None:
            index = self._additions[id(scope)] = {}
            for node in walk(scope.node):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
                    index.setdefault(node.func.value.id, []).extend(node.args + [k.value for k in node.keywords])
                elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
                    index.setdefault(node.target.id, []).append(node.value)
                elif isinstance(node, ast.Assign):
                    for target in node.targets:
                        if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                            index.setdefault(target.value.id, []).append(node.value)
        return index.get(name, [])

    def of_call(self, call: ast.Call, scope: Scope, env: Optional[Env], depth: int) -> int:
        """A call: a MindSpore Cell, a class of this module, a builtin container, a method or function
        of this module (what it returns); anything else is UNKNOWN."""
        self.budget[0] -= 1
        ctx = self.ctx
        arguments = list(call.args) + [k.value for k in call.keywords]
        cls = self.local_class(call.func, scope)
        if cls is not None:
            return self.of_class(cls, self.arguments(cls, call, scope, env, depth), depth + 1)
        qualname = ctx.qualname(call.func, scope)
        elsewhere = self.elsewhere(call.func, scope, qualname)
        if elsewhere is not None:
            modes, cls = elsewhere
            return modes.of_class(cls, self.arguments(cls, call, scope, env, depth), depth + 1)
        entry = ctx.api(call.func, scope)
        if entry is not None and qualname:
            if entry.kind != "class":
                return NONE if qualname.startswith(ctx.facts.tensors.function_modules) else UNKNOWN
            if "cell" not in entry.traits or "optimizer" in entry.traits:
                return NONE  # a primitive, a Parameter, a Tensor, an initializer, an optimizer
            if entry.qualname not in self.independent:
                return DEPENDENT
            if entry.qualname in self.holds:
                return max([INDEPENDENT] + [self.of(a, scope, env, depth + 1) for a in arguments])
            return INDEPENDENT
        if qualname in ("builtins.list", "builtins.tuple", "builtins.dict"):
            return max((self.of(a, scope, env, depth + 1) for a in arguments), default=NONE)
        if qualname and qualname.startswith("builtins."):
            return NONE
        if self.calls_a_cell(call.func, scope):
            return NONE  # what a Cell returns: tensors
        function = self.local_function(call.func, scope)
        if function is not None:
            inner = ctx.names.scope_of(function)
            values = [r.value for r in returns(function) if r.value is not None]
            return max((self.of(v, inner, None, depth + 1) for v in values), default=NONE)
        return UNKNOWN

    def calls_a_cell(self, func: ast.expr, scope: Scope) -> bool:
        """Whether a called name or attribute holds Cells only (MindSpore's, or this module's Cell classes)."""
        if not isinstance(func, (ast.Name, ast.Attribute)):
            return False
        built = self.ctx.constructed(func, scope)
        for call in built:
            cls = self.local_class(call.func, self.ctx.scope_at(call))
            entry = self.ctx.api(call.func, self.ctx.scope_at(call)) if cls is None else None
            if not (cls is not None and self.ctx.classes.is_cell(cls) or entry is not None and "cell" in entry.traits):
                return False
        return bool(built)

    # --- the module's own classes ---------------------------------------------------------------
    def of_class(self, cls: ast.ClassDef, given: Env, depth: int) -> int:
        """A class of this module built with the arguments `given` (its defaults for the others): its
        bases, whether it reads the mode, and every attribute it uses as a Cell."""
        env = dict(self.defaults(cls, depth))
        env.update(given)
        key = (id(cls), tuple(sorted(env.items())))
        if key not in self._classes:
            self._classes[key] = UNKNOWN  # a class built inside itself stays UNKNOWN
            self._classes[key] = self._judge(cls, env, depth)
        return self._classes[key]

    def _judge(self, cls: ast.ClassDef, env: Env, depth: int) -> int:
        ctx = self.ctx
        self.budget[0] -= 1
        if depth > MAX_DEPTH or self.budget[0] <= 0:
            return UNKNOWN
        if _reads_mode(cls):
            return DEPENDENT
        outer = ctx.classes.outer_scope(cls)
        found = NONE
        for base in cls.bases:
            found = max(found, self.of_base(base, outer, depth))
        scope = ctx.names.scopes.get(cls)
        if scope is None:
            return UNKNOWN
        cells = self.cell_attributes(cls) & set(scope.self_attrs)
        for attr in cells:
            for value in scope.self_attrs[attr]:
                found = max(found, self.of(value, ctx.scope_at(value), env, depth + 1))
        for value in self.added(cls, cells):
            found = max(found, self.of(value, ctx.scope_at(value), env, depth + 1))
        return found

    def added(self, cls: ast.ClassDef, cells: AbstractSet[str]) -> Iterator[ast.expr]:
        """What a class adds to itself besides `self.x = ...`: a Cell built where it is called
        (`nn.Dropout(0.5)(x)`), the arguments of any method of an attribute it uses as a Cell
        (`self.body.append(...)`), of `self.insert_child_to_cell(...)` and of `setattr(self, ...)`,
        and what `self.x[k] = ...` stores."""
        for node in walk(cls):
            if isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Call):
                    yield func
                elif isinstance(func, ast.Attribute) and (
                    _self_attr(func.value) in cells or _is_self(func.value) and func.attr in _ADDERS
                ):
                    yield from node.args
                    yield from (k.value for k in node.keywords)
                elif isinstance(func, ast.Name) and func.id == "setattr" and node.args and _is_self(node.args[0]):
                    yield from node.args[2:]
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Subscript) and _self_attr(target.value) in cells:
                        yield node.value

    def of_base(self, base: ast.expr, scope: Scope, depth: int) -> int:
        """A base class: nn.Cell adds nothing, a MindSpore Cell its own answer, a class of this module its answer."""
        ctx = self.ctx
        cls = self.local_class(base, scope)
        if cls is not None:
            return self.of_class(cls, {}, depth + 1)
        qualname = ctx.qualname(base, scope)
        elsewhere = self.elsewhere(base, scope, qualname)
        if elsewhere is not None:
            return elsewhere[0].of_class(elsewhere[1], {}, depth + 1)
        if qualname in ("mindspore.nn.Cell", "builtins.object"):
            return NONE
        entry = ctx.facts.lookup(qualname, ctx.patches) if qualname else None
        if entry is not None and "cell" in entry.traits:
            return INDEPENDENT if entry.qualname in self.independent else DEPENDENT
        return UNKNOWN

    def cell_attributes(self, cls: ast.ClassDef) -> AbstractSet[str]:
        """The attributes a class uses as something that may be a Cell (in one pass over it): `self.x`
        called, indexed or iterated, or passed to a call other than a MindSpore layer's or function's."""
        ctx = self.ctx
        found = set()
        for node in walk(cls):
            if isinstance(node, ast.Call):
                func = node.func.value if isinstance(node.func, ast.Subscript) else node.func
                if _self_attr(func):
                    found.add(_self_attr(func))
                passed = [_self_attr(a.value if isinstance(a, ast.Starred) else a) for a in node.args]
                passed = [a for a in passed + [_self_attr(k.value) for k in node.keywords] if a]
                if passed and not self.leaf_callee(node.func, ctx.scope_at(node)):
                    found.update(passed)
            elif isinstance(node, (ast.For, ast.comprehension)) and _self_attr(node.iter):
                found.add(_self_attr(node.iter))
            elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) and _self_attr(node.value):
                found.add(_self_attr(node.value))
        return found

    def leaf_callee(self, func: ast.expr, scope: Scope) -> bool:
        """A MindSpore function or a layer that holds nothing it is given (what it gets is data)."""
        entry = self.ctx.api(func, scope) if self.local_class(func, scope) is None else None
        if entry is None:
            return False
        if entry.kind != "class":
            return entry.qualname.startswith(self.ctx.facts.tensors.function_modules)
        return entry.qualname not in self.holds

    # --- names of this module ---------------------------------------------------------------------
    def arguments(self, cls: ast.ClassDef, call: ast.Call, scope: Scope, env: Optional[Env], depth: int) -> Env:
        """The answer for each argument a call gives the class's `__init__` (in this module's terms:
        `cls` may be another module's), by parameter name; none when it unpacks `*args` / `**kwargs`."""
        init = _init(cls)
        if init is None or any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
            return {}
        params = [a.arg for a in init.args.posonlyargs + init.args.args][1:]
        given = {name: self.of(value, scope, env, depth + 1) for name, value in zip(params, call.args)}
        given.update({k.arg: self.of(k.value, scope, env, depth + 1) for k in call.keywords})
        return given

    def defaults(self, cls: ast.ClassDef, depth: int) -> Env:
        """The answer for each default of the class's `__init__`."""
        init = _init(cls)
        if init is None:
            return {}
        args = init.args
        params = [a.arg for a in args.posonlyargs + args.args][1:]
        outer = self.ctx.names.scope_of(init).parent or self.ctx.names.module
        pairs = list(zip(params[len(params) - len(args.defaults):], args.defaults)) if args.defaults else []
        pairs += [(a.arg, d) for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None]
        return {name: self.of(default, outer, None, depth + 1) for name, default in pairs}

    def elsewhere(self, func: ast.expr, scope: Scope, qualname: Optional[str]) -> Optional[Tuple["Modes", ast.ClassDef]]:
        """A class of another module of the project or of an installed package, with the Modes of its
        module (read and parsed, never imported; see `module_modes`)."""
        classes = self.ctx.classes
        imported = classes.imported(func, scope, qualname) if self.ctx.facts.lookup(qualname or "") is None else None
        found = classes.project.find_class(imported) if imported else None
        if found is None:
            return None
        module, _, name = found[0].rpartition(".")
        if module not in self._elsewhere:
            self._elsewhere[module] = module_modes(classes.project, module, self)
        modes = self._elsewhere[module]
        tree = modes.ctx.tree if modes is not None else None
        cls = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == name] if tree else []
        return (modes, cls[-1]) if cls else None

    def local_class(self, func: ast.expr, scope: Scope) -> Optional[ast.ClassDef]:
        """The class of this module a name stands for."""
        if not isinstance(func, ast.Name):
            return None
        binding = self.ctx.names.lookup(func.id, scope, func.lineno)
        return binding.node if binding is not None and binding.kind == "class" else None

    def local_function(self, func: ast.expr, scope: Scope) -> Optional[ast.AST]:
        """The def a call runs: a function of this module, or `self.method` of the caller's class."""
        binding: Optional[Binding] = None
        if isinstance(func, ast.Name):
            binding = self.ctx.names.lookup(func.id, scope, func.lineno)
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and self.is_self(func.value, scope):
            owner = self.ctx.method_owner(scope)
            found = owner.bindings.get(func.attr) if owner is not None else None
            binding = found[-1] if found else None
        return binding.node if binding is not None and binding.kind == "def" else None

    def is_self(self, name: ast.Name, scope: Scope) -> bool:
        """Whether a name is the first parameter of the method it is used in."""
        binding = self.ctx.names.lookup(name.id, scope, name.lineno)
        if binding is None or binding.kind != "param":
            return False
        args = getattr(binding.scope.node, "args", None)
        return bool(args and args.args and args.args[0] is binding.node and self.ctx.method_owner(binding.scope))


def module_modes(project: Project, module: str, asking: Modes) -> Optional[Modes]:
    """The Modes of another module, from its source (read and parsed, never imported), sharing the
    asking module's budget; None when its file cannot be read, is too large or does not parse."""
    path = project.module_path(module)
    ctx = asking.ctx
    try:
        info = os.stat(path) if path is not None else None
    except OSError:
        return None
    if info is None or info.st_size > MAX_MODULE_BYTES:
        return None
    key = (path, module, info.st_mtime_ns, info.st_size, ctx.target_version)
    if key not in _contexts:
        if len(_contexts) >= CONTEXTS_KEPT:
            _contexts.clear()
        try:
            source = decode_source(read_regular_file(path, MAX_MODULE_BYTES))
            tree = ast.parse(source, filename=path)
        except (OSError, SyntaxError, ValueError, UnicodeDecodeError, LookupError, RecursionError, MemoryError):
            _contexts[key] = None
        else:
            _contexts[key] = FileContext(path, source, tree, ctx.facts, ctx.target_version, frozenset())
    found = _contexts[key]
    return Modes(found, asking.budget) if found is not None else None


# Other modules' analyses, kept while their files are unchanged (what each answers never depends on who asks).
_contexts: Dict[Tuple[str, str, int, int, object], Optional[FileContext]] = {}
CONTEXTS_KEPT = 16


def _init(cls: ast.ClassDef) -> Optional[ast.AST]:
    return next((s for s in cls.body if isinstance(s, DEFS) and s.name == "__init__"), None)


def _param_of_init(binding: Binding) -> bool:
    """Whether a parameter belongs to an `__init__` (the one an Env fills)."""
    return isinstance(binding.scope.node, DEFS) and binding.scope.node.name == "__init__"


def _is_self(expr: ast.AST) -> bool:
    return isinstance(expr, ast.Name) and expr.id == "self"


def _self_attr(expr: ast.AST) -> Optional[str]:
    """`x` for `self.x`, else None."""
    return expr.attr if isinstance(expr, ast.Attribute) and _is_self(expr.value) else None


def _reads_mode(cls: ast.ClassDef) -> bool:
    """Whether a class reads its mode (`self.training`, `self.phase`) or sets it."""
    return any(isinstance(n, ast.Attribute) and n.attr in _MODE_ATTRIBUTES for n in walk(cls))
