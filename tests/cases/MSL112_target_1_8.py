# ms-lint-case: target-version=1.8
"""MSL112 judged with MindSpore 1.8.1's signatures, read from its wheel: no `padding=` on pools yet,
no `dtype=` on layers; `use_amsgrad=` is there (since 1.8) and BatchNorm3d still takes `data_format=`."""
import mindspore as ms
from mindspore import nn


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.pool = nn.AvgPool2d(2, stride=2, padding=1)  # MSL112: 46
        self.fc = nn.Dense(4, 2, dtype=ms.float16)  # MSL112: 33
        # look-alikes
        self.bn = nn.BatchNorm3d(4, data_format="NCDHW")
        self.plain = nn.AvgPool2d(2, stride=2, pad_mode="same")


optimizer = nn.Adam(Net().trainable_params(), learning_rate=0.1, use_amsgrad=True)
