"""BatchNorm momenta taken from another module's constants: MindSpore's momentum is 1 - torch's."""
from mindspore import nn

from . import settings
from .settings import BN_MOMENTUM, FROM_CALL, RETUNED, TORCH_MOMENTUM
from .settings import BN_MOMENTUM as MOMENTUM
from .unknown import UNSEEN

bn = nn.BatchNorm2d(8, momentum=BN_MOMENTUM)  # MSL111: 5
renamed = nn.BatchNorm2d(8, momentum=MOMENTUM)  # MSL111: 10
attribute = nn.BatchNorm2d(8, momentum=settings.BN_MOMENTUM)  # MSL111: 12
arithmetic = nn.BatchNorm2d(8, momentum=TORCH_MOMENTUM)  # MSL111: 13

# look-alikes: a value rebound there, one a call returns, one of a module with no source, MindSpore's own meaning
retuned = nn.BatchNorm2d(8, momentum=RETUNED)
called = nn.BatchNorm2d(8, momentum=FROM_CALL)
unseen = nn.BatchNorm2d(8, momentum=UNSEEN)
mindspore_meaning = nn.BatchNorm2d(8, momentum=1 - BN_MOMENTUM)
