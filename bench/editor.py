"""Editor numbers: start-up of each front-end an editor spawns per file, and `ms-lint server`'s
latency from didChange to publishDiagnostics on corpus files up to 1,000 lines.

`python bench/editor.py [--corpus DIR] [--files N] [--starts N]`; the corpus is bench/corpus.py's
(its src/ directory). Start-up times are CPU medians of N runs on a one-line file that does not
mention MindSpore and on a small MindSpore file; latency is wall time in a warm server.
"""
from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Sequence

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from corpus import DEFAULT_DIR  # noqa: E402
from lsp_client import LanguageServer  # noqa: E402

PLAIN = "x = 1\n"
MINDSPORE = "import mindspore.nn as nn\n\n\nclass Net(nn.Cell):\n    def __init__(self):\n        super().__init__()\n        self.drop = nn.Dropout(0.1)\n"


def median_start(command: Sequence[str], runs: int) -> float:
    """The median CPU time (user + system) of a command, in ms: on a shared machine it moves far less than wall time."""
    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(list(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1e3)
    return statistics.median(times)


def start_ups(runs: int) -> Dict[str, float]:
    """flake8 with and without the plugin, and the CLI, on a plain and a MindSpore file."""
    found: Dict[str, float] = {}
    with tempfile.TemporaryDirectory() as directory:
        for name, text in (("plain", PLAIN), ("mindspore", MINDSPORE)):
            path = Path(directory) / ("%s.py" % name)
            path.write_text(text)
            found["flake8 %s" % name] = median_start([sys.executable, "-m", "flake8", "--isolated", "--exit-zero", str(path)], runs)
            without = [sys.executable, str(HERE / "flake8_without_ms_lint.py"), "--isolated", "--exit-zero", str(path)]
            found["flake8 without ms-lint %s" % name] = median_start(without, runs)
            found["ms-lint %s" % name] = median_start([sys.executable, "-m", "ms_lint.cli", "--isolated", "--no-cache", "--exit-zero", str(path)], runs)
        found["python -c pass"] = median_start([sys.executable, "-c", "pass"], runs)
    return found


def corpus_files(corpus: Path, count: int) -> List[Path]:
    """Up to `count` files of at most 1,000 lines that mention MindSpore, sampled with a fixed seed."""
    candidates = []
    for path in sorted((corpus / "src").rglob("*.py")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if "mindspore" in text and text.count("\n") <= 1000:
            candidates.append(path)
    random.Random(19).shuffle(candidates)
    return candidates[:count]


def lsp_latency(files: Sequence[Path]) -> List[float]:
    """For each file: open it, then time one didChange (a line appended) until its diagnostics arrive, in ms."""
    latencies = []
    with tempfile.TemporaryDirectory() as directory:
        server = LanguageServer([sys.executable, "-m", "ms_lint.cli", "server"], Path(directory))
        try:
            server.initialize(Path(directory))
            for number, path in enumerate(files):
                uri = path.as_uri()
                text = path.read_text(encoding="utf-8", errors="replace")
                server.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}})
                server.diagnostics(uri, 1)
                start = time.perf_counter()
                change = {"text": text + "\nedited = %d\n" % number}
                server.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [change]})
                server.diagnostics(uri, 2)
                latencies.append((time.perf_counter() - start) * 1e3)
                server.send("textDocument/didClose", {"textDocument": {"uri": uri}})
        finally:
            server.close()
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_DIR, help="corpus directory, holding src/ (default: bench/corpus)")
    parser.add_argument("--files", type=int, default=300, help="corpus files for the server latency (default: 300)")
    parser.add_argument("--starts", type=int, default=15, help="runs of each start-up command; the median counts (default: 15)")
    args = parser.parse_args()
    for name, value in start_ups(args.starts).items():
        print("start-up  %-32s %6.0f ms CPU" % (name, value))
    latencies = sorted(lsp_latency(corpus_files(args.corpus, args.files)))
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print("server    didChange -> publishDiagnostics, %d files: p50 %.1f ms, p95 %.1f ms, max %.1f ms"
          % (len(latencies), statistics.median(latencies), p95, latencies[-1]))


if __name__ == "__main__":
    main()
