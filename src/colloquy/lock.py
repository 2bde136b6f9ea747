"""One writer at a time: ``build``, ``extract`` and ``update`` hold an exclusive lock on the
project folder. A second run waits, saying who holds it; the lock dies with its process.

The lock is ``flock`` on the project directory itself, so taking it writes nothing (a run
refused for bad input leaves the project untouched); who holds it is noted in
``build/.lock`` when that folder exists.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from colloquy.fsutil import write_atomic


@contextlib.contextmanager
def project_lock(root: Path, command: str) -> Iterator[None]:
    note = root / "build" / ".lock"
    fd = os.open(root, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            try:
                holder = note.read_text(encoding="utf-8").strip()
            except OSError:
                holder = ""
            print(f"colloquy: waiting for {holder or 'another colloquy run'} to finish …", file=sys.stderr)
            fcntl.flock(fd, fcntl.LOCK_EX)
        if note.parent.is_dir():
            with contextlib.suppress(OSError):  # atomic: the run waiting for the lock reads it
                now = dt.datetime.now().strftime("%H:%M:%S")
                write_atomic(note, f"'colloquy {command}' (pid {os.getpid()}, since {now})\n".encode())
        yield
    finally:
        with contextlib.suppress(OSError):
            note.unlink()
        os.close(fd)  # closing releases the lock
