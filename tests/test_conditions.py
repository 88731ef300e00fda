"""Compiled conditions and the answer index say what the conditions mean, for any condition and any answers.

Evaluation takes shortcuts (closures specialised by shape and shared between equal tests, an index from
answers to the rules they can fire, rules settled by the index alone): each is checked here against a plain
reading of the condition language.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from consultaid import Answers, evaluate
from consultaid.rulebook.book import Rulebook
from consultaid.rulebook.conditions import AtomMasks, Compiler, compile_condition, index_plan, triggers
from consultaid.rulebook.model import (
    AllOf,
    Always,
    AnswerTest,
    AnyOf,
    Caution,
    Condition,
    Not,
    Option,
    Question,
    Rule,
    RulebookInfo,
)

QUESTIONS = {"goal": ["a", "b", "c"], "area": ["nose", "chin", "ears", "eyes"], "age": ["young", "adult"]}
CONDITION = TypeAdapter(Condition)


def meaning(cond: object, answers: dict[str, frozenset[str]]) -> bool:
    """The condition language read plainly, as docs/rulebook.md states it."""
    if isinstance(cond, AnswerTest):
        return any(o in answers.get(cond.question, frozenset()) for o in cond.options)
    if isinstance(cond, AllOf):
        return all(meaning(c, answers) for c in cond.all)
    if isinstance(cond, AnyOf):
        return any(meaning(c, answers) for c in cond.any)
    if isinstance(cond, Not):
        return not meaning(cond.not_, answers)
    if isinstance(cond, Always):
        return True
    raise AssertionError(cond)


tests = st.sampled_from(sorted(QUESTIONS)).flatmap(
    lambda q: st.lists(st.sampled_from(QUESTIONS[q]), min_size=1, max_size=3, unique=True).map(
        lambda o: {q: o}
    )
)
conditions = st.recursive(
    tests | st.just({"always": True}),
    lambda inner: (
        st.lists(inner, min_size=1, max_size=4).map(lambda c: {"all": c})
        | st.lists(inner, min_size=1, max_size=4).map(lambda c: {"any": c})
        | inner.map(lambda c: {"not": c})
    ),
    max_leaves=8,
).map(CONDITION.validate_python)
answer_sets = st.fixed_dictionaries(
    {}, optional={q: st.frozensets(st.sampled_from(opts), min_size=1) for q, opts in QUESTIONS.items()}
)


def likelihood(question: str, k: int) -> float:
    return k / len(QUESTIONS[question])


def every_answer_set() -> list[dict[str, frozenset[str]]]:
    """All 512 ways of answering the three questions (each option chosen or not)."""
    atoms = [(q, o) for q, opts in QUESTIONS.items() for o in opts]
    out = []
    for bits in range(1 << len(atoms)):
        chosen: dict[str, set[str]] = {}
        for i, (q, o) in enumerate(atoms):
            if bits >> i & 1:
                chosen.setdefault(q, set()).add(o)
        out.append({q: frozenset(o) for q, o in chosen.items()})
    return out


EVERY_ANSWER_SET = every_answer_set()


@settings(max_examples=200, deadline=None)
@given(conditions)
def test_compiled_conditions_mean_what_they_say(cond):
    predicate = compile_condition(cond)
    for answers in EVERY_ANSWER_SET:
        assert predicate(answers, None) is meaning(cond, answers), answers


@settings(max_examples=200, deadline=None)
@given(st.lists(conditions, min_size=1, max_size=4))
def test_atom_mask_checks_mean_what_they_say(conds):
    masks = AtomMasks()
    one = masks.condition(conds[0])
    every = masks.all_of(conds)
    for answers in EVERY_ANSWER_SET:
        found = masks.of_answers(answers)
        assert bool(one(found)) is meaning(conds[0], answers), answers
        assert bool(every(found)) is all(meaning(c, answers) for c in conds), answers


@settings(max_examples=200, deadline=None)
@given(conditions)
def test_the_index_plan_is_sound(cond):
    plan = index_plan(cond, likelihood)
    if plan is None:
        return  # unbounded: such rules are always tried
    atoms, rest = plan
    assert triggers(cond, likelihood) == atoms
    for answers in EVERY_ANSWER_SET:
        present = {(q, o) for q, opts in answers.items() for o in opts}
        holds = meaning(cond, answers)
        if holds:
            assert atoms & present, (
                f"a condition that holds must be found through one of its atoms: {answers}"
            )
        if atoms & present and rest is not None:
            # found through an atom, what is left to check decides it
            assert holds == all(meaning(r, answers) for r in rest), answers


def test_equal_tests_share_one_closure():
    compiler = Compiler()
    one = compiler.condition(CONDITION.validate_python({"area": ["nose", "chin"]}))
    two = compiler.condition(CONDITION.validate_python({"all": [{"area": ["nose", "chin"]}]}))
    assert one is two


def _book(conds: list[object]) -> Rulebook:
    questions = tuple(
        Question(
            id=q, kind="multiple", text=f"{q}?", help="Choose.", options=[Option(id=o, label=o) for o in opts]
        )
        for q, opts in QUESTIONS.items()
    )
    return Rulebook(
        info=RulebookInfo(
            id="props",
            version="1",
            title="Properties",
            made_by="tests",
            funded_by="nobody",
            checked=dt.date(2026, 11, 27),
            review_due=dt.date(2027, 11, 27),
        ),
        questions=questions,
        procedures={},
        cautions={
            "seen": Caution(id="seen", level="info", title="Seen", text="A rule fired."),
            "also": Caution(id="also", level="critical", title="Also", text="An even rule fired."),
        },
        rules=tuple(
            Rule(
                id=f"r{i}", when=c, caution=["seen", "also"] if i % 2 == 0 else ["seen"], because=f"Rule {i}."
            )
            for i, c in enumerate(conds)
        ),
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(conditions, min_size=1, max_size=12), answer_sets)
def test_evaluate_fires_exactly_the_rules_that_hold_in_rulebook_order(conds, answers):
    book = _book(conds)
    result = evaluate(book, Answers({q: tuple(sorted(o)) for q, o in answers.items()}))
    expected = [f"r{i}" for i, c in enumerate(conds) if meaning(c, answers)]
    seen = result.caution("seen")
    assert ([r.rule for r in seen.reasons] if seen else []) == expected
    also = result.caution("also")
    assert ([r.rule for r in also.reasons] if also else []) == [r for r in expected if int(r[1:]) % 2 == 0]
    if also:
        assert result.caution_ids[0] == "also"  # critical first
    # the same rules, through the rulebook's own listings
    sets = {q: frozenset(o) for q, o in answers.items()}
    assert [c.rule.id for c in book.fired_rules(sets)] == expected
    suggested, raised = book.gather(sets)
    assert not suggested and [r.rule for r in raised.get("seen", [])] == expected
    assert set(expected) <= {c.rule.id for c in book.candidate_rules(sets)}


def test_results_are_what_validation_would_build(rulebook, person):
    """Reasons are built once per rulebook and shared; a result must still equal one built and checked
    anew."""
    for answers in (
        person(),
        person(area=["nose", "chin"], concern=["nose-shape", "chin-weak"]),
        person(motivation=["comparison"], approach="non-surgical-only"),
    ):
        result = evaluate(rulebook, answers)
        again: Any = type(result).model_validate(result.model_dump())
        assert again == result and again.to_json() == result.to_json()
        assert evaluate(rulebook, answers) == result
