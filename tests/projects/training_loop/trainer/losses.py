"""Loss functions that return what MindSpore computes; ../factory_train.py calls backward() on them."""
from mindspore import ops


def mse(pred, target):
    diff = pred - target
    loss = ops.mean(diff * diff)
    return loss


def scaled(pred, target, scale):
    return ops.mean(pred - target) * scale


# look-alikes: not every return is MindSpore's
def maybe(pred, target, host):
    if host:
        return float((pred - target).sum())
    return ops.mean(pred - target)
