"""MSL203: the same parameters in two groups of one mindspore.nn optimizer."""
import torch
from mindspore import nn
from mindspore.experimental import optim


def same_name_twice(net):
    backbone = net.backbone.trainable_params()
    groups = [{"params": backbone, "lr": 0.01}, {"params": net.head.trainable_params()}]
    groups.append({"params": backbone, "weight_decay": 0.0})  # MSL203: 29
    return nn.SGD(groups, 0.1)


def same_expression_twice(net):
    return nn.SGD(
        [
            {"params": net.backbone.trainable_params(), "lr": 0.01},
            {"params": net.backbone.trainable_params(), "weight_decay": 0.0},  # MSL203: 23
        ],
        0.1,
    )


def all_beside_a_subset(net):
    no_decay = [p for p in net.trainable_params() if p.ndim == 1]
    opt = nn.AdamWeightDecay([{"params": net.trainable_params()}, {"params": no_decay, "weight_decay": 0.0}])  # MSL203: 77
    params = net.trainable_params()
    bias = []
    for param in params:
        if param.name.endswith("bias"):
            bias.append(param)
    opt = nn.SGD([{"params": bias, "lr": 0.2}, {"params": params}], 0.1)  # MSL203: 58
    head = list(filter(lambda p: p.name.startswith("head"), net.get_parameters()))
    opt = nn.SGD([{"params": list(net.get_parameters())}, {"params": head}], 0.1)  # MSL203: 69
    names = []
    for name, param in net.parameters_and_names():
        if name.startswith("head"):
            names.append(param)
    opt = nn.SGD([{"params": list(net.get_parameters())}, {"params": names}], 0.1)  # MSL203: 69
    opt = nn.SGD([{"params": list(net.get_parameters())}, {"params": net.trainable_params()}], 0.1)  # MSL203: 69
    return opt


# look-alikes
def disjoint(net):
    decay = [p for p in net.trainable_params() if p.ndim > 1]
    no_decay = [p for p in net.trainable_params() if p.ndim <= 1]
    groups = [{"params": decay, "weight_decay": 1e-4}, {"params": no_decay}, {"order_params": net.trainable_params()}]
    return nn.AdamWeightDecay(groups)


def one_group_per_branch(net, cfg):
    backbone = net.backbone.trainable_params()
    groups = [{"params": net.head.trainable_params()}]
    if cfg.freeze_backbone:
        groups.append({"params": backbone, "lr": 0.0})
    else:
        groups.append({"params": backbone, "lr": 0.01})
    return nn.SGD(groups, 0.1)


def rebound_between(net):
    params = net.backbone.trainable_params()
    groups = [{"params": params, "lr": 0.01}]
    params = net.head.trainable_params()
    groups.append({"params": params})
    return nn.SGD(groups, 0.1)


def one_dict_in_a_loop(net):
    groups = []
    for cell in net.cells():
        groups.append({"params": cell.trainable_params(), "lr": cell.lr})
    return nn.SGD(groups, 0.1)


def order_params_lists_all(net):
    params = net.trainable_params()
    return nn.SGD([{"params": params, "weight_decay": 1e-4}, {"order_params": params}], 0.1)


def split_of_a_copy(net, cfg):
    client_params = [p for p in net.trainable_params()]
    decay = list(filter(cfg.decay_filter, client_params))
    other = list(filter(lambda x: not cfg.decay_filter(x), client_params))
    groups = [{"params": decay, "weight_decay": 1e-4}, {"params": other, "weight_decay": 0.0}]
    groups.append({"order_params": client_params})
    return nn.AdamWeightDecay(groups)


def if_else_split(net):
    decayed, no_decayed = [], []
    for param in net.trainable_params():
        if "beta" not in param.name and "gamma" not in param.name:
            decayed.append(param)
        else:
            no_decayed.append(param)
    groups = [{"params": decayed, "weight_decay": 1e-4}, {"params": no_decayed}, {"order_params": net.trainable_params()}]
    return nn.Momentum(groups, 0.1, 0.9)


def frozen_beside_trainable(net):
    frozen = [p for p in net.get_parameters() if not p.requires_grad]
    return nn.SGD([{"params": net.trainable_params()}, {"params": frozen, "lr": 0.0}], 0.1)


def other_optimizers(net, model):
    torch_opt = torch.optim.SGD([{"params": model.parameters()}, {"params": model.parameters()}], lr=0.1)
    exp_opt = optim.SGD([{"params": net.trainable_params()}], lr=0.1)
    return torch_opt, exp_opt
