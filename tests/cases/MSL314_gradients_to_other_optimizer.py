import mindspore as ms
from mindspore import nn, ops


class Generator(nn.Cell):
    def __init__(self):
        super().__init__()
        self.dense = nn.Dense(4, 4)

    def construct(self, x):
        return self.dense(x)


class Discriminator(nn.Cell):
    def __init__(self):
        super().__init__()
        self.dense = nn.Dense(4, 1)

    def construct(self, x):
        return self.dense(x)


net_g = Generator()
net_d = Discriminator()
net_g.set_train()
net_d.set_train()
opt_g = nn.Adam(net_g.trainable_params(), learning_rate=1e-4)
opt_d = nn.Adam(net_d.trainable_params(), learning_rate=1e-4)


def d_forward(real, fake):
    return ops.mean(net_d(fake)) - ops.mean(net_d(real))


def g_forward(z):
    return -ops.mean(net_d(net_g(z)))


d_grad_fn = ms.value_and_grad(d_forward, None, opt_d.parameters)
g_grad_fn = ms.value_and_grad(g_forward, None, net_g.trainable_params())


def train_step(real, z):
    (d_loss, d_grads) = d_grad_fn(real, net_g(z))
    opt_g(d_grads)  # MSL314: 4
    g_loss, g_grads = g_grad_fn(z)
    opt_d(g_grads)  # MSL314: 4
    return d_loss, g_loss


def train_step_aux(real, z):
    aux_fn = ms.value_and_grad(g_forward, None, opt_g.parameters, has_aux=False)
    grads = aux_fn(z)[1]
    opt_d(grads)  # MSL314: 4


class GanTrainer(nn.Cell):
    def __init__(self):
        super().__init__()
        self.net_g = Generator()
        self.net_d = Discriminator()
        self.opt_g = nn.Adam(self.net_g.trainable_params())
        self.opt_d = nn.Adam(self.net_d.trainable_params())
        self.grad_d = ops.GradOperation(get_by_list=True)(self.net_d, self.opt_d.parameters)

    def construct(self, x):
        grads = self.grad_d(x)
        return self.opt_g(grads)  # MSL314: 15


def clipped(real, z):
    loss, grads = d_grad_fn(real, net_g(z))
    grads = ops.clip_by_global_norm(grads, 1.0)
    opt_g(grads)  # MSL314: 4


class DataParallelStep(nn.Cell):
    def __init__(self):
        super().__init__()
        self.net_d = Discriminator()
        self.net_g = Generator()
        self.optimizer = nn.SGD(self.net_g.trainable_params(), 0.1)
        self.weights = ms.ParameterTuple(self.net_d.trainable_params())
        self.grad = ops.GradOperation(get_by_list=True)
        self.reducer_flag = False
        self.grad_reducer = nn.DistributedGradReducer(self.weights)

    def construct(self, x):
        loss = self.net_d(x).sum()
        grads = self.grad(self.net_d, self.weights)(x)
        if self.reducer_flag:
            grads = self.grad_reducer(grads)
        return ops.depend(loss, self.optimizer(grads))  # MSL314: 32


# look-alikes: nothing below is reported.

def right_steps(real, z):
    (d_loss, d_grads) = d_grad_fn(real, net_g(z))
    opt_d(d_grads)
    g_loss, g_grads = g_grad_fn(z)
    opt_g(g_grads)
    return d_loss, g_loss


net = Generator()
net.set_train()
loss_net = nn.WithLossCell(net, nn.MSELoss())
optimizer = nn.Momentum(net.trainable_params(), 0.1, 0.9)
other = nn.Adam(net.trainable_params())
wrapped_fn = ms.value_and_grad(loss_net, None, loss_net.trainable_params())
second_fn = ms.value_and_grad(loss_net, None, other.parameters)


def wrapper_step(x, y):
    loss, grads = wrapped_fn(x, y)
    optimizer(grads)  # the wrapper holds net's parameters
    loss, grads2 = second_fn(x, y)
    optimizer(grads2)  # another optimizer over the same network


def unknown(model_a, model_b, opt_b, x):
    fn = ms.value_and_grad(model_a, None, model_a.trainable_params())
    loss, grads = fn(x)
    opt_b(grads)  # the optimizer is out of sight


def maybe_clipped(x, clip):
    loss, grads = d_grad_fn(x, x)
    if clip:
        grads = clip(grads)
    opt_g(grads)  # what `clip` returns is out of sight


train_cell = nn.TrainOneStepCell(loss_net, optimizer)
