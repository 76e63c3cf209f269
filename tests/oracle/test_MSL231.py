"""MSL231: PyTorch's zero_grad / step / backward are AttributeErrors on MindSpore objects and
torch.no_grad does not stop MindSpore gradients; the value_and_grad step trains like torch."""
import numpy as np
import pytest
from conftest import codes, fixed, run

SETUP = """
import numpy as np
import mindspore as ms
from mindspore import nn, ops
from mindspore.experimental import optim

net = nn.Dense(2, 1, weight_init="ones", bias_init="zeros")
net.set_train()
loss_fn = nn.MSELoss()
x = ms.Tensor(np.array([[1.0, 2.0]], np.float32))
y = ms.Tensor(np.array([[1.0]], np.float32))
opt = nn.SGD(net.trainable_params(), learning_rate=0.1)
"""

TRAPS = {
    "zero_grad": "opt.zero_grad()\n",
    "step": "opt.step()\n",
    "backward": "loss = loss_fn(net(x), y)\nloss.backward()\n",
    "experimental step": "exp = optim.SGD(net.trainable_params(), lr=0.1)\nexp.step()\n",
    "schedule step": "schedule = nn.CosineDecayLR(0.0, 0.1, 10)\nschedule.step()\n",
    "lr list step": "lrs = nn.cosine_decay_lr(0.0, 0.1, 4, 2, 2)\nlrs.step()\n",
}


@pytest.mark.parametrize("kind", sorted(TRAPS))
def test_trap_is_an_attribute_error_and_is_reported(kind):
    snippet = SETUP + TRAPS[kind]
    assert codes(snippet) == {"MSL231"}
    with pytest.raises(AttributeError):
        run(snippet)


def test_experimental_lr_scheduler_step_works_and_is_not_reported():
    snippet = SETUP + """
exp = optim.SGD(net.trainable_params(), lr=0.1)
scheduler = optim.lr_scheduler.StepLR(exp, step_size=1, gamma=0.5)
scheduler.step()
lr = float(exp.param_groups[0]["lr"])
"""
    assert codes(snippet) == set()
    assert run(snippet)["lr"] == pytest.approx(0.05)


LOOP = SETUP + """
def forward(data, label):
    return loss_fn(net(data), label)


grad_fn = ms.value_and_grad(forward, None, opt.parameters)
for _ in range(3):
    opt.zero_grad()
    loss, grads = grad_fn(x, y)
    opt(grads)
weights = net.weight.asnumpy()
"""


def test_fix_removes_zero_grad_and_the_value_and_grad_step_trains_like_torch():
    torch = pytest.importorskip("torch")
    assert codes(LOOP) == {"MSL231"}
    repaired = fixed(LOOP, "MSL231")
    assert "zero_grad" not in repaired
    assert codes(repaired) == set()
    model = torch.nn.Linear(2, 1)
    with torch.no_grad():
        model.weight.fill_(1.0)
        model.bias.fill_(0.0)
    reference = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(3):
        reference.zero_grad()
        torch.nn.functional.mse_loss(model(torch.tensor([[1.0, 2.0]])), torch.tensor([[1.0]])).backward()
        reference.step()
    np.testing.assert_allclose(run(repaired)["weights"], model.weight.detach().numpy(), rtol=1e-5)


def test_torch_no_grad_does_not_stop_mindspore_gradients():
    pytest.importorskip("torch")
    snippet = SETUP + """
import torch


def forward(data, label):
    with torch.no_grad():
        out = net(data)
    return loss_fn(out, label)


loss, grads = ms.value_and_grad(forward, None, opt.parameters)(x, y)
weight_grad = grads[0].asnumpy()
"""
    assert codes(snippet) == {"MSL231"}
    assert np.abs(run(snippet)["weight_grad"]).sum() > 0
