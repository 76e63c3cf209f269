# ms-lint-case: target-version=2.0
"""MSL113 under mindnlp 0.3.x, whose injection.py sets `mindspore.tensor` and `mindspore.bfloat16`."""
import mindnlp  # noqa: F401
import mindspore

array = mindspore.from_numpy(None)  # MSL113: 8
# look-alikes
ids = mindspore.tensor([1, 2])
half = mindspore.bfloat16
