"""MSL221: numbers assigned to an optimizer's learning_rate / momentum raise, weight_decay is ignored;
ms-lint's `ops.assign` sets the learning rate like torch's param_groups."""
import numpy as np
import pytest
from conftest import codes, findings, fixed, run

SETUP = """
import numpy as np
import mindspore as ms
from mindspore import nn

w = ms.Parameter(ms.Tensor(np.ones(2, np.float32)), name="w")
grad = (ms.Tensor(np.ones(2, np.float32)),)
"""

TRAP = SETUP + """
opt = nn.SGD([w], learning_rate=0.1, momentum=0.0)
opt(grad)
opt.learning_rate = 0.5
opt(grad)
weights = w.asnumpy()
"""


def test_number_for_learning_rate_is_a_type_error_and_is_reported():
    assert codes(TRAP) == {"MSL221"}
    with pytest.raises(TypeError, match="learning_rate"):
        run(TRAP)


def test_number_for_momentum_is_a_type_error_and_is_reported():
    snippet = SETUP + "opt = nn.Momentum([w], 0.1, 0.9)\nopt.momentum = 0.5\n"
    assert codes(snippet) == {"MSL221"}
    with pytest.raises(TypeError, match="momentum"):
        run(snippet)


def test_fix_sets_the_learning_rate_like_torch_param_groups():
    torch = pytest.importorskip("torch")
    repaired = fixed(TRAP, "MSL221")
    assert "ms.ops.assign(opt.learning_rate, ms.Tensor(0.5, ms.float32))" in repaired
    assert codes(repaired) == set()
    w = torch.nn.Parameter(torch.ones(2))
    reference = torch.optim.SGD([w], lr=0.1)
    for lr in (0.1, 0.5):
        reference.param_groups[0]["lr"] = lr
        w.grad = torch.ones(2)
        reference.step()
    np.testing.assert_allclose(run(repaired)["weights"], w.detach().numpy(), rtol=1e-6)


WEIGHT_DECAY = SETUP + """
opt = nn.SGD([w], learning_rate=0.1, weight_decay=0.1)
opt(grad)
opt.weight_decay = 0.5
opt(grad)
weights = w.asnumpy()
"""


def test_weight_decay_after_the_first_step_is_ignored_and_is_reported():
    assert codes(WEIGHT_DECAY) == {"MSL221"}
    assert all(f.fix is None for f in findings(WEIGHT_DECAY))
    unchanged = run(WEIGHT_DECAY.replace("opt.weight_decay = 0.5\n", ""))["weights"]
    np.testing.assert_allclose(run(WEIGHT_DECAY)["weights"], unchanged)


def test_weight_decay_on_an_optimizer_built_without_decay_is_ignored():
    snippet = SETUP + """
opt = nn.Momentum([w], 0.1, 0.9)
opt.weight_decay = ms.Tensor(0.5, ms.float32)
opt(grad)
weights = w.asnumpy()
"""
    assert codes(snippet) == {"MSL221"}
    np.testing.assert_allclose(run(snippet)["weights"], [0.9, 0.9], rtol=1e-6)


def test_any_value_for_a_dynamic_learning_rate_is_a_type_error():
    snippet = SETUP + """
opt = nn.SGD([w], learning_rate=nn.CosineDecayLR(0.0, 0.1, 10))
opt.learning_rate = ms.Tensor(0.5, ms.float32)
"""
    assert codes(snippet) == {"MSL221"}
    with pytest.raises(TypeError, match="learning_rate"):
        run(snippet)


def test_a_tensor_for_a_static_learning_rate_before_the_first_step_works_and_is_not_reported():
    snippet = SETUP + """
opt = nn.SGD([w], learning_rate=0.1)
opt.learning_rate = ms.Tensor(0.5, ms.float32)
opt(grad)
weights = w.asnumpy()
"""
    assert "MSL221" not in codes(snippet)
    np.testing.assert_allclose(run(snippet)["weights"], [0.5, 0.5], rtol=1e-6)


def test_a_tensor_assigned_after_the_first_step_is_ignored():
    """Measured: only ops.assign reaches the compiled step once the optimizer has run (MSL224)."""
    snippet = TRAP.replace("opt.learning_rate = 0.5", "opt.learning_rate = ms.Tensor(0.5, ms.float32)")
    assert codes(snippet) & {"MSL221"} == set()
    np.testing.assert_allclose(run(snippet)["weights"], [0.8, 0.8], rtol=1e-6)


def test_a_float_weight_decay_before_the_first_step_raises_at_that_step():
    snippet = SETUP + """
opt = nn.SGD([w], learning_rate=0.1, weight_decay=0.1)
opt.weight_decay = 0.5
opt(grad)
"""
    assert codes(snippet) == {"MSL221"}
    with pytest.raises(ValueError):
        run(snippet)
