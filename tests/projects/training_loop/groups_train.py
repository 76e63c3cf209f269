"""Parameter groups built by helpers of another module (trainer/groups.py) and handed to optimizers here."""
import mindspore
from mindspore import nn
from mindspore.experimental import optim
from trainer import groups as grouping
from trainer.groups import chosen_groups, filled_groups, filled_later, iterator_groups, momentum_groups, own_parameters, plain_groups


def build(net, head):
    sgd = nn.Momentum(momentum_groups(net, 1e-4), learning_rate=0.1, momentum=0.9)  # MSL204: 22
    params = iterator_groups(net, head)  # MSL201: 13
    adam = nn.Adam(params, learning_rate=1e-3)
    filled = nn.SGD(grouping.filled_groups(net), learning_rate=0.1)  # MSL202: 20 MSL205: 20
    return sgd, adam, filled


# look-alikes
def fine(net, fine_tune):
    yield nn.Adam(plain_groups(net, 1e-4), learning_rate=1e-3)
    yield nn.Adam(filled_later(net), learning_rate=1e-3)
    yield nn.Adam(chosen_groups(net, fine_tune), learning_rate=1e-3)
    yield nn.Adam(own_parameters(net), learning_rate=1e-3)
    yield optim.AdamW(momentum_groups(net, 1e-4), lr=1e-3)
    yield optim.SGD(filled_groups(net), lr=0.1)


mindspore.set_seed(0)
