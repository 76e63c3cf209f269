"""Parameter-group helpers; the optimizers they reach are built in ../groups_train.py, which is where
what is wrong with their groups is reported."""
import itertools

from mindspore import nn


def momentum_groups(net, weight_decay):
    decay, no_decay = [], []
    for param in net.trainable_params():
        (no_decay if "bias" in param.name else decay).append(param)
    return [
        {"params": decay, "weight_decay": weight_decay, "momentum": 0.9},  # MSL204: 56
        {"params": no_decay, "weight_decay": 0.0, "betas": (0.9, 0.999)},  # MSL204: 50
    ]


def iterator_groups(backbone, head):
    return [{"params": backbone.get_parameters(), "lr": 1e-4}, {"params": itertools.chain(head.get_parameters())}]


def filled_groups(net):
    groups = []
    groups.append({"params": [], "lr": 0.1})
    groups.append(dict(params=net.trainable_params(), order_params=net.trainable_params()))
    return groups


# look-alikes: what mindspore.nn accepts, and what cannot be known here
def plain_groups(net, weight_decay):
    decay = [p for p in net.trainable_params() if p.ndim > 1]
    no_decay = [p for p in net.trainable_params() if p.ndim <= 1]
    return [{"params": decay, "weight_decay": weight_decay}, {"params": no_decay}, {"order_params": net.trainable_params()}]


def filled_later(net):
    heads = []
    groups = [{"params": heads, "lr": 0.1}]
    heads.extend(net.trainable_params())
    return groups


def chosen_groups(net, fine_tune):
    if fine_tune:
        return [{"params": net.get_parameters(), "momentum": 0.9}]
    return net.trainable_params()


def own_parameters(self):
    return [{"params": self.get_parameters()}]


def make_optimizer(net):  # the groups are judged here too, at their own keys
    return nn.Momentum(momentum_groups(net, 1e-4), 0.1, 0.9)
