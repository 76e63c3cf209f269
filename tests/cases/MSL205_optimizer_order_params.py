"""MSL205: `order_params` sharing its dict, or listing fewer parameters than the groups (ValueError)."""
from mindspore import nn
from mindspore.experimental import optim


def shares_its_dict(net):
    decay = [p for p in net.trainable_params() if p.ndim > 1]
    other = [p for p in net.trainable_params() if p.ndim <= 1]
    groups = [{"params": decay, "weight_decay": 1e-4}, {"params": other}]
    groups.append({"order_params": net.trainable_params(), "lr": 0.1})  # MSL205: 18
    return nn.AdamWeightDecay(groups)


def lists_fewer(net):
    decay = [p for p in net.trainable_params() if p.ndim > 1]
    other = [p for p in net.trainable_params() if p.ndim <= 1]
    return nn.SGD([{"params": decay, "weight_decay": 1e-4}, {"params": other}, {"order_params": decay}], 0.1)  # MSL205: 79


# look-alikes
def lists_all(net, params):
    decay = [p for p in params if p.ndim > 1]
    other = [p for p in params if p.ndim <= 1]
    opt = nn.SGD([{"params": decay, "weight_decay": 1e-4}, {"params": other}, {"order_params": params}], 0.1)
    opt = nn.SGD([{"params": params, "weight_decay": 1e-4}, {"order_params": params}], 0.1)
    exp_opt = optim.SGD([{"params": params, "order_params": params, "lr": 0.1}], lr=0.1)
    return opt, exp_opt


def optional_group(net, cfg):
    decay = [p for p in net.trainable_params() if p.ndim > 1]
    other = [p for p in net.trainable_params() if p.ndim <= 1]
    groups = [{"params": decay}]
    if cfg.train_bias:
        groups.append({"params": other, "weight_decay": 0.0})
    groups.append({"order_params": decay})
    return nn.SGD(groups, 0.1)
