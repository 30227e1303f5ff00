"""Files written whole or not at all: every file pybridge writes goes through ``replacing()``.

The content goes to a temporary file beside the target (same folder, so the same file system), is
flushed to disk, and is then renamed over the target, and the folder entry is flushed too. A rename
within a file system is atomic, so a reader, a crash or a ``kill -9`` sees the old file or the new
one, never a mix; of several concurrent writers the last to rename wins, with its file intact.
Temporary names carry the host and process id, so a temporary file that a killed writer left behind
is removed by the next write to the same target (never one a live writer is still filling).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
from collections.abc import Iterator

_MARK = ".pbtmp-"


def _temporary_name(target: str, suffix: str) -> str:
    folder, name = os.path.split(target)
    token = f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(4)}"
    return os.path.join(folder, f".{name}{_MARK}{token}{suffix}")


def _fsync_path(path: str, directory: bool = False) -> None:
    if directory and os.name == "nt":
        return  # Windows has no handle on a folder to flush; its renames are durable on their own
    fd = os.open(path, os.O_RDONLY if directory else os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_orphans(target: str) -> None:
    """Temporary files for ``target`` whose writer (a process on this host) no longer exists."""
    folder, name = os.path.split(target)
    prefix, host = f".{name}{_MARK}", socket.gethostname()
    try:
        entries = os.listdir(folder or ".")
    except OSError:
        return
    for entry in entries:
        if not entry.startswith(prefix):
            continue
        owner, _, rest = entry[len(prefix) :].rpartition("-")[0].rpartition("-")
        if owner != host or not rest.isdigit() or _alive(int(rest)):
            continue
        with contextlib.suppress(OSError):
            os.remove(os.path.join(folder, entry))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists (another user's), or cannot tell: keep its file
    return True


@contextlib.contextmanager
def replacing(target: str | os.PathLike, suffix: str = "") -> Iterator[str]:
    """Yield a temporary path beside ``target`` to write; when the block ends normally, the file there
    replaces ``target`` at once. On an error the temporary file is removed and ``target`` is untouched;
    a block that writes nothing leaves ``target`` as it was. ``suffix`` ends the temporary name (Keras
    insists on ``.keras`` or ``.weights.h5``). A symbolic link is followed: its target is replaced."""
    target = os.path.realpath(os.fspath(target))
    _remove_orphans(target)
    temporary = _temporary_name(target, suffix)
    try:
        yield temporary
        if not os.path.exists(temporary):
            return
        _fsync_path(temporary)
        with contextlib.suppress(OSError):  # keep the permissions of the file it replaces
            os.chmod(temporary, os.stat(target).st_mode & 0o7777)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(temporary)
        raise
    _fsync_path(os.path.dirname(target) or ".", directory=True)


def write_text(target: str | os.PathLike, text: str) -> None:
    """``text`` (UTF-8, line endings as given) as the whole content of ``target``, atomically."""
    with replacing(target) as temporary, open(temporary, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
