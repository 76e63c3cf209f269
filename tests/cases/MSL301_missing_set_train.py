"""MSL301: a network trained by a gradient function or a training wrapper, never put in training mode."""
import mindspore as ms
from mindspore import Model, ParameterTuple, nn, ops
from mindspore.nn import TrainOneStepCell, WithLossCell

from models import Net as ImportedNet, create_model


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.dense = nn.Dense(4, 4)
        self.drop = nn.Dropout(p=0.5)

    def construct(self, x):
        return self.drop(self.dense(x))


class SelfTrainingNet(Net):
    def __init__(self):
        super().__init__()
        self.set_train()


class MyTrainStep(nn.TrainOneStepCell):
    def __init__(self, network, optimizer, clip=1.0):
        super().__init__(network, optimizer)
        self.clip = clip


def value_and_grad_over_optimizer_parameters(dataset):
    net = Net()
    loss_fn = nn.MSELoss()
    optimizer = nn.Adam(net.trainable_params(), learning_rate=1e-3)

    def forward_fn(data, label):
        return loss_fn(net(data), label)

    grad_fn = ms.value_and_grad(forward_fn, None, optimizer.parameters)  # MSL301: 14
    for data, label in dataset:
        _, grads = grad_fn(data, label)
        optimizer(grads)


def grad_over_trainable_params(dataset):
    net = ImportedNet()
    weights = net.trainable_params()
    grad_fn = ops.grad(net, None, weights)  # MSL301: 14
    for data in dataset:
        grad_fn(data)


def train_one_step_cell(dataset):
    net = Net()
    optimizer = nn.Momentum(net.trainable_params(), 0.01, 0.9)
    train_net = TrainOneStepCell(WithLossCell(net, nn.MSELoss()), optimizer)  # MSL301: 16
    for data, label in dataset:
        train_net(data, label)


def own_train_step_subclass(dataset):
    net = Net()
    loss_net = WithLossCell(net, nn.MSELoss())
    train_net = MyTrainStep(loss_net, nn.SGD(net.trainable_params()), clip=0.5)  # MSL301: 16
    for data, label in dataset:
        train_net(data, label)


def grad_operation(data, label):
    net = Net()
    loss_net = nn.WithLossCell(net, nn.MSELoss())
    weights = ParameterTuple(net.trainable_params())
    grad_op = ops.GradOperation(get_by_list=True)
    return grad_op(loss_net, weights)(data, label)  # MSL301: 11


def forward_value_and_grad(dataset):
    net = Net()
    weights = net.trainable_params()
    train_net = nn.ForwardValueAndGrad(WithLossCell(net, nn.MSELoss()), weights=weights, get_by_list=True)  # MSL301: 16
    for data, label in dataset:
        train_net(data, label)


def set_train_false_only(dataset):
    net = Net()
    net.set_train(False)
    grad_fn = ms.value_and_grad(net, None, net.trainable_params())  # MSL301: 14
    for data in dataset:
        grad_fn(data)


class Trainer:
    def __init__(self):
        self.net = Net()
        self.optimizer = nn.SGD(self.net.trainable_params())
        self.grad_fn = ms.value_and_grad(self.net, None, self.optimizer.parameters)  # MSL301: 23

    def train(self, dataset):
        for data in dataset:
            _, grads = self.grad_fn(data)
            self.optimizer(grads)


# look-alikes

class SeedTrainer:
    """Switches the network between modes around evaluation."""

    def __init__(self):
        self.net = Net()
        self.optimizer = nn.SGD(self.net.trainable_params())
        self.grad_fn = ms.value_and_grad(self.net, None, self.optimizer.parameters)

    def train(self, dataset, val_dataset):
        for _ in range(3):
            self.net.set_train(True)
            for data in dataset:
                _, grads = self.grad_fn(data)
                self.optimizer(grads)
            self.net.set_train(False)
            self.evaluate(val_dataset)

    def evaluate(self, dataset):
        return [self.net(data) for data in dataset]


def high_level_model(dataset):
    net = Net()
    optimizer = nn.SGD(net.trainable_params())
    model = Model(net, nn.MSELoss(), optimizer)
    model.train(1, dataset)
    grad_fn = ms.value_and_grad(net, None, optimizer.parameters)
    return grad_fn


def set_train_on_the_wrapper(dataset):
    net = Net()
    optimizer = nn.Momentum(net.trainable_params(), 0.01, 0.9)
    train_net = nn.TrainOneStepCell(nn.WithLossCell(net, nn.MSELoss()), optimizer)
    train_net.set_train()
    for data, label in dataset:
        train_net(data, label)


def set_train_chained(dataset):
    net = Net()
    optimizer = nn.Momentum(net.trainable_params(), 0.01, 0.9)
    train_net = nn.TrainOneStepCell(nn.WithLossCell(net, nn.MSELoss()), optimizer).set_train()
    for data, label in dataset:
        train_net(data, label)


def set_train_with_a_flag(dataset, training):
    net = Net()
    net.set_train(training)
    grad_fn = ms.value_and_grad(net, None, net.trainable_params())
    for data in dataset:
        grad_fn(data)


def nets_passed_from_elsewhere(net, optimizer, dataset):
    grad_fn = ms.value_and_grad(net, None, optimizer.parameters)
    train_net = nn.TrainOneStepCell(net, optimizer)
    for data in dataset:
        grad_fn(data)
        train_net(data)


def factory_network(dataset):
    net = create_model("resnet50")
    grad_fn = ms.value_and_grad(net, None, net.trainable_params())
    for data in dataset:
        grad_fn(data)


def pretrained_network(dataset):
    net = ImportedNet.from_pretrained("bert-base")
    grad_fn = ms.value_and_grad(net, None, net.trainable_params())
    for data in dataset:
        grad_fn(data)


def class_that_sets_its_own_mode(dataset):
    net = SelfTrainingNet()
    grad_fn = ms.value_and_grad(net, None, net.trainable_params())
    for data in dataset:
        grad_fn(data)


def input_gradients_only(data):
    net = Net()
    nn.ForwardValueAndGrad(net, weights=net.trainable_params())(data)
    return ms.grad(net)(data), ms.value_and_grad(net, grad_position=0)(data), ms.grad(net, 0, None)(data)


def put_in_training_mode(cell):
    cell.set_train()


def set_train_in_a_helper(dataset):
    net = Net()
    put_in_training_mode(net)
    grad_fn = ms.value_and_grad(net, None, net.trainable_params())
    for data in dataset:
        grad_fn(data)


def set_train_in_a_loop_over_networks(dataset):
    generator, discriminator = Net(), Net()
    for cell in (generator, discriminator):
        cell.set_train()
    grad_fn = ms.value_and_grad(generator, None, generator.trainable_params())
    for data in dataset:
        grad_fn(data)


class SelfTrainingStep(nn.TrainOneStepCell):
    def __init__(self, network, optimizer):
        super().__init__(network, optimizer)
        self.network.set_train()


def wrapper_that_sets_the_mode(dataset):
    net = Net()
    train_net = SelfTrainingStep(WithLossCell(net, nn.MSELoss()), nn.SGD(net.trainable_params()))
    for data, label in dataset:
        train_net(data, label)


class PlainTrainer:
    def __init__(self, net, optimizer):
        self.net = net
        self.optimizer = optimizer

    def train(self, dataset):
        self.net.set_train()
        for data in dataset:
            self.optimizer(data)


def a_trainer_object_sets_the_mode(dataset):
    net = Net()
    optimizer = nn.Adam(net.trainable_params())
    grad_fn = ms.value_and_grad(net, None, optimizer.parameters)
    PlainTrainer(net, optimizer).train(dataset)
    return grad_fn


def build_loss_net(net):
    return nn.WithLossCell(net, nn.MSELoss())


def set_train_on_a_loss_net_built_by_a_helper(dataset):
    net = Net()
    loss_net = build_loss_net(net)
    train_net = nn.TrainOneStepCell(loss_net, nn.Adam(net.trainable_params()))
    loss_net.set_train()
    for data, label in dataset:
        train_net(data, label)


class Learner(nn.Cell):
    """A Cell holding its training wrapper: whoever calls set_train on the learner reaches it."""

    def __init__(self, params):
        super().__init__()
        self.actor = Net()
        actor_loss = WithLossCell(self.actor, nn.MSELoss())
        self.actor_train = nn.TrainOneStepCell(actor_loss, nn.Adam(self.actor.trainable_params()))
        self.critic = params["critic"]
        self.critic_train = nn.TrainOneStepCell(self.critic, nn.Adam(self.critic.trainable_params()))


# a training script: set_train() at module level before the loop
script_net = Net()
script_optimizer = nn.SGD(script_net.trainable_params())
script_grad_fn = ms.value_and_grad(script_net, None, script_optimizer.parameters)
script_net.set_train()
for script_data in []:
    script_optimizer(script_grad_fn(script_data)[1])
