"""MSL301: a hand-written value_and_grad loop without set_train() trains with Dropout off; ms-lint's
`net.set_train()` turns it on. TrainOneStepCell does not set the mode either."""
import numpy as np
import pytest
from conftest import codes, fixed, run

NET = """
import numpy as np
import mindspore as ms
from mindspore import nn


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.dense = nn.Dense(64, 64)
        self.drop = nn.Dropout(p=0.5)

    def construct(self, x):
        return self.drop(self.dense(x))


net = Net()
optimizer = nn.SGD(net.trainable_params(), learning_rate=0.01)
"""

TRAP = NET + """
zero_shares = []


def forward_fn(x):
    out = net(x)
    zero_shares.append(float((out.asnumpy() == 0).mean()))
    return out.sum()


grad_fn = ms.value_and_grad(forward_fn, None, optimizer.parameters)
for _ in range(3):
    loss, grads = grad_fn(ms.Tensor(np.ones((16, 64), np.float32)))
    optimizer(grads)
"""

WRAPPER = NET + """
train_net = nn.TrainOneStepCell(nn.WithLossCell(net, nn.MSELoss()), optimizer)
train_net(ms.Tensor(np.ones((16, 64), np.float32)), ms.Tensor(np.zeros((16, 64), np.float32)))
"""


def test_new_cell_is_in_inference_mode_and_dropout_is_the_identity():
    namespace = run(NET + "\nout = net.drop(ms.Tensor(np.ones((100, 100), np.float32)))")
    assert namespace["net"].training is False
    assert np.all(namespace["out"].asnumpy() == 1)


def test_trap_trains_with_dropout_off_and_is_reported():
    assert codes(TRAP) == {"MSL301"}
    namespace = run(TRAP)
    assert namespace["zero_shares"] == [0.0, 0.0, 0.0]
    assert namespace["net"].training is False


def test_fix_turns_dropout_on():
    repaired = fixed(TRAP, "MSL301")
    assert "net.set_train()" in repaired
    assert codes(repaired) == set()
    shares = run(repaired)["zero_shares"]
    assert all(share == pytest.approx(0.5, abs=0.05) for share in shares)


def test_train_one_step_cell_leaves_the_mode_off():
    assert codes(WRAPPER) == {"MSL301"}
    namespace = run(WRAPPER)
    assert namespace["net"].training is False and namespace["train_net"].training is False
    repaired = fixed(WRAPPER, "MSL301")
    assert codes(repaired) == set()
    assert run(repaired)["net"].training is True


def test_model_sets_the_mode_itself():
    code = NET + "\nmodel = ms.Model(net, nn.MSELoss(), optimizer)\n"
    assert codes(code) == set()
    assert run(code)["net"].training is True


def test_forward_value_and_grad_leaves_the_mode_off():
    code = NET + """
train_net = nn.ForwardValueAndGrad(nn.WithLossCell(net, nn.MSELoss()), weights=optimizer.parameters, get_by_list=True)
loss, grads = train_net(ms.Tensor(np.ones((16, 64), np.float32)), ms.Tensor(np.zeros((16, 64), np.float32)))
"""
    assert codes(code) == {"MSL301"}
    assert run(code)["net"].training is False
    repaired = fixed(code, "MSL301")
    assert codes(repaired) == set()
    assert run(repaired)["net"].training is True
