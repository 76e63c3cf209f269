"""MSL204: group keys mindspore.nn optimizers reject (KeyError)."""
import torch
from mindspore import mint, nn
from mindspore.experimental import optim
from mindspore.nn import Optimizer


class LayerwiseSGD(Optimizer):
    def __init__(self, params, learning_rate=0.1):
        super().__init__(learning_rate, params)


def torch_style_keys(net):
    opt = nn.SGD([{"params": net.trainable_params(), "momentum": 0.9}], 0.1)  # MSL204: 53
    groups = [
        {"params": net.body.trainable_params(), "betas": (0.9, 0.99), "eps": 1e-8},  # MSL204: 48, MSL204: 70
        dict(params=net.head.trainable_params(), nesterov=True),  # MSL204: 49
    ]
    opt = nn.Adam(groups)
    head = {"params": net.head.trainable_params(), "lr": 0.1, "initial_lr": 0.1}  # MSL204: 62
    opt = LayerwiseSGD([head])
    return opt


# look-alikes
def supported_keys(net, model, cfg, extra):
    opt = nn.Momentum(
        [{"params": net.trainable_params(), "lr": 0.1, "weight_decay": 1e-4, "grad_centralization": True}], 0.1, 0.9
    )
    exp_opt = optim.Adam([{"params": net.trainable_params(), "betas": (0.9, 0.99), "momentum": 0.9}], lr=0.1)
    mint_opt = mint.optim.AdamW([{"params": net.trainable_params(), "amsgrad": True}], lr=0.1)
    torch_opt = torch.optim.SGD([{"params": model.parameters(), "momentum": 0.9}], lr=0.1)
    config = {"params": net.trainable_params(), "momentum": 0.9, "name": "sgd"}
    builder = {"type": "SGD", "params": "all", "nesterov": True}
    opt = nn.SGD([{"params": net.trainable_params(), **extra}], 0.1)
    return opt, exp_opt, mint_opt, torch_opt, config, builder
