"""MSL407 look-alikes: the module seeds through another module's helper, whose seeding is out of sight."""
import numpy as np
import torch
from mindspore import nn

from utils import set_seed

# look-alikes: set_seed of a utils module may well call mindspore.set_seed
torch.manual_seed(5)
np.random.seed(5)
set_seed(5)
net = nn.Dense(4, 2)
