"""Fuzz: generated MindSpore programs and mutants of the case files through the engine, flake8 and pylint.

`python bench/fuzz.py --generated 20000 --mutants 20000 --seed 1` prints the number of examples,
internal errors, crashes, examples over the deadline (CPU seconds per file in the engine, wall
seconds per file in a host's batch) and disagreements between the front-ends' findings, and writes
each failing example to --out as a reproducer. `--host-examples N` sends only the first N
examples of each kind through flake8 and pylint (they run in batches of --batch files)."""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from front_ends import Outcome, Report, disagreement, through_engine, through_host  # noqa: E402
from fuzzing import case_files, each_drawn, mutate, programs  # noqa: E402


def mutants(count: int, start: int) -> Iterator[str]:
    """`count` mutants of the case files in turn, seeded by `start`."""
    sources = [p.read_text(encoding="utf-8") for p in case_files()]
    for index in range(count):
        yield mutate(sources[index % len(sources)], start * 1_000_003 + index)


class Fuzzer:
    """Runs examples through the front-ends, batching the hosts, and counts what went wrong."""

    def __init__(self, args: argparse.Namespace, out: Path, work: Path) -> None:
        self.args, self.out, self.work = args, out, work
        self.hosts = [f for f in args.front_ends.split(",") if f in ("flake8", "pylint")]
        self.report = Report()
        self.pending: List[Tuple[Path, Outcome]] = []
        self.sent: Dict[str, int] = {}

    def example(self, kind: str, source: str) -> None:
        index = self.report.examples
        self.report.examples += 1
        name = "%s_%06d.py" % (kind, index)
        engine = through_engine(source, self.args.deadline) if "engine" in self.args.front_ends else Outcome(unchecked=True)
        if engine.failure:
            self.fail(engine.failure, "engine", name, source, engine.detail)
        if self.hosts and self.sent.get(kind, 0) < self.args.host_examples:
            self.sent[kind] = self.sent.get(kind, 0) + 1
            path = self.work / name
            path.write_text(source, encoding="utf-8")
            self.pending.append((path, engine))
            if len(self.pending) >= self.args.batch:
                self.flush()

    def flush(self) -> None:
        files = [path for path, _ in self.pending]
        for host in self.hosts:
            outcomes = through_host(host, files, self.args.host_deadline)
            for path, engine in self.pending:
                outcome = outcomes[path.name]
                if outcome.failure:
                    self.fail(outcome.failure, host, path.name, path.read_text(encoding="utf-8"), outcome.detail)
                elif "engine" in self.args.front_ends and disagreement(engine, outcome):
                    self.fail("disagreement", host, path.name, path.read_text(encoding="utf-8"), disagreement(engine, outcome))
        for path in files:
            path.unlink()
        self.pending = []

    def fail(self, kind: str, front_end: str, name: str, source: str, detail: str) -> None:
        reproducer = self.out / ("%s-%s-%s" % (kind.replace(" ", "-"), front_end, name))
        reproducer.write_text(source, encoding="utf-8")
        self.report.add(kind, "%s %s: %s" % (front_end, reproducer, detail))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generated", type=int, default=1000)
    parser.add_argument("--mutants", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--front-ends", default="engine,flake8,pylint")
    parser.add_argument("--host-examples", type=int, default=10**9, help="at most this many of each kind through flake8 and pylint")
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--deadline", type=float, default=2.0, help="CPU seconds per example in the engine")
    parser.add_argument("--host-deadline", type=float, default=2.0, help="wall seconds per file in a host's batch")
    parser.add_argument("--out", default="fuzz-failures", help="directory for the reproducers")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as work:
        fuzzer = Fuzzer(args, out, Path(work))
        try:
            each_drawn(programs(), args.generated, args.seed, lambda source: fuzzer.example("generated", source))
            for source in mutants(args.mutants, args.seed):
                fuzzer.example("mutant", source)
        except KeyboardInterrupt:
            print("interrupted: the counts are of the examples run so far")
        if fuzzer.pending:
            fuzzer.flush()
    report = fuzzer.report
    for line in report.failures:
        print(line)
    print("examples %d (through flake8/pylint: %s), internal errors %d, crashes %d, over deadline %d, disagreements %d, %.0f s"
          % (report.examples, ", ".join("%s %d" % kv for kv in sorted(fuzzer.sent.items())) or "none",
             *(report.counts.get(k, 0) for k in ("internal error", "crash", "over deadline", "disagreement")),
             time.perf_counter() - started))
    sys.exit(1 if report.failures else 0)


if __name__ == "__main__":
    main()
