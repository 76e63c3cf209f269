"""MSL112: keywords the MindSpore signature rejects (PyTorch's spelling, mostly)."""
import mindspore as ms
import mindspore.nn as nn
import torch
from mindspore import mint, ops
from mindspore.experimental import optim
from mindspore.nn import Dense as Linear


class Block(nn.Cell):
    def __init__(self, cin, cout, params, betas, bias=True):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, bias=False)  # MSL112: 44
        self.dw = nn.Conv2d(cout, cout, 3, group=cout, groups=cout)  # MSL112: 55
        self.pm = nn.Conv2d(cin, cout, 3, padding_mode="zeros")  # MSL112: 42
        self.fc = nn.Dense(in_features=cin, out_features=cout)  # MSL112: 27, MSL112: 44
        self.head = Linear(cin, cout, bias=bias)  # MSL112: 38
        self.norm = nn.LayerNorm((cout,), eps=1e-5)  # MSL112: 42
        self.act = nn.ReLU(inplace=True)  # MSL112: 27
        self.bn = nn.BatchNorm2d(cout, track_running_stats=False)  # MSL112: 39
        self.rnn = nn.LSTM(cin, cout, bias=True, batch_first=True)  # MSL112: 38
        self.emb = nn.Embedding(num_embeddings=10, embedding_dim=cout)  # MSL128: 19, MSL112: 32, MSL112: 51
        self.softmax = nn.Softmax(dim=-1)  # MSL112: 34
        self.pool = ops.MaxPool(kernel_size=2, stride=2)  # MSL112: 47
        self.l2 = ops.L2Normalize(axis=1, eps=1e-12)  # MSL112: 42
        self.adam = nn.Adam(params, lr=1e-3, betas=(0.9, 0.98))  # MSL112: 36, MSL112: 45
        self.adam2 = nn.Adam(params, learning_rate=1e-3, betas=betas)  # MSL112: 57
        self.sgd = nn.SGD(params, lr=0.1, momentum=0.9)  # MSL112: 34
        self.mom = nn.Momentum(params, 0.1, 0.9, nesterov=True)  # MSL112: 49
        self.lazy = nn.LazyAdam(params, lr=1e-3)  # MSL112: 40
        self.wrapped = nn.Dense(
            cin,
            cout,
            bias=False,  # MSL112: 12
        )
        self.both = nn.Dense(cin, cout, has_bias=True, bias=True)  # MSL112: 55
        # look-alikes
        self.k1 = nn.Conv2d(cin, cout, 3, has_bias=False, group=1)
        self.k2 = nn.Dense(cin, cout, has_bias=bias)
        self.k3 = nn.LayerNorm((cout,), epsilon=1e-5)
        self.k4 = nn.BatchNorm2d(cout, eps=1e-5)
        self.k5 = nn.GroupNorm(2, cout, eps=1e-5)
        self.k6 = nn.Adam(params, learning_rate=1e-3, beta1=0.9, beta2=0.98, eps=1e-8)
        self.k7 = nn.Adam(params, learning_rate=1e-3, use_lazy=True)
        self.k8 = nn.AdamWeightDecay(params, learning_rate=1e-3, eps=1e-6)
        self.k9 = mint.nn.Linear(cin, cout, bias=False)
        self.k10 = mint.nn.Conv2d(cin, cout, 3, bias=False, groups=1, padding_mode="zeros")
        self.k11 = torch.nn.Conv2d(cin, cout, 3, bias=False)
        self.k12 = torch.nn.LayerNorm(cout, eps=1e-5)
        self.k13 = optim.Adam(params, lr=1e-3, betas=(0.9, 0.98))
        self.k14 = nn.LSTM(cin, cout, has_bias=True, batch_first=True, bidirectional=True)
        self.k15 = nn.SGD(params, learning_rate=0.1, nesterov=True, momentum=0.9)
        self.k16 = nn.Conv2d(cin, cout, 3, **{"has_bias": True})
        self.k17 = ms.Tensor([1.0], dtype=ms.float32)


def permute(x):
    return ops.transpose(x, input_perm=(0, 2, 1))  # MSL112: 28
