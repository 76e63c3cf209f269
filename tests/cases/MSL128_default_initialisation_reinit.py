# ms-lint-case: target-version=1.8
"""MSL128 is silent where the file overwrites the defaults itself (an _init_weights method, set_data)."""
import mindspore.nn as nn


class Reinitialised(nn.Cell):
    def __init__(self, cin, cout):
        super().__init__()
        # look-alikes: a ported model that overwrites every default in _init_weights
        self.fc = nn.Dense(cin, cout)

    def _init_weights(self, cell):
        cell.weight.set_data(cell.weight.init)

    def construct(self, x):
        return self.forward(x)

    def forward(self, x):
        return self.fc(x)
