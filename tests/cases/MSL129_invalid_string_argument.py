"""MSL129: a string outside the values a MindSpore class accepts, which raises ValueError at construction."""
from mindspore import mint, nn, ops
from mindspore.nn import Conv2d

PAD = "vaild"
TORCH_MODE = "zeros"


class Block(nn.Cell):
    def __init__(self, cin, cout, mode, padding_mode="zeros"):
        super().__init__()
        self.typo = nn.Conv2d(cin, cout, 3, pad_mode="vaild")  # MSL129: 53
        self.upper = nn.Conv2d(cin, cout, 3, pad_mode="VALID")  # MSL129: 54
        self.swap = nn.Conv1d(cin, cout, 3, pad_mode="smae")  # MSL129: 53
        self.positional = Conv2d(cin, cout, 3, 1, "Pad", 1)  # MSL129: 50
        self.torch_mode = nn.Conv2d(cin, cout, 3, pad_mode="zeros")  # MSL129: 59
        self.constant = nn.Conv2d(cin, cout, 3, pad_mode=TORCH_MODE)  # MSL129: 57
        self.named = nn.Conv2dTranspose(cin, cout, 2, pad_mode=PAD)  # MSL129: 63
        self.pool = nn.MaxPool2d(2, 2, pad_mode="vaild")  # MSL129: 48
        self.pool3 = nn.AvgPool3d(2, 2, "samee")  # MSL129: 40
        self.prim = ops.Conv2D(cout, 3, pad_mode="SAME")  # MSL129: 49
        self.prim_pool = ops.MaxPool(2, 2, pad_mode="pad")  # MSL129: 52
        self.loss = nn.MSELoss(reduction="elementwise_mean")  # MSL129: 41
        self.ce = nn.CrossEntropyLoss(reduction="Mean")  # MSL129: 48
        self.guess = nn.Conv2d(cin, cout, 3, pad_mode="vlaidd")  # MSL129: 54
        self.l1 = nn.L1Loss("summ")  # MSL129: 28
        # look-alikes: accepted values, any case where the class folds it, values out of sight
        self.k1 = nn.Conv2d(cin, cout, 3, pad_mode="valid")
        self.k2 = nn.Conv3d(cin, cout, 3, pad_mode="SAME")
        self.k3 = nn.MaxPool2d(2, 2, pad_mode="SAME")
        self.k4 = nn.AvgPool1d(2, 2, "Valid")
        self.k5 = nn.Conv2d(cin, cout, 3, pad_mode=mode)
        self.k6 = ops.AvgPool(2, 2, "zeros")
        self.k7 = nn.BCEWithLogitsLoss(reduction="MEAN")
        self.k8 = mint.nn.Conv2d(cin, cout, 3, padding="same", padding_mode="zeros")
        self.k9 = mint.nn.MSELoss(reduction="mean")
        self.k10 = nn.Conv2d(cin, cout, 3, 1, "pad", 1)
        self.k11 = Custom(cin, cout, 3, pad_mode="zeros")
        self.k12 = nn.KLDivLoss(reduction="batchmean")
        self.k13 = nn.Conv2d(cin, cout, 3, pad_mode=padding_mode)


class Custom(nn.Conv2d):
    """A subclass with its own signature: its `pad_mode` is its own."""

    def __init__(self, cin, cout, kernel, pad_mode="zeros"):
        super().__init__(cin, cout, kernel, pad_mode="pad" if pad_mode == "zeros" else pad_mode)
