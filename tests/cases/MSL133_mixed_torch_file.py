"""MSL133: a torch module in a file that imports both frameworks is never a finding."""
import torch
from mindspore import nn


class MsNet(nn.Cell):
    def construct(self, x):
        return x


def run(model, ms_net_input):
    ms_net = MsNet()
    ms_net.eval()  # MSL133: 4
    # look-alikes
    model.set_train(True)
    model.eval()
    torch_net = torch.nn.Linear(2, 2)
    torch_net.eval()
    for p in torch_net.parameters():
        p.requires_grad_(False)
    return ms_net(ms_net_input)
