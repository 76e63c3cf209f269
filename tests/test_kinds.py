"""Object kinds: the evidence that an expression holds a MindSpore tensor, a Cell, an optimizer or a torch object."""
import ast
import textwrap

from ms_lint.analysis import kinds
from ms_lint.analysis.context import FileContext
from ms_lint.analysis.origins import origins
from ms_lint.facts import load_facts

SOURCE = """
import mindspore as ms
import mindspore.nn as nn
import numpy as np
import torch
from mindspore import ops

class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.dense = nn.Dense(2, 2)
        self.opt = nn.Momentum(self.trainable_params(), 0.1, 0.9)

    def construct(self, x):
        return self.dense(x)

class Wrapped(Unknown):
    pass

def train(cfg, data):
    t = ms.Tensor(data)
    s = ops.ones((2, 2))
    if cfg:
        s = np.ones((2, 2))
    u = t[0] + 1
    net = Net()
    opt = nn.Adam(net.trainable_params())
    torch_opt = torch.optim.SGD([])
    sched = nn.CosineDecayLR(0.0, 0.1, 10)
    exp = ms.experimental.optim.Adam(net.trainable_params())
    odd = Wrapped()
    loss = net(t).sum() * 2
    look(t, s, u, net, opt, torch_opt, sched, exp, odd, loss, [t for t in data])
"""


def context():
    tree = ast.parse(textwrap.dedent(SOURCE))
    ctx = FileContext("m.py", SOURCE, tree, load_facts(), load_facts().newest, frozenset())
    train = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "train")
    look = next(n for n in ast.walk(train) if isinstance(n, ast.Call) and ast.unparse(n.func) == "look")
    uses = {ast.unparse(a): a for a in look.args[:-1]}
    return ctx, ctx.names.scope_of(train), uses, look.args[-1]


def test_mindspore_tensors():
    ctx, scope, uses, comprehension = context()
    assert kinds.mindspore_tensor(ctx, uses["t"], scope)
    assert kinds.mindspore_tensor(ctx, uses["u"], scope)  # a subscript and arithmetic on one
    assert not kinds.mindspore_tensor(ctx, uses["s"], scope)  # one binding is numpy's
    assert not kinds.mindspore_tensor(ctx, uses["t"], scope, local=frozenset({"t"}))
    assert not kinds.mindspore_tensor(ctx, uses["opt"], scope)
    assert not kinds.mindspore_tensor(ctx, comprehension.elt, scope, local=frozenset({"t"}))


def test_values_mindspore_computed():
    ctx, scope, uses, _ = context()
    assert kinds.mindspore_value(ctx, uses["loss"], scope)  # a Cell's output, its method, arithmetic
    assert kinds.mindspore_value(ctx, uses["t"], scope)
    assert not kinds.mindspore_value(ctx, uses["torch_opt"], scope)
    assert kinds.mindspore_call(ctx, construction(ctx, uses["t"], scope), scope)


def construction(ctx, name, scope):
    [call] = ctx.constructed(name, scope)
    return call


def test_cells_and_unknown_classes():
    ctx, scope, uses, _ = context()
    [built] = kinds.cells(ctx, uses["net"], scope)
    assert built.project_class is not None and "cell" in built.traits
    [direct] = kinds.cells(ctx, construction(ctx, uses["net"], scope), scope)  # `Net()` called on the spot
    assert direct.call is built.call
    assert kinds.cells(ctx, uses["odd"], scope) == []  # a base out of sight: unknown
    assert kinds.cells(ctx, uses["t"], scope) == []


def test_optimizers_and_schedules():
    ctx, scope, uses, _ = context()
    [adam] = kinds.nn_optimizer(ctx, uses["opt"], scope)
    assert adam.entry.qualname == "mindspore.nn.Adam" and kinds.nn_optimizer_entry(adam.entry)
    [found] = kinds.optimizers(ctx, uses["opt"], scope)
    assert found.call is adam.call and kinds.built_with(ctx, uses["opt"], "lr-schedule", scope) == []
    [exp] = kinds.optimizers(ctx, uses["exp"], scope)
    assert kinds.optimizer(exp) and not kinds.nn_optimizer_entry(exp.entry)
    assert kinds.nn_optimizer(ctx, uses["exp"], scope) == []
    [sched] = origins(ctx, uses["sched"], scope)
    assert kinds.schedule(sched) and not kinds.optimizer(sched)
    assert kinds.optimizers(ctx, uses["torch_opt"], scope) == []


def test_torch_objects():
    ctx, scope, uses, _ = context()
    assert kinds.torch_object(ctx, uses["torch_opt"], scope)
    assert kinds.torch_object(ctx, ast.parse("torch.zeros", mode="eval").body, scope)
    assert not kinds.torch_object(ctx, uses["opt"], scope)


GUARDED = """
from mindspore import ops

def f(x, c):
    v = ops.relu(x) if c else None
    if v is not None:
        use(v)
    use(v)
    w = None
    if c:
        w = ops.relu(x)
    if w is None:
        return use(w)
    return use(w)
"""


def test_tensor_or_none_counts_where_none_is_excluded():
    tree = ast.parse(GUARDED)
    ctx = FileContext("m.py", GUARDED, tree, load_facts(), load_facts().newest, frozenset())
    function = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef))
    scope = ctx.names.scope_of(function)
    uses = [n.args[0] for n in ast.walk(tree) if isinstance(n, ast.Call) and ast.unparse(n.func) == "use"]
    uses.sort(key=lambda n: n.lineno)
    guarded_v, bare_v, none_w, guarded_w = uses
    assert kinds.mindspore_tensor(ctx, guarded_v, scope)  # under `if v is not None:`
    assert not kinds.mindspore_tensor(ctx, bare_v, scope)  # None may reach it
    assert not kinds.mindspore_tensor(ctx, none_w, scope)  # under `if w is None:`
    assert kinds.mindspore_tensor(ctx, guarded_w, scope)  # after `if w is None: return`
