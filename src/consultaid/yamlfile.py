"""Reading YAML quickly, and finding the line and column of a problem only when there is one.

A C (libyaml) loader parses the rulebook at start-up, with ruamel's YAML 1.2 rules; ruamel's own safe loader
reads anything unusual and gives every error. Line numbers come from libyaml's nodes (or, where libyaml cannot
read the text, ruamel's round-trip loader), parsed again only to place an error that has already been found.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
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
MAX_FOLDER_BYTES = 8 * 1024 * 1024  # all the files of one rulebook or scenario folder together
MAX_FOLDER_FILES = 100  # files in one rulebook or scenario folder (the default rulebook has 7)


def too_much_in_folder(folder: Path, paths: list[Path]) -> Problem | None:
    """A folder of more files, or more bytes in them, than any rulebook needs: refused before any is read.

    One file is at most :data:`MAX_FILE_BYTES`, but a folder of a thousand such files would be read and
    checked one after another, holding them all (gigabytes) for minutes. The 10,000-rule benchmark rulebook
    is under 2 MB.
    """
    import os
    import stat

    shown = display_path(folder)
    if len(paths) > MAX_FOLDER_FILES:
        return Problem(shown, 0, 0, f"more than {MAX_FOLDER_FILES} YAML files; nothing was read")
    total = 0
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            continue  # reading it says why
        if stat.S_ISREG(info.st_mode):
            total += info.st_size
    if total > MAX_FOLDER_BYTES:
        return Problem(
            shown,
            0,
            0,
            f"the YAML files hold {total / 2**20:.0f} MB together (at most {MAX_FOLDER_BYTES // 2**20} MB); "
            "nothing was read",
        )
    return None


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

    Counts brackets (flow nesting: ``[[[[``) and, line by line, the blocks open (each deeper indentation) and
    leading ``- `` (block nesting: ``- - - -``). Both only over-count (a bracket inside a text counts too, a
    text's second line may be indented), which at this limit is harmless.
    """

    depth = 0
    for match in re.finditer(r"[\[\]{}]", text):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_DEPTH:
            line, column = _place(text, match.start())
            return Problem(shown, line, column, f"nested too deeply (more than {MAX_DEPTH} levels)")
    indents = [-1]  # the indentation of each open block, outermost first
    for match in re.finditer(r"^( *)((?:[-?:] +)*)([^ #\n])?", text, flags=re.M):
        if match.group(3) is None and not match.group(2):
            continue  # a blank line or a comment
        indent = len(match.group(1))
        while indent <= indents[-1]:
            indents.pop()
        indents.append(indent)
        if len(indents) - 1 + len(match.group(2).split()) > MAX_DEPTH:
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


def too_much_merged(text: str, shown: str) -> Problem | None:
    """Merge keys (``<<: [*a, *a]``) that would copy more than :data:`MAX_ITEMS` entries, found on libyaml's
    nodes before ruamel builds anything.

    An alias is one object used twice, and the values are counted after parsing; but a merge copies the
    merged mapping's entries, and ruamel copies them while it parses: a chain of 40 mappings each merging
    the one before twice asks for 2^40 entries (a MemoryError after 700 MB). Each mapping's merged size is
    worked out once, so the check itself stays linear.
    """
    loader = _quick_loader()
    if loader is None or "<<" not in text:
        return None
    import yaml

    try:
        root = yaml.compose(text, Loader=loader)
    except Exception:  # not YAML libyaml reads: ruamel says what is wrong
        return None
    merge = "tag:yaml.org,2002:merge"
    sizes: dict[int, int] = {}  # each mapping's entries once its merges are made
    total = 0
    stack: list[tuple[Any, bool]] = [(root, False)] if root is not None else []
    while stack:
        node, done = stack.pop()
        if isinstance(node, yaml.MappingNode):
            sources = [
                source
                for key, value in node.value
                if key.tag == merge
                for source in (value.value if isinstance(value, yaml.SequenceNode) else [value])
                if isinstance(source, yaml.MappingNode)
            ]
            if done:
                own = sum(1 for key, _ in node.value if key.tag != merge)
                sizes[id(node)] = size = own + sum(sizes.get(id(source), 0) for source in sources)
                total += size if sources else 0
                if size > MAX_ITEMS or total > MAX_ITEMS:
                    line, column = node.start_mark.line + 1, node.start_mark.column + 1
                    message = f"merge keys (<<) would copy more than {MAX_ITEMS} values"
                    return Problem(shown, line, column, message)
                continue
            if id(node) in sizes:
                continue
            sizes[id(node)] = 0  # in progress: a mapping merged into itself adds nothing more
            stack.append((node, True))
            stack.extend((child, False) for pair in node.value for child in pair if id(child) not in sizes)
        elif isinstance(node, yaml.SequenceNode) and id(node) not in sizes:
            sizes[id(node)] = 0
            stack.extend((child, False) for child in node.value if id(child) not in sizes)
    return None


def _parse(text: str, shown: str, *, json_only: bool = False) -> tuple[Any, Problem | None]:
    deep = too_deep_before_parsing(text, shown)
    if deep is not None:
        return None, deep
    merged = None if json_only else too_much_merged(text, shown)
    if merged is not None:
        return None, merged
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
        return None, _yaml_problem(exc, text, shown)


def _yaml_problem(exc: Exception, text: str, shown: str) -> Problem:
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
            if "mapping values are not allowed" in problem and mark is not None and mark.column > 1024:
                problem += (
                    f" (a key without quotes can be at most 1024 characters long; this one is {mark.column})"
                )
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        return Problem(shown, line, column, problem)
    if isinstance(exc, YAMLError):  # reader errors (control characters) and other unplaced YAML errors
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "mark", None)
        line = getattr(mark, "line", -1) + 1
        column = getattr(mark, "column", -1) + 1
        position = getattr(exc, "position", None)  # a reader error names the character's offset
        if not line and isinstance(position, int) and 0 <= position <= len(text):
            line, column = _place(text, position)
        text_ = str(exc).splitlines()[0] if str(exc) else "not valid YAML"
        return Problem(shown, line, column, f"not valid YAML: {text_}")
    raise exc


class Locator:
    """Maps a path inside a parsed document (``("rules", 3, "when")``) back to its line and column.

    The file is parsed again for places once, and only when the first problem in it needs one: by libyaml
    (C, composing nodes with their marks but building nothing) when it is there and can read the text, else
    by ruamel's round-trip loader, which is many times slower (about 30 seconds for a 2 MB file of 200,000
    values on one line, where libyaml takes one).
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._doc: Any = None
        self._parsed = False
        self._nodes: Any = None
        self._composed = False
        self._keys: dict[int, dict[Any, tuple[Any, Any]]] = {}  # per mapping node: its keys, made once

    def _compose(self) -> Any:
        """libyaml's node tree of the text (tags resolved by YAML 1.2, as ruamel does), or None."""
        if not self._composed:
            self._composed = True
            loader = _quick_loader() if "%YAML" not in self._text else None
            if loader is not None:
                import yaml

                try:
                    self._nodes = yaml.compose(self._text, Loader=loader)
                except Exception:  # libyaml cannot read it: ruamel places it instead
                    self._nodes = None
        return self._nodes

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
        nodes = self._compose()
        if nodes is not None:
            return _locate_node(nodes, path, at_key=at_key, keys=self._keys)
        if self._text.lstrip("\ufeff \t\r\n").startswith(("{", "[")):
            placed = _locate_json(self._text, path, at_key=at_key)
            if placed is not None:
                return placed
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


_TAG = "tag:yaml.org,2002:"
_NOT_A_KEY = object()

#: One JSON token after any white space: a string, a bracket, a colon or comma, or a number or literal.
_JSON_TOKEN = re.compile(r'[ \t\r\n]*("(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^ \t\r\n{}\[\]:,"]+)')


def _locate_json(text: str, path: PathElems, *, at_key: bool) -> tuple[int, int] | None:
    """:meth:`Locator.locate` on JSON text that YAML parsers cannot read, by reading its tokens: None when
    the text is not JSON after all.

    JSON is YAML, so libyaml places problems in JSON files too, except where JSON allows what YAML does not:
    a key longer than 1024 characters (YAML's limit on a key in ``{...}``), after which no problem in the
    file had a place at all. Each step reads the tokens of one object or array once, skipping the values
    off the path, so it stays linear in the size of the file. A path element that is not there is skipped,
    as :func:`_locate_node` does.
    """

    def skip(tokens: Iterator[re.Match[str]], first: re.Match[str]) -> re.Match[str]:
        """Skip the value starting at ``first``; the token after it."""
        depth = 1 if first.group(1) in ("{", "[") else 0
        while depth:
            token = next(tokens).group(1)
            depth += 1 if token in ("{", "[") else -1 if token in ("}", "]") else 0
        return next(tokens)

    def entry(start: int, element: Any) -> tuple[re.Match[str], re.Match[str]] | None:
        """The (first token of the key or item, first token of the value) of ``element`` in the object or
        array whose bracket is at ``start``."""
        tokens = _JSON_TOKEN.finditer(text, start)
        opened = next(tokens).group(1)
        if opened not in ("{", "["):
            return None
        token = next(tokens)
        found = None
        if opened == "{" and isinstance(element, str):
            while token.group(1) != "}":
                key = token
                next(tokens)  # the colon
                value = next(tokens)
                if json.loads(key.group(1)) == element:  # the last of equal keys, as a mapping keeps it
                    found = (key, value)
                token = skip(tokens, value)
                if token.group(1) == ",":
                    token = next(tokens)
        elif opened == "[" and isinstance(element, int) and not isinstance(element, bool) and element >= 0:
            for _ in range(element):
                if token.group(1) == "]":
                    return None
                token = skip(tokens, token)
                if token.group(1) == ",":
                    token = next(tokens)
            if token.group(1) != "]":
                found = (token, token)
        return found

    try:
        start = len(text) - len(text.lstrip("\ufeff \t\r\n"))
        position = _place(text, start)
        last = len(path) - 1
        for i, element in enumerate(path):
            found = entry(start, element)
            if found is None:
                continue
            key, value = found
            start = value.start(1)
            position = _place(text, (key if at_key and i == last else value).start(1))
        return position
    except (StopIteration, ValueError, IndexError):  # not JSON after all (JSONDecodeError is a ValueError)
        return None


def _locate_node(
    root: Any, path: PathElems, *, at_key: bool, keys: dict[int, dict[Any, tuple[Any, Any]]]
) -> tuple[int, int]:
    """:meth:`Locator.locate` on libyaml's nodes: the same walk, the same places as the round-trip loader.

    ``keys`` keeps each mapping's keys once looked up, so that placing many problems in a mapping of many
    keys does not go through it again each time."""
    import yaml

    node = root
    position = _mark(node) if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) else (1, 1)
    last = len(path) - 1
    for i, element in enumerate(path):
        if isinstance(node, yaml.MappingNode) and not isinstance(element, bool):
            entry = _entry(node, element, keys)
            if entry is None:
                continue
            key_node, node = entry
            position = _mark(key_node if at_key and i == last else node)
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(element, int)
            and 0 <= element < len(node.value)
        ):
            node = node.value[element]
            position = _mark(node)
    return position


def _entry(
    node: Any, element: Any, keys: dict[int, dict[Any, tuple[Any, Any]]], seen: set[int] | None = None
) -> tuple[Any, Any] | None:
    """The (key, value) nodes of ``element`` in a mapping node, merged keys (``<<: *base``) included.

    Each mapping is looked in once (``seen``): one merged into itself (``&a {<<: *a}``, which YAML allows)
    would go round for ever, and a chain of mappings each merging the one before twice would be looked
    in 2^n times."""
    import yaml

    seen = set() if seen is None else seen
    seen.add(id(node))
    own = keys.get(id(node))
    if own is None:
        own = keys[id(node)] = {}
        for key_node, value_node in node.value:  # the last of equal keys, as a mapping keeps it
            key = _key(key_node)
            if key_node.tag != _TAG + "merge" and key is not _NOT_A_KEY:
                try:
                    own[key] = (key_node, value_node)
                except TypeError:  # a key that cannot be looked up (a list as a key)
                    pass
    try:
        found = own.get(element)
    except TypeError:
        return None
    if found is not None:
        return found
    for key_node, value_node in node.value:
        if key_node.tag == _TAG + "merge":
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            for source in sources:
                if not isinstance(source, yaml.MappingNode) or id(source) in seen:
                    continue
                merged = _entry(source, element, keys, seen)
                if merged is not None:
                    return merged
    return None


def _key(node: Any) -> Any:
    """A key node's value as the loaders build it (YAML 1.2 whole numbers, decimals, true/false, null)."""
    import yaml

    if not isinstance(node, yaml.ScalarNode):
        return _NOT_A_KEY
    tag, value = node.tag, node.value
    if tag == _TAG + "int" and _INT.fullmatch(value):
        return int(value)
    if tag == _TAG + "float" and _FLOAT.fullmatch(value):
        return float(value)
    if tag == _TAG + "bool":
        return value.lower() == "true"
    if tag == _TAG + "null":
        return None
    return value


def _mark(node: Any) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


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
