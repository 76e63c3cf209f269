"""The engine: pre-filter, parse, one walk that feeds every checker, suppressions; never raises."""
from __future__ import annotations

import ast
import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Dict, FrozenSet, Iterable, Iterator, List, Optional, Tuple

from ms_lint.analysis.context import SCOPE_NODES, Checker, FileContext
from ms_lint.analysis.project.modules import Dependency
from ms_lint.engine.settings import Settings
from ms_lint.engine.suppression import SUPPRESSIONS, suppressed
from ms_lint.facts import load_facts
from ms_lint.files import MAX_SOURCE_CHARS, decoded, one_line, read_bytes, too_large
from ms_lint.model import Finding
from ms_lint.registry import all_checkers


@dataclass
class FileResult:
    """What linting one file gave: findings, or the one-line reason it could not be checked."""

    path: str
    findings: List[Finding] = field(default_factory=list)
    error: Optional[str] = None
    depends: Tuple[Dependency, ...] = ()  # the other modules the analysis read (ms_lint.analysis.project)


def lint_file(path: str, settings: Settings, suppress: Iterable[str] = SUPPRESSIONS) -> FileResult:
    """Lint one file on disk."""
    data, error = read_bytes(path)
    if error:
        return FileResult(path, error=error)
    return lint_bytes(data, path, settings, suppress)


def lint_bytes(
    data: bytes,
    path: str,
    settings: Settings,
    suppress: Iterable[str] = SUPPRESSIONS,
    external_bases: Optional[Callable[[ast.expr], List[str]]] = None,
) -> FileResult:
    """Lint one file's bytes, decoded as Python does: a file Python cannot decode is not checked."""
    source, error = decoded(data)
    if error:
        return FileResult(path, error=error)
    return lint_source(source, path, settings, suppress=suppress, external_bases=external_bases)


def lint_source(
    source: str,
    path: str = "<string>",
    settings: Optional[Settings] = None,
    tree: Optional[ast.Module] = None,
    suppress: Iterable[str] = SUPPRESSIONS,
    external_bases: Optional[Callable[[ast.expr], List[str]]] = None,
) -> FileResult:
    """Lint one module's source (and its ast, when the host already parsed it); pylint passes
    `external_bases` (ms_lint.astroid_bridge) to see classes in the project's other modules."""
    settings = settings or Settings()
    if not any(root in source for root in load_facts().roots):
        return FileResult(path)
    with _collector_paused():
        return _checked(source, path, settings, tree, suppress, external_bases)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while one file is analysed: its ast and the analysis are
    young objects that survive, and the full collections they set off walk the host's whole heap
    (docs/performance.md). The file's garbage, bounded by the file, is collected once the collector
    runs again; a host that paused it itself keeps it paused."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _checked(source: str, path: str, settings: Settings, tree: Optional[ast.Module], suppress: Iterable[str],
             external_bases: Optional[Callable[[ast.expr], List[str]]]) -> FileResult:
    if len(source) > MAX_SOURCE_CHARS:
        return FileResult(path, error=too_large(len(source)))
    if tree is None:
        try:
            tree = ast.parse(source, filename=path)
        except SyntaxError as error:
            if error.lineno is None:
                return FileResult(path, error="cannot parse: %s" % error.msg)
            return FileResult(path, error="syntax error at %s:%s: %s" % (error.lineno, error.offset or 0, error.msg))
        except (ValueError, RecursionError, MemoryError) as error:
            return FileResult(path, error="cannot parse: %s" % one_line(error))
    try:
        findings, depends = _run(source, path, tree, settings, external_bases)
    except RecursionError:
        return FileResult(path, error="internal error: the code is nested too deeply to analyse")
    except Exception as error:  # noqa: BLE001 - a failure in one file must not stop the host's run
        return FileResult(path, error="internal error: %s: %s" % (type(error).__name__, one_line(error)))
    return FileResult(path, suppressed(findings, source, tree, set(suppress)), depends=depends)


def _run(source: str, path: str, tree: ast.Module, settings: Settings, external_bases=None) -> Tuple[List[Finding], Tuple[Dependency, ...]]:
    facts = load_facts()
    enabled = settings.enabled_codes(path)
    ctx = FileContext(path, source, tree, facts, settings.resolved_target_version(), enabled, external_bases)
    if not ctx.uses_mindspore():
        return [], ()
    checkers = [c(ctx) for c in all_checkers() if any(r.code in enabled for r in c.rules)]
    visit, leave = _dispatch(checkers)
    partials = [c.visit_Call for c in checkers if c.sees_partial_calls and hasattr(c, "visit_Call")]
    _walk(ctx, visit, leave, partials)
    return sorted(ctx.findings, key=lambda f: (f.line, f.col, f.code)), ctx.classes.project.dependencies()


def _dispatch(checkers: List[Checker]) -> Tuple[Dict[type, List[Callable]], Dict[type, List[Callable]]]:
    visit: Dict[type, List[Callable]] = {}
    leave: Dict[type, List[Callable]] = {}
    for checker in checkers:
        for prefix, table in (("visit_", visit), ("leave_", leave)):
            for attr, node_type in _handled_types(type(checker), prefix):
                table.setdefault(node_type, []).append(getattr(checker, attr))
    return visit, leave


@lru_cache(maxsize=None)
def _handled_types(checker_class: type, prefix: str) -> Tuple[Tuple[str, type], ...]:
    """(method name, ast node type) of a checker class's `visit_*` or `leave_*` methods."""
    found = []
    for attr in dir(checker_class):
        if attr.startswith(prefix):
            node_type = getattr(ast, attr[len(prefix):], None)
            if isinstance(node_type, type):
                found.append((attr, node_type))
    return tuple(found)


# Nodes that never contain another node except expression contexts and operators: when no
# checker handles them (nor, for a Name, its context), the walk does not descend into them.
_CONTEXTS = (ast.Load, ast.Store, ast.Del)
_TERMINALS = frozenset(
    [ast.Name, ast.Constant, ast.alias, ast.Pass, ast.Break, ast.Continue, ast.Global, ast.Nonlocal, *_CONTEXTS]
    + [t for base in (ast.operator, ast.unaryop, ast.cmpop, ast.boolop) for t in base.__subclasses__()]
)
# Fields that hold names, flags or literal values, never nodes.
_NOT_NODES = frozenset(["id", "attr", "arg", "name", "module", "level", "kind", "type_comment", "is_async", "conversion", "simple", "asname"])


def _skipped(visit: Dict[type, List[Callable]], leave: Dict[type, List[Callable]]) -> FrozenSet[type]:
    handled = set(visit) | set(leave)
    skipped = _TERMINALS - handled
    if handled & set(_CONTEXTS):
        skipped -= {ast.Name}
    return frozenset(skipped)


@lru_cache(maxsize=None)
def _child_fields(kind: type) -> Tuple[str, ...]:
    """The fields of a node type that may hold nodes, last first (the walk pushes them on a stack)."""
    if kind is ast.Constant:
        return ()
    return tuple(reversed([f for f in kind._fields if f not in _NOT_NODES]))


_LEAVE = object()  # marks, on the walk's stack, the end of the node on top of `ctx.stack`


def _walk(ctx: FileContext, visit: Dict[type, List[Callable]], leave: Dict[type, List[Callable]], partials: List[Callable] = ()) -> None:
    """Depth-first, iterative (deep nesting cannot overflow the stack), one visit per node that a
    checker could see; nodes no checker handles and that hold no other node are not visited. A
    `functools.partial(F, ...)` call is also shown to `partials` as the call of F it fixes."""
    names, stack, scopes = ctx.names, ctx.stack, ctx.scopes
    skipped = _skipped(visit, leave)
    node_type, is_node, leave_marker = ast.AST, isinstance, _LEAVE
    todo: List[object] = [ctx.tree]
    pop, push = todo.pop, todo.append
    while todo:
        node = pop()
        if node is leave_marker:
            node = stack[-1]
            kind = type(node)
            for handler in leave.get(kind, ()):
                handler(node)
            if kind in SCOPE_NODES:
                scopes.pop()
            stack.pop()
            continue
        kind = type(node)
        stack.append(node)
        if kind in SCOPE_NODES:
            scopes.append(names.scope_of(node, scopes[-1]))
        for handler in visit.get(kind, ()):
            handler(node)
        if partials and kind is ast.Call:
            made = ctx.partial_of(node)
            if made is not None:
                stack.append(made)
                for handler in partials:
                    handler(made)
                stack.pop()
        push(leave_marker)
        for name in _child_fields(kind):
            value = getattr(node, name, None)
            if type(value) is list:
                for item in reversed(value):
                    if is_node(item, node_type) and type(item) not in skipped:
                        push(item)
            elif is_node(value, node_type) and type(value) not in skipped:
                push(value)
