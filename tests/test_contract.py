"""The rule contract as data: contracts.yaml is the one place its ids are written, contract 2 keeps all of
contract 1, and a mistake in the data file is named rather than half-read."""

from __future__ import annotations

from typing import get_args

import pytest

from consultaid.rulebook import contract
from consultaid.rulebook.model import RulebookInfo


def test_the_contracts_a_rulebook_may_declare_are_the_ones_in_the_data_file():
    declared = RulebookInfo.model_fields["contract"].annotation
    literal = next(a for a in get_args(declared) if a is not type(None))
    assert set(get_args(literal)) == set(contract.names()) == {"consultaid-1", "consultaid-2"}


def test_contract_2_keeps_every_id_of_contract_1_and_adds_its_own():
    one, two = contract.get("consultaid-1"), contract.get("consultaid-2")
    for qid, (kind, options) in one.questions.items():
        assert two.questions[qid][0] == kind
        assert set(options) <= set(two.questions[qid][1])
    assert set(one.procedures) <= set(two.procedures)
    assert one.cautions.items() <= two.cautions.items()
    assert two.referral_caution == one.referral_caution == "counselling-referral"
    # What the contract's section "Contract 2" adds, spot by spot.
    assert "ongoing" in two.questions["previous"][1] and "ongoing" not in one.questions["previous"][1]
    assert two.questions["health"] == ("multiple", two.questions["health"][1])
    assert {"mental-health", "none-of-these", "prefer-not-to-say"} <= set(two.questions["health"][1])
    assert two.questions["turned-down"] == ("single", ("yes", "no"))
    assert two.questions["abroad"] == ("single", ("yes", "not-sure", "no"))
    assert {"lips", "ears", "arms", "genitals"} <= set(two.questions["area"][1])
    assert {"labia-size", "breast-implant-problem", "skin-cancer-repair"} <= set(two.questions["concern"][1])
    assert {"otoplasty", "thigh-lift", "fat-freezing", "scar-therapy", "hand-therapy"} <= set(two.procedures)
    assert two.cautions["young-person"] == "info" and two.cautions["treatment-abroad"] == "warning"
    assert len(two.procedures) == 33 and len(two.cautions) == 17


def test_an_unknown_contract_is_a_clear_error():
    with pytest.raises(ValueError, match=r"unknown contract 'consultaid-9'.*consultaid-1, consultaid-2"):
        contract.get("consultaid-9")


@pytest.fixture
def data_file(tmp_path, monkeypatch):
    """Point the module at a data file of the test's own, and forget what it had read."""
    path = tmp_path / "contracts.yaml"
    monkeypatch.setattr(contract, "DATA", path)
    contract._raw.cache_clear()
    contract._build.cache_clear()
    yield path
    contract._raw.cache_clear()
    contract._build.cache_clear()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("nothing: here\n", "expected a mapping 'contracts'"),
        (
            "contracts:\n  a: {referral_caution: x, questions: {q: {kind: some, options: [o]}},"
            " procedures: [], cautions: {}}\n",
            r"a\.questions\.q\.kind must be single or multiple",
        ),
        (
            "contracts:\n  a: {referral_caution: x, questions: {}, procedures: [p, p], cautions: {}}\n",
            "a.procedures lists an id twice",
        ),
        (
            "contracts:\n  a: {referral_caution: x, questions: {}, procedures: [], cautions: {c: loud}}\n",
            "a.cautions.c must be info, warning or critical",
        ),
        (
            "contracts:\n  a: {referral_caution: x, questions: {q: {kind: single, options: [o]}},"
            " procedures: [], cautions: {}}\n  b: {extends: a, adds: {options: {z: [o2]}}}\n",
            "b.adds.options names 'z', not a question of a",
        ),
    ],
)
def test_a_mistake_in_the_data_file_is_named(data_file, text, message):
    data_file.write_text(text)
    with pytest.raises(contract.ContractDataError, match=message):
        for name in contract.names():
            contract.get(name)
