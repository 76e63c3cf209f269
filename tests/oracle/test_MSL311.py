"""MSL311: grad over `return a, b` differentiates a + b; ms-lint's `has_aux=True` matches torch."""
import numpy as np
import pytest
from conftest import codes, fixed, run

TRAP = """
import mindspore as ms

def f(x, y):
    return x ** 2 + y, x

x = ms.Tensor(1.0, ms.float32)
y = ms.Tensor(1.0, ms.float32)
dx = ms.grad(f)(x, y)
"""

CELL_TRAP = """
import numpy as np
import mindspore as ms
from mindspore import nn

class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.dense = nn.Dense(2, 1)
        self.loss_fn = nn.MSELoss()

    def construct(self, data, label):
        logits = self.dense(data)
        return self.loss_fn(logits, label), logits

net = Net()
net.set_train()
net.dense.weight.set_data(ms.Tensor(np.array([[0.5, -1.0]], np.float32)))
net.dense.bias.set_data(ms.Tensor(np.array([0.25], np.float32)))
data = ms.Tensor(np.array([[1.0, 2.0], [3.0, 4.0]], np.float32))
label = ms.Tensor(np.array([[1.0], [0.0]], np.float32))
grad_fn = ms.value_and_grad(net, None, net.trainable_params())
value, grads = grad_fn(data, label)
weight_grad = grads[0].asnumpy()
"""


def test_trap_differentiates_the_sum_and_is_reported():
    assert codes(TRAP) == {"MSL311"}
    assert float(run(TRAP)["dx"].asnumpy()) == pytest.approx(3.0)


def test_fix_differentiates_the_first_output_like_torch():
    torch = pytest.importorskip("torch")
    repaired = fixed(TRAP, "MSL311")
    assert "ms.grad(f, has_aux=True)" in repaired
    assert codes(repaired) == set()
    grads, aux = run(repaired)["dx"]
    x = torch.tensor(1.0, requires_grad=True)
    (reference,) = torch.autograd.grad(x ** 2 + torch.tensor(1.0), x)
    assert float(grads.asnumpy()) == pytest.approx(2.0) == pytest.approx(float(reference))
    assert float(aux[0].asnumpy()) == pytest.approx(1.0)


def reference_weight_grad(torch):
    linear = torch.nn.Linear(2, 1)
    with torch.no_grad():
        linear.weight.copy_(torch.tensor([[0.5, -1.0]]))
        linear.bias.copy_(torch.tensor([0.25]))
    logits = linear(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
    torch.nn.functional.mse_loss(logits, torch.tensor([[1.0], [0.0]])).backward()
    return linear.weight.grad.numpy()


def test_cell_trap_adds_the_logits_to_the_loss():
    torch = pytest.importorskip("torch")
    assert codes(CELL_TRAP) == {"MSL311"}
    trapped = run(CELL_TRAP)["weight_grad"]
    assert not np.allclose(trapped, reference_weight_grad(torch), atol=1e-5)


def test_cell_fix_gives_torchs_gradient_and_keeps_the_values():
    torch = pytest.importorskip("torch")
    repaired = fixed(CELL_TRAP, "MSL311")
    assert "has_aux=True" in repaired
    assert codes(repaired) == set()
    namespace = run(repaired)
    np.testing.assert_allclose(namespace["weight_grad"], reference_weight_grad(torch), rtol=1e-5)
    loss, logits = namespace["value"]
    assert logits.shape == (2, 1)
