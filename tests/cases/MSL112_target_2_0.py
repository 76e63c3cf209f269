# ms-lint-case: target-version=2.0
"""MSL112 judged with MindSpore 2.0.0's measured signatures: no `dtype=` on layers, no `sens_param=`."""
import mindspore as ms
from mindspore import nn, ops


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.fc = nn.Dense(4, 2, dtype=ms.float16)  # MSL112: 33
        self.bn = nn.BatchNorm2d(4, dtype=ms.float16)  # MSL112: 36
        # look-alikes
        self.table = nn.EmbeddingLookup(10, 4, vocab_cache_size=8)
        self.plain = nn.Dense(4, 2, weight_init="normal")


grad_fn = ops.value_and_grad(Net(), sens_param=True)  # MSL112: 36
# look-alikes
jitted = ms.jit(fn=None)
