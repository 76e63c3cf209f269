"""MSL101: a drop rate where MindSpore's Dropout reads keep_prob. `# MSLnnn` marks each finding."""
import mindspore
import mindspore.nn as nn
import torch
from mindspore import mint, ops
from mindspore import nn as msnn
from mindspore.nn import Dropout as D

DROP = 0.1
KEEP = 0.9
DROPOUT_RATIO = 0.5


class Block(nn.Cell):
    def __init__(self, drop_rate=0.1, keep_prob=0.9, config=None, attn_drop=0.0):
        super().__init__()
        self.a = nn.Dropout(0.1)  # MSL101: 17
        self.b = nn.Dropout(drop_rate)  # MSL101: 17
        self.c = msnn.Dropout(config.hidden_dropout_prob)  # MSL101: 17
        self.d = D(attn_drop)  # MSL101: 17
        self.e = mindspore.nn.Dropout(keep_prob=0.2)  # MSL101: 17
        self.f = nn.Dropout(DROP)  # MSL101: 17
        self.g = ops.Dropout(0.3)  # MSL101: 17
        self.h = nn.Dropout(config["attention_dropout"])  # MSL101: 17
        self.i = nn.Dropout(  # MSL101: 17
            config.resid_pdrop
        )
        # look-alikes
        self.k1 = nn.Dropout(1 - drop_rate)
        self.k2 = nn.Dropout(keep_prob=0.9)
        self.k3 = nn.Dropout(p=drop_rate)
        self.k4 = mint.nn.Dropout(drop_rate)
        self.k5 = torch.nn.Dropout(0.1)
        self.k6 = nn.Dropout(keep_prob)
        self.k7 = nn.Dropout(KEEP)
        self.k8 = nn.Dropout(0.8)
        self.k9 = nn.Dropout(1.0 - config.hidden_dropout_prob)
        self.k10 = nn.Dropout(keep_prob=config.keep_prob)
        self.k11 = nn.Dropout()
        self.k12 = ops.dropout(drop_rate)
        self.k13 = nn.Dropout(p=0.1)
        self.k14 = nn.Dropout(DROPOUT_RATIO)  # keep_prob 0.5 drops half, as p=0.5 does


def factory(rate):
    return nn.Dropout(rate)  # MSL101: 11


def half(dropout_ratio=0.5):
    rate = dropout_ratio
    return nn.Dropout(dropout_ratio), nn.Dropout(keep_prob=rate)  # MSL101: 11, MSL101: 38; a call can pass another rate


def stages(dropout_rates, keep_probs, drop_probs, widths):
    first = nn.Dropout(dropout_rates[0])  # MSL101: 12
    layers = [nn.Dropout(drop_probs[i][0]) for i in range(2)]  # MSL101: 14
    # look-alikes: items of containers that say keep, or nothing
    kept = [nn.Dropout(keep_probs[i]) for i in range(2)]
    return first, layers, kept, nn.Dropout(widths[0] / 100)


def known_half():
    # look-alikes: a known 0.5 keeps the share it drops, whatever the name says
    dropout_ratio = 0.5
    attn_drop = DROPOUT_RATIO
    return nn.Dropout(dropout_ratio), ops.Dropout(keep_prob=attn_drop)


def lookalike_function_local_import(x):
    import torch.nn as nn  # a torch `nn` shadows the module's MindSpore one here

    return nn.Dropout(0.1)


def suppressed():
    a = nn.Dropout(0.1)  # noqa: MSL101
    b = nn.Dropout(0.1)  # noqa
    c = nn.Dropout(0.1)  # pylint: disable=ms-dropout-keep-prob
    return a, b, c
