"""MSL312: has_aux=True over a one-value function raises ValueError; ms-lint drops has_aux."""
import pytest
from conftest import codes, fixed, run

TRAP = """
import mindspore as ms

def f(x, y):
    return x ** 2 + y

x = ms.Tensor(1.0, ms.float32)
y = ms.Tensor(1.0, ms.float32)
dx = ms.grad(f, has_aux=True)(x, y)
"""

ONE_TUPLE = TRAP.replace("return x ** 2 + y", "return (x ** 2 + y,)")


def test_trap_raises_value_error_and_is_reported():
    assert codes(TRAP) == {"MSL312"}
    with pytest.raises(ValueError, match="requires more than one outputs"):
        run(TRAP)


def test_one_tuple_raises_too():
    assert codes(ONE_TUPLE) == {"MSL312"}
    with pytest.raises(ValueError, match="requires more than one outputs"):
        run(ONE_TUPLE)


def test_fix_runs_and_matches_torch():
    torch = pytest.importorskip("torch")
    repaired = fixed(TRAP, "MSL312")
    assert "ms.grad(f)(x, y)" in repaired
    assert codes(repaired) == set()
    x = torch.tensor(1.0, requires_grad=True)
    (reference,) = torch.autograd.grad(x ** 2 + torch.tensor(1.0), x)
    assert float(run(repaired)["dx"].asnumpy()) == pytest.approx(float(reference)) == pytest.approx(2.0)


def test_has_aux_over_two_outputs_is_fine_and_silent():
    two = TRAP.replace("return x ** 2 + y", "return x ** 2 + y, x")
    assert codes(two) == set()
    grads, _ = run(two)["dx"]
    assert float(grads.asnumpy()) == pytest.approx(2.0)
