import mindspore as ms
from mindspore import nn
from mindspore.amp import StaticLossScaler

net = nn.Dense(4, 1)
loss_fn = nn.MSELoss()
optimizer = nn.SGD(net.trainable_params(), 0.1)
loss_scaler = StaticLossScaler(1024)


def forward_fn(data, label):
    loss = loss_fn(net(data), label)
    loss = loss_scaler.scale(loss)
    return loss


grad_fn = ms.value_and_grad(forward_fn, None, optimizer.parameters)


def train_step(data, label):
    loss, grads = grad_fn(data, label)
    grads = loss_scaler.unscale(grads)
    optimizer(grads)  # MSL321: 4
    return loss


# look-alikes: scaled for logging only, or unscaled before the update


class Logged(nn.Cell):
    def __init__(self, network, scaler):
        super().__init__()
        self.network = network
        self.scaler = scaler

    def construct(self, data, label):
        loss = loss_fn(self.network(data), label)
        shown = self.scaler.scale(loss)
        print(shown)
        return loss


logged = Logged(nn.Dense(4, 1), StaticLossScaler(64))
logged_grad = ms.value_and_grad(logged, None, logged.trainable_params())


log_scaler = StaticLossScaler(8)


def logged_forward(data, label):
    loss = loss_fn(net(data), label)
    print(log_scaler.scale(loss))
    return loss


logged_forward_grad = ms.value_and_grad(logged_forward, None, optimizer.parameters)
other_scaler = ms.amp.StaticLossScaler(128)


def scaled_and_unscaled(data, label):
    return other_scaler.scale(loss_fn(net(data), label))


unscaled_grad = ms.value_and_grad(scaled_and_unscaled, None, optimizer.parameters)


def unscaled_step(data, label):
    loss, grads = unscaled_grad(data, label)
    grads = other_scaler.unscale(grads)
    return loss, grads
