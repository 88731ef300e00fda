"""The command line: `-` for standard output, errors in file order."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

CONSULTAID = Path(sys.executable).with_name("consultaid")
ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CONSULTAID), *args], capture_output=True, text=True, cwd=cwd, timeout=60)


def test_export_to_standard_output_with_a_dash(tmp_path):
    answers = str(ROOT / "examples" / "nose-and-chin.yaml")
    out = run("export", "--answers", answers, "--output", "-", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("#") and "Options worth discussing" in out.stdout
    assert not (tmp_path / "-").exists() and list(tmp_path.iterdir()) == []
    as_json = run("export", "--answers", answers, "--output", "-", "--format", "json", cwd=tmp_path)
    assert as_json.returncode == 0 and as_json.stdout.lstrip().startswith("{")


def test_errors_come_in_file_order(tmp_path):
    (tmp_path / "a.yaml").write_text("concern: [chin-weak]\ngoal: looks\narea: [nose]\nnope: 1\n")
    out = run("suggest", "--answers", "a.yaml", cwd=tmp_path)
    assert out.returncode == 2
    places = [tuple(map(int, m)) for m in re.findall(r"^a\.yaml:(\d+):(\d+): error", out.stderr, re.M)]
    assert len(places) >= 3, out.stderr
    assert places == sorted(places), out.stderr


def test_a_wizard_option_before_a_command_is_refused_not_dropped(tmp_path):
    """`consultaid --rules DIR suggest ...` gave the default rulebook's suggestions without a word that DIR
    was not used (the option belongs to the wizard); now it is a usage error naming where the option goes."""
    answers = str(ROOT / "examples" / "nose-and-chin.yaml")
    out = run("--rules", str(tmp_path / "no-such-rules"), "suggest", "--answers", answers, cwd=tmp_path)
    assert out.returncode == 2 and out.stdout == "", out.stdout
    assert "--rules before 'suggest' is an option of the wizard" in out.stderr
    assert "put it after 'suggest'" in out.stderr and "Traceback" not in out.stderr
    for option in (["--counsellor"], ["--theme", "nord"], ["--plain"], ["--resume", "s.json"]):
        out = run(*option, "export", "--answers", answers, "--output", "-", cwd=tmp_path)
        assert out.returncode == 2 and f"{option[0]} before 'export'" in out.stderr, out.stderr
    given_after = run("suggest", "--rules", str(ROOT / "rules"), "--answers", answers, cwd=tmp_path)
    assert given_after.returncode == 0, given_after.stderr
