import mindspore as ms
from mindspore import amp, nn

net = nn.Dense(4, 1)
loss_fn = nn.MSELoss()
optimizer = nn.SGD(net.trainable_params(), 0.1)
loss_scaler = amp.DynamicLossScaler(scale_value=2 ** 16, scale_factor=2, scale_window=50)  # MSL322: 14


def forward_fn(data, label):
    return loss_scaler.scale(loss_fn(net(data), label))


grad_fn = ms.value_and_grad(forward_fn, None, optimizer.parameters)


def train_step(data, label):
    loss, grads = grad_fn(data, label)
    grads = loss_scaler.unscale(grads)
    optimizer(grads)
    return loss_scaler.unscale(loss)


class Trainer:
    def __init__(self, network):
        self.network = network
        self.scaler = amp.DynamicLossScaler(1024, 2, 1000)  # MSL322: 22

    def forward(self, data, label):
        return self.scaler.scale(loss_fn(self.network(data), label))


# look-alikes: adjusted, handed to a wrapper, static, or never used


class Adjusted:
    def __init__(self):
        self.scaler = amp.DynamicLossScaler(1024, 2, 1000)

    def step(self, grads):
        finite = ops_all_finite(grads)
        self.scaler.adjust(finite)
        return self.scaler.scale(grads)


def ops_all_finite(grads):
    return grads is not None


def train_loop(network, scaler):
    return network, scaler


wrapped_scaler = amp.DynamicLossScaler(1024, 2, 1000)
train_loop(net, wrapped_scaler)
wrapped_scaler.scale(1.0)
static_scaler = amp.StaticLossScaler(1024)
static_scaler.scale(1.0)
unused_scaler = amp.DynamicLossScaler(1024, 2, 1000)


def get_loss_scaler(scale_value=1024):
    made_scaler = amp.DynamicLossScaler(scale_value, 2, 1000)
    return made_scaler


def scaled_forward(made_scaler, data, label):
    return made_scaler.scale(loss_fn(net(data), label))
