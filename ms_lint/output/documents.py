"""The formats tools read as documents: json, json-lines, SARIF 2.1.0 and reviewdog's rdjson.
Each carries the files that could not be checked."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Callable, Dict
from urllib.parse import quote

from ms_lint import __version__
from ms_lint.fixes import line_starts
from ms_lint.model import ERROR, Fix, Rule
from ms_lint.output.report import (
    PROJECT_URL,
    RULE_DOCS_URL,
    Report,
    doc_section,
    fingerprints,
    relative_path,
    report_json,
    rule_doc,
)
from ms_lint.registry import INTERNAL_ERROR, all_rules, failure_message


def json_list(report: Report) -> str:
    """`--format json`: a list of findings; a file that could not be checked is an MSL000 entry."""
    return json.dumps(report_json(report), indent=2)


def json_lines(report: Report) -> str:
    """`--format json-lines`: the same objects, one per line."""
    return "\n".join(json.dumps(item, ensure_ascii=False) for item in report_json(report))


SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def sarif(report: Report) -> str:
    """One SARIF run: every rule with its documentation, every finding with fingerprints and fixes,
    and each file that could not be checked, and each module no source was found for, as a tool
    execution notification."""
    rules = list(all_rules().values())
    index = {rule.code: n for n, rule in enumerate(rules)}
    results = []
    for (path, f), fingerprint in zip(report.located, fingerprints(report.located)):
        result: Dict[str, Any] = {
            "ruleId": f.code,
            "ruleIndex": index.get(f.code, -1),
            "level": _level(f.effective_severity),
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {"artifactLocation": _artifact(path), "region": _region(f)}}],
            "partialFingerprints": {"msLintFindingHash/v1": fingerprint},
        }
        if f.fix:
            result["fixes"] = [_sarif_fix(path, f.fix)]
        results.append(result)
    run = {
        "tool": {"driver": {
            "name": "ms-lint", "version": __version__, "informationUri": PROJECT_URL,
            "rules": [_sarif_rule(rule) for rule in rules],
        }},
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
        "invocations": [{
            "executionSuccessful": not report.failures,
            "toolExecutionNotifications": [
                {"level": "error", "message": {"text": why},
                 "locations": [{"physicalLocation": {"artifactLocation": _artifact(path)}}]}
                for path, why in report.failures
            ] + [
                {"level": "note", "message": {"text": "ms-lint: no source found for module %s (%d file%s asked), so what"
                                              " it defines is out of sight and the rules that need it stay silent"
                                              % (module, n, "" if n == 1 else "s")}}
                for module, n in sorted(report.unresolved.items())
            ],
        }],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2)


def _sarif_rule(rule: Rule) -> Dict[str, Any]:
    page = rule_doc(rule.code) or ""
    url = RULE_DOCS_URL % rule.code
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": doc_section(page, "What it does") or rule.summary},
        "help": {"text": " ".join(filter(None, [doc_section(page, "Why is this bad?"), "See " + url])), "markdown": page or rule.summary},
        "helpUri": url,
        "defaultConfiguration": {"level": _level(rule.severity), "enabled": rule.default_enabled},
        "properties": {"fix": rule.fix or "none", "pylintSymbol": rule.symbol},
    }


def _sarif_fix(path: str, fix: Fix) -> Dict[str, Any]:
    replacements = [{"deletedRegion": _region(e), "insertedContent": {"text": e.content}} for e in fix.edits]
    return {
        "description": {"text": fix.message},
        "artifactChanges": [{"artifactLocation": _artifact(path), "replacements": replacements}],
        "properties": {"applicability": fix.applicability},
    }


def _region(span: Any) -> Dict[str, int]:
    return {"startLine": span.line, "startColumn": span.col + 1, "endLine": span.end_line, "endColumn": span.end_col + 1}


def _artifact(path: str) -> Dict[str, str]:
    """A URI relative to %SRCROOT% (the working directory) when the file is under it, else absolute."""
    relative = relative_path(path)
    if relative is None:
        return {"uri": Path(os.path.abspath(path)).as_uri()}
    return {"uri": quote(relative), "uriBaseId": "%SRCROOT%"}


def _level(severity: str) -> str:
    return "error" if severity == ERROR else "warning"


def rdjson(report: Report) -> str:
    """reviewdog's DiagnosticResult; fixes become `suggestions` that reviewdog posts as one-click changes."""
    diagnostics = []
    columns: Dict[str, Callable[[int, int], int]] = {}
    for path, f in report.located:
        if path not in columns:
            columns[path] = _utf8_columns(report.source(path))
        column = columns[path]
        diagnostic: Dict[str, Any] = {
            "message": f.message,
            "location": {"path": path, "range": _rd_range(f, column)},
            "severity": "ERROR" if f.effective_severity == ERROR else "WARNING",
            "source": {"name": "ms-lint", "url": PROJECT_URL},
            "code": {"value": f.code, "url": RULE_DOCS_URL % f.code},
        }
        if f.fix:
            diagnostic["suggestions"] = [{"range": _rd_range(e, column), "text": e.content} for e in f.fix.edits]
        diagnostics.append(diagnostic)
    diagnostics += [
        {"message": failure_message(why), "location": {"path": path}, "severity": "ERROR",
         "source": {"name": "ms-lint", "url": PROJECT_URL}, "code": {"value": INTERNAL_ERROR.code, "url": RULE_DOCS_URL % INTERNAL_ERROR.code}}
        for path, why in report.failures
    ]
    return json.dumps({"source": {"name": "ms-lint", "url": PROJECT_URL}, "diagnostics": diagnostics}, indent=2)


def _rd_range(span: Any, column: Callable[[int, int], int]) -> Dict[str, Dict[str, int]]:
    return {
        "start": {"line": span.line, "column": column(span.line, span.col)},
        "end": {"line": span.end_line, "column": column(span.end_line, span.end_col)},
    }


def _utf8_columns(source: str) -> Callable[[int, int], int]:
    """(line, character column) -> 1-based UTF-8 byte column in the source, which reviewdog counts in."""
    starts = line_starts(source)

    def column(line: int, col: int) -> int:
        if not 1 <= line < len(starts):
            return col + 1
        text = source[starts[line - 1] : starts[line]]
        return len(text[:col].encode("utf-8")) + 1

    return column


