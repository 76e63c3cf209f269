"""The facts table's versions: which signatures may be in force at a target, and what exists."""
from ms_lint.facts import ApiEntry, load_facts

MEASURED = ((2, 0), (2, 7), (2, 10))
ENTRY = ApiEntry("mindspore.nn.Layer", {
    "signature": {"2.0": "a, b=1, old=0", "2.7": "a, b=1, new=0", "2.8": "a, b=1, new=0, newest=0"},
    "absent": ["2.10"],
}, MEASURED)


def names(version):
    return [s.names for s in ENTRY.signatures(version)]


def test_measured_versions_and_older_targets_have_one_signature():
    assert names((2, 0)) == [["a", "b", "old"]]
    assert names((1, 10)) == [["a", "b", "old"]]  # the first one is assumed for older versions
    assert names((2, 7)) == [["a", "b", "new"]]


def test_between_two_measured_versions_that_differ_either_may_hold():
    assert names((2, 3)) == [["a", "b", "old"], ["a", "b", "new"]]
    assert ENTRY.accepts_keyword("old", (2, 3)) and ENTRY.accepts_keyword("new", (2, 3))
    assert ENTRY.accepts_keyword("old", (2, 0)) and not ENTRY.accepts_keyword("new", (2, 0))
    assert ENTRY.accepts_keyword("bias", (2, 3)) is False
    assert ENTRY.signature((2, 3)) is None  # `new` replaced `old` in place: binding is out of sight


def test_a_key_that_is_not_measured_is_an_exact_change():
    assert names((2, 8)) == [["a", "b", "new", "newest"]]
    assert ENTRY.signature((2, 8)).names == ["a", "b", "new", "newest"]


def test_a_newer_signature_that_only_adds_parameters_binds_in_between():
    added = ApiEntry("x", {"signature": {"2.0": "a, b=1", "2.7": "a, b=1, dtype=None"}}, MEASURED)
    assert added.signature((2, 3)).names == ["a", "b", "dtype"]


def test_absent_in_a_measured_version():
    assert ENTRY.available((2, 7)) and not ENTRY.available((2, 10))


def test_the_table_keys_signatures_by_measured_versions():
    facts = load_facts()
    dense = facts.entries["mindspore.nn.Dense"]
    assert facts.measured == ((1, 5), (1, 6), (1, 7), (1, 8), (1, 9), (1, 10), (2, 0), (2, 7), (2, 8), (2, 9), (2, 10))
    assert dense.accepts_keyword("dtype", (2, 0)) is False
    assert dense.accepts_keyword("dtype", (2, 3)) and dense.accepts_keyword("dtype", (2, 10))
    assert not facts.entries["mindspore.nn.Linear"].available((2, 0))
