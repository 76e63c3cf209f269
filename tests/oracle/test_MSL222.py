"""MSL222: `opt.param_groups` is an AttributeError on mindspore.nn optimizers; the
mindspore.experimental.optim optimizer the message names changes its lr like torch."""
import numpy as np
import pytest
from conftest import codes, run

TRAP = """
import numpy as np
import mindspore as ms
from mindspore import nn

w = ms.Parameter(ms.Tensor(np.ones(2, np.float32)), name="w")
opt = nn.SGD([w], learning_rate=0.1)
for group in opt.param_groups:
    group["lr"] = 0.5
"""

REPLACEMENT = """
import numpy as np
import mindspore as ms
from mindspore.experimental import optim

w = ms.Parameter(ms.Tensor(np.ones(2, np.float32)), name="w")
opt = optim.SGD([w], lr=0.1)
opt((ms.Tensor(np.ones(2, np.float32)),))
for group in opt.param_groups:
    group["lr"] = 0.5
opt((ms.Tensor(np.ones(2, np.float32)),))
weights = w.asnumpy()
"""


def test_trap_is_an_attribute_error_and_is_reported():
    assert codes(TRAP) == {"MSL222"}
    with pytest.raises(AttributeError, match="param_groups"):
        run(TRAP)


def test_experimental_optim_param_groups_work_like_torch_and_are_not_reported():
    torch = pytest.importorskip("torch")
    assert codes(REPLACEMENT) == set()
    w = torch.nn.Parameter(torch.ones(2))
    reference = torch.optim.SGD([w], lr=0.1)
    for lr in (0.1, 0.5):
        for group in reference.param_groups:
            group["lr"] = lr
        w.grad = torch.ones(2)
        reference.step()
    np.testing.assert_allclose(run(REPLACEMENT)["weights"], w.detach().numpy(), rtol=1e-6)
