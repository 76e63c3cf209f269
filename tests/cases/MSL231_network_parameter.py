"""MSL231: backward() on the output of a Cell a function receives, where every call of the function
in this module passes a Cell (a module that imports torch may be passed torch modules too: not followed)."""
import mindspore as ms
from mindspore import nn


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.fc = nn.Dense(2, 1)

    def construct(self, x):
        return self.fc(x)


def train_step(model, x):
    loss = model(x)
    loss.backward()  # MSL231: 4
    return loss


def train_first(model, x):
    model(x)[0].backward()  # MSL231: 4


def main(x):
    net = Net()
    train_step(net, x)
    train_step(model=nn.Dense(2, 1), x=x)
    train_first(Net(), x)


# look-alikes: a function some call passes something unknown, one never called, a parameter rebound
def mixed(model, x):
    model(x).backward()


def never_called(model, x):
    model(x).backward()


def rebound(model, x):
    model = load(model)
    model(x).backward()


def load(name):
    return ms.load_checkpoint(name)


def callers(x, other):
    mixed(Net(), x)
    mixed(other, x)
    rebound(Net(), x)
