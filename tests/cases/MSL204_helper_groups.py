"""Parameter groups that a function of the module builds and returns, handed to a mindspore.nn
optimizer elsewhere: the group rules judge what the function returns, once."""
from mindspore import nn


def param_groups(net, weight_decay):
    decay, no_decay = [], []
    for param in net.trainable_params():
        if param.name.endswith("bias"):
            no_decay.append(param)
        else:
            decay.append(param)
    groups = [{"params": decay, "weight_decay": weight_decay, "betas": (0.9, 0.999)}]  # MSL204: 62
    groups.append({"params": no_decay, "weight_decay": 0.0})
    groups.append({"params": []})  # MSL202: 29
    return groups


def build_optimizer(net):
    groups = param_groups(net, 1e-4)
    return nn.Adam(groups, learning_rate=1e-3)


def build_other_optimizer(net):
    return nn.SGD(param_groups(net, 1e-4), learning_rate=0.1)


# look-alikes: groups MindSpore accepts, a function with two returns, a class's method
def clean_groups(net):
    return [{"params": net.trainable_params(), "weight_decay": 1e-4, "lr": 0.01}]


def either(net, plain):
    if plain:
        return net.trainable_params()
    return [{"params": [], "momentum": 0.9}]


class Builder:
    def groups(self, net):
        return [{"params": [], "eps": 1e-8}]


def build_clean(net, plain):
    first = nn.Adam(clean_groups(net), learning_rate=1e-3)
    second = nn.Adam(either(net, plain), learning_rate=1e-3)
    third = nn.Adam(Builder().groups(net), learning_rate=1e-3)
    return first, second, third
