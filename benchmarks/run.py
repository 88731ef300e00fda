"""Every benchmark in one run: start-up (benchmarks/startup.py), the command line's whole process
(benchmarks/cli.py), evaluation, loading and lint (benchmarks/engine.py), then the web wizard under load
(benchmarks/web.py, its figures under ``web_`` keys), each in its own process; prints the tables, or with
``--json`` one merged JSON object.

    python benchmarks/run.py [--json] [--quick]        # what `make bench` runs
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def machine() -> dict[str, object]:
    """What the figures were measured on (for the README's Performance section)."""
    import os

    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": model or platform.processor(),
        "python": platform.python_version(),
    }


def load_average() -> list[float] | None:
    """The machine's load average over 1, 5 and 15 minutes (others' work shows in every figure)."""
    import os

    try:
        return [round(v, 2) for v in os.getloadavg()]
    except OSError:
        return None


def run(script: str, *args: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, str(HERE / script), "--json", *args], capture_output=True, text=True
    )
    if out.returncode != 0:
        sys.exit(f"{script} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one merged JSON object instead of tables")
    parser.add_argument("--quick", action="store_true", help="fewer runs and samples (a rough figure)")
    args = parser.parse_args(argv)
    start_load = load_average()
    startup_figures = run("startup.py", *(["--runs", "7"] if args.quick else []))
    cli_figures = run("cli.py", *(["--runs", "7"] if args.quick else []))
    engine_figures = run("engine.py", *(["--quick"] if args.quick else []))
    web_figures = run("web.py", *(["--quick"] if args.quick else []))
    merged = {
        **machine(),
        "load_average": start_load,
        "load_average_end": load_average(),
        **startup_figures,
        **cli_figures,
        **engine_figures,
        **{f"web_{k}": v for k, v in web_figures.items()},
    }
    if args.json:
        print(json.dumps(merged))
        return
    import cli
    import engine
    import startup
    import web

    m = machine()
    print(f"Machine: {m['nproc']} CPUs, {m['cpu']}, Python {m['python']}")
    loads = f"{merged['load_average']} at the start, {merged['load_average_end']} at the end"
    print(f"Load average (1, 5, 15 min): {loads}\n")
    print(startup.table(startup_figures))
    print()
    print(cli.table(cli_figures))
    print()
    print(engine.table(engine_figures))
    print()
    print(web.table(web_figures))


if __name__ == "__main__":
    main()
