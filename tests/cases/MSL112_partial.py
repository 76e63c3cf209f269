"""`functools.partial(F, ...)` fixes arguments every later call of F gets: the rules that judge the
arguments given judge them there."""
import functools
from functools import partial

from mindspore import nn

norm_layer = functools.partial(nn.BatchNorm2d, track_running_stats=False)  # MSL112: 47
conv_layer = partial(nn.Conv2d, kernel_size=3, bias=False)  # MSL112: 47
torch_momentum = partial(nn.BatchNorm2d, momentum=0.1)  # MSL111: 17
drop_rate = partial(nn.Dropout, 0.1)  # MSL101: 12

# look-alikes: arguments MindSpore takes, and ones a later call may still add
mindspore_norm = partial(nn.BatchNorm2d, momentum=0.9, eps=1e-3)
padded = partial(nn.Conv2d, padding=1)
same = padded(3, 8, 3, pad_mode="pad")
layer = partial(nn.Dense, has_bias=False)
unknown = partial(make_layer, bias=False)
