"""The package as installed: the rulebook ships inside the wheel, and the core stays free of Textual."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

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
    # the default rulebook, loaded and checked by the build (hatch_build.py), made from these very files
    from consultaid.rulebook import prebuilt

    shipped = zipfile.ZipFile(wheel).read("consultaid/rulebook/" + prebuilt.FILE_NAME)
    assert prebuilt.load(shipped, ROOT / "rules") is not None


def test_the_containerfile_copies_everything_the_build_needs(tmp_path):
    """The Containerfile builds the package from what its COPY lines bring in, and nothing else: built from
    exactly those files here, the wheel must come out whole, the prebuilt default rulebook and the web
    wizard's pages in it (without hatch_build.py, the build hook, `pip install` stopped at once)."""
    import shutil

    context = tmp_path / "context"
    context.mkdir()
    for line in (ROOT / "Containerfile").read_text(encoding="utf-8").splitlines():
        words = line.split()
        if not words or words[0] != "COPY" or any(w.startswith("--from") for w in words):
            continue
        *sources, target = words[1:]
        for source in sources:
            # COPY a b ./ puts a and b in the folder; COPY src ./src names the copy
            place = context / target / Path(source).name if target.endswith("/") else context / target
            if (ROOT / source).is_dir():
                shutil.copytree(
                    ROOT / source,
                    place,
                    ignore=shutil.ignore_patterns("__pycache__", "_default_rulebook.pickle", "*.egg-info"),
                )
            else:
                place.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / source, place)
    out = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w",
         str(tmp_path / "dist"), str(context)],
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr[-3000:]
    (wheel,) = (tmp_path / "dist").glob("consultaid-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    from consultaid.rulebook import prebuilt

    assert "consultaid/rulebook/" + prebuilt.FILE_NAME in names
    assert (
        "consultaid/web/templates/question.html" in names and "consultaid/web/static/consultaid.css" in names
    )


def test_commands_write_nothing_at_run_time(tmp_path):
    """No cache, no history, no settings: suggest, explain and export to standard output leave the home
    folder (and every folder XDG names) empty, and leave the package as it was."""
    import os

    from consultaid.rulebook import prebuilt

    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")}
    env["XDG_CONFIG_HOME"] = str(home / ".config")
    env["XDG_DATA_HOME"] = str(home / ".local")
    package = prebuilt.default_path().parent
    before = sorted(p.name for p in package.iterdir() if p.name != "__pycache__")
    answers = str(ROOT / "examples" / "nose-and-chin.yaml")
    for args in (
        ["suggest", "--answers", answers],
        ["suggest", "--answers", answers, "--format", "json"],
        ["explain", "--answers", answers],
        ["export", "--answers", answers, "--output", "-"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "consultaid", *args], capture_output=True, text=True, env=env, cwd=tmp_path
        )
        assert done.returncode == 0, done.stderr
    assert list(home.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]
    assert sorted(p.name for p in package.iterdir() if p.name != "__pycache__") == before


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
    # a folder given is always parsed (the default rulebook may come prebuilt: tests/test_prebuilt.py)
    loaded = _modules_after(f"from consultaid import load_rulebook\nload_rulebook({str(ROOT / 'rules')!r})")
    # libyaml through PyYAML, with ruamel's YAML 1.2 rules copied (ruamel itself only for errors)
    assert "yaml._yaml" in loaded
    assert not any(m == "ruamel" or m.startswith(("ruamel.", "_ruamel")) for m in loaded)


def test_the_slow_round_trip_parse_runs_only_to_place_an_error(monkeypatch, tmp_path):
    from consultaid import RulebookError, load_rulebook
    from consultaid.yamlfile import Locator

    calls = []  # the second parse for places: libyaml's nodes, or ruamel's round trip where libyaml cannot
    for name in ("_compose", "_load"):
        original = getattr(Locator, name)
        monkeypatch.setattr(Locator, name, lambda self, original=original: calls.append(1) or original(self))
    load_rulebook()
    assert calls == []
    (tmp_path / "book.yaml").write_text("rulebook:\n  id: x\n  colour: red\n")
    try:
        load_rulebook(tmp_path)
    except RulebookError:
        pass
    assert calls
