"""What rules ask of a file beyond names: what built a value, and which classes are Cells."""
import ast

from ms_lint.api import load_facts
from ms_lint.context import FileContext

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
    found = {name for name, cls in classes(tree).items() if ctx.is_cell_class(cls)}
    assert found == {"Base", "Net"}
    assert ctx.class_bases(classes(tree)["Net"]) == ["mindspore.nn.Cell"]


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
    from ms_lint.rules import Rule

    tree, ctx = context()
    rule = Rule("MSL999", "example", "an example")
    ctx.enabled = frozenset({"MSL999"})
    ctx.report(rule, tree.body[0], "`f(\n    a,\n    b)` quoted")
    assert ctx.findings[0].message == "`f( a, b)` quoted"
