"""Reading YAML quickly, and finding the line and column of a problem only when there is one.

A C (libyaml) loader parses the rulebook at start-up, with ruamel's YAML 1.2 rules; ruamel's own safe loader
reads anything unusual and gives every error. Line numbers come from ruamel's round-trip loader, which is
about ten times slower, so it runs only to place an error that has already been found.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from .errors import Problem, display_path

PathElems = Sequence[str | int]


class _Unusual(Exception):
    """The quick loader met something it does not build itself: ruamel builds the document instead."""


def _unusual(loader: Any, node: Any) -> Any:
    raise _Unusual


# ruamel.yaml's implicit resolvers for YAML 1.2 (``ruamel.yaml.resolver.implicit_resolvers``): which plain
# scalars are read as true/false, numbers, null, dates ... Kept here, as (tag, pattern, verbose, first
# characters), so that the quick path need not import ruamel (a tenth of a second in a fresh process);
# tests/test_yamlfile.py checks that they are ruamel's own, to the character.
YAML_1_2_RESOLVERS: tuple[tuple[str, str, bool, tuple[str, ...]], ...] = (
    ("bool", "^(?:true|True|TRUE|false|False|FALSE)$", True, ("t", "T", "f", "F")),
    (
        "float",
        "^(?:\n         [-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?\n"
        "        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)\n"
        "        |[-+]?\\.[0-9_]+(?:[eE][-+][0-9]+)?\n"
        "        |[-+]?\\.(?:inf|Inf|INF)\n"
        "        |\\.(?:nan|NaN|NAN))$",
        True,
        tuple("-+0123456789."),
    ),
    (
        "int",
        "^(?:[-+]?0b[0-1_]+\n        |[-+]?0o?[0-7_]+\n        |[-+]?[0-9_]+\n"
        "        |[-+]?0x[0-9a-fA-F_]+)$",
        True,
        tuple("-+0123456789"),
    ),
    ("merge", "^(?:<<)$", False, ("<",)),
    ("null", "^(?: ~\n        |null|Null|NULL\n        | )$", True, ("~", "n", "N", "")),
    (
        "timestamp",
        "^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]\n"
        "        |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?\n"
        "        (?:[Tt]|[ \\t]+)[0-9][0-9]?\n"
        "        :[0-9][0-9] :[0-9][0-9] (?:\\.[0-9]*)?\n"
        "        (?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$",
        True,
        tuple("0123456789"),
    ),
    ("value", "^(?:=)$", False, ("=",)),
    ("yaml", "^(?:!|&|\\*)$", False, ("!", "&", "*")),
)

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?[0-9]+\.[0-9]*(?:[eE][-+]?[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _quick_loader() -> Any:
    """A PyYAML C loader (libyaml) that resolves plain scalars by ruamel's own YAML 1.2 rules and builds only
    the plain kinds a rulebook is made of: texts, mappings, lists, null, true/false, plain whole and decimal
    numbers and dates. Anything else (other tags, merge keys, a duplicate key, `%YAML` directives) raises
    `_Unusual`, and ruamel's safe loader reads the document instead, so data and errors stay exactly ruamel's.
    Public APIs only (PyYAML's `add_implicit_resolver` and `add_constructor`). None without libyaml.
    """
    global _QUICK
    if _QUICK is not None:
        return _QUICK or None
    try:
        from yaml import CSafeLoader
    except (ImportError, AttributeError):  # no libyaml: ruamel reads everything
        _QUICK = False
        return None

    class QuickLoader(CSafeLoader):
        """Starts without PyYAML's resolvers and constructors (its YAML 1.1 rules): only those added below."""

        yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - PyYAML keeps its registry on the class
        yaml_constructors: ClassVar[dict[Any, Any]] = {}

    for name, pattern, verbose, first in YAML_1_2_RESOLVERS:
        regexp = re.compile(pattern, re.X if verbose else 0)
        QuickLoader.add_implicit_resolver("tag:yaml.org,2002:" + name, regexp, list(first))

    def text(loader: Any, node: Any) -> str:
        return str(node.value)

    def nothing(loader: Any, node: Any) -> None:
        return None

    def truth(loader: Any, node: Any) -> bool:
        return bool(node.value.lower() == "true")

    def whole(loader: Any, node: Any) -> int:
        if not _INT.fullmatch(node.value):
            raise _Unusual  # 0x, 0o, 0b, underscores, leading zeros
        return int(node.value)

    def decimal(loader: Any, node: Any) -> float:
        if not _FLOAT.fullmatch(node.value):
            raise _Unusual  # .inf, .nan, exponents without a point, underscores
        return float(node.value)

    def day(loader: Any, node: Any) -> Any:
        import datetime as dt

        if not _DATE.fullmatch(node.value):
            raise _Unusual  # times and time zones
        return dt.date.fromisoformat(node.value)  # an impossible date: ruamel gives its own error

    def listing(loader: Any, node: Any) -> Any:
        data: list[Any] = []
        yield data
        data.extend(loader.construct_object(item) for item in node.value)

    def mapping(loader: Any, node: Any) -> Any:
        data: dict[Any, Any] = {}
        yield data
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node)
            if key in data:
                raise _Unusual  # ruamel names the duplicate key
            data[key] = loader.construct_object(value_node)

    for tag, build in (
        ("str", text),
        ("null", nothing),
        ("bool", truth),
        ("int", whole),
        ("float", decimal),
        ("timestamp", day),
        ("seq", listing),
        ("map", mapping),
    ):
        QuickLoader.add_constructor("tag:yaml.org,2002:" + tag, build)
    QuickLoader.add_constructor(None, _unusual)
    _QUICK = QuickLoader
    return QuickLoader


_QUICK: Any = None


def load_yaml(text: str) -> Any:
    """The data of a one-document YAML text, exactly as ruamel's YAML 1.2 safe loader gives it, or ruamel's
    error. Most files go through the quick loader (:func:`_quick_loader`); the rest, and every error, through
    ruamel itself."""
    loader = _quick_loader() if "%YAML" not in text else None
    if loader is not None:
        import yaml

        try:
            return yaml.load(text, Loader=loader)  # a safe loader: our constructors only
        except (_Unusual, yaml.YAMLError, ValueError, TypeError, RecursionError):
            pass  # ruamel reads it again and gives its own data or error
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=False).load(text)


class DuplicateKey(ValueError):
    """A JSON object names the same key twice (YAML reports this itself; JSON would keep the last
    silently)."""

    def __init__(self, key: str, text: str) -> None:
        super().__init__(key)
        self.key = key
        # The second occurrence: the first '"key":' after the first one.
        needle = json.dumps(key)
        first = text.find(needle)
        second = text.find(needle, first + 1) if first >= 0 else -1
        at = second if second >= 0 else max(first, 0)
        self.line = text.count("\n", 0, at) + 1
        self.column = at - (text.rfind("\n", 0, at) + 1) + 1


def load_json(text: str) -> Any:
    """json.loads, but a key given twice in one object is an error rather than silently the last one."""

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                raise DuplicateKey(key, text)
            out[key] = value
        return out

    return json.loads(text, object_pairs_hook=pairs)


#: Limits on any file read (rulebook, answers, session, scenarios): far above any real file, far below harm.
MAX_FILE_BYTES = 2 * 1024 * 1024  # the default rulebook's largest file is under 100 kB
MAX_DEPTH = 64  # levels of nesting; the deepest rule condition in the default rulebook is under 15
MAX_ITEMS = 200_000  # values, counting each use of a YAML alias again (a billion-laughs file stops here)
MAX_TEXT = 20_000  # characters in one text or key
MAX_DIGITS = 4300  # Python's own limit on converting digits to an integer


def read_text(path: Path) -> tuple[str | None, Problem | None]:
    """The file's text, or a problem saying plainly why it could not be read.

    Only a regular file is read (a device such as /dev/zero or a named pipe would never end, or block), and
    at most :data:`MAX_FILE_BYTES` of it.
    """
    import os
    import stat

    shown = display_path(path)
    try:
        # O_NONBLOCK: opening a named pipe does not wait for a writer (the check below refuses it).
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None, Problem(shown, 0, 0, "no such file")
    except IsADirectoryError:
        return None, Problem(shown, 0, 0, "this is a folder, not a file")
    except OSError as exc:
        return None, Problem(shown, 0, 0, f"cannot read the file: {exc.strerror or exc}")
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            return None, Problem(shown, 0, 0, "this is a folder, not a file")
        if not stat.S_ISREG(mode):
            return None, Problem(
                shown, 0, 0, "not a regular file (a device, pipe or socket); nothing was read"
            )
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return None, Problem(shown, 0, 0, f"cannot read the file: {exc.strerror or exc}")
    finally:
        os.close(fd)
    if len(raw) > MAX_FILE_BYTES:
        return None, Problem(
            shown, 0, 0, f"the file is too big (over {MAX_FILE_BYTES // (1024 * 1024)} MB); nothing was read"
        )
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, Problem(shown, line, column, "the file is not UTF-8 text")


def _place(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def too_deep_before_parsing(text: str, shown: str) -> Problem | None:
    """Nesting deeper than :data:`MAX_DEPTH`, found in the text, before the C parser could overflow its stack.

    Counts brackets (flow nesting: ``[[[[``) and, per line, indentation and leading ``- `` (block nesting:
    ``- - - -``). Both only over-count (a bracket inside a text counts too), which at this limit is harmless.
    """

    depth = 0
    for match in re.finditer(r"[\[\]{}]", text):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_DEPTH:
            line, column = _place(text, match.start())
            return Problem(shown, line, column, f"nested too deeply (more than {MAX_DEPTH} levels)")
    for match in re.finditer(r"^( *)((?:[-?:] +)+)", text, flags=re.M):
        if len(match.group(1)) // 2 + len(match.group(2).split()) > MAX_DEPTH:
            line, column = _place(text, match.end(2))
            return Problem(shown, line, column, f"nested too deeply (more than {MAX_DEPTH} levels)")
    return None


def value_problem(text: str, shown: str, exc: Exception) -> Problem:
    """A value Python refused to build (a huge integer, an impossible date), placed if it can be."""
    import datetime as dt

    big = re.search(rf"\d{{{MAX_DIGITS + 1},}}", text)
    if big is not None:
        line, column = _place(text, big.start())
        return Problem(shown, line, column, f"a number with more than {MAX_DIGITS} digits")
    for match in re.finditer(r"(?<![\w.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w.-])", text):
        try:
            dt.date(*(int(g) for g in match.groups()))
        except ValueError as bad:
            line, column = _place(text, match.start())
            return Problem(shown, line, column, f"'{match.group()}' is not a date ({bad})")
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return Problem(shown, 0, 0, f"a value that cannot be read: {message}")


def check_limits(data: Any, text: str, shown: str) -> Problem | None:
    """The first place where parsed data breaks a limit: too deep, too many values (counting each alias
    use), a text too long, or a control character in a text or key. None when all is well.

    Walks the data without recursion, so it cannot itself run out of stack.
    """
    from .safe import has_control, visible

    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    items = 0
    problem: tuple[tuple[Any, ...], str, bool] | None = None
    while stack:
        value, path = stack.pop()
        items += 1
        if items > MAX_ITEMS:
            problem = (path, f"more than {MAX_ITEMS} values (are YAML aliases repeating a part?)", False)
            break
        if len(path) > MAX_DEPTH:
            problem = (path, f"nested too deeply (more than {MAX_DEPTH} levels)", False)
            break
        if isinstance(value, str):
            if len(value) > MAX_TEXT:
                problem = (path, f"a text of {len(value)} characters (at most {MAX_TEXT})", False)
                break
            bad = has_control(value)
            if bad is not None:
                problem = (path, f"a control character {visible(bad.group())} in the text; remove it", False)
                break
        elif isinstance(value, dict):
            for key, item in reversed(list(value.items())):
                if isinstance(key, str):
                    if len(key) > MAX_TEXT:
                        problem = ((*path, key), f"a key of {len(key)} characters (at most {MAX_TEXT})", True)
                        break
                    bad = has_control(key)
                    if bad is not None:
                        message = f"a control character {visible(bad.group())} in a key; remove it"
                        problem = ((*path, key), message, True)
                        break
                stack.append((item, (*path, key)))
            if problem:
                break
        elif isinstance(value, list):
            stack.extend((item, (*path, i)) for i, item in reversed(list(enumerate(value))))
    if problem is None:
        return None
    path, message, at_key = problem
    line, column = Locator(text).locate(path, at_key=at_key)
    return Problem(shown, line, column, message)


def parse(text: str, shown: str, *, json_only: bool = False) -> tuple[Any, Problem | None]:
    """Parse YAML (or JSON, when ``json_only``) text; a syntax error or a broken limit (see
    :func:`check_limits`) becomes one located problem."""
    data, problem = _parse(text, shown, json_only=json_only)
    if problem is None:
        problem = check_limits(data, text, shown)
    return (None, problem) if problem is not None else (data, None)


def _parse(text: str, shown: str, *, json_only: bool = False) -> tuple[Any, Problem | None]:
    deep = too_deep_before_parsing(text, shown)
    if deep is not None:
        return None, deep
    if json_only:
        try:
            return load_json(text), None
        except DuplicateKey as exc:
            return None, Problem(shown, exc.line, exc.column, f"duplicate key '{exc.key}'")
        except RecursionError:
            return None, Problem(shown, 0, 0, "not valid JSON: nested too deeply")
        except json.JSONDecodeError as exc:
            return None, Problem(shown, exc.lineno, exc.colno, f"not valid JSON: {exc.msg}")
        except ValueError as exc:  # an integer of more than 4300 digits
            return None, value_problem(text, shown, exc)
    try:
        return load_yaml(text), None
    except RecursionError:
        return None, Problem(shown, 0, 0, "not valid YAML: nested too deeply")
    except (ValueError, OverflowError, TypeError) as exc:  # a huge integer, an impossible date
        return None, value_problem(text, shown, exc)
    except Exception as exc:
        return None, _yaml_problem(exc, shown)


def _yaml_problem(exc: Exception, shown: str) -> Problem:
    """ruamel's error for a document it could not read, as a problem with its place (ruamel is imported only
    here and in :func:`load_yaml`, once the quick loader has handed a document on)."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    if isinstance(exc, MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "not valid YAML").strip()
        if "duplicate key" in problem:
            problem = problem.split(" with value")[0].replace('"', "'")
        else:
            problem = f"not valid YAML: {problem}"
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        return Problem(shown, line, column, problem)
    if isinstance(exc, YAMLError):  # reader errors (control characters) and other unplaced YAML errors
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "mark", None)
        line = getattr(mark, "line", -1) + 1
        column = getattr(mark, "column", -1) + 1
        text_ = str(exc).splitlines()[0] if str(exc) else "not valid YAML"
        return Problem(shown, line, column, f"not valid YAML: {text_}")
    raise exc


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
            except Exception:
                # The C parser accepts a tab where ruamel's own scanner does not ("key:<tab>value"); a space
                # in its place keeps every line and column where it was.
                try:
                    self._doc = YAML(typ="rt").load(self._text.replace("\t", " "))
                except Exception:
                    self._doc = None
        return self._doc

    def locate(self, path: PathElems, *, at_key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the deepest node of ``path`` that exists; (0, 0) when unknown.

        Path elements that are not in the document (pydantic's union tags, say) are skipped, so a pydantic
        error location can be passed as it is. ``at_key`` points at the key of the last mapping entry rather
        than at its value (for "unknown key" problems).
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
