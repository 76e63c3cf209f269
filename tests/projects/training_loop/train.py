"""PyTorch's training step on Cells built from other modules and an installed package, and on an
optimizer that reaches the training function as an argument."""
import mindspore
from fakehub import HubModel
from mindspore import nn
from trainer.models import Encoder, SelfTraining


def fit(model, optimizer, data):
    for x in data:
        optimizer.zero_grad()  # MSL231: 8
        model(x)
        optimizer.step()  # MSL231: 8


def fit_encoder(data):
    encoder = Encoder()
    encoder(data)[0].backward()  # MSL231: 4
    out = encoder(data)
    out.loss.backward()  # MSL231: 4
    hub = HubModel(None)
    hub(data).loss.backward()  # MSL231: 4


def main(data):
    model = HubModel(None)
    fit(model, nn.Adam(model.trainable_params()), data)


# look-alikes: what a class defines itself, an optimizer no call here passes
def fit_self_training(data):
    net = SelfTraining()
    net.step()
    net.backward()


def step_with(optimizer):
    optimizer.step()


mindspore.set_seed(0)
