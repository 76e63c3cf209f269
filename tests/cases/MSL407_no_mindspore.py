"""MSL407 look-alikes: a PyTorch module, and one that imports MindSpore without using it."""
import mindspore  # noqa: F401
import torch

# look-alikes: no MindSpore code in the module
torch.manual_seed(0)
