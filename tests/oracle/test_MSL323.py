"""MSL323: an optimizer's loss_scale over an unscaled loss shrinks the step; ms-lint drops loss_scale."""
import pytest
from conftest import codes, fixed, run

TRAP = """
import numpy as np
import mindspore as ms
from mindspore import Parameter, Tensor, nn

class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.w = Parameter(Tensor(np.array([1.0], np.float32)), name="w")

    def construct(self, x):
        return (self.w * x).sum()

net = Net()
optimizer = nn.SGD(net.trainable_params(), 0.1, loss_scale=1024)

def forward_fn(x):
    loss = net(x)
    return loss

grad_fn = ms.value_and_grad(forward_fn, None, optimizer.parameters)

def train_step(x):
    loss, grads = grad_fn(x)
    optimizer(grads)
    return loss

train_step(Tensor(np.array([1.0], np.float32)))
w = float(net.w.asnumpy()[0])
"""

MODEL = """
import numpy as np
import mindspore as ms
from mindspore import Parameter, Tensor, nn
from mindspore.train import FixedLossScaleManager, Model

class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.w = Parameter(Tensor(np.array([1.0], np.float32)), name="w")

    def construct(self, x):
        return (self.w * x).sum()

class Identity(nn.Cell):
    def construct(self, value, label):
        return value

net = Net()
optimizer = nn.SGD(net.trainable_params(), 0.1, loss_scale=1024)
manager = FixedLossScaleManager(1024, drop_overflow_update=False)
model = Model(net, Identity(), optimizer, loss_scale_manager=manager)
network = model._train_network
network.set_train()
network(Tensor(np.array([1.0], np.float32)), Tensor(np.array([0.0], np.float32)))
w = float(net.w.asnumpy()[0])
"""


def test_trap_takes_a_step_1024_times_too_small_and_is_reported():
    assert codes(TRAP) == {"MSL323"}
    assert run(TRAP)["w"] == pytest.approx(1.0 - 0.1 / 1024, abs=1e-6)  # 0.99990


def test_fix_drops_loss_scale_and_takes_the_full_step():
    repaired = fixed(TRAP, "MSL323")
    assert "loss_scale" not in repaired
    assert codes(repaired) == set()
    assert run(repaired)["w"] == pytest.approx(0.9)


def test_the_same_optimizer_in_model_with_a_fixed_manager_takes_the_full_step_and_is_clean():
    assert "MSL323" not in codes(MODEL)
    assert run(MODEL)["w"] == pytest.approx(0.9)
