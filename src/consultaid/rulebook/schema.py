"""The rulebook's JSON Schema, generated from the pydantic models (never written by hand).

Editors that understand ``# yaml-language-server: $schema=...`` check rule files against it as they are typed.
The default rulebook ships it as ``rules/rulebook.schema.json``, next to the files that name it, so the
reference resolves in a source checkout and inside the installed package alike; a test keeps that copy equal
to this output.
"""

from __future__ import annotations

import json
from typing import Any

from .model import RuleFile


def rulebook_schema() -> dict[str, Any]:
    """The JSON Schema of one rule file: any of the sections, each optional."""
    return RuleFile.model_json_schema()


def rulebook_schema_json() -> str:
    """The schema as the text of rules/rulebook.schema.json."""
    return json.dumps(rulebook_schema(), indent=2, ensure_ascii=False) + "\n"
