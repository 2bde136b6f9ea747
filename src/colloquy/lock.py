"""One writer at a time: ``build``, ``extract`` and ``update`` hold an exclusive lock on
``build/.lock``. A second run waits, saying who holds it; the lock dies with its process."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import sys
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def project_lock(root: Path, command: str) -> Iterator[None]:
    path = root / "build" / ".lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another colloquy run"
            print(f"colloquy: waiting for {holder} to finish …", file=sys.stderr)
            fcntl.flock(fd, fcntl.LOCK_EX)
        now = dt.datetime.now().strftime("%H:%M:%S")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"'colloquy {command}' (pid {os.getpid()}, since {now})\n".encode(), 0)
        yield
    finally:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        os.close(fd)  # closing releases the lock
