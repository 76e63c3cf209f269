import mindspore as ms
from mindspore import nn

net = nn.Dense(2, 1)
opt = nn.Momentum(net.trainable_params(), 0.1, 0.9, weight_decay=0.1)
for p in net.trainable_params():
    p.requires_grad = False  # MSL233: 4


def finetune(model, epochs):
    optimizer = nn.Adam(model.trainable_params(), learning_rate=1e-3)
    for epoch in range(epochs):
        if epoch == 2:
            for name, param in model.parameters_and_names():
                if name.startswith("backbone."):
                    param.requires_grad = False  # MSL233: 20
        train_one_epoch(model, optimizer)


def grouped(model):
    decay = [p for p in model.backbone.trainable_params() if "bias" not in p.name]
    optimizer = nn.SGD([{"params": decay, "weight_decay": 1e-4}], learning_rate=0.1)
    for p in decay:
        p.requires_grad = False  # MSL233: 8
    return optimizer


def all_parameters(model):
    for p in model.backbone.trainable_params():
        p.requires_grad = False  # MSL233: 8
    return nn.Momentum(model.get_parameters(), 0.1, 0.9, weight_decay=1e-4)


def configured(model, config):
    optimizer = nn.Momentum(model.trainable_params(), config.lr, 0.9, weight_decay=config.weight_decay)
    for p in model.backbone.trainable_params():
        p.requires_grad = False  # MSL233: 8
    return optimizer


def train_one_epoch(model, optimizer):
    pass


# look-alikes: frozen before the optimizer is built, an optimizer built again over what is still
# trainable, an optimizer that does not move a weight whose gradient is zero, another network
def frozen_first(model):
    for p in model.backbone.trainable_params():
        p.requires_grad = False
    return nn.Momentum(model.trainable_params(), 0.1, 0.9, weight_decay=0.1)


def filtered_after(model, config):
    for p in model.backbone.get_parameters():
        p.requires_grad = False
    return nn.Momentum(filter(lambda x: x.requires_grad, model.get_parameters()), 0.1, 0.9, config.weight_decay)


def rebuilt(model):
    optimizer = nn.Adam(model.trainable_params(), weight_decay=0.01)
    for p in model.backbone.get_parameters():
        p.requires_grad = False
    optimizer = nn.Adam(filter(lambda p: p.requires_grad, model.get_parameters()), weight_decay=0.01)
    return optimizer


def plain_sgd(model):
    optimizer = nn.SGD(model.trainable_params(), 0.1)
    for p in model.trainable_params():
        p.requires_grad = False
    return optimizer


def momentum_before_steps(model):
    optimizer = nn.Momentum(model.trainable_params(), 0.1, 0.9)  # no weight decay, no steps taken yet
    for p in model.backbone.trainable_params():
        p.requires_grad = False
    return optimizer


def other_network(model, teacher):
    optimizer = nn.Adam(model.trainable_params(), weight_decay=0.01)
    for p in teacher.trainable_params():
        p.requires_grad = False
    return optimizer


def head_only(model):
    optimizer = nn.Adam(model.head.trainable_params(), weight_decay=0.01)
    for p in model.backbone.trainable_params():
        p.requires_grad = False
    return optimizer


def gan(generator, discriminator, data, g_step, d_step):
    optimizer_d = nn.Adam(discriminator.trainable_params(), weight_decay=0.01)
    for batch in data:
        for p in discriminator.get_parameters():
            p.requires_grad = True  # undone: frozen for the generator's step only
        d_step(batch)
        for p in discriminator.get_parameters():
            p.requires_grad = False
        g_step(batch)
    return optimizer_d
