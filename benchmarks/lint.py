"""Benchmark: how long the rulebook lint takes on synthetic rulebooks of 100, 1,000 and 10,000 rules.

    python benchmarks/lint.py [--repeat N] [--sizes 100,1000,10000]

Prints, for each size, the median of N runs of ``lint(rulebook)`` on an already loaded rulebook (the reasoning
that decides, exactly, whether each rule can fire, and the rest of the findings), and the median time to load
it, for scale. The synthetic rulebooks (benchmarks/synthetic.py) have no findings, so the times do not include
the slow round-trip YAML parse that places findings on lines (it runs only when there is something to report).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_synthetic

from consultaid import load_rulebook
from consultaid.rulebook.lint import lint


def median_seconds(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per size (default 5)")
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated rule counts")
    args = parser.parse_args()
    print(f"{'rules':>7}  {'lint (median)':>14}  {'load (median)':>14}  findings")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            folder = write_synthetic(Path(tmp) / str(size), size, seed=size)
            book = load_rulebook(folder)
            findings = lint(book)
            load = median_seconds(partial(load_rulebook, folder), max(1, args.repeat // 2))
            seconds = median_seconds(partial(lint, book), args.repeat)
            print(f"{len(book.rules):>7}  {seconds:>12.3f} s  {load:>12.3f} s  {len(findings)}")


if __name__ == "__main__":
    main()
