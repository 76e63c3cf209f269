"""MSL232: copies of a network's parameters given to an optimizer or to value_and_grad's weights leave
the network untrained; ms-lint's fix (the parameters themselves) trains it."""
import numpy as np
import pytest
from conftest import codes, fixed, run

SETUP = """
import copy
import numpy as np
import mindspore as ms
from mindspore import nn, Parameter, ParameterTuple, Tensor

net = nn.Dense(2, 1, weight_init="ones", bias_init="zeros")
net.set_train()
x = Tensor(np.array([[1.0, 2.0]], np.float32))
y = Tensor(np.array([[0.0]], np.float32))
before = net.weight.asnumpy().copy()
"""

STEP = """
grad_fn = ms.value_and_grad(lambda a, b: nn.MSELoss()(net(a), b), None, WEIGHTS)
for _ in range(2):
    loss, grads = grad_fn(x, y)
    opt(grads)
after = net.weight.asnumpy()
"""

OPTIMIZERS = {
    "Parameter(Tensor(p.value()))":
        "opt = nn.SGD([Parameter(Tensor(p.value()), name=p.name) for p in net.trainable_params()], 0.1)\n",
    "Parameter(p.asnumpy())": "opt = nn.SGD([Parameter(p.asnumpy(), name=p.name) for p in net.trainable_params()], 0.1)\n",
    "clone": "opt = nn.Momentum([p.clone() for p in net.trainable_params()], 0.1, 0.9)\n",
    "deepcopy each": "opt = nn.Adam([copy.deepcopy(p) for p in net.trainable_params()], 0.1)\n",
    "deepcopy list": "opt = nn.Adam(copy.deepcopy(net.trainable_params()), 0.1)\n",
    "group": "opt = nn.SGD([{'params': [p.clone() for p in net.trainable_params()]}], 0.1)\n",
}


@pytest.mark.parametrize("kind", sorted(OPTIMIZERS))
def test_optimizer_over_copies_leaves_the_network_unchanged_and_the_fix_trains_it(kind):
    snippet = SETUP + OPTIMIZERS[kind] + STEP.replace("WEIGHTS", "opt.parameters")
    assert codes(snippet) == {"MSL232"}
    trap = run(snippet)
    np.testing.assert_array_equal(trap["after"], trap["before"])
    repaired = fixed(snippet, "MSL232")
    assert codes(repaired) == set()
    result = run(repaired)
    assert np.abs(result["after"] - result["before"]).max() > 0.1


def test_value_and_grad_over_copies_gives_zero_gradients():
    snippet = SETUP + """
opt = nn.SGD(net.trainable_params(), 0.1)
weights = ParameterTuple([p.clone() for p in net.trainable_params()])
""" + STEP.replace("WEIGHTS", "weights")
    assert codes(snippet) == {"MSL232"}
    trap = run(snippet)
    assert all(not np.any(g.asnumpy()) for g in trap["grads"])
    np.testing.assert_array_equal(trap["after"], trap["before"])
    result = run(fixed(snippet, "MSL232"))
    assert np.abs(result["after"] - result["before"]).max() > 0.1


def test_own_parameters_train_and_are_not_reported():
    snippet = SETUP + "opt = nn.SGD(net.trainable_params(), 0.1)\n" + STEP.replace("WEIGHTS", "opt.parameters")
    assert codes(snippet) == set()
    result = run(snippet)
    assert np.abs(result["after"] - result["before"]).max() > 0.1
