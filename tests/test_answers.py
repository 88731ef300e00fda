"""Answers files: YAML or JSON, checked against the rulebook, every problem with its place."""

from __future__ import annotations

import json

import pytest

from consultaid import Answers, AnswersError, load_answers

from .conftest import BASE_ANSWERS


def write_yaml(tmp_path, text: str, name: str = "answers.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def base_yaml(**changes: str) -> str:
    lines = []
    for key, value in BASE_ANSWERS.items():
        if key in changes:
            if changes[key] is None:
                continue
            lines.append(f"{key}: {changes[key]}")
        elif isinstance(value, list):
            lines.append(f"{key}: [{', '.join(value)}]")
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(lines) + "\n"


def problems(tmp_path, rulebook, text: str, name: str = "answers.yaml") -> list[str]:
    with pytest.raises(AnswersError) as info:
        load_answers(write_yaml(tmp_path, text, name), rulebook)
    return [str(p) for p in info.value.problems]


def test_yaml_answers_load_in_rulebook_order(tmp_path, rulebook):
    answers = load_answers(
        write_yaml(tmp_path, base_yaml(area="[chin, nose]", concern="[nose-shape, chin-weak]")), rulebook
    )
    assert answers["area"] == ("nose", "chin")
    assert answers["goal"] == ("appearance",)
    assert answers.to_document(rulebook)["goal"] == "appearance"


def test_json_answers_load(tmp_path, rulebook):
    path = write_yaml(tmp_path, json.dumps(BASE_ANSWERS), "answers.json")
    assert load_answers(path, rulebook) == Answers.validate(BASE_ANSWERS, rulebook)


def test_malformed_json_is_located(tmp_path, rulebook):
    (message,) = problems(tmp_path, rulebook, '{"goal": "appearance",\n "area": [nose]}', "answers.json")
    assert message.startswith("answers.json:2:") or ":2:" in message
    assert "not valid JSON" in message


def test_malformed_yaml_is_located(tmp_path, rulebook):
    (message,) = problems(tmp_path, rulebook, "goal: appearance\narea: [nose\n")
    assert "answers.yaml:3:1: error: not valid YAML" in message


def test_unknown_question_with_did_you_mean(tmp_path, rulebook):
    (message,) = problems(tmp_path, rulebook, base_yaml() + "motivaton: [career]\n")
    assert "answers.yaml:11:1: error: unknown question 'motivaton' (did you mean 'motivation'?)" in message


def test_unknown_option_with_did_you_mean_and_place(tmp_path, rulebook):
    (message,) = problems(tmp_path, rulebook, base_yaml(area="[nose, chn]"))
    assert "answers.yaml:2:14: error: 'chn' is not an option of 'area' (did you mean 'chin'?)" in message


def test_several_options_for_a_single_choice(tmp_path, rulebook):
    (message,) = problems(tmp_path, rulebook, base_yaml(goal="[appearance, function]"))
    assert "'goal' takes one answer, but 2 were given" in message


def test_concern_of_an_area_not_chosen(tmp_path, rulebook):
    (message,) = problems(tmp_path, rulebook, base_yaml(concern="[nose-shape, chin-weak]"))
    assert "answers.yaml:3:23: error: 'chin-weak' is not offered for 'concern' with these answers" in message
    assert "'area' includes chin" in message


def test_missing_required_answers_are_listed(tmp_path, rulebook):
    messages = problems(tmp_path, rulebook, base_yaml(age=None, approach=None))
    assert len(messages) == 2
    assert "missing an answer to 'age'" in messages[0] and "missing an answer to 'approach'" in messages[1]


def test_wrong_types(tmp_path, rulebook):
    messages = problems(tmp_path, rulebook, base_yaml(goal="{a: 1}", area="[nose, 3]"))
    assert any("'goal' needs an option id, got a mapping" in m for m in messages)
    assert any("'area' needs option ids, got a number" in m for m in messages)


def test_empty_list_and_repeated_option(tmp_path, rulebook):
    messages = problems(tmp_path, rulebook, base_yaml(motivation="[]", area="[nose, nose]"))
    assert any("'motivation' has an empty list" in m for m in messages)
    assert any("'nose' is given twice for 'area'" in m for m in messages)


def test_not_a_mapping_and_empty_file(tmp_path, rulebook):
    assert "expected a mapping of question ids" in problems(tmp_path, rulebook, "- goal\n")[0]
    assert "the answers file is empty" in problems(tmp_path, rulebook, "")[0]


def test_missing_file(tmp_path, rulebook):
    assert "no such file" in problems_missing(tmp_path, rulebook)


def problems_missing(tmp_path, rulebook) -> str:
    with pytest.raises(AnswersError) as info:
        load_answers(tmp_path / "nope.yaml", rulebook)
    return str(info.value)


def test_incomplete_answers_can_be_allowed(rulebook):
    answers = Answers.validate({"goal": "unsure"}, rulebook, complete=False)
    assert dict(answers) == {"goal": ("unsure",)}


def test_settle_drops_answers_that_no_longer_fit(rulebook):
    answers = Answers.validate(
        {**BASE_ANSWERS, "area": ["nose", "chin"], "concern": ["nose-shape", "chin-weak"]}, rulebook
    )
    changed = answers.with_answer("area", ["chin"])
    settled, dropped = changed.settle(rulebook)
    assert settled["concern"] == ("chin-weak",)
    assert dropped == ["concern"]
    settled, dropped = changed.with_answer("area", ["face"]).settle(rulebook)
    assert "concern" not in settled and dropped == ["concern"]


def test_duplicate_keys_in_json_answers_are_errors(tmp_path, rulebook):
    (message,) = problems(tmp_path, rulebook, '{"goal": "appearance",\n "goal": "function"}', "answers.json")
    assert "answers.json:2:2: error: duplicate key 'goal'" in message


def test_deeply_nested_json_is_an_error_not_a_crash(tmp_path, rulebook):
    (message,) = problems(tmp_path, rulebook, "[" * 200_000, "answers.json")
    assert "nested too deeply" in message
