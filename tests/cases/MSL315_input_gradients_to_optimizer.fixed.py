import mindspore as ms
from mindspore import nn, ops

net = nn.Dense(4, 2)
net.set_train()
loss_fn = nn.MSELoss()
optimizer = nn.SGD(net.trainable_params(), 0.1)


def forward_fn(x, y):
    return loss_fn(net(x), y)


grad_fn = ms.value_and_grad(forward_fn, None, optimizer.parameters)  # MSL315: 10


def train_step(x, y):
    loss, grads = grad_fn(x, y)
    optimizer(grads)
    return loss


def train_step_grad(x, y):
    grads = ms.grad(forward_fn, None, optimizer.parameters, has_aux=False)(x, y)  # MSL315: 12
    optimizer(grads)


def train_step_position(x, y):
    fn = ops.value_and_grad(forward_fn, grad_position=None, weights=optimizer.parameters)  # MSL315: 9
    loss, grads = fn(x, y)
    optimizer(grads)


class TrainStep(nn.Cell):
    def __init__(self, network, opt):
        super().__init__()
        self.network = network
        self.optimizer = nn.Adam(network.trainable_params())
        self.grad = ops.GradOperation()

    def construct(self, x):
        grads = self.grad(self.network)(x)  # MSL315: 16
        return self.optimizer(grads)


# look-alikes: nothing below is reported.

weights_fn = ms.value_and_grad(forward_fn, None, optimizer.parameters)
input_fn = ms.value_and_grad(forward_fn, grad_position=0)


def right_step(x, y):
    loss, grads = weights_fn(x, y)
    optimizer(grads)


def adversarial(x, y, eps=0.01):
    loss, x_grad = input_fn(x, y)
    return x + eps * ops.sign(x_grad)


def gradient_penalty(x, y):
    x_grad = ms.grad(forward_fn)(x, y)
    return ops.mean((ops.norm(x_grad) - 1) ** 2)


def unknown_optimizer(x, y, opt):
    loss, grads = grad_fn(x, y)
    opt(grads)  # not known to be an optimizer


def loss_of(params, x):
    return ops.mean(params[0]) + ops.mean(x)


def functional_step(x):
    grads = ms.grad(loss_of, grad_position=0)(optimizer.parameters, x)
    optimizer(grads)  # the differentiated input holds the parameters: another failure than this rule names
