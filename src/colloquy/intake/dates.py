"""Dates as manuscripts write them: "September 10–14, 2025", "Sep 10 – 14, 2025", "10 September
2025", "2025年9月10日—14日", "2025年9月10日至14日", "2025年7月", "2025-09-10"."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from colloquy.textrules import halfwidth_digits

_MONTHS = {m[:3].lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"], 1
)}  # fmt: skip
_MONTH = r"(?P<{0}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DASH = r"\s*(?:[-–—~～至到]|to|through)\s*"
_EN_RANGE = re.compile(
    rf"\b{_MONTH.format('m1')}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:{_DASH}(?:{_MONTH.format('m2')}\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?,?\s+(?P<y>\d{{4}})\b"
)
_EN_DAY_FIRST = re.compile(rf"\b(?P<d1>\d{{1,2}})(?:{_DASH}(?P<d2>\d{{1,2}}))?\s+{_MONTH.format('m1')},?\s+(?P<y>\d{{4}})\b")
_EN_MONTH = re.compile(rf"\b{_MONTH.format('m1')},?\s+(?P<y>\d{{4}})\b")
_ZH_RANGE = re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m1>\d{1,2})\s*月(?:\s*(?P<d1>\d{1,2})\s*[日号]?(?:" + _DASH + r"(?:(?P<m2>\d{1,2})\s*月\s*)?(?P<d2>\d{1,2})\s*[日号])?)?")
_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m1>\d{2})-(?P<d1>\d{2})\b")


@dataclass(frozen=True)
class Dates:
    start: dt.date
    end: dt.date
    month_only: bool
    span: tuple[int, int]  # where the dates stand in the text

    @property
    def yaml(self) -> dict[str, str]:
        """The event's fields: ``date`` (a day, or a month) or ``start`` and ``end``."""
        if self.month_only:
            return {"date": f"{self.start:%Y-%m}"}
        if self.start == self.end:
            return {"date": self.start.isoformat()}
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


def _month(name: str | None) -> int | None:
    return _MONTHS.get(name[:3].lower()) if name else None


def _make(y: int, m1: int, d1: int | None, m2: int | None, d2: int | None, span: tuple[int, int]) -> Dates | None:
    try:
        if d1 is None:
            first = dt.date(y, m1, 1)
            last = dt.date(y + (m1 == 12), m1 % 12 + 1, 1) - dt.timedelta(days=1)
            return Dates(first, last, True, span)
        start = dt.date(y, m1, d1)
        end = dt.date(y, m2 or m1, d2) if d2 is not None else start
    except ValueError:
        return None
    return Dates(start, end, False, span) if end >= start else None


def find_dates(text: str) -> Dates | None:
    """The first date, range of days or month a text names (full-width digits read as digits)."""
    text = halfwidth_digits(text).replace("\u2009", " ").replace("\u202f", " ")
    found: list[Dates] = []
    for m in _ZH_RANGE.finditer(text):
        d1 = int(m.group("d1")) if m.group("d1") else None
        made = _make(int(m.group("y")), int(m.group("m1")), d1, int(m.group("m2")) if m.group("m2") else None, int(m.group("d2")) if m.group("d2") else None, m.span())
        if made:
            found.append(made)
            break
    for m in _EN_RANGE.finditer(text):
        made = _make(int(m.group("y")), _month(m.group("m1")) or 1, int(m.group("d1")), _month(m.group("m2")), int(m.group("d2")) if m.group("d2") else None, m.span())
        if made:
            found.append(made)
            break
    for m in _EN_DAY_FIRST.finditer(text):
        made = _make(int(m.group("y")), _month(m.group("m1")) or 1, int(m.group("d1")), None, int(m.group("d2")) if m.group("d2") else None, m.span())
        if made:
            found.append(made)
            break
    for m in _ISO.finditer(text):
        made = _make(int(m.group("y")), int(m.group("m1")), int(m.group("d1")), None, None, m.span())
        if made:
            found.append(made)
            break
    if not found:
        for m in _EN_MONTH.finditer(text):
            made = _make(int(m.group("y")), _month(m.group("m1")) or 1, None, None, None, m.span())
            if made:
                found.append(made)
                break
    return min(found, key=lambda d: d.span[0]) if found else None
