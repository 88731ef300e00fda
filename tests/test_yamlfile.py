"""The quick YAML path gives exactly what ruamel's own safe loader gives: the same data, or the same error."""

from __future__ import annotations

import pytest
from ruamel.yaml import YAML

from consultaid.yamlfile import _safe_yaml

from .conftest import ROOT

TRICKY = [
    "a: &x {b: 1}\nc: *x\n",  # an alias: the same object twice
    "<<: {a: 1}\nb: 2\n",  # merge key
    "a: 1\na: 2\n",  # duplicate key
    "? [a, b]\n: 1\n",  # a list as a key
    "a: !!set {x, y}\n",
    "d: 2026-11-27\nf: 1.5\ni: 0x1f\no: 0o17\nn: null\nb: true\nt: 2026-11-27T10:00:00Z\ninf: .inf\n",
    "&a [*a]\n",  # recursive
    "a: !!str 12\nb: !!int '7'\n",
    "- !!binary aGVsbG8=\n",
    "%YAML 1.1\n---\na: yes\n",
    "x: !foo bar\n",  # unknown tag
    "1: one\ntrue: yes\n~: nothing\n",  # keys that are not text
    "a: |\n  text\n  more\nb: >\n  folded\n",
    "'q': \"x\"\n",
    "!!map {a: b}\n",
    "!!seq [a]\n",
    "a: !!map {b: c}\n",
    "k: &s str\nl: *s\n",
    "",
    "# only a comment\n",
    "a:\n",
    "[a, b\n",  # a syntax error
    "a: b\n---\nc: d\n",  # two documents
    "a: 'it''s'\nb: \"tab\\tnewline\\n\"\nc: no\nd: on\ne: 012\n",
]


def _outcome(yaml: YAML, text: str) -> tuple:
    try:
        return ("data", repr(yaml.load(text)))
    except Exception as exc:
        return ("error", type(exc).__name__, str(exc))


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_documents_load_as_ruamel_loads_them(text):
    assert _outcome(_safe_yaml(), text) == _outcome(YAML(typ="safe", pure=False), text)


def test_aliases_stay_one_object():
    data = _safe_yaml().load("a: &x {b: [1]}\nc: *x\n")
    assert data["a"] is data["c"]


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "rules").rglob("*.yaml")) + sorted((ROOT / "examples").glob("*")),
    ids=lambda p: p.name,
)
def test_shipped_files_load_as_ruamel_loads_them(path):
    text = path.read_text(encoding="utf-8")
    assert _safe_yaml().load(text) == YAML(typ="safe", pure=False).load(text)
