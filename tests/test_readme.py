"""The README's command line synopsis lists every command, argument and option the installed `consultaid`
offers, read from its own --help (a person without `consultaid` on PATH starts from the README); and `make
run ARGS=...` passes the options through to the app."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

CONSULTAID = Path(sys.executable).with_name("consultaid")
ROOT = Path(__file__).resolve().parents[1]


def helps(*path: str) -> str:
    done = subprocess.run([str(CONSULTAID), *path, "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def commands(*path: str) -> list[tuple[str, ...]]:
    """Every command path of the installed command line, the wizard itself (()) first."""
    found = [path]
    text = helps(*path)
    if "\nCommands:\n" in text:
        for line in text.split("\nCommands:\n", 1)[1].splitlines():
            if re.match(r"  [a-z]", line):
                found += commands(*path, line.split()[0])
    return found


def offered(path: tuple[str, ...]) -> list[str]:
    """The options and the arguments (as 'DIR') of one command, as its --help lists them."""
    text = helps(*path)
    usage = text.splitlines()[0]
    arguments = [
        a for a in re.findall(r"([A-Z]{2,})", usage.split("[OPTIONS]", 1)[-1]) if a not in ("COMMAND", "ARGS")
    ]
    options = text.split("\nOptions:\n", 1)[1].split("\nCommands:\n", 1)[0]
    names = re.findall(r"^  (?:-\w, )?(--[a-z-]+)(?: / (--[a-z-]+))?", options, re.M)
    return [*arguments, *(name for pair in names for name in pair if name and name != "--help")]


def synopsis() -> list[str]:
    """The lines of the README's command line block."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## The command line\n", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.startswith("consultaid")]


@pytest.mark.parametrize("path", commands(), ids=lambda p: " ".join(p) or "consultaid")
def test_the_readme_synopsis_lists_every_option(path):
    lines = synopsis()
    if path:
        mine = [line for line in lines if line.split("#")[0].split()[1 : 1 + len(path)] == list(path)]
    else:  # the wizard's lines: no command after consultaid
        mine = [line for line in lines if line.split()[1].startswith(("[", "-"))]
    assert mine, f"no line for 'consultaid {' '.join(path)}' in the README's synopsis"
    said = " ".join(line.split("#")[0] for line in mine)
    missing = [
        name for name in offered(path) if not re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", said)
    ]
    assert not missing, f"consultaid {' '.join(path)}: the README does not list {missing}"


def test_the_readme_says_every_command_takes_help():
    assert any("--help" in line for line in synopsis())


def test_make_run_passes_args_to_the_app(tmp_path):
    done = subprocess.run(
        ["make", "-n", "run", f"VENV={tmp_path / 'venv'}", "ARGS=--counsellor --theme high-contrast"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    # the last command (make inside make, as in `make test`, adds its "Leaving directory" lines after it)
    start = [line for line in done.stdout.splitlines() if "bin/consultaid" in line and "echo" not in line][-1]
    assert start.endswith("bin/consultaid --counsellor --theme high-contrast"), done.stdout
