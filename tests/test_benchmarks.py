"""The benchmarks' own check, on a small size: consultaid and rule-engine fire the same rules.

No timings here (benchmarks are scripts: `make bench`); this proves that the translation the engine benchmark
times rule-engine on means the same as the rulebook (rule-engine is one of the test tools).
"""

from __future__ import annotations

import sys

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import engine as engine_benchmark
import synthetic


def test_consultaid_and_rule_engine_fire_the_same_rules(tmp_path):
    checked = engine_benchmark.check_translation(50, answer_sets=20, folder=tmp_path / "rules")
    assert checked["answer_sets"] == 20
    assert checked["fired"] > 0, "the answers should fire some rules, or the check proves nothing"


def test_random_people_give_valid_complete_answers(tmp_path):
    from consultaid import load_rulebook

    book = load_rulebook(synthetic.write_synthetic(tmp_path / "rules", 150, seed=3))
    for answers in engine_benchmark.people(book, 10, seed=3):  # validated, complete=True
        assert book.is_asked("goal", answers.sets) and "goal" in answers


def test_the_web_load_test_runs_in_its_short_mode() -> None:
    """benchmarks/web.py --quick walks the wizard with a few simulated people: no errors (no timings here).
    Two people for six seconds: on a loaded machine ten people for two seconds finished no walk at all."""
    import json
    import subprocess

    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "web.py"),
            "--quick",
            "--people",
            "2",
            "--duration",
            "6",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["errors"] == 0
    assert figures["requests"] > 0 and figures["walks_completed"] > 0
