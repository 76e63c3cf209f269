# ms-lint-case: target-version=2.3
"""MSL112 at a target between two measured versions (2.0.0 and 2.7.0) whose signatures differ: a
keyword either accepts is not reported, since the change came somewhere in between."""
import mindspore as ms
from mindspore import nn


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.bn = nn.BatchNorm2d(4, momentum=0.9, dtype=ms.float16)  # MSL111: 18
        self.conv = nn.Conv2d(3, 8, 3, has_bias=False)  # MSL112: 39
        # look-alikes
        self.fc = nn.Dense(4, 2, dtype=ms.float16)
        self.table = nn.EmbeddingLookup(10, 4, vocab_cache_size=8)
