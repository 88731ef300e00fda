"""The package as installed: the rulebook ships inside the wheel, and the core stays free of Textual."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from .conftest import ROOT


def test_wheel_ships_the_default_rulebook(tmp_path):
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    (wheel,) = tmp_path.glob("consultaid-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("rulebook", "questions", "procedures", "cautions", "rules"):
        assert f"consultaid/rules/{name}.yaml" in names
    assert "consultaid/rules/rulebook.schema.json" in names  # the rule files name it, next to them
    assert any(n.startswith("consultaid/rules/tests/") and n.endswith(".yaml") for n in names)  # rules test
    assert "consultaid/rulebook/contracts.yaml" in names  # rules check holds a rulebook to its contract
    assert (
        "consultaid/tui/consultaid.tcss" in names
        or not (ROOT / "src/consultaid/tui/consultaid.tcss").exists()
    )


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return set(out.stdout.split())


def test_import_consultaid_is_light():
    modules = _modules_after("import consultaid")
    assert not {"pydantic", "ruamel", "textual", "click"} & {m.split(".")[0] for m in modules}


def test_engine_and_loader_do_not_import_textual():
    modules = _modules_after(
        "from consultaid import load_rulebook, evaluate, load_answers\n"
        "book = load_rulebook()\n"
        "evaluate(book, {'goal': 'unsure', 'area': ['nose'], 'concern': ['nose-shape'],"
        " 'motivation': ['health'],"
        " 'preoccupation': 'rarely', 'impact': 'never', 'considering': 'over-1-year', 'previous': 'none',"
        " 'age': '18-or-over', 'approach': 'unsure'})"
    )
    assert "textual" not in modules and "rich" not in modules


def test_the_fast_c_loader_parses_the_rulebook():
    assert "_ruamel_yaml" in _modules_after("from consultaid import load_rulebook\nload_rulebook()")


def test_the_slow_round_trip_parse_runs_only_to_place_an_error(monkeypatch, tmp_path):
    from consultaid import RulebookError, load_rulebook
    from consultaid.yamlfile import Locator

    calls = []
    original = Locator._load
    monkeypatch.setattr(Locator, "_load", lambda self: calls.append(1) or original(self))
    load_rulebook()
    assert calls == []
    (tmp_path / "book.yaml").write_text("rulebook:\n  id: x\n  colour: red\n")
    try:
        load_rulebook(tmp_path)
    except RulebookError:
        pass
    assert calls
