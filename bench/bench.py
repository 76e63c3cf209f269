"""Benchmark ms-lint on published MindSpore packages; every ratio is measured side by side in one run.

`python bench/bench.py` (or `tox -e bench`) prepares the corpus (bench/corpus.py), then measures
flake8 with and without the plugin, pylint with and without it, the CLI with a cold and a warm
cache, CLI throughput with -j 2, peak memory, per-file latency, and counts per-file internal errors
in all three front-ends. Times are CPU seconds (user + system of the whole process tree) unless
the line says wall: the CPU time of a run barely moves when other work shares the machine.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Sequence

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import DEFAULT_DIR, package_dirs, prepare  # noqa: E402

from ms_lint.registry import all_rules  # noqa: E402

# Runs a command and prints its wall time, CPU time and peak RSS (largest process, KB) as JSON.
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[2:], stdout=open(sys.argv[1], "wb"), stderr=subprocess.STDOUT)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
scale = 1 if sys.platform == "darwin" else 1024
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss * scale / 2**20, "rc": done.returncode}))
"""


def measure(command: Sequence[str], output: Path, env: Dict[str, str] = None) -> Dict[str, float]:
    """Wall and CPU seconds and peak RSS of one command; its output goes to `output`."""
    done = subprocess.run(  # run away from a source checkout, which would shadow the installed ms_lint
        [sys.executable, "-c", _MEASURE, str(output), *command], capture_output=True, text=True, env=env, check=True, cwd=output.parent
    )
    return json.loads(done.stdout)


def default_rules() -> list:
    return [rule for rule in all_rules().values() if rule.default_enabled]


def best(runs: List[Dict[str, float]]) -> Dict[str, float]:
    """The fastest of repeated runs (the least disturbed by anything else on the machine)."""
    return min(runs, key=lambda r: r["cpu"])


def count_lines(files: Sequence[Path]) -> int:
    total = 0
    for path in files:
        with open(path, "rb") as stream:
            total += sum(1 for _ in stream)
    return total


def python_files(dirs: Sequence[Path]) -> List[Path]:
    return sorted(p for d in dirs for p in d.rglob("*.py"))


def side_by_side(name: str, without: Sequence[str], with_: Sequence[str], repeat: int, out: Path, log: List[str]) -> Dict:
    """Run the two commands alternately `repeat` times; the overhead of `with_` over `without`. Each
    run of `with_` starts with an empty ms-lint cache of its own, as a first run on a project does:
    other modules' summaries are computed, not read back (nor is the user's cache read or written)."""
    runs = {"without": [], "with": []}
    for _ in range(repeat):
        runs["without"].append(measure(without, out / (name + "-without.txt")))
        cold = dict(os.environ, MS_LINT_CACHE_DIR=tempfile.mkdtemp(prefix="ms-lint-bench-cache-"))
        runs["with"].append(measure(with_, out / (name + "-with.txt"), cold))
    a, b = best(runs["without"]), best(runs["with"])
    overhead = b["cpu"] / a["cpu"] - 1
    log.append(
        "%s: without %.1f s CPU (%.1f s wall, %.0f MB), with ms-lint %.1f s CPU (%.1f s wall, %.0f MB; cache empty at start): overhead %.3fx"
        % (name, a["cpu"], a["wall"], a["rss_mb"], b["cpu"], b["wall"], b["rss_mb"], overhead)
    )
    return {"without": a, "with": b, "overhead": overhead}


def count_in(path: Path, needles: Sequence[str]) -> int:
    with open(path, encoding="utf-8", errors="replace") as stream:
        return sum(1 for line in stream if any(n in line for n in needles))


def latency(files: Sequence[Path], sample: int, log: List[str]) -> Dict:
    """p50 / p95 of linting one file in one process (read, decode, parse, lint), files under 1000 lines,
    with other modules' summaries kept in a cache directory of its own, as the editor integrations do:
    a first pass from the empty cache (a project opened for the first time), then a second pass over
    the same files with the cache warm (the goal's case)."""
    from ms_lint.engine import lint_file
    from ms_lint.engine.settings import Settings
    from ms_lint.run.cache import keep_summaries

    small = [p for p in files if count_lines([p]) < 1000]
    chosen = random.Random(8).sample(small, min(sample, len(small)))
    mentions = [path for path in chosen if "mindspore" in path.read_text(encoding="utf-8", errors="replace")]
    settings = Settings()
    keep_summaries(Path(tempfile.mkdtemp(prefix="ms-lint-bench-latency-cache-")))
    lint_file(str(chosen[0]), settings)  # load the facts table and the rules once, as an editor does
    found: Dict[str, Dict] = {}
    for cache in ("cold", "warm"):
        times: Dict[Path, float] = {}
        for path in chosen:
            start = time.perf_counter()
            lint_file(str(path), settings)
            times[path] = (time.perf_counter() - start) * 1000
        for kind, paths in (("all", chosen), ("mindspore", mentions)):
            values = sorted(times[p] for p in paths)
            key = kind if cache == "warm" else "%s_cold" % kind
            found[key] = {"files": len(values), "p50_ms": statistics.median(values), "p95_ms": values[int(0.95 * (len(values) - 1))], "max_ms": values[-1]}
            log.append("latency (%s, %s cache): %d files under 1000 lines, p50 %.1f ms, p95 %.1f ms, max %.1f ms" % (
                "every file" if kind == "all" else "files that mention mindspore", cache, len(values), found[key]["p50_ms"], found[key]["p95_ms"], values[-1]))
    keep_summaries(None)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_DIR, help="corpus directory (default: bench/corpus)")
    parser.add_argument("--packages", help="comma-separated package names to use instead of all (e.g. mindcv,mindocr)")
    parser.add_argument("--pylint-packages", default="mindcv,mindocr,mindyolo", help="packages for the pylint ratio (default: mindcv,mindocr,mindyolo)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each side-by-side pair; the fastest counts (default: 1)")
    parser.add_argument("--latency-files", type=int, default=1000, help="files sampled for per-file latency (default: 1000)")
    parser.add_argument("--skip-pylint-crash-check", action="store_true", help="do not run pylint with the plugin over the whole corpus")
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    args = parser.parse_args()

    src = prepare(args.corpus)
    every = package_dirs(src)
    pick = lambda names: [d for d in every if d.name.split("-")[0] in names.split(",")]  # noqa: E731
    dirs = pick(args.packages) if args.packages else every
    files = python_files(dirs)
    lines = count_lines(files)
    out = Path(tempfile.mkdtemp(prefix="ms-lint-bench-"))
    log = [
        "machine: %s, %d CPUs, %s, Python %s" % (
            platform.processor() or platform.machine(), os.cpu_count() or 0, platform.platform(), platform.python_version()),
        "corpus: %s: %d files, %d lines" % (", ".join(d.name for d in dirs), len(files), lines),
    ]
    print("\n".join(log), flush=True)
    results: Dict = {"files": len(files), "lines": lines}
    py, paths = sys.executable, [str(d) for d in dirs]

    flake8 = [py, "-m", "flake8", "--isolated", "--exit-zero", "-j", "2"]
    without = [py, str(HERE / "flake8_without_ms_lint.py"), *flake8[3:], *paths]
    results["flake8"] = side_by_side("flake8 -j 2", without, [*flake8, *paths], args.repeat, out, log)
    results["flake8"]["internal_errors"] = count_in(out / "flake8 -j 2-with.txt", ["MSL000", "Traceback"])
    results["flake8"]["findings"] = count_in(out / "flake8 -j 2-with.txt", [": MSL"]) - results["flake8"]["internal_errors"]
    log.append("flake8 with the plugin: %d ms-lint findings, %d internal errors" % (results["flake8"]["findings"], results["flake8"]["internal_errors"]))
    print(log[-2], flush=True)
    print(log[-1], flush=True)

    pylint_dirs = [str(d) for d in pick(args.pylint_packages)]
    pylint = [py, "-m", "pylint", "--rcfile=/dev/null", "--recursive=y", "--score=n", "-j", "1"]
    with_plugin = [*pylint, "--load-plugins=ms_lint.pylint_plugin", *pylint_dirs]
    results["pylint"] = side_by_side("pylint (%s)" % args.pylint_packages, [*pylint, *pylint_dirs], with_plugin, args.repeat, out, log)
    print(log[-1], flush=True)
    if not args.skip_pylint_crash_check:
        symbols = ",".join(["ms-internal-error", "astroid-error", "fatal"] + ["ms-" + r.name for r in default_rules()])
        only = [py, "-m", "pylint", "--rcfile=/dev/null", "--recursive=y", "--score=n", "-j", "2",
                "--load-plugins=ms_lint.pylint_plugin", "--disable=all", "--enable=" + symbols]
        run = measure([*only, *paths], out / "pylint-crash-check.txt")
        results["pylint_internal_errors"] = count_in(out / "pylint-crash-check.txt", ["ms-internal-error", "F5100", "astroid-error", "Traceback"])
        results["pylint_findings"] = count_in(out / "pylint-crash-check.txt", ["(ms-"]) - results["pylint_internal_errors"]
        log.append(
            "pylint with the plugin over the whole corpus (-j 2, ms-lint messages only): %.0f s wall, %d findings, %d internal errors"
            % (run["wall"], results["pylint_findings"], results["pylint_internal_errors"])
        )
        print(log[-1], flush=True)

    cache = tempfile.mkdtemp(prefix="ms-lint-bench-cache-")
    env = dict(os.environ, MS_LINT_CACHE_DIR=cache)
    cli = [py, "-m", "ms_lint.cli", "--isolated", "--exit-zero", "-j", "1", *paths]
    cold = measure(cli, out / "cli-cold.txt", env)
    warm = measure(cli, out / "cli-warm.txt", env)
    results["cli_cache"] = {"cold": cold, "warm": warm, "speedup": cold["wall"] / warm["wall"]}
    results["cli_internal_errors"] = count_in(out / "cli-cold.txt", ["internal error", "Traceback"])
    results["cli_findings"] = count_in(out / "cli-cold.txt", [": MSL"])
    log.append(
        "CLI -j 1, cold cache %.1f s wall (%.1f s CPU), warm cache %.2f s wall (%.2f s CPU): warm is %.1fx faster; %d findings, %d internal errors"
        % (cold["wall"], cold["cpu"], warm["wall"], warm["cpu"], results["cli_cache"]["speedup"], results["cli_findings"], results["cli_internal_errors"])
    )
    log.append("CLI peak RSS over the corpus in one process (-j 1, cold): %.0f MB" % cold["rss_mb"])
    print("\n".join(log[-2:]), flush=True)
    parallel = measure([py, "-m", "ms_lint.cli", "--isolated", "--exit-zero", "--no-cache", "-j", "2", *paths], out / "cli-j2.txt")
    results["cli_j2"] = dict(parallel, lines_per_s=lines / parallel["wall"])
    log.append("CLI -j 2, no cache: %.1f s wall, %.0f lines/s, largest process %.0f MB" % (parallel["wall"], lines / parallel["wall"], parallel["rss_mb"]))
    print(log[-1], flush=True)

    results["latency"] = latency(files, args.latency_files, log)
    print("\n".join(log[-4:]), flush=True)
    print("outputs: %s" % out)
    if args.json:
        args.json.write_text(json.dumps({"log": log, **results}, indent=2) + "\n")
    crashes = results["flake8"]["internal_errors"] + results["cli_internal_errors"] + results.get("pylint_internal_errors", 0)
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
