"""MSL128: 1.x's weight_init='normal' draws N(0, 0.01), torch's Linear U(+-1/sqrt(fan_in)); the fix
(HeUniform(math.sqrt(5)), Uniform(1 / math.sqrt(fan_in))) draws torch's bounds on MindSpore 2.10.0."""
import math

import numpy as np
import pytest
from conftest import codes, fixed, run

FAN_IN = 400
# the 1.x defaults spelled out, run on 2.10.0 (1.x itself does not install here)
TRAP = """
import math
from mindspore import nn
from mindspore.common.initializer import HeUniform, Uniform


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.fc = nn.Dense(%d, 300)

    def construct(self, x):
        return self.forward(x)

    def forward(self, x):  # the PyTorch original's method
        return self.fc(x)


layer = Net().fc
""" % FAN_IN


def weights(layer):
    return layer.weight.asnumpy(), layer.bias.asnumpy()


def test_the_1x_default_is_reported_and_draws_n_0_001():
    assert codes(TRAP, target_version="1.8") == {"MSL128"}
    assert codes(TRAP, target_version="2.10") == set()
    spelled_out = TRAP.replace(", 300)", ", 300, weight_init='normal', bias_init='zeros')")
    weight, bias = weights(run(spelled_out)["layer"])
    assert abs(weight.std() - 0.01) < 0.001 and abs(weight.mean()) < 0.001
    assert not bias.any()


def test_torch_linear_draws_within_one_over_sqrt_fan_in():
    torch = pytest.importorskip("torch")
    weight = torch.nn.Linear(FAN_IN, 300).weight.detach().numpy()
    bound = 1 / math.sqrt(FAN_IN)
    assert np.abs(weight).max() <= bound
    assert abs(weight.std() - bound / math.sqrt(3)) < 0.05 * bound


def test_fix_draws_torch_bounds():
    repaired = fixed(TRAP, "MSL128", target_version="1.8")
    assert "weight_init=HeUniform(math.sqrt(5)), bias_init=Uniform(1 / math.sqrt(%d))" % FAN_IN in repaired
    assert codes(repaired, target_version="1.8") == set()
    weight, bias = weights(run(repaired)["layer"])
    bound = 1 / math.sqrt(FAN_IN)
    assert np.abs(weight).max() <= bound and np.abs(bias).max() <= bound
    assert abs(weight.std() - 1 / math.sqrt(3 * FAN_IN)) < 0.05 * bound
    assert np.abs(bias).max() > bound / 2  # uniform over the bound, not zeros


EMBEDDING = """
import torch
from mindspore import nn
from mindspore.common.initializer import Normal

table = nn.Embedding(1000, 64)
"""


def test_embedding_default_draws_n_0_001_and_the_fix_torchs_n_0_1():
    torch = pytest.importorskip("torch")
    assert codes(EMBEDDING, target_version="2.10") == {"MSL128"}
    assert abs(run(EMBEDDING)["table"].embedding_table.asnumpy().std() - 0.01) < 0.001
    repaired = fixed(EMBEDDING, "MSL128")
    assert "embedding_table=Normal(1.0)" in repaired
    assert abs(run(repaired)["table"].embedding_table.asnumpy().std() - 1.0) < 0.05
    assert abs(torch.nn.Embedding(1000, 64).weight.detach().numpy().std() - 1.0) < 0.05
