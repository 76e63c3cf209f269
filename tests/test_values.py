"""The value evaluator: literals, constants, defaults, arithmetic; unknown stays unknown."""
import ast

import pytest

from ms_lint.analysis.names import Names
from ms_lint.analysis.values import UNKNOWN, Evaluator


def value_of(source: str):
    """The value of the expression assigned to TARGET (in the innermost function, if any)."""
    tree = ast.parse(source)
    names = Names(tree)
    scope = names.module
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            scope = names.scope_of(node)
    target = next(n for n in ast.walk(tree) if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "TARGET")
    return Evaluator(names).value(target.value, scope)


@pytest.mark.parametrize(
    "source, expected",
    [
        ("TARGET = 0.1", 0.1),
        ("TARGET = -2", -2),
        ("TARGET = (3, 3)", (3, 3)),
        ("TARGET = [1, 'a']", (1, "a")),
        ("TARGET = 'same'", "same"),
        ("TARGET = 1 - 0.1", 0.9),
        ("TARGET = 2 * 3 // 4", 1),
        ("M = 0.1\nTARGET = M", 0.1),
        ("M = 0.1\nTARGET = 1 - M", 0.9),
        ("A = 0.1\nB = A\nTARGET = B", 0.1),
        ("M = 0.1\ndef f():\n    TARGET = M", 0.1),
        ("def f(m=0.1):\n    TARGET = m", 0.1),
        ("K = 3\ndef f(k=K):\n    TARGET = k", 3),
        ("def f():\n    m = 0.5\n    TARGET = m", 0.5),
    ],
)
def test_known_values(source, expected):
    value = value_of(source)
    assert value == pytest.approx(expected) if isinstance(expected, float) else value == expected


@pytest.mark.parametrize(
    "source",
    [
        "TARGET = x",
        "M = 0.1\nM = 0.9\nTARGET = M",
        "M = 0.1\ndef g():\n    global M\n    M = 0.2\nTARGET = M",
        "def f(m):\n    TARGET = m",
        "def f(m=0.1):\n    m = m * 2\n    TARGET = m",
        "TARGET = cfg.momentum",
        "TARGET = f(0.1)",
        "TARGET = 1 / 0",
        "TARGET = 'a' - 1",
    ],
)
def test_unknown_values(source):
    assert value_of(source) is UNKNOWN
