"""The one-way imports that docs/architecture.md promises: each layer uses only the layers below it.

Read from the source with `ast` (every import, at the top or inside a function), so a new module or a lazy
import that breaks a rule fails here, with the file and the line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "src" / "consultaid"

# What a part may not import, by layer (a part is a top-level module or package of consultaid).
FRONT_ENDS = {"tui", "web", "plain", "cli", "__main__"}
RULES: dict[str, set[str]] = {
    # the rulebook knows nothing of answers being evaluated, shown or asked
    "rulebook": FRONT_ENDS | {"engine", "wizard", "view", "report", "session", "authoring", "reflection"},
    # the engine is a pure function of (rulebook, answers): no view, no wizard, no renderer, no front end
    "engine": FRONT_ENDS | {"wizard", "view", "report", "session", "authoring", "files"},
    "result": FRONT_ENDS | {"engine", "wizard", "view", "report", "session", "authoring"},
    "answers": FRONT_ENDS | {"engine", "wizard", "view", "report", "session", "authoring"},
    # the wizard core and the results view have no user interface of their own
    "wizard": FRONT_ENDS | {"view", "report", "authoring"},
    "view": FRONT_ENDS | {"wizard", "report", "authoring"},
    # renderers lay out the view; they never reach into a front end
    "report": FRONT_ENDS | {"wizard", "authoring"},
    "authoring": FRONT_ENDS | {"wizard", "view", "report"},
    # the front ends never import one another
    "tui": {"web", "plain", "cli"},
    "web": {"tui", "plain", "cli"},
    "plain": {"tui", "web", "cli"},
}
# Textual belongs to the terminal front end (safe.py makes a Textual Content for it, imported only there).
TEXTUAL_ALLOWED = {"tui", "safe", "cli", "__main__"}


def _part(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def _imports(path: Path) -> list[tuple[str, int]]:
    """(what is imported, line): consultaid parts as their names, anything else as its top-level module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = path.relative_to(PACKAGE).parent.parts
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                name = alias.name
                if name.startswith("consultaid."):
                    found.append((name.split(".")[1], node.lineno))
                else:
                    found.append(("~" + name.split(".")[0], node.lineno))
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                module = node.module or ""
                if module.startswith("consultaid."):
                    found.append((module.split(".")[1], node.lineno))
                elif module == "consultaid":
                    found.extend((alias.name, node.lineno) for alias in node.names)
                else:
                    found.append(("~" + module.split(".")[0], node.lineno))
                continue
            base = list(here[: len(here) - (node.level - 1)]) if node.level > 1 else list(here)
            target = base + (node.module.split(".") if node.module else [])
            if target:
                found.append((target[0], node.lineno))
            else:  # from . import x, at the top of the package
                found.extend((alias.name, node.lineno) for alias in node.names)
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_part_imports_only_what_its_layer_may(path):
    part = _part(path)
    banned = RULES.get(part, set())
    broken = [
        f"{path.relative_to(ROOT)}:{line}: {part} imports {name}"
        for name, line in _imports(path)
        if name in banned and name != part
    ]
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_textual_is_imported_only_by_the_terminal_front_end(path):
    if _part(path) in TEXTUAL_ALLOWED:
        return
    textual = [line for name, line in _imports(path) if name == "~textual"]
    assert not textual, f"{path.relative_to(ROOT)}:{textual[0]} imports Textual"


def test_the_rules_name_parts_that_exist():
    """A rule about a part that was renamed would pass for ever: every part named here exists (or is a front
    end still to come)."""
    parts = {_part(p) for p in MODULES}
    named = set(RULES) | {n for banned in RULES.values() for n in banned}
    assert named - parts <= {"web", "plain"}, named - parts


SCREENS = sorted((PACKAGE / "tui" / "screens").glob("*.py")) + sorted(
    (PACKAGE / "tui" / "widgets").glob("*.py")
)


@pytest.mark.parametrize("path", SCREENS, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_screen_calls_up_into_the_app(path):
    """Attributes down, messages up: a screen or widget uses only what every Textual App has (push_screen,
    notify, bell, ...), never a method or attribute of ConsultAidApp, which it would reach only by a cast or a
    ``type: ignore``."""
    from textual.app import App

    def is_self_app(node: ast.AST) -> bool:
        return (
            isinstance(node, ast.Attribute)
            and node.attr == "app"
            and isinstance(node.value, ast.Name)
            and node.value.id == "self"
        )

    tree = ast.parse(path.read_text(encoding="utf-8"))
    upward = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and is_self_app(node.value) and not hasattr(App, node.attr):
            upward.append(f"{path.relative_to(ROOT)}:{node.lineno}: self.app.{node.attr}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"getattr", "hasattr"}
            and node.args
            and is_self_app(node.args[0])
        ):
            upward.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.func.id}(self.app, ...)")
    assert not upward, "\n".join(upward)
