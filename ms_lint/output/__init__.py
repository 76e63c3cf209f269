"""Output formats: each renders a Report (findings with their paths, files not checked) as text."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Dict, Optional

from ms_lint.output.ci import azure, github, gitlab, junit
from ms_lint.output.documents import json_lines, json_list, rdjson, sarif
from ms_lint.output.report import Failure, Located, Report, rule_doc
from ms_lint.output.text import concise, fix_notes, full, grouped, pylint, statistics
from ms_lint.registry import listed_rules

__all__ = [
    "FORMATS", "LIST_FORMATS", "Failure", "Located", "Report",
    "deliver", "explain", "fix_notes", "github", "list_rules", "render", "rule_doc", "statistics",
]

FORMATS: Dict[str, Callable[[Report], str]] = {
    "text": concise, "concise": concise, "full": full, "grouped": grouped, "pylint": pylint,
    "json": json_list, "json-lines": json_lines, "sarif": sarif, "rdjson": rdjson,
    "github": github, "azure": azure, "gitlab": gitlab, "junit": junit,
}
LIST_FORMATS = ("text", "concise", "json", "json-lines", "sarif")  # what `--list-rules` can print
RULE_FIELDS = ("code", "name", "summary", "default_enabled", "fix")


def render(name: str, report: Report) -> str:
    """The report in the named format."""
    return FORMATS[name](report)


def list_rules(fmt: str) -> str:
    """`--list-rules` in one of LIST_FORMATS: a line per rule, a JSON list or lines, or a SARIF run with no results."""
    rules = listed_rules().values()
    items = [{field: getattr(r, field) for field in RULE_FIELDS} for r in rules]
    if fmt == "json":
        return json.dumps(items, indent=2)
    if fmt == "json-lines":
        return "\n".join(json.dumps(item) for item in items)
    if fmt == "sarif":
        return sarif(Report([]))
    return "\n".join("%s  %-36s %s%s" % (r.code, r.name, r.summary, "" if r.default_enabled else "  (opt-in)") for r in rules)


def explain(code_or_name: str) -> Optional[str]:
    """`--explain`: the page of a rule given by code (`MSL101`), name or pylint symbol; None if there is none."""
    rules = listed_rules()
    codes: Dict[str, str] = {}
    for code, rule in rules.items():
        codes.update({code: code, rule.name: code, rule.symbol: code})
    code = codes.get(code_or_name.upper()) or codes.get(code_or_name.lower())
    if code is None:
        return None
    return rule_doc(code) or "%s %s: %s" % (code, rules[code].name, rules[code].summary)


def deliver(output: str, output_file: Optional[str] = None) -> Optional[str]:
    """Print the rendered report, or write it to `output_file`; the one-line reason when it cannot be written."""
    if not output_file:
        if output:
            print(output)
        return None
    try:
        Path(output_file).parent.mkdir(parents=True, exist_ok=True)
        Path(output_file).write_text(output + "\n" if output else "", encoding="utf-8")
    except OSError as error:
        return "%s: cannot write: %s" % (output_file, error.strerror or error)
    return None
