import mindspore
import mindspore as ms
from mindspore import nn, ops

loss_fn = nn.BCEWithLogitsLoss()


def gradient_penalty(critic, real, fake):
    return ops.mean(critic(real - fake) ** 2)


def train_gan(critic, generator, d_optimizer, real, noise):
    def d_forward(real, noise):
        fake = generator(noise)
        gp = gradient_penalty(critic, real, fake)
        d_loss = loss_fn(critic(fake), ops.zeros((real.shape[0], 1))) + 10.0 * gp
        return gp, d_loss

    grad_fn = ms.value_and_grad(d_forward, None, d_optimizer.parameters, has_aux=True)  # MSL313: 14
    (gp, d_loss), grads = grad_fn(real, noise)
    d_optimizer(grads)
    return d_loss


class Trainer:
    def __init__(self, net, optimizer):
        self.net = net
        self.optimizer = optimizer
        self.grad_fn = mindspore.grad(self.forward, None, optimizer.parameters, has_aux=True)  # MSL313: 23

    def forward(self, x, y):
        logits = self.net(x)
        if y is None:
            loss = ops.zeros(())
            return logits, loss
        loss = loss_fn(logits, y)
        return logits, loss


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.dense = nn.Dense(4, 1)

    def construct(self, x, y):
        out = self.dense(x)
        reg_loss = ops.mean(self.dense.weight ** 2)
        return out, reg_loss


net = Net()
net_grad = ms.value_and_grad(net, None, net.trainable_params(), has_aux=True)  # MSL313: 11


def acc_forward(x, y):
    logits = net.dense(x)
    acc = ops.mean(logits)
    loss = loss_fn(logits, y)
    return acc, loss


acc_grad = ms.value_and_grad(acc_forward, None, net.trainable_params(), has_aux=True)  # MSL313: 11


def acc_step(x, y):
    values, grads = acc_grad(x, y)  # unpacked whole: no reorder is offered
    return values, grads

# look-alikes: the loss first, names that do not tell, or returns that disagree


def forward_fn(x, y):
    logits = net.dense(x)
    loss = loss_fn(logits, y)
    return loss, logits


def penalty_and_total(x, y):
    penalty = ops.mean(x)
    total = penalty + loss_fn(net.dense(x), y)
    return penalty, total


def disagreeing(x, y):
    out = net.dense(x)
    if y is None:
        return out, x
    loss = loss_fn(out, y)
    return out, loss


def loss_first(x, y):
    d_loss = loss_fn(net.dense(x), y)
    gp = ops.mean(x)
    return d_loss, gp


def aux_loss_named(x, y):
    aux_loss = ops.mean(x)
    loss = loss_fn(net.dense(x), y)
    return aux_loss, loss


ms.value_and_grad(forward_fn, None, net.trainable_params(), has_aux=True)
ms.value_and_grad(penalty_and_total, None, net.trainable_params(), has_aux=True)
ms.value_and_grad(disagreeing, None, net.trainable_params(), has_aux=True)
ms.value_and_grad(loss_first, None, net.trainable_params(), has_aux=True)
ms.value_and_grad(aux_loss_named, None, net.trainable_params(), has_aux=True)
