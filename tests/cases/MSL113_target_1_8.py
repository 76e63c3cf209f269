# ms-lint-case: target-version=1.8
"""MSL113 judged with MindSpore 1.8.1's exports, read from its wheel: no mindspore.jit (ms_function
is there) and no nn.Linear yet."""
import mindspore
import mindspore.nn as nn
from mindspore import ops

jitted = mindspore.jit  # MSL113: 9
fc = nn.Linear(4, 2)  # MSL113: 5
# look-alikes
old_jit = mindspore.ms_function
ops_grad = ops.value_and_grad
dropout_op = ops.Dropout
dense = nn.Dense(4, 2)
