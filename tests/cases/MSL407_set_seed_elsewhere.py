"""MSL407 look-alikes: set_seed imported from its own module and called after the torch seed."""
import torch
from mindspore import nn
from mindspore.common.seed import set_seed

# look-alikes: set_seed after torch.manual_seed
torch.manual_seed(3)
net = nn.Dense(4, 2)
set_seed(3)
