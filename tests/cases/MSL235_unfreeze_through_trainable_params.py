import mindspore as ms
import torch
from mindspore import nn


def train_wgan(netD, netG, netD_train, netG_train, data, epochs):
    optimizerD = nn.Adam(netD.trainable_params(), learning_rate=1e-4)
    optimizerG = nn.Adam(netG.trainable_params(), learning_rate=1e-4)
    for epoch in range(epochs):
        for batch in data:
            for p in netD.trainable_params():  # reset requires_grad
                p.requires_grad = True  # MSL235: 16
            netD_train(batch)
            for p in netD.trainable_params():
                p.requires_grad = False
            netG_train(batch)
    return optimizerD, optimizerG


def read_in_the_loop(model, steps):
    for step in range(steps):
        params = list(model.trainable_params())
        for param in params:
            param.requires_grad = True  # MSL235: 12
        step_d(model)
        for param in model.trainable_params():
            param.requires_grad = False
        step_g(model)


def unfreeze_after(model):
    for p in model.backbone.trainable_params():
        p.requires_grad = False
    warmup(model)
    for i, p in enumerate(model.trainable_params()):
        p.requires_grad = True  # MSL235: 8


def either_optimizer(netD, netD_train, netG_train, data, use_adam):
    if use_adam:
        optimizerD = nn.Adam(netD.trainable_params(), learning_rate=1e-4)
    else:
        optimizerD = nn.RMSProp(netD.trainable_params(), learning_rate=1e-4)
    i = 0
    while i < len(data):
        for p in netD.trainable_params():
            p.requires_grad = True  # MSL235: 12
        netD_train(data[i])
        for p in netD.trainable_params():
            p.requires_grad = False
        netG_train(data[i])
        i += 1
    return optimizerD


class GAN:
    def freeze_d(self):
        for p in self.netD.trainable_params():
            p.requires_grad = False

    def unfreeze_d(self):
        for p in self.netD.trainable_params():
            p.requires_grad = True  # MSL235: 12


def step_d(model):
    pass


def step_g(model):
    pass


def warmup(model):
    pass


# look-alikes: an unfreeze over get_parameters(), a freeze over trainable_params(), a list kept from
# before the freeze, another network, no freeze anywhere in sight, requires_grad on non-parameters,
# torch's parameters()
def over_all(netD, netD_train, netG_train, data):
    for batch in data:
        for p in netD.get_parameters():
            p.requires_grad = True
        netD_train(batch)
        for p in netD.trainable_params():
            p.requires_grad = False
        netG_train(batch)


def over_the_optimizer(netD, netD_train, netG_train, data):
    optimizerD = nn.Adam(netD.trainable_params(), learning_rate=1e-4)
    for batch in data:
        for p in optimizerD.parameters:
            p.requires_grad = True
        netD_train(batch)
        for p in netD.trainable_params():
            p.requires_grad = False
        netG_train(batch)


def kept(netD, netD_train, netG_train, data):
    params_d = netD.trainable_params()
    for batch in data:
        for p in params_d:
            p.requires_grad = True
        netD_train(batch)
        for p in params_d:
            p.requires_grad = False
        netG_train(batch)


def other_network(netD, netG):
    for p in netG.trainable_params():
        p.requires_grad = False
    for p in netD.trainable_params():
        p.requires_grad = True


def never_frozen(net):
    for p in net.trainable_params():
        p.requires_grad = True


def unfreeze_before_freeze(net):
    for p in net.trainable_params():
        p.requires_grad = True
    for p in net.trainable_params():
        p.requires_grad = False


def attributes(net, config):
    for p in net.trainable_params():
        p.requires_grad = False
    net.requires_grad = True
    config.requires_grad = True


def torch_loop(netD: torch.nn.Module):
    for p in netD.parameters():
        p.requires_grad = False
    for p in netD.parameters():
        p.requires_grad = True
