"""The command line, whole process: ``consultaid suggest`` on an example against ``python -c pass``.

    python benchmarks/cli.py [--runs 21] [--json]

Each run starts a fresh process and waits for it to end (imports, loading the default rulebook, reading the
answers, evaluating, printing: everything a person waits for). The baseline is the same Python starting and
doing nothing; the two alternate run by run, so load from others on a shared machine falls on both alike.
Reported: medians, quartiles, the ratio of the medians, and the processor time (user + system) of each,
which varies less than the wall-clock time on a busy machine. ``explain`` and ``export`` (to standard output)
are timed the same way.

Byte-code caches are allowed, as for an installed app. The default rulebook comes prebuilt with the package
(src/consultaid/rulebook/prebuilt.py): ``suggest_prebuilt`` says whether this install's prebuilt form is up
to date (an editable install's goes stale when rules/ or the code changes; ``make bench`` refreshes it first).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import script_main, spread

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "nose-and-chin.yaml"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # byte-code caches allowed, as for an installed app
    return env


def consultaid() -> list[str]:
    installed = Path(sys.executable).with_name("consultaid")
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "consultaid"]


def run_once(command: list[str]) -> tuple[float, float]:
    """(wall seconds, processor seconds) of one run of ``command`` to its end."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env())
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        again = subprocess.run(command, capture_output=True, text=True, env=_env())
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{again.stderr}")
    return wall, usage.ru_utime + usage.ru_stime


def alternate(
    commands: dict[str, list[str]], runs: int, warmup: int = 2
) -> dict[str, list[tuple[float, float]]]:
    for _ in range(warmup):  # byte-code caches, the page cache
        for command in commands.values():
            run_once(command)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for i in range(runs):
        names = list(commands) if i % 2 == 0 else list(reversed(commands))
        for name in names:
            times[name].append(run_once(commands[name]))
    return times


def prebuilt_in_use() -> bool:
    """Whether this install's prebuilt default rulebook is up to date (else the YAML is read each run)."""
    code = (
        "from consultaid.rulebook import prebuilt\nfrom consultaid.rulebook.load import default_rules_dir\n"
        "print(prebuilt.load_default(default_rules_dir()) is not None)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=_env())
    return out.stdout.strip() == "True"


def measure(runs: int = 21) -> dict[str, object]:
    app = consultaid()
    answers = str(EXAMPLE)
    commands = {
        "pass": [sys.executable, "-c", "pass"],
        "suggest": [*app, "suggest", "--answers", answers],
        "suggest_json": [*app, "suggest", "--answers", answers, "--format", "json"],
        "explain": [*app, "explain", "--answers", answers],
        "export": [*app, "export", "--answers", answers, "--output", "-"],
    }
    times = alternate(commands, runs)
    wall = {name: [w for w, _ in ts] for name, ts in times.items()}
    cpu = {name: [c for _, c in ts] for name, ts in times.items()}
    median = {name: statistics.median(ws) for name, ws in wall.items()}
    out: dict[str, object] = {
        "cli_runs": runs,
        "cli_example": EXAMPLE.name,
        "suggest_prebuilt": prebuilt_in_use(),
        "pass_ms": round(median["pass"] * 1000, 1),
        "pass_iqr_ms": [round(v * 1000, 1) for v in spread(wall["pass"])],
        "pass_cpu_ms": round(statistics.median(cpu["pass"]) * 1000, 1),
    }
    for name in ("suggest", "suggest_json", "explain", "export"):
        out[f"{name}_ms"] = round(median[name] * 1000, 1)
        out[f"{name}_iqr_ms"] = [round(v * 1000, 1) for v in spread(wall[name])]
        out[f"{name}_cpu_ms"] = round(statistics.median(cpu[name]) * 1000, 1)
        out[f"{name}_ratio"] = round(median[name] / median["pass"], 2)
    return out


def table(r: dict[str, object]) -> str:
    lines = [
        f"Command line, whole process (median of {r['cli_runs']} alternating runs each; answers "
        f"examples/{r['cli_example']}; default rulebook prebuilt: "
        f"{'yes' if r['suggest_prebuilt'] else 'NO, it is stale: make prebuilt'})",
        f"  {'':<34}  {'wall':>9}  {'IQR':>15}  {'processor':>9}  {'ratio':>6}",
        f"  {'python -c pass':<34}  {r['pass_ms']:>6.0f} ms  "
        f"{r['pass_iqr_ms'][0]:>5.0f}-{r['pass_iqr_ms'][1]:.0f} ms  {r['pass_cpu_ms']:>6.0f} ms",  # type: ignore[index]
    ]
    for name, label in (
        ("suggest", "consultaid suggest (goal <= 150 ms)"),
        ("suggest_json", "consultaid suggest --format json"),
        ("explain", "consultaid explain"),
        ("export", "consultaid export --output -"),
    ):
        lo, hi = r[f"{name}_iqr_ms"]  # type: ignore[misc]
        lines.append(
            f"  {label:<34}  {r[f'{name}_ms']:>6.0f} ms  {lo:>5.0f}-{hi:.0f} ms  "
            f"{r[f'{name}_cpu_ms']:>6.0f} ms  {r[f'{name}_ratio']:>5.1f}x"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, object]:
    return script_main(__doc__ or "", measure, table, runs=21, argv=argv)


if __name__ == "__main__":
    main()
