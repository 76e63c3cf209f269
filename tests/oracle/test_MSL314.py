"""MSL314: gradients taken by one network's parameters, handed to another network's optimizer."""
import numpy as np
import pytest
from conftest import codes, run

TRAP = """
import numpy as np
import mindspore as ms
from mindspore import nn

x = ms.Tensor(np.ones((3, 2), np.float32))
net_d = nn.Dense(2, 2)
net_g = nn.Dense(2, OUT)
net_d.set_train()
net_g.set_train()
opt_d = nn.SGD(net_d.trainable_params(), 0.1)
opt_g = nn.SGD(net_g.trainable_params(), 0.1)


def d_forward(x):
    return net_d(x).sum()


grad_fn = ms.value_and_grad(d_forward, None, opt_d.parameters)
d_before = net_d.weight.asnumpy().copy()
g_before = net_g.weight.asnumpy().copy()


def train_step(x):
    loss, grads = grad_fn(x)
    opt_g(grads)
    return loss


train_step(x)
"""

SAME_SHAPES = TRAP.replace("OUT", "2")
OTHER_SHAPES = TRAP.replace("OUT", "3")
RIGHT = SAME_SHAPES.replace("    opt_g(grads)", "    opt_d(grads)")
CLIPPED = SAME_SHAPES.replace("    opt_g(grads)", "    grads = ops.clip_by_global_norm(grads, 1.0)\n    opt_g(grads)").replace(
    "from mindspore import nn", "from mindspore import nn, ops"
)


def moved(namespace, name):
    before = namespace[name[4:] + "_before"]
    return float(np.abs(namespace[name].weight.asnumpy() - before).max())


def test_equal_shapes_move_the_wrong_network_silently():
    assert codes(SAME_SHAPES) == {"MSL314"}
    done = run(SAME_SHAPES)
    assert moved(done, "net_d") == 0.0  # the differentiated network stays
    assert moved(done, "net_g") > 0.0  # the other one moves by net_d's gradients


def test_clipped_gradients_move_the_wrong_network_too():
    assert codes(CLIPPED) == {"MSL314"}
    done = run(CLIPPED)
    assert moved(done, "net_d") == 0.0
    assert moved(done, "net_g") > 0.0


def test_other_shapes_raise():
    assert codes(OTHER_SHAPES) == {"MSL314"}
    with pytest.raises(RuntimeError):
        run(OTHER_SHAPES)


def test_right_optimizer_is_silent_and_trains_the_differentiated_network():
    assert codes(RIGHT) == set()
    done = run(RIGHT)
    assert moved(done, "net_d") > 0.0
    assert moved(done, "net_g") == 0.0
