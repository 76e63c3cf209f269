"""MSL231: backward() on what a function of the module returns, when every `return` of it gives what
MindSpore computed."""
from mindspore import nn, ops


def mse(pred, target):
    diff = pred - target
    return ops.mean(diff * diff)


class Trainer:
    def __init__(self):
        self.criterion = nn.MSELoss()

    def compute_loss(self, pred, target):
        return self.criterion(pred, target) * 0.5

    def step(self, pred, target):
        self.compute_loss(pred, target).backward()  # MSL231: 8
        mse(pred, target).backward()  # MSL231: 8


# look-alikes: a return that is not MindSpore's, a parameter called, a decorated function
def host_loss(pred, target):
    if pred is None:
        return 0.0
    return ops.mean(pred - target)


def applied(fn, pred, target):
    return fn(pred, target)


def cached(function):
    return function


@cached
def decorated(pred, target):
    return ops.mean(pred - target)


def others(pred, target):
    host_loss(pred, target).backward()
    applied(mse, pred, target).backward()
    decorated(pred, target).backward()
