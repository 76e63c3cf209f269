"""MSL407: mindspore.manual_seed seeds only the default Generator (mindspore.mint's random functions);
ops.rand, nn.Dropout and the initializers read the global seed, which only set_seed sets. Without a
`mindspore` name in the module the fix adds the import (unsafe)."""
from mindspore import manual_seed, nn, ops

SEED = 1234
manual_seed(SEED)  # MSL407: 0


def build():
    return nn.SequentialCell([nn.Dense(8, 8), nn.Dropout(p=0.5)])


def noise(shape):
    return ops.rand(*shape)


# look-alikes: a Generator of its own, seeded by its method
def reseed(generator):
    generator.manual_seed(SEED)
    return generator
