"""Measure MindSpore 1.5 to 1.10 from their wheels' sources and write the facts into api_facts.toml:
`python tests/oracle/measure_1x.py WHEEL_DIR` (the wheels: see WHEELS; never imported)."""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from static_facts import StaticWheel, shape_of_source  # noqa: E402

from ms_lint.facts import format_version, load_facts, parse_version  # noqa: E402

# the last release of each minor version, as pip names its wheel (Python 3.9, x86_64)
WHEELS = {"1.5": "mindspore_gpu-1.5.2", "1.6": "mindspore_gpu-1.6.2", "1.7": "mindspore_gpu-1.7.0",
          "1.8": "mindspore_gpu-1.8.1", "1.9": "mindspore_gpu-1.9.0", "1.10": "mindspore_gpu-1.10.0"}
MODULES = ("mindspore", "mindspore.nn", "mindspore.ops")  # the ones 1.x has of the table's modules
TABLE = Path(__file__).resolve().parents[2] / "ms_lint" / "facts" / "api_facts.toml"


def wheel_path(folder: Path, version: str) -> Optional[Path]:
    return next(iter(sorted(folder.glob(WHEELS[version] + "-*.whl"))), None)


def signature_table(existing: List[Tuple[str, str]], measured: Dict[str, Optional[str]]) -> List[Tuple[str, str]]:
    """The entry's signatures by first version, the 1.x ones read from the wheels before the 2.x
    ones the table has; a version keeps its predecessor's text where the parameters are the same."""
    rows = [(v, s) for v, s in measured.items() if s is not None]
    rows += [(v, s) for v, s in existing if parse_version(v) >= (2, 0)]
    rows.sort(key=lambda row: parse_version(row[0]))
    out: List[Tuple[str, str]] = []
    for version, source in rows:
        if out and shape_of_source(out[-1][1]) == shape_of_source(source):
            continue
        out.append((version, source))
    # a 2.x text wins over a 1.x reading of the same parameters (the table's inspect spelling)
    texts = {tuple(map(str, shape_of_source(s))): s for v, s in rows if parse_version(v) >= (2, 0)}
    return [(v, texts.get(tuple(map(str, shape_of_source(s))), s)) for v, s in out]


def toml_value(table: List[Tuple[str, str]]) -> str:
    if len(table) == 1:
        return _quote(table[0][1])
    return "{ %s }" % ", ".join("%s = %s" % (_quote(v), _quote(s)) for v, s in table)


def _quote(text: str) -> str:
    return '"%s"' % text.replace("\\", "\\\\").replace('"', '\\"')


def export_lines(version: str, names: List[str]) -> List[str]:
    lines, line = ['exports."%s" = [' % version], "   "
    for name in names:
        item = ' "%s",' % name
        if len(line) + len(item) > 99:
            lines.append(line)
            line = "   "
        line += item
    lines.append(line.rstrip(","))
    return lines + ["]"]


def measure(folder: Path) -> Dict[str, StaticWheel]:
    wheels = {}
    for version in WHEELS:
        path = wheel_path(folder, version)
        if path is None:
            raise SystemExit("measure_1x: no %s wheel in %s" % (WHEELS[version], folder))
        wheels[version] = StaticWheel(str(path))
    return wheels


def rewrite(lines: List[str], wheels: Dict[str, StaticWheel]) -> List[str]:
    """The table's lines with every entry's 1.x signatures, absences and module exports."""
    facts = load_facts()
    out: List[str] = []
    section: Optional[str] = None
    insert_at: Dict[str, int] = {}
    skipping = False
    for line in lines:
        if skipping or re.match(r'^exports\."1\.', line):  # the 1.x lists of an earlier run
            skipping = line != "]"
            continue
        if line.startswith("["):
            header = re.match(r'^\[(api|modules)\."([^"]+)"\]$', line)
            section = "%s:%s" % header.groups() if header else None
        kind, _, name = (section or "").partition(":")
        if kind == "modules" and line.startswith('exports."2.0"'):
            for version, wheel in wheels.items():
                names = wheel.exports(name)
                if names is not None:
                    out += export_lines(version, names)
        if kind == "api" and line.startswith(("signature = ", "absent = ")):
            insert_at.setdefault(name, len(out))
            continue
        out.append(line)
        if kind == "api" and line.strip() and not line.startswith("#") and name in facts.entries:
            insert_at.setdefault("end:" + name, 0)
            insert_at["end:" + name] = len(out)
    points = {q: insert_at.get(q, insert_at.get("end:" + q)) for q in facts.entries}
    for qualname in sorted(points, key=lambda q: -points[q]):
        out[points[qualname]:points[qualname]] = entry_rows(facts, qualname, wheels)
    return out


def entry_rows(facts: Any, qualname: str, wheels: Dict[str, StaticWheel]) -> List[str]:
    entry = facts.entries[qualname]
    data = entry.data
    rows = []
    present = {v: w.exists(qualname) for v, w in wheels.items()}
    since = data.get("since")
    before_since = {v for v in present if since and parse_version(since) > parse_version(v)}
    absent = [v for v, found in present.items() if found is False and v not in before_since]
    if since and any(present[v] for v in present if parse_version(v) < parse_version(since)):
        print("measure_1x: %s exists before its since (%s)" % (qualname, since), file=sys.stderr)
    absent += [v for v in data.get("absent", ()) if parse_version(v) >= (2, 0)]
    existing = data.get("signature")
    if existing is not None:
        first_2x = min((v for v in facts.measured if v >= (2, 0) and entry.available(v)), default=(2, 0))
        pairs = (sorted(existing.items(), key=lambda kv: parse_version(kv[0])) if isinstance(existing, dict)
                 else [(format_version(first_2x), existing)])
        measured = {v: (wheels[v].source(qualname) if present[v] else None) for v in wheels}
        for v, found in present.items():
            if found and measured[v] is None:
                print("measure_1x: %s at %s: no signature in the sources" % (qualname, v), file=sys.stderr)
        table = signature_table(pairs, measured)
        rows.append("signature = " + toml_value(table))
    if absent:
        rows.insert(0, "absent = [%s]" % ", ".join(_quote(v) for v in sorted(absent, key=parse_version)))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("wheels", type=Path)
    folder = parser.parse_args().wheels
    wheels = measure(folder)
    lines = TABLE.read_text().splitlines()
    TABLE.write_text("\n".join(rewrite(lines, wheels)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
