"""Plausibility of the front matter: dates and names that are valid, and probably wrong."""

from __future__ import annotations

import datetime as dt
import re

from colloquy.diagnostics import Report
from colloquy.labels import squeeze
from colloquy.lint import Source

#: a publication date further ahead than this is a typo (2205 for 2025)
AHEAD = dt.timedelta(days=365)
#: an article published this long before its event is a typo in one of the dates
BEFORE_EVENT = dt.timedelta(days=365)


def _field_line(source: Source, key: str) -> tuple[int, int]:
    """The line and column of a top-level front-matter field's value."""
    pattern = re.compile(rf"^{key}:\s*")
    for number, line in enumerate(source.lines[: source.body_line], 1):
        m = pattern.match(line)
        if m:
            return number, m.end() + 1
    return 1, 1


def plausibility(source: Source, report: Report, today: dt.date | None = None) -> None:
    meta = source.meta
    if meta is None:
        return
    today = today or dt.date.today()
    line, col = _field_line(source, "date")
    if meta.date > today + AHEAD:
        report.warning(source.path, line, col, f"the publication date {meta.date} is more than a year ahead", "check the year (2025, not 2205)", code="date")
    elif meta.event is not None and meta.date < meta.event.start - BEFORE_EVENT:
        report.warning(
            source.path,
            line,
            col,
            f"the publication date {meta.date} is more than a year before the event ({meta.event.start})",
            "check the year of 'date' and of the event's dates",
            code="date",
        )
    for key, sp in source.speakers.items():
        if sp.honorific is None:
            continue
        name, hon = squeeze(sp.name.source), squeeze(sp.honorific.source)
        if hon and name != hon and (name.endswith(hon) or name.startswith(hon)):
            report.warning(
                source.path,
                sp.name.line,
                sp.name.col,
                f"the name of '{key}' ('{sp.name.source}') repeats its honorific '{sp.honorific.source}': the editions would print it twice",
                f"write the name alone: name: {sp.name.source.replace(sp.honorific.source, '').strip()}",
                code="honorific",
            )
