import mindspore


class SrcBase(mindspore.nn.Cell):
    pass
