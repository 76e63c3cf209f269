"""The qualified-name resolver: every import form, aliases, local imports, shadowing."""
import ast

import pytest

from ms_lint.analysis.context import FileContext
from ms_lint.facts import load_facts

NEWEST = load_facts().newest


def resolve(source: str, expr: str = "TARGET", line: int = 0) -> str:
    """The canonical qualname of the first expression assigned to `TARGET` in the source."""
    tree = ast.parse(source)
    ctx = FileContext("m.py", source, tree, load_facts(), NEWEST, frozenset())
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Assign) and getattr(child.targets[0], "id", "") == "TARGET":
                scope = _scope_of(ctx, tree, child)
                return ctx.qualname(child.value, scope)
    raise AssertionError("no TARGET")


def _scope_of(ctx, tree, stmt):
    """The innermost function or class scope that holds the statement."""
    best = ctx.names.module
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and stmt in ast.walk(node):
            if best is ctx.names.module or node in ast.walk(best.node):
                best = ctx.names.scope_of(node)
    return best


@pytest.mark.parametrize(
    "source, expected",
    [
        ("import mindspore\nTARGET = mindspore.nn.Dropout", "mindspore.nn.Dropout"),
        ("import mindspore as ms\nTARGET = ms.nn.Dropout", "mindspore.nn.Dropout"),
        ("import mindspore.nn as nn\nTARGET = nn.Dropout", "mindspore.nn.Dropout"),
        ("import mindspore.nn\nTARGET = mindspore.nn.Dropout", "mindspore.nn.Dropout"),
        ("from mindspore import nn\nTARGET = nn.Dropout", "mindspore.nn.Dropout"),
        ("from mindspore import nn as msnn\nTARGET = msnn.Dropout", "mindspore.nn.Dropout"),
        ("from mindspore.nn import Dropout as D\nTARGET = D", "mindspore.nn.Dropout"),
        ("import mindspore\nnn = mindspore.nn\nTARGET = nn.Dropout", "mindspore.nn.Dropout"),
        ("from mindspore import nn\nD = nn.Dropout\nTARGET = D", "mindspore.nn.Dropout"),
        ("from mindspore.nn.layer.basic import Dropout\nTARGET = Dropout", "mindspore.nn.Dropout"),
        ("from mindspore.ops.operations import Dropout\nTARGET = Dropout", "mindspore.ops.Dropout"),
        ("from tinyms import layers\nTARGET = layers.Dropout", "mindspore.nn.Dropout"),
        ("from mindspore import mint\nTARGET = mint.nn.Dropout", "mindspore.mint.nn.Dropout"),
        ("from mindspore.experimental import optim\nTARGET = optim.AdamW", "mindspore.experimental.optim.AdamW"),
        ("from mindspore.nn import *\nTARGET = Dropout", "mindspore.nn.Dropout"),
        ("import torch.nn as nn\nTARGET = nn.Dropout", "torch.nn.Dropout"),
        ("TARGET = list", "builtins.list"),
        (
            "import mindspore.nn as nn\ndef f():\n    import torch.nn as nn\n    TARGET = nn.Dropout",
            "torch.nn.Dropout",
        ),
        (
            "import torch.nn as nn\ndef f():\n    from mindspore import nn\n    TARGET = nn.Dropout",
            "mindspore.nn.Dropout",
        ),
        ("def f():\n    TARGET = nn.Dropout\nimport mindspore.nn as nn", "mindspore.nn.Dropout"),
        (
            "try:\n    import mindspore.nn as nn\nexcept ImportError:\n    nn = None\nTARGET = nn.Dropout",
            "mindspore.nn.Dropout",
        ),
        (
            "import mindspore.nn as nn\nclass A:\n    nn = 1\n    def f(self):\n        TARGET = nn.Dropout",
            "mindspore.nn.Dropout",
        ),
        ("import torch.nn as nn\nimport mindspore.nn as nn\nTARGET = nn.Dropout", "mindspore.nn.Dropout"),
    ],
)
def test_import_forms(source, expected):
    assert resolve(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        "from . import nn\nTARGET = nn.Dropout",
        "def f(nn):\n    TARGET = nn.Dropout",
        "import mindspore.nn as nn\ndef f():\n    nn = make()\n    TARGET = nn.Dropout",
        "class Dropout: pass\nTARGET = Dropout",
    ],
)
def test_unknown_or_local_names_resolve_to_nothing(source):
    assert resolve(source) is None
