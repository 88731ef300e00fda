"""The glossary: declared in the rulebook, loaded with located errors, checked by the lint, and found in texts
the same way for every front end."""

from __future__ import annotations

import pytest

from consultaid import load_rulebook
from consultaid.errors import RulebookError
from consultaid.rulebook.lint import lint

from .conftest import RULES
from .test_lint import CLEAN, place

GLOSSARY = """glossary:
  - term: rhinoplasty
    means: The medical name for nose reshaping.
  - term: GMC
    means: The body that registers doctors in the UK.
  - term: anaesthetic
    also: [anesthetic]
    means: A medicine that stops you feeling pain.
"""


def book_with(
    write_rules,
    glossary: str = GLOSSARY,
    *,
    summary: str = "Reshapes the nose (rhinoplasty).",
    extra: str = "",
):
    text = CLEAN.replace("summary: Reshapes the nose.", f"summary: {summary}")
    return write_rules({"book.yaml": text, "glossary.yaml": glossary + extra}), text


def problems_of(folder) -> list[str]:
    with pytest.raises(RulebookError) as caught:
        load_rulebook(folder)
    return [str(p) for p in caught.value.problems]


# --- loading ----------------------------------------------------------------------------------------------


def test_a_glossary_entry_without_its_meaning_is_a_located_error(write_rules):
    folder, _ = book_with(write_rules, "glossary:\n  - term: rhinoplasty\n")
    (message,) = problems_of(folder)
    assert message.endswith("glossary.yaml:2:5: error: missing 'means'")


def test_a_misspelt_key_in_an_entry_is_named_with_a_suggestion(write_rules):
    folder, _ = book_with(write_rules, "glossary:\n  - term: rhinoplasty\n    meaning: Nose reshaping.\n")
    messages = problems_of(folder)
    assert any(
        "glossary.yaml:3:5: error: unknown key 'meaning'" in m and "did you mean 'means'" in m
        for m in messages
    ), messages


def test_the_same_term_twice_and_a_form_explained_twice_are_errors(write_rules):
    twice = (
        GLOSSARY
        + "  - term: Rhinoplasty\n    means: Again.\n  - term: narcosis\n    also: [GMC]\n    means: Sleep.\n"
    )
    folder, _ = book_with(write_rules, twice)
    messages = problems_of(folder)
    assert any(
        "glossary.yaml:9:11: error: glossary term 'rhinoplasty' is defined twice" in m for m in messages
    ), messages
    assert any(
        "glossary.yaml:12:12: error: 'GMC' is already explained under 'GMC': explain each word once" in m
        for m in messages
    ), messages


def test_hard_words_must_be_a_list_of_texts(write_rules):
    folder, _ = book_with(write_rules, extra="hard_words: seroma\n")
    (message,) = problems_of(folder)
    assert "glossary.yaml:9:13: error: expected a list" in message


# --- finding the words ------------------------------------------------------------------------------------


def test_terms_are_found_whole_in_any_case_with_plurals_and_other_forms(write_rules):
    folder, _ = book_with(write_rules)
    words = load_rulebook(folder).words
    used = words.used_in(["Two RHINOPLASTIES were done.", "under a general anesthetic"])
    assert [e.term for e in used] == ["anaesthetic", "rhinoplasty"]
    assert words.used_in(["Anaesthetics and anaesthetic-free"]) != ()
    assert words.used_in(["rhinoplastyx, prerhinoplasty"]) == ()


def test_a_term_in_capitals_is_found_only_in_capitals(write_rules):
    folder, _ = book_with(write_rules)
    words = load_rulebook(folder).words
    assert [e.term for e in words.used_in(["Ask the GMC.", "two GPs and the GMCs"])] == ["GMC"]
    assert words.used_in(["gmc", "Gmc"]) == ()


def test_the_longest_term_wins_where_two_overlap(write_rules):
    glossary = GLOSSARY + "  - term: general anaesthetic\n    means: You are fully asleep.\n"
    folder, _ = book_with(write_rules, glossary)
    matches = load_rulebook(folder).words.matches("under a general\n anaesthetic today")
    assert [(m[2].term, m[0], m[1]) for m in matches] == [("general anaesthetic", 8, 28)]


# --- the lint ---------------------------------------------------------------------------------------------


def test_a_glossary_term_no_text_uses_is_a_warning_at_the_term(write_rules):
    glossary = GLOSSARY + "  - term: mastopexy\n    means: The medical name for a breast lift.\n"
    folder, _ = book_with(
        write_rules,
        glossary,
        summary="Reshapes the nose (rhinoplasty). Ask the GMC. It needs an anaesthetic.",
    )
    (problem,) = lint(load_rulebook(folder))
    assert problem.message == "no text uses the glossary term 'mastopexy': remove it, or check its spelling"
    assert problem.file.endswith("glossary.yaml") and (problem.line, problem.column) == (9, 11)


def test_a_term_used_only_in_another_explanation_counts_as_unused(write_rules):
    glossary = (
        "glossary:\n  - term: rhinoplasty\n    means: Nose reshaping, under an anaesthetic.\n"
        "  - term: anaesthetic\n    means: A medicine that stops pain.\n"
    )
    folder, _ = book_with(write_rules, glossary)
    (problem,) = lint(load_rulebook(folder))
    assert problem.message.startswith("no text uses the glossary term 'anaesthetic'")


def test_a_hard_word_a_text_uses_must_be_explained(write_rules):
    glossary = "glossary:\n  - term: rhinoplasty\n    means: Nose reshaping.\n"
    hard = "hard_words: [rhinoplasty, seroma, haematoma]\n"
    folder, text = book_with(
        write_rules,
        glossary,
        extra=hard,
        summary="Reshapes the nose (rhinoplasty). Fluid can collect (a seroma).",
    )
    found = lint(load_rulebook(folder))
    (problem,) = found
    assert problem.message == (
        "'seroma' is a hard word (see 'hard_words') that the glossary does not explain: add it to the "
        "glossary with a short plain explanation"
    )
    assert problem.line == place(text, "summary: Reshapes")[0]


def test_a_hard_word_inside_an_explained_term_is_explained(write_rules):
    glossary = "glossary:\n  - term: capsular contracture\n    means: Scar tissue squeezing an implant.\n"
    folder, _ = book_with(
        write_rules,
        glossary,
        extra="hard_words: [contracture]\n",
        summary="Scar tissue can tighten (capsular contracture).",
    )
    assert lint(load_rulebook(folder)) == []


def test_the_default_rulebook_declares_a_glossary_that_explains_its_hard_words(rulebook):
    terms = {entry.term for entry in rulebook.glossary}
    assert len(terms) >= 50
    for term in (
        "mastopexy",
        "rhytidectomy",
        "belt lipectomy",
        "blepharoplasty",
        "abdominoplasty",
        "GMC",
        "JCCP",
        "ablative",
        "haematoma",
        "seroma",
        "capsular contracture",
        "BIA-ALCL",
        "lymphoma",
        "hyaluronic acid",
        "anaesthetic",
    ):
        assert term in terms, term
    assert "seroma" in rulebook.hard_words
    assert not [p for p in lint(load_rulebook(RULES)) if "glossary" in p.message or "hard word" in p.message]
