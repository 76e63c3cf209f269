"""The `mindspore` package of a wheel read statically (zipfile + ast, never imported): each module's
globals after import, and what a public name resolves to."""
from __future__ import annotations

import ast
import zipfile
from functools import lru_cache
from typing import Any, Dict, List, Optional, Set


class Binding:
    """What a module-level name is bound to: a module, a name in another module, a def, or a value."""

    def __init__(self, kind: str, module: str, target: Any) -> None:
        self.kind = kind  # "module" | "ref" | "def" | "value"
        self.module = module
        self.target = target  # module name | name in `module` | ClassDef/FunctionDef | expression


class StaticPackage:
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


def _imported_from_sources(wheel: StaticPackage, module: str, base: ast.expr) -> bool:
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
