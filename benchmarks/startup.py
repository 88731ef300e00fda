"""Start-up: time from launch to the first painted screen of the installed ``consultaid``, in a real terminal.

Each run starts a fresh tmux session (100x30) running the program, then polls ``tmux capture-pane`` until a
text that exists only once the screen is painted appears. The baseline is a bare Textual app showing one line
(benchmarks/bare_app.py) run the same way; runs alternate between the two so that load from others on a shared
machine falls on both alike. Reported: medians, spread (quartiles) and the ratio consultaid / bare.

    python benchmarks/startup.py [--runs 15] [--json]

The time includes starting a tmux session and the polling (a few ms, the same for both); ``tmux_overhead_ms``
measures it with a shell ``printf`` so the ratio can be read net of it too. The processor time the program has
used when its screen is seen (user + system, from /proc, in 10 ms ticks) is reported as well: on a machine
shared with others it varies less than the wall-clock time. Byte-code caches are allowed, as for an installed
app.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

from common import script_main, spread

HERE = Path(__file__).resolve().parent
SOCKET = f"consultaid-bench-{os.getpid()}"
WIDTH, HEIGHT = 100, 30
POLL_S = 0.004

CONSULTAID_MARKER = "about cosmetic or plastic surgery"  # the welcome title, only there once painted
CONSULTAID_READY = "questions. Content:"  # the rulebook has loaded behind the welcome screen
BARE_MARKER = "first screen painted"


def _tmux(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=check)


def _screen(session: str) -> str:
    return _tmux("capture-pane", "-p", "-t", session, check=False).stdout


def _cpu_seconds(pid: int | None) -> float | None:
    """User + system processor time of a process so far, or None if it cannot be read."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def time_to_text(
    command: list[str],
    marker: str,
    *,
    then: str | None = None,
    timeout: float = 30.0,
    env: dict[str, str] | None = None,
) -> tuple[float, float | None, float | None]:
    """Seconds from launching ``command`` in a new tmux session until ``marker`` is on its screen.

    Returns (seconds, seconds until ``then`` appears if given, processor seconds the program had used when the
    marker was seen).
    """
    session = f"run-{uuid.uuid4().hex[:8]}"
    exports = [f"{k}={v}" for k, v in (env or {}).items()]
    start = time.perf_counter()
    # Byte-code caches are allowed (as for an installed app), whatever this shell says.
    _tmux(
        "new-session",
        "-d",
        "-s",
        session,
        "-x",
        str(WIDTH),
        "-y",
        str(HEIGHT),
        "env",
        "-u",
        "PYTHONDONTWRITEBYTECODE",
        *exports,
        *command,
    )
    shown = _tmux("display-message", "-p", "-t", session, "#{pane_pid}", check=False).stdout.strip()
    pid = int(shown) if shown.isdigit() else None  # env replaces itself with the program: the same process
    first: float | None = None
    second: float | None = None
    cpu: float | None = None
    try:
        end = start + timeout
        while time.perf_counter() < end:
            screen = _screen(session)
            now = time.perf_counter()
            if first is None and marker in screen:
                first = now - start
                cpu = _cpu_seconds(pid)
                if then is None:
                    break
            if then is not None and then in screen:
                second = now - start
                if first is None:
                    first, cpu = second, _cpu_seconds(pid)
                break
            time.sleep(POLL_S)
        if first is None:
            raise RuntimeError(f"{marker!r} never appeared; the screen shows:\n{_screen(session)}")
        return first, second, cpu
    finally:
        _tmux("kill-session", "-t", session, check=False)


def consultaid_command() -> list[str]:
    installed = Path(sys.executable).with_name("consultaid")
    if installed.exists():
        return [str(installed)]
    found = shutil.which("consultaid")
    if found:
        return [found]
    raise SystemExit("consultaid is not installed in this environment (make test or make bench installs it)")


def measure(runs: int = 15, warmup: int = 2) -> dict[str, object]:
    if shutil.which("tmux") is None:
        raise SystemExit("tmux is needed (make test installs it)")
    env = {"TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none"}
    app = consultaid_command()
    bare = [sys.executable, str(HERE / "bare_app.py")]
    # A session that keeps the tmux server up, so no run pays for starting it.
    _tmux("new-session", "-d", "-s", "keep", "-x", "20", "-y", "5", "sleep", "3600")
    try:
        for _ in range(warmup):  # byte-code caches, the page cache
            time_to_text(app, CONSULTAID_MARKER, env=env)
            time_to_text(bare, BARE_MARKER, env=env)
        app_s: list[float] = []
        ready_s: list[float] = []
        bare_s: list[float] = []
        shell_s: list[float] = []
        app_cpu: list[float] = []
        bare_cpu: list[float] = []
        for i in range(runs):
            order = ("app", "bare") if i % 2 == 0 else ("bare", "app")
            for which in order:
                if which == "app":
                    first, ready, cpu = time_to_text(app, CONSULTAID_MARKER, then=CONSULTAID_READY, env=env)
                    app_s.append(first)
                    if ready is not None:
                        ready_s.append(ready)
                    if cpu is not None:
                        app_cpu.append(cpu)
                else:
                    first, _, cpu = time_to_text(bare, BARE_MARKER, env=env)
                    bare_s.append(first)
                    if cpu is not None:
                        bare_cpu.append(cpu)
            shell_s.append(time_to_text(["sh", "-c", "printf 'shell ready\\n'; sleep 30"], "shell ready")[0])
    finally:
        socket = _tmux("display-message", "-p", "#{socket_path}", check=False).stdout.strip()
        _tmux("kill-server", check=False)
        if socket:
            Path(socket).unlink(missing_ok=True)

    app_med, bare_med = statistics.median(app_s), statistics.median(bare_s)
    overhead = statistics.median(shell_s)
    cpu_ratio = None
    if app_cpu and bare_cpu and statistics.median(bare_cpu) > 0:
        cpu_ratio = round(statistics.median(app_cpu) / statistics.median(bare_cpu), 3)
    return {
        "startup_runs": runs,
        "startup_consultaid_ms": round(app_med * 1000, 1),
        "startup_consultaid_iqr_ms": [round(v * 1000, 1) for v in spread(app_s)],
        "startup_bare_ms": round(bare_med * 1000, 1),
        "startup_bare_iqr_ms": [round(v * 1000, 1) for v in spread(bare_s)],
        "startup_ratio": round(app_med / bare_med, 3),
        # each consultaid run against the bare run next to it: steadier when the machine's load drifts
        "startup_ratio_paired": round(
            statistics.median(a / b for a, b in zip(app_s, bare_s, strict=True)), 3
        ),
        "startup_ready_ms": round(statistics.median(ready_s) * 1000, 1) if ready_s else None,
        "tmux_overhead_ms": round(overhead * 1000, 1),
        "startup_ratio_net": round((app_med - overhead) / (bare_med - overhead), 3),
        "startup_cpu_consultaid_ms": round(statistics.median(app_cpu) * 1000) if app_cpu else None,
        "startup_cpu_bare_ms": round(statistics.median(bare_cpu) * 1000) if bare_cpu else None,
        "startup_cpu_ratio": cpu_ratio,
    }


def table(r: dict[str, object]) -> str:
    lo, hi = r["startup_consultaid_iqr_ms"]  # type: ignore[misc]
    blo, bhi = r["startup_bare_iqr_ms"]  # type: ignore[misc]
    rows = [
        ("first paint, consultaid", f"{r['startup_consultaid_ms']:.0f} ms", f"IQR {lo:.0f}-{hi:.0f} ms"),
        ("first paint, bare Textual app", f"{r['startup_bare_ms']:.0f} ms", f"IQR {blo:.0f}-{bhi:.0f} ms"),
        (
            "ratio (goal <= 1.10)",
            f"{r['startup_ratio']:.3f}",
            f"net of tmux: {r['startup_ratio_net']:.3f}; "
            f"median of paired runs: {r['startup_ratio_paired']:.3f}",
        ),
        (
            "processor time at first paint",
            f"{r['startup_cpu_consultaid_ms']} ms" if r["startup_cpu_consultaid_ms"] else "-",
            f"bare {r['startup_cpu_bare_ms']} ms, ratio {r['startup_cpu_ratio']}",
        ),
        (
            "consultaid rulebook loaded",
            f"{r['startup_ready_ms']:.0f} ms" if r["startup_ready_ms"] else "-",
            "Start enabled",
        ),
        ("tmux + polling overhead", f"{r['tmux_overhead_ms']:.0f} ms", "a shell printf"),
    ]
    width = max(len(a) for a, _, _ in rows)
    lines = [f"Start-up, median of {r['startup_runs']} alternating runs each, {WIDTH}x{HEIGHT} tmux"]
    lines += [f"  {a:<{width}}  {b:>10}  {c}" for a, b, c in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, object]:
    return script_main(__doc__ or "", measure, table, runs=15, argv=argv)


if __name__ == "__main__":
    main()
