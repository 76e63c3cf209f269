"""ms-lint: a static linter for MindSpore code, above all code ported from PyTorch."""

__version__ = "0.1.0"
