"""MSL131: a Cell with forward and no construct raises when called; renamed, it runs like torch."""
import numpy as np
import pytest
from conftest import codes, fixed, run

TRAP = """
import numpy as np
import mindspore as ms
from mindspore import nn


class Head(nn.Cell):
    def __init__(self):
        super().__init__()
        self.scale = 2.0

    def forward(self, x):
        return x * self.scale


out = Head()(ms.Tensor(np.array([1.0, 2.0], np.float32))).asnumpy()
"""


def test_trap_raises_and_is_reported():
    assert codes(TRAP) == {"MSL131"}
    with pytest.raises(AttributeError, match="construct"):
        run(TRAP)


def test_fix_runs_like_torch():
    torch = pytest.importorskip("torch")
    repaired = fixed(TRAP, "MSL131")
    assert "def construct(self, x):" in repaired
    assert codes(repaired) == set()

    class Head(torch.nn.Module):
        def forward(self, x):
            return x * 2.0

    np.testing.assert_array_equal(run(repaired)["out"], Head()(torch.tensor([1.0, 2.0])).numpy())
