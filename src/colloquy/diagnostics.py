"""Located, editor-grade messages: ``path:line:col: severity: message — hint``.

Every stage reports problems as :class:`Diagnostic` objects collected in a
:class:`Report`, so that all problems of a run are shown at once and the CLI
decides the exit status in one place.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TextIO


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    col: int | None
    severity: Severity
    message: str
    hint: str = ""
    code: str = ""

    def format(self) -> str:
        where = f"{self.path}:{self.line}"
        if self.col is not None:
            where += f":{self.col}"
        code = f"[{self.code}] " if self.code else ""
        text = f"{where}: {self.severity}: {code}{self.message}"
        if self.hint:
            text += f" — {self.hint}"
        return text


def display_path(path: Path | str) -> str:
    """A path as the user should see it: relative to the working directory when inside it."""
    p = Path(path)
    try:
        return os.path.relpath(p) if p.is_absolute() and Path.cwd() in p.parents else str(p)
    except ValueError:  # pragma: no cover - different drive on Windows
        return str(p)


@dataclass
class Report:
    """All diagnostics of one run."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(
        self,
        path: Path | str,
        line: int,
        col: int | None,
        message: str,
        hint: str = "",
        *,
        severity: Severity = Severity.ERROR,
        code: str = "",
    ) -> Diagnostic:
        diag = Diagnostic(display_path(path), max(line, 1), col, severity, message, hint, code)
        self.items.append(diag)
        return diag

    def error(self, path: Path | str, line: int, col: int | None, message: str, hint: str = "", code: str = "") -> Diagnostic:
        return self.add(path, line, col, message, hint, code=code)

    def warning(self, path: Path | str, line: int, col: int | None, message: str, hint: str = "", code: str = "") -> Diagnostic:
        return self.add(path, line, col, message, hint, severity=Severity.WARNING, code=code)

    def extend(self, other: Report) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    def print(self, stream: TextIO | None = None) -> None:
        out = stream if stream is not None else sys.stderr
        for diag in self.items:
            print(diag.format(), file=out)


class InputError(Exception):
    """Bad input that stops a command: carries the report that explains it."""

    def __init__(self, report: Report) -> None:
        super().__init__("\n".join(d.format() for d in report.items))
        self.report = report
