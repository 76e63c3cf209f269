"""Every rule is four things, and its code, name and ids are stable and match README's table."""
import re
from pathlib import Path

import pytest

from ms_lint.registry import all_rules

ROOT = Path(__file__).resolve().parent.parent
RULES = all_rules()
SECTIONS = ["## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Fix safety", "## Versions"]


@pytest.mark.parametrize("code", sorted(RULES))
def test_docs_page_has_every_section(code):
    page = (ROOT / "docs" / "rules" / ("%s.md" % code)).read_text(encoding="utf-8")
    assert page.startswith("# %s %s" % (code, RULES[code].name))
    positions = [page.find(section) for section in SECTIONS]
    assert -1 not in positions and positions == sorted(positions), "sections missing or out of order"


@pytest.mark.parametrize("code", sorted(RULES))
def test_oracle_test_and_readme_row_exist(code):
    assert (ROOT / "tests" / "oracle" / ("test_%s.py" % code)).is_file()
    assert "| [%s](docs/rules/%s.md) | %s |" % (code, code, RULES[code].name) in (ROOT / "README.md").read_text()


def test_codes_names_and_pylint_ids_are_unique():
    rules = list(RULES.values())
    for attribute in ("code", "name", "pylint_msgid"):
        values = [getattr(r, attribute) for r in rules]
        assert len(values) == len(set(values)), attribute
    assert all(re.fullmatch(r"MSL[1-4][0-9]{2}", r.code) for r in rules)


README_ROWS = {
    code: (name, fires, fix)
    for code, name, fires, fix in re.findall(
        r"^\| \[(MSL\d{3})\]\(docs/rules/MSL\d{3}\.md\) \| ([a-z0-9-]+) \| (.*) \| (safe|unsafe|none) \|$",
        (ROOT / "README.md").read_text(encoding="utf-8"),
        re.M,
    )
}


def test_readme_table_lists_every_rule_with_its_default_and_fix():
    assert sorted(README_ROWS) == sorted(RULES)
    for code, (name, fires, fix) in README_ROWS.items():
        rule = RULES[code]
        assert (name, fires.startswith("(off by default)"), fix) == (rule.name, not rule.default_enabled, rule.fix or "none"), code
        if not rule.default_enabled:
            assert "off by default" in (ROOT / "docs" / "rules" / ("%s.md" % code)).read_text(encoding="utf-8").lower(), code


def test_every_rule_that_declares_a_fix_offers_one_in_its_case_files():
    from case_files import load_cases

    from ms_lint.engine import lint_source

    fixed = set()
    for case in load_cases().values():
        result = lint_source(case.source(), str(case.path), case.settings())
        fixed |= {f.code for f in result.findings if f.fix is not None}
    declared = {code for code, rule in RULES.items() if rule.fix}
    assert declared - fixed == set(), "rules that declare a fix but offer none in their case files"
    assert fixed - declared == set(), "rules that offer a fix but do not declare one"


def test_the_flake8_plugin_default_ignores_exactly_the_opt_in_rules():
    from ms_lint.flake8_plugin import OPT_IN_CODES

    assert list(OPT_IN_CODES) == [r.code for r in all_rules().values() if not r.default_enabled]
