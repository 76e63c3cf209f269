"""Constants other modules import (../trainer/layers.py): a value is known there only when it is
assigned once here and reads no parameter."""
BN_MOMENTUM = 0.1
BN_EPS = 1e-5
KEEP_PROB = 0.9
TORCH_MOMENTUM = 1 - 0.9

# look-alikes: not constants
RETUNED = 0.1
RETUNED = 0.2


def momentum(default=0.1):
    return default


FROM_CALL = momentum()
