"""MSL402: MindSpore's initializer and clip functions return their result and change nothing, so as
statements (where PyTorch's in-place nn.init / clip_grad_norm_ were) they do nothing; ms-lint's fix
keeps the result, and the weights and gradients come out as PyTorch's do."""
import numpy as np
import pytest
from conftest import codes, fixed, run

INIT = """
import numpy as np
import mindspore as ms
from mindspore.common.initializer import XavierUniform, initializer

w = ms.Parameter(ms.Tensor(np.ones((4, 3), np.float32)), name="w")
initializer(XavierUniform(), w.shape, w.dtype)
weights = w.asnumpy()
"""


def test_initializer_as_a_statement_leaves_the_weight_unchanged_and_is_reported():
    torch = pytest.importorskip("torch")
    assert codes(INIT) == {"MSL402"}
    np.testing.assert_array_equal(run(INIT)["weights"], np.ones((4, 3), np.float32))
    reference = torch.nn.Parameter(torch.ones(4, 3))
    torch.nn.init.xavier_uniform_(reference)
    assert not torch.equal(reference, torch.ones(4, 3))  # the torch original fills the tensor in place


def test_fix_fills_the_weight_from_the_xavier_bounds():
    repaired = fixed(INIT, "MSL402")
    assert "w.set_data(initializer(XavierUniform(), w.shape, w.dtype))" in repaired
    assert codes(repaired) == set()
    weights = run(repaired)["weights"]
    bound = np.sqrt(6.0 / (4 + 3))  # Xavier uniform's bound, as torch's xavier_uniform_
    assert not np.array_equal(weights, np.ones((4, 3))) and np.abs(weights).max() <= bound


CLIP = """
import numpy as np
import mindspore as ms
from mindspore import ops

grads = (ms.Tensor(np.array([3.0, 4.0], np.float32)), ms.Tensor(np.array([12.0], np.float32)))
ops.clip_by_global_norm(grads, 1.0)
clipped = [g.asnumpy() for g in grads]
"""


def test_clip_by_global_norm_as_a_statement_clips_nothing_and_is_reported():
    assert codes(CLIP) == {"MSL402"}
    clipped = run(CLIP)["clipped"]
    np.testing.assert_array_equal(clipped[0], [3.0, 4.0])
    np.testing.assert_array_equal(clipped[1], [12.0])


def test_fix_clips_like_torch_clip_grad_norm():
    torch = pytest.importorskip("torch")
    repaired = fixed(CLIP, "MSL402")
    assert "grads = ops.clip_by_global_norm(grads, 1.0)" in repaired
    assert codes(repaired) == set()
    a, b = torch.nn.Parameter(torch.zeros(2)), torch.nn.Parameter(torch.zeros(1))
    a.grad, b.grad = torch.tensor([3.0, 4.0]), torch.tensor([12.0])
    torch.nn.utils.clip_grad_norm_([a, b], 1.0)  # norm 13 -> 1, in place
    clipped = run(repaired)["clipped"]
    np.testing.assert_allclose(clipped[0], a.grad.numpy(), rtol=1e-5)
    np.testing.assert_allclose(clipped[1], b.grad.numpy(), rtol=1e-5)


def test_clip_by_value_as_a_statement_clips_nothing():
    snippet = CLIP.replace("ops.clip_by_global_norm(grads, 1.0)", "ops.clip_by_value(grads, -1.0, 1.0)")
    assert codes(snippet) == {"MSL402"}
    np.testing.assert_array_equal(run(snippet)["clipped"][1], [12.0])
    np.testing.assert_array_equal(run(fixed(snippet, "MSL402"))["clipped"][1], [1.0])


LOOP = """
import numpy as np
import mindspore as ms
from mindspore import nn
from mindspore.common.initializer import XavierUniform, initializer

net = nn.Dense(4, 3, weight_init="ones")


def reset_parameters(cell):
    for p in cell.get_parameters():
        if p.dim() > 1:
            p = initializer(XavierUniform(), p.shape, ms.float32)


reset_parameters(net)
weights = net.weight.asnumpy()
"""


def test_rebinding_the_loop_variable_leaves_the_parameters_unchanged_and_the_fix_sets_them():
    assert codes(LOOP) == {"MSL402"}
    np.testing.assert_array_equal(run(LOOP)["weights"], np.ones((3, 4), np.float32))
    repaired = fixed(LOOP, "MSL402")
    assert "p.set_data(initializer(XavierUniform(), p.shape, ms.float32))" in repaired
    assert codes(repaired) == set()
    weights = run(repaired)["weights"]
    assert not np.array_equal(weights, np.ones((3, 4))) and np.abs(weights).max() <= np.sqrt(6.0 / 7)


CLAMP = """
import numpy as np
import mindspore as ms
from mindspore import ops

probs = ops.softmax(ms.Tensor(np.array([[0.0, 20.0]], np.float32)))
probs.clamp(0.1, 0.9)
clamped = probs.asnumpy()
"""


def test_tensor_clamp_as_a_statement_changes_nothing_unlike_torch_clamp_():
    torch = pytest.importorskip("torch")
    assert codes(CLAMP) == {"MSL402"}
    assert run(CLAMP)["clamped"].max() > 0.99
    reference = torch.softmax(torch.tensor([[0.0, 20.0]]), dim=-1)
    reference.clamp_(0.1, 0.9)
    repaired = fixed(CLAMP, "MSL402")
    assert "probs = probs.clamp(0.1, 0.9)" in repaired
    np.testing.assert_allclose(run(repaired)["clamped"], reference.numpy(), rtol=1e-6)
