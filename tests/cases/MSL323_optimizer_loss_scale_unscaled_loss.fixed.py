import mindspore as ms
from mindspore import nn
from mindspore.train import FixedLossScaleManager, Model

net = nn.Dense(4, 1)
loss_fn = nn.MSELoss()
optimizer = nn.Momentum(net.trainable_params(), 0.01, 0.9)  # MSL323: 12


def forward_fn(data, label):
    loss = loss_fn(net(data), label)
    return loss


grad_fn = ms.value_and_grad(forward_fn, None, optimizer.parameters)


def train_step(data, label):
    loss, grads = grad_fn(data, label)
    optimizer(grads)
    return loss


class Trainer:
    def __init__(self, network):
        self.network = network
        self.optimizer = nn.Adam(network.trainable_params(), learning_rate=1e-3)  # MSL323: 25
        self.grad_fn = ms.value_and_grad(self.forward, None, self.optimizer.parameters)

    def forward(self, data, label):
        return loss_fn(self.network(data), label)

    def step(self, data, label):
        loss, grads = self.grad_fn(data, label)
        self.optimizer(grads)
        return loss


# look-alikes: the loss is scaled to match, or the optimizer trains inside Model / a loss-scale cell

model_net = nn.Dense(4, 1)
model_opt = nn.SGD(model_net.trainable_params(), 0.1, loss_scale=1024)
model = Model(model_net, loss_fn, model_opt, loss_scale_manager=FixedLossScaleManager(1024, drop_overflow_update=False))

cell_net = nn.WithLossCell(nn.Dense(4, 1), loss_fn)
cell_opt = nn.SGD(cell_net.trainable_params(), 0.1, loss_scale=1024)
train_cell = nn.TrainOneStepWithLossScaleCell(cell_net, cell_opt, scale_sense=ms.Tensor(1024.0))

plain_opt = nn.SGD(net.trainable_params(), 0.1, loss_scale=1.0)
plain_grad = ms.value_and_grad(forward_fn, None, plain_opt.parameters)


def plain_step(data, label):
    loss, grads = plain_grad(data, label)
    plain_opt(grads)
    return loss


scaled_opt = nn.SGD(net.trainable_params(), 0.1, loss_scale=1024)


def scaled_forward(data, label):
    return loss_fn(net(data), label) * 1024


scaled_grad = ms.value_and_grad(scaled_forward, None, scaled_opt.parameters)


def scaled_step(data, label):
    loss, grads = scaled_grad(data, label)
    scaled_opt(grads)
    return loss
