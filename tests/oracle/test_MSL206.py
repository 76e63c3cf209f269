"""MSL206: a filtered group added without a guard raises ValueError on a network where the filter
matches nothing; the guarded form builds on every network."""
import pytest
from conftest import codes, run

TRAP = """
from mindspore import nn

net = nn.Dense(3, 2, has_bias=False)
no_decay = [p for p in net.trainable_params() if p.name.endswith("bias")]
decay = net.weight
groups = [{"params": [decay]}]
groups.append({"params": no_decay, "weight_decay": 0.0})
opt = nn.SGD(groups, 0.1)
"""

GUARDED = TRAP.replace('groups.append({"params": no_decay', 'if no_decay:\n    groups.append({"params": no_decay')


def test_filter_matching_nothing_is_a_value_error_and_is_reported():
    assert codes(TRAP) == {"MSL206"}
    with pytest.raises(ValueError, match="group `params` must not be empty"):
        run(TRAP)


def test_guarded_group_is_clean_and_builds():
    assert codes(GUARDED) == set()
    assert len(run(GUARDED)["opt"].parameters) == 1
