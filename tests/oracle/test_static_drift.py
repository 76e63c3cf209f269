"""Drift of the statically measured versions: the facts table's 1.5-1.10 keys against the sources
in the mindspore-gpu wheels, and the static reading itself against the import-based one on the
2.0.0 and 2.10.0 wheels. The wheels are looked for in $MS_LINT_WHEELS (`tox -e drift-ms1x`
downloads them); without them every test skips."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional, Tuple

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure_1x import WHEELS, shape_of_source  # noqa: E402
from static_facts import StaticWheel  # noqa: E402

from ms_lint.facts import load_facts, parse_version  # noqa: E402

FACTS = load_facts()
FOLDER = Path(os.environ.get("MS_LINT_WHEELS", "")) if os.environ.get("MS_LINT_WHEELS") else None
CROSS_CHECKED = {"2.0": "mindspore-2.0.0-", "2.10": "mindspore-2.10.0-"}
# dir() lists it, the sources do not bind it at module level: `mindspore.context._context()`, which
# code run on import calls, imports it inside the function
RUNTIME_IMPORTS = {("mindspore", "default_config")}
VERSIONS = sorted(list(WHEELS) + list(CROSS_CHECKED), key=parse_version)


def wheel(version: str) -> StaticWheel:
    """The wheel of a measured version; skips when $MS_LINT_WHEELS lacks it."""
    prefix = WHEELS[version] + "-" if version in WHEELS else CROSS_CHECKED[version]
    found = sorted(FOLDER.glob(prefix + "*.whl")) if FOLDER else []
    if not found:
        pytest.skip("no %s*.whl in $MS_LINT_WHEELS (set it to a folder with the wheels: tox -e drift-ms1x)" % prefix)
    return StaticWheel(str(found[0]))


@pytest.fixture(scope="module", params=VERSIONS)
def measured(request) -> Tuple[str, StaticWheel]:
    """A measured version and its wheel, read once for all the tests of that version."""
    return request.param, wheel(request.param)


def signature_at(qualname: str, version: str) -> Optional[list]:
    entry = FACTS.entries[qualname]
    signature = entry.signature(parse_version(version))
    return shape_of_source(signature.source) if signature is not None else None


def test_the_table_knows_which_apis_each_version_has(measured):
    version, reading = measured
    wrong = []
    for qualname, entry in sorted(FACTS.entries.items()):
        exists = reading.exists(qualname)
        if exists is not None and exists != entry.available(parse_version(version)):
            wrong.append("%s: %s in the sources" % (qualname, "present" if exists else "missing"))
    assert not wrong


def test_signatures_match_the_sources(measured):
    version, reading = measured
    wrong = []
    for qualname, entry in sorted(FACTS.entries.items()):
        if not entry.available(parse_version(version)) or signature_at(qualname, version) is None:
            continue
        measured = reading.shape(qualname)
        if measured != signature_at(qualname, version):
            wrong.append("%s: sources %s, table %s" % (qualname, measured, signature_at(qualname, version)))
    assert not wrong


@pytest.mark.parametrize("module", sorted(FACTS.modules))
def test_module_exports_match_the_sources(measured, module):
    version, reading = measured
    table = dict(FACTS.modules[module].exports).get(parse_version(version))
    names = reading.exports(module)
    if table is None:
        assert names is None, "%s exists in %s: its exports are not in the table" % (module, version)
        return

    def seen(listing):
        return sorted(n for n in listing if (module, n) not in RUNTIME_IMPORTS)

    assert seen(names) == seen(table)


def test_a_none_initializer_default_is_torchs_and_a_string_is_not(measured):
    """MSL128's premise, per version: where the table's weight_init default is None, the layer's module
    turns it into HeUniform(math.sqrt(5)) (PyTorch's bounds); where it is a string, it does not."""
    version, reading = measured
    wrong = []
    for qualname, entry in sorted(FACTS.entries.items()):
        signature = entry.signature(parse_version(version))
        if not entry.torch_init or signature is None or "weight_init" not in signature.names:
            continue
        binding = reading.resolve(qualname)
        torch_like = "HeUniform(math.sqrt(5))" in reading.sources[binding.module]
        if torch_like != (signature.default("weight_init") is None):
            wrong.append("%s: weight_init=%r, HeUniform(math.sqrt(5)) %s in %s" % (
                qualname, signature.default("weight_init"), "present" if torch_like else "absent", binding.module))
    assert not wrong


def test_the_static_reading_matches_inspect_on_the_installed_mindspore():
    """On the installed MindSpore (2.10.0 in the oracle env), every signature the drift test reads
    through inspect is the one the static reading gives from the same release's wheel."""
    mindspore = pytest.importorskip("mindspore", reason="needs the installed MindSpore to compare with")
    from importlib import metadata

    import test_drift

    version = "%d.%d" % parse_version(metadata.version("mindspore"))
    if version not in CROSS_CHECKED:
        pytest.skip("MindSpore %s is installed; the static reading is cross-checked on %s" % (
            mindspore.__version__, ", ".join(CROSS_CHECKED)))
    reading = wheel(version)
    wrong = [q for q in test_drift.SIGNED
             if reading.shape(q) != test_drift.installed_shape(test_drift.resolve(q))]
    assert not wrong
