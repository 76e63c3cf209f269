"""MSL407 look-alikes: an adapter's torch (MSAdapter) runs on MindSpore: what its manual_seed seeds is
the adapter's."""
import random

import msadapter.pytorch as torch
import numpy as np
from mindspore import nn


# look-alikes: the adapter's seeding
def seed_everything(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


net = nn.Dense(4, 2)
