"""One document's findings in LSP terms (JSON): diagnostics, code actions and hover, for the server and pylsp."""
from __future__ import annotations

import ast
import difflib
from importlib.resources import files
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from ms_lint.analysis.context import physical_lines
from ms_lint.engine import FileResult, lint_source
from ms_lint.engine.settings import ConfigError, Settings, check_codes, check_target_version
from ms_lint.engine.suppression import NOQA
from ms_lint.fixes import apply_edits, fix_source
from ms_lint.model import ERROR, SAFE, Edit, Finding
from ms_lint.output import rule_doc
from ms_lint.registry import INTERNAL_ERROR, failure_message
from ms_lint.run.cache import keep_summaries_in_default_cache
from ms_lint.run.config_files import find_config, load_settings

Json = Dict[str, Any]
Columns = Callable[[str, int], int]  # (line text, character column) -> the client's column units
FIX_ALL = "source.fixAll.ms-lint"
QUICKFIX = "quickfix"
SOURCE = "ms-lint"
_SEVERITY = {ERROR: 1, "warning": 2}


def utf16_column(line: str, col: int) -> int:
    """A character column in UTF-16 code units, LSP's default position encoding."""
    prefix = line[:col]
    return len(prefix) + sum(1 for ch in prefix if ord(ch) > 0xFFFF)


def document_settings(path: Optional[str], options: Optional[Mapping[str, Any]] = None) -> Tuple[Settings, Optional[str]]:
    """The settings of the file's nearest config file, with the client's options on top; and a config error, if any."""
    settings, problem = Settings(), None
    try:
        found = find_config(Path(path).parent) if path else None
        settings = load_settings(found) if found else settings
    except ConfigError as error:
        problem = str(error)
    options = options or {}
    try:
        codes = {key: _codes(options.get(name), name) for key, name in (("select", "select"), ("ignore", "ignore"), ("extend_select", "extendSelect"))}
        target = options.get("targetVersion")
        return settings.merged(target_version=check_target_version(str(target), "targetVersion") if target else None, **codes), problem
    except ConfigError as error:
        return settings, problem or "client options: %s" % error


def _codes(value: Any, name: str) -> Optional[Tuple[str, ...]]:
    if value is None:
        return None
    return check_codes(value.split(",") if isinstance(value, str) else [str(v) for v in value], name)


def rule_page_uri(code: str) -> Optional[str]:
    """A file: URI of the rule's page as installed (ms_lint/docs/), or in a source checkout's docs/rules."""
    for page in (Path(str(files("ms_lint"))) / "docs" / ("%s.md" % code), Path(__file__).resolve().parent.parent / "docs" / "rules" / ("%s.md" % code)):
        if page.is_file():
            return page.resolve().as_uri()
    return None


class DocumentFindings:
    """The lint result of one version of one document, and what an editor is sent for it."""

    def __init__(self, uri: str, source: str, path: Optional[str], settings: Settings, columns: Columns = utf16_column) -> None:
        self.uri, self.source, self.path, self.settings, self.columns = uri, source, path, settings, columns
        keep_summaries_in_default_cache()  # other modules' summaries, as the flake8 and pylint plugins keep them
        self.result: FileResult = lint_source(source, path or "<editor>", settings)
        self.lines = physical_lines(source) or [""]

    @property
    def parses(self) -> bool:
        """False while the document does not parse (mid-typing): its last good diagnostics stand."""
        error = self.result.error or ""
        return not (error.startswith("syntax error") or error.startswith("cannot parse"))

    def position(self, line: int, col: int) -> Json:
        """The LSP position of a 1-based line and a character column."""
        index = min(max(line - 1, 0), len(self.lines) - 1)
        return {"line": index, "character": self.columns(self.lines[index].rstrip("\r\n"), col)}

    def range(self, span: Any) -> Json:
        return {"start": self.position(span.line, span.col), "end": self.position(span.end_line, span.end_col)}

    def diagnostics(self) -> List[Json]:
        """Every finding as an LSP diagnostic; a failure of ms-lint's own as one MSL000 diagnostic."""
        if self.result.error:
            start = {"line": 0, "character": 0}
            message, severity = failure_message(self.result.error), _SEVERITY[INTERNAL_ERROR.severity]
            return [{"range": {"start": start, "end": start}, "severity": severity, "code": INTERNAL_ERROR.code, "source": SOURCE, "message": message}]
        return [self.diagnostic(f) for f in self.result.findings]

    def diagnostic(self, finding: Finding) -> Json:
        diagnostic = {
            "range": self.range(finding),
            "severity": _SEVERITY.get(finding.effective_severity, 2),
            "code": finding.code,
            "source": SOURCE,
            "message": finding.message,
        }
        href = rule_page_uri(finding.code)
        if href:
            diagnostic["codeDescription"] = {"href": href}
        return diagnostic

    def findings_in(self, span: Mapping[str, Any], diagnostics: Sequence[Mapping[str, Any]] = ()) -> List[Finding]:
        """The findings whose range touches an LSP range, or that the client names among its diagnostics."""
        low, high = _point(span["start"]), _point(span["end"])
        named = {(d.get("code"), _point(d["range"]["start"]), _point(d["range"]["end"])) for d in diagnostics if d.get("source") == SOURCE}
        found = []
        for finding in self.result.findings:
            start, end = _point(self.position(finding.line, finding.col)), _point(self.position(finding.end_line, finding.end_col))
            if (start <= high and low <= end) or (finding.code, start, end) in named:
                found.append(finding)
        return found

    def code_actions(self, span: Mapping[str, Any], diagnostics: Sequence[Mapping[str, Any]] = (), only: Optional[Sequence[str]] = None) -> List[Json]:
        """Each finding's fix (unsafe ones marked and never preferred), its noqa, and fix-all."""
        actions: List[Json] = []
        noqa_lines = set()
        for finding in self.findings_in(span, diagnostics):
            if finding.fix:
                unsafe = finding.fix.applicability != SAFE
                title = "ms-lint (%s): %s%s" % (finding.code, finding.fix.message, " (unsafe)" if unsafe else "")
                actions.append(self._action(title, QUICKFIX, self._text_edits(finding.fix.edits), [finding], preferred=not unsafe))
            edit = self.noqa_edit(finding)
            if edit and (finding.line, finding.code) not in noqa_lines:
                noqa_lines.add((finding.line, finding.code))
                actions.append(self._action("Disable %s for this line" % finding.code, QUICKFIX, self._text_edits([edit]), [finding]))
        if any(f.fix and f.fix.applicability == SAFE for f in self.result.findings):
            fixed = self.fix_all_edits()
            if fixed:
                actions.append(self._action("Fix all safe ms-lint fixes", FIX_ALL, fixed, []))
        return [a for a in actions if not only or any(a["kind"] == k or a["kind"].startswith(k + ".") for k in only)]

    def _action(self, title: str, kind: str, edits: List[Json], findings: Iterable[Finding], preferred: bool = False) -> Json:
        action = {"title": title, "kind": kind, "edit": {"changes": {self.uri: edits}}, "diagnostics": [self.diagnostic(f) for f in findings]}
        if kind == QUICKFIX:
            action["isPreferred"] = preferred
        return action

    def _text_edits(self, edits: Iterable[Edit]) -> List[Json]:
        return [{"range": self.range(e), "newText": e.content} for e in edits]

    def noqa_edit(self, finding: Finding) -> Optional[Edit]:
        """`# noqa: CODE` on the finding's line, merged into a noqa comment already there; None where it cannot go."""
        line = self.lines[finding.line - 1].rstrip("\r\n") if finding.line <= len(self.lines) else ""
        match = NOQA.search(line)
        if match and not match.group("codes"):
            return None  # a bare noqa silences every code already
        if match:
            end = match.start("codes") + len(match.group("codes").rstrip(", \t"))
            edit = Edit(finding.line, end, finding.line, end, ", " + finding.code)
        else:
            end = len(line.rstrip())
            edit = Edit(finding.line, end, finding.line, len(line), "  # noqa: %s" % finding.code)
        try:
            ast.parse(apply_edits(self.source, [edit]))
        except (SyntaxError, ValueError):
            return None  # the line ends inside a string or a continuation: a comment cannot go there
        return edit

    def fix_all_edits(self) -> List[Json]:
        """The text edits that apply every safe fix (re-linting until none is left), line by line."""
        path = self.path or "<editor>"
        outcome = fix_source(self.source, self.result.findings, lambda text: lint_source(text, path, self.settings).findings, unsafe=False)
        if outcome.error or outcome.source == self.source:
            return []
        new_lines = physical_lines(outcome.source)
        edits = []
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, physical_lines(self.source), new_lines, autojunk=False).get_opcodes():
            if tag != "equal":
                edits.append({"range": {"start": {"line": i1, "character": 0}, "end": self._line_start(i2)}, "newText": "".join(new_lines[j1:j2])})
        return edits

    def _line_start(self, index: int) -> Json:
        """The start of a line; past the last line, the end of the document."""
        last = self.lines[-1]
        if index < len(self.lines) or last.endswith(("\n", "\r")):
            return {"line": index, "character": 0}
        return {"line": len(self.lines) - 1, "character": self.columns(last, len(last))}

    def hover(self, position: Mapping[str, Any]) -> Optional[str]:
        """The pages of the rules reported at a position (the `--explain` text), as markdown."""
        at = _point(position)
        codes = []
        for finding in self.result.findings:
            if _point(self.position(finding.line, finding.col)) <= at <= _point(self.position(finding.end_line, finding.end_col)) and finding.code not in codes:
                codes.append(finding.code)
        pages = [rule_doc(code) or "%s: %s" % (code, self._summary(code)) for code in codes]
        return "\n\n---\n\n".join(pages) or None

    def _summary(self, code: str) -> str:
        return next(f.rule.summary for f in self.result.findings if f.code == code)


def _point(position: Mapping[str, Any]) -> Tuple[int, int]:
    return position["line"], position["character"]
