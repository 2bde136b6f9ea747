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
import io
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, normalize, read_po, unescape, write_po

from colloquy.diagnostics import Report, display_path
from colloquy.fsutil import write_atomic
from colloquy.project import UI_DOMAIN

#: never wrap: one msgid/msgstr per line keeps git diffs to the changed units
WIDTH = 0
_DATE_LINE = re.compile(rb'^"POT-Creation-Date: [^"]*\\n"\n', re.M)
#: a keyword line or a string continuation line (after any ``#~``): keyword, one quoted string
_STRING_LINE = re.compile(rb'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"$')
_PREVIOUS = re.compile(rb"^#~?\|")


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


def read_catalog(data: bytes, shown: str, report: Report, locale: str | None = None, domain: str | None = None) -> ColloquyCatalog | None:
    """Parse a PO/POT file's bytes; syntax errors are reported as ``shown:line: error`` and give None."""
    hint = "fix the line, or check the file with 'msgfmt -c'"
    stripped, previous = _split_previous(data)
    problem = _syntax_problem(stripped)
    if problem is not None:
        report.error(shown, problem[0], None, f"the catalog is not valid PO: {problem[1]}", hint)
        return None
    try:
        cat = read_po(io.BytesIO(stripped), locale=locale, domain=domain, abort_invalid=True)
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
    return as_colloquy(cat)


def load_catalog(path: Path, report: Report, locale: str | None = None) -> ColloquyCatalog | None:
    """Read a PO/POT file; syntax errors are reported as ``path:line: error`` and give None."""
    shown = display_path(path)
    try:
        data = path.read_bytes()
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
