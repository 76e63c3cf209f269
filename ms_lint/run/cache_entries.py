"""The cache's entries: a file's result as JSON and back, every value checked against the file it
describes; an entry that does not fit is a miss (None), never a crash and never a result."""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional

from ms_lint.analysis.context import physical_lines
from ms_lint.engine import FileResult, decode_source
from ms_lint.engine.settings import Settings
from ms_lint.model import ERROR, SAFE, UNSAFE, WARNING, Edit, Finding, Fix
from ms_lint.registry import all_rules

SCHEMA = 2  # bump when the layout below changes
_BIDI = "\u202a-\u202e\u2066-\u2069"  # bidirectional overrides and isolates: they reorder what a terminal shows
_NOT_IN_MESSAGE = re.compile("[\x00-\x1f\x7f-\x9f%s]" % _BIDI)  # one printable line
_NOT_IN_CODE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f%s]" % _BIDI)  # code may hold tabs, line ends, form feeds
_SEVERITIES = ("", ERROR, WARNING)


class _Mismatch(Exception):
    """The entry is not one ms-lint wrote for this file."""


def entry_json(key: str, result: FileResult) -> Dict[str, Any]:
    """A result as the JSON an entry holds."""
    return {"schema": SCHEMA, "key": key, "error": result.error, "findings": [_finding_json(f) for f in result.findings]}


def _finding_json(finding: Finding) -> List[Any]:
    fix = finding.fix
    fix_json = None if fix is None else [fix.message, fix.applicability, [_edit_json(e) for e in fix.edits]]
    span = [finding.line, finding.col, finding.end_line, finding.end_col]
    return [finding.code, *span, finding.message, fix_json, finding.severity]


def _edit_json(edit: Edit) -> List[Any]:
    return [edit.line, edit.col, edit.end_line, edit.end_col, edit.content]


def entry_result(data: Any, key: str, path: str, source: bytes, settings: Settings) -> Optional[FileResult]:
    """The result an entry holds, or None unless every value has its type, every code is an enabled
    rule, every span and edit lies inside `source` and every text is printable."""
    try:
        return _checked_result(data, key, path, source, settings)
    except (_Mismatch, UnicodeError):
        return None


def _checked_result(data: Any, key: str, path: str, source: bytes, settings: Settings) -> FileResult:
    if type(data) is not dict or data.get("schema") != SCHEMA or data.get("key") != key:
        raise _Mismatch
    error, findings = data.get("error"), _list(data.get("findings"))
    if error is not None:
        if findings:
            raise _Mismatch
        return FileResult(path, [], _text(error, _NOT_IN_MESSAGE))
    if not findings:
        return FileResult(path)
    try:
        widths = [len(line.rstrip("\r\n")) for line in physical_lines(decode_source(source))]
    except (SyntaxError, LookupError) as failure:  # UnicodeDecodeError is a UnicodeError
        raise _Mismatch from failure
    enabled, rules = settings.enabled_codes(path), all_rules()
    result = FileResult(path)
    for item in findings:
        code, line, col, end_line, end_col, message, fix_json, severity = _list(item, 8)
        if code not in enabled or code not in rules or severity not in _SEVERITIES:
            raise _Mismatch
        _span(widths, line, col, end_line, end_col)
        fix = None if fix_json is None else _fix(fix_json, rules[code].fix, widths)
        result.findings.append(Finding(rules[code], line, col, end_line, end_col, _text(message, _NOT_IN_MESSAGE), fix, severity))
    return result


def _fix(data: Any, declared: Optional[str], widths: List[int]) -> Fix:
    message, applicability, edits = _list(data, 3)
    if declared is None or applicability not in (SAFE, UNSAFE) or (declared == UNSAFE and applicability == SAFE):
        raise _Mismatch
    if not _list(edits):
        raise _Mismatch
    checked = []
    for edit in edits:
        line, col, end_line, end_col, content = _list(edit, 5)
        _span(widths, line, col, end_line, end_col)
        checked.append(Edit(line, col, end_line, end_col, _text(content, _NOT_IN_CODE)))
    return Fix(_text(message, _NOT_IN_MESSAGE), tuple(checked), applicability)


def _span(widths: List[int], line: Any, col: Any, end_line: Any, end_col: Any) -> None:
    """Both ends inside the file (a line's text, or the very end of the file), in order."""
    for row, column in ((line, col), (end_line, end_col)):
        if type(row) is not int or type(column) is not int:
            raise _Mismatch
        inside = 1 <= row <= len(widths) and 0 <= column <= widths[row - 1]
        if not inside and (row, column) != (len(widths) + 1, 0):
            raise _Mismatch
    if (line, col) > (end_line, end_col):
        raise _Mismatch


def _list(value: Any, length: Optional[int] = None) -> list:
    if type(value) is not list or (length is not None and len(value) != length):
        raise _Mismatch
    return value


def _text(value: Any, forbidden: "re.Pattern[str]") -> str:
    if type(value) is not str or forbidden.search(value):
        raise _Mismatch
    value.encode("utf-8")  # a lone surrogate (JSON can spell one) cannot be printed
    return value
