"""MSL302: evaluating after training without set_train(False) keeps Dropout on (outputs vary between
calls); ms-lint's `net.set_train(False)` makes evaluation deterministic."""
import numpy as np
from conftest import codes, fixed, run

TRAP = """
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
grad_fn = ms.value_and_grad(lambda x: net(x).sum(), None, optimizer.parameters)
net.set_train()
for _ in range(3):
    loss, grads = grad_fn(ms.Tensor(np.ones((16, 64), np.float32)))
    optimizer(grads)

test_dataset = [ms.Tensor(np.ones((16, 64), np.float32))] * 2
outputs = []
for data in test_dataset:
    outputs.append(net(data).asnumpy())
"""


def test_trap_evaluates_with_dropout_on_and_is_reported():
    assert codes(TRAP) == {"MSL302"}
    first, second = run(TRAP)["outputs"]
    assert not np.array_equal(first, second)
    assert (first == 0).mean() > 0.3


def test_fix_makes_evaluation_deterministic():
    repaired = fixed(TRAP, "MSL302")
    assert "net.set_train(False)" in repaired
    assert codes(repaired) == set()
    first, second = run(repaired)["outputs"]
    assert np.array_equal(first, second)
    assert (first == 0).mean() == 0
