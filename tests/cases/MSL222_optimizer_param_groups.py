"""MSL222: `.param_groups` on a mindspore.nn optimizer."""
import mindspore as ms
import torch
from mindspore import mint, nn
from mindspore.experimental import optim

net = nn.Dense(2, 1)
opt = nn.Momentum(net.trainable_params(), learning_rate=0.1, momentum=0.9)
for group in opt.param_groups:  # MSL222: 13
    group["lr"] = 0.01
first_lr = opt.param_groups[0]["lr"]  # MSL222: 11


class MyOptimizer(nn.Optimizer):
    def __init__(self, params):
        super().__init__(0.1, params)


class GroupedOptimizer(nn.Optimizer):
    def __init__(self, params):
        super().__init__(0.1, params)
        self.param_groups = [{"params": params}]


class Trainer:
    def __init__(self, network):
        self.optimizer = nn.Adam(network.trainable_params(), learning_rate=1e-3)
        self.custom = MyOptimizer(network.trainable_params())
        self.grouped = GroupedOptimizer(network.trainable_params())
        self.torch_opt = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
        self.ms_exp = optim.Adam(network.trainable_params(), lr=1e-3)

    def set_lr(self, lr):
        self.optimizer.param_groups[0]["lr"] = lr  # MSL222: 8
        print(self.custom.param_groups)  # MSL222: 14
        # look-alikes
        print(self.grouped.param_groups)
        self.torch_opt.param_groups[0]["lr"] = lr
        self.ms_exp.param_groups[0]["lr"] = lr


def set_lr(optimizer, lr):
    for group in optimizer.param_groups:
        group["lr"] = lr


# look-alikes: PyTorch-style MindSpore optimizers with param_groups and a scheduler
exp = optim.AdamW(net.trainable_params(), lr=1e-3)
scheduler = optim.lr_scheduler.StepLR(exp, step_size=1)
exp.param_groups[0]["lr"] = 0.01
mint_opt = mint.optim.AdamW(net.trainable_params(), lr=1e-3)
print(mint_opt.param_groups, ms.__version__)
torch_opt = torch.optim.Adam(torch.nn.Linear(2, 1).parameters())
torch_opt.param_groups[0]["lr"] = 0.5
