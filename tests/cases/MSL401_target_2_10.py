import numpy as np
from mindspore import Tensor, ops

# look-alikes: from MindSpore 2.5 `Tensor.transpose(a, b)` swaps two axes, as in PyTorch: nothing to report.
x = Tensor(np.ones((2, 3, 4), np.float32)).transpose(1, 2)
y = ops.relu(x).transpose(0, 1)
