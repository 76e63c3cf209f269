"""Losses, optimizers and networks built by factory functions; the training step that uses them
is in ../factory_train.py."""
import torch
from mindspore import nn

from .models import Encoder


def build_loss(name):
    criterion = nn.MSELoss()
    return criterion


def build_optimizer(net, lr):
    return nn.Adam(net.trainable_params(), learning_rate=lr)


def build_encoder():
    return Encoder()


# look-alikes: what no analysis can tell (different classes per branch, a torch loss, a parameter)
def choose_loss(name):
    if name == "l1":
        return nn.L1Loss()
    return nn.MSELoss()


def torch_loss():
    return torch.nn.MSELoss()


def passed_through(loss):
    return loss
