"""Writing files the user asked for: atomically, readable by the owner only, never over a file by surprise.

Health information must not be left half-written or readable by others, so every write goes to a private
temporary file in the same folder (mode 0600), is flushed to disk, and is then moved into place in one step.
Without ``overwrite`` the move is a hard link, which fails if the name exists, so nothing is replaced unasked.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

# The longest file name most systems allow; the temporary name must fit too.
_NAME_MAX = 255


class FileExists(Exception):
    """The target exists and overwriting was not asked for."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists")
        self.path = path


class BadPath(OSError):
    """A path that cannot be written as typed (an unknown ``~name``, a device); ``strerror`` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(errno.EINVAL, message)


def expand(path: str | os.PathLike[str]) -> Path:
    """``path`` with a leading ``~`` or ``~/`` made the home folder; an unknown ``~name`` is a BadPath, and so
    is a name the system cannot hold (a NUL character, or a letter its locale cannot write)."""
    text = os.fspath(path)
    if not text.strip():
        raise BadPath("no file name was given")
    if "\x00" in text:
        raise BadPath("a file name cannot hold a NUL character (\\x00)")
    if text.endswith(("/", os.sep)):  # Path() would drop the slash and write a file of the folder's name
        raise BadPath("this names a folder (it ends with /); add a file name after it")
    try:
        os.fsencode(text)
    except UnicodeEncodeError as exc:
        from .safe import visible

        letter = visible(exc.object[exc.start : exc.end], one_line=True)
        raise BadPath(
            f"this system's language setting (LANG or LC_ALL) cannot write '{letter}' in a file name; "
            "use plain letters, or a UTF-8 setting such as LANG=C.UTF-8"
        ) from None
    try:
        return Path(path).expanduser()
    except RuntimeError:  # "Could not determine home directory": ~name for a user that does not exist
        first = Path(path).parts[0] if Path(path).parts else str(path)
        raise BadPath(
            f"there is no user '{first[1:]}' for '{first}'; for your home folder type ~/ (with a slash)"
        ) from None


def _check_target(target: Path) -> None:
    """Only a regular file (or a new name) may be written: never a device, a pipe or a folder."""
    try:
        info = target.stat()  # follows symlinks: a link to /dev/null is a device
    except FileNotFoundError:
        if target.is_symlink():
            raise BadPath("this is a link to nothing; give a new name or a regular file") from None
        return
    except OSError:
        return  # let the write itself say what is wrong
    if stat.S_ISDIR(info.st_mode):
        raise BadPath("this is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise BadPath("this is not a regular file (a device, pipe or socket); nothing was written")


def write_private(path: str | os.PathLike[str], text: str, *, overwrite: bool = False) -> Path:
    """Write ``text`` to ``path`` atomically with owner-only permissions; return the path written."""
    target = expand(path)
    folder = target.parent
    _check_target(target)
    if not overwrite and (target.exists() or target.is_symlink()):
        raise FileExists(target)
    # ".NAME.XXXXXXXX.tmp" must itself be a valid name: a long name gets a short temporary one.
    prefix = f".{target.name}." if len(target.name.encode()) + 16 <= _NAME_MAX else ".consultaid-"
    with _signals_held():
        _write(target, folder, prefix, text, overwrite)
    _sync_folder(folder)
    return target


def _write(target: Path, folder: Path, prefix: str, text: str, overwrite: bool) -> None:
    fd, tmp_name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
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


_HELD = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name))


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGTERM, SIGHUP and SIGINT while a temporary file exists, then act on them as usual.

    A signal in the middle of a write would otherwise end the process with the private temporary file (the
    whole summary) left behind. The write takes a moment, so the signal waits that long, and then does what
    it would have done: its handler runs, or the process ends by it.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []
    previous = {}
    for sig in _HELD:
        handler = signal.getsignal(sig)
        if handler is None:  # pragma: no cover - set outside Python: leave it as it is
            continue
        previous[sig] = handler
        signal.signal(sig, lambda signum, frame: pending.append(signum))
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for sig in dict.fromkeys(pending):
            signal.raise_signal(sig)


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
