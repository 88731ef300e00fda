"""The quick YAML path gives exactly what ruamel's own safe loader gives: the same data, or the same error."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from consultaid.yamlfile import load_yaml

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


def _outcome(load, text: str) -> tuple:
    try:
        return ("data", repr(load(text)))
    except Exception as exc:
        return ("error", type(exc).__name__, str(exc))


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_documents_load_as_ruamel_loads_them(text):
    assert _outcome(load_yaml, text) == _outcome(YAML(typ="safe", pure=False).load, text)


def test_aliases_stay_one_object():
    data = load_yaml("a: &x {b: [1]}\nc: *x\n")
    assert data["a"] is data["c"]


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "rules").rglob("*.yaml")) + sorted((ROOT / "examples").glob("*")),
    ids=lambda p: p.name,
)
def test_shipped_files_load_as_ruamel_loads_them(path):
    text = path.read_text(encoding="utf-8")
    assert load_yaml(text) == YAML(typ="safe", pure=False).load(text)


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "rules").rglob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml")),
    ids=lambda p: p.name,
)
def test_shipped_files_take_the_quick_path(path):
    """The quick loader builds the shipped files itself (it would be no quicker if it handed them all on)."""
    import yaml

    from consultaid.yamlfile import _quick_loader

    loader = _quick_loader()
    assert loader is not None, "PyYAML with libyaml is a dependency"
    text = path.read_text(encoding="utf-8")
    assert yaml.load(text, Loader=loader) == YAML(typ="safe", pure=False).load(text)


SCALARS = st.one_of(
    st.from_regex(r"[-+]?[0-9_]{1,6}(\.[0-9_]{0,3})?([eE][-+]?[0-9]{1,2})?", fullmatch=True),
    st.from_regex(r"(0x|0o|0b|0)?[0-9a-fA-F_]{1,5}", fullmatch=True),
    st.from_regex(
        r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ][0-9]{1,2}:[0-9]{2}(:[0-9]{2})?(Z|[-+][0-9]{2})?)?",
        fullmatch=True,
    ),
    st.sampled_from(
        [
            "~",
            "null",
            "Null",
            "NULL",
            "true",
            "True",
            "FALSE",
            "yes",
            "no",
            "on",
            "off",
            "y",
            "n",
            ".inf",
            "-.Inf",
            ".NaN",
            "<<",
            "=",
            "1:20",
            "0.",
            "._1",
            "+",
            "-",
        ]
    ),
    st.text(alphabet="abcXYZ019 -_.:'\"#&*!%@`,[]{}?|>\\", min_size=0, max_size=8),
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(["k", "1", "true", "~", "2026-01-02"]), SCALARS), max_size=4),
    st.sampled_from(["plain", "list", "quoted"]),
)
def test_random_scalars_load_as_ruamel_loads_them(pairs, style):
    """Whatever a scalar looks like, the quick path gives ruamel's data or ruamel's error."""
    lines = []
    for key, value in pairs:
        if style == "list":
            lines.append(f"- {value}")
        elif style == "quoted":
            lines.append(f"{key}: '{value.replace(chr(39), chr(39) * 2)}'")
        else:
            lines.append(f"{key}: {value}")
    text = "\n".join(lines) + "\n"
    assert _outcome(load_yaml, text) == _outcome(YAML(typ="safe", pure=False).load, text)


def test_the_quick_loaders_resolvers_are_ruamels_own():
    """The quick path keeps its own copy of ruamel's YAML 1.2 resolvers (so it need not import ruamel): the
    copy is ruamel's table, to the character, in the same order."""
    import re

    from ruamel.yaml.resolver import implicit_resolvers

    from consultaid.yamlfile import YAML_1_2_RESOLVERS

    ruamels = [
        (tag.removeprefix("tag:yaml.org,2002:"), regexp.pattern, bool(regexp.flags & re.X), tuple(first))
        for versions, tag, regexp, first in implicit_resolvers
        if (1, 2) in versions
    ]
    assert list(YAML_1_2_RESOLVERS) == ruamels


def test_reading_a_plain_yaml_file_does_not_import_ruamel():
    import subprocess
    import sys

    code = (
        "import sys\nfrom consultaid.yamlfile import parse\n"
        f"data, problem = parse(open({str(ROOT / 'examples' / 'nose-and-chin.yaml')!r}).read(), 'x')\n"
        "assert data and problem is None\nprint(any(m.startswith('ruamel') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
