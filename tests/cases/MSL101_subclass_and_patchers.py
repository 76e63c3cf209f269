"""MSL101 through project subclasses, re-exports and patchers."""
import mindnlp  # noqa: F401 - mindnlp 0.3 patches nn.Dropout to take `p` first
import mindspore.nn as nn


class PDropout(nn.Dropout):
    """mindcv 0.3.0's own Dropout: `p` first, so `PDropout(0.1)` drops 10%."""

    def __init__(self, p=0.5):
        super().__init__(p=p)


class PlainDropout(nn.Dropout):
    pass


class Block(nn.Cell):
    def __init__(self, config):
        super().__init__()
        # look-alikes
        self.a = nn.Dropout(config.hidden_dropout_prob)  # patched by mindnlp: `p` first
        self.b = PDropout(0.1)
