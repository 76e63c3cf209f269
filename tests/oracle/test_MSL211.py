"""MSL211: `nn.AdamW` does not exist; ms-lint's `ms.experimental.optim.AdamW` updates like torch's AdamW."""
import inspect

import numpy as np
import pytest
from conftest import codes, fixed, run

from ms_lint.facts import load_facts

TRAP = """
import numpy as np
import mindspore as ms
from mindspore import nn

w = ms.Parameter(ms.Tensor(np.ones(3, np.float32)), name="w")
opt = nn.AdamW([w], lr=0.1, betas=(0.9, 0.99), weight_decay=0.01)
for _ in range(3):
    opt((ms.Tensor(np.array([1.0, -2.0, 0.5], np.float32)),))
weights = w.asnumpy()
"""


def test_trap_is_an_attribute_error_and_is_reported():
    assert codes(TRAP) == {"MSL211"}
    with pytest.raises(AttributeError, match="AdamW"):
        run(TRAP)


def test_fix_updates_like_torch_adamw():
    torch = pytest.importorskip("torch")
    repaired = fixed(TRAP, "MSL211")
    assert "ms.experimental.optim.AdamW([w], lr=0.1" in repaired
    assert codes(repaired) == set()
    w = torch.nn.Parameter(torch.ones(3))
    reference = torch.optim.AdamW([w], lr=0.1, betas=(0.9, 0.99), weight_decay=0.01)
    for _ in range(3):
        w.grad = torch.tensor([1.0, -2.0, 0.5])
        reference.step()
    np.testing.assert_allclose(run(repaired)["weights"], w.detach().numpy(), rtol=1e-5)


def test_the_table_is_every_torch_optimizer_mindspore_nn_lacks():
    torch = pytest.importorskip("torch")
    import mindspore
    from mindspore import nn

    table = load_facts().torch_optimizers
    torch_optimizers = {
        name for name, obj in vars(torch.optim).items()
        if inspect.isclass(obj) and issubclass(obj, torch.optim.Optimizer) and obj is not torch.optim.Optimizer
    }
    assert set(table) == {name for name in torch_optimizers if not hasattr(nn, name)}
    for replacements in table.values():
        for qualname in replacements:
            obj = mindspore
            for part in qualname.split(".")[1:]:
                obj = getattr(obj, part)
            assert inspect.isclass(obj)


def test_import_is_an_import_error_and_is_reported():
    snippet = "from mindspore.nn import NAdam\n"
    assert codes(snippet) == {"MSL211"}
    with pytest.raises(ImportError):
        run(snippet)
