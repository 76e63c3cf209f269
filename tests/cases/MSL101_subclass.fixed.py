"""MSL101: a subclass without its own __init__ is nn.Dropout; one with its own is not."""
import mindspore.nn as nn
from tinyms import layers


class PDropout(nn.Dropout):
    def __init__(self, p=0.5):
        super().__init__(p=p)


class PlainDropout(nn.Dropout):
    pass


class Deeper(PlainDropout):
    pass


class Block(nn.Cell):
    def __init__(self, drop_rate):
        super().__init__()
        self.b = PlainDropout(p=0.1)  # MSL101: 17
        self.c = Deeper(p=drop_rate)  # MSL101: 17
        self.d = layers.Dropout(p=0.1)  # MSL101: 17
        # look-alikes
        self.a = PDropout(0.1)
