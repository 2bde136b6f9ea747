"""Crash-safe file output: write to a temporary file beside the target, fsync it, rename it over
the target, fsync the folder."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

TMP_PREFIX = ".colloquy-tmp-"


class ChangedOnDisk(Exception):
    """The file is no longer what the caller read: someone else wrote it meanwhile."""


def file_state(path: Path) -> str:
    """What :func:`write_atomic` compares: the file's modification time, size and content hash
    (the hash catches an edit within the file system's time resolution), or ``absent``."""
    try:
        with path.open("rb") as fh:
            st = os.fstat(fh.fileno())
            return f"{st.st_mtime_ns}:{st.st_size}:{hashlib.sha256(fh.read()).hexdigest()}"
    except FileNotFoundError:
        return "absent"


def write_atomic(path: Path, data: bytes, *, expected: str | None = None) -> bool:
    """Replace ``path`` with ``data`` atomically. Returns False (and writes nothing) when unchanged.

    ``expected``: the :func:`file_state` of the file taken before the caller read it. The
    state is taken again just before the rename, and :class:`ChangedOnDisk` is raised (nothing
    written) when it differs — an edit saved during a run is never overwritten by it."""
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        if expected is not None and file_state(path) != expected:
            raise ChangedOnDisk(str(path))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(path.parent)
    return True


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable: a power cut after it must not bring the old file back."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - a folder we just wrote into
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on a folder
        pass
    finally:
        os.close(fd)


def clean_leftovers(folder: Path) -> int:
    """Remove temporary files an interrupted run left behind; returns how many."""
    count = 0
    if folder.is_dir():
        for leftover in folder.rglob(TMP_PREFIX + "*"):
            with contextlib.suppress(OSError):
                leftover.unlink()
                count += 1
    return count


def cache_dir() -> Path | None:
    """Colloquy's cache of facts about this machine (fonts' character maps and digests), outside
    the project: ``$COLLOQUY_CACHE``, else ``$XDG_CACHE_HOME/colloquy``, else ``~/.cache/colloquy``.
    None when it cannot be created (nothing is cached then)."""
    base = os.environ.get("COLLOQUY_CACHE")
    if base:
        folder = Path(base)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        folder = (Path(xdg) if xdg else Path.home() / ".cache") / "colloquy"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder
