# ms-lint-case: target-version=2.3
"""MSL112 with a 2.3 target: keywords judged by the signature of that version."""
from mindspore import nn, ops


def permute(x, channels):
    dense = nn.Dense(channels, channels, bias=False)  # MSL112: 41
    # look-alikes
    return dense(ops.transpose(x, input_perm=(0, 2, 1)))
