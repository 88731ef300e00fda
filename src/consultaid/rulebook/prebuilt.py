"""The default rulebook, loaded and checked when the package is built, so that a command starts quickly.

A fresh process that reads the default rulebook from YAML spends most of its time parsing, validating and
cross-referencing it (and building pydantic's validators to do so). None of that can change between runs of
one installed package, so the build does it once (``hatch_build.py`` runs :func:`main`) and ships the
result beside this module: the loaded :class:`Rulebook`'s declared parts, pickled. Nothing is ever written at
run time (no cache in the home folder): the file is part of the package, like its code.

It is used only while it is exactly what a fresh load would give. Its header records

- the file names and a hash of the text of every rule file it was made from (the same hash as
  :attr:`Rulebook.digest`),
- a hash of the source of every ConsultAid module a fresh load ran (so a change to the models, the loader or
  the checks makes it stale, whatever the change), and
- the versions of Python and pydantic it was pickled with.

:func:`load_default` checks all three against what is installed now and returns None when anything differs
(an editable install whose ``rules/`` or code changed after installing, say); the loader then reads the YAML
as usual. ``--rules DIR`` never comes here.

The pickle is generic over the model: whatever fields the rulebook's models have, pickle keeps them (pydantic
models pickle and unpickle without validating again). Only two kinds of object are not pickled but made anew
when loading: where each item was written (:class:`Origin`), whose file name is shown relative to the working
folder of the process that loads it, and each file's :class:`Locator` (the file's text, read anyway to check
the hash). The compiled form (closures) is rebuilt by :class:`Rulebook` itself, as after any load.

    python -m consultaid.rulebook.prebuilt [--rules DIR] [OUTPUT]    # what the build runs
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import pickle
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import display_path
from ..yamlfile import Locator
from .book import Origin, Rulebook

FILE_NAME = "_default_rulebook.pickle"
"""Where the build puts the prebuilt rulebook: beside this module (git ignores it in a source checkout)."""

MAGIC = b"consultaid prebuilt rulebook 1\n"
PACKAGE = Path(__file__).resolve().parents[1]


def default_path() -> Path:
    return Path(__file__).with_name(FILE_NAME)


# -- what it was made from -----------------------------------------------------------------------------------


def rules_digest(names: list[str], texts: list[str]) -> str:
    """The hash of a rulebook's files (their names and texts), as :attr:`Rulebook.digest` records it."""
    digest = hashlib.sha256()
    for name, text in zip(names, texts, strict=True):
        digest.update(name.encode() + b"\0" + text.encode() + b"\0")
    return digest.hexdigest()


def _read_rules(folder: Path) -> tuple[list[str], list[str]] | None:
    """The names and texts of the rule files in ``folder`` (None if one cannot be read as UTF-8)."""
    from .load import rule_files

    names: list[str] = []
    texts: list[str] = []
    for path in rule_files(folder):
        try:
            texts.append(path.read_bytes().decode("utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            return None
        names.append(path.name)
    return names, texts


def _sources_digest(sources: list[str]) -> str | None:
    """The hash of these ConsultAid source files (paths relative to the package), or None if one is gone."""
    digest = hashlib.sha256()
    for relative in sources:
        try:
            digest.update(relative.encode() + b"\0" + (PACKAGE / relative).read_bytes() + b"\0")
        except OSError:
            return None
    return digest.hexdigest()


def _loader_sources() -> list[str]:
    """The source files of every ConsultAid module loaded in this process, relative to the package.

    Called right after a fresh load in the build's own process, this is the code that load ran; anywhere else
    it may be more (which only means more is checked)."""
    found = [Path(__file__).resolve().relative_to(PACKAGE).as_posix()]  # this module, also as __main__
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if (name == "consultaid" or name.startswith("consultaid.")) and file:
            try:
                found.append(Path(file).resolve().relative_to(PACKAGE).as_posix())
            except ValueError:
                continue
    return sorted(set(found))


def _versions() -> dict[str, str]:
    import pydantic

    return {"python": f"{sys.version_info[0]}.{sys.version_info[1]}", "pydantic": pydantic.VERSION}


# -- building ------------------------------------------------------------------------------------------------


class _Pickler(pickle.Pickler):
    """Pickles each :class:`Origin` by reference, as ``("origin", file name, path, located)``; the loader
    makes it anew with the file name as shown there, and the file's one :class:`Locator`."""

    def __init__(self, file: io.BytesIO, names: Mapping[str, str]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._names = names  # the file as the rulebook shows it -> its name in the folder

    def persistent_id(self, obj: Any) -> Any:
        if isinstance(obj, Origin):
            return ("origin", self._names[obj.file], obj.path, obj.locator is not None)
        if isinstance(obj, Locator):
            raise pickle.PicklingError("a Locator outside an Origin: teach prebuilt.py where it belongs")
        return None


def build(folder: Path) -> bytes:
    """Load the rulebook in ``folder`` afresh (raising :class:`RulebookError` if it has problems) and return
    its prebuilt form."""
    from .load import load_rulebook

    book = load_rulebook(folder)
    read = _read_rules(folder)
    assert read is not None, "the rulebook loaded, so its files can be read"
    names, texts = read
    if rules_digest(names, texts) != book.digest:  # pragma: no cover - the files changed while loading
        raise RuntimeError(f"the files in {folder} changed while they were read; build again")
    sources = _loader_sources()
    header = {
        **_versions(),
        "rules": {"files": names, "digest": book.digest},
        "sources": sources,
        "code": _sources_digest(sources),
    }
    parts: dict[str, Any] = {}
    for item in dataclasses.fields(Rulebook):
        if item.init and item.name != "files":
            value = getattr(book, item.name)
            parts[item.name] = dict(value) if isinstance(value, Mapping) else value
    buffer = io.BytesIO()
    _Pickler(buffer, dict(zip(book.files, names, strict=True))).dump(parts)
    return MAGIC + json.dumps(header, sort_keys=True).encode() + b"\n" + buffer.getvalue()


def write(output: Path, folder: Path) -> None:
    """Build the prebuilt form of the rulebook in ``folder`` and write it to ``output`` (replacing it
    atomically, so a process starting meanwhile reads the old file or the new one, never half of one)."""
    data = build(folder)
    partial = output.with_name(output.name + ".partial")
    partial.write_bytes(data)
    partial.replace(output)


# -- loading -------------------------------------------------------------------------------------------------


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, shown: Mapping[str, str], locators: Mapping[str, Locator]) -> None:
        super().__init__(file)
        self._shown = shown
        self._locators = locators

    def persistent_load(self, pid: Any) -> Any:
        kind, name, path, located = pid
        if kind != "origin":  # pragma: no cover - only origins are pickled by reference
            raise pickle.UnpicklingError(f"unknown reference {kind!r}")
        return Origin(self._shown[name], tuple(path), self._locators[name] if located else None)


def load(data: bytes, folder: Path) -> Rulebook | None:
    """The rulebook prebuilt in ``data``, if it was made from exactly the files now in ``folder`` by exactly
    the code now installed; None otherwise (then load the YAML)."""
    if not data.startswith(MAGIC):
        return None
    end = data.find(b"\n", len(MAGIC))
    try:
        header = json.loads(data[len(MAGIC) : end])
    except ValueError:
        return None
    if not isinstance(header, dict) or any(header.get(k) != v for k, v in _versions().items()):
        return None
    sources = header.get("sources")
    if not isinstance(sources, list) or _sources_digest(sources) != header.get("code"):
        return None
    read = _read_rules(folder)
    if read is None:
        return None
    names, texts = read
    if header.get("rules") != {"files": names, "digest": rules_digest(names, texts)}:
        return None
    shown = {name: display_path(folder / name) for name in names}
    locators = {name: Locator(text) for name, text in zip(names, texts, strict=True)}
    try:
        parts = _Unpickler(io.BytesIO(data[end + 1 :]), shown, locators).load()
        return Rulebook(**parts, files=tuple(shown[name] for name in names))
    except Exception:  # a file damaged after it was checked: the YAML is still there
        return None


def load_default(folder: Path, path: Path | None = None) -> Rulebook | None:
    """The default rulebook (in ``folder``) from its prebuilt form, when there is an up-to-date one."""
    try:
        data = (path or default_path()).read_bytes()
    except OSError:
        return None
    return load(data, folder)


def main(argv: list[str] | None = None) -> None:
    import argparse

    from ..errors import RulebookError
    from .load import default_rules_dir

    parser = argparse.ArgumentParser(
        description="Prebuild the default rulebook (what the package build does)."
    )
    parser.add_argument("output", nargs="?", type=Path, default=default_path(), help="where to write it")
    parser.add_argument("--rules", type=Path, default=None, help="the rulebook folder (default: the default)")
    args = parser.parse_args(argv)
    try:
        write(args.output, args.rules or default_rules_dir())
    except RulebookError as exc:
        sys.exit(f"{exc}\nthe rulebook has problems: nothing was prebuilt")
    print(f"prebuilt {display_path(args.output)}")


if __name__ == "__main__":
    main()
