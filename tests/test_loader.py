"""Loading a rulebook: the default one loads, and every kind of mistake gets one clear message with its
place."""

from __future__ import annotations

import pytest

from consultaid import RulebookError, load_rulebook
from consultaid.rulebook.load import default_rules_dir

from .conftest import MINIMAL_BOOK

CONTRACT_QUESTIONS = {
    "goal": ("single", {"appearance", "function", "both", "unsure"}),
    "area": (
        "multiple",
        {
            "face",
            "eyes",
            "forehead",
            "nose",
            "chin",
            "cheeks",
            "neck",
            "skin",
            "breasts",
            "chest",
            "abdomen",
            "buttocks",
            "hips-thighs",
            "hands",
            "scars-burns",
            "lips",
            "ears",
            "arms",
            "genitals",
        },
    ),
    "motivation": (
        "multiple",
        {
            "for-myself",
            "pressure-from-others",
            "relationship",
            "career",
            "comparison",
            "life-event",
            "health",
            "after-injury",
        },
    ),
    "preoccupation": ("single", {"rarely", "daily-under-1h", "daily-over-1h"}),
    "impact": ("single", {"never", "sometimes", "often"}),
    "considering": ("single", {"under-1-month", "1-to-12-months", "over-1-year"}),
    "previous": ("single", {"none", "satisfied", "ongoing", "unsatisfied", "several"}),
    "age": ("single", {"under-18", "18-or-over"}),
    "approach": ("single", {"non-surgical-only", "open-to-surgery", "unsure"}),
    # contract 2
    "health": (
        "multiple",
        {
            "smoking",
            "pregnancy",
            "future-pregnancy",
            "weight-changing",
            "weight-loss-medicine",
            "bleeding-or-clots",
            "diabetes",
            "keloid-scars",
            "acne-medicine",
            "mental-health",
            "none-of-these",
            "prefer-not-to-say",
        },
    ),
    "turned-down": ("single", {"yes", "no"}),
    "abroad": ("single", {"yes", "not-sure", "no"}),
}
CONCERNS = {
    "face": ["face-sagging", "face-volume-loss"],
    "eyes": ["eyelid-hooding", "eyelid-vision", "eye-bags"],
    "forehead": ["forehead-lines", "brow-droop"],
    "nose": ["nose-shape", "nose-breathing"],
    "chin": ["chin-weak"],
    "cheeks": ["cheek-flat"],
    "neck": ["neck-loose-skin"],
    "skin": ["skin-lines", "skin-texture", "skin-cancer-repair"],
    "breasts": [
        "breast-larger",
        "breast-sagging",
        "breast-heavy",
        "breast-rebuild",
        "breast-implant-problem",
    ],
    "chest": ["chest-enlarged"],
    "abdomen": ["abdomen-loose-skin", "abdomen-fat"],
    "buttocks": ["buttocks-larger", "buttocks-sagging"],
    "hips-thighs": ["hips-thighs-fat", "hips-thighs-loose-skin"],
    "hands": ["hand-function"],
    "scars-burns": ["scar-appearance", "burn-tightness"],
    "lips": ["lips-thin"],
    "ears": ["ears-prominent"],
    "arms": ["arms-loose-skin"],
    "genitals": ["labia-size"],
}
PROCEDURES = {
    "facelift",
    "dermal-fillers",
    "blepharoplasty",
    "botulinum-toxin",
    "brow-lift",
    "rhinoplasty",
    "chin-augmentation",
    "cheek-augmentation",
    "neck-lift",
    "laser-resurfacing",
    "breast-augmentation",
    "breast-lift",
    "breast-reduction",
    "breast-reconstruction",
    "gynecomastia-surgery",
    "abdominoplasty",
    "liposuction",
    "buttock-augmentation",
    "buttock-lift",
    "lower-body-lift",
    "hand-surgery",
    "scar-revision",
    "burn-reconstruction",
    # contract 2
    "otoplasty",
    "arm-lift",
    "labiaplasty",
    "implant-removal",
    "skin-cancer-reconstruction",
    "thigh-lift",
    "fat-freezing",
    "chemical-peel",
    "scar-therapy",
    "hand-therapy",
}
CAUTION_LEVELS = {
    "not-medical-advice": "info",
    "permanence": "warning",
    "qualified-practitioner": "warning",
    "counselling-referral": "critical",
    "cooling-off": "warning",
    "under-18": "critical",
    "expectations": "warning",
    "bbl-risk": "critical",
    "temporary-results": "info",
    "reconstructive-route": "info",
    # contract 2
    "young-person": "info",
    "smoking": "warning",
    "pregnancy": "warning",
    "weight-stability": "warning",
    "bleeding-risk": "warning",
    "health-factors": "warning",
    "treatment-abroad": "warning",
}


def problems_of(folder) -> list[str]:
    with pytest.raises(RulebookError) as info:
        load_rulebook(folder)
    return [str(p) for p in info.value.problems]


# --- the default rulebook keeps the contract ----------------------------------------------------------------


def test_default_rulebook_loads_without_a_path(rulebook):
    assert load_rulebook().info.id == "consultaid-default"
    assert default_rules_dir().is_dir()


def test_default_rulebook_has_every_contract_question_and_option(rulebook):
    for qid, (kind, options) in CONTRACT_QUESTIONS.items():
        question = rulebook.question(qid)
        assert question.kind == kind
        assert {o.id for o in question.options} == options
        assert question.text and question.help


def test_concern_options_are_offered_only_for_their_area(rulebook):
    concern = rulebook.question("concern")
    assert concern.kind == "multiple"
    assert {o.id for o in concern.options} == {c for cs in CONCERNS.values() for c in cs}
    for area, concerns in CONCERNS.items():
        offered = {o.id for o in rulebook.offered_options(concern, {"area": frozenset({area})})}
        assert offered == set(concerns), area


def test_default_rulebook_has_every_procedure_with_all_fields(rulebook):
    assert set(rulebook.procedures) == PROCEDURES
    for procedure in rulebook.procedures.values():
        assert procedure.summary and procedure.recovery and procedure.practitioner and procedure.lasts
        assert procedure.risks and procedure.questions
        assert procedure.sources and all(
            s.url.startswith("https://") and s.checked for s in procedure.sources
        )
        assert procedure.review_due > procedure.sources[0].checked


def test_default_rulebook_has_every_contract_caution_at_its_level(rulebook):
    for cid, level in CAUTION_LEVELS.items():
        assert rulebook.cautions[cid].level == level
    assert [c.id for c in rulebook.cautions.values() if c.referral] == ["counselling-referral"]


def test_yaml_1_2_keeps_no_and_on_as_words(write_rules):
    book = MINIMAL_BOOK.replace("{id: appearance, label: Looks}", "{id: appearance, label: no}")
    folder = write_rules({"book.yaml": book})
    assert load_rulebook(folder).question("goal").options[0].label == "no"


def test_a_rulebook_can_be_split_across_files(write_rules):
    head, _, tail = MINIMAL_BOOK.partition("procedures:")
    folder = write_rules({"a.yaml": head, "b.yaml": "procedures:" + tail})
    book = load_rulebook(folder)
    assert list(book.procedures) == ["rhinoplasty"] and len(book.files) == 2


def test_a_single_file_can_be_loaded(write_rules):
    folder = write_rules({"book.yaml": MINIMAL_BOOK})
    assert load_rulebook(folder / "book.yaml").info.id == "tiny"


# --- mistakes, each with a place ----------------------------------------------------------------------------


def test_malformed_yaml_names_file_line_and_column(write_rules):
    folder = write_rules({"book.yaml": MINIMAL_BOOK + "rules:\n  - id: x\n    when: {goal: [a\n"})
    (message,) = problems_of(folder)
    assert message.startswith("rules/book.yaml:") or "book.yaml:" in message
    assert "not valid YAML" in message
    assert message.split(":")[1].isdigit()


def test_duplicate_keys_are_errors(write_rules):
    folder = write_rules(
        {"book.yaml": MINIMAL_BOOK.replace('  version: "1"', '  version: "1"\n  version: "2"')}
    )
    (message,) = problems_of(folder)
    assert "duplicate key 'version'" in message and "book.yaml:4:" in message


def test_wrong_type_is_located(write_rules):
    text = MINIMAL_BOOK.lstrip("\n").replace("surgical: true", "surgical: maybe")
    line = text.splitlines().index("    surgical: maybe") + 1
    (message,) = problems_of(write_rules({"book.yaml": text}))
    assert f"book.yaml:{line}:15: error: expected true or false, got 'maybe'" in message


def test_unknown_key_is_located_with_did_you_mean(write_rules):
    folder = write_rules(
        {"book.yaml": MINIMAL_BOOK.replace("    because: You want", "    becuase: You want")}
    )
    messages = problems_of(folder)
    assert any("unknown key 'becuase' (did you mean 'because'?)" in m for m in messages)
    assert any("missing 'because'" in m for m in messages)


def test_unknown_section_is_an_error(write_rules):
    folder = write_rules({"book.yaml": MINIMAL_BOOK + "procedure:\n  - id: x\n"})
    (message,) = problems_of(folder)
    assert "unknown section 'procedure' (did you mean 'procedures'?)" in message


def test_dangling_ids_get_did_you_mean_with_places(write_rules):
    text = (
        MINIMAL_BOOK.replace("suggest: [rhinoplasty]", "suggest: [rhinoplasti]")
        .replace("- concern: nose-shape", "- concern: nose-shap")
        .replace("- goal: appearance", "- gaol: appearance")
    )
    messages = problems_of(write_rules({"book.yaml": text}))
    assert any("unknown procedure 'rhinoplasti' (did you mean 'rhinoplasty'?)" in m for m in messages)
    assert any(
        "'nose-shap' is not an option of 'concern' (did you mean 'nose-shape'?)" in m for m in messages
    )
    assert any("unknown question 'gaol' (did you mean 'goal'?)" in m for m in messages)
    assert all(m.split(":")[1].isdigit() and m.split(":")[2].isdigit() for m in messages)


def test_every_problem_is_reported_at_once(write_rules):
    text = (
        MINIMAL_BOOK.replace("surgical: true", "surgical: maybe")
        .replace("suggest: [rhinoplasty]", "suggest: [nope]")
        .replace("level: warning", "level: severe")
    )
    messages = problems_of(write_rules({"book.yaml": text}))
    assert len(messages) == 3  # rhinoplasty is broken, but 'nope' is still reported
    assert any("expected true or false, got 'maybe'" in m for m in messages)
    assert any("'severe' is not allowed here" in m for m in messages)
    assert any("unknown procedure 'nope'" in m for m in messages)


def test_a_file_that_does_not_parse_causes_no_knock_on_errors(write_rules):
    head, _, tail = MINIMAL_BOOK.partition("procedures:")
    messages = problems_of(
        write_rules({"a.yaml": head.replace("label: Looks}", "label: Looks"), "b.yaml": "procedures:" + tail})
    )
    assert len(messages) == 1 and "a.yaml" in messages[0] and "not valid YAML" in messages[0]


def test_empty_file_is_an_error(write_rules):
    (message,) = problems_of(write_rules({"book.yaml": MINIMAL_BOOK, "empty.yaml": ""}))
    assert "empty.yaml:1:1: error: the file is empty" in message


def test_empty_folder_and_missing_folder(tmp_path):
    assert "no rule files" in problems_of(tmp_path)[0]
    assert "no such file or folder" in problems_of(tmp_path / "nope")[0]


def test_a_list_at_the_top_is_an_error(write_rules):
    (message,) = problems_of(write_rules({"book.yaml": "- a\n- b\n"}))
    assert "expected sections such as 'questions:'" in message and "got a list" in message


def test_duplicate_ids_are_errors(write_rules):
    text = (
        MINIMAL_BOOK
        + """  - id: nose-shape
    when: {goal: function}
    caution: [permanence]
    because: Again.
"""
    )
    (message,) = problems_of(write_rules({"book.yaml": text}))
    assert "rule 'nose-shape' is defined twice" in message


def test_bad_id_spelling_is_explained(write_rules):
    messages = problems_of(
        write_rules({"book.yaml": MINIMAL_BOOK.replace("id: rhinoplasty", "id: Rhino Plasty")})
    )
    assert "'Rhino Plasty' is not a valid id" in messages[0]
    assert "unknown procedure 'rhinoplasty'" in messages[1]


def test_a_question_condition_may_only_name_earlier_questions(write_rules):
    text = MINIMAL_BOOK.replace(
        "    help: Choose one.\n", "    help: Choose one.\n    when: {area: nose}\n", 1
    )
    (message,) = problems_of(write_rules({"book.yaml": text}))
    assert "question 'goal' depends on 'area', which is not a question asked before it" in message


def test_a_test_with_two_questions_is_explained(write_rules):
    text = MINIMAL_BOOK.replace("        - goal: appearance\n", "        - {goal: appearance, area: nose}\n")
    (message,) = problems_of(write_rules({"book.yaml": text}))
    assert "a test names one question" in message and "under 'all:'" in message


def test_a_rule_that_looks_at_suggestions_may_not_suggest(write_rules):
    text = (
        MINIMAL_BOOK
        + """  - id: loop
    when: {suggested: {surgical: true}}
    suggest: [rhinoplasty]
    because: Loops.
"""
    )
    (message,) = problems_of(write_rules({"book.yaml": text}))
    assert "may raise cautions but not suggest procedures" in message


def test_a_rule_must_do_something(write_rules):
    text = MINIMAL_BOOK.replace("    suggest: [rhinoplasty]\n", "")
    (message,) = problems_of(write_rules({"book.yaml": text}))
    assert "a rule must 'suggest' procedures, raise a 'caution', or both" in message


def test_missing_rulebook_section(write_rules):
    _, _, text = MINIMAL_BOOK.partition("questions:")
    (message,) = problems_of(write_rules({"book.yaml": "questions:" + text}))
    assert "no file has a 'rulebook:' section" in message


def test_not_utf8_is_an_error(tmp_path):
    (tmp_path / "book.yaml").write_bytes(b"rulebook:\n  id: \xff\n")
    (message,) = problems_of(tmp_path)
    assert "book.yaml:2:7: error: the file is not UTF-8 text" in message


def test_bad_date_and_url(write_rules):
    text = MINIMAL_BOOK.replace("checked: 2026-11-27\n  review", "checked: last week\n  review").replace(
        '"https://www.nhs.uk/conditions/nose/"', "www.nhs.uk"
    )
    messages = problems_of(write_rules({"book.yaml": text}))
    assert any("expected a date written like 2026-11-27" in m for m in messages)
    assert any("is not a web address starting with https://" in m for m in messages)


# --- groups of procedures -----------------------------------------------------------------------------------

GROUP_RULE = """  - id: nose-group
    when: {suggested: {group: GROUP}}
    caution: [permanence]
    because: A nose operation is shown.
"""


def test_a_rule_names_a_group_of_procedures(write_rules):
    from consultaid import evaluate

    book = MINIMAL_BOOK.replace(
        "    practitioner: A plastic surgeon.\n", "    practitioner: A plastic surgeon.\n    groups: [face]\n"
    )
    book += GROUP_RULE.replace("GROUP", "face")
    rulebook = load_rulebook(write_rules({"book.yaml": book}))
    assert rulebook.procedures["rhinoplasty"].groups == ["face"]
    answers = {"goal": "appearance", "area": ["nose"], "concern": ["nose-shape"]}
    assert "nose-group" in {r.rule for c in evaluate(rulebook, answers).cautions for r in c.reasons}


def test_a_group_no_procedure_is_in_is_a_located_error(write_rules):
    book = MINIMAL_BOOK.replace(
        "    practitioner: A plastic surgeon.\n", "    practitioner: A plastic surgeon.\n    groups: [face]\n"
    )
    text = book + GROUP_RULE.replace("GROUP", "fase")
    (message,) = problems_of(write_rules({"book.yaml": text}))
    line = text.lstrip("\n").splitlines().index("    when: {suggested: {group: fase}}") + 1
    assert f"book.yaml:{line}:" in message
    assert "no procedure is in the group 'fase' (did you mean 'face'?)" in message


def test_the_readme_figures_are_the_default_rulebooks(rulebook):
    """The README says what the default rulebook holds: the figures must follow it when it grows."""
    import re

    from .conftest import ROOT

    text = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    surgery_free = sum(1 for p in rulebook.procedures.values() if not p.surgical)
    scenarios = sum(
        len(re.findall(r"^  - name: ", f.read_text(encoding="utf-8"), re.M))
        for f in (ROOT / "rules/tests").glob("*.yaml")
    )
    for figure in (
        f"{len(rulebook.question('area').options)} parts of the body",
        f"{len(rulebook.procedures)} procedures ({surgery_free} of them without surgery",
        f"{len(rulebook.cautions)} caution points",
        f"{len(rulebook.rules)} rules, tried by {scenarios} scenario tests",
        f"keeps contract {rulebook.info.contract.rsplit('-', 1)[1]}" if rulebook.info.contract else "",
    ):
        assert figure in text, figure
