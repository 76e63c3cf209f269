"""MSL315: a gradient function without weights differentiates the inputs; an optimizer cannot take them."""
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


grad_fn = ms.value_and_grad(forward_fn)
before = net.weight.asnumpy().copy()


def train_step(x):
    loss, grads = grad_fn(x)
    optimizer(grads)
    return loss


train_step(x)
"""

GRAD = TRAP.replace("    loss, grads = grad_fn(x)", "    grads = ms.grad(forward_fn)(x)")
GRAD_OPERATION = TRAP.replace("ms.value_and_grad(forward_fn)", "ops.GradOperation()(forward_fn)").replace(
    "    loss, grads = grad_fn(x)", "    grads = grad_fn(x)"
).replace("    return loss", "    return grads")


@pytest.mark.parametrize("trap", [TRAP, GRAD, GRAD_OPERATION], ids=["value_and_grad", "grad", "GradOperation"])
def test_input_gradients_fail_in_the_optimizer(trap):
    assert codes(trap) == {"MSL315"}
    with pytest.raises(RuntimeError, match="Illegal DoSignaturePrimitive"):
        run(trap)


def test_the_gradients_have_the_inputs_shape():
    namespace = run(TRAP.replace("    optimizer(grads)\n", "").replace("    return loss", "    return grads"))
    assert namespace["train_step"](namespace["x"]).shape == (3, 2)


def test_fix_trains_the_network():
    repaired = fixed(TRAP, "MSL315")
    assert "ms.value_and_grad(forward_fn, None, optimizer.parameters)" in repaired
    assert codes(repaired) == set()
    done = run(repaired)
    moved = np.abs(done["net"].weight.asnumpy() - done["before"])
    np.testing.assert_allclose(moved, np.full((2, 2), 0.3), rtol=1e-5)  # lr 0.1 times the sum of 3 ones


def test_input_gradients_kept_away_from_the_optimizer_are_silent():
    adversarial = TRAP.replace("    optimizer(grads)", "    x = x + 0.01 * ops.sign(grads)")
    assert codes(adversarial) == set()
    run(adversarial)
