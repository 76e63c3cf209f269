from .cycle_d import Again
