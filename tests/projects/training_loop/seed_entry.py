"""Look-alikes: seeding helpers of another module that seed MindSpore, or whose seeding is out of sight."""
from mindspore import nn
from trainer.seeding import seed_everything, seed_through, set_seed


def main():
    set_seed(0)
    seed_everything(0)
    return nn.Dense(2, 2)


def through():
    seed_through(0)
    return nn.Dense(2, 2)


main()
through()
