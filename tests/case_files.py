"""Case files: code whose comments say what each front-end must report, where, and what --fix makes of it.

A case file is `tests/cases/<CODE>_<topic>.py`, written in this format:

- `# MSL101: 17` on a line expects one MSL101 finding on that line at column 17. Columns are 0-based
  character offsets, as the engine's `Finding.col`, pylint's `{column}` and flake8-bugbear's eval files
  (`# B002: 8`); flake8's `%(col)d`, the text output and `--format json` print the same column plus one.
  Several findings on one line: `# MSL112: 21, MSL112: 40`. Prose may follow: `# MSL113: 8; no rename`.
  Every expectation carries its column: a bare `# MSL101` is an error. Codes after `noqa` are
  suppressions, not expectations.
- `# ms-lint-case: target-version=2.0 extend-select=MSL124` in the first 10 lines sets options that
  every front-end receives.
- `# look-alikes` (prose may follow: `# look-alikes: layers built once`) opens a block of clean code
  that resembles the trap: the statements after it, up to the first statement indented less than the
  marker (at column 0: to the end of the file). A block neither expects nor produces a finding of the
  case's rule (the code its name starts with); a look-alike another rule reports carries that rule's
  expectation as usual. Every case file has at least one block, holding at least one statement.
- `<name>.fixed.py` beside a case with a fixable finding holds the whole case, comments included,
  after `ms-lint --fix --unsafe-fixes` with the case's options; tests/test_fixes.py checks that
  `--fix` and `--diff` give it and that a second `--fix` changes nothing. It is not a case itself,
  and a case without a fixable finding has none.

`python tests/update_cases.py` regenerates columns and fixed files from the engine (see its docstring).
"""
from __future__ import annotations

import ast
import io
import re
import shlex
import tokenize
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, FrozenSet, List, Tuple

from ms_lint.engine.settings import Settings
from ms_lint.engine.suppression import NOQA

CASES = Path(__file__).parent / "cases"
FIXED_SUFFIX = ".fixed.py"
CODE = re.compile(r"\bMSL[0-9]{3}\b")
EXPECTATION = re.compile(r"\b(MSL[0-9]{3}):[ \t]*([0-9]+)\b")
LOOK_ALIKES = re.compile(r"#\s*look-alikes\b")
_DIRECTIVE = re.compile(r"#\s*ms-lint-case:(.*)")

Expected = List[Tuple[int, int, str]]  # sorted (line, column, code), one entry per finding


class CaseFormatError(ValueError):
    """A case file that breaks the format above; the message says how to write it."""


def comments(source: str) -> List[Tuple[int, int, str]]:
    """(line, column, text) of every comment token in the source."""
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return [(t.start[0], t.start[1], t.string) for t in tokens if t.type == tokenize.COMMENT]


def expectation_text(comment: str) -> str:
    """The part of a comment that may hold expectations: empty for directives, noqa codes removed."""
    return "" if _DIRECTIVE.search(comment) else NOQA.sub("", comment)


@dataclass(frozen=True)
class Case:
    path: Path
    options: Tuple[Tuple[str, str], ...]  # ms-lint-case directives, e.g. (("target-version", "1.10"),)

    @property
    def id(self) -> str:
        return self.path.stem

    @property
    def rule(self) -> str:
        return self.path.name.split("_", 1)[0]

    @property
    def fixed_path(self) -> Path:
        return self.path.with_name(self.path.stem + FIXED_SUFFIX)

    def option(self, key: str, default: str = "") -> str:
        return dict(self.options).get(key, default)

    def extend_select(self) -> Tuple[str, ...]:
        return tuple(code for code in self.option("extend-select").split(",") if code)

    def settings(self) -> Settings:
        """The engine's settings for the case's options."""
        return Settings(extend_select=self.extend_select(), target_version=self.option("target-version") or None)

    def cli_flags(self) -> List[str]:
        """The `ms-lint` options for the case's options."""
        flags = ["--isolated"]
        if self.option("extend-select"):
            flags.append("--extend-select=" + self.option("extend-select"))
        if self.option("target-version"):
            flags.append("--target-version=" + self.option("target-version"))
        return flags

    def source(self) -> str:
        return self.path.read_text(encoding="utf-8")

    def expected(self) -> Expected:
        """(line, column, code) for every `MSLnnn: column` in a comment; a code without a column raises."""
        found = []
        for line, _, comment in comments(self.source()):
            text = expectation_text(comment)
            found += [(line, int(column), code) for code, column in EXPECTATION.findall(text)]
            bare = CODE.findall(EXPECTATION.sub("", text))
            if bare:
                raise CaseFormatError(
                    "%s:%d: `%s` lacks its column: write `# %s: <column>` (0-based, the engine's Finding.col; "
                    "flake8 and --format json print it plus one), or fill every column from the engine with "
                    "`python tests/update_cases.py --write %s`" % (self.path.name, line, bare[0], bare[0], self.id)
                )
        return sorted(found)

    def codes(self) -> FrozenSet[str]:
        return frozenset(code for _, _, code in self.expected())

    def look_alike_lines(self) -> List[range]:
        """The lines of each `# look-alikes` block: from the marker to the first statement indented less."""
        source = self.source()
        starts = sorted({(n.lineno, n.col_offset) for n in ast.walk(ast.parse(source)) if isinstance(n, ast.stmt)})
        last = len(source.splitlines())
        blocks = []
        for line, column, comment in comments(source):
            if LOOK_ALIKES.match(comment):
                end = next((row for row, col in starts if row > line and col < column), last + 1)
                blocks.append(range(line + 1, end))
        return blocks


def load_cases() -> Dict[str, Case]:
    """Every case file under tests/cases by stem; expected `*.fixed.py` results are not cases."""
    cases = {}
    for path in sorted(CASES.rglob("*.py")):
        if path.name.endswith(FIXED_SUFFIX):
            continue
        options = []
        for line in path.read_text(encoding="utf-8").splitlines()[:10]:
            match = _DIRECTIVE.search(line)
            if match:
                options += [tuple(item.split("=", 1)) for item in shlex.split(match.group(1))]
        cases[path.stem] = Case(path, tuple(options))
    return cases
