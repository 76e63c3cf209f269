from .cycle_b import Other


class Looped(Other):
    pass
