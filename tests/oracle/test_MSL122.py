"""MSL122: a Conv's default 'same' pads the odd extra right/bottom, torch both sides; ms-lint's fix matches torch."""
import numpy as np
import pytest
from conftest import codes, fixed, run

torch = pytest.importorskip("torch")

CONV = """
from mindspore import nn
layer = nn.Conv2d(1, 1, 3, 2, has_bias=False)
"""


def ms_out(layer, x):
    import mindspore as ms

    return layer(ms.Tensor(x)).asnumpy()


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
    assert codes(trap) == set()  # neither MSL122 nor the opt-in MSL127
    reference = torch.nn.MaxPool2d(2)(torch.tensor(x)).numpy()
    np.testing.assert_allclose(ms_out(nn.MaxPool2d(kernel_size=2, stride=2, pad_mode="same"), x), reference)
