"""What a rule sees of one file: qualified names, values, API facts, parents, classes, positions, and
`report`; the Checker base class every rule family derives from."""
from __future__ import annotations

import ast
import io
from contextlib import contextmanager
from pathlib import PurePath
from typing import AbstractSet, Any, Callable, ClassVar, Dict, FrozenSet, Iterator, List, Optional, Sequence, Tuple

from ms_lint.analysis import dataflow
from ms_lint.analysis.classes import Classes
from ms_lint.analysis.dataflow import Flow
from ms_lint.analysis.names import DEFS, Binding, Names, Scope
from ms_lint.analysis.parents import Parents, children
from ms_lint.analysis.project.modules import Project
from ms_lint.analysis.values import UNKNOWN, Evaluator
from ms_lint.facts import ApiEntry, ApiFacts, BoundCall, Signature, Version
from ms_lint.model import Edit, Finding, Fix, Rule

SCOPE_NODES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)  # nodes that open a scope


class FileContext:
    """One module under analysis."""

    def __init__(
        self,
        path: str,
        source: str,
        tree: ast.Module,
        facts: ApiFacts,
        target_version: Version,
        enabled: FrozenSet[str],
        external_bases: Optional[Callable[[ast.expr], List[str]]] = None,
    ) -> None:
        self.path = path
        self.source = source
        self.lines = physical_lines(source) or [""]
        self.tree = tree
        self.facts = facts
        self.target_version = target_version
        self.enabled = enabled
        self.names = Names(tree, facts.exports)
        self.patches = self._active_patches()
        self.classes = Classes(self.names, facts, self.patches, external_bases, Project(path, facts))
        self.evaluator = Evaluator(self.names, self._imported_value)
        self.findings: List[Finding] = []
        self.stack: List[ast.AST] = []  # the walk's ancestors of the node being visited, itself last
        self.parents = Parents(tree, self.stack)
        self.scopes: List[Scope] = [self.names.module]
        self._api_cache: Dict[Tuple[int, Optional[int]], Optional[ApiEntry]] = {}  # (node, scope or None: its own)
        self._flows: Dict[int, Flow] = {}
        self._method_calls: Optional[Dict[str, List[ast.Call]]] = None  # attribute -> its calls
        self._attributes: Optional[Dict[str, List[ast.Attribute]]] = None  # attribute -> every `x.attribute`
        self._callers: Optional[Dict[int, List[Tuple[ast.Call, Scope]]]] = None  # def -> calls of it by name
        self._columns: Dict[int, Sequence[int]] = {}  # line -> character column of each byte column
        self._encoded: Dict[int, bytes] = {}
        self.memo: Dict[Tuple[str, int], Any] = {}  # the analyses' per-file answers: (question, id of the node asked about)

    # --- what the file is -------------------------------------------------------------------
    def uses_mindspore(self) -> bool:
        """Whether the module imports MindSpore, a re-exporter or a patcher at all."""
        return bool(self.names.imported_roots & self.facts.roots)

    def _active_patches(self) -> Tuple[str, ...]:
        parts = set(PurePath(self.path).parts[:-1])
        return tuple(p for p in self.facts.patchers if p in self.names.imported_roots or p in parts)

    def _imported_value(self, expr: ast.expr, scope: Scope) -> Any:
        """The value of an imported name or a module's attribute: another module's constant, or UNKNOWN."""
        project = self.classes.project
        qualname = project.absolute(self.names, expr, scope)
        return project.constant(qualname) if qualname and project.looked_up(qualname) else UNKNOWN

    # --- scopes -------------------------------------------------------------------------------
    @property
    def scope(self) -> Scope:
        return self.scopes[-1]

    @contextmanager
    def in_scope(self, scope: Scope) -> Iterator[None]:
        """Ask the analysis as if the walk were in `scope` (a helper function a call leads to)."""
        self.scopes.append(scope)
        try:
            yield
        finally:
            self.scopes.pop()

    # --- names and values ---------------------------------------------------------------------
    def qualname(self, expr: ast.AST, scope: Optional[Scope] = None) -> Optional[str]:
        """The canonical qualified name of a name or attribute chain, or None."""
        raw = self.names.qualname(expr, scope or self.scope)
        if raw is None and self._relative_import(expr, scope or self.scope):
            raw = self.classes.project.absolute(self.names, expr, scope or self.scope)
            return self.classes.project.reexport(raw) if raw else None
        if raw and raw.split(".")[0] not in self.facts.roots and self.classes.project.own(raw):
            return self.classes.project.reexport(raw) or self.facts.canonical(raw)
        return self.facts.canonical(raw) if raw else None

    def _relative_import(self, expr: ast.AST, scope: Scope) -> bool:
        """Whether a name or attribute chain starts with a name bound by a relative import."""
        while isinstance(expr, ast.Attribute):
            expr = expr.value
        binding = self.names.lookup(expr.id, scope, expr.lineno) if isinstance(expr, ast.Name) else None
        return binding is not None and binding.kind == "import" and getattr(binding.node, "level", 0) > 0

    def spelling(self, qualname: str, at: Optional[ast.AST] = None) -> Optional[str]:
        """How this file can name `qualname`: a name bound to it (`ops`; the name that ends it is
        preferred over other aliases such as `P`), else its parent's spelling and the last part
        (`ms.ops`, `optim.AdamW`), or None. With `at`, the names visible there; without it, module
        names every binding of which stands for `qualname`."""
        names = []
        scope: Optional[Scope] = self.scope if at is not None else self.names.module
        while scope is not None:
            for name, bindings in scope.bindings.items():
                if at is not None:
                    seen = self.names.lookup(name, self.scope, at.lineno)
                    bindings = [seen] if seen is not None else []
                if bindings and all(self.names.binding_qualname(b) == qualname for b in bindings):
                    names.append(name)
            scope = scope.parent if at is not None else None
        if names:
            last = qualname.rsplit(".", 1)[-1]
            return min(names, key=lambda name: (name != last, name))
        if "." not in qualname:
            return None
        parent, attr = qualname.rsplit(".", 1)
        prefix = self.spelling(parent, at)
        return prefix + "." + attr if prefix else None

    def binding(self, name: ast.Name, scope: Optional[Scope] = None) -> Optional[Binding]:
        return self.names.lookup(name.id, scope or self.scope, name.lineno)

    def value(self, expr: Optional[ast.AST], scope: Optional[Scope] = None) -> Any:
        """The value of an expression, or UNKNOWN (see ms_lint.analysis.values)."""
        return self.evaluator.value(expr, scope or self.scope)

    def api(self, func: ast.AST, scope: Optional[Scope] = None) -> Optional[ApiEntry]:
        """The facts entry of what `func` names, in `scope` or else in the scope `func` is in: a
        MindSpore API, or a project class that inherits one with no `__init__` of its own (see
        ms_lint.analysis.classes). Cached by node and scope: the answer never depends on who asks."""
        key = (id(func), id(scope) if scope is not None else None)
        if key not in self._api_cache:
            where = scope or self.scope_at(func)
            base = self.super_init_base(func, where)
            entry = self.classes.inherited_entry(*base) if base is not None else None
            self._api_cache[key] = entry or self.classes.inherited_entry(func, where)
        return self._api_cache[key]

    def super_init_base(self, func: ast.AST, scope: Scope) -> Optional[Tuple[ast.expr, Scope]]:
        """For `super().__init__` (or `super(Cls, self).__init__`) in a method, the class's first base
        and the scope it is named in: the call builds that base's part of the object."""
        if not (isinstance(func, ast.Attribute) and func.attr == "__init__" and isinstance(func.value, ast.Call)):
            return None
        inner = func.value.func
        if not (isinstance(inner, ast.Name) and inner.id == "super"):
            return None
        owner = self.method_owner(scope)
        cls = owner.node if owner is not None else None
        if not isinstance(cls, ast.ClassDef) or not cls.bases:
            return None
        return cls.bases[0], self.classes.outer_scope(cls)

    def method_calls(self, attrs: AbstractSet[str], within: ast.AST) -> List[ast.Call]:
        """The calls `x.attr(...)`, `attr` one of `attrs`, under `within` (itself included): from an index
        of the file's method calls, built once from the parent service's pass."""
        if self._method_calls is None:
            self._method_calls = {}
            for node in self.parents.nodes():
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                    self._method_calls.setdefault(node.func.attr, []).append(node)
        found = [call for attr in attrs for call in self._method_calls.get(attr, ())]
        if within is self.tree:
            return found
        return [call for call in found if call is within or any(a is within for a in self.parents.ancestors(call))]

    def attributes(self, attr: str) -> List[ast.Attribute]:
        """Every `x.attr` in the module, in source order: from an index built once from the parent
        service's pass."""
        if self._attributes is None:
            self._attributes = {}
            for node in self.parents.nodes():
                if isinstance(node, ast.Attribute):
                    self._attributes.setdefault(node.attr, []).append(node)
        return self._attributes.get(attr, [])

    def callers(self, function: ast.AST) -> List[Tuple[ast.Call, Scope]]:
        """The calls of a function of this module by its name, each with its scope: from an index of
        the file's calls of plain names, built once."""
        if self._callers is None:
            self._callers = {}
            for node in self.parents.nodes():
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                    scope = self.scope_at(node)
                    binding = self.names.lookup(node.func.id, scope, node.func.lineno)
                    if binding is not None and binding.kind == "def":
                        self._callers.setdefault(id(binding.node), []).append((node, scope))
        return self._callers.get(id(function), [])

    def partial_of(self, call: ast.Call) -> Optional[ast.Call]:
        """`F(*args, **kwargs)` for `functools.partial(F, *args, **kwargs)`: a call made of the
        partial's own nodes, at its position, that every later call of the partial makes; else None."""
        if not call.args or isinstance(call.args[0], ast.Starred) or self.qualname(call.func) != "functools.partial":
            return None
        made = ast.Call(func=call.args[0], args=call.args[1:], keywords=call.keywords)
        return ast.copy_location(made, call)

    def construct_around(self, node: ast.AST) -> Optional[ast.FunctionDef]:
        """The `construct` of a Cell class a node lies in, or None."""
        for parent, child in self.parents.links(node):
            if isinstance(child, DEFS) and child.name == "construct" and child is not node:
                return child if isinstance(parent, ast.ClassDef) and self.classes.is_cell(parent) else None
        return None

    def api_with(self, func: ast.AST, trait: str, scope: Optional[Scope] = None) -> Optional[ApiEntry]:
        """The facts entry of what `func` names (see `api`) when it has `trait`, else None."""
        entry = self.api(func, scope)
        return entry if entry is not None and trait in entry.traits else None

    def assignments(self, expr: ast.AST, scope: Optional[Scope] = None) -> List[Tuple[ast.expr, Scope]]:
        """Every value assigned to a name or `self.x`, with its scope (see dataflow.assignments)."""
        return dataflow.assignments(self.names, expr, scope or self.scope)

    def constructed(self, expr: ast.AST, scope: Optional[Scope] = None) -> List[ast.Call]:
        """The calls that built what a name or `self.x` holds (see dataflow.constructed)."""
        return dataflow.constructed(self.names, expr, scope or self.scope)

    def flow(self, node: ast.AST) -> Flow:
        """The data flow of a module, class, function or lambda body (built once per file)."""
        found = self._flows.get(id(node))
        if found is None:
            found = self._flows[id(node)] = Flow(node, self.parents)
        return found

    def method_owner(self, scope: Scope) -> Optional[Scope]:
        """The class scope a method's scope belongs to, or None."""
        return dataflow.method_owner(scope)

    def scope_at(self, node: ast.AST) -> Scope:
        """The scope the walk visits a node in: that of the innermost def, lambda or class around it
        (a def's decorators, defaults and bases included), else the module's."""
        stack = self.stack
        if len(stack) > 1 and any(child is node for child in children(stack[-1])):
            return self.scope  # a child of the visited node: the walk's scope
        scope = self.names.module
        for owner in reversed(self.parents.ancestors(node)):
            if isinstance(owner, SCOPE_NODES):
                scope = self.names.scope_of(owner, scope)
        return scope

    def signature(self, entry: ApiEntry) -> Optional[Signature]:
        return entry.signature(self.target_version)

    def bind(self, call: ast.Call, entry: ApiEntry) -> Optional[BoundCall]:
        """The call's arguments matched to the entry's signature at the target version."""
        signature = self.signature(entry)
        return BoundCall(call, signature) if signature else None

    # --- text and positions -------------------------------------------------------------------
    def column(self, line: int, byte_col: int) -> int:
        """The character column of an ast (UTF-8 byte) column."""
        table = self._columns.get(line)
        if table is None:
            text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
            table = self._columns[line] = () if text.isascii() else character_columns(text)
        if not table:
            return byte_col
        return table[min(byte_col, len(table) - 1)]

    def span(self, node: ast.AST) -> Tuple[int, int, int, int]:
        """(line, col, end_line, end_col) of a node, in characters."""
        end_line = getattr(node, "end_lineno", None) or node.lineno
        end_col = getattr(node, "end_col_offset", None)
        end_col = node.col_offset if end_col is None else end_col
        return (
            node.lineno,
            self.column(node.lineno, node.col_offset),
            end_line,
            self.column(end_line, end_col),
        )

    def text(self, node: ast.AST) -> str:
        """The node's source text, as the user wrote it."""
        end_line, end_col = getattr(node, "end_lineno", None), getattr(node, "end_col_offset", None)
        if end_line is None or end_col is None or end_line > len(self.lines):
            return ast.unparse(node)
        chunk = [self.encoded(n) for n in range(node.lineno, end_line + 1)]
        if len(chunk) == 1:
            return chunk[0][node.col_offset : end_col].decode("utf-8")
        chunk[0], chunk[-1] = chunk[0][node.col_offset :], chunk[-1][:end_col]
        return b"".join(chunk).decode("utf-8")

    def encoded(self, line: int) -> bytes:
        """A line's UTF-8 bytes (encoded once)."""
        if line not in self._encoded:
            self._encoded[line] = self.lines[line - 1].encode("utf-8")
        return self._encoded[line]

    # --- reporting ----------------------------------------------------------------------------
    def report(
        self,
        rule: Rule,
        node: ast.AST,
        message: str,
        fix: Optional[Fix] = None,
        severity: str = "",
    ) -> None:
        """Record a finding of `rule` at `node`, if the rule is enabled; the message is one line,
        even where it quotes code that spans several."""
        if rule.code in self.enabled:
            if "\n" in message:
                message = " ".join(message.split())
            self.findings.append(Finding(rule, *self.span(node), message, fix, severity))


def character_columns(text: str) -> List[int]:
    """For each UTF-8 byte offset of a line (and its end), its character column (an offset inside a
    character counts that character, as decoding the bytes before it with "replace" does)."""
    table: List[int] = []
    for index, char in enumerate(text):
        table += [index] + [index + 1] * (len(char.encode("utf-8")) - 1)
    table.append(len(text))
    return table


def physical_lines(source: str) -> List[str]:
    """The source's lines as Python counts them, ends kept: only \\n, \\r\\n and \\r end a line
    (str.splitlines also splits at form feeds, \\x1c-\\x1e, \\x85 and \\u2028, which shifts every line)."""
    return io.StringIO(source, newline="").readlines()


def fix(message: str, edits: Sequence[Edit], applicability: str) -> Fix:
    """A Fix from a list of edits."""
    return Fix(message, tuple(edits), applicability)


class Checker:
    """A family of rules: `visit_<NodeType>` / `leave_<NodeType>` methods called in one walk."""

    rules: ClassVar[Tuple[Rule, ...]] = ()
    # whether `visit_Call` also sees `functools.partial(F, *args, **kwargs)` as the call `F(*args, **kwargs)`
    # whose arguments it fixes (FileContext.partial_of): for rules that judge the arguments given, never
    # the ones left out (a later call of the partial may add them)
    sees_partial_calls: ClassVar[bool] = False

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
