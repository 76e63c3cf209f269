"""MSL322: a DynamicLossScaler never checked nor adjusted lets an overflow into the weights and keeps its scale."""
import math

import pytest
from conftest import codes, run

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
loss_scaler = amp.DynamicLossScaler(2 ** 16, 2, 1000)

def forward_fn(x):
    return loss_scaler.scale(net(x) * 1e36)

grad_fn = ms.value_and_grad(forward_fn, None, optimizer.parameters)

def train_step(x):
    loss, grads = grad_fn(x)
    grads = loss_scaler.unscale(grads)
    optimizer(grads)
    return loss

train_step(Tensor(np.array([1.0], np.float32)))
w = float(net.w.asnumpy()[0])
scale = float(loss_scaler.scale_value.asnumpy())
"""

CHECKED = TRAP.replace(
    "    optimizer(grads)\n",
    "    is_finite = amp.all_finite(grads)\n    loss_scaler.adjust(is_finite)\n    if is_finite:\n        optimizer(grads)\n",
)


def test_trap_lets_the_overflow_into_the_weights_and_is_reported():
    assert codes(TRAP) == {"MSL322"}
    namespace = run(TRAP)
    assert not math.isfinite(namespace["w"])
    assert namespace["scale"] == 65536.0


def test_checked_and_adjusted_step_skips_the_update_and_halves_the_scale():
    assert CHECKED != TRAP
    assert codes(CHECKED) == set()
    namespace = run(CHECKED)
    assert namespace["w"] == pytest.approx(1.0)
    assert namespace["scale"] == 32768.0
