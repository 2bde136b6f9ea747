"""Reading and writing PO/POT files: validated on the way in, lossless on the way out.

Reading checks what a translator's tool may have broken, each problem reported at its line
(``path:line: error: …``): the encoding (UTF-8, no byte order mark), the PO syntax, the
Plural-Forms header, duplicate msgids, control characters. The entries are then read by
Translate Toolkit (:mod:`colloquy.i18n.catalog`), which keeps the file as it was written.

Writing keeps each catalog's own form: its header fields and their order, its comments and
flags, and its line wrapping — a catalog that is not wrapped stays unwrapped, one wrapped at
79 columns (Poedit, msgcat) has its new and changed strings wrapped at 79 too. Templates are
written unwrapped, and their ``POT-Creation-Date`` changes only when their content does.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gettext
import os
import re
import unicodedata
from pathlib import Path

from babel.messages.plurals import get_plural
from translate.storage import pypo

from colloquy.diagnostics import Report, display_path, utf8_error
from colloquy.fsutil import write_atomic
from colloquy.i18n.catalog import NO_WRAP, Catalog

_DATE_LINE = re.compile(rb'^"POT-Creation-Date: [^"]*\\n"\n', re.M)
_DATE_VALUE = re.compile(rb'^"POT-Creation-Date: ([^"]*)\\n"', re.M)
#: a keyword line or a string continuation line (after any ``#~``): keyword, one quoted string
_STRING_LINE = re.compile(rb'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"$')
_KEYWORD = re.compile(rb"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s")
_CHARSET = re.compile(rb'^"Content-Type:[^"\n]*?charset=([^"\s;\\]*)', re.M | re.I)
_PLURAL_FORMS = re.compile(rb'^"Plural-Forms:\s*((?:[^"\\]|\\[^n])*)', re.M | re.I)
_PLURAL_VALUE = re.compile(r"^nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$")
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: control characters (all of Unicode's, but tab and newline) and bidirectional controls
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: a catalog larger than this is refused (the catalog of a 2 MB article, the largest allowed, is about 5 MB)
MAX_CATALOG_BYTES = 8 * 1024 * 1024
_RESTORE = "restore it from version control, or delete it and run 'make update' to recreate it"
_SYNTAX_HINT = "fix the line, or check the file with 'msgfmt -c'"
#: the widths PO tools wrap at; a wrapped catalog keeps the one it was written with
_COMMON_WIDTH = 79


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


def _structure(data: bytes) -> tuple[list[int], tuple[int, str] | None]:
    """The line of each entry's msgid (obsolete ones included, in file order), and the first
    line that breaks the PO syntax: a line that is neither a comment nor a keyword with one
    quoted string, or keywords out of order (a msgstr without its msgid, a msgid without msgstr)."""
    lines: list[int] = []
    state = ""  # the last keyword of the entry being read: "", msgctxt, msgid, msgid_plural, msgstr
    opened = 0  # the line of the entry's msgid
    for number, raw in enumerate(data.split(b"\n"), 1):
        line = raw.strip()
        obsolete = line.startswith(b"#~")
        if obsolete:
            line = line[2:].strip()
            if line.startswith(b"|"):
                continue  # a previous msgid of an obsolete entry
        elif line.startswith(b"#") or not line:
            if state in ("msgid", "msgid_plural", "msgctxt"):
                return lines, (opened or number, "an entry has a msgid but no msgstr")
            if not line or state == "msgstr":
                state = ""
            continue
        if not line:
            continue
        if not _STRING_LINE.match(line):
            shown = line.decode("utf-8", "replace")
            return lines, (number, f"expected a keyword (msgid, msgstr …) and one quoted string, found '{shown[:60]}'")
        m = _KEYWORD.match(line)
        if m is None:  # a continuation line
            if not state:
                return lines, (number, "a quoted string that belongs to no keyword")
            continue
        keyword = m.group(1).decode()
        base = "msgstr" if keyword.startswith("msgstr") else keyword
        if base == "msgctxt":
            if state not in ("", "msgstr"):
                return lines, (number, "msgctxt must come before its msgid")
        elif base == "msgid":
            if state not in ("", "msgstr", "msgctxt"):
                return lines, (number, "a msgid before the previous entry's msgstr")
            lines.append(number)
            opened = number
        elif base == "msgid_plural":
            if state != "msgid":
                return lines, (number, "msgid_plural must follow a msgid")
        elif base == "msgstr" and state not in ("msgid", "msgid_plural", "msgstr"):
            return lines, (number, "a msgstr without its msgid")
        state = base
    if state in ("msgid", "msgid_plural", "msgctxt"):
        return lines, (opened, "an entry has a msgid but no msgstr")
    return lines, None


def wrap_width(data: bytes) -> int:
    """The width a catalog is wrapped at, or :data:`NO_WRAP`: a string continued over several
    lines that do not end at a line feed (``\\n"``) is wrapped; its width is that of its longest line."""
    wrapped = False
    previous = b""
    lines = data.split(b"\n")
    for raw in lines:
        line = raw.removeprefix(b"#~").strip()
        if line.startswith(b'"') and previous.endswith(b'"') and not previous.endswith(b'\\n"') and not previous.endswith(b' ""'):
            wrapped = True
            break
        previous = line
    if not wrapped:
        return NO_WRAP
    widest = max(
        (_display_width(raw.decode("utf-8", "replace")) for raw in lines if raw.removeprefix(b"#~").strip().startswith(b'"') or _KEYWORD.match(raw.strip())),
        default=0,
    )
    return _COMMON_WIDTH if widest <= _COMMON_WIDTH else widest


def tt_width(width: int) -> int:
    """Translate Toolkit's wrapping width for a file width: it counts the text between the quotes."""
    return width if width >= NO_WRAP else width - 2


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _entry_problems(cat: Catalog, shown: str, report: Report, *, invisible: bool = True) -> bool:
    """Duplicate msgids and invisible characters (looked for entry by entry only when the file
    has some); reports them and returns True when any."""
    found = False
    for group in (cat.entries, cat.obsolete):
        first: dict[tuple[str, str | None], int] = {}
        for entry in group:
            if entry.key in first:
                report.error(
                    shown, entry.line, None, f"msgid '{entry.msgid[:60]}' is defined twice (also on line {first[entry.key]})", "keep one of the two entries"
                )
                found = True
            else:
                first[entry.key] = entry.line
    for entry in cat.entries if invisible else ():
        values = [("msgid", entry.msgid), ("msgctxt", entry.context or "")] + [("translation", s) for s in entry.strings]
        for what, text in values:
            for ch in dict.fromkeys(_INVISIBLE.findall(text)):
                found = True
                if ch in _BIDI:
                    report.error(shown, entry.line, None, f"bidirectional control character U+{ord(ch):04X} in the {what}", "delete it: it can reorder what readers see")
                else:
                    report.error(shown, entry.line, None, f"control character U+{ord(ch):04X} in the {what}", "delete it (it often comes from copying out of Word or a PDF)")
    return found


def read_catalog(data: bytes, shown: str, report: Report, locale: str | None = None, domain: str = "") -> Catalog | None:
    """Parse a PO/POT file's bytes; problems are reported as ``shown:line: error`` and give None."""
    if data.startswith(b"\xef\xbb\xbf"):
        report.error(
            shown,
            1,
            1,
            "the catalog starts with a byte order mark (BOM), which PO files must not have",
            "save it as UTF-8 without BOM (most editors offer it under 'Save with encoding'), or run: sed -i '1s/^\\xEF\\xBB\\xBF//' FILE",
        )
        return None
    if _encoding_problem(data, shown, report) or _plural_forms_problem(data, shown, report, locale):
        return None
    lines, problem = _structure(data)
    if problem is not None:
        report.error(shown, problem[0], None, f"the catalog is not valid PO: {problem[1]}", _SYNTAX_HINT)
        return None
    try:
        store = pypo.pofile(data, width=tt_width(wrap_width(data)))
    except (ValueError, UnicodeDecodeError, LookupError) as exc:
        report.error(shown, 1, None, f"the catalog cannot be read: {exc}", _SYNTAX_HINT)
        return None
    cat = Catalog(store, domain, lines)
    if _entry_problems(cat, shown, report, invisible=_INVISIBLE.search(data.decode("utf-8", "replace")) is not None):
        return None
    return cat


def load_catalog(path: Path, report: Report, locale: str | None = None) -> Catalog | None:
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


def _without_date(data: bytes) -> bytes:
    return _DATE_LINE.sub(b"", data)


def creation_date(data: bytes) -> str | None:
    m = _DATE_VALUE.search(data)
    return m.group(1).decode("utf-8", "replace") if m else None


def save_catalog(path: Path, cat: Catalog, *, expected: str | None = None) -> bool:
    """Write a catalog atomically; returns whether the file changed (an unchanged file is left
    alone, byte for byte). ``expected``: see :func:`colloquy.fsutil.write_atomic` (raises
    ``ChangedOnDisk`` when the file changed since it was read)."""
    return write_atomic(path, cat.to_bytes(), expected=expected)


def save_template(path: Path, cat: Catalog, now: dt.datetime | None = None) -> bool:
    """Write a template (POT) atomically. Its POT-Creation-Date becomes ``now`` when its content
    changed and stays as it was otherwise; returns whether the file changed."""
    try:
        old = path.read_bytes()
    except OSError:
        old = b""
    previous = creation_date(old) if old else None
    if previous:
        cat.set_header(POT_Creation_Date=previous)
    data = cat.to_bytes()
    if old and _without_date(old) == _without_date(data):
        return write_atomic(path, old if old == data else data)
    stamp = now or dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    cat.set_header(POT_Creation_Date=stamp.strftime("%Y-%m-%d %H:%M%z"))
    return write_atomic(path, cat.to_bytes())


def plural_count(locale: str) -> int:
    with contextlib.suppress(Exception):
        return int(get_plural(locale).num_plurals)
    return 2


def plural_forms(locale: str) -> str:
    with contextlib.suppress(Exception):
        return str(get_plural(locale).plural_forms)
    return "nplurals=2; plural=(n != 1);"


def plural_expression(header: dict[str, str]) -> str | None:
    """The plural expression of a catalog's Plural-Forms header (``n != 1``), or None when it has
    none or it is not valid C."""
    m = _PLURAL_VALUE.match(header.get("Plural-Forms", "").strip())
    if m is None:
        return None
    try:
        gettext.c2py(m.group(2))
    except (ValueError, RecursionError):
        return None
    return m.group(2)
