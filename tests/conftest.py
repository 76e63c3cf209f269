import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
collect_ignore_glob = ["cases/*", "projects/*"]


@pytest.fixture(autouse=True, scope="session")
def _cache_of_the_session(tmp_path_factory):
    """Every run the tests make keeps its cache in the session's temporary directory, never the
    user's (a test that needs a cache of its own sets MS_LINT_CACHE_DIR itself)."""
    patch = pytest.MonkeyPatch()
    patch.setenv("MS_LINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    yield
    patch.undo()
