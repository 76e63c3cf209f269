"""MSL211: PyTorch optimizers that mindspore.nn lacks."""
import mindspore as ms
import mindspore.nn.optim as msoptim
import torch
from mindspore import experimental, mint, nn
from mindspore.nn import AdamW, Momentum  # MSL211: 0

net = nn.Dense(2, 1)
a = nn.AdamW(net.trainable_params(), lr=1e-3, betas=(0.9, 0.99))  # MSL211: 4
b = nn.NAdam(net.trainable_params())  # MSL211: 4
c = ms.nn.RAdam(net.trainable_params(), lr=1e-3)  # MSL211: 4
d = nn.LBFGS(net.trainable_params())  # MSL211: 4
e = msoptim.Adamax(net.trainable_params())  # MSL211: 4
f = nn.AdamW(net.trainable_params(), learning_rate=1e-3)  # MSL211: 4
optimizer_class = nn.RMSprop  # MSL211: 18

# look-alikes
k1 = ms.experimental.optim.AdamW(net.trainable_params(), lr=1e-3)
k2 = mint.optim.AdamW(net.trainable_params(), lr=1e-3)
k3 = nn.AdamWeightDecay(net.trainable_params(), learning_rate=1e-3)
k4 = torch.optim.AdamW(torch.nn.Linear(2, 1).parameters(), lr=1e-3)
k5 = nn.AdaMax(net.trainable_params())
k6 = nn.RMSProp(net.trainable_params())
k7 = Momentum(net.trainable_params(), 0.1, 0.9)
k8 = experimental.optim.NAdam(net.trainable_params())
try:
    from mindspore.nn import LBFGS
except ImportError:
    LBFGS = None
