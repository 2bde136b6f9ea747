"""Located, editor-grade messages: ``path:line:col: severity: message — hint``.

Every stage reports problems as :class:`Diagnostic` objects collected in a
:class:`Report`, so that all problems of a run are shown at once and the CLI
decides the exit status in one place.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TextIO

#: characters a message must not print as they are: C0 and C1 controls (a file's bytes quoted in a
#: message must not drive the terminal) and bidirectional controls (they reorder the line)
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with control and bidirectional characters written as ``\\u…`` escapes."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def utf8_error(data: bytes, exc: UnicodeDecodeError) -> tuple[int, int, str]:
    """Where ``data`` stops being UTF-8: (line, column in characters, the byte as ``0xE9``)."""
    before = data[: exc.start]
    line = before.count(b"\n") + 1
    col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
    return line, col, f"0x{data[exc.start]:02X}"


#: the exit statuses of every command
EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


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
        return printable(text)


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
    #: what was added, to say it once (the ui catalog is read once per article, for one)
    _seen: set[Diagnostic] = field(default_factory=set, repr=False, compare=False)

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
        if diag not in self._seen:
            self._seen.add(diag)
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
    def input_errors(self) -> list[Diagnostic]:
        """Errors about the input itself (a broken article, catalog, configuration): they carry no
        code. Findings (a check's, an untranslated unit under --strict, a failed output) carry theirs."""
        return [d for d in self.items if d.severity is Severity.ERROR and not d.code]

    def exit_status(self) -> int:
        """2 for bad input, 1 for findings or failed outputs, 0 when all is well."""
        if self.input_errors:
            return EXIT_INPUT
        return EXIT_FINDINGS if self.errors else EXIT_OK

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
