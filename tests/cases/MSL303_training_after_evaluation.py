"""MSL303: an evaluation inside the training loop leaves the network in inference mode, and the
next training step trains it that way."""
import copy

import mindspore as ms
from mindspore import Model, ParameterTuple, nn, ops
from mindspore.nn import TrainOneStepCell, WithLossCell

from metrics import evaluate as imported_evaluate


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.dense = nn.Dense(4, 4)
        self.bn = nn.BatchNorm1d(4)
        self.drop = nn.Dropout(p=0.5)

    def construct(self, x):
        return self.drop(self.bn(self.dense(x)))


class Plain(nn.Cell):
    def __init__(self):
        super().__init__()
        self.dense = nn.Dense(4, 4)
        self.relu = nn.ReLU()

    def construct(self, x):
        return self.relu(self.dense(x))


def evaluate(net, dataset):
    net.set_train(False)
    return [net(data) for data in dataset]


def sample_images(model, noise):
    model.set_train(False)
    return model(noise)


def evaluate_and_restore(net, dataset):
    net.set_train(False)
    outputs = [net(data) for data in dataset]
    net.set_train(True)
    return outputs


def helper_after_each_epoch(train_dataset, val_dataset, epochs):
    net = Net()
    optimizer = nn.Adam(net.trainable_params())
    loss_fn = nn.MSELoss()

    def forward_fn(data, label):
        return loss_fn(net(data), label)

    grad_fn = ms.value_and_grad(forward_fn, None, optimizer.parameters)
    net.set_train()
    for _ in range(epochs):
        for data, label in train_dataset:
            _, grads = grad_fn(data, label)
            optimizer(grads)
        evaluate(net, val_dataset)  # MSL303: 8


def helper_at_step_zero(dataset, noise):
    net = Net()
    train_net = TrainOneStepCell(WithLossCell(net, nn.MSELoss()), nn.SGD(net.trainable_params()))
    train_net.set_train()
    for step, (data, label) in enumerate(dataset):
        if step == 0:
            sample_images(net, noise)  # MSL303: 12
        train_net(data, label)


def inline_evaluation(train_dataset, val_dataset, epochs):
    net = Net()
    optimizer = nn.SGD(net.trainable_params())
    grad_fn = ops.value_and_grad(net, None, net.trainable_params())
    net.set_train(True)
    for epoch in range(epochs):
        for data in train_dataset:
            optimizer(grad_fn(data)[1])
        if epoch % 5 == 0:
            net.set_train(False)  # MSL303: 12
            for data in val_dataset:
                net(data)


def train_step_function(dataset, val_dataset):
    net = Net()
    optimizer = nn.SGD(net.trainable_params())
    grad_fn = ms.value_and_grad(net, None, optimizer.parameters)

    def train_step(data):
        loss, grads = grad_fn(data)
        optimizer(grads)
        return loss

    net.set_train()
    for epoch in range(10):
        for data in dataset:
            train_step(data)
        net.set_train(False)  # MSL303: 8
        print(epoch, [net(data) for data in val_dataset])


class Trainer:
    def __init__(self, net, dataset, val_dataset):
        self.net = net
        self.dataset = dataset
        self.val_dataset = val_dataset
        self.optimizer = nn.Adam(net.trainable_params())
        self.grad_fn = ms.value_and_grad(self.forward, None, self.optimizer.parameters)

    def forward(self, data):
        return self.net(data).sum()

    def train_step(self, data):
        _, grads = self.grad_fn(data)
        self.optimizer(grads)

    def validate(self):
        self.net.set_train(False)
        return [self.net(data) for data in self.val_dataset]

    def fit(self, epochs):
        self.net.set_train()
        for _ in range(epochs):
            for data in self.dataset:
                self.train_step(data)
            self.validate()  # MSL303: 12


class WrapperTrainer:
    def __init__(self, net, dataset, val_dataset):
        self.model = net
        self.dataset = dataset
        self.val_dataset = val_dataset
        loss_net = WithLossCell(net, nn.MSELoss())
        self.train_net = TrainOneStepCell(loss_net, nn.Adam(net.trainable_params()))

    def run(self, steps):
        self.train_net.set_train()
        step = 0
        while step < steps:
            for data, label in self.dataset:
                self.train_net(data, label)
            step += 1
            self.model.set_train(False)  # MSL303: 12
            print([self.model(data) for data in self.val_dataset])


class MyTrainStep(nn.TrainOneStepCell):
    def __init__(self, network, optimizer):
        super().__init__(network, optimizer)


def grad_operation_and_keyword(dataset, val):
    net = Net()
    weights = ParameterTuple(net.trainable_params())
    grad = ops.GradOperation(get_by_list=True)
    net.set_train()
    for _ in range(3):
        for x in dataset:
            grad(net, weights)(x)
        net.set_train(mode=False)  # MSL303: 8
        print(net(val))


def wrapper_subclass_and_continue(dataset, val):
    net = Net()
    step = MyTrainStep(WithLossCell(net, nn.MSELoss()), nn.SGD(net.trainable_params()))
    step.set_train()
    for epoch in range(3):
        for x, y in dataset:
            step(x, y)
        if epoch % 2:
            continue
        net.set_train(False)  # MSL303: 8
        print(net(val))
        continue


def evaluation_in_a_with_block(dataset, val, path):
    net = Net()
    opt = nn.SGD(net.trainable_params())
    grad_fn = ms.value_and_grad(net, None, opt.parameters)
    net.set_train()
    for _ in range(3):
        for x in dataset:
            try:
                opt(grad_fn(x)[1])
            except RuntimeError:
                pass
        with open(path, "a") as log:
            net.set_train(False)  # MSL303: 12
            log.write(str(net(val)))


# look-alikes

def evaluation_after_the_last_epoch(train_dataset, val_dataset):
    net = Net()
    optimizer = nn.SGD(net.trainable_params())
    grad_fn = ms.value_and_grad(net, None, optimizer.parameters)
    net.set_train()
    for _ in range(10):
        for data in train_dataset:
            optimizer(grad_fn(data)[1])
    evaluate(net, val_dataset)


def set_train_at_the_top_of_the_loop(train_dataset, val_dataset):
    net = Net()
    optimizer = nn.SGD(net.trainable_params())
    grad_fn = ms.value_and_grad(net, None, optimizer.parameters)
    for _ in range(10):
        net.set_train()
        for data in train_dataset:
            optimizer(grad_fn(data)[1])
        evaluate(net, val_dataset)


def evaluation_then_set_train(train_dataset, val_dataset):
    net = Net()
    train_net = TrainOneStepCell(WithLossCell(net, nn.MSELoss()), nn.SGD(net.trainable_params()))
    for _ in range(10):
        for data, label in train_dataset:
            train_net(data, label)
        evaluate(net, val_dataset)
        train_net.set_train(True)


def helper_restores_the_mode(train_dataset, val_dataset):
    net = Net()
    optimizer = nn.SGD(net.trainable_params())
    grad_fn = ms.value_and_grad(net, None, optimizer.parameters)
    net.set_train()
    for _ in range(10):
        for data in train_dataset:
            optimizer(grad_fn(data)[1])
        evaluate_and_restore(net, val_dataset)


def high_level_model(train_dataset, val_dataset):
    net = Net()
    model = Model(net, nn.MSELoss(), nn.SGD(net.trainable_params()))
    for _ in range(10):
        model.train(1, train_dataset)
        net.set_train(False)
        model.eval(val_dataset)


def mode_independent_network(train_dataset, val_dataset):
    net = Plain()
    optimizer = nn.SGD(net.trainable_params())
    grad_fn = ms.value_and_grad(net, None, optimizer.parameters)
    net.set_train()
    for _ in range(10):
        for data in train_dataset:
            optimizer(grad_fn(data)[1])
        evaluate(net, val_dataset)


def ema_copy_evaluated(train_dataset, val_dataset):
    net = Net()
    ema = copy.deepcopy(net)
    optimizer = nn.SGD(net.trainable_params())
    grad_fn = ms.value_and_grad(net, None, optimizer.parameters)
    net.set_train()
    for _ in range(10):
        for data in train_dataset:
            optimizer(grad_fn(data)[1])
        ema.set_train(False)
        print([ema(data) for data in val_dataset])


def frozen_teacher(train_dataset):
    student, teacher = Net(), Net()
    teacher.set_train(False)
    optimizer = nn.SGD(student.trainable_params())
    grad_fn = ms.value_and_grad(student, None, optimizer.parameters)
    student.set_train()
    for data in train_dataset:
        target = teacher(data)
        teacher.set_train(False)
        optimizer(grad_fn(data, target)[1])


def imported_helper(train_dataset, val_dataset):
    """The evaluation is out of sight: it may restore the mode."""
    net = Net()
    optimizer = nn.SGD(net.trainable_params())
    grad_fn = ms.value_and_grad(net, None, optimizer.parameters)
    net.set_train()
    for _ in range(10):
        for data in train_dataset:
            optimizer(grad_fn(data)[1])
        imported_evaluate(net, val_dataset)


class SelfTrainingNet(Net):
    def __init__(self):
        super().__init__()
        self.set_train()


def a_new_network_each_stage(stages, train_dataset, val_dataset):
    """The network the evaluation leaves in inference mode is replaced (by one that starts in
    training mode) before the next stage trains."""
    for _ in range(stages):
        net = SelfTrainingNet()
        optimizer = nn.SGD(net.trainable_params())
        grad_fn = ms.value_and_grad(net, None, optimizer.parameters)
        for data in train_dataset:
            optimizer(grad_fn(data)[1])
        evaluate(net, val_dataset)


class Detector(nn.Cell):
    def __init__(self):
        super().__init__()
        self.backbone = Net()
        self.head = nn.Dense(4, 2)

    def construct(self, x):
        return self.head(self.backbone(x))


def backbone_frozen_on_purpose(train_dataset):
    """Its backbone's BatchNorm is kept in inference mode while the rest trains."""
    net = Detector()
    optimizer = nn.SGD(net.trainable_params())
    grad_fn = ms.value_and_grad(net, None, optimizer.parameters)
    for _ in range(10):
        net.set_train()
        net.backbone.set_train(False)
        for data in train_dataset:
            optimizer(grad_fn(data)[1])


def mode_from_a_flag(train_dataset, keep):
    net = Net()
    optimizer = nn.SGD(net.trainable_params())
    grad_fn = ms.value_and_grad(net, None, optimizer.parameters)
    for _ in range(10):
        net.set_train(keep)
        for data in train_dataset:
            optimizer(grad_fn(data)[1])


def unrelated_network_evaluated(train_dataset, model, val_dataset):
    """`model` is not tied to the network trained here."""
    net = Net()
    optimizer = nn.SGD(net.trainable_params())
    grad_fn = ms.value_and_grad(net, None, optimizer.parameters)
    net.set_train()
    for _ in range(10):
        for data in train_dataset:
            optimizer(grad_fn(data)[1])
        model.set_train(False)
        print([model(data) for data in val_dataset])


class RestoringTrainer:
    """Its validation puts the network back in training mode."""

    def __init__(self, net, dataset, val_dataset):
        self.net = net
        self.dataset = dataset
        self.val_dataset = val_dataset
        loss_net = WithLossCell(net, nn.MSELoss())
        self.train_net = TrainOneStepCell(loss_net, nn.Adam(net.trainable_params()))

    def validate(self):
        self.net.set_train(False)
        outputs = [self.net(data) for data in self.val_dataset]
        self.net.set_train()
        return outputs

    def fit(self, epochs):
        self.train_net.set_train()
        for _ in range(epochs):
            for data, label in self.dataset:
                self.train_net(data, label)
            self.validate()
