"""MSL407 look-alikes: a module that calls mindspore.set_seed anywhere (before or after the other
seeding calls, in a helper or at the top level) seeds MindSpore; so does a seeding helper of another module."""
import random

import mindspore
import numpy as np
import torch
from mindspore import nn


# look-alikes: set_seed in the same helper, after torch's
def seed_everything(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.cuda.manual_seed_all(seed)
    mindspore.manual_seed(seed)
    mindspore.set_seed(seed)


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.fc = nn.Dense(4, 2)


torch.manual_seed(0)
