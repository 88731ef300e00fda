"""Writing files the user asked for: atomically, readable by the owner only, never over a file by surprise.

Health information must not be left half-written or readable by others, so every write goes to a private
temporary file in the same folder (mode 0600), is flushed to disk, and is then moved into place in one step.
Without ``overwrite`` the move is a hard link, which fails if the name exists, so nothing is replaced unasked.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class FileExists(Exception):
    """The target exists and overwriting was not asked for."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists")
        self.path = path


def write_private(path: str | os.PathLike[str], text: str, *, overwrite: bool = False) -> Path:
    """Write ``text`` to ``path`` atomically with owner-only permissions; return the path written."""
    target = Path(path).expanduser()
    folder = target.parent
    if not overwrite and target.exists():
        raise FileExists(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, 0o600)  # mkstemp already does; kept so the guarantee does not rest on its defaults
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)
            except FileExistsError:
                raise FileExists(target) from None
            except OSError:  # no hard links here (some network or FAT drives): check, then move
                if target.exists():
                    raise FileExists(target) from None
                os.replace(tmp, target)
            else:
                tmp.unlink()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _sync_folder(folder)
    return target


def _sync_folder(folder: Path) -> None:
    """Make the new name itself durable (where the system allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
