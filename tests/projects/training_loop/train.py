"""PyTorch's training step on Cells built from other modules and an installed package, and on an
optimizer that reaches the training function as an argument."""
import mindspore
from fakehub import HubModel
from mindspore import nn
from trainer.models import Classifier, Encoder, Generator, SelfTraining


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
    encoder.eval()  # MSL133: 4


def main(data):
    model = HubModel(None)
    fit(model, nn.Adam(model.trainable_params()), data)


def train_classifier(data):
    net = Classifier()
    optimizer = nn.Adam(net.trainable_params())
    grad_fn = mindspore.value_and_grad(net, None, optimizer.parameters)  # MSL301: 14
    optimizer(grad_fn(data)[1])


# look-alikes: what a class defines itself, an optimizer no call here passes, a network of layers
# the training mode does not change
def train_generator(z):
    generator = Generator(16)
    optimizer = nn.Adam(generator.trainable_params())
    grad_fn = mindspore.value_and_grad(generator, None, optimizer.parameters)
    optimizer(grad_fn(z)[1])


def fit_self_training(data):
    net = SelfTraining()
    net.step()
    net.backward()
    net.eval()


def step_with(optimizer):
    optimizer.step()


mindspore.set_seed(0)
