"""The benchmarks' own check, on a small size: consultaid and rule-engine fire the same rules.

No timings here (benchmarks are scripts: `make bench`); this proves that the translation the engine benchmark
times rule-engine on means the same as the rulebook. rule-engine is installed only by `make bench`, so without
it the test is skipped.
"""

from __future__ import annotations

import sys

import pytest

from .conftest import ROOT

pytest.importorskip("rule_engine", reason="rule-engine is installed by `make bench` only")
sys.path.insert(0, str(ROOT / "benchmarks"))

import engine as engine_benchmark  # noqa: E402
import synthetic  # noqa: E402


def test_consultaid_and_rule_engine_fire_the_same_rules(tmp_path):
    checked = engine_benchmark.check_translation(50, answer_sets=20, folder=tmp_path / "rules")
    assert checked["answer_sets"] == 20
    assert checked["fired"] > 0, "the answers should fire some rules, or the check proves nothing"


def test_the_synthetic_rulebook_loads_and_its_answers_are_complete(tmp_path):
    from consultaid import Answers, load_rulebook

    book = load_rulebook(synthetic.write_rulebook(tmp_path / "rules", 120, seed=3))
    assert len(book.rules) == 120 and len(book.questions) == 10
    Answers.validate(synthetic.complete_answers(seed=3), book)  # complete=True: every question answered
