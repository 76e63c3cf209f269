"""MSL127: an explicit 'same' puts the odd extra padding right/bottom (TensorFlow's SAME); the fix matches torch."""
import numpy as np
import pytest
from conftest import codes, fixed, run

torch = pytest.importorskip("torch")

POOL = """
from mindspore import nn
layer = nn.MaxPool2d(kernel_size=3, stride=2, pad_mode="same")
"""


def ms_out(layer, x):
    import mindspore as ms

    return layer(ms.Tensor(x)).asnumpy()


def test_same_placement_on_ops_maxpool():
    """The measured fact: `ops.MaxPool(2, 2, 'same')` on a 3x3 arange pads right/bottom only."""
    from mindspore import ops

    x = np.arange(9, dtype=np.float32).reshape(1, 1, 3, 3)
    assert ms_out(ops.MaxPool(2, 2, "same"), x).ravel().tolist() == [4, 5, 7, 8]
    assert torch.nn.MaxPool2d(2, 2, padding=1)(torch.tensor(x)).numpy().ravel().tolist() == [0, 2, 6, 8]


def test_pool_trap_differs_from_torch_and_the_fix_matches():
    assert codes(POOL) == {"MSL127"}
    x = np.arange(36, dtype=np.float32).reshape(1, 1, 6, 6)
    reference = torch.nn.MaxPool2d(3, 2, padding=1)(torch.tensor(x)).numpy()
    trapped = ms_out(run(POOL)["layer"], x)
    assert trapped.shape == reference.shape and not np.allclose(trapped, reference)
    repaired = fixed(POOL, "MSL127")
    assert "pad_mode='pad', padding=1" in repaired
    assert codes(repaired) == set()
    np.testing.assert_allclose(ms_out(run(repaired)["layer"], x), reference)


def test_same_equals_torch_ceil_mode_which_is_why_the_rule_is_opt_in():
    """torchvision's GoogLeNet pools with ceil_mode=True: the same windows as MindSpore's 'same'."""
    from mindspore import nn

    x = np.random.RandomState(0).randn(1, 1, 8, 8).astype(np.float32)
    reference = torch.nn.MaxPool2d(3, 2, ceil_mode=True)(torch.tensor(x)).numpy()
    np.testing.assert_allclose(ms_out(nn.MaxPool2d(kernel_size=3, stride=2, pad_mode="same"), x), reference)


def test_same_equals_tensorflow_same_as_ported_to_torch():
    """Cadene's NASNet port emulates TensorFlow's SAME: zero-pad left/top, pool with padding=1, crop."""
    from mindspore import nn

    x = np.random.RandomState(1).randn(1, 1, 8, 8).astype(np.float32)
    padded = torch.nn.ZeroPad2d((1, 0, 1, 0))(torch.tensor(x))
    reference = torch.nn.MaxPool2d(3, stride=2, padding=1)(padded)[:, :, 1:, 1:].numpy()
    np.testing.assert_allclose(ms_out(nn.MaxPool2d(kernel_size=3, stride=2, pad_mode="same"), x), reference)
