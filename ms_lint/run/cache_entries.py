"""The cache's entries: a file's result as JSON and back, every value checked against the file it
describes; an entry that does not fit is a miss (None), never a crash and never a result."""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional

from ms_lint.analysis.context import physical_lines
from ms_lint.analysis.project.modules import Dependency, dependencies_hold
from ms_lint.engine import FileResult
from ms_lint.engine.settings import Settings
from ms_lint.files import decode_source
from ms_lint.model import ERROR, SAFE, UNSAFE, WARNING, Fix, finding_from_json, finding_to_json
from ms_lint.registry import all_rules

SCHEMA = 4  # bump when the layout changes (ms_lint.model.finding_to_json)
_BIDI = "\u202a-\u202e\u2066-\u2069"  # bidirectional overrides and isolates: they reorder what a terminal shows
_NOT_IN_MESSAGE = re.compile("[\x00-\x1f\x7f-\x9f%s]" % _BIDI)  # one printable line
_NOT_IN_CODE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f%s]" % _BIDI)  # code may hold tabs, line ends, form feeds
_SEVERITIES = ("", ERROR, WARNING)


class _Mismatch(ValueError):
    """The entry is not one ms-lint wrote for this file."""


def entry_json(key: str, result: FileResult) -> Dict[str, Any]:
    """A result as the JSON an entry holds."""
    return {
        "schema": SCHEMA, "key": key, "error": result.error, "findings": [finding_to_json(f) for f in result.findings],
        "depends": [list(d) for d in result.depends],
    }


def entry_result(data: Any, key: str, path: str, source: bytes, settings: Settings) -> Optional[FileResult]:
    """The result an entry holds, or None unless every value has its type, every code is an enabled
    rule, every span and edit lies inside `source` and every text is printable."""
    try:
        return _checked_result(data, key, path, source, settings)
    except ValueError:  # a _Mismatch, an item finding_from_json refuses, a UnicodeError
        return None


def _checked_result(data: Any, key: str, path: str, source: bytes, settings: Settings) -> FileResult:
    if type(data) is not dict or data.get("schema") != SCHEMA or data.get("key") != key:
        raise _Mismatch
    error, findings = data.get("error"), _list(data.get("findings"))
    depends = tuple(_dependency(d) for d in _list(data.get("depends")))
    if not dependencies_hold(path, depends):
        raise _Mismatch  # a module the analysis read has changed: lint again
    if error is not None:
        if findings:
            raise _Mismatch
        return FileResult(path, [], _text(error, _NOT_IN_MESSAGE))
    if not findings:
        return FileResult(path, depends=depends)
    try:
        widths = [len(line.rstrip("\r\n")) for line in physical_lines(decode_source(source))]
    except (SyntaxError, LookupError) as failure:  # UnicodeDecodeError is a UnicodeError
        raise _Mismatch from failure
    enabled, rules = settings.enabled_codes(path), all_rules()
    result = FileResult(path, depends=depends)
    for item in findings:
        finding = finding_from_json(item, rules)
        if finding.code not in enabled or finding.severity not in _SEVERITIES:
            raise _Mismatch
        _span(widths, finding.line, finding.col, finding.end_line, finding.end_col)
        _text(finding.message, _NOT_IN_MESSAGE)
        if finding.fix is not None:
            _check_fix(finding.fix, finding.rule.fix, widths)
        result.findings.append(finding)
    return result


def _dependency(item: Any) -> Dependency:
    if type(item) is not list or len(item) != 4 or not all(type(v) is str for v in item[:2]) or not all(type(v) is int for v in item[2:]):
        raise _Mismatch
    return (item[0], item[1], item[2], item[3])


def _check_fix(fix: Fix, declared: Optional[str], widths: List[int]) -> None:
    applicability = fix.applicability
    if declared is None or applicability not in (SAFE, UNSAFE) or (declared == UNSAFE and applicability == SAFE):
        raise _Mismatch
    if not fix.edits:
        raise _Mismatch
    for edit in fix.edits:
        _span(widths, edit.line, edit.col, edit.end_line, edit.end_col)
        _text(edit.content, _NOT_IN_CODE)
    _text(fix.message, _NOT_IN_MESSAGE)


def _span(widths: List[int], line: int, col: int, end_line: int, end_col: int) -> None:
    """Both ends inside the file (a line's text, or the very end of the file), in order."""
    for row, column in ((line, col), (end_line, end_col)):
        inside = 1 <= row <= len(widths) and 0 <= column <= widths[row - 1]
        if not inside and (row, column) != (len(widths) + 1, 0):
            raise _Mismatch
    if (line, col) > (end_line, end_col):
        raise _Mismatch


def _list(value: Any) -> list:
    if type(value) is not list:
        raise _Mismatch
    return value


def _text(value: Any, forbidden: "re.Pattern[str]") -> str:
    if type(value) is not str or forbidden.search(value):
        raise _Mismatch
    value.encode("utf-8")  # a lone surrogate (JSON can spell one) cannot be printed
    return value
