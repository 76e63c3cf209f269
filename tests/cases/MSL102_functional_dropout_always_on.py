"""MSL102: ops.dropout in construct without training= drops in inference mode too."""
import mindspore as ms
import torch
from mindspore import mint, nn, ops
from mindspore.ops import dropout


class Block(nn.Cell):
    def __init__(self, p=0.1):
        super().__init__()
        self.p = p
        self.drop = nn.Dropout(p=p)

    def construct(self, x):
        x = ops.dropout(x, p=self.p)  # MSL102: 12
        x = dropout(x, self.p)  # MSL102: 12
        y = ms.ops.dropout(  # MSL102: 12
            x,
            p=0.2,
        )
        # look-alikes
        x = ops.dropout(x, p=self.p, training=self.training)
        x = ops.dropout(x, self.p, self.training)
        if self.training:
            x = ops.dropout(x, p=self.p)
        x = ops.dropout(x, p=self.p) if self.training else x
        x = mint.nn.functional.dropout(x, p=self.p)
        x = self.drop(x)
        return x + y


def helper(x):
    return ops.dropout(x, p=0.5)


class NotACell:
    def construct(self, x):
        return ops.dropout(x, p=0.5)


class TorchBlock(torch.nn.Module):
    def forward(self, x):
        return torch.nn.functional.dropout(x, p=0.5)


class Forwarded(nn.Cell):
    def construct(self, x, **kwargs):
        return ops.dropout(x, **kwargs)
