"""Case files: code whose comments say what each front-end must report (`# MSL101`)."""
from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, FrozenSet, Set, Tuple

from ms_lint.suppression import NOQA

CASES = Path(__file__).parent / "cases"
_EXPECTED = re.compile(r"\bMSL[0-9]{3}\b")
_DIRECTIVE = re.compile(r"#\s*ms-lint-case:(.*)")

Expected = Set[Tuple[int, str]]


@dataclass(frozen=True)
class Case:
    path: Path
    options: Tuple[Tuple[str, str], ...]  # ms-lint-case directives, e.g. (("target-version", "1.10"),)

    @property
    def id(self) -> str:
        return self.path.stem

    def option(self, key: str, default: str = "") -> str:
        return dict(self.options).get(key, default)

    def expected(self) -> Expected:
        """(line, code) for every `# MSLnnn` in a comment, codes after `noqa` excepted."""
        found = set()
        for number, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), 1):
            if "#" not in line or _DIRECTIVE.search(line):
                continue
            comment = NOQA.sub("", line[line.index("#"):])
            found.update((number, code) for code in _EXPECTED.findall(comment))
        return found

    def codes(self) -> FrozenSet[str]:
        return frozenset(code for _, code in self.expected())


def load_cases() -> Dict[str, Case]:
    cases = {}
    for path in sorted(CASES.rglob("*.py")):
        options = []
        for line in path.read_text(encoding="utf-8").splitlines()[:10]:
            match = _DIRECTIVE.search(line)
            if match:
                options += [tuple(item.split("=", 1)) for item in shlex.split(match.group(1))]
        cases[path.stem] = Case(path, tuple(options))
    return cases
