"""Reading and writing PO/POT files with one policy, so that files stay diff-stable.

Policy: no line wrapping (one line per unit, as in the article source), entries in
article order, obsolete entries last, previous msgids (``#|``) kept, and the
creation date changed only when the file's content changes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from colloquy.diagnostics import Report, display_path
from colloquy.fsutil import write_atomic

#: the domain of the templates' interface strings; every other domain is one article
UI_DOMAIN = "ui"
#: never wrap: one msgid/msgstr per line keeps git diffs to the changed units
WIDTH = 0
_DATE_LINE = re.compile(rb'^"POT-Creation-Date: [^"]*\\n"\n', re.M)


class ColloquyCatalog(Catalog):
    """A Babel catalog whose header carries no tool version (no churn when Babel is upgraded)."""

    def _get_mime_headers(self) -> list[tuple[str, str]]:
        return [(k, v) for k, v in super()._get_mime_headers() if k != "Generated-By"]

    # Catalog.mime_headers is a property built on the method above
    mime_headers = property(_get_mime_headers, Catalog._set_mime_headers)  # type: ignore[assignment]


def new_catalog(domain: str, locale: str | None, header_comment: str) -> ColloquyCatalog:
    cat = ColloquyCatalog(
        locale=locale,
        domain=domain,
        project="Colloquy",
        version=domain,
        copyright_holder="Oncology Frontier",
        msgid_bugs_address="",
        header_comment=header_comment,
        creation_date=dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
        fuzzy=False,
    )
    cat.language_team = f"{locale} <LL@li.org>" if locale else "LANGUAGE <LL@li.org>"
    return cat


def as_colloquy(cat: Catalog) -> ColloquyCatalog:
    cat.__class__ = ColloquyCatalog
    return cat  # type: ignore[return-value]


def load_catalog(path: Path, report: Report, locale: str | None = None) -> ColloquyCatalog | None:
    """Read a PO/POT file; syntax errors are reported as ``path:line: error`` and give None."""
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        report.error(shown, 1, None, f"cannot read the catalog: {exc.strerror}", "check that it exists and is readable")
        return None
    try:
        cat = read_po(io.BytesIO(data), locale=locale, domain=path.stem, abort_invalid=True)
    except PoFileError as exc:
        report.error(
            shown, exc.lineno or 1, None, f"the catalog is not valid PO: {exc}", "fix the line, or check the file with 'msgfmt -c'"
        )
        return None
    except (UnicodeDecodeError, LookupError) as exc:
        report.error(shown, 1, None, f"the catalog cannot be decoded: {exc}", "save it as UTF-8 and declare 'charset=UTF-8' in its header")
        return None
    except ValueError as exc:
        report.error(shown, 1, None, f"the catalog cannot be read: {exc}", "check its header (Language, Plural-Forms)")
        return None
    return as_colloquy(cat)


def render(cat: Catalog) -> bytes:
    if cat.domain != UI_DOMAIN:
        # Article units are prose, never format strings: Babel guesses ``python-format`` from a
        # "%" followed by a letter ("40%, and"), which would make msgfmt -c reject good translations.
        for msg in (*cat, *cat.obsolete.values()):
            msg.flags.discard("python-format")
    buf = io.BytesIO()
    write_po(buf, cat, width=WIDTH, include_previous=True, sort_output=False, sort_by_file=False)
    return buf.getvalue()


def _without_date(data: bytes) -> bytes:
    return _DATE_LINE.sub(b"", data)


def save_catalog(path: Path, cat: Catalog, now: dt.datetime | None = None, *, stamp: bool = True) -> bool:
    """Write ``cat`` to ``path`` atomically; returns whether the file changed (an unchanged
    file is left alone, byte for byte).

    ``stamp`` (templates): POT-Creation-Date becomes ``now`` when the content changed and
    stays as it was otherwise. Catalogs (``stamp=False``) carry their template's date, set
    by the update, so a translator's edit never changes it."""
    if not stamp:
        return write_atomic(path, render(cat))
    try:
        old = path.read_bytes()
    except OSError:
        old = b""
    cat.creation_date = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    if old:
        m = re.search(rb'^"POT-Creation-Date: ([^"]*)\\n"', old, re.M)
        if m:
            with contextlib.suppress(ValueError):
                cat.creation_date = dt.datetime.strptime(m.group(1).decode(), "%Y-%m-%d %H:%M%z")
    data = render(cat)
    if old and _without_date(old) == _without_date(data):
        return write_atomic(path, data)
    cat.creation_date = now or dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    return write_atomic(path, render(cat))
