"""`make run` on a fresh clone: it installs the app alone (never the test tools), shows pip's progress, and
says what it is doing before each slow step (it was silent for about 20 seconds)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def planned(tmp_path: Path) -> list[str]:
    """The commands `make run` would run with no virtual environment yet (make -n: nothing is run)."""
    venv = tmp_path / "fresh-venv"
    done = subprocess.run(
        ["make", "-n", "run", f"VENV={venv}"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout.splitlines()


def test_make_run_installs_the_app_alone_with_progress(tmp_path):
    lines = planned(tmp_path)
    installs = [line for line in lines if " pip " in line and " install " in line]
    assert len(installs) == 1, lines
    install = installs[0]
    assert install.rstrip().endswith("-e ."), install  # the app's own dependencies, no [test] or [web]
    assert "--quiet" not in install and " -q" not in install, install
    assert "--progress-bar on" in install, install


def test_make_run_says_what_it_does_before_each_slow_step(tmp_path):
    lines = planned(tmp_path)
    venv = next(i for i, line in enumerate(lines) if " -m venv " in line)
    install = next(i for i, line in enumerate(lines) if " pip " in line and " install " in line)
    start = next(i for i, line in enumerate(lines) if line.rstrip().endswith("bin/consultaid"))
    for step in (venv, install, start):
        assert lines[step - 1].startswith("echo "), (step, lines)
    assert venv < install < start
