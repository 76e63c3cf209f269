"""MSL201: one-shot iterators (generators, filter, map, iter, itertools.chain) as a group's params, or as the params and consumed again."""
import itertools

import mindspore as ms
import torch
from mindspore import mint, nn
from mindspore.experimental import optim


def group_params(net):
    groups = [
        {"params": filter(lambda p: "bias" not in p.name, net.trainable_params()), "weight_decay": 1e-4},  # MSL201: 19
        {"params": [p for p in net.trainable_params() if "bias" in p.name]},
    ]
    opt = nn.AdamWeightDecay(groups)
    head = (p for p in net.head.trainable_params())
    opt = nn.SGD([{"params": net.body.trainable_params()}, {"params": head, "lr": 0.1}], 0.01)  # MSL201: 70
    return opt


def consumed_twice(net, loss_fn):
    params = net.get_parameters()
    opt = nn.SGD(params, 0.1)  # MSL201: 17
    grad_fn = ms.value_and_grad(loss_fn, None, params)
    weights = iter(net.trainable_params())
    count = len(list(weights))
    opt = nn.Adam(weights)  # MSL201: 18
    return opt, grad_fn, count


def counted_first(net):
    trainable = filter(lambda p: p.requires_grad, net.get_parameters())
    size = sum(p.size for p in trainable)
    return nn.Adam(params=trainable), size  # MSL201: 26


class ListingOptimizer(nn.Optimizer):
    def __init__(self, params, learning_rate=0.1):
        params = list(params)
        super().__init__(learning_rate, params)


class HandingOnOptimizer(nn.Optimizer):
    def __init__(self, params, learning_rate=0.1):
        super().__init__(learning_rate, params)


class Trainer(nn.Cell):
    def get_parameters(self, expand=True):
        return [p for p in self.net.trainable_params() if p.requires_grad]

    def build(self):
        return nn.SGD([{"params": self.get_parameters(), "lr": 0.1}], 0.01)


def project_optimizers(net):
    opt = HandingOnOptimizer([{"params": iter(net.trainable_params())}])  # MSL201: 41
    return opt, ListingOptimizer([{"params": iter(net.trainable_params())}])


# look-alikes: the optimizer lists its params once, and nothing else reads them
def consumed_once(net, gen, disc):
    opt = nn.Momentum(net.get_parameters(), 0.1, 0.9)
    opt = nn.Adam(filter(lambda p: p.requires_grad, net.get_parameters()))
    opt = nn.SGD(map(lambda cell: cell.weight, net.cells()), 0.1)
    opt = nn.SGD(itertools.chain(net.a.trainable_params(), net.b.trainable_params()), 0.1)
    opt = nn.SGD((p for p in net.trainable_params() if p.requires_grad), 0.1)
    opt = nn.Adam(p for p in net.trainable_params())
    opt = nn.Adam(itertools.chain(gen.trainable_params(), disc.trainable_params()), learning_rate=1e-4)
    return opt


def either_branch(net, cfg):
    params = net.get_parameters()
    if cfg.optimizer == "sgd":
        opt = nn.SGD(params, 0.1)
    else:
        opt = nn.Adam(params)
    return opt


# look-alikes
def clean(net, loss_fn, cfg, model):
    params = list(filter(lambda p: p.requires_grad, net.get_parameters()))
    opt = nn.SGD(params, 0.1)
    grad_fn = ms.value_and_grad(loss_fn, None, params)
    opt = nn.Momentum(net.trainable_params(), 0.1, 0.9)
    opt = nn.Adam(list(p for p in net.trainable_params()))
    opt = nn.SGD([{"params": list(net.get_parameters())}], 0.1)
    weights = net.get_parameters()
    weights = list(weights)
    opt = nn.SGD(weights, 0.1)
    if isinstance(params, list):
        opt = nn.SGD(params, 0.1)
    torch_opt = torch.optim.SGD([{"params": filter(lambda p: p.requires_grad, model.parameters())}], lr=0.1)
    exp_opt = optim.SGD(filter(lambda p: p.requires_grad, net.get_parameters()), lr=0.1)
    mint_opt = mint.optim.AdamW((p for p in net.trainable_params()), lr=0.1)
    config = {"params": filter(None, cfg.names)}
    counted = filter(lambda p: p.requires_grad, net.get_parameters())
    size = sum(p.size for p in counted)
    print(params)
    return opt, grad_fn, torch_opt, exp_opt, mint_opt, config, size
