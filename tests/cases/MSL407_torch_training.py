"""MSL407 look-alikes: a comparison script that trains the same network with PyTorch and MindSpore:
its torch seed seeds the PyTorch half."""
import mindspore as ms
import numpy as np
import torch
from mindspore import nn

# look-alikes: torch computes here too
def set_seed(seed):
    np.random.seed(seed)
    torch.manual_seed(seed)


set_seed(0)
torch.manual_seed(0)
torch.cuda.manual_seed_all(0)
ref = torch.nn.Linear(4, 2)
net = nn.Dense(4, 2)
x = np.ones((1, 4), np.float32)
print(ref(torch.from_numpy(x)).detach().numpy(), net(ms.Tensor(x)).asnumpy())
