"""MSL302 follows the evaluated network through its classes: evaluating in training mode matters only
for a network that holds a layer whose behaviour depends on the mode, or anything out of sight."""
import mindspore as ms
from mindspore import nn


class Classifier(nn.Cell):
    def __init__(self, classes=10):
        super().__init__()
        self.features = nn.SequentialCell([nn.Dense(784, 256), nn.BatchNorm1d(256), nn.ReLU()])
        self.head = nn.Dense(256, classes)

    def construct(self, x):
        return self.head(self.features(x))


def train_then_test(train_data, test_data):
    net = Classifier()
    optimizer = nn.SGD(net.trainable_params())
    grad_fn = ms.value_and_grad(net, None, optimizer.parameters)
    net.set_train()
    for data in train_data:
        optimizer(grad_fn(data)[1])
    correct = 0
    net.set_train(False)
    for data, label in test_data.create_tuple_iterator():
        correct += (net(data).argmax(1) == label).sum()  # MSL302: 20
    return correct


# look-alikes: a network whose every layer behaves the same in both modes
class Mlp(nn.Cell):
    def __init__(self, classes=10):
        super().__init__()
        self.features = nn.SequentialCell([nn.Dense(784, 256), nn.LayerNorm((256,)), nn.GELU()])
        self.head = nn.Dense(256, classes)

    def construct(self, x):
        return self.head(self.features(x))


def train_then_test_mlp(train_data, test_data):
    net = Mlp()
    optimizer = nn.SGD(net.trainable_params())
    grad_fn = ms.value_and_grad(net, None, optimizer.parameters)
    net.set_train()
    for data in train_data:
        optimizer(grad_fn(data)[1])
    correct = 0
    for data, label in test_data.create_tuple_iterator():
        correct += (net(data).argmax(1) == label).sum()
    return correct
