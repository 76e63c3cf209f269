"""MSL233: parameters frozen after the optimizer over them was built still move, by its weight decay
(at once) or its momentum / moments (after steps); frozen before it, they stay put."""
import numpy as np
import pytest
from conftest import codes, run

SETUP = """
import numpy as np
import mindspore as ms
from mindspore import nn, Tensor

net = nn.Dense(2, 1, weight_init="ones", bias_init="zeros")
net.set_train()
x = Tensor(np.array([[1.0, 2.0]], np.float32))
y = Tensor(np.array([[0.0]], np.float32))


def train(opt, steps=3):
    grad_fn = ms.value_and_grad(lambda a, b: nn.MSELoss()(net(a), b), None, opt.parameters)
    for _ in range(steps):
        loss, grads = grad_fn(x, y)
        opt(grads)


"""

FREEZE = """
for p in net.trainable_params():
    if p.name.endswith("weight"):
        p.requires_grad = False
"""

DECAY = {
    "Momentum": "opt = nn.Momentum(net.trainable_params(), 0.1, 0.9, weight_decay=0.1)\n",
    "Adam": "opt = nn.Adam(net.trainable_params(), 0.1, weight_decay=0.1)\n",
    "SGD": "opt = nn.SGD(net.trainable_params(), 0.1, weight_decay=0.1)\n",
}


def moved(snippet):
    result = run(snippet)
    return np.abs(result["after"] - result["before"]).max()


@pytest.mark.parametrize("kind", sorted(DECAY))
def test_weight_decay_moves_a_weight_frozen_after_the_optimizer(kind):
    snippet = SETUP + DECAY[kind] + FREEZE + "before = net.weight.asnumpy().copy()\ntrain(opt)\nafter = net.weight.asnumpy()\n"
    assert codes(snippet) == {"MSL233"}
    assert moved(snippet) > 0.01
    frozen_first = SETUP + FREEZE + DECAY[kind] + "before = net.weight.asnumpy().copy()\ntrain(opt)\nafter = net.weight.asnumpy()\n"
    assert codes(frozen_first) == set()
    assert moved(frozen_first) == 0


MOMENTS = {
    "Momentum": "opt = nn.Momentum(net.trainable_params(), 0.1, 0.9)\n",
    "Adam": "opt = nn.Adam(net.trainable_params(), 0.1)\n",
    "SGD momentum": "opt = nn.SGD(net.trainable_params(), 0.1, momentum=0.9)\n",
}
EPOCHS = """
before = None
for epoch in range(2):
    if epoch == 1:
        for p in net.trainable_params():
            if p.name.endswith("weight"):
                p.requires_grad = False
        before = net.weight.asnumpy().copy()
    train(opt)
after = net.weight.asnumpy()
"""


@pytest.mark.parametrize("kind", sorted(MOMENTS))
def test_moments_move_a_weight_frozen_after_steps(kind):
    snippet = SETUP + MOMENTS[kind] + EPOCHS
    assert codes(snippet) == {"MSL233"}
    assert moved(snippet) > 0.1


@pytest.mark.parametrize("kind", sorted(MOMENTS))
def test_moments_alone_do_not_move_a_weight_frozen_before_any_step(kind):
    snippet = SETUP + MOMENTS[kind] + FREEZE + "before = net.weight.asnumpy().copy()\ntrain(opt)\nafter = net.weight.asnumpy()\n"
    assert codes(snippet) == set()
    assert moved(snippet) == 0


def test_plain_sgd_does_not_move_a_weight_frozen_after_steps():
    snippet = SETUP + "opt = nn.SGD(net.trainable_params(), 0.1)\n" + EPOCHS
    assert codes(snippet) == set()
    assert moved(snippet) == 0


def test_weight_decay_moves_a_frozen_weight_in_an_optimizer_over_get_parameters():
    body = FREEZE + "opt = nn.Momentum(PARAMS, 0.1, 0.9, weight_decay=0.1)\n" + \
        "before = net.weight.asnumpy().copy()\ntrain(opt)\nafter = net.weight.asnumpy()\n"
    snippet = SETUP + body.replace("PARAMS", "net.get_parameters()")
    assert codes(snippet) == {"MSL233"}
    assert moved(snippet) > 0.01
    trainable = SETUP + body.replace("PARAMS", "net.trainable_params()")
    assert codes(trainable) == set()
    assert moved(trainable) == 0
