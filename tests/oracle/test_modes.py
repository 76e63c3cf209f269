"""The facts table's [modes]: every Cell it lists as mode-independent reads no mode in its sources and,
where it can be built and run on the CPU, gives the same output after set_train(True) and
set_train(False); and a network made only of them trains the same with and without set_train(), so
MSL301 stays silent on it, while one with Dropout or BatchNorm does not."""
import inspect

import mindspore
import numpy as np
import pytest
from conftest import codes, run
from mindspore import Tensor, nn

from ms_lint.facts import load_facts

FACTS = load_facts()
INDEPENDENT = sorted(FACTS.mode_independent)
X2 = np.random.RandomState(0).randn(2, 4).astype(np.float32)
X3 = np.random.RandomState(1).randn(2, 4, 8).astype(np.float32)
X4 = np.random.RandomState(2).randn(2, 4, 8, 8).astype(np.float32)
X5 = np.random.RandomState(3).randn(2, 4, 4, 4, 4).astype(np.float32)
BUILT = {  # how to build and call the ones that run on the CPU (InstanceNorm has no CPU kernel)
    "Dense": (lambda: nn.Dense(4, 3), X2),
    "Conv1d": (lambda: nn.Conv1d(4, 3, 3), X3),
    "Conv2d": (lambda: nn.Conv2d(4, 3, 3), X4),
    "Conv3d": (lambda: nn.Conv3d(4, 3, 3), X5),
    "Conv1dTranspose": (lambda: nn.Conv1dTranspose(4, 3, 3), X3),
    "Conv2dTranspose": (lambda: nn.Conv2dTranspose(4, 3, 3), X4),
    "Conv3dTranspose": (lambda: nn.Conv3dTranspose(4, 3, 3), X5),
    "LeakyReLU": (lambda: nn.LeakyReLU(0.2), X4),
    "MaxPool1d": (lambda: nn.MaxPool1d(2, 2), X3),
    "MaxPool2d": (lambda: nn.MaxPool2d(2, 2), X4),
    "AvgPool1d": (lambda: nn.AvgPool1d(2, 2), X3),
    "AvgPool2d": (lambda: nn.AvgPool2d(2, 2), X4),
    "AdaptiveAvgPool2d": (lambda: nn.AdaptiveAvgPool2d(1), X4),
    "AdaptiveMaxPool2d": (lambda: nn.AdaptiveMaxPool2d(1), X4),
    "LayerNorm": (lambda: nn.LayerNorm((4,)), X2),
    "GroupNorm": (lambda: nn.GroupNorm(2, 4), X4),
    "Embedding": (lambda: nn.Embedding(5, 3), np.array([[1, 2], [3, 0]], np.int32)),
    "Upsample": (lambda: nn.Upsample(scale_factor=2.0, recompute_scale_factor=True), X4),
    "ZeroPad2d": (lambda: nn.ZeroPad2d(1), X4),
    "Pad": (lambda: nn.Pad(((0, 0), (0, 0), (1, 1), (1, 1))), X4),
    "PixelShuffle": (lambda: nn.PixelShuffle(2), X4),
    "SequentialCell": (lambda: nn.SequentialCell([nn.Dense(4, 3), nn.ReLU()]), X2),
    "Range": (lambda: nn.Range(0, 8, 2), None),  # takes no input
}
for name in ("ReLU", "ReLU6", "Sigmoid", "Tanh", "GELU", "SiLU", "ELU", "PReLU", "Softmax", "LogSoftmax",
             "Flatten", "Identity", "Tanhshrink", "Hardtanh", "Mish", "HSigmoid", "HSwish"):
    BUILT[name] = (getattr(nn, name), X4)


def same_in_both_modes(cell, x) -> bool:
    inputs = () if x is None else (Tensor(x),)
    cell.set_train(True)
    trained = cell(*inputs).asnumpy()
    cell.set_train(False)
    return np.array_equal(trained, cell(*inputs).asnumpy())


@pytest.mark.parametrize("qualname", INDEPENDENT)
def test_no_listed_cell_reads_the_mode(qualname):
    cls = getattr(mindspore.nn, qualname.rsplit(".", 1)[1])
    for klass in inspect.getmro(cls):
        if klass is nn.Cell or not klass.__module__.startswith("mindspore."):
            break
        source = inspect.getsource(klass)
        assert "self.training" not in source and "self.phase" not in source, klass


@pytest.mark.parametrize("name", sorted(BUILT))
def test_listed_cells_give_the_same_output_in_both_modes(name):
    assert "mindspore.nn." + name in FACTS.mode_independent
    build, x = BUILT[name]
    assert same_in_both_modes(build(), x)


@pytest.mark.parametrize("build,x", [(lambda: nn.Dropout(p=0.5), X4), (lambda: nn.BatchNorm1d(4), X2)])
def test_mode_dependent_cells_are_not_listed(build, x):
    cell = build()
    assert not same_in_both_modes(cell, x)
    assert type(cell).__module__.startswith("mindspore.nn")
    assert "mindspore.nn." + type(cell).__name__ not in FACTS.mode_independent


TRAINING = """
import numpy as np
import mindspore as ms
from mindspore import nn

ms.set_seed(0)


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.body = nn.SequentialCell([nn.Dense(8, 16), nn.LeakyReLU(0.2), {layer}, nn.Dense(16, 1)])

    def construct(self, x):
        return self.body(x)


net = Net()
{set_train}
optimizer = nn.SGD(net.trainable_params(), learning_rate=0.1)
grad_fn = ms.value_and_grad(lambda x: net(x).sum(), None, optimizer.parameters)
x = ms.Tensor(np.random.RandomState(0).randn(4, 8).astype(np.float32))
for _ in range(3):
    loss, grads = grad_fn(x)
    optimizer(grads)
final = net(x).asnumpy()
"""


def trained(layer: str, set_train: str):
    mindspore.set_seed(0)
    return run(TRAINING.format(layer=layer, set_train=set_train))["final"]


def test_a_network_of_independent_layers_trains_the_same_without_set_train():
    source = TRAINING.format(layer="nn.LayerNorm((16,))", set_train="")
    assert "MSL301" not in codes(source)
    np.testing.assert_array_equal(trained("nn.LayerNorm((16,))", ""), trained("nn.LayerNorm((16,))", "net.set_train()"))


def test_a_network_with_dropout_trains_differently_without_set_train():
    source = TRAINING.format(layer="nn.Dropout(p=0.5)", set_train="")
    assert "MSL301" in codes(source)
    assert not np.array_equal(trained("nn.Dropout(p=0.5)", ""), trained("nn.Dropout(p=0.5)", "net.set_train()"))
