"""MSL202: a parameter group whose params are certainly empty when the optimizer is built."""
import torch
from mindspore import nn
from mindspore.experimental import optim


def literal(net):
    return nn.SGD([{"params": net.trainable_params()}, {"params": [], "lr": 0.1}], 0.01)  # MSL202: 66


def never_filled(net):
    decay, no_decay = [], []
    for param in net.trainable_params():
        decay.append(param)
    groups = [{"params": decay, "weight_decay": 1e-4}, {"params": no_decay, "weight_decay": 0.0}]  # MSL202: 66
    return nn.AdamWeightDecay(groups)


def appended_group(net):
    frozen = list()
    groups = [{"params": net.trainable_params()}]
    groups.append({"params": frozen, "lr": 0.0})  # MSL202: 29
    return nn.Momentum(groups, 0.1, 0.9)


# look-alikes
def filled_after_the_group(net):
    head = []
    groups = [{"params": head, "lr": 0.1}]
    head.extend(net.head.trainable_params())
    return nn.SGD(groups, 0.01)


def guarded(net):
    decay, no_decay = [], []
    for param in net.trainable_params():
        (decay if param.ndim > 1 else no_decay).append(param)
    groups = []
    if decay:
        groups.append({"params": decay, "weight_decay": 1e-4})
    if len(no_decay) > 0:
        groups.append({"params": no_decay})
    return nn.SGD(groups, 0.01)


def filled_elsewhere(net, collect):
    extra = []
    collect(net, extra)
    return nn.SGD([{"params": net.body.trainable_params()}, {"params": extra}], 0.01)


def closure(net):
    extra = []

    def add(param):
        extra.append(param)

    net.apply(add)
    return nn.SGD([{"params": extra}], 0.01)


def rebound(net, cfg):
    head = []
    if cfg.train_head:
        head = net.head.trainable_params()
    return nn.SGD([{"params": net.body.trainable_params()}, {"params": head}], 0.01)


def length_guard(model, baseline, scheduler, opts):
    group_params = [{"params": model.trainable_params(), "lr": scheduler}]
    if len(baseline.get_learnable_parameters()) > 0:
        group_params.append({"params": baseline.get_learnable_parameters(), "lr": opts.lr_critic})
    return nn.Adam(group_params)


def other_optimizers(net, model):
    empty = []
    torch_opt = torch.optim.SGD([{"params": model.parameters()}, {"params": empty}], lr=0.1)
    exp_opt = optim.SGD([{"params": empty}], lr=0.1)
    config = {"params": []}
    return torch_opt, exp_opt, config
