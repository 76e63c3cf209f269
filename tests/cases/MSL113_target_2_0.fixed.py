# ms-lint-case: target-version=2.0
"""MSL113 judged with MindSpore 2.0.0's exports: no nn.Linear and no nn.CellDict yet."""
import mindspore.nn as nn


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)  # MSL113: 18
        self.heads = nn.ModuleDict({})  # MSL113: 21
        self.body = nn.SequentialCell()  # MSL113: 20
        # look-alikes
        self.dense = nn.Dense(4, 2)
        self.cells = nn.CellList([])
        self.seq = nn.SequentialCell([])
