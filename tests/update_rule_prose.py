"""Write each rule's summary (`Rule.summary`, the text of `--list-rules`) into README's rule table and
under the title of its docs page, for maintainers.

    python tests/update_rule_prose.py [--write]

The summary is written once, in the rule's definition; README's table (a row per rule: code, name,
summary, fix) and the paragraph after each docs page's title are generated from the registry.
tests/test_rule_registry.py fails when they differ. Without --write it prints the changes as a diff
and exits 1 if there are any; with --write it writes them.
"""
from __future__ import annotations

import argparse
import difflib
import re
import sys
from pathlib import Path
from typing import Dict

from ms_lint.model import Rule
from ms_lint.registry import listed_rules

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
TABLE_HEAD = "| code | name | what it finds | fix |\n|---|---|---|---|\n"
_TABLE = re.compile(r"^%s(?:\|.*\n)*" % re.escape(TABLE_HEAD), re.M)
_TITLE = re.compile(r"\A(# MSL[0-9]{3} [a-z0-9-]+\n\n)(?:(?![^\n]* · pylint: )[^\n]+\n\n)?")  # title, the summary once written


def page_path(code: str) -> Path:
    return ROOT / "docs" / "rules" / ("%s.md" % code)


def readme_row(rule: Rule) -> str:
    """The rule's row in README's table: an opt-in rule's summary says it is off by default."""
    finds = rule.summary if rule.default_enabled else "(off by default) " + rule.summary
    return "| [%s](docs/rules/%s.md) | %s | %s | %s |" % (rule.code, rule.code, rule.name, finds, rule.fix or "none")


def readme_with_table(readme: str, rules: Dict[str, Rule]) -> str:
    """README with its rule table generated from the rules."""
    table = TABLE_HEAD + "".join(readme_row(rule) + "\n" for rule in rules.values())
    if not _TABLE.search(readme):
        raise SystemExit("README.md: no rule table starting %r" % TABLE_HEAD)
    return _TABLE.sub(lambda _: table, readme, count=1)


def page_with_summary(page: str, rule: Rule) -> str:
    """A docs page with the rule's summary as the paragraph after its title."""
    match = _TITLE.match(page)
    if match is None:
        raise SystemExit("%s: the page does not start with `# CODE name`" % page_path(rule.code).name)
    return match.group(1) + rule.summary + ".\n\n" + page[match.end() :]


def generated() -> Dict[Path, str]:
    """Every generated file's text: README.md and each rule's page."""
    rules = listed_rules()
    texts = {README: readme_with_table(README.read_text(encoding="utf-8"), rules)}
    for code, rule in rules.items():
        texts[page_path(code)] = page_with_summary(page_path(code).read_text(encoding="utf-8"), rule)
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="write the changes instead of printing them")
    args = parser.parse_args()
    changed = 0
    for path, text in generated().items():
        current = path.read_text(encoding="utf-8")
        if text == current:
            continue
        changed += 1
        if args.write:
            path.write_text(text, encoding="utf-8")
        else:
            name = str(path.relative_to(ROOT))
            sys.stdout.writelines(difflib.unified_diff(current.splitlines(True), text.splitlines(True), name, name))
    print("%d file%s %s" % (changed, "" if changed == 1 else "s", "written" if args.write else "to update"), file=sys.stderr)
    return 1 if changed and not args.write else 0


if __name__ == "__main__":
    sys.exit(main())
