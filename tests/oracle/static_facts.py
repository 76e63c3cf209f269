"""MindSpore's API read statically from a wheel's Python sources (zipfile + ast, never imported):
what a public name resolves to, its parameters, and what a module's dir() holds after import."""
from __future__ import annotations

import ast
import zipfile
from functools import lru_cache
from typing import Any, Dict, List, Optional, Set, Tuple

NON_LITERAL = "<non-literal>"
Shape = List[Tuple[str, str, Any]]  # (name, kind, default) per parameter, as tests/oracle/test_drift.py


class Binding:
    """What a module-level name is bound to: a module, a name in another module, a def, or a value."""

    def __init__(self, kind: str, module: str, target: Any) -> None:
        self.kind = kind  # "module" | "ref" | "def" | "value"
        self.module = module
        self.target = target  # module name | name in `module` | ClassDef/FunctionDef | expression


class StaticWheel:
    """The `mindspore` package inside one wheel, read without executing it."""

    def __init__(self, path: str) -> None:
        self.sources: Dict[str, str] = {}
        self.packages: Set[str] = set()
        with zipfile.ZipFile(path) as wheel:
            for name in wheel.namelist():
                if name.startswith("mindspore/") and name.endswith(".py"):
                    module = name[:-3].replace("/", ".")
                    if module.endswith(".__init__"):
                        module = module[: -len(".__init__")]
                        self.packages.add(module)
                    self.sources[module] = wheel.read(name).decode("utf-8", "replace")
        self._namespaces: Dict[str, Dict[str, Binding]] = {}
        self._all: Dict[str, Optional[List[str]]] = {}
        self._loading: Set[str] = set()
        self._imported: Set[str] = set()

    @lru_cache(maxsize=None)  # noqa: B019 - one wheel per instance, read once
    def tree(self, module: str) -> ast.Module:
        return ast.parse(self.sources[module])

    def absolute(self, module: str, node: ast.ImportFrom) -> str:
        """The module an `from ... import` names, relative levels resolved."""
        if not node.level:
            return node.module or ""
        base = module.split(".") if module in self.packages else module.split(".")[:-1]
        base = base[: len(base) - node.level + 1]
        return ".".join(base + ([node.module] if node.module else []))

    def namespace(self, module: str) -> Dict[str, Binding]:
        """The module's globals after import: its statements at module level, in order."""
        if module not in self._loading and module in self.sources:
            self._import_parents(module)  # a package runs before its submodules, as on import
        if module in self._namespaces or module in self._loading or module not in self.sources:
            return self._namespaces.get(module, {})
        self._loading.add(module)
        names: Dict[str, Binding] = self._namespaces.setdefault(module, {})
        all_names: Optional[List[str]] = None
        for node in _module_level(self.tree(module).body):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    self._import(alias.name)
                    if alias.asname:
                        names[alias.asname] = Binding("module", alias.name, alias.name)
                    else:
                        top = alias.name.split(".")[0]
                        names[top] = Binding("module", top, top)
            elif isinstance(node, ast.ImportFrom):
                source = self.absolute(module, node)
                self._import(source)
                for alias in node.names:
                    if alias.name == "*":
                        for name in self.public(source):
                            names[name] = Binding("ref", source, name)
                        continue
                    sub, existing = source + "." + alias.name, self.namespace(source).get(alias.name)
                    if sub in self.sources and (existing is None or existing.kind == "module" or source == module):
                        self._import(sub)
                        names[alias.asname or alias.name] = Binding("module", sub, sub)
                    else:
                        names[alias.asname or alias.name] = Binding("ref", source, alias.name)
            elif isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                names[node.name] = Binding("def", module, node)
            elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name):
                        names[target.id] = Binding("value", module, node.value)
                        if target.id == "__all__":
                            all_names = self._list_value(module, node.value)
            elif all_names is not None:
                all_names = self._update_all(module, node, all_names)
        self._all[module] = all_names
        self._loading.discard(module)
        return names

    def _import_parents(self, module: str) -> None:
        parts = module.split(".")
        for end in range(1, len(parts)):
            self._import(".".join(parts[:end]))

    def _import(self, module: str) -> None:
        """Import a module: its parents first, then bind it as an attribute of its package."""
        if module not in self.sources or module in self._imported:
            return
        self._import_parents(module)  # which may import this one on the way
        if module in self._imported:
            return
        self._imported.add(module)
        self.namespace(module)
        if "." in module:
            package, name = module.rsplit(".", 1)
            self._namespaces.setdefault(package, {}).setdefault(name, Binding("module", module, module))

    def _list_value(self, module: str, expr: ast.expr) -> Optional[List[str]]:
        """A list of strings: a literal, `x.__all__`, or a sum of those."""
        if isinstance(expr, (ast.List, ast.Tuple)):
            return [e.value for e in expr.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
            left, right = self._list_value(module, expr.left), self._list_value(module, expr.right)
            return None if left is None or right is None else left + right
        if isinstance(expr, ast.Attribute) and expr.attr == "__all__" and isinstance(expr.value, ast.Name):
            binding = self.namespace(module).get(expr.value.id)
            target = self.module_of(binding) if binding else None
            return list(self.all_names(target) or ()) if target else None
        if isinstance(expr, ast.Name):
            binding = self.namespace(module).get(expr.id)
            return self._list_value(module, binding.target) if binding and binding.kind == "value" else None
        if isinstance(expr, ast.ListComp) and "dir()" in ast.unparse(expr.generators[0].iter):
            return [n for n in self.namespace(module) if not n.startswith("_")]  # `[n for n in dir() if n[0] != "_"]`
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id in ("list", "sorted"):
            return self._list_value(module, expr.args[0]) if expr.args else []
        return None

    def _update_all(self, module: str, node: ast.stmt, names: List[str]) -> List[str]:
        """`__all__.extend(...)`, `.append(...)`, `.remove(...)`, `+= ...` at module level."""
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id == "__all__":
            return names + (self._list_value(module, node.value) or [])
        call = node.value if isinstance(node, ast.Expr) else None
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                and isinstance(call.func.value, ast.Name) and call.func.value.id == "__all__" and call.args):
            return names
        method, arg = call.func.attr, call.args[0]
        if method == "extend":
            return names + (self._list_value(module, arg) or [])
        if method in ("append", "remove") and isinstance(arg, ast.Constant):
            return names + [arg.value] if method == "append" else [n for n in names if n != arg.value]
        return names

    def all_names(self, module: str) -> Optional[List[str]]:
        self.namespace(module)
        return self._all.get(module)

    def public(self, module: str) -> List[str]:
        """What `from module import *` binds: its `__all__`, else its names without a leading `_`."""
        if module not in self.sources:
            return []
        declared = self.all_names(module)
        return list(declared) if declared is not None else [n for n in self.namespace(module) if not n.startswith("_")]

    def module_of(self, binding: Binding) -> Optional[str]:
        found = self.follow(binding)
        return found.target if found is not None and found.kind == "module" else None

    def follow(self, binding: Binding, depth: int = 0) -> Optional[Binding]:
        """Through re-exports and `name = other` aliases to a module, a def or a value."""
        while depth < 50:
            depth += 1
            if binding.kind == "ref":
                if binding.module not in self.sources:
                    return None
                next_binding = self.namespace(binding.module).get(binding.target)
                if next_binding is None:
                    sub = binding.module + "." + binding.target
                    return Binding("module", sub, sub) if sub in self.sources else None
                binding = next_binding
            elif binding.kind == "value" and isinstance(binding.target, (ast.Name, ast.Attribute)):
                found = self.expression(binding.module, binding.target)
                if found is None:
                    return binding
                binding = found
            else:
                return binding
        return None

    def expression(self, module: str, expr: ast.expr) -> Optional[Binding]:
        """What a dotted expression in `module` refers to."""
        if isinstance(expr, ast.Name):
            binding = self.namespace(module).get(expr.id)
            return self.follow(binding) if binding else None
        if isinstance(expr, ast.Attribute):
            owner = self.expression(module, expr.value)
            if owner is None:
                return None
            if owner.kind == "module":
                return self.attribute(owner.target, expr.attr)
            if owner.kind == "def" and isinstance(owner.target, ast.ClassDef):
                return self.member(owner.module, owner.target, expr.attr)
        return None

    def attribute(self, module: str, name: str) -> Optional[Binding]:
        binding = self.namespace(module).get(name)
        if binding is None:
            sub = module + "." + name
            return Binding("module", sub, sub) if sub in self.sources else None
        return self.follow(binding)

    def resolve(self, qualname: str) -> Optional[Binding]:
        """What a public qualified name (`mindspore.nn.Dense`) is, or None when it does not exist."""
        parts = qualname.split(".")
        self._import(parts[0])
        found: Optional[Binding] = Binding("module", parts[0], parts[0])
        for part in parts[1:]:
            found = self.expression_of(found, part)
            if found is None:
                return None
        return found

    def exists(self, qualname: str) -> Optional[bool]:
        """Whether a public name exists; None when the sources cannot tell (a member of a class
        with a compiled base, which may define it)."""
        if self.resolve(qualname) is not None:
            return True
        owner = self.resolve(qualname.rsplit(".", 1)[0])
        if owner is not None and owner.kind == "def" and isinstance(owner.target, ast.ClassDef):
            return None if self._compiled_bases(owner.module, owner.target) else False
        return False

    def expression_of(self, owner: Binding, name: str) -> Optional[Binding]:
        if owner.kind == "module":
            self._import(owner.target)
            return self.attribute(owner.target, name)
        if owner.kind == "def" and isinstance(owner.target, ast.ClassDef):
            return self.member(owner.module, owner.target, name)
        return None

    def bases(self, module: str, cls: ast.ClassDef) -> List[Optional[Binding]]:
        return [self.expression(module, base) for base in cls.bases]

    def member(self, module: str, cls: ast.ClassDef, name: str, depth: int = 0) -> Optional[Binding]:
        """A class attribute, looked up through the bases the sources define (depth-first)."""
        for node in _module_level(cls.body):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name:
                return Binding("def", module, node)
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
                return Binding("value", module, node.value)
        if depth > 20:
            return None
        for base in self.bases(module, cls):
            if base is not None and base.kind == "def" and isinstance(base.target, ast.ClassDef):
                found = self.member(base.module, base.target, name, depth + 1)
                if found is not None:
                    return found
        return None

    def signature_of(self, binding: Binding) -> Optional[Tuple[str, ast.arguments, bool]]:
        """(module, parameters, drop the first) of what a call to the binding runs, as inspect reads
        it; None when the sources do not tell (a base defined in C++)."""
        node = binding.target
        if binding.kind == "def" and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return self._decorated(binding.module, node, is_init=False)
        if binding.kind == "def" and isinstance(node, ast.ClassDef):
            init = self.member(binding.module, node, "__init__")
            if init is None and self._compiled_bases(binding.module, node):
                return binding.module, ast.parse("def f(*args, **kwargs): pass").body[0].args, False
            if init is not None and init.kind == "def" and isinstance(init.target, ast.FunctionDef):
                return self._decorated(init.module, init.target, is_init=True)
        if binding.kind == "value" and isinstance(node, ast.Call):
            cls = self.expression(binding.module, node.func)
            if cls is not None and cls.kind == "def" and isinstance(cls.target, ast.ClassDef):
                call = self.member(cls.module, cls.target, "__call__")
                if call is not None and call.kind == "def" and isinstance(call.target, ast.FunctionDef):
                    return self._decorated(call.module, call.target, is_init=False, bound=True)
        return None

    def _decorated(self, module: str, func: ast.FunctionDef, is_init: bool,
                   bound: bool = False) -> Tuple[str, ast.arguments, bool]:
        """A def's parameters through its decorators: a wrapper without functools.wraps shows its own
        (the drift test unwraps one decorator around an `__init__`, as tests/oracle/test_drift.py)."""
        decorators = func.decorator_list
        if not (is_init and len(decorators) == 1):
            for decorator in decorators:
                wrapper = self._wrapper(module, decorator)
                if wrapper is not None:
                    return wrapper[0], wrapper[1].args, _names_self(wrapper[1].args)
        skip = any(isinstance(d, ast.Name) and d.id == "classmethod" for d in decorators)
        return module, func.args, skip or bound or (is_init and _names_self(func.args))

    def _wrapper(self, module: str, decorator: ast.expr) -> Optional[Tuple[str, ast.FunctionDef]]:
        """The function a decorator returns in place of the def, when it does not copy the def's
        signature with functools.wraps; None when it does or the sources do not define it."""
        found = self.expression(module, decorator.func if isinstance(decorator, ast.Call) else decorator)
        if found is None or found.kind != "def" or not isinstance(found.target, ast.FunctionDef):
            return None
        nested = [n for n in ast.walk(found.target) if isinstance(n, ast.FunctionDef) and n is not found.target]
        if not nested:
            return None
        wrapper = nested[-1] if isinstance(decorator, ast.Call) else nested[0]
        wraps = any("wraps" in ast.unparse(d) for d in wrapper.decorator_list)
        return None if wraps else (found.module, wrapper)

    def _compiled_bases(self, module: str, cls: ast.ClassDef, depth: int = 0) -> bool:
        """Whether the class's bases end in a compiled type or `object` (no __init__ in Python)."""
        for base, node in zip(self.bases(module, cls), cls.bases):
            if base is None and not _imported_from_sources(self, module, node):
                continue
            if base is None or depth > 20:
                return False
            if base.kind == "def" and isinstance(base.target, ast.ClassDef):
                if not self._compiled_bases(base.module, base.target, depth + 1):
                    return False
        return True

    def shape(self, qualname: str) -> Optional[Shape]:
        """The parameters of a public name as the drift test reads them through inspect."""
        binding = self.resolve(qualname)
        found = self.signature_of(binding) if binding is not None else None
        if found is None:
            return None
        module, args, skip = found
        positional = args.posonlyargs + args.args
        defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
        shape: Shape = [(a.arg, "positional", self.literal(module, d)) for a, d in zip(positional, defaults)]
        shape = shape[1:] if skip and shape else shape
        if args.vararg:
            shape.append((args.vararg.arg, "*", None))
        shape += [(a.arg, "keyword", self.literal(module, d)) for a, d in zip(args.kwonlyargs, args.kw_defaults)]
        if args.kwarg:
            shape.append((args.kwarg.arg, "**", None))
        return shape

    def source(self, qualname: str) -> Optional[str]:
        """The parameter list as Python source, without `self`, for the facts table."""
        binding = self.resolve(qualname)
        found = self.signature_of(binding) if binding is not None else None
        if found is None:
            return None
        module, args, skip = found
        args = ast.arguments(**{f: list(getattr(args, f)) if isinstance(getattr(args, f), list) else getattr(args, f)
                                for f in args._fields})
        if skip:
            (args.posonlyargs if args.posonlyargs else args.args).pop(0)
        for arg in args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg]:
            if arg is not None:
                arg.annotation = None
        args.defaults = [self._spelled(module, d) for d in args.defaults]
        args.kw_defaults = [self._spelled(module, d) for d in args.kw_defaults]
        return ast.unparse(args)

    def _spelled(self, module: str, node: Optional[ast.expr]) -> Optional[ast.expr]:
        """A default as inspect shows it: a named constant by its value."""
        value = self.literal(module, node)
        return node if node is None or value == NON_LITERAL else ast.Constant(value)

    def literal(self, module: str, node: Optional[ast.expr], depth: int = 0) -> Any:
        """A default's value as inspect would repr it: literals, arithmetic on them, and module or
        class constants; NON_LITERAL otherwise."""
        if node is None:
            return None
        try:
            return ast.literal_eval(node)
        except (ValueError, TypeError, SyntaxError):
            pass
        if isinstance(node, ast.BinOp) and depth < 10:
            left, right = self.literal(module, node.left, depth + 1), self.literal(module, node.right, depth + 1)
            operators = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b,
                         ast.Mult: lambda a, b: a * b, ast.Div: lambda a, b: a / b}
            numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (left, right))
            if numbers and type(node.op) in operators:
                return operators[type(node.op)](left, right)
        found = self.expression(module, node) if isinstance(node, (ast.Name, ast.Attribute)) else None
        if found is not None and found.kind == "value" and depth < 10:
            return self.literal(found.module, found.target, depth + 1)
        return NON_LITERAL

    def exports(self, module: str) -> Optional[List[str]]:
        """What dir() of the module lists without a leading `_`, after `import mindspore` and it."""
        if module not in self.sources:
            return None
        self._import("mindspore")
        self._import(module)
        return sorted(n for n in self.namespace(module) if not n.startswith("_"))


def _module_level(body: List[ast.stmt]) -> List[ast.stmt]:
    """The statements that run on import: the body, with `if` / `try` blocks flattened."""
    out: List[ast.stmt] = []
    for node in body:
        if isinstance(node, ast.If):
            out += _module_level(node.body) + _module_level(node.orelse)
        elif isinstance(node, ast.Try):
            out += _module_level(node.body) + _module_level(node.orelse) + _module_level(node.finalbody)
        else:
            out.append(node)
    return out


def _names_self(args: ast.arguments) -> bool:
    first = (args.posonlyargs + args.args)[:1]
    return bool(first) and first[0].arg in ("self", "cls")


def _imported_from_sources(wheel: StaticWheel, module: str, base: ast.expr) -> bool:
    """Whether an unresolved base names something the wheel's Python sources should define (a
    mindspore module other than the compiled `_c_expression`), rather than a compiled or stdlib type."""
    root = base
    while isinstance(root, ast.Attribute):
        root = root.value
    if not isinstance(root, ast.Name):
        return True
    binding = wheel.namespace(module).get(root.id)
    if binding is None:
        return root.id != "object"
    origin = binding.module if binding.kind == "ref" else binding.target if binding.kind == "module" else module
    return str(origin).startswith("mindspore") and "_c_expression" not in str(origin)
