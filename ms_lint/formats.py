"""Output formats: one function per format, each from findings (with their paths) to text."""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from importlib.resources import files
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple
from urllib.parse import quote

from ms_lint import __version__
from ms_lint.findings import Finding, Fix
from ms_lint.rules import ERROR, Rule, all_rules

Located = Tuple[str, Finding]  # (display path, finding)
Failure = Tuple[str, str]  # (display path, why it could not be checked)
PROJECT_URL = "https://github.com/ms-lint/ms-lint"
RULE_DOCS_URL = PROJECT_URL + "/blob/main/docs/rules/%s.md"


# --- rule documentation -----------------------------------------------------------------------
def rule_doc(code: str) -> Optional[str]:
    """The rule's documentation page: shipped in the package, or docs/rules in a source checkout."""
    for page in (
        files("ms_lint").joinpath("docs", "%s.md" % code),
        Path(__file__).resolve().parent.parent / "docs" / "rules" / ("%s.md" % code),  # source checkout
    ):
        if page.is_file():
            return page.read_text(encoding="utf-8")
    return None


def doc_section(page: str, title: str) -> str:
    """One `## title` section of a rule page, as a single paragraph of text."""
    match = re.search(r"^## %s\s*$(.*?)(?=^## |\Z)" % re.escape(title), page, re.MULTILINE | re.DOTALL)
    return " ".join(match.group(1).split()) if match else ""


def list_rules(fmt: str) -> str:
    """`--list-rules`: a JSON list, or one line per rule."""
    rules = all_rules().values()
    if fmt == "json":
        fields = ("code", "name", "summary", "default_enabled", "fix")
        return json.dumps([{field: getattr(r, field) for field in fields} for r in rules], indent=2)
    return "\n".join("%s  %-36s %s%s" % (r.code, r.name, r.summary, "" if r.default_enabled else "  (opt-in)") for r in rules)


# --- text and json ----------------------------------------------------------------------------
def fix_json(fix: Optional[Fix]) -> Optional[Dict[str, Any]]:
    """A fix in the JSON contract: 1-based columns, null for none."""
    if fix is None:
        return None
    return {
        "applicability": fix.applicability,
        "message": fix.message,
        "edits": [
            {"line": e.line, "column": e.col + 1, "end_line": e.end_line, "end_column": e.end_col + 1, "content": e.content}
            for e in fix.edits
        ],
    }


def finding_json(path: str, finding: Finding) -> Dict[str, Any]:
    """A finding in the JSON contract (`--format json`)."""
    return {
        "code": finding.code,
        "name": finding.rule.name,
        "path": path,
        "line": finding.line,
        "column": finding.col + 1,
        "end_line": finding.end_line,
        "end_column": finding.end_col + 1,
        "message": finding.message,
        "severity": finding.effective_severity,
        "fix": fix_json(finding.fix),
    }


def text(located: Sequence[Located], failures: Sequence[Failure] = ()) -> str:
    """flake8-style lines, then a count and what `--fix` can repair."""
    lines = ["%s:%d:%d: %s %s" % (p, f.line, f.col + 1, f.code, f.message) for p, f in located]
    if located:
        fixable = sum(1 for _, f in located if f.fix and f.fix.applicability == "safe")
        unsafe = sum(1 for _, f in located if f.fix and f.fix.applicability == "unsafe")
        lines.append("Found %d finding%s." % (len(located), "" if len(located) == 1 else "s"))
        if fixable:
            lines.append("%d fixable with `--fix`." % fixable)
        if unsafe:
            lines.append("%d more fixable with `--fix --unsafe-fixes`." % unsafe)
    return "\n".join(lines)


def json_list(located: Sequence[Located], failures: Sequence[Failure] = ()) -> str:
    """`--format json`: a list of findings."""
    return json.dumps([finding_json(p, f) for p, f in located], indent=2)


# --- GitHub Actions workflow commands ---------------------------------------------------------
def github(located: Sequence[Located], failures: Sequence[Failure] = ()) -> str:
    """`::error file=...,line=...::message` lines, which Actions turns into annotations on the diff;
    a file that could not be checked is annotated too."""
    lines = ["::error file=%s,title=ms-lint::%s" % (_escape(path, True), _escape(why, False)) for path, why in failures]
    for path, f in located:
        properties = (
            ("file", path), ("line", f.line), ("col", f.col + 1), ("endLine", f.end_line),
            ("endColumn", f.end_col + 1), ("title", f.code),
        )
        fields = ",".join("%s=%s" % (key, _escape(str(value), True)) for key, value in properties)
        lines.append("::error %s::%s" % (fields, _escape(f.message, False)))
    return "\n".join(lines)


def _escape(value: str, property_: bool) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if property_ else value


# --- SARIF 2.1.0 ------------------------------------------------------------------------------
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def sarif(located: Sequence[Located], failures: Sequence[Failure] = ()) -> str:
    """One SARIF run: every rule with its documentation, every finding with fingerprints and fixes,
    and each file that could not be checked as a tool execution notification."""
    rules = list(all_rules().values())
    index = {rule.code: n for n, rule in enumerate(rules)}
    fingerprints = _fingerprints(located)
    results = []
    for (path, f), fingerprint in zip(located, fingerprints):
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
            "executionSuccessful": not failures,
            "toolExecutionNotifications": [
                {"level": "error", "message": {"text": why},
                 "locations": [{"physicalLocation": {"artifactLocation": _artifact(path)}}]}
                for path, why in failures
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
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive
        relative = os.pardir
    if relative.startswith(os.pardir):
        return {"uri": Path(absolute).as_uri()}
    return {"uri": quote(Path(relative).as_posix()), "uriBaseId": "%SRCROOT%"}


def _level(severity: str) -> str:
    return "error" if severity == ERROR else "warning"


def _fingerprints(located: Sequence[Located]) -> List[str]:
    """Stable across unrelated edits: path, code and message (the user's own expressions), numbered when repeated."""
    seen: Counter = Counter()
    prints = []
    for path, f in located:
        key = "\0".join((Path(path).as_posix(), f.code, f.message))
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
        prints.append("%s:%d" % (digest, seen[digest]))
        seen[digest] += 1
    return prints


# --- reviewdog diagnostic format (rdjson) -----------------------------------------------------
def rdjson(located: Sequence[Located], failures: Sequence[Failure] = ()) -> str:
    """reviewdog's DiagnosticResult; fixes become `suggestions` that reviewdog posts as one-click changes."""
    diagnostics = []
    columns: Dict[str, Callable[[int, int], int]] = {}
    for path, f in located:
        if path not in columns:
            columns[path] = _utf8_columns(path)
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
    return json.dumps({"source": {"name": "ms-lint", "url": PROJECT_URL}, "diagnostics": diagnostics}, indent=2)


def _rd_range(span: Any, column: Callable[[int, int], int]) -> Dict[str, Dict[str, int]]:
    return {
        "start": {"line": span.line, "column": column(span.line, span.col)},
        "end": {"line": span.end_line, "column": column(span.end_line, span.end_col)},
    }


def _utf8_columns(path: str) -> Callable[[int, int], int]:
    """(line, character column) -> 1-based UTF-8 byte column, which reviewdog counts in."""
    from ms_lint.engine import read_source
    from ms_lint.fixes import line_starts

    try:
        source = read_source(path)
    except (OSError, UnicodeDecodeError, SyntaxError, LookupError):
        source = ""
    starts = line_starts(source)

    def column(line: int, col: int) -> int:
        if not 1 <= line < len(starts):
            return col + 1
        text = source[starts[line - 1] : starts[line]]
        return len(text[:col].encode("utf-8")) + 1

    return column


FORMATS: Dict[str, Callable[[Sequence[Located], Sequence[Failure]], str]] = {
    "text": text, "json": json_list, "sarif": sarif, "github": github, "rdjson": rdjson,
}


def render(name: str, located: List[Located], failures: Sequence[Failure] = ()) -> str:
    """The findings in the named format; the formats read by review tools also carry the files
    that could not be checked (the others leave them to stderr)."""
    return FORMATS[name](located, failures)
