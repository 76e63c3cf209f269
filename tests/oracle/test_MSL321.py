"""MSL321: a scaled loss whose gradients reach SGD never unscaled; ms-lint's unscale restores the step."""
import pytest
from conftest import codes, fixed, run

TRAP = """
import numpy as np
import mindspore as ms
from mindspore import Parameter, Tensor, amp, nn

class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.w = Parameter(Tensor(np.array([1.0], np.float32)), name="w")

    def construct(self, x):
        return (self.w * x).sum()

net = Net()
optimizer = nn.SGD(net.trainable_params(), 0.1)
loss_scaler = amp.StaticLossScaler(1024)

def forward_fn(x):
    loss = net(x)
    loss = loss_scaler.scale(loss)
    return loss

grad_fn = ms.value_and_grad(forward_fn, None, optimizer.parameters)

def train_step(x):
    loss, grads = grad_fn(x)
    optimizer(grads)
    return loss

train_step(Tensor(np.array([1.0], np.float32)))
w = float(net.w.asnumpy()[0])
"""


def test_trap_steps_scale_times_too_far_and_is_reported():
    assert codes(TRAP) == {"MSL321"}
    assert run(TRAP)["w"] == pytest.approx(1.0 - 0.1 * 1024)  # -101.4


def test_fix_unscales_and_takes_the_true_step():
    repaired = fixed(TRAP, "MSL321")
    assert "grads = loss_scaler.unscale(grads)" in repaired
    assert codes(repaired) == set()
    assert run(repaired)["w"] == pytest.approx(0.9)
