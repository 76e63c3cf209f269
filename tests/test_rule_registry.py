"""Every rule is four things, and its code, name and ids are stable; its summary, README's table row
and the paragraph under its page's title are one text."""
import re
from pathlib import Path

import pytest
from update_rule_prose import generated

from ms_lint.model import Rule
from ms_lint.registry import INTERNAL_ERROR, all_rules, listed_rules

ROOT = Path(__file__).resolve().parent.parent
RULES = all_rules()
LISTED = listed_rules()
SECTIONS = ["## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Fix safety", "## Versions"]


@pytest.mark.parametrize("code", sorted(LISTED))
def test_docs_page_has_every_section(code):
    page = (ROOT / "docs" / "rules" / ("%s.md" % code)).read_text(encoding="utf-8")
    assert page.startswith("# %s %s" % (code, LISTED[code].name))
    positions = [page.find(section) for section in SECTIONS]
    assert -1 not in positions and positions == sorted(positions), "sections missing or out of order"


@pytest.mark.parametrize("code", sorted(RULES))
def test_oracle_test_and_readme_row_exist(code):
    assert (ROOT / "tests" / "oracle" / ("test_%s.py" % code)).is_file()
    assert "| [%s](docs/rules/%s.md) | %s |" % (code, code, RULES[code].name) in (ROOT / "README.md").read_text()


def test_codes_names_and_pylint_ids_are_unique():
    rules = list(LISTED.values())
    for attribute in ("code", "name", "symbol", "pylint_msgid"):
        values = [getattr(r, attribute) for r in rules]
        assert len(values) == len(set(values)), attribute
    assert all(re.fullmatch(r"MSL[1-4][0-9]{2}", r.code) and not r.internal for r in RULES.values())
    assert [r for r in rules if r.internal] == [INTERNAL_ERROR] and INTERNAL_ERROR.code not in RULES


def test_pylint_ids_are_the_family_checker_and_the_number():
    """W/E5Nxx for MSLNxx by severity; MSL000 is the first checker's fatal message F5100."""
    assert {r.code: r.pylint_msgid for r in LISTED.values() if r.code in ("MSL000", "MSL101", "MSL112", "MSL231", "MSL401")} == {
        "MSL000": "F5100", "MSL101": "W5101", "MSL112": "E5112", "MSL231": "E5231", "MSL401": "W5401",
    }
    assert (INTERNAL_ERROR.symbol, INTERNAL_ERROR.family, INTERNAL_ERROR.pylint_checker) == ("ms-internal-error", 0, 1)
    with pytest.raises(ValueError):
        Rule("MSL12", "short-code", "A code without three digits")


README_ROWS = {
    code: (name, fires, fix)
    for code, name, fires, fix in re.findall(
        r"^\| \[(MSL\d{3})\]\(docs/rules/MSL\d{3}\.md\) \| ([a-z0-9-]+) \| (.*) \| (safe|unsafe|none) \|$",
        (ROOT / "README.md").read_text(encoding="utf-8"),
        re.M,
    )
}


def test_readme_table_lists_every_rule_with_its_default_and_fix():
    assert sorted(README_ROWS) == sorted(LISTED)
    for code, (name, fires, fix) in README_ROWS.items():
        rule = LISTED[code]
        assert (name, fires.startswith("(off by default)"), fix) == (rule.name, not rule.default_enabled, rule.fix or "none"), code
        if not rule.default_enabled:
            assert "off by default" in (ROOT / "docs" / "rules" / ("%s.md" % code)).read_text(encoding="utf-8").lower(), code


def test_readme_table_and_page_summaries_are_the_rule_summaries():
    """README's table and the paragraph under each page's title are generated from `Rule.summary`."""
    stale = sorted(str(path.relative_to(ROOT)) for path, text in generated().items() if path.read_text(encoding="utf-8") != text)
    assert stale == [], "written apart from the rules' summaries; run `python tests/update_rule_prose.py --write`"


@pytest.mark.parametrize("code", sorted(LISTED))
def test_page_header_line_states_the_rules_default_fix_and_pylint_ids(code):
    """The line after the summary: on by default or how to turn it on, the fix, the pylint symbol and id."""
    rule = LISTED[code]
    line = (ROOT / "docs" / "rules" / ("%s.md" % code)).read_text(encoding="utf-8").split("\n\n")[2]
    default, fix, pylint = line.split(" · ")
    if rule.internal:
        assert default.startswith("Always on"), line
    else:
        assert default.startswith("Enabled by default" if rule.default_enabled else "Off by default (`--extend-select %s`)" % code), line
    assert re.fullmatch(r"Fix: %s\b.*" % (rule.fix or "none"), fix), line
    assert pylint == "pylint: `%s` (%s)" % (rule.symbol, rule.pylint_msgid)


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
