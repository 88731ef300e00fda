"""Reading YAML quickly, and finding the line and column of a problem only when there is one.

The C-accelerated safe loader parses the rulebook at start-up. Line numbers come from ruamel's round-trip
loader, which is about ten times slower, so it runs only to place an error that has already been found.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .errors import Problem, display_path

PathElems = Sequence[str | int]


def _safe_yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=False)
    fast = _fast_classes()
    if fast is not None and yaml.Parser.__name__ == "CParser":
        yaml.Resolver, yaml.Constructor = fast
    return yaml


_FAST: Any = None


def _fast_classes() -> Any:
    """(resolver, constructor) classes that make ruamel's safe C loader quicker, with the same results.

    ruamel composes the document in C but asks Python to resolve each node's tag and to build each object. Two
    costs there are not needed: the resolver works out the YAML version again for every node (by catching two
    AttributeErrors each time), though with the C parser it is fixed for the document; and the constructor
    goes through several generic calls per node. So the version is looked up once per document, each distinct
    plain text's tag is resolved once per document (its tag depends on the text alone), and plain mappings,
    sequences and strings (nearly all of a rulebook) are built directly; any other node (numbers, dates,
    booleans) goes to ruamel as before, and any document with something unusual (merge keys, duplicate or
    non-text keys, other tags, recursion) is built by ruamel from scratch, so errors stay exactly the same.
    About twice as quick on the default rulebook. Returns None if this ruamel does not look as expected.
    """
    global _FAST
    if _FAST is not None:
        return _FAST or None
    try:
        from ruamel.yaml.constructor import SafeConstructor
        from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
        from ruamel.yaml.resolver import VersionedResolver

        version_of = VersionedResolver.processing_version.fget  # type: ignore[attr-defined]
        resolvers_of = VersionedResolver.versioned_resolver.fget  # type: ignore[attr-defined]
    except (ImportError, AttributeError):  # pragma: no cover - another ruamel: use it as it is
        _FAST = False
        return None

    class Resolver(VersionedResolver):
        _consultaid_version: Any
        _consultaid_resolvers: Any
        _consultaid_tags: dict[Any, Any]

        @property
        def processing_version(self) -> Any:
            try:
                return self._consultaid_version
            except AttributeError:
                self._consultaid_version = version = version_of(self)
                return version

        @property
        def versioned_resolver(self) -> Any:
            try:
                return self._consultaid_resolvers
            except AttributeError:
                self._consultaid_resolvers = resolvers = resolvers_of(self)
                return resolvers

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if self.yaml_path_resolvers:
                return super().resolve(kind, value, implicit)
            if kind is ScalarNode:
                if not implicit[0]:
                    return self.DEFAULT_SCALAR_TAG  # quoted: a string, as ruamel decides
                # A plain scalar's tag depends on its text alone: resolve each distinct text once per
                # document.
                try:
                    cache = self._consultaid_tags
                except AttributeError:
                    cache = self._consultaid_tags = {}
                tag = cache.get(value)
                if tag is None:
                    tag = cache[value] = super().resolve(kind, value, implicit)
                return tag
            if kind is MappingNode:
                return self.DEFAULT_MAPPING_TAG
            if kind is SequenceNode:
                return self.DEFAULT_SEQUENCE_TAG
            return super().resolve(kind, value, implicit)

    str_tag, seq_tag, map_tag = ("tag:yaml.org,2002:" + t for t in ("str", "seq", "map"))
    # the tag objects the resolver gives every string, mapping and sequence without a tag of its own
    plain_str = Resolver.DEFAULT_SCALAR_TAG
    plain_map = Resolver.DEFAULT_MAPPING_TAG
    plain_seq = Resolver.DEFAULT_SEQUENCE_TAG

    class Unusual(Exception):
        pass

    class Constructor(SafeConstructor):
        def construct_document(self, node: Any) -> Any:
            built: dict[Any, Any] = {}
            open_: set[Any] = set()

            def build(node: Any) -> Any:
                kind = type(node)
                if kind is ScalarNode:
                    if node.ctag is plain_str or node.tag == str_tag:
                        return node.value
                    return self.construct_object(node, deep=True)
                if node in built:
                    return built[node]
                if node in open_:
                    raise Unusual  # a recursive structure
                elif (
                    kind is MappingNode
                    and (node.ctag is plain_map or node.tag == map_tag)
                    and getattr(node, "merge", None) is None
                ):
                    open_.add(node)
                    value: Any = {}
                    for key_node, value_node in node.value:
                        if type(key_node) is not ScalarNode or (
                            key_node.ctag is not plain_str and key_node.tag != str_tag
                        ):
                            raise Unusual
                        key = key_node.value
                        if key in value:
                            raise Unusual  # ruamel reports the duplicate key
                        value[key] = build(value_node)
                    open_.discard(node)
                elif kind is SequenceNode and (node.ctag is plain_seq or node.tag == seq_tag):
                    open_.add(node)
                    value = [build(item) for item in node.value]
                    open_.discard(node)
                else:
                    raise Unusual
                built[node] = value
                return value

            try:
                data = build(node)
                if not self.state_generators:
                    return data
            except (Unusual, RecursionError):
                pass
            finally:
                self.constructed_objects = {}
                self.recursive_objects = {}
                self.deep_construct = False
            self.state_generators = []
            return super().construct_document(node)

    _FAST = (Resolver, Constructor)
    return _FAST


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
    import re

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
    import re

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
    except (ValueError, OverflowError, TypeError) as exc:  # a huge integer, an impossible date
        return None, value_problem(text, shown, exc)


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
