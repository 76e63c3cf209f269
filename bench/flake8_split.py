"""Where the flake8 plugin's overhead goes: flake8 with or without the plugin, each worker timing
the plugin's own `run()` and the cycle collector, so that a side-by-side difference can be split
into the plugin's work, the collector's extra passes and the rest.

    python3 bench/flake8_split.py with -j 2 bench/corpus/src/*
    python3 bench/flake8_split.py without -j 2 bench/corpus/src/*

flake8's other arguments follow the first one (`--isolated --exit-zero` are added). Each process
prints one line to stderr when it ends: its CPU time, the plugin's share, the collector's share."""
import gc
import multiprocessing.util
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


class Spent:
    """CPU seconds one process spent in the plugin's run() and in the collector."""

    plugin = collector = full = 0.0


def main() -> None:
    mode, flake8_args = sys.argv[1], sys.argv[2:]
    if mode not in ("with", "without"):
        raise SystemExit("usage: flake8_split.py with|without FLAKE8-ARGS...")
    if mode == "without":
        sys.path.insert(0, HERE)
        import flake8_without_ms_lint  # noqa: F401 - removes the plugin from flake8's list

    from flake8.main.cli import main as flake8

    from ms_lint import flake8_plugin

    spent = Spent()
    started = [0.0]
    plugin_run = flake8_plugin.Plugin.run

    def timed_run(self):
        start = time.process_time()
        found = list(plugin_run(self))
        spent.plugin += time.process_time() - start
        return iter(found)

    def collector(phase, info):
        if phase == "start":
            started[0] = time.process_time()
            return
        took = time.process_time() - started[0]
        spent.collector += took
        if info["generation"] == 2:
            spent.full += took

    def report():
        print(
            "%s process %d: %.2f s CPU, plugin %.2f s, collector %.2f s (full collections %.2f s)"
            % (mode, os.getpid(), time.process_time(), spent.plugin, spent.collector, spent.full),
            file=sys.stderr,
        )

    flake8_plugin.Plugin.run = timed_run
    gc.callbacks.append(collector)
    # A pool worker leaves through os._exit, so atexit never runs there; multiprocessing runs the
    # finalizers a worker registers after its fork (the parent's are dropped at the fork).
    multiprocessing.util.register_after_fork(spent, lambda _: multiprocessing.util.Finalize(None, report, exitpriority=0))
    sys.argv = ["flake8", "--isolated", "--exit-zero", *flake8_args]
    try:
        flake8()
    finally:
        if multiprocessing.current_process().name == "MainProcess":
            report()


if __name__ == "__main__":
    main()
