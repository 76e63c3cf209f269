"""MSL241: a PyTorch-style learning-rate scheduler given an optimizer of another API."""
import torch
from mindspore import mint, nn
from mindspore.experimental import optim
from mindspore.experimental.optim import lr_scheduler
from mindspore.experimental.optim.lr_scheduler import CosineAnnealingLR, StepLR
from torch.optim.lr_scheduler import ExponentialLR

net = nn.Dense(2, 1)
opt = nn.SGD(net.trainable_params(), learning_rate=0.1)
scheduler = StepLR(opt, step_size=10, gamma=0.1)  # MSL241: 12
cosine = CosineAnnealingLR(optimizer=opt, T_max=100)  # MSL241: 9
lam = lr_scheduler.LambdaLR(nn.Momentum(net.trainable_params(), 0.1, 0.9), lambda epoch: 0.95 ** epoch)  # MSL241: 6
torch_sched = torch.optim.lr_scheduler.StepLR(opt, 30)  # MSL241: 14
exp = optim.Adam(net.trainable_params(), lr=1e-3)
decay = ExponentialLR(exp, gamma=0.9)  # MSL241: 8
cycle = torch.optim.lr_scheduler.OneCycleLR(exp, max_lr=0.1, total_steps=100)  # MSL241: 8


class MyOptimizer(nn.Optimizer):
    def __init__(self, params):
        super().__init__(0.1, params)


class Trainer:
    def __init__(self, network):
        self.optimizer = nn.Adam(network.trainable_params(), learning_rate=1e-3)
        self.custom = MyOptimizer(network.trainable_params())
        self.scheduler = lr_scheduler.MultiStepLR(self.optimizer, milestones=[30, 80])  # MSL241: 25
        self.other = lr_scheduler.PolynomialLR(self.custom)  # MSL241: 21
        # look-alikes: the optimizer each scheduler takes, or one out of sight
        self.exp = optim.AdamW(network.trainable_params(), lr=1e-3)
        self.ok = lr_scheduler.StepLR(self.exp, step_size=1)
        self.torch_opt = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
        self.torch_ok = torch.optim.lr_scheduler.StepLR(self.torch_opt, 1)


# look-alikes: matching APIs, mint.optim, an nn optimizer with its own dynamic learning rate, unknown origins
exp_sgd = optim.SGD(net.trainable_params(), lr=0.1)
step = StepLR(exp_sgd, step_size=10)
mint_opt = mint.optim.AdamW(net.trainable_params(), lr=1e-3)
mint_sched = lr_scheduler.CosineAnnealingLR(mint_opt, T_max=10)
torch_opt = torch.optim.Adam(torch.nn.Linear(2, 1).parameters())
torch_step = torch.optim.lr_scheduler.StepLR(torch_opt, 30)
nn_dynamic = nn.Momentum(net.trainable_params(), learning_rate=nn.cosine_decay_lr(0.01, 0.1, 100, 10, 10), momentum=0.9)
nn_schedule = nn.Adam(net.trainable_params(), learning_rate=nn.CosineDecayLR(0.01, 0.1, 100))


def make_scheduler(optimizer):
    return StepLR(optimizer, step_size=10)


if torch.cuda.is_available():
    either = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
else:
    either = nn.SGD(net.trainable_params(), learning_rate=0.1)
torch.optim.lr_scheduler.StepLR(either, 30)
