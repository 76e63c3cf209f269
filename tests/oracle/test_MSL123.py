"""MSL123: `nn.MaxPool2d(2)` moves by 1 in MindSpore (8x8 -> 7x7); ms-lint's `stride=2` gives torch's 4x4."""
import numpy as np
import pytest
from conftest import codes, fixed, run

TRAP = """
import numpy as np
import mindspore as ms
from mindspore import nn

x = np.arange(64, dtype=np.float32).reshape(1, 1, 8, 8)
out = nn.MaxPool2d(2)(ms.Tensor(x)).asnumpy()
"""


def test_trap_gives_7x7_and_is_reported():
    assert codes(TRAP) == {"MSL123"}
    assert run(TRAP)["out"].shape == (1, 1, 7, 7)


def test_fix_matches_torch():
    torch = pytest.importorskip("torch")
    repaired = fixed(TRAP, "MSL123")
    assert "nn.MaxPool2d(2, stride=2)" in repaired
    assert codes(repaired) == set()
    x = np.arange(64, dtype=np.float32).reshape(1, 1, 8, 8)
    reference = torch.nn.MaxPool2d(2)(torch.tensor(x)).numpy()
    out = run(repaired)["out"]
    assert out.shape == (1, 1, 4, 4)
    np.testing.assert_allclose(out, reference)


def test_why_it_is_off_by_default_stride_less_pools_that_are_right():
    """A global pool is one window whatever the stride, and YOLOv9's stride-1 blur is ported as written."""
    torch = pytest.importorskip("torch")
    from mindspore import Tensor, nn

    x = np.random.default_rng(0).standard_normal((1, 2, 8, 8)).astype(np.float32)
    np.testing.assert_allclose(nn.AvgPool2d(8)(Tensor(x)).asnumpy(), nn.AvgPool2d(8, stride=8)(Tensor(x)).asnumpy())
    blur = torch.nn.functional.avg_pool2d(torch.tensor(x), 2, 1, 0, False, True).numpy()
    np.testing.assert_allclose(nn.AvgPool2d(2)(Tensor(x)).asnumpy(), blur, rtol=1e-6)
