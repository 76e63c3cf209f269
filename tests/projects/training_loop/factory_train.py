"""PyTorch's training step on losses and optimizers that factories of another module return, and on
what a method of the trainer returns."""
import mindspore
from mindspore import nn
from trainer import losses
from trainer.factories import build_encoder, build_loss, build_optimizer, choose_loss, passed_through, torch_loss
from trainer.losses import mse


def train(data, labels):
    net = build_encoder()
    criterion = build_loss("mse")
    optimizer = build_optimizer(net, 1e-3)
    loss = criterion(net(data), labels)
    loss.backward()  # MSL231: 4
    optimizer.step()  # MSL231: 4


def functional(pred, target):
    mse(pred, target).backward()  # MSL231: 4
    loss = losses.scaled(pred, target, 2.0)
    loss.backward()  # MSL231: 4
    losses.maybe(pred, target, False).backward()


def named(data):
    encoder = build_encoder()
    return [name for name, _ in encoder.named_parameters()]  # MSL133: 32


class Experiment:
    def _select_criterion(self):
        return nn.CrossEntropyLoss()

    def _select_optimizer(self, net):
        optimizer = nn.SGD(net.trainable_params(), learning_rate=0.1)
        return optimizer

    def _build_model(self):
        return nn.Dense(2, 2)

    def frozen(self):
        model = self._build_model()
        model.requires_grad_(False)  # MSL133: 8

    def train(self, net, data, labels):
        criterion = self._select_criterion()
        optimizer = self._select_optimizer(net)
        criterion(net(data), labels).backward()  # MSL231: 8
        optimizer.zero_grad()  # MSL231: 8


# look-alikes
def train_unknown(net, data, labels):
    choose_loss("l1")(net(data), labels).backward()
    torch_loss()(data, labels).backward()
    passed_through(nn.MSELoss())(data, labels).backward()


mindspore.set_seed(0)
