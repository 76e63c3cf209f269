"""MSL122: 'same' puts the odd extra padding right/bottom, torch pads both sides; ms-lint's fix matches torch."""
import numpy as np
import pytest
from conftest import codes, fixed, run

torch = pytest.importorskip("torch")

CONV = """
from mindspore import nn
layer = nn.Conv2d(1, 1, 3, 2, has_bias=False)
"""
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
    assert codes(POOL) == {"MSL122"}
    x = np.arange(36, dtype=np.float32).reshape(1, 1, 6, 6)
    reference = torch.nn.MaxPool2d(3, 2, padding=1)(torch.tensor(x)).numpy()
    trapped = ms_out(run(POOL)["layer"], x)
    assert trapped.shape == reference.shape and not np.allclose(trapped, reference)
    repaired = fixed(POOL, "MSL122")
    assert "pad_mode='pad', padding=1" in repaired
    assert codes(repaired) == set()
    np.testing.assert_allclose(ms_out(run(repaired)["layer"], x), reference)


def test_conv_trap_differs_from_torch_and_the_fix_matches():
    import mindspore as ms

    assert codes(CONV) == {"MSL122"}
    x = np.random.RandomState(0).randn(1, 1, 8, 8).astype(np.float32)
    reference_layer = torch.nn.Conv2d(1, 1, 3, 2, padding=1, bias=False)
    reference = reference_layer(torch.tensor(x)).detach().numpy()
    weight = ms.Tensor(reference_layer.weight.detach().numpy())
    trapped = run(CONV)["layer"]
    trapped.weight.set_data(weight)
    assert ms_out(trapped, x).shape == reference.shape
    assert not np.allclose(ms_out(trapped, x), reference, atol=1e-5)
    repaired = fixed(CONV, "MSL122")
    assert "padding=1" in repaired and "pad_mode='pad'" in repaired
    assert codes(repaired) == set()
    layer = run(repaired)["layer"]
    layer.weight.set_data(weight)
    np.testing.assert_allclose(ms_out(layer, x), reference, atol=1e-5)


def test_kernel_equal_to_stride_pads_nothing_on_divisible_input():
    """The look-alike ms-lint leaves alone: kernel 2, stride 2, 'same' on 6x6 is torch's MaxPool2d(2)."""
    from mindspore import nn

    x = np.arange(36, dtype=np.float32).reshape(1, 1, 6, 6)
    trap = "from mindspore import nn\nlayer = nn.MaxPool2d(kernel_size=2, stride=2, pad_mode='same')\n"
    assert codes(trap) == set()
    reference = torch.nn.MaxPool2d(2)(torch.tensor(x)).numpy()
    np.testing.assert_allclose(ms_out(nn.MaxPool2d(kernel_size=2, stride=2, pad_mode="same"), x), reference)
