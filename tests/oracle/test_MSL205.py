"""MSL205: `order_params` must be alone in its dict and list as many parameters as the groups."""
import pytest
from conftest import codes, run

NOT_ALONE = """
from mindspore import nn

net = nn.Dense(3, 2)
opt = nn.SGD([{"params": net.trainable_params()}, {"order_params": net.trainable_params(), "lr": 0.1}], 0.1)
"""

FEWER = """
from mindspore import nn

net = nn.Dense(3, 2)
weights = [net.weight]
opt = nn.SGD([{"params": weights}, {"params": [net.bias]}, {"order_params": weights}], 0.1)
"""

ALL = """
from mindspore import nn

net = nn.Dense(3, 2)
opt = nn.SGD([{"params": [net.weight]}, {"params": [net.bias]}, {"order_params": net.trainable_params()}], 0.1)
"""


@pytest.mark.parametrize("trap", [NOT_ALONE, FEWER])
def test_order_params_trap_is_a_value_error_and_is_reported(trap):
    assert codes(trap) == {"MSL205"}
    with pytest.raises(ValueError, match="order"):
        run(trap)


def test_order_params_with_every_parameter_is_clean_and_builds():
    assert codes(ALL) == set()
    assert len(run(ALL)["opt"].parameters) == 2
