"""The oracle: each rule's trap and ms-lint's own fix, run on the real MindSpore (and PyTorch)."""
from __future__ import annotations

import textwrap
from typing import Any, Dict, Set

import pytest

pytest.importorskip("mindspore", reason="the oracle runs in `tox -e oracle`, with MindSpore installed")

from ms_lint.engine import lint_source  # noqa: E402
from ms_lint.engine.settings import Settings  # noqa: E402
from ms_lint.fixes import apply_edits  # noqa: E402
from ms_lint.registry import all_rules  # noqa: E402

EVERY_RULE = tuple(all_rules())  # opt-in rules run only when named by their full code


def findings(code: str, **settings: Any):
    result = lint_source(textwrap.dedent(code), "oracle.py", Settings(select=EVERY_RULE, **settings))
    assert result.error is None, result.error
    return result.findings


def codes(code: str, **settings: Any) -> Set[str]:
    """The rule codes ms-lint reports on a snippet (all rules, opt-in ones included)."""
    return {f.code for f in findings(code, **settings)}


def fixed(code: str, rule: str, **settings: Any) -> str:
    """The snippet with ms-lint's own fixes for `rule` applied (safe and unsafe)."""
    code = textwrap.dedent(code)
    edits = [e for f in findings(code, **settings) if f.code == rule and f.fix for e in f.fix.edits]
    assert edits, "ms-lint offers no fix for %s here" % rule
    return apply_edits(code, edits)


def run(code: str) -> Dict[str, Any]:
    """Execute a snippet; its globals afterwards."""
    namespace: Dict[str, Any] = {"__name__": "oracle_snippet"}
    exec(compile(textwrap.dedent(code), "oracle_snippet.py", "exec"), namespace)  # noqa: S102
    return namespace


@pytest.fixture(autouse=True)
def _seeded():
    import mindspore

    mindspore.set_seed(0)
    try:
        import torch

        torch.manual_seed(0)
    except ImportError:
        pass
