"""Module summaries: what other modules need to know of a module, computed from its `ast` alone.

A summary holds the module's classes (bases as qualified names through the module's imports, methods,
attributes set on `self`), the class each top-level function returns (or that it returns what a
MindSpore function computed), the parameter groups it returns, the seeding calls of a function named
for a seed, its constants (a top-level name assigned once, a number, string or bool that reads no
parameter), the names its imports bind (re-exports: `from .a import B` in an `__init__`), its star
imports and its literal `__all__`. It is small, versioned and serialisable to JSON, and is
memoised per file, path and module name, while the file's size and modification time stay the same,
and kept by content hash in a persistent store where a front-end gives one (the CLI's cache).
A module that cannot be read, is over MAX_MODULE_BYTES or does not parse has an empty summary.
"""
from __future__ import annotations

import ast
import hashlib
import json
import math
import os
import sys
from dataclasses import asdict, dataclass, field
from typing import Any, Dict, List, Optional, Protocol, Tuple, Union

from ms_lint.analysis.dataflow import Flow, assigned_in, returns
from ms_lint.analysis.groups import ParamsView
from ms_lint.analysis.names import MAX_DEPTH, Names, Scope, calls_forward, class_body_names
from ms_lint.analysis.parents import Parents, walk
from ms_lint.analysis.values import Evaluator
from ms_lint.files import decode_source, read_regular_file

SUMMARY_VERSION = 4
# Another module is read only up to this size (1.6x the largest module of the benchmark corpus, the
# largest of the public ports measured, generated protobuf code): what a bigger one defines stays out
# of sight, so that no import can make a file's check take more than a second or two.
MAX_MODULE_BYTES = 512 << 10
MEMO_SIZE = 2048  # summaries remembered per process; the memo starts afresh when full
Constant = Union[int, float, str, bool]
CONSTANT_TYPES = (int, float, str, bool)


@dataclass
class ClassSummary:
    """One top-level class: its bases (None for one not named through imports or the module's
    classes), the names its body defines (methods and class attributes), the attributes its methods set on self,
    whether a method other than forward calls `self.forward` (a construct that runs a subclass's forward)."""

    bases: List[Optional[str]] = field(default_factory=list)
    methods: List[str] = field(default_factory=list)
    attributes: List[str] = field(default_factory=list)
    calls_forward: bool = False

    @property
    def defines_construct(self) -> bool:
        return "construct" in self.methods

    @property
    def defines_forward(self) -> bool:
        return "forward" in self.methods


@dataclass
class GroupSummary:
    """One parameter group a function returns: where its dict is, its keys, and how its params are
    written (analysis.groups: "empty", "generator", "call:builtins.filter", "method:get_parameters"...)."""

    line: int
    column: int  # 1-based
    keys: List[str] = field(default_factory=list)
    params: str = ""
    params_text: str = ""


@dataclass
class SeedSummary:
    """The seeding calls of a function whose name says it seeds (`set_seed`, `seed_everything`): the
    qualified names of the calls it makes that name a seed, and the index of its parameter that one of
    them, the outermost first, receives as the seed (-1: none)."""

    calls: List[str] = field(default_factory=list)
    parameter: int = -1


@dataclass
class ModuleSummary:
    """What a module defines and re-exports; `exports` is its `__all__` when that is a literal list."""

    name: str
    classes: Dict[str, ClassSummary] = field(default_factory=dict)
    imports: Dict[str, str] = field(default_factory=dict)  # module-level name -> what its import binds
    star_imports: List[str] = field(default_factory=list)  # modules of `from x import *`, made absolute
    exports: Optional[List[str]] = None
    functions: Dict[str, str] = field(default_factory=dict)  # top-level function -> the class every return builds
    constants: Dict[str, Constant] = field(default_factory=dict)  # top-level name -> its one value
    returns_mindspore: Dict[str, bool] = field(default_factory=dict)  # top-level function -> True: every return calls MindSpore
    groups: Dict[str, List[GroupSummary]] = field(default_factory=dict)  # top-level function -> the parameter groups it returns
    seeds: Dict[str, SeedSummary] = field(default_factory=dict)  # top-level seeding function -> its seeding calls
    version: int = SUMMARY_VERSION

    def star_exports(self, name: str, kind: str = "classes") -> bool:
        """Whether `from <this module> import *` binds `name` (a class, or with kind "functions" a
        function, "constants" a constant)."""
        if self.exports is not None:
            return name in self.exports
        return not name.startswith("_") and (name in getattr(self, kind) or name in self.imports)

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "ModuleSummary":
        """A summary written by `to_json` (ValueError for another version or another shape)."""
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("version") != SUMMARY_VERSION:
            raise ValueError("not a version %d module summary" % SUMMARY_VERSION)
        try:
            classes = {k: ClassSummary(**v) for k, v in data.pop("classes").items()}
            groups = {k: [GroupSummary(**g) for g in v] for k, v in data.pop("groups").items()}
            seeds = {k: SeedSummary(**v) for k, v in data.pop("seeds").items()}
            summary = cls(classes=classes, groups=groups, seeds=seeds, **data)
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError("not a module summary: %s" % error) from None
        if not summary.well_formed():
            raise ValueError("not a module summary: a field of another type")
        return summary

    def well_formed(self) -> bool:
        """Whether every field holds what `summarise` puts there (a summary read back from a store)."""
        strings = lambda items: isinstance(items, list) and all(isinstance(i, str) for i in items)  # noqa: E731
        return (
            isinstance(self.name, str)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in self.imports.items())
            and all(isinstance(k, str) and isinstance(v, str) for k, v in self.functions.items())
            and all(isinstance(k, str) and isinstance(v, CONSTANT_TYPES) for k, v in self.constants.items())
            and all(isinstance(k, str) and v is True for k, v in self.returns_mindspore.items())
            and strings(self.star_imports) and (self.exports is None or strings(self.exports))
            and all(
                isinstance(k, str) and isinstance(v, list) and all(
                    isinstance(g, GroupSummary) and isinstance(g.line, int) and isinstance(g.column, int)
                    and strings(g.keys) and isinstance(g.params, str) and isinstance(g.params_text, str) for g in v)
                for k, v in self.groups.items()
            )
            and all(
                isinstance(k, str) and isinstance(v, SeedSummary) and strings(v.calls) and isinstance(v.parameter, int)
                for k, v in self.seeds.items()
            )
            and all(
                isinstance(k, str) and strings(c.methods) and strings(c.attributes) and isinstance(c.calls_forward, bool)
                and isinstance(c.bases, list) and all(b is None or isinstance(b, str) for b in c.bases)
                for k, c in self.classes.items()
            )
        )


class SummaryStore(Protocol):
    """Where summaries are kept between runs, by content hash (ms_lint.run.cache.SummaryCache)."""

    def summary_text(self, key: str) -> Optional[str]:
        """The text kept under `key`, or None."""

    def keep_summary(self, key: str, text: str) -> None:
        """Keep `text` under `key`; a store that cannot be written is skipped, never an error."""


_stores: List[SummaryStore] = []  # the one store of this process, when a front-end gave one


def use_store(store: Optional[SummaryStore]) -> None:
    """Read and keep summaries in `store` from now on in this process (None: the memo only)."""
    _stores[:] = [store] if store is not None else []


def summary_key(data: bytes, name: str, is_package: bool) -> str:
    """The content hash a summary is kept under: the module's bytes, its name, whether it is a
    package, the summary format and the Python that parses it."""
    digest = hashlib.sha256(b"module-summary\0%d\0%d.%d\0" % (SUMMARY_VERSION, sys.version_info[0], sys.version_info[1]))
    digest.update(name.encode("utf-8", "surrogateescape") + (b"\0package\0" if is_package else b"\0module\0") + data)
    return digest.hexdigest()


def relative_module(package: str, level: int, module: Optional[str]) -> Optional[str]:
    """The absolute name of `from <level dots><module> import ...` in `package`, or None past the top."""
    parts = package.split(".") if package else []
    if level - 1 >= len(parts):
        return None
    anchor = parts[: len(parts) - (level - 1)]
    return ".".join(anchor + ([module] if module else []))


def absolute_name(names: Names, expr: ast.AST, scope: Scope, package: str, module: Optional[str] = None, depth: int = 0) -> Optional[str]:
    """The qualified name a name or attribute chain stands for, relative imports made absolute in
    `package`; with `module`, a class of that module's top level is `module.Class` too."""
    found = names.qualname(expr, scope)
    if found or depth > MAX_DEPTH:
        return found
    if isinstance(expr, ast.Attribute):
        base = absolute_name(names, expr.value, scope, package, module, depth + 1)
        return base + "." + expr.attr if base else None
    if not isinstance(expr, ast.Name):
        return None
    binding = names.lookup(expr.id, scope, expr.lineno)
    if binding is None:
        return None
    if binding.kind == "import":
        return _relative_import(binding.node, expr.id, package)
    if binding.kind == "class" and module and binding.scope is names.module:
        return module + "." + expr.id
    if binding.kind == "assign" and isinstance(binding.value, (ast.Name, ast.Attribute)):
        return absolute_name(names, binding.value, binding.scope, package, module, depth + 1)
    return None


def summarise(tree: ast.Module, name: str, is_package: bool) -> ModuleSummary:
    """The summary of module `name` (a package's `__init__` when `is_package`) from its tree."""
    package = name if is_package else name.rpartition(".")[0]
    names = Names(tree)
    scope, evaluator = names.module, Evaluator(names)
    summary = ModuleSummary(name)
    last = max((getattr(n, "end_lineno", 0) or 0 for n in tree.body), default=0) + 1
    for bound in scope.bindings:
        binding = names.lookup(bound, scope, last)
        if binding is not None and binding.kind == "import":
            target = names.binding_qualname(binding) or _relative_import(binding.node, bound, package)
            if target:
                summary.imports[bound] = target
    exports: List[Optional[List[str]]] = []
    for stmt in tree.body:
        if _binds_all(stmt):
            exports.append(_literal_names(evaluator.value(stmt.value, scope)) if isinstance(stmt, ast.Assign) else None)
        elif isinstance(stmt, ast.ImportFrom) and any(a.name == "*" for a in stmt.names):
            source = relative_module(package, stmt.level, stmt.module) if stmt.level else stmt.module
            if source:
                summary.star_imports.append(source)
        elif isinstance(stmt, ast.ClassDef):
            summary.classes[stmt.name] = _class_summary(names, stmt, package, name)
        elif isinstance(stmt, ast.FunctionDef) and not stmt.decorator_list:
            built = _returned_class(names, stmt, package, name)
            if built:
                summary.functions[stmt.name] = built
            if _returns_mindspore(names, stmt, package, name):
                summary.returns_mindspore[stmt.name] = True
            groups = _returned_groups(names, stmt)
            if groups:
                summary.groups[stmt.name] = groups
            seeds = _seeding_calls(names, stmt, package, name) if "seed" in stmt.name.lower() else None
            if seeds is not None:
                summary.seeds[stmt.name] = seeds
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            summary.constants.update(_constants(stmt, names, evaluator))
    summary.exports = exports[0] if len(exports) == 1 else None
    return summary


def _constants(stmt: ast.stmt, names: Names, evaluator: Evaluator) -> Dict[str, Constant]:
    """`NAME = value` at the top level, the module's only binding of NAME, with a value known without
    any parameter (`BN_MOMENTUM = 0.1`, `DROP = 1 - KEEP`)."""
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
    if len(targets) != 1 or not isinstance(targets[0], ast.Name) or stmt.value is None:
        return {}
    scope = names.module
    if len(scope.bindings.get(targets[0].id, ())) != 1:
        return {}
    value = evaluator.value(stmt.value, scope)
    if type(value) not in CONSTANT_TYPES or not evaluator.fixed_where_written(stmt.value, scope):
        return {}
    if isinstance(value, float) and not math.isfinite(value):
        return {}  # JSON has no literal for it
    return {targets[0].id: value}


def _binds_all(stmt: ast.stmt) -> bool:
    """An assignment (plain, augmented or annotated) to `__all__` at the module's top level."""
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [getattr(stmt, "target", None)]
    return isinstance(stmt, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets)


def _relative_import(node: ast.AST, bound: str, package: str) -> Optional[str]:
    if not isinstance(node, ast.ImportFrom) or not node.level:
        return None
    source = relative_module(package, node.level, node.module)
    alias = next((a for a in node.names if (a.asname or a.name) == bound), None)
    return source + "." + alias.name if source and alias is not None else None


def _class_summary(names: Names, cls: ast.ClassDef, package: str, module: str) -> ClassSummary:
    outer = names.module
    bases = [absolute_name(names, base, outer, package, module) for base in cls.bases]
    methods = class_body_names(cls)
    inner = names.scopes.get(cls)
    attributes = sorted(inner.self_attrs) if inner is not None else []
    return ClassSummary(bases, sorted(methods), attributes, calls_forward(cls))


def _returned_class(names: Names, function: ast.FunctionDef, package: str, module: str) -> Optional[str]:
    """The qualified name of the class every `return` of a function calls (`return nn.MSELoss()`, or
    a local name only ever assigned such a call), or None."""
    found = returns(function)
    if not found or any(r.value is None for r in found):
        return None
    inner = names.scope_of(function, names.module)
    made = set()
    for returned in (r.value for r in found):
        values = assigned_in(inner, returned.id) if isinstance(returned, ast.Name) else [(returned, inner)]
        for value, _ in values or [(returned, inner)]:
            built = absolute_name(names, value.func, names.module, package, module) if isinstance(value, ast.Call) else None
            if built is None or not isinstance(value.func, (ast.Name, ast.Attribute)) or _local(names, value.func, inner):
                return None
            made.add(built)
    return made.pop() if len(made) == 1 else None


def _returned_groups(names: Names, function: ast.FunctionDef) -> List[GroupSummary]:
    """The parameter groups a function's one `return` gives (`return [{'params': decay, ...}, ...]`,
    or a list it fills with group dicts), as analysis.groups sees them; [] for anything else."""
    found = [r for r in returns(function) if r.value is not None]
    if len(found) != 1 or not _builds_groups(function):
        return []
    inner = names.scope_of(function, names.module)
    view = ParamsView(lambda expr: names.qualname(expr, inner), Flow(function, Parents(function)), found[0])
    groups = view.groups(found[0].value)
    summaries = []
    for group in groups[0] if groups else ():
        params = group.params
        summaries.append(GroupSummary(
            group.node.lineno, group.node.col_offset + 1, list(group.keys),
            view.form(params) if params is not None else "",
            ast.unparse(params) if params is not None else "",
        ))
    return summaries


def _seeding_calls(names: Names, function: ast.FunctionDef, package: str, module: str) -> Optional[SeedSummary]:
    """The calls naming a seed that a seeding function makes (`torch.manual_seed(seed)`), by
    qualified name, or None when it makes none; a call not named through imports is "?" (out of sight),
    a method of an object the function makes is left out."""
    inner = names.scope_of(function, names.module)
    parameters = [a.arg for a in function.args.posonlyargs + function.args.args]
    found = SeedSummary()
    for node in walk(function):
        func = node.func if isinstance(node, ast.Call) else None
        called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if "seed" not in called.lower():
            continue
        qualname = absolute_name(names, func, inner, package, module)
        if qualname is None and _local(names, func, inner):
            continue  # a method of a local object: a Generator's own `g.manual_seed(n)`
        found.calls.append(qualname or "?")
        seed = node.args[0] if node.args else None
        if found.parameter < 0 and isinstance(seed, ast.Name) and seed.id in parameters and qualname:
            found.parameter = parameters.index(seed.id)
    return found if found.calls else None


def _builds_groups(function: ast.FunctionDef) -> bool:
    """Whether a function spells a group dict's 'params' key anywhere."""
    return any(_names_params(node) for node in walk(function))


def _names_params(node: ast.AST) -> bool:
    """A dict literal with the key 'params', or a `dict(params=...)`-style keyword."""
    if isinstance(node, ast.Dict):
        return any(isinstance(k, ast.Constant) and k.value in ("params", "order_params") for k in node.keys)
    return isinstance(node, ast.keyword) and node.arg in ("params", "order_params")


def _returns_mindspore(names: Names, function: ast.FunctionDef, package: str, module: str) -> bool:
    """Whether every `return` of a function gives what a MindSpore function computed: a call of one
    (`return ops.mean(x)`), a method of such a call, arithmetic with one, or a local name only ever
    assigned one."""
    found = returns(function)
    inner = names.scope_of(function, names.module)
    return bool(found) and all(r.value is not None and _mindspore_computed(names, r.value, inner, package, module, 0) for r in found)


def _mindspore_computed(names: Names, expr: ast.expr, scope: Scope, package: str, module: str, depth: int) -> bool:
    if depth > MAX_DEPTH:
        return False
    if isinstance(expr, ast.BinOp):
        return any(_mindspore_computed(names, side, scope, package, module, depth + 1) for side in (expr.left, expr.right))
    if isinstance(expr, ast.Name):
        values = assigned_in(scope, expr.id)
        return bool(values) and all(_mindspore_computed(names, v, s, package, module, depth + 1) for v, s in values)
    if not isinstance(expr, ast.Call) or not isinstance(expr.func, (ast.Name, ast.Attribute)):
        return False
    if not _local(names, expr.func, scope):
        called = absolute_name(names, expr.func, names.module, package, module)
        if called is not None:
            return called.startswith("mindspore.")
    return isinstance(expr.func, ast.Attribute) and _mindspore_computed(names, expr.func.value, scope, package, module, depth + 1)


def _local(names: Names, func: ast.expr, scope: Scope) -> bool:
    """Whether a called name is bound inside the function itself (a parameter or a local), not by the module."""
    root = func
    while isinstance(root, ast.Attribute):
        root = root.value
    return isinstance(root, ast.Name) and root.id in scope.bindings


def _literal_names(value: Any) -> Optional[List[str]]:
    """`__all__`'s names when its value is known to be a list or tuple of strings."""
    return list(value) if isinstance(value, tuple) and all(isinstance(v, str) for v in value) else None


_memo: Dict[Tuple[str, str, bool], Tuple[Tuple[int, int], ModuleSummary]] = {}


def summary_of(path: str, name: str, is_package: bool) -> ModuleSummary:
    """The summary of the module at `path` named `name`, from the memo while the file's size and
    modification time are unchanged; empty for a file that cannot be read, is too large or does not parse."""
    try:
        info = os.stat(path)
    except OSError:
        return ModuleSummary(name)
    stamp = (info.st_mtime_ns, info.st_size)
    key = (path, name, is_package)
    memo = _memo.get(key)
    if memo is not None and memo[0] == stamp:
        return memo[1]
    if len(_memo) >= MEMO_SIZE:
        _memo.clear()
    summary = _summarised(path, name, is_package) if info.st_size <= MAX_MODULE_BYTES else ModuleSummary(name)
    _memo[key] = (stamp, summary)
    return summary


def _summarised(path: str, name: str, is_package: bool) -> ModuleSummary:
    """The summary of the file's current bytes: from the store when it holds one, else parsed (and kept)."""
    try:
        data = read_regular_file(path, MAX_MODULE_BYTES)
    except OSError:
        return ModuleSummary(name)
    store = _stores[0] if _stores else None
    key = summary_key(data, name, is_package) if store is not None else ""
    if store is not None:
        text = store.summary_text(key)
        try:
            kept = ModuleSummary.from_json(text) if text is not None else None
        except (ValueError, RecursionError):
            kept = None  # written by another version, or damaged: summarised again below
        if kept is not None and kept.name == name:
            return kept
    try:
        summary = summarise(ast.parse(decode_source(data), filename=path), name, is_package)
    except (SyntaxError, ValueError, UnicodeDecodeError, LookupError, RecursionError, MemoryError):
        summary = ModuleSummary(name)
    if store is not None:
        store.keep_summary(key, summary.to_json())
    return summary
