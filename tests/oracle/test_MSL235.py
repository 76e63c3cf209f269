"""MSL235: an unfreeze over `trainable_params()` after a freeze iterates nothing, and in PyNative mode the
network stays frozen (zero gradients, weights that no longer move); ms-lint's fixes unfreeze it."""
import pytest
from conftest import codes, fixed, run

NETWORK = """
import numpy as np
import mindspore as ms
from mindspore import nn, Tensor


class D(nn.Cell):
    def __init__(self):
        super().__init__()
        self.fc = nn.Dense(2, 2, weight_init="ones", bias_init="zeros")
        self.bn = nn.BatchNorm1d(2)
        self.out = nn.Dense(2, 1, weight_init="ones", bias_init="zeros")

    def construct(self, x):
        return self.out(self.bn(self.fc(x)))


x = Tensor(np.array([[1.0, 2.0], [3.0, -1.0], [0.5, 0.5]], np.float32))
y = Tensor(np.array([[0.0], [1.0], [2.0]], np.float32))
netD = D()
netD.set_train()
trainable_at_start = [p.name for p in netD.trainable_params()]
"""

# the WGAN ports' loop: unfreeze D, train D, freeze D (for the generator's step), again
LOOP = """
grad_fn = ms.value_and_grad(lambda a, b: nn.MSELoss()(netD(a), b), None, optimizerD.parameters)
grads_max, moved, trainable_after_freeze = [], [], []
for step in range(3):
    for p in netD.trainable_params():  # reset requires_grad
        p.requires_grad = True
    before = netD.fc.weight.asnumpy().copy()
    loss, grads = grad_fn(x, y)
    optimizerD(grads)
    grads_max.append(max(float(np.abs(g.asnumpy()).max()) for g in grads))
    moved.append(float(np.abs(netD.fc.weight.asnumpy() - before).max()))
    for p in netD.trainable_params():
        p.requires_grad = False  # to avoid computation in the generator's step
    trainable_after_freeze.append(len(netD.trainable_params()))
requires_grad = {p.name: p.requires_grad for p in netD.get_parameters()}
trainable_at_end = [p.name for p in netD.trainable_params()]
"""

OPTIMIZERS = {
    "SGD": "optimizerD = nn.SGD(netD.trainable_params(), 0.1)\n",
    "Adam": "optimizerD = nn.Adam(netD.trainable_params(), 0.1)\n",
}


@pytest.mark.parametrize("kind", sorted(OPTIMIZERS))
def test_unfreeze_over_trainable_params_leaves_the_network_frozen(kind):
    trap = NETWORK + OPTIMIZERS[kind] + LOOP
    assert codes(trap) == {"MSL235"}
    result = run(trap)
    assert result["trainable_after_freeze"] == [0, 0, 0]  # the unfreeze loop iterates nothing
    assert result["grads_max"][0] > 0.01
    assert result["grads_max"][1:] == [0.0, 0.0]  # frozen for good: every gradient is zero
    assert not any(result["requires_grad"].values())
    if kind == "SGD":
        assert result["moved"][0] > 0 and result["moved"][1:] == [0.0, 0.0]


@pytest.mark.parametrize("kind", sorted(OPTIMIZERS))
def test_the_fix_over_the_optimizers_parameters_restores_exactly_what_was_frozen(kind):
    trap = NETWORK + OPTIMIZERS[kind] + LOOP
    repaired = fixed(trap, "MSL235")
    assert "for p in optimizerD.parameters:" in repaired
    assert codes(repaired) == set()
    result = run(repaired)
    assert min(result["grads_max"]) > 0.01 and min(result["moved"]) > 0
    # frozen again at the end of the last step: unfreeze as the fixed loop does, compare with the start
    restore = repaired + "for p in optimizerD.parameters:\n    p.requires_grad = True\nrestored = [p.name for p in netD.trainable_params()]\n"
    result = run(restore)
    assert result["restored"] == result["trainable_at_start"]


UNFREEZE_ALL = """
for p in netD.trainable_params():
    p.requires_grad = False
for p in netD.trainable_params():
    p.requires_grad = True
restored = [p.name for p in netD.trainable_params()]
moving = [netD.bn.moving_mean.requires_grad, netD.bn.moving_variance.requires_grad]
"""


def test_without_an_optimizer_the_fix_is_get_parameters_which_unfreezes_batchnorm_statistics_too():
    trap = NETWORK + UNFREEZE_ALL
    assert codes(trap) == {"MSL235"}
    result = run(trap)
    assert result["restored"] == [] and len(result["trainable_at_start"]) == 6
    repaired = fixed(trap, "MSL235")
    assert "for p in netD.get_parameters():" in repaired
    result = run(repaired)
    # every frozen parameter is back, and BatchNorm's moving statistics (requires_grad False by design) with them
    assert set(result["trainable_at_start"]) < set(result["restored"])
    assert set(result["restored"]) - set(result["trainable_at_start"]) == {"bn.moving_mean", "bn.moving_variance"}
    assert result["moving"] == [True, True]


def test_a_list_kept_from_before_the_freeze_restores_exactly_and_is_not_reported():
    kept = NETWORK + UNFREEZE_ALL.replace("in netD.trainable_params():", "in params:").replace(
        "for p in params:\n    p.requires_grad = False", "params = netD.trainable_params()\nfor p in params:\n    p.requires_grad = False", 1
    )
    assert "params = netD.trainable_params()" in kept
    assert codes(kept) == set()
    result = run(kept)
    assert result["restored"] == result["trainable_at_start"]
    assert result["moving"] == [False, False]


GRAPH = """
import numpy as np
import mindspore as ms
from mindspore import nn, Tensor

ms.set_context(mode=ms.GRAPH_MODE)
x = Tensor(np.array([[1.0, 2.0], [3.0, -1.0], [0.5, 0.5]], np.float32))
y = Tensor(np.array([[0.0], [1.0], [2.0]], np.float32))
netD = nn.Dense(2, 1, weight_init="ones", bias_init="zeros")
optimizerD = nn.SGD(netD.trainable_params(), 0.1)
netD_train = nn.TrainOneStepCell(nn.WithLossCell(netD, nn.MSELoss()), optimizerD)
netD_train.set_train()
moved = []
for step in range(3):
    for p in netD.trainable_params():
        p.requires_grad = True
    before = netD.weight.asnumpy().copy()
    netD_train(x, y)
    moved.append(float(np.abs(netD.weight.asnumpy() - before).max()))
    for p in netD.trainable_params():
        p.requires_grad = False
trainable = len(netD.trainable_params())
"""


def test_a_compiled_train_one_step_cell_in_graph_mode_ignores_requires_grad():
    """The four ports run GRAPH_MODE: there the freeze and the unfreeze are both without effect."""
    import mindspore as ms

    assert codes(GRAPH) == {"MSL235"}
    try:
        result = run(GRAPH)
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)
    assert result["trainable"] == 0
    assert min(result["moved"]) > 0.01
