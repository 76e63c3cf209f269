"""Suppressions: `# noqa`, file-level `# ms-lint: noqa` / `# flake8: noqa`, and pylint's pragmas
with pylint's scope, so that a suppression means the same in every front-end."""
from __future__ import annotations

import ast
import bisect
import io
import re
import tokenize
from typing import Dict, FrozenSet, List, Tuple

from ms_lint.analysis.context import physical_lines
from ms_lint.analysis.parents import walk
from ms_lint.model import Finding

NOQA = re.compile(r"# noqa(?::[\s]?(?P<codes>([A-Z]+[0-9]+(?:[,\s]+)?)+))?", re.IGNORECASE)  # flake8's
PYLINT_DISABLE = re.compile(r"#\s*pylint:\s*disable(?P<next>-next)?\s*=\s*(?P<names>[\w\-, ]+)")
PYLINT_PRAGMA = re.compile(r"#\s*pylint:\s*(?P<action>disable|enable)\s*=\s*(?P<names>[\w\-, ]+)")  # a block's, on its own line
PYLINT_SKIP_FILE = re.compile(r"#\s*pylint:\s*(?:skip-file|disable\s*=\s*(?:[\w\-]+\s*,\s*)*all\b)")  # pylint skips the file
FLAKE8_FILE_NOQA = re.compile(r"\s*# flake8[:=]\s*noqa", re.IGNORECASE)  # flake8's NOQA_FILE: any codes after it are ignored
MS_LINT_FILE_NOQA = re.compile(r"\s*#\s*ms-lint:\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]*(?:[,\s]+[A-Z]+[0-9]*)*))?\s*$", re.IGNORECASE)
SUPPRESSIONS = ("noqa", "file-noqa", "pylint")  # a line's noqa comment, a file-level ms-lint or flake8 noqa, pylint pragmas


def suppressed(findings: List[Finding], source: str, tree: ast.Module, kinds: set) -> List[Finding]:
    """Drop findings silenced by `# noqa[: codes]`, a file-level noqa, or a pylint pragma (with pylint's
    scope; `disable=all` anywhere is pylint's old spelling of `skip-file`)."""
    if not findings or not kinds or "#" not in source:
        return findings
    lines = [line.rstrip("\r\n") for line in physical_lines(source)]
    silenced = _file_noqa(lines) if "file-noqa" in kinds and "noqa" in source.lower() else []
    findings = [f for f in findings if not any(f.code.startswith(prefix) for prefix in silenced)]
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


def _file_noqa(lines: List[str]) -> List[str]:
    """The code prefixes a file-level noqa silences ("" for all): `# flake8: noqa` (flake8 skips the
    whole file, codes or not) or `# ms-lint: noqa[: codes]`, each on a line of its own."""
    prefixes = []
    for line in lines:
        if FLAKE8_FILE_NOQA.match(line):
            return [""]
        match = MS_LINT_FILE_NOQA.match(line)
        if match:
            codes = match.group("codes")
            if not codes:
                return [""]
            prefixes += [c.upper() for c in re.split(r"[,\s]+", codes) if c]
    return prefixes


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
    ends = _innermost_block_ends(tree, [line for line, _ in pragmas], len(physical_lines(source)))
    return [
        (line, ends[line], match.group("action") == "disable", frozenset(n.strip() for n in match.group("names").split(",")))
        for line, match in pragmas
    ]


def _innermost_block_ends(tree: ast.Module, lines: List[int], end_of_module: int) -> Dict[int, int]:
    """For each comment-only line, the last line of the innermost node around it: one sweep over the
    nodes that span several lines (they nest, and no node starts or ends on a comment-only line)."""
    spans = sorted(
        ((n.lineno, -n.end_lineno) for n in walk(tree) if getattr(n, "end_lineno", None) and n.end_lineno > n.lineno),
    )
    ends, stack, index = {}, [], 0
    for line in sorted(set(lines)):
        while index < len(spans) and spans[index][0] < line:
            start, end = spans[index][0], -spans[index][1]
            while stack and stack[-1] < start:
                stack.pop()
            stack.append(end)
            index += 1
        while stack and stack[-1] < line:
            stack.pop()
        ends[line] = stack[-1] if stack else end_of_module
    return ends


def _block_off(blocks: List[Pragma], finding: Finding) -> bool:
    """The state of the last pragma before the finding that names its message and whose block holds its line."""
    ids = {"all", finding.rule.symbol, finding.rule.pylint_msgid, finding.code}
    for _first, last, disables, names in reversed(blocks[: bisect.bisect_right(blocks, (finding.line, float("inf")))]):
        if finding.line <= last and names & ids:
            return disables
    return False


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
