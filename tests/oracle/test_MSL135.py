"""MSL135: forward under a base's construct never runs; renamed to construct, it replaces the base's like torch's forward."""
import numpy as np
import pytest
from conftest import codes, fixed, run

TRAP = """
import numpy as np
import mindspore as ms
from mindspore import nn


class Backbone(nn.Cell):
    def __init__(self):
        super().__init__()
        self.scale = 2.0

    def construct(self, x):
        return x * self.scale


class Head(Backbone):
    def forward(self, x):
        return x * self.scale + 10.0


out = Head()(ms.Tensor(np.array([1.0, 2.0], np.float32))).asnumpy()
"""

HUB = """
import numpy as np
import mindspore as ms
from mindspore import nn


class Hub(nn.Cell):
    def construct(self, *args, **kwargs):
        return self.forward(*args, **kwargs)


class Head(Hub):
    def forward(self, x):
        return x + 10.0


out = Head()(ms.Tensor(np.array([1.0, 2.0], np.float32))).asnumpy()
"""


def test_trap_runs_the_base_construct_and_is_reported():
    assert codes(TRAP) == {"MSL135"}
    np.testing.assert_array_equal(run(TRAP)["out"], [2.0, 4.0])  # Backbone.construct; Head.forward never ran


def test_fix_runs_the_subclass_like_torch():
    torch = pytest.importorskip("torch")
    repaired = fixed(TRAP, "MSL135")
    assert "    def construct(self, x):\n        return x * self.scale + 10.0" in repaired
    assert codes(repaired) == set()

    class Backbone(torch.nn.Module):
        def forward(self, x):
            return x * 2.0

    class Head(Backbone):
        def forward(self, x):
            return x * 2.0 + 10.0

    np.testing.assert_array_equal(run(repaired)["out"], Head()(torch.tensor([1.0, 2.0])).numpy())


def test_a_base_construct_that_calls_forward_runs_it_and_is_not_reported():
    assert "MSL135" not in codes(HUB)
    np.testing.assert_array_equal(run(HUB)["out"], [11.0, 12.0])
