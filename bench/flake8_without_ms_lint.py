"""`flake8` exactly as installed, minus the ms-lint plugin: the baseline the benchmark compares against."""
import sys

from flake8.main.cli import main
from flake8.plugins import finder

_installed = finder._find_importlib_plugins


def _without_ms_lint():
    return (plugin for plugin in _installed() if plugin.package != "ms-lint")


finder._find_importlib_plugins = _without_ms_lint

if __name__ == "__main__":
    sys.exit(main())
