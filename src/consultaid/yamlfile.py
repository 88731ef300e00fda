"""Reading YAML quickly, and finding the line and column of a problem only when there is one.

The C-accelerated safe loader parses the rulebook at start-up. Line numbers come from ruamel's round-trip loader,
which is about ten times slower, so it runs only to place an error that has already been found.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence

from .errors import Problem, display_path

PathElems = Sequence[str | int]


def _safe_yaml() -> Any:
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=False)


def read_text(path: Path) -> tuple[str | None, Problem | None]:
    """The file's text, or a problem saying plainly why it could not be read."""
    shown = display_path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, Problem(shown, 0, 0, "no such file")
    except IsADirectoryError:
        return None, Problem(shown, 0, 0, "this is a folder, not a file")
    except OSError as exc:
        return None, Problem(shown, 0, 0, f"cannot read the file: {exc.strerror or exc}")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, Problem(shown, line, column, "the file is not UTF-8 text")


def parse(text: str, shown: str, *, json_only: bool = False) -> tuple[Any, Problem | None]:
    """Parse YAML (or JSON, when ``json_only``) text; a syntax error becomes one located problem."""
    if json_only:
        try:
            return json.loads(text), None
        except json.JSONDecodeError as exc:
            return None, Problem(shown, exc.lineno, exc.colno, f"not valid JSON: {exc.msg}")
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        return _safe_yaml().load(text), None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "not valid YAML").strip()
        if "duplicate key" in problem:
            problem = problem.split(" with value")[0].replace('"', "'")
        else:
            problem = f"not valid YAML: {problem}"
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        return None, Problem(shown, line, column, problem)
    except YAMLError as exc:  # reader errors (control characters) and other unplaced YAML errors
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "mark", None)
        line = getattr(mark, "line", -1) + 1
        column = getattr(mark, "column", -1) + 1
        text_ = str(exc).splitlines()[0] if str(exc) else "not valid YAML"
        return None, Problem(shown, line, column, f"not valid YAML: {text_}")
    except RecursionError:
        return None, Problem(shown, 0, 0, "not valid YAML: nested too deeply")


class Locator:
    """Maps a path inside a parsed document (``("rules", 3, "when")``) back to its line and column.

    The round-trip parse is done once per file, and only when the first problem in that file needs a place.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._doc: Any = None
        self._parsed = False

    def _load(self) -> Any:
        if not self._parsed:
            self._parsed = True
            from ruamel.yaml import YAML

            try:
                self._doc = YAML(typ="rt").load(self._text)
            except Exception:  # noqa: BLE001 - the fast parse succeeded; no place is better than a crash
                # The C parser accepts a tab where ruamel's own scanner does not ("key:<tab>value"); a space in its
                # place keeps every line and column where it was.
                try:
                    self._doc = YAML(typ="rt").load(self._text.replace("\t", " "))
                except Exception:  # noqa: BLE001
                    self._doc = None
        return self._doc

    def locate(self, path: PathElems, *, at_key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the deepest node of ``path`` that exists; (0, 0) when unknown.

        Path elements that are not in the document (pydantic's union tags, say) are skipped, so a pydantic error
        location can be passed as it is. ``at_key`` points at the key of the last mapping entry rather than at
        its value (for "unknown key" problems).
        """
        node = self._load()
        if node is None:
            return (0, 0)
        position = (1, 1) if not hasattr(node, "lc") else (node.lc.line + 1, node.lc.col + 1)
        last = len(path) - 1
        for i, element in enumerate(path):
            lc = getattr(node, "lc", None)
            if isinstance(node, dict) and not isinstance(element, bool) and element in node:
                if lc is not None:
                    key_pos = lc.key(element)
                    value_pos = lc.value(element)
                    position = _one_based(key_pos if at_key and i == last else value_pos)
                node = node[element]
            elif isinstance(node, list) and isinstance(element, int) and 0 <= element < len(node):
                if lc is not None:
                    position = _one_based(lc.item(element))
                node = node[element]
        return position


def _one_based(pos: Any) -> tuple[int, int]:
    try:
        return (int(pos[0]) + 1, int(pos[1]) + 1)
    except (TypeError, IndexError, ValueError):
        return (0, 0)


def describe(value: Any) -> str:
    """A plain name for a value's type, for messages such as 'expected a list, got a number'."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 40 else "a long text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__
