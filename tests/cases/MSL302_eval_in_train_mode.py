"""MSL302: a network put in training mode, then evaluated without set_train(False)."""
import copy

import mindspore as ms
from mindspore import Model, nn

from metrics import evaluate


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.dense = nn.Dense(4, 4)
        self.drop = nn.Dropout(p=0.5)

    def construct(self, x):
        return self.drop(self.dense(x))


def validate(model, dataset):
    return [model(data) for data in dataset]


def evaluation_loop_after_training(train_dataset, test_dataset):
    net = Net()
    optimizer = nn.SGD(net.trainable_params())
    grad_fn = ms.value_and_grad(net, None, optimizer.parameters)
    net.set_train()
    for data in train_dataset:
        optimizer(grad_fn(data)[1])
    correct = 0
    for data, label in test_dataset.create_tuple_iterator():
        correct += (net(data).argmax(1) == label).sum()  # MSL302: 20
    return correct


def evaluation_function_after_training(train_dataset, val_dataset):
    net = Net()
    optimizer = nn.SGD(net.trainable_params())
    grad_fn = ms.value_and_grad(net, None, optimizer.parameters)
    for _ in range(10):
        net.set_train(True)
        for data in train_dataset:
            optimizer(grad_fn(data)[1])
        validate(net, val_dataset)  # MSL302: 8


class Trainer:
    def __init__(self, net, dataset, val_dataset):
        self.net = net
        self.dataset = dataset
        self.val_dataset = val_dataset
        self.grad_fn = ms.value_and_grad(net, None, net.trainable_params())

    def train(self):
        self.net.set_train(True)
        for data in self.dataset:
            self.grad_fn(data)

    def evaluate(self):
        return [self.net(data) for data in self.val_dataset]  # MSL302: 16


class FitTrainer(Trainer):
    def fit(self, epochs):
        for _ in range(epochs):
            self.net.set_train()
            for data in self.dataset:
                self.grad_fn(data)
            self.validate()  # MSL302: 12

    def validate(self):
        for data in self.val_dataset:
            self.net(data)


# look-alikes

class SeedTrainer:
    """Switches the network between modes around evaluation."""

    def __init__(self, net, dataset, val_dataset):
        self.net = net
        self.dataset = dataset
        self.val_dataset = val_dataset
        self.grad_fn = ms.value_and_grad(net, None, net.trainable_params())

    def train(self, epochs):
        for _ in range(epochs):
            self.net.set_train(True)
            for data in self.dataset:
                self.grad_fn(data)
            self.net.set_train(False)
            self.evaluate()

    def evaluate(self):
        return [self.net(data) for data in self.val_dataset]


class ResettingTrainer:
    """Its evaluation method puts the network in inference mode itself."""

    def __init__(self, net, val_dataset):
        self.net = net
        self.val_dataset = val_dataset

    def train(self):
        self.net.set_train()

    def evaluate(self):
        self.net.set_train(False)
        outputs = [self.net(data) for data in self.val_dataset]
        self.net.set_train(True)
        return outputs


class EmaTrainer:
    """Evaluates a copy of the network kept in inference mode."""

    def __init__(self, net, dataset, val_dataset):
        self.net = net
        self.ema = copy.deepcopy(net)
        self.ema.set_train(False)
        self.dataset = dataset
        self.val_dataset = val_dataset

    def train(self):
        self.net.set_train()
        for data in self.dataset:
            self.net(data)

    def evaluate(self):
        return [self.ema(data) for data in self.val_dataset]


def reset_before_the_evaluation_loop(train_dataset, test_dataset):
    net = Net()
    net.set_train()
    for data in train_dataset:
        net(data)
    net.set_train(False)
    return [net(data) for data in test_dataset]


def high_level_model(train_dataset, val_dataset):
    net = Net()
    model = Model(net, nn.MSELoss(), nn.SGD(net.trainable_params()))
    model.train(1, train_dataset)
    return model.eval(val_dataset)


def predict(generator, data):
    """Training mode chosen on purpose for this prediction (batch statistics at inference)."""
    generator.set_train(True)
    return generator(data)


def mode_chosen_by_a_flag(net, val_dataset, keep_training):
    net.set_train()
    if not keep_training:
        net.set_train(False)
    return [net(data) for data in val_dataset]


def evaluation_of_a_network_from_elsewhere(net, val_dataset):
    return [net(data) for data in val_dataset]


def evaluation_in_another_module(net, train_dataset, val_dataset):
    """`evaluate` may set the mode itself: its body is out of sight."""
    net.set_train()
    for data in train_dataset:
        net(data)
    return evaluate(net, val_dataset)


def monte_carlo_dropout(net, test_dataset):
    """Training mode switched on for this evaluation on purpose: nothing trains in between."""
    net.set_train(True)
    outputs = []
    for data in test_dataset:
        outputs.append(net(data))
    return outputs


def training_loop_only(net, train_dataset):
    net.set_train()
    for data in train_dataset:
        net(data)
