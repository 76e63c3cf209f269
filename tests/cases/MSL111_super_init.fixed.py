"""A subclass's `super().__init__(...)` builds its MindSpore base: the base's rules apply to it, with
the subclass's own defaults as the values."""
from mindspore import nn


class BatchNorm(nn.BatchNorm2d):
    """PyTorch's default momentum, handed to MindSpore's BatchNorm."""

    def __init__(self, num_features, momentum=0.1):
        super().__init__(num_features, momentum=1 - momentum)  # MSL111: 8


class FrozenBatchNorm(nn.BatchNorm1d):
    def __init__(self, num_features):
        super(FrozenBatchNorm, self).__init__(num_features, momentum=0.99)  # MSL111: 8


class SamePaddedConv(nn.Conv2d):
    def __init__(self, cin, cout):
        super().__init__(cin, cout, 3, padding=1, has_bias=False, pad_mode='pad')  # MSL121: 8


# look-alikes: MindSpore's own momentum, a value from the caller, a base of the project's own
class MindSporeBatchNorm(nn.BatchNorm2d):
    def __init__(self, num_features, momentum=0.9):
        super().__init__(num_features, momentum=momentum)


class GivenMomentum(nn.BatchNorm2d):
    def __init__(self, num_features, momentum):
        super().__init__(num_features, momentum=momentum)


class Norm:
    def __init__(self, features, momentum=0.1):
        self.features = features
        self.momentum = momentum


class ProjectNorm(Norm):
    def __init__(self, features):
        super().__init__(features, momentum=0.1)


class Net(nn.Cell):
    def __init__(self):
        super().__init__(auto_prefix=False)
        self.bn = BatchNorm(4)
