"""An optimizer the package re-exports from MindSpore, by a relative import."""
from mindspore import nn

from . import Lamb


def fit(data):
    net = nn.Dense(8, 8)
    optimizer = Lamb(net.trainable_params(), learning_rate=0.1)
    optimizer.zero_grad()  # MSL231: 4
    return net(data)


# look-alikes: a class of the package itself
from .models import SelfTraining  # noqa: E402


def fit_self_training():
    net = SelfTraining()
    net.step()
