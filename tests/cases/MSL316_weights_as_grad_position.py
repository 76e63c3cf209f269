import mindspore as ms
from mindspore import nn, ops

net = nn.Dense(4, 2)
net.set_train()
loss_fn = nn.MSELoss()
optimizer = nn.SGD(net.trainable_params(), 0.1)
weights = ms.ParameterTuple(net.trainable_params())


def forward_fn(x, y):
    return loss_fn(net(x), y)


grad_fn = ms.value_and_grad(forward_fn, optimizer.parameters)  # MSL316: 10
grad_fn2 = ms.value_and_grad(forward_fn, net.trainable_params(), has_aux=False)  # MSL316: 11
grad_fn3 = ops.grad(forward_fn, weights)  # MSL316: 11


class WithLoss(nn.Cell):
    def __init__(self, network):
        super().__init__()
        self.network = network

    def construct(self, x, y):
        return loss_fn(self.network(x), y)


loss_net = WithLoss(net)
grads_of = ops.GradOperation()(loss_net, weights)  # MSL316: 11
grad_all = ops.GradOperation(get_all=True)
all_of = grad_all(loss_net, optimizer.parameters)  # MSL316: 9


# look-alikes: nothing below is reported.

right = ms.value_and_grad(forward_fn, None, optimizer.parameters)
keyword = ms.value_and_grad(forward_fn, weights=net.trainable_params())
inputs = ms.value_and_grad(forward_fn, 0)
both = ms.value_and_grad(forward_fn, (0, 1))
by_list = ops.GradOperation(get_by_list=True)(loss_net, weights)
sens = ops.GradOperation(get_by_list=True, sens_param=True)(loss_net, weights)
