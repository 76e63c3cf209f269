"""MSL316: weights passed as grad_position (TypeError), or to GradOperation without get_by_list (ignored)."""
import numpy as np
import pytest
from conftest import codes, fixed, run

TRAP = """
import numpy as np
import mindspore as ms
from mindspore import nn, ops

x = ms.Tensor(np.ones((3, 2), np.float32))
net = nn.Dense(2, 2)
net.set_train()
optimizer = nn.SGD(net.trainable_params(), 0.1)


def forward_fn(x):
    return net(x).sum()


grad_fn = ms.value_and_grad(forward_fn, WEIGHTS)
loss, grads = grad_fn(x)
"""

OPTIMIZER = TRAP.replace("WEIGHTS", "optimizer.parameters")
TRAINABLE = TRAP.replace("WEIGHTS", "net.trainable_params()")

GRAD_OPERATION = """
import numpy as np
import mindspore as ms
from mindspore import nn, ops

x = ms.Tensor(np.ones((3, 2), np.float32))
net = nn.Dense(2, 2)
net.set_train()
params = ms.ParameterTuple(net.trainable_params())


class WithLoss(nn.Cell):
    def __init__(self, network):
        super().__init__()
        self.network = network

    def construct(self, x):
        return self.network(x).sum()


loss_net = WithLoss(net)
grads = ops.GradOperation(GET_ALL)(loss_net, params)(x)
"""


@pytest.mark.parametrize("trap", [OPTIMIZER, TRAINABLE], ids=["opt.parameters", "trainable_params"])
def test_weights_as_grad_position_raise_type_error(trap):
    assert codes(trap) == {"MSL316"}
    with pytest.raises(TypeError, match="grad_position"):
        run(trap)


@pytest.mark.parametrize("trap", [OPTIMIZER, TRAINABLE], ids=["opt.parameters", "trainable_params"])
def test_fix_differentiates_the_weights(trap):
    repaired = fixed(trap, "MSL316")
    assert "ms.value_and_grad(forward_fn, None, " in repaired
    assert codes(repaired) == set()
    grads = run(repaired)["grads"]
    assert [g.shape for g in grads] == [(2, 2), (2,)]
    np.testing.assert_allclose(grads[0].asnumpy(), np.full((2, 2), 3.0))


@pytest.mark.parametrize("get_all", ["", "get_all=True"])
def test_grad_operation_ignores_the_weights(get_all):
    trap = GRAD_OPERATION.replace("GET_ALL", get_all)
    assert codes(trap) == {"MSL316"}
    grads = run(trap)["grads"]
    shapes = [grads.shape] if get_all == "" else [g.shape for g in grads]
    assert shapes == [(3, 2)]  # the input's gradient, not the weights'
    repaired = fixed(trap, "MSL316")
    assert "get_by_list=True" in repaired
    assert codes(repaired) == set()
    fixed_grads = run(repaired)["grads"]
    weights = fixed_grads if get_all == "" else fixed_grads[1]
    assert [g.shape for g in weights] == [(2, 2), (2,)]
