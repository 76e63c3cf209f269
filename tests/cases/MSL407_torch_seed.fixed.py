"""MSL407: a port's seeding helper seeds PyTorch (and numpy), never MindSpore's global seed: ops.rand,
nn.Dropout masks and nn.Dense's initial weights differ from run to run."""
import random

import mindspore as ms
import numpy as np
import torch
from mindspore import nn, ops


def seed_everything(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)  # MSL407: 4
    ms.set_seed(seed)
    torch.cuda.manual_seed_all(seed)
    torch.backends.cudnn.deterministic = True
    torch.backends.cudnn.benchmark = False


def set_random_seed(seed=0):
    np.random.seed(seed)  # MSL407: 4; a helper named for seeding: numpy alone seeds only the initializers
    ms.set_seed(seed)


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.fc = nn.Dense(16, 4)
        self.drop = nn.Dropout(p=0.1)

    def construct(self, x):
        return self.drop(self.fc(x))


def main(args):
    torch.cuda.manual_seed(args.seed + 1)  # the block's mindspore.manual_seed is the one reported
    if torch.cuda.is_available():
        print("cuda")
    ms.manual_seed(args.seed)  # MSL407: 4; a second block: main's own seeding
    ms.set_seed(args.seed)
    net = Net()
    return net(ops.rand(2, 16))


if __name__ == "__main__":
    torch.manual_seed(42)  # MSL407: 4; a known seed: the fix is safe
    ms.set_seed(42)
    seed_everything(42)
    set_random_seed(0)
    main(None)


class Trainer:
    def set_seed(self, seed):
        torch.manual_seed(seed)  # MSL407: 8; a method the module calls
        ms.set_seed(seed)


Trainer().set_seed(3)


# look-alikes: what is no seeding of the run
def unused_seed_helper(seed):
    torch.manual_seed(seed)  # no call of it here: judged where other modules call it
    np.random.seed(seed)


class Sampler:
    def __init__(self, seed):
        self.seed = seed

    def shuffle(self, items):
        np.random.seed(self.seed)  # a data pipeline's own seed, not a seeding helper
        return np.random.permutation(items)


def shuffle_names(names, seed):
    random.seed(seed)  # Python's random alone: not this rule
    return random.sample(names, len(names))


def draw(generator, seed):
    generator.manual_seed(seed)  # a Generator's own method
    return ops.rand(2, 2)
