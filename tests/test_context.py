"""What rules ask of a file beyond names: what built a value, and which classes are Cells."""
import ast

from ms_lint.analysis.context import FileContext
from ms_lint.facts import load_facts

SOURCE = """
import mindspore.nn as nn
import torch

class Base(nn.Cell):
    pass

class Net(Base):
    def __init__(self):
        super().__init__()
        self.opt = nn.Momentum(self.trainable_params(), 0.1, 0.9)
        self.maybe = nn.SGD(self.trainable_params())
        self.maybe = None

class TorchNet(torch.nn.Module):
    pass

net = Net()
other = make()
"""


def context():
    tree = ast.parse(SOURCE)
    return tree, FileContext("m.py", SOURCE, tree, load_facts(), load_facts().newest, frozenset())


def classes(tree):
    return {n.name: n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)}


def test_cell_classes_through_project_bases():
    tree, ctx = context()
    found = {name for name, cls in classes(tree).items() if ctx.classes.is_cell(cls)}
    assert found == {"Base", "Net"}
    assert ctx.classes.bases(classes(tree)["Net"]) == ["mindspore.nn.Cell"]


def test_constructed_follows_names_and_self_attributes():
    tree, ctx = context()
    [call] = ctx.constructed(ast.parse("net", mode="eval").body)
    assert ctx.text(call.func) == "Net"
    init = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "__init__")
    scope = ctx.names.scope_of(init)
    [opt] = ctx.constructed(ast.parse("self.opt", mode="eval").body, scope)
    assert ctx.api(opt.func, scope).qualname == "mindspore.nn.Momentum"
    assert ctx.constructed(ast.parse("self.maybe", mode="eval").body, scope) == []
    assert ctx.constructed(ast.parse("unknown", mode="eval").body) == []


def test_messages_are_one_line_even_when_they_quote_multi_line_code():
    from ms_lint.model import Rule

    tree, ctx = context()
    rule = Rule("MSL999", "example", "an example")
    ctx.enabled = frozenset({"MSL999"})
    ctx.report(rule, tree.body[0], "`f(\n    a,\n    b)` quoted")
    assert ctx.findings[0].message == "`f( a, b)` quoted"


def test_spelling_uses_the_files_own_names():
    source = "import mindspore as ms\nfrom mindspore import ops as P\nfrom mindspore.experimental import optim\n"

    def spelling(source, qualname, at=None):
        tree = ast.parse(source)
        ctx = FileContext("m.py", source, tree, load_facts(), load_facts().newest, frozenset())
        return ctx.spelling(qualname, at)

    assert spelling(source, "mindspore.ops") == "P"
    assert spelling(source + "from mindspore import ops\n", "mindspore.ops") == "ops"
    assert spelling(source, "mindspore.nn.Dense") == "ms.nn.Dense"
    assert spelling(source, "mindspore.experimental.optim.AdamW") == "optim.AdamW"
    assert spelling("import torch\n", "mindspore.ops") is None
    assert spelling("import mindspore as ms\nms = 1\n", "mindspore.Tensor") is None
