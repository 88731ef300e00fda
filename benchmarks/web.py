"""A bounded load test of the web wizard on the loopback address: many people walking the wizard at once.

Starts ``consultaid web`` (or, with ``--workers N``, uvicorn with N workers of the same app) on a free
loopback port, then for ``--duration`` seconds lets ``--people`` simulated people walk it with asyncio and
httpx: the start page, every question (a random offered choice, read from the page as a browser would), the
results, the readiness check and a Markdown download, then again from the start. Each waits ``--think``
seconds between pages (a person reading; 0 for a saturation test). Prints requests per second, the median
and 99th-percentile latency, and errors (any status but 200, or a failed request).

    python benchmarks/web.py                       # 200 people for 30 s, 1 s between pages
    python benchmarks/web.py --quick               # a smoke test: 10 people for 3 s (on until a walk ends)
    python benchmarks/web.py --think 0 --people 50 # as fast as it goes
    python benchmarks/web.py --json                # one JSON object

Goal (issue 14): no errors, p99 under 100 ms, on a 2-core machine. The load generator shares the machine
with the server, so the figures are a floor on what the server alone would do.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import json
import os
import random
import re
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import httpx

HIDDEN = re.compile(r'<input type="hidden" name="([^"]*)" value="([^"]*)">')
CHOICE = re.compile(r'<input type="(radio|checkbox)" id="[^"]*" name="choice" value="([^"]*)"')
FORM = {"content-type": "application/x-www-form-urlencoded"}


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    walks: int = 0


ADDRESS = re.compile(rb"on (http://127\.0\.0\.1:\d+)/")
"""The address `consultaid web` prints once it is listening."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(workers: int, log: BinaryIO, timeout: float = 60.0) -> tuple[subprocess.Popen[bytes], str]:
    """Start the web wizard on a free loopback port, its output to ``log``; return it and its address once
    it answers. Raises RuntimeError if it stops or does not answer within ``timeout`` seconds.

    One worker: ``consultaid web --port 0`` takes a free port itself and prints it, so no other program (a
    test run beside this one, an outgoing connection) can take the port between its choice and its use, and
    nothing else can answer in its place. Several workers (uvicorn's own command line): a port found free a
    moment before, which that race can make busy (only ever for a benchmark run by hand).
    """
    if workers <= 1:
        command = [sys.executable, "-m", "consultaid", "web", "--host", "127.0.0.1", "--port", "0"]
        base = None
    else:
        port = free_port()
        command = [
            sys.executable, "-m", "uvicorn", "--factory", "consultaid.web.app:create_app",
            "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
            "--no-access-log", "--no-server-header", "--log-level", "warning",
        ]  # fmt: skip
        base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped: {Path(log.name).read_text(errors='replace')}")
        if base is None:
            printed = ADDRESS.search(Path(log.name).read_bytes())
            if printed is None:
                time.sleep(0.1)
                continue
            base = printed.group(1).decode()
        try:
            if httpx.get(f"{base}/healthz", timeout=5).status_code == 200:
                return process, base
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    process.wait()
    raise RuntimeError(f"the server did not answer within {timeout:g} s: {Path(log.name).read_text()}")


def processor_seconds(pid: int) -> float | None:
    """User + system processor time of a process and its children (uvicorn's workers), from /proc (None
    where there is no /proc). On a shared machine the wall-clock figures carry everyone's load; this less."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    try:
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # the process ended meanwhile
            if int(stat.parent.name) == pid or int(fields[1]) == pid:  # fields[1]: the parent's id
                total += (int(fields[11]) + int(fields[12])) / tick
    except OSError:
        return None
    return total if Path(f"/proc/{pid}").exists() else None


def read_form(text: str) -> tuple[list[tuple[str, str]], str, list[str]]:
    """The hidden fields, the kind of choice (radio or checkbox, '' for none) and the offered options."""
    hidden = [(html.unescape(n), html.unescape(v)) for n, v in HIDDEN.findall(text)]
    choices = CHOICE.findall(text)
    kind = choices[0][0] if choices else ""
    return hidden, kind, [html.unescape(v) for _, v in choices]


async def person(
    client: httpx.AsyncClient, tally: Tally, going: Callable[[], bool], think: float, rng: random.Random
) -> None:
    async def request(method: str, url: str, data: list[tuple[str, str]] | None = None) -> str | None:
        if think:
            await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))
        began = time.perf_counter()
        try:
            if method == "GET":
                response = await client.get(url)
            else:
                response = await client.post(
                    url, content=httpx.QueryParams(data or []).__str__(), headers=FORM
                )
        except httpx.HTTPError as exc:
            tally.errors.append(f"{url}: {type(exc).__name__}")
            return None
        tally.latencies.append(time.perf_counter() - began)
        if response.status_code != 200:
            tally.errors.append(f"{url}: status {response.status_code}")
            return None
        return response.text

    while going():
        page = await request("GET", "/")
        if page is None:
            continue
        hidden, _, _ = read_form(page)
        page = await request("POST", "/step", hidden + [("go", "start")])
        for _ in range(40):  # the questions; a walk has about 15
            if page is None or not going():
                break
            hidden, kind, offered = read_form(page)
            if not kind:  # the results
                break
            if kind == "radio":
                chosen = [rng.choice(offered)]
            else:
                chosen = rng.sample(offered, k=min(len(offered), rng.choice((1, 1, 2))))
            page = await request("POST", "/step", hidden + [("choice", c) for c in chosen] + [("go", "next")])
        if page is None or not going():
            continue
        hidden, _, _ = read_form(page)
        # the readiness check, one question per page, then back to the results, and a download
        page = await request("POST", "/step", hidden + [("go", "readiness")])
        while page is not None and going():
            hidden, kind, offered = read_form(page)
            if not kind:
                break
            page = await request("POST", "/step", hidden + [("choice", rng.choice(offered)), ("go", "next")])
        if page is None or not going():
            continue
        hidden, _, _ = read_form(page)
        if await request("POST", "/download", hidden + [("fmt", "markdown")]) is not None:
            tally.walks += 1


async def load(
    base: str, people: int, duration: float, think: float, seed: int, min_walks: int = 0
) -> tuple[Tally, float]:
    """Walk for ``duration`` seconds, and on past it (for at most a minute more) until ``min_walks`` walks
    are complete, so that a smoke test on a busy machine still walks to the end rather than timing out."""
    tally = Tally()
    began = time.monotonic()
    stop, last = began + duration, began + duration + 60

    def going() -> bool:
        now = time.monotonic()
        return now < stop or (tally.walks < min_walks and now < last)

    tls = ssl.create_default_context()  # never used (plain HTTP), but each client would load its own

    async def browser(rng: random.Random) -> None:
        # each person has a browser of their own (its own connection), as people do; one client shared by
        # 200 people made the load generator's connection pool look through every connection for each
        # request, which cost it more processor time than the server spent answering
        async with httpx.AsyncClient(base_url=base, timeout=30, verify=tls) as client:
            await person(client, tally, going, think, rng)

    await asyncio.gather(*(browser(random.Random(seed + i)) for i in range(people)))
    elapsed = time.monotonic() - began
    return tally, elapsed


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def goal_met(figures: dict[str, Any]) -> bool:
    """Issue 14's goal: no errors and a 99th percentile under 100 ms."""
    p99 = figures.get("p99_ms")
    return figures["errors"] == 0 and figures["requests"] > 0 and p99 is not None and p99 < 100


def table(figures: dict[str, Any]) -> str:
    """The figures as lines of text (also for benchmarks/run.py)."""
    return "\n".join(
        [
            f"Web wizard: {figures['people']} people for {figures['duration_s']} s, {figures['think_s']:g} s "
            f"between pages, {figures['workers']} worker(s), {figures['cores']} cores",
            f"  requests      {figures['requests']} ({figures['requests_per_s']} per second)",
            f"  latency       median {figures['median_ms']} ms, p99 {figures['p99_ms']} ms, "
            f"max {figures['max_ms']} ms",
            f"  processor     server {figures['server_cpu_ms']} ms a request, the load generator "
            f"{figures['client_cpu_ms']} ms (it shares the machine)",
            f"  walks         {figures['walks_completed']} completed (start to downloaded summary)",
            f"  errors        {figures['errors']}",
            f"  goal (no errors, p99 under 100 ms): {'met' if goal_met(figures) else 'NOT met'}",
        ]
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200, help="people walking at once (default 200)")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load (default 30)")
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between pages (default 1)")
    parser.add_argument("--workers", type=int, default=1, help="server processes (default 1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a smoke test: 10 people for 3 s (and on until one walk is complete), 20 ms between pages",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if args.quick:
        args.people, args.duration, args.think = min(args.people, 10), min(args.duration, 3.0), 0.02

    with tempfile.NamedTemporaryFile(prefix="consultaid-web-", suffix=".log") as log:
        try:
            server, base = start_server(args.workers, log)
        except RuntimeError as exc:
            sys.exit(str(exc))
    server_before, client_before = processor_seconds(server.pid), time.process_time()
    try:
        tally, elapsed = asyncio.run(
            load(
                base,
                args.people,
                args.duration,
                args.think,
                args.seed,
                min_walks=1 if args.quick else 0,
            )
        )
        server_after, client_after = processor_seconds(server.pid), time.process_time()
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    lat = tally.latencies
    figures = {
        "people": args.people,
        "duration_s": round(elapsed, 1),
        "think_s": args.think,
        "workers": args.workers,
        "cores": os.cpu_count(),
        "requests": len(lat),
        "requests_per_s": round(len(lat) / elapsed, 1) if elapsed else 0.0,
        "median_ms": round(statistics.median(lat) * 1000, 1) if lat else None,
        "p99_ms": round(percentile(lat, 99) * 1000, 1) if lat else None,
        "max_ms": round(max(lat) * 1000, 1) if lat else None,
        "errors": len(tally.errors),
        "walks_completed": tally.walks,
        # processor time per request: the server's (all its processes), and the load generator's own
        "server_cpu_ms": (
            round((server_after - server_before) * 1000 / len(lat), 2)
            if lat and server_after is not None and server_before is not None
            else None
        ),
        "client_cpu_ms": round((client_after - client_before) * 1000 / len(lat), 2) if lat else None,
        "load_average": [round(v, 2) for v in os.getloadavg()] if hasattr(os, "getloadavg") else None,
    }
    if args.json:
        print(json.dumps(figures))
    else:
        print(table(figures))
        for error in sorted(set(tally.errors))[:10]:
            print(f"    {error}")
    if not lat:
        sys.exit(1)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
