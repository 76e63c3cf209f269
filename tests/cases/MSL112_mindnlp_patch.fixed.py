"""MSL112 under mindnlp 0.3.x, whose injection.py replaces nn.LayerNorm (takes `eps=`), nn.Dense (no
initializers, no activation), nn.Embedding and nn.BatchNorm1d/2d (`weight_init=`, no `gamma_init=`)."""
import mindnlp  # noqa: F401
from mindspore import nn


class Norm(nn.Cell):
    def __init__(self, hidden, vocab):
        super().__init__()
        self.fc = nn.Dense(hidden, hidden, has_bias=False)  # MSL112: 43
        self.head = nn.Dense(hidden, hidden, activation='tanh')  # MSL112: 45
        self.init = nn.Dense(hidden, hidden, weight_init='normal')  # MSL112: 45
        self.table = nn.Embedding(vocab, hidden, embedding_table='normal')  # MSL112: 49
        self.bn_gamma = nn.BatchNorm1d(hidden, gamma_init='ones')  # MSL112: 47
        self.bn_format = nn.BatchNorm2d(hidden, data_format='NCHW')  # MSL112: 48
        # look-alikes
        self.norm = nn.LayerNorm((hidden,), eps=1e-12)
        self.plain = nn.Dense(hidden, hidden, has_bias=False)
        self.embed = nn.Embedding(vocab, hidden, padding_idx=0)
        self.bn = nn.BatchNorm2d(hidden, weight_init='ones', bias_init='zeros')
