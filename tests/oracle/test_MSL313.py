"""MSL313: has_aux=True over `return gp, d_loss` differentiates the penalty; the loss gets no gradient."""
import pytest
from conftest import codes, fixed, run

TRAP = """
import numpy as np
import mindspore as ms
from mindspore import Parameter, Tensor

w = Parameter(Tensor(np.array([1.0], np.float32)), name="w")

def d_forward(x):
    gp = (w * w).sum() * 0.1
    d_loss = (w * x).sum()
    return gp, d_loss

grad_fn = ms.value_and_grad(d_forward, None, [w], has_aux=True)
(first, aux), grads = grad_fn(Tensor(np.array([3.0], np.float32)))
grad = float(grads[0].asnumpy()[0])
"""



def test_trap_differentiates_the_penalty_and_is_reported():
    assert codes(TRAP) == {"MSL313"}
    namespace = run(TRAP)
    assert namespace["grad"] == pytest.approx(0.2)  # d(0.1 w^2)/dw at w = 1, not the loss's 3.0
    assert float(namespace["aux"].asnumpy()) == pytest.approx(3.0)


def test_fix_returns_the_loss_first_and_gives_its_gradient():
    repaired = fixed(TRAP, "MSL313")
    assert "return d_loss, gp" in repaired and "(aux, first), grads = grad_fn(" in repaired
    assert codes(repaired) == set()
    namespace = run(repaired)
    assert namespace["grad"] == pytest.approx(3.0)  # d(w x)/dw = x
    assert float(namespace["aux"].asnumpy()) == pytest.approx(3.0)  # the loss, under its own name again
