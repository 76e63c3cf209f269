"""What every format renders: the findings with their paths, the files that could not be checked,
and the pieces several formats share (the JSON objects, fingerprints, relative paths, rule pages)."""
from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from ms_lint.files import read_source
from ms_lint.model import SAFE, Finding, finding_to_json
from ms_lint.registry import INTERNAL_ERROR, failure_message

Located = Tuple[str, Finding]  # (display path, finding)
Failure = Tuple[str, str]  # (display path, why it could not be checked)
PROJECT_URL = "https://github.com/ms-lint/ms-lint"
RULE_DOCS_URL = PROJECT_URL + "/blob/main/docs/rules/%s.md"


@dataclass(frozen=True)
class Report:
    """One run's results; `unsafe_fixes` says whether unsafe fixes count as applicable, `sources` holds
    the text of sources that have no file to read again (stdin), by display path."""

    located: Sequence[Located]
    failures: Sequence[Failure] = ()
    unsafe_fixes: bool = False
    sources: Mapping[str, str] = field(default_factory=dict)
    unresolved: Mapping[str, int] = field(default_factory=dict)  # module with no source found -> files that asked

    def source(self, path: str) -> str:
        """The source the findings of `path` were found in, for quoting its lines ("" when it is gone)."""
        return self.sources[path] if path in self.sources else source_text(path)

    def applicable(self, finding: Finding) -> bool:
        """Whether `--fix` (with the run's `--unsafe-fixes`) would apply the finding's fix."""
        return finding.fix is not None and (finding.fix.applicability == SAFE or self.unsafe_fixes)

    def hidden(self, finding: Finding) -> bool:
        """Whether the finding has a fix that only `--unsafe-fixes` would apply."""
        return finding.fix is not None and not self.applicable(finding)


def unresolved_note(asked: Mapping[str, int]) -> str:
    """One sentence naming the modules no source was found for, with how many files asked."""
    return "no source found for %d module(s), so what they define is out of sight: %s" % (
        len(asked), ", ".join("%s (%d file%s)" % (m, n, "" if n == 1 else "s") for m, n in sorted(asked.items())))


def rule_doc(code: str) -> Optional[str]:
    """The rule's documentation page: shipped in the package, or docs/rules in a source checkout."""
    for page in (
        files("ms_lint").joinpath("docs", "%s.md" % code),
        Path(__file__).resolve().parents[2] / "docs" / "rules" / ("%s.md" % code),  # source checkout
    ):
        if page.is_file():
            return page.read_text(encoding="utf-8")
    return None


def doc_section(page: str, title: str) -> str:
    """One `## title` section of a rule page, as a single paragraph of text."""
    match = re.search(r"^## %s\s*$(.*?)(?=^## |\Z)" % re.escape(title), page, re.MULTILINE | re.DOTALL)
    return " ".join(match.group(1).split()) if match else ""


def finding_json(path: str, finding: Finding) -> Dict[str, Any]:
    """A finding in the JSON contract (`--format json`): ms_lint.model's JSON with the rule's name, the
    path, and the rule's severity where the finding sets none."""
    data = finding_to_json(finding)
    data["severity"] = finding.effective_severity
    return {"code": data.pop("code"), "name": finding.rule.name, "path": path, **data}


def failure_json(path: str, why: str) -> Dict[str, Any]:
    """A file that could not be checked, as a JSON finding of MSL000 on line 1 (the shape flake8 and pylint give it)."""
    return {
        "code": INTERNAL_ERROR.code,
        "name": INTERNAL_ERROR.name,
        "path": path,
        "line": 1,
        "column": 1,
        "end_line": 1,
        "end_column": 1,
        "message": failure_message(why),
        "severity": INTERNAL_ERROR.severity,
        "fix": None,
    }


def report_json(report: Report) -> List[Dict[str, Any]]:
    """Every finding, then every file that could not be checked, as JSON contract objects."""
    return [finding_json(p, f) for p, f in report.located] + [failure_json(p, why) for p, why in report.failures]


def fingerprints(located: Sequence[Located]) -> List[str]:
    """Stable across unrelated edits: path, code and message (the user's own expressions), numbered when repeated."""
    seen: Counter = Counter()
    prints = []
    for path, f in located:
        key = "\0".join((Path(path).as_posix(), f.code, f.message))
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
        prints.append("%s:%d" % (digest, seen[digest]))
        seen[digest] += 1
    return prints


def relative_path(path: str) -> Optional[str]:
    """The path relative to the working directory, with `/`; None when the file is outside it."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive
        return None
    return None if relative.startswith(os.pardir) else Path(relative).as_posix()


def source_text(path: str) -> str:
    """A file's source for quoting its lines, or "" when it cannot be read any more."""
    try:
        return read_source(path)
    except (OSError, UnicodeDecodeError, SyntaxError, LookupError):
        return ""
