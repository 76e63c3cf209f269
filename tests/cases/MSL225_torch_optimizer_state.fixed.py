import torch
import mindspore as ms
from mindspore import mint, nn
from mindspore.experimental import optim

net = nn.Dense(3, 2)
opt = nn.Adam(net.trainable_params(), learning_rate=1e-3)
groups = opt.state_dict()["param_groups"]  # MSL225: 9
state = opt.state_dict()
lr = state["param_groups"][0]["lr"]  # MSL225: 5
moments = state["state"]  # MSL225: 10
opt.load_state_dict(torch.load("opt.pt"))  # MSL225: 0
weights = opt.parameters  # MSL225: 10
count = len(opt.parameters)  # MSL225: 12


class MyOptimizer(nn.Optimizer):
    def __init__(self, params):
        super().__init__(0.1, params)


class Trainer:
    def __init__(self, network):
        self.optimizer = nn.Momentum(network.trainable_params(), 0.1, 0.9)
        self.custom = MyOptimizer(network.trainable_params())

    def resume(self, checkpoint):
        self.optimizer.load_state_dict(checkpoint["optimizer"])  # MSL225: 8
        return self.custom.parameters  # MSL225: 15


# look-alikes: nothing below is reported.

saved = opt.state_dict()  # the Cell's dict of Parameters: a dict, as it reads
first = saved["learning_rate"]
opt.load_state_dict(saved, strict=False)  # strict=False loads what it knows
params = opt.parameters
ms.save_checkpoint(opt, "opt.ckpt")
ms.load_param_into_net(opt, ms.load_checkpoint("opt.ckpt"))
torch_opt = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
torch_groups = torch_opt.state_dict()["param_groups"]
torch_opt.load_state_dict(torch_opt.state_dict())
exp = optim.AdamW(net.trainable_params(), lr=1e-3)
exp_groups = exp.param_groups
mint_opt = mint.optim.AdamW(net.trainable_params(), lr=1e-3)
mint_params = mint_opt.parameters


def restore(optimizer, checkpoint):
    optimizer.load_state_dict(checkpoint)  # an argument: out of sight
    return optimizer.state_dict()["param_groups"], optimizer.parameter


class OwnState(nn.Optimizer):
    def __init__(self, params):
        super().__init__(0.1, params)
        self.parameter = params[0]

    def state_dict(self):
        return {"param_groups": []}


own = OwnState(net.trainable_params())
own_groups = own.state_dict()["param_groups"]
own_first = own.parameter
if hasattr(opt, "parameter"):
    probed = opt.parameter
either = opt if count else torch_opt
either_state = either.state_dict()["param_groups"]
