"""MSL221: numbers assigned to an optimizer's learning_rate / momentum, anything to weight_decay."""
import mindspore as ms
import numpy as np
import torch
from mindspore import Tensor, nn, ops
from mindspore.experimental import optim

net = nn.Dense(2, 1)
opt = nn.Momentum(net.trainable_params(), learning_rate=0.1, momentum=0.9)
ms.ops.assign(opt.learning_rate, ms.Tensor(0.01, ms.float32))  # MSL221: 0
ms.ops.assign(opt.momentum, ms.Tensor(0.5, ms.float32))  # MSL221: 0
opt.weight_decay = 1e-4  # MSL221: 0
opt.weight_decay = Tensor(1e-4, ms.float32)  # MSL221: 0
NEW_LR = 0.001
ms.ops.assign(opt.learning_rate, ms.Tensor(NEW_LR, ms.float32))  # MSL221: 0

sched = nn.CosineDecayLR(0.0, 0.1, 100)
dyn = nn.SGD(net.trainable_params(), learning_rate=sched)
dyn.learning_rate = Tensor(0.01, ms.float32)  # MSL221: 0


class Trainer:
    def __init__(self, network):
        self.optimizer = nn.SGD(network.trainable_params(), learning_rate=0.1, momentum=0.9)

    def warmup(self, epoch):
        ms.ops.assign(self.optimizer.learning_rate, ms.Tensor(0.01, ms.float32))  # MSL221: 8
        self.optimizer.learning_rate = 0.1 * epoch


# look-alikes
opt.learning_rate = Tensor(0.01, ms.float32)
opt.momentum = Tensor(np.array(0.5, np.float32))
ops.assign(opt.learning_rate, Tensor(0.01, ms.float32))
adam = nn.Adam(net.trainable_params())
adam.beta1 = 0.5
rms = nn.RMSProp(net.trainable_params(), momentum=0.9)
rms.momentum = 0.5
exp = optim.SGD(net.trainable_params(), lr=0.1)
exp.lr = 0.01
torch_opt = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
torch_opt.weight_decay = 0.0
torch_opt.learning_rate = 0.1


def set_lr(optimizer, lr):
    optimizer.learning_rate = lr


class Schedule:
    def __init__(self, learning_rate, weight_decay):
        self.learning_rate = learning_rate
        self.weight_decay = weight_decay


class MyOptimizer(nn.Optimizer):
    def __init__(self, params, weight_decay=0.0):
        super().__init__(0.1, params)
        self.weight_decay = Tensor(weight_decay, ms.float32)


custom = MyOptimizer(net.trainable_params())
custom.weight_decay = 0.1
