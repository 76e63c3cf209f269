"""MSL223: a value assigned into the learning rate of an optimizer built with a dynamic or grouped one."""
import mindspore as ms
import numpy as np
from mindspore import Tensor, nn, ops
from mindspore.nn.learning_rate_schedule import LearningRateSchedule

net = nn.Dense(2, 1)
params = net.trainable_params()
steps = nn.cosine_decay_lr(0.0, 0.1, 100, 10, 10)
a = nn.Momentum(params, steps, 0.9)
ops.assign(a.learning_rate, Tensor(0.01, ms.float32))  # MSL223: 0
b = nn.SGD(params, learning_rate=[0.1, 0.05, 0.01])
b.learning_rate.set_data(Tensor(0.01, ms.float32))  # MSL223: 0
c = nn.Adam(params, learning_rate=nn.PolynomialDecayLR(0.1, 0.01, 100, 1.0))
ops.Assign()(c.learning_rate, Tensor(0.01, ms.float32))  # MSL223: 0
groups = [{"params": params[:1], "lr": 0.01}, {"params": params[1:]}]
d = nn.Momentum(groups, 0.1, 0.9)
ops.assign(d.learning_rate, Tensor(0.01, ms.float32))  # MSL223: 0
e = nn.SGD(params, learning_rate=Tensor([0.1, 0.01]))
ops.assign(e.learning_rate, Tensor(0.01, ms.float32))  # MSL223: 0
g = nn.SGD(params, learning_rate=Tensor(np.array([0.1, 0.01], np.float32)))
g.learning_rate.set_data(Tensor(0.01, ms.float32))  # MSL223: 0


class WarmUp(LearningRateSchedule):
    def construct(self, global_step):
        return global_step * 0.01


class Trainer:
    def __init__(self, network):
        lr = WarmUp()
        self.optimizer = nn.Momentum(network.trainable_params(), learning_rate=lr, momentum=0.9)
        self.static = nn.Momentum(network.trainable_params(), learning_rate=0.1, momentum=0.9)

    def set_lr(self, value):
        ops.assign(self.optimizer.learning_rate, value)  # MSL223: 8
        # look-alikes: a static lr changed with ops.assign
        ops.assign(self.static.learning_rate, value)


# look-alikes
static = nn.Momentum(params, 0.1, 0.9)
ops.assign(static.learning_rate, Tensor(0.01, ms.float32))
static.learning_rate.set_data(Tensor(0.01, ms.float32))
ops.assign(d.learning_rate[0], Tensor(0.01, ms.float32))
scalar = nn.SGD(params, learning_rate=Tensor(np.array(0.1, np.float32)))
ops.assign(scalar.learning_rate, Tensor(0.01, ms.float32))
plain = [{"params": params[:1], "weight_decay": 0.01}, {"params": params[1:]}]
f = nn.Momentum(plain, 0.1, 0.9)
ops.assign(f.learning_rate, Tensor(0.01, ms.float32))


def update(optimizer, value):
    ops.assign(optimizer.learning_rate, value)
