"""The engine: pre-filter, parse, one walk that feeds every checker, suppressions; never raises."""
from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Dict, FrozenSet, Iterable, List, Optional, Tuple

from ms_lint.api import load_facts
from ms_lint.config import Settings
from ms_lint.context import FileContext, physical_lines
from ms_lint.findings import Finding
from ms_lint.rules import Checker, all_checkers

NOQA = re.compile(r"# noqa(?::[\s]?(?P<codes>([A-Z]+[0-9]+(?:[,\s]+)?)+))?", re.IGNORECASE)  # flake8's
PYLINT_DISABLE = re.compile(r"#\s*pylint:\s*disable(?P<next>-next)?\s*=\s*(?P<names>[\w\-, ]+)")
PYLINT_PRAGMA = re.compile(r"#\s*pylint:\s*(?P<action>disable|enable)\s*=\s*(?P<names>[\w\-, ]+)")  # a block's, on its own line
PYLINT_SKIP_FILE = re.compile(r"#\s*pylint:\s*(?:skip-file|disable\s*=\s*(?:[\w\-]+\s*,\s*)*all\b)")  # pylint skips the file
FLAKE8_FILE_NOQA = re.compile(r"\s*# flake8[:=]\s*noqa", re.IGNORECASE)  # flake8's NOQA_FILE: any codes after it are ignored
MS_LINT_FILE_NOQA = re.compile(r"\s*#\s*ms-lint:\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]*(?:[,\s]+[A-Z]+[0-9]*)*))?\s*$", re.IGNORECASE)
SUPPRESSIONS = ("noqa", "file-noqa", "pylint")  # line `# noqa`, file-level `# ms-lint: noqa` / `# flake8: noqa`, pylint pragmas
_SCOPE_NODES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
MAX_SOURCE_CHARS = 4 << 20  # 13x the largest module of the benchmark corpus; bigger ones are generated


@dataclass
class FileResult:
    """What linting one file gave: findings, or the one-line reason it could not be checked."""

    path: str
    findings: List[Finding] = field(default_factory=list)
    error: Optional[str] = None


def decode_source(data: bytes) -> str:
    """Source bytes decoded as Python does (BOM, coding cookie, UTF-8 default)."""
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return data.decode(encoding)


def read_source(path: str) -> str:
    """A file's text, decoded as Python does."""
    with open(path, "rb") as stream:
        return decode_source(stream.read())


def lint_file(path: str, settings: Settings, suppress: Iterable[str] = SUPPRESSIONS) -> FileResult:
    """Lint one file on disk."""
    try:
        with open(path, "rb") as stream:
            data = stream.read()
    except OSError as error:
        return FileResult(path, error="cannot read: %s" % _one_line(error))
    return lint_bytes(data, path, settings, suppress)


def lint_bytes(data: bytes, path: str, settings: Settings, suppress: Iterable[str] = SUPPRESSIONS) -> FileResult:
    """Lint one file's bytes, decoded as Python does."""
    try:
        source = decode_source(data)
    except (UnicodeDecodeError, SyntaxError, LookupError) as error:
        return FileResult(path, error="cannot read: %s" % _one_line(error))
    return lint_source(source, path, settings, suppress=suppress)


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
    facts = load_facts()
    if not any(root in source for root in facts.roots):
        return FileResult(path)
    if len(source) > MAX_SOURCE_CHARS:
        size = "%.1f MB of code, more than the %d MB" % (len(source) / 2**20, MAX_SOURCE_CHARS >> 20)
        return FileResult(path, error="not checked: %s ms-lint reads in one file" % size)
    if tree is None:
        try:
            tree = ast.parse(source, filename=path)
        except SyntaxError as error:
            if error.lineno is None:
                return FileResult(path, error="cannot parse: %s" % error.msg)
            return FileResult(path, error="syntax error at %s:%s: %s" % (error.lineno, error.offset or 0, error.msg))
        except (ValueError, RecursionError, MemoryError) as error:
            return FileResult(path, error="cannot parse: %s" % _one_line(error))
    try:
        findings = _run(source, path, tree, settings, external_bases)
    except RecursionError:
        return FileResult(path, error="internal error: the code is nested too deeply to analyse")
    except Exception as error:  # noqa: BLE001 - a failure in one file must not stop the host's run
        return FileResult(path, error="internal error: %s: %s" % (type(error).__name__, _one_line(error)))
    return FileResult(path, _suppressed(findings, source, tree, set(suppress)))


def _run(source: str, path: str, tree: ast.Module, settings: Settings, external_bases=None) -> List[Finding]:
    facts = load_facts()
    enabled = settings.enabled_codes(path)
    ctx = FileContext(path, source, tree, facts, settings.resolved_target_version(), enabled, external_bases)
    if not ctx.uses_mindspore():
        return []
    checkers = [c(ctx) for c in all_checkers() if any(r.code in enabled for r in c.rules)]
    visit, leave = _dispatch(checkers)
    _walk(ctx, visit, leave)
    return sorted(ctx.findings, key=lambda f: (f.line, f.col, f.code))


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


def _walk(ctx: FileContext, visit: Dict[type, List[Callable]], leave: Dict[type, List[Callable]]) -> None:
    """Depth-first, iterative (deep nesting cannot overflow the stack), one visit per node that a
    checker could see; nodes no checker handles and that hold no other node are not visited."""
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
            if kind in _SCOPE_NODES:
                scopes.pop()
            stack.pop()
            continue
        kind = type(node)
        stack.append(node)
        if kind in _SCOPE_NODES:
            scopes.append(names.scope_of(node, scopes[-1]))
        for handler in visit.get(kind, ()):
            handler(node)
        push(leave_marker)
        for name in _child_fields(kind):
            value = getattr(node, name, None)
            if type(value) is list:
                for item in reversed(value):
                    if is_node(item, node_type) and type(item) not in skipped:
                        push(item)
            elif is_node(value, node_type) and type(value) not in skipped:
                push(value)


def _suppressed(findings: List[Finding], source: str, tree: ast.Module, kinds: set) -> List[Finding]:
    """Drop findings silenced by `# noqa[: codes]`, a file-level noqa, or a pylint pragma (with pylint's
    scope; `disable=all` anywhere is pylint's old spelling of `skip-file`)."""
    if not findings or not kinds or "#" not in source:
        return findings
    lines = [line.rstrip("\r\n") for line in physical_lines(source)]
    if "file-noqa" in kinds:
        findings = [f for f in findings if not _file_noqa(lines, f.code)]
    comments = _comments(source) if "pylint" in kinds and "pylint" in source else []
    if any(PYLINT_SKIP_FILE.search(text) for _, _, text in comments):
        return []
    blocks = _pylint_blocks(comments, source, tree)
    kept = []
    for finding in findings:
        here = lines[finding.line - 1] if finding.line <= len(lines) else ""
        before = lines[finding.line - 2] if 1 < finding.line <= len(lines) + 1 else ""
        if "noqa" in kinds and _noqa(here, finding.code):
            continue
        if "pylint" in kinds and (_pylint_off(here, finding, False) or _pylint_off(before, finding, True) or _block_off(blocks, finding)):
            continue
        kept.append(finding)
    return kept


def _file_noqa(lines: List[str], code: str) -> bool:
    """A `# flake8: noqa` line (flake8 skips the whole file, codes or not), or `# ms-lint: noqa[: codes]` on its own line."""
    for line in lines:
        if FLAKE8_FILE_NOQA.match(line):
            return True
        match = MS_LINT_FILE_NOQA.match(line)
        if match and (not match.group("codes") or any(code.startswith(c.upper()) for c in re.split(r"[,\s]+", match.group("codes")))):
            return True
    return False


Pragma = Tuple[int, int, bool, FrozenSet[str]]  # (first line, last line, disables, message names)


def _comments(source: str) -> List[Tuple[int, bool, str]]:
    """(line, alone on its line, text) of every comment."""
    try:
        return [
            (token.start[0], not token.line[: token.start[1]].strip(), token.string)
            for token in tokenize.generate_tokens(io.StringIO(source).readline) if token.type == tokenize.COMMENT
        ]
    except (tokenize.TokenError, SyntaxError):
        return []


def _pylint_blocks(comments: List[Tuple[int, bool, str]], source: str, tree: ast.Module) -> List[Pragma]:
    """Each `# pylint: disable=` / `enable=` on its own line, applying from its line to the end of the
    innermost node around it (the enclosing block or scope), as pylint scopes it."""
    pragmas = [(line, PYLINT_PRAGMA.search(text)) for line, alone, text in comments if alone]
    pragmas = [(line, match) for line, match in pragmas if match]
    if not pragmas:
        return []
    spans = [(n.lineno, n.end_lineno or n.lineno) for n in ast.walk(tree) if hasattr(n, "end_lineno") and n.end_lineno]
    end_of_module = len(physical_lines(source))
    blocks = []
    for line, match in pragmas:
        around = [span for span in spans if span[0] <= line <= span[1]]
        last = min(around, key=lambda span: (-span[0], span[1]))[1] if around else end_of_module
        names = frozenset(n.strip() for n in match.group("names").split(","))
        blocks.append((line, last, match.group("action") == "disable", names))
    return blocks


def _block_off(blocks: List[Pragma], finding: Finding) -> bool:
    """The state of the last pragma naming the finding's message whose block holds its line."""
    ids = {"all", finding.rule.symbol, finding.rule.pylint_msgid, finding.code}
    state = False
    for first, last, disables, names in blocks:
        if first <= finding.line <= last and names & ids:
            state = disables
    return state


def _noqa(line: str, code: str) -> bool:
    match = NOQA.search(line)
    if not match:
        return False
    codes = match.group("codes")
    return not codes or any(code.startswith(c.upper()) for c in re.split(r"[,\s]+", codes) if c)


def _pylint_off(line: str, finding: Finding, next_line: bool) -> bool:
    match = PYLINT_DISABLE.search(line)
    if not match or bool(match.group("next")) != next_line:
        return False
    names = {n.strip() for n in match.group("names").split(",")}
    return bool(names & {"all", finding.rule.symbol, finding.rule.pylint_msgid, finding.code})


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__
