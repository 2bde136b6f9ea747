"""Crash-safe file output: write to a temporary file beside the target, fsync, rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

TMP_PREFIX = ".colloquy-tmp-"


def write_atomic(path: Path, data: bytes) -> bool:
    """Replace ``path`` with ``data`` atomically. Returns False (and writes nothing) when unchanged."""
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
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return True


def clean_leftovers(folder: Path) -> int:
    """Remove temporary files an interrupted run left behind; returns how many."""
    count = 0
    if folder.is_dir():
        for leftover in folder.rglob(TMP_PREFIX + "*"):
            with contextlib.suppress(OSError):
                leftover.unlink()
                count += 1
    return count
