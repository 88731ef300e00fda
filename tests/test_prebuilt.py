"""The default rulebook prebuilt at build time: exactly a fresh load, and used only while it is one."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from consultaid import evaluate, load_rulebook
from consultaid.rulebook import prebuilt
from consultaid.rulebook.book import Rulebook

from .conftest import ROOT, RULES


def _comparable(book: Rulebook) -> dict[str, object]:
    """Everything a rulebook declares, field by field (whatever fields it has), in a form == can compare:
    where each item was written as (file, path, the file's text), the mappings as plain dicts."""
    out: dict[str, object] = {}
    for item in dataclasses.fields(Rulebook):
        if not item.init:
            continue  # the compiled form is derived from the rest (its behaviour is compared below)
        value = getattr(book, item.name)
        if item.name == "origins":
            value = {
                key: (o.file, o.path, o.locator._text if o.locator else None) for key, o in value.items()
            }
        elif isinstance(value, type(book.procedures)):
            value = dict(value)
        out[item.name] = value
    return out


@pytest.fixture(scope="module")
def built() -> bytes:
    return prebuilt.build(RULES)


def _copy_rules(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder, ignore=shutil.ignore_patterns("tests"))
    return folder


def test_the_prebuilt_rulebook_equals_a_fresh_load(built, person):
    fresh = load_rulebook(RULES)
    ready = prebuilt.load(built, RULES)
    assert ready is not None, "built from these very files and this code, it must be used"
    assert _comparable(ready) == _comparable(fresh)
    assert ready.compiled is not fresh.compiled  # compiled anew, as after any load
    people = [
        person(),
        person(goal="function", area=["hands"], concern=["hand-function"], motivation=["after-injury"]),
        person(age="under-18", motivation=["pressure-from-others"], considering="under-1-month"),
        person(approach="non-surgical-only", area=["skin"], concern=["skin-lines"]),
    ]
    for answers in people:
        assert evaluate(ready, answers) == evaluate(fresh, answers)
    examples = sorted((ROOT / "examples").glob("*"))
    from consultaid.answers import load_answers

    for path in examples:
        assert evaluate(ready, load_answers(path, ready)) == evaluate(fresh, load_answers(path, fresh))


def test_it_shows_file_names_relative_to_where_it_is_run(built, tmp_path, monkeypatch):
    """Where a rule was written is shown relative to the working folder of the process that loads it (as
    a fresh load shows it), not of the build."""
    monkeypatch.chdir(RULES)
    ready = prebuilt.load(built, RULES)
    assert ready is not None
    assert ready.files == load_rulebook(RULES).files
    assert "rules.yaml" in ready.files
    file, line, _ = ready.origin("rules", ready.rules[0].id).locate()
    assert (file, line) == load_rulebook(RULES).origin("rules", ready.rules[0].id).locate()[:2]
    assert line > 0


def test_a_changed_rule_file_is_read_afresh(tmp_path):
    folder = _copy_rules(tmp_path)
    data = prebuilt.build(folder)
    assert prebuilt.load(data, folder) is not None
    rules = folder / "rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# a comment changes nothing but the text\n")
    assert prebuilt.load(data, folder) is None


@pytest.mark.parametrize("change", ["added", "removed", "renamed"])
def test_a_changed_set_of_files_is_read_afresh(tmp_path, change):
    folder = _copy_rules(tmp_path)
    data = prebuilt.build(folder)
    if change == "added":
        (folder / "more.yaml").write_text("consultation_questions: []\n")
    elif change == "removed":
        (folder / "decision-aid.yaml").unlink()
    else:
        (folder / "decision-aid.yaml").rename(folder / "decision.yaml")
    assert prebuilt.load(data, folder) is None


def _with_header(data: bytes, **changes: object) -> bytes:
    end = data.find(b"\n", len(prebuilt.MAGIC))
    header = json.loads(data[len(prebuilt.MAGIC) : end])
    header.update(changes)
    return prebuilt.MAGIC + json.dumps(header).encode() + data[end:]


def test_other_code_or_versions_make_it_stale(built):
    assert prebuilt.load(_with_header(built), RULES) is not None  # the header round-trips
    assert prebuilt.load(_with_header(built, code="0" * 64), RULES) is None
    assert prebuilt.load(_with_header(built, pydantic="1.0"), RULES) is None
    assert prebuilt.load(_with_header(built, python="3.0"), RULES) is None
    assert prebuilt.load(b"not a prebuilt rulebook", RULES) is None
    assert prebuilt.load(built[:-100], RULES) is None  # cut short: the YAML is read instead


def test_the_code_it_checks_is_all_the_code_a_fresh_load_runs(built):
    """Its header hashes the source of every ConsultAid module a fresh load imports (models, loader, checks),
    so a change to any of them makes it stale."""
    end = built.find(b"\n", len(prebuilt.MAGIC))
    recorded = set(json.loads(built[len(prebuilt.MAGIC) : end])["sources"])
    code = (
        "import sys\nfrom consultaid import load_rulebook\n"
        f"load_rulebook({str(RULES)!r})\n"
        "print(' '.join(m.__file__ for n, m in sys.modules.items() if n.startswith('consultaid')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    package = Path(prebuilt.__file__).resolve().parents[1]
    ran = {Path(f).resolve().relative_to(package).as_posix() for f in out.stdout.split()}
    assert ran <= recorded
    assert {"rulebook/model.py", "rulebook/load.py", "rulebook/conditions/nodes.py"} <= recorded


def test_a_fresh_prebuilt_rulebook_needs_no_yaml_and_no_validation(built, tmp_path):
    """What makes it quick, checked without timing anything: loading it imports no YAML parser and builds
    no pydantic validator for the rulebook's models."""
    path = tmp_path / "prebuilt.pickle"
    path.write_bytes(built)
    code = (
        "import sys\nfrom pathlib import Path\nfrom consultaid.rulebook import prebuilt\n"
        "from consultaid.rulebook.model import Procedure\n"
        f"book = prebuilt.load_default(Path({str(RULES)!r}), Path({str(path)!r}))\n"
        "assert book is not None and book.procedures\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'yaml', 'ruamel', '_ruamel_yaml'}),"
        " Procedure.__pydantic_complete__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["[]", "False"]


def test_a_rulebook_folder_given_is_always_read_afresh(monkeypatch):
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("--rules DIR must not look at the prebuilt rulebook")

    monkeypatch.setattr(prebuilt, "load_default", refuse)
    assert load_rulebook(RULES).info.id == "consultaid-default"


def test_without_an_up_to_date_prebuilt_rulebook_the_default_is_read_from_its_files(monkeypatch, tmp_path):
    monkeypatch.setattr(prebuilt, "default_path", lambda: tmp_path / "missing.pickle")
    assert _comparable(load_rulebook()) == _comparable(load_rulebook(RULES))
    (tmp_path / "missing.pickle").write_bytes(b"damaged")
    assert _comparable(load_rulebook()) == _comparable(load_rulebook(RULES))


def test_prebuilding_a_rulebook_with_problems_says_so(tmp_path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "book.yaml").write_text("rulebook:\n  id: x\n  colour: red\n")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "consultaid.rulebook.prebuilt",
            str(tmp_path / "out"),
            "--rules",
            str(tmp_path / "rules"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "book.yaml:3:3" in done.stderr and "nothing was prebuilt" in done.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "command",
    [
        ["suggest"],
        ["suggest", "--format", "json"],
        ["explain"],
        ["export", "--output", "-"],
        ["export", "--output", "-", "--format", "html"],
    ],
    ids=" ".join,
)
def test_commands_with_the_prebuilt_rulebook_build_no_pydantic_validator(built, tmp_path, command):
    """What makes a fresh command quick, checked without timing anything: with the prebuilt default
    rulebook, reading a YAML answers file, evaluating and printing build no pydantic validator or serializer
    (the first one built would cost a tenth of the process: pydantic then looks for plugins in every
    installed package), and import no ruamel."""
    path = tmp_path / "prebuilt.pickle"
    path.write_bytes(built)
    code = f"""
import sys
from pathlib import Path
import pydantic
from consultaid.rulebook import prebuilt
prebuilt.default_path = lambda: Path({str(path)!r})
from consultaid.cli import main
sys.argv = ["consultaid", {command[0]!r}, "--answers", {str(ROOT / "examples" / "nose-and-chin.yaml")!r},
            *{command[1:]!r}]
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code

def models(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from models(sub)

built = sorted({{m.__qualname__ for m in models(pydantic.BaseModel)
                 if m.__module__.startswith("consultaid") and m.__pydantic_complete__}})
print("BUILT", built, sorted(m for m in sys.modules if m.startswith(("ruamel", "importlib.metadata"))))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "BUILT [] []", out.stdout[-500:]
    assert "rhinoplasty" in out.stdout.lower()
