"""MSL134: Cells in a plain list, tuple or dict on a Cell are not registered; nn.CellList / nn.CellDict register them."""
import numpy as np
import pytest
from conftest import codes, fixed, run

TRAP = """
import numpy as np
import mindspore as ms
from mindspore import nn


class Stack(nn.Cell):
    def __init__(self):
        super().__init__()
        self.proj = nn.Dense(4, 4)
        self.layers = [nn.Dense(4, 4) for _ in range(3)]
        self.norms = (nn.BatchNorm1d(4), nn.BatchNorm1d(4))
        self.heads = {"a": nn.Dense(4, 2), "b": nn.Dense(4, 2)}
        self.blocks = []
        for _ in range(2):
            self.blocks.append(nn.Dense(4, 4))

    def construct(self, x):
        x = self.proj(x)
        for layer in self.layers:
            x = layer(x)
        for norm in self.norms:
            x = norm(x)
        for block in self.blocks:
            x = block(x)
        return self.heads["a"](x) + self.heads["b"](x)


net = Stack()
net.set_train(True)
names = [p.name for p in net.trainable_params()]
modes = [c.training for c in list(net.layers) + list(net.norms) + list(net.blocks) + list(net.heads.values())]
x = ms.Tensor(np.random.default_rng(0).normal(size=(8, 4)).astype(np.float32))
before = [p.asnumpy().copy() for p in net.layers[0].get_parameters()]
optimizer = nn.SGD(net.trainable_params(), learning_rate=0.5)
grads = ms.value_and_grad(lambda x: net(x).sum(), None, optimizer.parameters)(x)[1]
optimizer(grads)
moved = any(not np.array_equal(b, p.asnumpy()) for b, p in zip(before, net.layers[0].get_parameters()))
out = net(x).asnumpy()
"""

TORCH = """
import torch


class Stack(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = torch.nn.Linear(4, 4)
        self.layers = torch.nn.ModuleList([torch.nn.Linear(4, 4) for _ in range(3)])
        self.norms = torch.nn.ModuleList([torch.nn.BatchNorm1d(4), torch.nn.BatchNorm1d(4)])
        self.heads = torch.nn.ModuleDict({"a": torch.nn.Linear(4, 2), "b": torch.nn.Linear(4, 2)})
        self.blocks = torch.nn.ModuleList()
        for _ in range(2):
            self.blocks.append(torch.nn.Linear(4, 4))


names = [n for n, _ in Stack().named_parameters()]
"""


def test_trap_registers_only_the_direct_layer_and_is_reported():
    assert codes(TRAP) == {"MSL134"}
    done = run(TRAP)
    assert done["names"] == ["proj.weight", "proj.bias"]  # 2 of the 2 + 6 + 4 + 4 + 4 = 20 parameters
    assert not any(done["modes"])  # set_train(True) does not reach them
    assert not done["moved"]  # the optimizer never updates them


def test_fix_registers_every_layer_like_torch():
    torch = pytest.importorskip("torch")
    repaired = fixed(TRAP, "MSL134")
    assert "self.layers = nn.CellList([nn.Dense(4, 4) for _ in range(3)])" in repaired
    assert "self.norms = nn.CellList([nn.BatchNorm1d(4), nn.BatchNorm1d(4)])" in repaired
    assert 'self.heads = nn.CellDict({"a": nn.Dense(4, 2), "b": nn.Dense(4, 2)})' in repaired
    assert "            self.blocks.append(nn.Dense(4, 4))\n        self.blocks = nn.CellList(self.blocks)\n" in repaired
    assert codes(repaired) == set()
    done = run(repaired)
    expected = run(TORCH)["names"]
    assert len(done["names"]) == len(expected) == 20
    owners = lambda names: [n.rsplit(".", 1)[0] for n in names]  # noqa: E731 (BatchNorm's gamma is torch's weight)
    assert owners(done["names"]) == owners(expected)
    assert all(done["modes"])
    assert done["moved"]
    assert np.isfinite(done["out"]).all()
    del torch


def test_cells_appended_to_an_empty_celllist_lose_its_prefix():
    """Why `self.x = []` + append is wrapped after the appends, not replaced by an empty nn.CellList()."""
    code = (
        "from mindspore import nn\n"
        "class Two(nn.Cell):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.a = nn.CellList()\n"
        "        self.b = nn.CellList()\n"
        "        self.a.append(nn.Dense(2, 2))\n"
        "        self.b.append(nn.Dense(2, 2))\n"
        "names = [p.name for p in Two().trainable_params()]\n"
    )
    assert run(code)["names"] == ["0.weight", "0.bias", "0.weight", "0.bias"]
    with pytest.raises(ValueError, match="already exists"):
        run(code + "nn.SGD(Two().trainable_params(), 0.1)\n")


def test_a_celllist_takes_no_tuple():
    """Why a tuple is rewritten to a list inside nn.CellList."""
    with pytest.raises(TypeError, match="list"):
        run("from mindspore import nn\nnn.CellList((nn.Dense(2, 2), nn.Dense(2, 2)))")
