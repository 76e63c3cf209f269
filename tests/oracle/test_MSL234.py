"""MSL234: `p.require_grad = False` is a new attribute, the parameter stays trainable and trains;
ms-lint's fix (`requires_grad`) freezes it."""
import numpy as np
from conftest import codes, fixed, run

SNIPPET = """
import numpy as np
import mindspore as ms
from mindspore import nn, Tensor

net = nn.Dense(2, 1, weight_init="ones", bias_init="zeros")
net.set_train()
for p in net.trainable_params():
    if p.name.endswith("weight"):
        p.require_grad = False
opt = nn.SGD(net.trainable_params(), 0.1)
x = Tensor(np.array([[1.0, 2.0]], np.float32))
y = Tensor(np.array([[0.0]], np.float32))
before = net.weight.asnumpy().copy()
grad_fn = ms.value_and_grad(lambda a, b: nn.MSELoss()(net(a), b), None, opt.parameters)
for _ in range(2):
    loss, grads = grad_fn(x, y)
    opt(grads)
after = net.weight.asnumpy()
trainable = len(net.trainable_params())
flag = net.weight.requires_grad
"""


def test_the_typo_leaves_the_weight_trainable_and_the_fix_freezes_it():
    assert codes(SNIPPET) == {"MSL234"}
    trap = run(SNIPPET)
    assert trap["flag"] is True and trap["trainable"] == 2
    assert np.abs(trap["after"] - trap["before"]).max() > 0.1
    repaired = fixed(SNIPPET, "MSL234")
    assert "p.requires_grad = False" in repaired and codes(repaired) == set()
    result = run(repaired)
    assert result["flag"] is False and result["trainable"] == 1
    np.testing.assert_array_equal(result["after"], result["before"])
