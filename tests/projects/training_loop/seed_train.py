"""A training script that seeds through helpers of another module (trainer/seeding.py)."""
from mindspore import nn
from trainer import seeding
from trainer.seeding import seed_numpy, set_seed


def main(args):
    set_seed(args.seed)  # MSL407: 4
    return nn.Dense(2, 2)


def evaluate():
    seeding.seed_numpy(0)  # MSL407: 4
    seed_numpy(1)
    return nn.Dense(2, 2)


def unused(args):
    set_seed(args.seed)


main(None)
evaluate()
