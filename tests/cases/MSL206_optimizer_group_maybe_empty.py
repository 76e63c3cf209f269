# ms-lint-case: extend-select=MSL206
"""MSL206: a group from a filtered list, added without an `if lst:` guard."""
from mindspore import nn


def unguarded(net):
    decay, no_decay = [], []
    for param in net.trainable_params():
        if param.ndim > 1:
            decay.append(param)
        else:
            no_decay.append(param)
    groups = [{"params": decay, "weight_decay": 1e-4}, {"params": no_decay}]  # MSL206: 25, MSL206: 66
    return nn.AdamWeightDecay(groups)


def comprehension(net):
    head = [p for p in net.trainable_params() if p.name.startswith("head.")]
    body = list(filter(lambda p: not p.name.startswith("head."), net.trainable_params()))
    groups = []
    groups.append({"params": head, "lr": 0.1})  # MSL206: 29
    groups.append({"params": body})  # MSL206: 29
    return nn.SGD(groups, 0.01)


# look-alikes
def guarded(net):
    decay = [p for p in net.trainable_params() if p.ndim > 1]
    other = list(filter(lambda p: p.ndim <= 1, net.trainable_params()))
    groups = []
    if decay:
        groups.append({"params": decay, "weight_decay": 1e-4})
    if len(other) > 0:
        groups.append({"params": other, "weight_decay": 0.0})
    groups.append({"order_params": net.trainable_params()})
    return nn.AdamWeightDecay(groups)


def checked_before(net):
    head = [p for p in net.trainable_params() if p.name.startswith("head.")]
    assert head, "no head parameters"
    return nn.SGD([{"params": head, "lr": 0.1}], 0.01)


def unfiltered(net):
    params = []
    for param in net.trainable_params():
        params.append(param)
    body = [p for p in net.trainable_params()]
    return nn.SGD([{"params": params}, {"params": net.head.trainable_params()}], 0.01), body
