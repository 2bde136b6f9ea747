"""Progress of a build: a bar on a terminal, one plain line per output elsewhere (CI logs)."""

from __future__ import annotations

import os
import sys
from typing import TextIO


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty() and os.environ.get("TERM") != "dumb"

    def step(self, name: str, ok: bool, seconds: float) -> None:
        self.done += 1
        if self.tty:
            width = 28
            filled = int(width * self.done / max(self.total, 1))
            bar = "█" * filled + "·" * (width - filled)
            self.stream.write(f"\r  [{bar}] {self.done}/{self.total} {name[:40]:<40}")
            if self.done == self.total:
                self.stream.write("\n")
        else:
            status = "built" if ok else "FAILED"
            self.stream.write(f"  {status} {name} ({seconds:.2f}s)\n")
        self.stream.flush()
