"""The facts table's legend (the comment block at the top of api_facts.toml) lists every table, key
and trait the table uses, and nothing else; rules read the table only through ms_lint.facts."""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path
from typing import Dict, Set, Tuple

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on the old-Python tox environments
    import tomli as tomllib

PACKAGE = Path(__file__).resolve().parent.parent / "ms_lint"
TABLE = PACKAGE / "facts" / "api_facts.toml"
HEADER = re.compile(r'^# \[([a-z-]+)(\."<[^>]+>")?\]')  # `# [versions]`, `# [api."<qualified name>"]`
KEY = re.compile(r"^#   ([a-z][a-z-]*)(?:\s{2,}|$)")  # `#   since      ...`; deeper lines continue a key
TRAIT = re.compile(r'"([a-z][a-z-]*)"')
KEBAB = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def legend() -> Tuple[Dict[str, Set[str]], Set[str], Set[str]]:
    """The legend's tables with their keys, the tables whose rows are named things, and the traits."""
    tables: Dict[str, Set[str]] = {}
    rows: Set[str] = set()
    traits: Set[str] = set()
    table, key = None, None
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        header, found = HEADER.match(line), KEY.match(line)
        if header:
            table, key = header.group(1), None
            tables[table] = set()
            if header.group(2):
                rows.add(table)
        elif found and table is not None:
            key = found.group(1)
            tables[table].add(key)
        if key == "traits":
            traits.update(TRAIT.findall(line))
    return tables, rows, traits


DATA = tomllib.loads(TABLE.read_text(encoding="utf-8"))
TABLES, ROWS, TRAITS = legend()


def used_keys(table: str) -> Set[str]:
    """The keys the table's rows use (a table of rows), or its own keys."""
    value = DATA[table]
    if table in ROWS:
        return {k for row in value.values() for k in row}
    return set(value) if TABLES[table] else set()


def test_the_legend_lists_every_table():
    assert set(TABLES) == set(DATA)


def test_the_legend_lists_every_key_each_table_uses_and_no_other():
    assert {t: used_keys(t) for t in TABLES} == TABLES


def test_the_legend_lists_every_trait_the_entries_use_and_no_other():
    used = {t for entry in DATA["api"].values() for t in entry.get("traits", ())}
    assert used == TRAITS


def test_every_key_is_kebab_case():
    keys = set(DATA) | {k for t in TABLES for k in used_keys(t)} | TRAITS
    assert [k for k in sorted(keys) if not KEBAB.match(k)] == []


def test_no_rule_reads_the_raw_table():
    """Outside ms_lint/facts, an entry's `.data` (the raw TOML) is never read."""
    readers = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if PACKAGE / "facts" in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "data":
                readers.append("%s:%d" % (path.relative_to(PACKAGE), node.lineno))
    assert readers == []
