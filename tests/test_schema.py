"""The JSON Schema: generated from the models, shipped next to the rule files that name it, and they fit
it."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from consultaid.rulebook.model import RuleFile

from .conftest import MINIMAL_BOOK, RULES

SHIPPED = RULES / "rulebook.schema.json"
RULE_FILES = sorted(RULES.glob("*.yaml"))


def as_json(value: Any) -> Any:
    """YAML as an editor's language server sees it: dates stay the text they are written as."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SHIPPED.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_the_command_prints_the_schema_generated_from_the_models():
    out = subprocess.run(
        [sys.executable, "-m", "consultaid", "rules", "schema"], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == RuleFile.model_json_schema()


def test_the_shipped_schema_is_the_generated_one():
    assert json.loads(SHIPPED.read_text(encoding="utf-8")) == RuleFile.model_json_schema(), (
        "rules/rulebook.schema.json is out of date: run  consultaid rules schema > rules/rulebook.schema.json"
    )


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_every_shipped_rule_file_names_the_schema_and_fits_it(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=rulebook.schema.json"
    assert (path.parent / "rulebook.schema.json").is_file()
    data = as_json(YAML(typ="safe").load(path.read_text(encoding="utf-8")))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(data)]
    assert errors == []


def test_the_schema_catches_what_the_loader_catches():
    check = validator()
    book = as_json(YAML(typ="safe").load(MINIMAL_BOOK))
    assert list(check.iter_errors(book)) == []
    bad = json.loads(json.dumps(book))
    bad["rules"][0]["becuase"] = "typo"
    bad["questions"][0]["kind"] = "several"
    bad["rules"][0]["when"] = {"all": [{"goal": "appearance", "area": "nose"}]}
    messages = " ".join(e.message for e in check.iter_errors(bad))
    assert "becuase" in messages and "several" in messages
    assert len(list(check.iter_errors(bad))) == 3
