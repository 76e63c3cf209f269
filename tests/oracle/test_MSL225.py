"""MSL225: torch.optim's state API on a mindspore.nn optimizer raises; the checkpoint functions
ms-lint names save and restore the optimizer's moments and step."""
import numpy as np
import pytest
from conftest import codes, fixed, run

OPTIMIZERS = ["nn.Adam(net.trainable_params(), 1e-3)", "nn.SGD(net.trainable_params(), 1e-2)",
              "nn.Momentum(net.trainable_params(), 1e-2, 0.9)", "nn.AdamWeightDecay(net.trainable_params())"]

SETUP = """
from mindspore import nn
net = nn.Dense(3, 2)
opt = {opt}
"""


@pytest.mark.parametrize("opt", OPTIMIZERS)
@pytest.mark.parametrize("trap, error", [
    ("groups = opt.state_dict()['param_groups']", KeyError),
    ("state = opt.state_dict()['state']", KeyError),
    ("opt.load_state_dict(opt.state_dict())", RuntimeError),
    ("params = opt.parameter", AttributeError),
])
def test_trap_raises_and_is_reported(opt, trap, error):
    code = SETUP.format(opt=opt) + trap + "\n"
    assert codes(code) == {"MSL225"}
    with pytest.raises(error):
        run(code)


def test_the_parameter_fix_gives_the_parameters():
    code = SETUP.format(opt=OPTIMIZERS[0]) + "params = opt.parameter\n"
    repaired = fixed(code, "MSL225")
    assert "opt.parameters" in repaired and codes(repaired) == set()
    done = run(repaired)
    assert [p.name for p in done["params"]] == ["weight", "bias"]


def test_the_checkpoint_spelling_restores_moments_and_step():
    done = run("""
import numpy as np
import mindspore as ms
from mindspore import Tensor, nn

net = nn.Dense(3, 2)
opt = nn.Adam(net.trainable_params(), 1e-2)
step = ms.value_and_grad(lambda x, y: nn.MSELoss()(net(x), y), None, opt.parameters)
x, y = Tensor(np.ones((4, 3), np.float32)), Tensor(np.zeros((4, 2), np.float32))
for _ in range(3):
    _, grads = step(x, y)
    opt(grads)
ms.save_checkpoint(opt, "/tmp/ms_lint_msl225.ckpt")
fresh = nn.Adam(nn.Dense(3, 2).trainable_params(), 1e-2)
not_loaded = ms.load_param_into_net(fresh, ms.load_checkpoint("/tmp/ms_lint_msl225.ckpt"))
""")
    assert done["not_loaded"] == ([], [])
    assert np.allclose(done["fresh"].moment1[0].asnumpy(), done["opt"].moment1[0].asnumpy())
    assert np.allclose(done["fresh"].moment2[1].asnumpy(), done["opt"].moment2[1].asnumpy())
    assert done["fresh"].global_step.asnumpy()[0] == done["opt"].global_step.asnumpy()[0] == 3


@pytest.mark.parametrize("opt", ["optim.Adam(net.trainable_params(), lr=1e-3)", "optim.SGD(net.trainable_params(), lr=1e-2)"])
def test_experimental_optim_is_not_reported(opt):
    """mindspore.experimental.optim keeps PyTorch's param_groups; MSL225 stays out of it."""
    code = "from mindspore import nn\nfrom mindspore.experimental import optim\nnet = nn.Dense(3, 2)\nopt = %s\n" % opt
    code += "groups = opt.param_groups\nsd = opt.state_dict()\n"
    assert "MSL225" not in codes(code)
    done = run(code)
    assert done["groups"][0]["lr"] is not None
