import copy

import mindspore as ms
from mindspore import Parameter, ParameterTuple, Tensor, nn

net = nn.Dense(2, 1)
net.set_train()
opt = nn.Adam([Parameter(Tensor(p.value()), name=p.name) for p in net.trainable_params()])  # MSL232: 15
sgd = nn.SGD([Parameter(p.asnumpy(), name=p.name) for p in net.trainable_params()], 0.1)  # MSL232: 14
cloned = nn.Momentum([p.clone() for p in net.trainable_params()], 0.1, 0.9)  # MSL232: 22
deep = nn.Adam(copy.deepcopy(net.trainable_params()), 1e-3)  # MSL232: 15
each = nn.Adam([copy.deepcopy(p) for p in net.get_parameters()], 1e-3)  # MSL232: 16
grouped = nn.Adam([{"params": [p.clone() for p in net.trainable_params()], "weight_decay": 0.01}])  # MSL232: 31

copies = []
for param in net.trainable_params():
    copies.append(Parameter(param.data.asnumpy(), name=param.name))  # MSL232: 18
filled = nn.SGD(copies, 0.1)

weights = ParameterTuple([p.clone() for p in net.trainable_params()])  # MSL232: 26
grad_fn = ms.value_and_grad(lambda x: net(x).sum(), None, weights)


class Trainer:
    def __init__(self, network):
        params = [Parameter(Tensor(q.asnumpy()), name=q.name) for name, q in network.parameters_and_names()]  # MSL232: 18
        self.optimizer = nn.Adam(params, 1e-3)


# look-alikes: the network's own parameters, and copies that never reach an optimizer
own = nn.Adam(net.trainable_params(), 1e-3)
listed = nn.Adam([p for p in net.trainable_params()], 1e-3)
ema = [p.clone() for p in net.trainable_params()]  # an EMA's shadow weights, kept aside
shadow = [Parameter(Tensor(p.value()), name="ema." + p.name) for p in net.trainable_params()]
fresh = nn.Adam([Parameter(Tensor([1.0]), name="scale")], 1e-3)  # a new Parameter, not a copy
step = ms.value_and_grad(lambda x: net(x).sum(), None, own.parameters)
backup = copy.deepcopy(net)
restore = nn.Adam(backup.trainable_params(), 1e-3)  # trains the copied network, as its own parameters
