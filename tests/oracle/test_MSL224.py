"""MSL224: in PyNative mode a Tensor assigned (or set_data) into an optimizer's learning_rate /
momentum after its first step is ignored; ms-lint's `ops.assign` reaches the step like torch's
param_groups change."""
import numpy as np
import pytest
from conftest import codes, fixed, run

TRAP = """
import numpy as np
import mindspore as ms
from mindspore import nn

w = ms.Parameter(ms.Tensor(np.ones(2, np.float32)), name="w")
grad = (ms.Tensor(np.ones(2, np.float32)),)
opt = nn.SGD([w], learning_rate=0.1)
opt(grad)
opt.learning_rate = ms.Tensor(0.5, ms.float32)
opt(grad)
opt(grad)
weights = w.asnumpy()
lr_value = float(opt.learning_rate.asnumpy())
"""


def torch_weights():
    torch = pytest.importorskip("torch")
    w = torch.nn.Parameter(torch.ones(2))
    reference = torch.optim.SGD([w], lr=0.1)
    for lr in (0.1, 0.5, 0.5):
        reference.param_groups[0]["lr"] = lr
        w.grad = torch.ones(2)
        reference.step()
    return w.detach().numpy()


def test_trap_keeps_the_old_learning_rate_and_is_reported():
    assert codes(TRAP) == {"MSL224"}
    namespace = run(TRAP)
    assert namespace["lr_value"] == pytest.approx(0.5)  # the Parameter holds 0.5 ...
    np.testing.assert_allclose(namespace["weights"], [0.7, 0.7], rtol=1e-6)  # ... the step used 0.1


def test_set_data_keeps_the_old_learning_rate_and_is_reported():
    snippet = TRAP.replace("opt.learning_rate = ms.Tensor(0.5, ms.float32)", "opt.learning_rate.set_data(ms.Tensor(0.5, ms.float32))")
    assert codes(snippet) == {"MSL224"}
    np.testing.assert_allclose(run(snippet)["weights"], [0.7, 0.7], rtol=1e-6)


def test_fix_reaches_the_step_like_torch():
    repaired = fixed(TRAP, "MSL224")
    assert "ms.ops.assign(opt.learning_rate, ms.Tensor(0.5, ms.float32))" in repaired
    assert codes(repaired) == set()
    np.testing.assert_allclose(run(repaired)["weights"], torch_weights(), rtol=1e-6)


def test_momentum_tensor_after_the_first_step_is_ignored():
    snippet = """
import numpy as np
import mindspore as ms
from mindspore import nn

w = ms.Parameter(ms.Tensor(np.ones(1, np.float32)), name="w")
grad = (ms.Tensor(np.ones(1, np.float32)),)
opt = nn.Momentum([w], 0.1, 0.0)
opt(grad)
opt.momentum = ms.Tensor(0.9, ms.float32)
opt(grad)
opt(grad)
weights = w.asnumpy()
"""
    assert codes(snippet) == {"MSL224"}
    np.testing.assert_allclose(run(snippet)["weights"], [0.7], rtol=1e-6)
    np.testing.assert_allclose(run(fixed(snippet, "MSL224"))["weights"], [0.439], rtol=1e-5)


def test_graph_mode_takes_the_assignment():
    import mindspore

    mindspore.set_context(mode=mindspore.GRAPH_MODE)
    try:
        np.testing.assert_allclose(run(TRAP)["weights"], [-0.1, -0.1], rtol=1e-5)
    finally:
        mindspore.set_context(mode=mindspore.PYNATIVE_MODE)
