"""MSL407 look-alikes: a module that draws from the default Generator (mindspore.mint's random
functions and dropouts) seeds that Generator with manual_seed on purpose (a reproducible hash, the
same dropout mask when a layer is run again)."""
import mindspore
from mindspore import mint


# look-alikes: manual_seed before mint's random functions
class Hashing:
    def __init__(self, hash_seed):
        self.hash_seed = hash_seed

    def rotations(self, shape):
        mindspore.manual_seed(self.hash_seed)
        return mindspore.mint.randn(shape)

    def dropped(self, x, seed):
        mindspore.manual_seed(seed)
        return mint.nn.functional.dropout(x, p=0.1, training=True)


Hashing(1).rotations((2, 2))
