"""A stand-in for an installed package; linting a project that uses it must never run this file."""
import pathlib

pathlib.Path(__file__).resolve().parent.parent.joinpath("EXECUTED").write_text("fakehub/__init__.py ran\n")

from fakehub.hub import PushToHubMixin  # noqa: E402
from fakehub.modeling import HubModel  # noqa: E402

__all__ = ["HubModel", "PushToHubMixin"]
