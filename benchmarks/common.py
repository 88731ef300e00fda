"""What the benchmark scripts share: the spread of a sample, and a command line printing a table or JSON."""

from __future__ import annotations

import argparse
import json
import statistics
from collections.abc import Callable
from typing import Any


def spread(values: list[float]) -> tuple[float, float]:
    """The interquartile range (25th, 75th percentile)."""
    if len(values) < 2:
        return values[0], values[0]
    q = statistics.quantiles(values, n=4)
    return q[0], q[2]


def script_main(
    doc: str,
    measure: Callable[[int], dict[str, Any]],
    table: Callable[[dict[str, Any]], str],
    *,
    runs: int,
    argv: list[str] | None = None,
) -> dict[str, Any]:
    """``--runs N`` and ``--json``: measure, then print the table (or one JSON object, for run.py)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--runs", type=int, default=runs, help=f"runs of each program (default {runs})")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = parser.parse_args(argv)
    result = measure(args.runs)
    print(json.dumps(result) if args.json else table(result))
    return result
