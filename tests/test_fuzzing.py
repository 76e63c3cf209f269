"""Generated MindSpore programs and mutants of the case files: no front-end fails, and all three find the same."""
from front_ends import disagreement, through_engine, through_host
from fuzzing import case_files, each_drawn, mutants, mutate, programs
from hypothesis import HealthCheck, given, settings

HANG = 10.0  # CPU seconds: a guard against hangs, far above any example's cost (bench/fuzz.py uses 2)
FUZZ = settings(max_examples=150, derandomize=True, deadline=None, database=None, suppress_health_check=list(HealthCheck))


@FUZZ
@given(source=programs())
def test_engine_on_generated_programs(source):
    outcome = through_engine(source, HANG)
    assert not outcome.failure, outcome.detail


@FUZZ
@given(source=mutants())
def test_engine_on_mutants_of_the_cases(source):
    outcome = through_engine(source, HANG)
    assert not outcome.failure, outcome.detail


def test_flake8_and_pylint_find_what_the_engine_finds(tmp_path):
    sources = []
    each_drawn(programs(), 15, 0, sources.append)
    cases = [p.read_text(encoding="utf-8") for p in case_files()]
    sources += [mutate(cases[i * 7 % len(cases)], i) for i in range(15)]
    files = []
    for index, source in enumerate(sources):
        files.append(tmp_path / ("example_%02d.py" % index))
        files[-1].write_text(source, encoding="utf-8")
    engine = {f.name: through_engine(s, HANG) for f, s in zip(files, sources)}
    assert sum(len(o.findings) for o in engine.values()) > 30 and not any(o.failure for o in engine.values())
    for host in ("flake8", "pylint"):
        outcomes = through_host(host, files, HANG)
        problems = {name: o.failure + o.detail for name, o in outcomes.items() if o.failure}
        problems.update({name: disagreement(engine[name], o) for name, o in outcomes.items() if disagreement(engine[name], o)})
        assert problems == {}, host
