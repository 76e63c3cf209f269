"""MSL132: a Dense built in construct gets fresh weights every call; built in __init__ it is stable."""
import numpy as np
from conftest import codes, run

TRAP = """
import numpy as np
import mindspore as ms
from mindspore import nn


class Net(nn.Cell):
    def construct(self, x):
        return nn.Dense(4, 4)(x)


net = Net()
x = ms.Tensor(np.ones((1, 4), np.float32))
first, second = net(x).asnumpy(), net(x).asnumpy()
params = net.trainable_params()
"""

IN_INIT = """
import numpy as np
import mindspore as ms
from mindspore import nn


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.dense = nn.Dense(4, 4)

    def construct(self, x):
        return self.dense(x)


net = Net()
x = ms.Tensor(np.ones((1, 4), np.float32))
first, second = net(x).asnumpy(), net(x).asnumpy()
params = net.trainable_params()
"""


def test_trap_changes_weights_every_call_and_is_reported():
    assert codes(TRAP) == {"MSL132"}
    done = run(TRAP)
    assert not np.allclose(done["first"], done["second"])
    assert done["params"] == []


def test_layer_in_init_is_stable_and_trained_like_torch():
    assert codes(IN_INIT) == set()
    done = run(IN_INIT)
    np.testing.assert_array_equal(done["first"], done["second"])
    assert len(done["params"]) == 2


def test_parameter_free_cells_are_not_reported():
    code = "from mindspore import nn\nclass N(nn.Cell):\n    def construct(self, x):\n        return nn.ReLU()(nn.Flatten()(x))\n"
    assert codes(code) == set()
