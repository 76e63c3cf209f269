# ms-lint-case: target-version=2.3
import mindspore
from mindspore import Tensor

x = mindspore.ops.ones((2, 3, 4))
y = x.transpose(1, 2)  # MSL401: 4


def local_import():
    from mindspore import ops as F

    return F.zeros((2, 3)).transpose(0, 1)  # MSL401: 11


# look-alikes: a full permutation means the same before and after MindSpore 2.5
z = x.transpose(2, 0, 1)
