import mindspore as ms
from mindspore import nn
from mindspore.amp import DynamicLossScaler, all_finite

# look-alikes: the gradients are checked with all_finite before the update

net = nn.Dense(4, 1)
loss_fn = nn.MSELoss()
optimizer = nn.SGD(net.trainable_params(), 0.1)
loss_scaler = DynamicLossScaler(2 ** 16, 2, 50)


def forward_fn(data, label):
    return loss_scaler.scale(loss_fn(net(data), label))


grad_fn = ms.value_and_grad(forward_fn, None, optimizer.parameters)


def train_step(data, label):
    loss, grads = grad_fn(data, label)
    grads = loss_scaler.unscale(grads)
    if all_finite(grads):
        optimizer(grads)
    return loss
