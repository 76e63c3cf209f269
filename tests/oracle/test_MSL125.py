"""MSL125: a Conv without has_bias has no bias in MindSpore, one in torch; the fix adds it."""
import pytest
from conftest import codes, fixed, run

TRAP = """
from mindspore import nn
layer = nn.Conv2d(1, 4, 1)
"""


def test_trap_has_no_bias_and_is_reported():
    assert codes(TRAP) == {"MSL125"}
    assert run(TRAP)["layer"].bias is None


def test_fix_has_a_bias_like_torch():
    torch = pytest.importorskip("torch")
    repaired = fixed(TRAP, "MSL125")
    assert "has_bias=True" in repaired
    assert codes(repaired) == set()
    assert tuple(run(repaired)["layer"].bias.shape) == tuple(torch.nn.Conv2d(1, 4, 1).bias.shape)
