"""Seeding helpers; the modules that call them (../seed_train.py, ../seed_entry.py) are where what
they leave unseeded is reported."""
import random

import numpy as np
import torch

import mindspore


def set_seed(seed, cuda=True):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    if cuda:
        torch.cuda.manual_seed_all(seed)


def seed_numpy(seed):
    np.random.seed(seed)


# look-alikes: a helper that seeds MindSpore, and one whose seeding is out of sight
def seed_everything(seed):
    np.random.seed(seed)
    mindspore.set_seed(seed)


def seed_through(seed):
    from fakehub import hub_seed

    hub_seed(seed)
    np.random.seed(seed)
