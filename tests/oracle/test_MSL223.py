"""MSL223: assigning into the learning rate of an optimizer built with a dynamic or grouped one raises;
a static lr and one group's `learning_rate[i]` take `ops.assign`."""
import numpy as np
import pytest
from conftest import codes, run

SETUP = """
import numpy as np
import mindspore as ms
from mindspore import nn, ops

w = ms.Parameter(ms.Tensor(np.ones(2, np.float32)), name="w")
b = ms.Parameter(ms.Tensor(np.ones(2, np.float32)), name="b")
grad = (ms.Tensor(np.ones(2, np.float32)), ms.Tensor(np.ones(2, np.float32)))
"""

DYNAMIC = {
    "list": "opt = nn.SGD([w, b], learning_rate=[0.1, 0.05])\n",
    "schedule": "opt = nn.SGD([w, b], learning_rate=nn.CosineDecayLR(0.0, 0.1, 10))\n",
    "tensor": "opt = nn.SGD([w, b], learning_rate=ms.Tensor(np.array([0.1, 0.05], np.float32)))\n",
    "function": "opt = nn.Momentum([w, b], nn.cosine_decay_lr(0.0, 0.1, 4, 2, 2), 0.9)\n",
    "grouped": "opt = nn.SGD([{'params': [w], 'lr': 0.01}, {'params': [b]}], learning_rate=0.1)\n",
}


@pytest.mark.parametrize("kind", sorted(DYNAMIC))
def test_assign_is_a_type_error_and_is_reported(kind):
    snippet = SETUP + DYNAMIC[kind] + "ops.assign(opt.learning_rate, ms.Tensor(0.5, ms.float32))\n"
    assert codes(snippet) == {"MSL223"}
    with pytest.raises(TypeError):
        run(snippet)


@pytest.mark.parametrize("kind", ["list", "schedule"])
def test_set_data_is_an_attribute_error_and_is_reported(kind):
    snippet = SETUP + DYNAMIC[kind] + "opt.learning_rate.set_data(ms.Tensor(0.5, ms.float32))\n"
    assert codes(snippet) == {"MSL223"}
    with pytest.raises(AttributeError, match="set_data"):
        run(snippet)


def test_one_group_takes_assign_like_a_torch_param_group():
    torch = pytest.importorskip("torch")
    snippet = SETUP + DYNAMIC["grouped"] + """
opt(grad)
ops.assign(opt.learning_rate[0], ms.Tensor(0.5, ms.float32))
opt(grad)
weights = w.asnumpy()
"""
    assert codes(snippet) == set()
    tw = torch.nn.Parameter(torch.ones(2))
    tb = torch.nn.Parameter(torch.ones(2))
    reference = torch.optim.SGD([{"params": [tw], "lr": 0.01}, {"params": [tb]}], lr=0.1)
    for lr in (0.01, 0.5):
        reference.param_groups[0]["lr"] = lr
        tw.grad, tb.grad = torch.ones(2), torch.ones(2)
        reference.step()
    np.testing.assert_allclose(run(snippet)["weights"], tw.detach().numpy(), rtol=1e-6)


def test_a_static_lr_takes_assign_and_is_not_reported():
    snippet = SETUP + """
opt = nn.SGD([w, b], learning_rate=0.1)
opt(grad)
ops.assign(opt.learning_rate, ms.Tensor(0.5, ms.float32))
opt(grad)
weights = w.asnumpy()
"""
    assert codes(snippet) == set()
    np.testing.assert_allclose(run(snippet)["weights"], [0.4, 0.4], rtol=1e-6)
