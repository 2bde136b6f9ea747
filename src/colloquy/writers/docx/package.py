"""The DOCX file as a ZIP package, byte-for-byte reproducible."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from collections.abc import Iterable, Iterator

_EPOCH_1980 = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


def _zip_date() -> tuple[int, int, int, int, int, int]:
    """Entry dates: SOURCE_DATE_EPOCH when set (not before 1980), else 1980-01-01 00:00."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = _EPOCH_1980
    if epoch.isdigit():
        when = max(_EPOCH_1980, dt.datetime.fromtimestamp(int(epoch), dt.UTC))
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)


def _entry_order(names: Iterable[str]) -> Iterator[str]:
    """[Content_Types].xml first, then the package relationships, then every part by name."""
    first = ("[Content_Types].xml", "_rels/.rels")
    listed = set(names)
    yield from (n for n in first if n in listed)
    yield from sorted(listed - set(first))


def reproducible_zip(data: bytes) -> bytes:
    """Rewrite a ZIP with fixed dates, a stable entry order, fixed attributes and compression."""
    date = _zip_date()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for name in _entry_order(src.namelist()):
            info = zipfile.ZipInfo(name, date_time=date)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, src.read(name), compresslevel=9)
    return out.getvalue()

