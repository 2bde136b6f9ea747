"""Reading and writing PO/POT files with one policy, so that files stay diff-stable.

Policy: no line wrapping (one line per unit, as in the article source), entries in
article order, obsolete entries last, previous msgids (``#|``) kept, and the
creation date changed only when the file's content changes.

Babel alone cannot keep that policy, so this module completes it on both sides: its
reader does not know ``#|`` lines (it keeps them as translator comments) and refuses
GNU's ``#~|``; its writer wraps every comment at 76 columns, even with no wrapping
asked (a wrapped ``#| msgid`` is not valid PO, a wrapped translator comment cuts a
waiver from its reason), and writes no flags and no previous msgid for obsolete
entries (a fuzzy entry made obsolete would come back as translated). Previous msgids,
translator comments and obsolete entries' flags are written here, as GNU gettext does.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gettext
import io
import os
import re
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.plurals import get_plural
from babel.messages.pofile import PoFileError, PoFileParser, normalize, unescape, write_po

from colloquy.diagnostics import Report, display_path, utf8_error
from colloquy.fsutil import write_atomic
from colloquy.project import UI_DOMAIN

#: never wrap: one msgid/msgstr per line keeps git diffs to the changed units
WIDTH = 0
_DATE_LINE = re.compile(rb'^"POT-Creation-Date: [^"]*\\n"\n', re.M)
#: a keyword line or a string continuation line (after any ``#~``): keyword, one quoted string
_STRING_LINE = re.compile(rb'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"$')
_PREVIOUS = re.compile(rb"^#~?\|")
_CHARSET = re.compile(rb'^"Content-Type:[^"\n]*?charset=([^"\s;\\]*)', re.M | re.I)
_PLURAL_FORMS = re.compile(rb'^"Plural-Forms:\s*((?:[^"\\]|\\[^n])*)', re.M | re.I)
_PLURAL_VALUE = re.compile(r"^nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$")
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: control characters (all of Unicode's, but tab and newline) and bidirectional controls
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: a catalog larger than this is refused (the catalog of a 2 MB article, the largest allowed, is about 5 MB)
MAX_CATALOG_BYTES = 8 * 1024 * 1024
_RESTORE = "restore it from version control, or delete it and run 'make update' to recreate it"


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


def _split_previous(data: bytes) -> tuple[bytes, dict[int, list[bytes]]]:
    """Take the previous-msgid lines (``#|``, ``#~|``) out of a PO file's bytes, leaving blank
    lines so that line numbers stay; return them by the line of the msgid they precede."""
    lines = data.split(b"\n")
    previous: dict[int, list[bytes]] = {}
    pending: list[bytes] = []
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if _PREVIOUS.match(stripped):
            pending.append(stripped.split(b"|", 1)[1].strip())
            lines[number - 1] = b""
        elif pending and stripped.removeprefix(b"#~").lstrip().startswith(b"msgid"):
            previous[number] = pending
            pending = []
    return b"\n".join(lines), previous


def _parse_previous(chunks: list[bytes], charset: str) -> list[str]:
    """``msgid "…"`` [``"…"``…] [``msgid_plural "…"``…] → the previous msgid (and plural)."""
    fields: dict[str, list[str]] = {}
    current = ""
    for chunk in (c.decode(charset) for c in chunks):
        if not chunk.startswith('"'):
            current, _, chunk = chunk.partition(" ")
            fields[current] = []
        if current:
            fields[current].append(unescape(chunk.strip()))
    return ["".join(fields[k]) for k in ("msgid", "msgid_plural") if k in fields]


def _syntax_problem(data: bytes) -> tuple[int, str] | None:
    """The first line that is neither a comment nor a keyword with a quoted string (an
    unterminated string, a stray word): Babel would read it silently, wrongly."""
    for number, line in enumerate(data.split(b"\n"), 1):
        stripped = line.strip()
        if stripped.startswith(b"#~"):
            stripped = stripped[2:].strip()
        elif stripped.startswith(b"#"):
            continue
        if stripped and not _STRING_LINE.match(stripped):
            shown = stripped.decode("utf-8", "replace")
            return number, f"expected a keyword (msgid, msgstr …) and one quoted string, found '{shown[:60]}'"
    return None


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _too_large(size: int, shown: str, report: Report) -> bool:
    if size <= MAX_CATALOG_BYTES:
        return False
    report.error(
        shown,
        1,
        None,
        f"the catalog is {size / 1048576:.1f} MB, over the {MAX_CATALOG_BYTES // 1048576} MB limit for a catalog",
        "check that it is the right file; the catalog of an article is far smaller",
    )
    return True


def _encoding_problem(data: bytes, shown: str, report: Report) -> bool:
    """The file must be a UTF-8 text file that says so; reports the problem and returns True otherwise."""
    if _too_large(len(data), shown, report):
        return True
    if not data.strip():
        report.error(shown, 1, None, "the catalog is empty", _RESTORE)
        return True
    if b"\x00" in data:
        report.error(shown, _line_at(data, data.index(b"\x00")), None, "the file is not a PO catalog: it holds binary data (NUL bytes)", _RESTORE)
        return True
    declared = _CHARSET.search(data)
    if declared is not None and declared.group(1).decode("ascii", "replace").lower() not in ("utf-8", "utf8", "ascii", "us-ascii"):
        charset = declared.group(1).decode("ascii", "replace")
        line = _line_at(data, declared.start())
        try:
            data.decode("utf-8")
            is_utf8 = not data.isascii()
        except UnicodeDecodeError:
            is_utf8 = False
        if is_utf8:
            report.error(shown, line, None, f"the catalog declares charset={charset}, but its text is UTF-8", "write 'charset=UTF-8' in its Content-Type header")
        else:
            report.error(
                shown,
                line,
                None,
                f"the catalog declares charset={charset}; Colloquy catalogs are UTF-8",
                "convert it (msgconv -t UTF-8) and write 'charset=UTF-8' in its Content-Type header",
            )
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, _col, byte = utf8_error(data, exc)
        report.error(shown, line, None, f"the catalog is not valid UTF-8 (byte {byte})", "save it as UTF-8 (msgconv -t UTF-8 converts a Latin-1 file)")
        return True
    return False


def _plural_forms_problem(data: bytes, shown: str, report: Report, locale: str | None) -> bool:
    """A malformed Plural-Forms header is an error (returns True); one that does not fit the
    locale is a warning (the article catalogs have no plural entries, the ``ui`` one may)."""
    header = _PLURAL_FORMS.search(data)
    if header is None:
        return False
    line = _line_at(data, header.start())
    value = header.group(1).decode("utf-8").strip()
    if "INTEGER" in value and "EXPRESSION" in value:  # a template's placeholder
        return False
    expected = None
    if locale:
        with contextlib.suppress(Exception):
            expected = get_plural(locale)
    hint = f"write 'Plural-Forms: {expected}' (the value for {locale})" if expected else "write e.g. 'Plural-Forms: nplurals=2; plural=(n != 1);'"
    m = _PLURAL_VALUE.match(value)
    valid = m is not None and 1 <= int(m.group(1)) <= 6
    if valid and m is not None:
        try:
            gettext.c2py(m.group(2))
        except (ValueError, RecursionError):
            valid = False
    if not valid or m is None:
        report.error(shown, line, None, f"the Plural-Forms header is not valid ('{value}')", hint)
        return True
    if expected is not None and int(m.group(1)) != expected.num_plurals:
        report.warning(
            shown, line, None, f"the Plural-Forms header says nplurals={m.group(1)}, but {locale} has {expected.num_plurals} plural form(s)", hint
        )
    return False


class _ReadCatalog(Catalog):
    """A catalog being read: remembers the msgids defined twice (Babel merges them silently)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.duplicates: list[tuple[int, int, str]] = []  # (line, first line, msgid)

    def __setitem__(self, id: Any, message: Any) -> None:
        key = self._key_for(id, message.context)
        first = self._messages.get(key) if id else None
        if first is not None:
            self.duplicates.append((message.lineno or 1, first.lineno or 1, id if isinstance(id, str) else id[0]))
        super().__setitem__(id, message)


def _entry_problems(cat: Catalog, shown: str, report: Report) -> bool:
    """Duplicate msgids and invisible characters; reports them and returns True when any."""
    found = False
    for line, first, msgid in getattr(cat, "duplicates", []):
        report.error(shown, line, None, f"msgid '{msgid[:60]}' is defined twice (also on line {first})", "keep one of the two entries")
        found = True
    for msg in cat:
        if not msg.id:
            continue
        for what, value in (("msgid", msg.id), ("translation", msg.string), ("msgctxt", msg.context)):
            for text in (value,) if isinstance(value, str) else (value or ()):
                for ch in dict.fromkeys(_INVISIBLE.findall(text or "")):
                    found = True
                    if ch in _BIDI:
                        report.error(shown, msg.lineno or 1, None, f"bidirectional control character U+{ord(ch):04X} in the {what}", "delete it: it can reorder what readers see")
                    else:
                        report.error(
                            shown, msg.lineno or 1, None, f"control character U+{ord(ch):04X} in the {what}", "delete it (it often comes from copying out of Word or a PDF)"
                        )
    return found


def read_catalog(data: bytes, shown: str, report: Report, locale: str | None = None, domain: str | None = None) -> ColloquyCatalog | None:
    """Parse a PO/POT file's bytes; problems are reported as ``shown:line: error`` and give None."""
    hint = "fix the line, or check the file with 'msgfmt -c'"
    if _encoding_problem(data, shown, report) or _plural_forms_problem(data, shown, report, locale):
        return None
    stripped, previous = _split_previous(data)
    problem = _syntax_problem(stripped)
    if problem is not None:
        report.error(shown, problem[0], None, f"the catalog is not valid PO: {problem[1]}", hint)
        return None
    try:
        cat = _ReadCatalog(locale=locale, domain=domain)
        PoFileParser(cat, ignore_obsolete=False, abort_invalid=True).parse(io.BytesIO(stripped))
    except PoFileError as exc:
        # Babel counts lines from 0 and appends that number to its message
        line = exc.lineno + 1 if isinstance(exc.lineno, int) else 1
        message = re.sub(r" on -?\d+$", "", str(exc))
        report.error(shown, line, None, f"the catalog is not valid PO: {message}", hint)
        return None
    except (UnicodeDecodeError, LookupError) as exc:
        report.error(shown, 1, None, f"the catalog cannot be decoded: {exc}", "save it as UTF-8 and declare 'charset=UTF-8' in its header")
        return None
    except ValueError as exc:
        report.error(shown, 1, None, f"the catalog cannot be read: {exc}", "check its header (Language, Plural-Forms)")
        return None
    if previous:
        for msg in (*cat, *cat.obsolete.values()):
            chunks = previous.get(msg.lineno or 0) if msg.id else None
            if chunks:
                try:
                    msg.previous_id = _parse_previous(chunks, cat.charset)
                except (ValueError, UnicodeDecodeError, LookupError):
                    report.error(shown, msg.lineno or 1, None, "the catalog is not valid PO: a '#|' line cannot be read", hint)
                    return None
    if _entry_problems(cat, shown, report):
        return None
    return as_colloquy(cat)


def load_catalog(path: Path, report: Report, locale: str | None = None) -> ColloquyCatalog | None:
    """Read a PO/POT file; problems are reported as ``path:line: error`` and give None."""
    shown = display_path(path)
    try:
        with path.open("rb") as fh:  # never more than the limit in memory
            if _too_large(os.fstat(fh.fileno()).st_size, shown, report):
                return None
            data = fh.read(MAX_CATALOG_BYTES + 1)
    except OSError as exc:
        report.error(shown, 1, None, f"cannot read the catalog: {exc.strerror}", "check that it exists and is readable")
        return None
    return read_catalog(data, shown, report, locale, path.stem)


def _comment_lines(comments: list[str]) -> str:
    return "".join(f"# {line}".rstrip() + "\n" for comment in comments for line in (comment.splitlines() or [""]))


def _previous_lines(previous: list[str], prefix: str) -> str:
    return "".join(
        f"{prefix}{keyword} {normalize(value, prefix=prefix, width=0)}\n"
        for keyword, value in zip(("msgid", "msgid_plural"), previous, strict=False)
    )


def render(cat: Catalog) -> bytes:
    if cat.domain != UI_DOMAIN:
        # Article units are prose, never format strings: Babel guesses ``python-format`` from a
        # "%" followed by a letter ("40%, and") and ``python-brace-format`` from "{…}", which
        # would make msgfmt -c reject good translations.
        for msg in (*cat, *cat.obsolete.values()):
            msg.flags.difference_update(("python-format", "python-brace-format"))
    # Babel writes a one-word placeholder comment where our unwrapped lines go (see the module's docstring)
    lines: dict[bytes, bytes] = {}
    saved = [(m, m.user_comments, m.previous_id) for m in (*cat, *cat.obsolete.values()) if m.id]
    try:
        for n, msg in enumerate(m for m in cat if m.id):
            if msg.user_comments:
                token = f"colloquy-comments-{n}"
                lines[f"# {token}\n".encode()] = _comment_lines(msg.user_comments).encode(cat.charset)
                msg.user_comments = [token]
            if msg.previous_id:
                token = f"colloquy-previous-{n}"
                lines[f'#| msgid "{token}"\n'.encode()] = _previous_lines(msg.previous_id, "#| ").encode(cat.charset)
                msg.previous_id = [token]
        for n, msg in enumerate(cat.obsolete.values()):
            extra = _comment_lines(msg.user_comments)
            if msg.flags:
                extra += f"#{', '.join(['', *sorted(msg.flags)])}\n"
            if msg.previous_id:
                extra += _previous_lines(msg.previous_id, "#~| ")
            if extra:
                token = f"colloquy-obsolete-{n}"
                lines[f"# {token}\n".encode()] = extra.encode(cat.charset)
                msg.user_comments = [token]
        buf = io.BytesIO()
        write_po(buf, cat, width=WIDTH, include_previous=True, sort_output=False, sort_by_file=False)
    finally:
        for msg, comments, previous in saved:
            msg.user_comments, msg.previous_id = comments, previous
    if not lines:
        return buf.getvalue()
    return b"".join(lines.get(line, line) for line in buf.getvalue().splitlines(keepends=True))


def _without_date(data: bytes) -> bytes:
    return _DATE_LINE.sub(b"", data)


def save_catalog(path: Path, cat: Catalog, now: dt.datetime | None = None, *, stamp: bool = True, expected: str | None = None) -> bool:
    """Write ``cat`` to ``path`` atomically; returns whether the file changed (an unchanged
    file is left alone, byte for byte).

    ``stamp`` (templates): POT-Creation-Date becomes ``now`` when the content changed and
    stays as it was otherwise. Catalogs (``stamp=False``) carry their template's date, set
    by the update, so a translator's edit never changes it. ``expected``: see
    :func:`colloquy.fsutil.write_atomic` (raises ``ChangedOnDisk``)."""
    if not stamp:
        return write_atomic(path, render(cat), expected=expected)
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
