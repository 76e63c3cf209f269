# ms-lint-case: extend-select=MSL224
"""MSL224: a Tensor assigned or set_data into an optimizer's learning_rate / momentum."""
import mindspore as ms
import numpy as np
import torch
from mindspore import Tensor, nn, ops
from mindspore.experimental import optim

net = nn.Dense(2, 1)
opt = nn.Momentum(net.trainable_params(), learning_rate=0.1, momentum=0.9)
ms.ops.assign(opt.learning_rate, Tensor(0.01, ms.float32))  # MSL224: 0
ms.ops.assign(opt.momentum, Tensor(np.array(0.5, np.float32)))  # MSL224: 0
ms.ops.assign(opt.learning_rate, Tensor(0.01, ms.float32))  # MSL224: 0
ms.ops.assign(opt.momentum, ms.Tensor(0.8, ms.float32))  # MSL224: 0
ms.ops.assign(opt.learning_rate, opt.learning_rate * 0.1)  # MSL224: 0


class Trainer:
    def __init__(self, network):
        self.optimizer = nn.SGD(network.trainable_params(), learning_rate=0.1, momentum=0.9)

    def warmup(self, value):
        ms.ops.assign(self.optimizer.momentum, Tensor(value, ms.float32))  # MSL224: 8


# look-alikes
ops.assign(opt.learning_rate, Tensor(0.01, ms.float32))
ops.assign(opt.momentum, Tensor(0.5, ms.float32))
rms = nn.RMSProp(net.trainable_params(), momentum=0.9)
rms.momentum = Tensor(0.5, ms.float32)
exp = optim.SGD(net.trainable_params(), lr=0.1)
exp.lr = Tensor(0.01, ms.float32)
torch_opt = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
torch_opt.learning_rate = torch.tensor(0.1)


def update(optimizer, value):
    optimizer.learning_rate = Tensor(value, ms.float32)
    optimizer.learning_rate.set_data(Tensor(value, ms.float32))


def unknown(lr):
    opt.learning_rate = lr
