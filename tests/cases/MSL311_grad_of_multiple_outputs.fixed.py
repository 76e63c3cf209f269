import mindspore as ms
from mindspore import nn, ops, value_and_grad


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.dense = nn.Dense(4, 2)
        self.loss_fn = nn.MSELoss()

    def construct(self, x, y):
        logits = self.dense(x)
        return self.loss_fn(logits, y), logits

    def forward_fn(self, x, y):
        logits = self.dense(x)
        return self.loss_fn(logits, y), logits

    def make_grad(self):
        return ms.value_and_grad(self.forward_fn, None, self.trainable_params(), has_aux=True)  # MSL311: 15


class Child(Net):
    pass


def module_forward(x, y):
    return x ** 2 + y, x


def train(model, loss_fn, optimizer, data):
    def forward_fn(x, y):
        logits = model(x)
        loss = loss_fn(logits, y)
        return loss, logits

    grad_fn = ms.value_and_grad(forward_fn, None, optimizer.parameters, has_aux=True)  # MSL311: 14
    explicit = ops.value_and_grad(forward_fn, None, optimizer.parameters, has_aux=True)  # MSL311: 15
    imported = value_and_grad(  # MSL311: 15
        forward_fn,
        None,
        optimizer.parameters, has_aux=True,
    )
    return grad_fn, explicit, imported


net = Net()
net.set_train()
cell_grad = ms.value_and_grad(net, None, net.trainable_params(), has_aux=True)  # MSL311: 12
inline_cell_grad = ms.grad(Child(), has_aux=True)  # MSL311: 19
module_grad = ms.grad(module_forward, has_aux=True)  # MSL311: 14
ops_grad = ops.grad(module_forward, grad_position=(0, 1), has_aux=True)  # MSL311: 11
lambda_grad = ms.grad(lambda x, y: (x * y, x + y), has_aux=True)  # MSL311: 14


# look-alikes: nothing below is reported.

def single(x, y):
    return x ** 2 + y


def with_stopped_aux(x, y):
    return x ** 2 + y, ops.stop_gradient(x)


def mixed(x, y):
    if x > 0:
        return x, y
    return x


def starred(*outputs):
    return (*outputs,)


def generator(x):
    yield x, x


def decorated_elsewhere(fn):
    return fn


@decorated_elsewhere
def wrapped(x, y):
    return x, y


aux_grad = ms.grad(module_forward, has_aux=True)
aux_value_and_grad = ops.value_and_grad(net, None, net.trainable_params(), has_aux=True)
single_grad = ms.grad(single)
stopped_grad = ms.grad(with_stopped_aux)
mixed_grad = ms.grad(mixed)
starred_grad = ms.grad(starred)
generator_grad = ms.grad(generator)
wrapped_grad = ms.grad(wrapped)
sens_grad = ms.grad(module_forward, sens_param=True)
options = {"has_aux": True}
kwargs_grad = ms.grad(module_forward, **options)
unknown_aux = ms.grad(module_forward, has_aux=options["has_aux"])

if options:
    def branchy(x):
        return x, x
else:
    def branchy(x):
        return x
branchy_grad = ms.grad(branchy)


def grad(fn):
    return fn


not_mindspore = grad(module_forward)


class Trainer:
    def loss_and_logits(self, x):
        return x * 2, x

    def step(self):
        return ms.grad(self.loss_and_logits)


class SingleLossTrainer(Trainer):
    def loss_and_logits(self, x):
        return x * 2
