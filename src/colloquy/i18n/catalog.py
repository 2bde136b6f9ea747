"""The catalog model: a PO or POT file's entries, on Translate Toolkit's lossless PO store.

A :class:`Catalog` keeps the file as Translate Toolkit read it (``translate.storage.pypo``):
every header field in its order, every comment line as written (blank ``#.`` lines included),
every flag, and each string's own line wrapping. What Colloquy changes is changed in place,
so a catalog saved by Poedit, Weblate, Lokalize or msgcat and then updated differs only where
the update had something to say.

Each entry of an article's catalog carries its unit's stable identity and kind in one
machine-readable extracted comment, beside the human-readable context::

    #. colloquy: id=u12 kind=paragraph
    #. Q2, speaker MJ, paragraph
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from translate.misc.multistring import multistring
from translate.storage import pocommon, pypo
from translate.storage.placeables import StringElem

#: the machine-readable extracted comment of an article unit
UNIT_COMMENT = re.compile(r"^colloquy: id=(u\d+) kind=([a-z][a-z-]*)$")
#: the header of a template that records the last unit id given (ids are never reused)
LAST_ID_HEADER = "X-Colloquy-Last-Unit-Id"
#: a catalog written by Colloquy is not wrapped: one line per string keeps diffs to the unit
#: (Translate Toolkit's wrapper with a width no line reaches breaks after "\n" only, as
#: ``msgcat --no-wrap`` does)
NO_WRAP = 10**9


def unit_comment(unit_id: str, kind: str) -> str:
    return f"colloquy: id={unit_id} kind={kind}"


def id_number(unit_id: str) -> int:
    return int(unit_id[1:])


def _text(value: Any) -> str:
    if isinstance(value, multistring):
        return str(value.strings[0]) if value.strings else ""
    if isinstance(value, StringElem):  # pragma: no cover - rich strings are never set here
        return str(value)
    return "" if value is None else str(value)


def _prefixed(wrapper: pypo.PoWrapper | None, prefix: int = 3) -> pypo.PoWrapper | None:
    """The wrapper of lines written after a prefix (``#| ``, ``#~ ``: 3 columns; ``#~| ``: 4) in
    a wrapped catalog, or None when the catalog is not wrapped."""
    if wrapper is None or wrapper.width <= 0 or wrapper.width >= NO_WRAP:
        return None
    return pypo.PoWrapper(width=max(wrapper.width - prefix, 10))


def _rewrap(unit: pypo.pounit, wrapper: pypo.PoWrapper | None, previous: pypo.PoWrapper | None = None) -> None:
    """Quote the unit's strings again with ``wrapper`` (nothing when None), and its previous
    msgid with ``previous`` when given."""
    if wrapper is None:
        return

    def again(lines: list[str]) -> list[str]:
        return pypo.quoteforpo(pypo.unquotefrompo(lines), wrapper) if lines else lines

    unit.msgctxt = again(unit.msgctxt)
    unit.msgid = again(unit.msgid)
    unit.msgid_plural = again(unit.msgid_plural)
    unit.msgstr = {k: again(v) for k, v in unit.msgstr.items()} if isinstance(unit.msgstr, dict) else again(unit.msgstr)
    if previous is not None:
        unit.prev_msgid = pypo.quoteforpo(pypo.unquotefrompo(unit.prev_msgid), previous) if unit.prev_msgid else []
        unit.prev_msgid_plural = pypo.quoteforpo(pypo.unquotefrompo(unit.prev_msgid_plural), previous) if unit.prev_msgid_plural else []
    unit._invalidate_source_cache()
    unit._invalidate_target_cache()


class Entry:
    """One entry (message) of a catalog: a view on Translate Toolkit's unit."""

    __slots__ = ("_info", "line", "unit")

    def __init__(self, unit: pypo.pounit, line: int = 0) -> None:
        self.unit = unit
        #: the line of the entry's msgid in the file it was read from (0: not read from a file)
        self.line = line
        self._info: tuple[str, str] | bool | None = False  # the unit id and kind, once read

    # ---- identity

    @property
    def msgid(self) -> str:
        return _text(self.unit.source)

    @property
    def plural(self) -> str | None:
        if not self.unit.hasplural():
            return None
        strings = self.unit.source.strings
        return str(strings[1]) if len(strings) > 1 else ""

    @property
    def context(self) -> str | None:
        return self.unit.getcontext() or None

    @property
    def key(self) -> tuple[str, str | None]:
        return self.msgid, self.context

    @property
    def obsolete(self) -> bool:
        return bool(self.unit.isobsolete())

    def make_obsolete(self) -> None:
        """``#~``: kept for its translation, its flags and comments (the references and extracted
        comments go, as with msgmerge). In a wrapped catalog its strings are wrapped again, three
        columns narrower, so that the ``#~ `` lines keep to the width as GNU gettext's do."""
        self.unit.makeobsolete()
        _rewrap(self.unit, _prefixed(self.unit.wrapper), _prefixed(self.unit.wrapper, 4))

    def restore(self) -> None:
        """An obsolete entry made active again, fuzzy or not as it was (Translate Toolkit's
        ``resurrect`` would mark it translated); in a wrapped catalog, wrapped at its full width again."""
        self.unit.obsolete = False
        if _prefixed(self.unit.wrapper) is not None:
            _rewrap(self.unit, self.unit.wrapper, _prefixed(self.unit.wrapper))

    # ---- the translation

    @property
    def strings(self) -> list[str]:
        """The msgstr, or each msgstr[n] of a plural entry."""
        target = self.unit.target
        if isinstance(target, multistring):
            return [str(s) for s in target.strings]
        return [_text(target)]

    @property
    def string(self) -> str:
        return self.strings[0] if self.strings else ""

    def set_strings(self, strings: list[str]) -> None:
        if self.unit.hasplural():
            self.unit.target = multistring(strings)
        else:
            self.unit.target = strings[0] if strings else ""

    @property
    def translated(self) -> bool:
        """Whether the entry has a translation: a string that is not only white space (a msgstr of
        one space is no translation). Fuzzy entries count: see :attr:`usable`."""
        return any(s.strip() for s in self.strings)

    @property
    def usable(self) -> bool:
        """Translated and confirmed: what the editions print."""
        return self.translated and not self.fuzzy

    # ---- flags and comments

    @property
    def flags(self) -> list[str]:
        out: list[str] = []
        for line in self.unit.typecomments:
            out.extend(f.strip() for f in line.strip().removeprefix("#,").split(",") if f.strip())
        return out

    def set_flags(self, flags: list[str]) -> None:
        """Replace the flags (``#,`` line), keeping their order; the comment line is left as it was
        when the flags do not change."""
        if flags == self.flags:
            return
        self.unit.typecomments = [f"#, {', '.join(flags)}\n"] if flags else []
        self.unit._typecomments_cache = None

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @fuzzy.setter
    def fuzzy(self, value: bool) -> None:
        flags = [f for f in self.flags if f != "fuzzy"]
        self.set_flags(["fuzzy", *flags] if value else flags)

    @property
    def auto_comments(self) -> list[str]:
        """The extracted comments (``#.``), one item per line, blank lines included."""
        return [line.rstrip("\n")[3:] if line.startswith("#. ") else line.rstrip("\n")[2:] for line in self.unit.automaticcomments]

    def set_auto_comments(self, comments: list[str]) -> None:
        self.unit.automaticcomments = [f"#. {c}\n" if c else "#.\n" for c in comments]
        self._info = False

    @property
    def translator_comments(self) -> list[str]:
        """The translator comments (``#``), one item per line, blank lines included."""
        return [line.rstrip("\n")[2:] if line.startswith("# ") else line.rstrip("\n")[1:] for line in self.unit.othercomments]

    def set_translator_comments(self, comments: list[str]) -> None:
        self.unit.othercomments = [f"# {c}\n" if c else "#\n" for c in comments]

    @property
    def locations(self) -> list[str]:
        return [str(loc) for loc in self.unit.getlocations()]

    def set_locations(self, locations: list[str]) -> None:
        """The references (``#:``), on one line as ``msgcat --no-wrap`` writes them; left as they
        were written when they do not change."""
        if locations == self.locations:
            return
        self.unit.sourcecomments = [f"#: {' '.join(pocommon.quote_plus(loc) for loc in locations)}\n"] if locations else []

    @property
    def previous(self) -> str | None:
        """The previous msgid (``#| msgid``) of a fuzzy entry."""
        if not self.unit.prev_msgid:
            return None
        return _text(self.unit.prev_source)

    def set_previous(self, msgid: str | None) -> None:
        """Set the previous msgid; in a wrapped catalog the ``#| `` lines keep to its width (the
        text is wrapped three columns narrower, as GNU gettext does)."""
        if msgid == self.previous:
            return
        self.unit.prev_source = msgid
        narrow = _prefixed(self.unit.wrapper)
        if msgid is not None and narrow is not None:
            self.unit.prev_msgid = pypo.quoteforpo(msgid, narrow)

    # ---- the unit's identity in an article catalog

    @property
    def unit_id(self) -> str | None:
        info = self._unit_info()
        return info[0] if info else None

    @property
    def kind(self) -> str:
        info = self._unit_info()
        return info[1] if info else ""

    def _unit_info(self) -> tuple[str, str] | None:
        if self._info is False:
            self._info = None
            for comment in self.auto_comments:
                m = UNIT_COMMENT.match(comment.strip())
                if m:
                    self._info = (m.group(1), m.group(2))
                    break
        return self._info if isinstance(self._info, tuple) else None

    @property
    def context_comments(self) -> list[str]:
        """The extracted comments but the machine-readable unit line: what a translator reads."""
        return [c for c in self.auto_comments if not UNIT_COMMENT.match(c.strip())]

    def __repr__(self) -> str:
        return f"Entry({self.msgid[:40]!r}, {self.string[:20]!r}, line={self.line})"


class Catalog:
    """A PO or POT file: its header, its entries in file order, its obsolete entries."""

    def __init__(self, store: pypo.pofile, domain: str, lines: list[int] | None = None) -> None:
        self.store = store
        self.domain = domain
        units = list(store.units)
        numbers = lines if lines is not None and len(lines) == len(units) else [0] * len(units)
        #: the line each unit was read from, by the unit's identity
        self._lines = {id(u): n for u, n in zip(units, numbers, strict=True)}
        self._index: dict[tuple[str, str | None], Entry] | None = None
        self._cached: tuple[list[pypo.pounit], list[Entry]] | None = None

    def _all(self) -> list[Entry]:
        """An entry for each unit of the store (made again when its list of units changed)."""
        units = self.store.units
        if self._cached is None or self._cached[0] is not units or len(self._cached[1]) != len(units):
            self._cached = (units, [Entry(u, self._lines.get(id(u), 0)) for u in units])
        return self._cached[1]

    # ---- reading

    @property
    def header_entry(self) -> Entry | None:
        first = self.store.units[0] if self.store.units else None
        return Entry(first) if first is not None and first.isheader() else None

    @property
    def header(self) -> dict[str, str]:
        return {str(k): str(v) for k, v in self.store.parseheader().items()} if self.header_entry else {}

    @property
    def entries(self) -> list[Entry]:
        """The active entries (not the header, not obsolete), in file order."""
        return [e for e in self._all() if not e.unit.isheader() and not e.obsolete]

    @property
    def obsolete(self) -> list[Entry]:
        return [e for e in self._all() if e.obsolete]

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, msgid: str, context: str | None = None) -> Entry | None:
        """The active entry of a text (indexed once: look entries up after the catalog is complete)."""
        if self._index is None:
            self._index = {e.key: e for e in self.entries}
        return self._index.get((msgid, context))

    def set_header(self, **fields: str) -> None:
        """Set header fields (``POT_Creation_Date="…"`` for ``POT-Creation-Date``), changing only
        their own lines: a field already there keeps its place, a new one comes last."""
        header = self.header_entry
        if header is None:
            return
        lines: list[str] = list(header.unit.msgstr) if isinstance(header.unit.msgstr, list) else []
        for name, value in fields.items():
            key = name.replace("_", "-")
            line = f'"{pypo.escapeforpo(f"{key}: {value}")}\\n"'
            found = next((i for i, raw in enumerate(lines) if raw.startswith(f'"{key}:')), None)
            if found is not None and lines[found].endswith('\\n"'):
                lines[found] = line
            elif found is None:
                if lines and lines[-1] != '""' and not lines[-1].endswith('\\n"'):
                    lines[-1] = lines[-1][:-1] + '\\n"'  # a last field written without its line feed (Babel)
                lines.append(line)
            else:  # a field wrapped over several lines: let Translate Toolkit rewrite the header
                self.store.updateheader(add=True, **{name: value})
                return
        if lines and lines[0] != '""':
            lines.insert(0, '""')
        header.unit.msgstr = lines
        header.unit._invalidate_target_cache()

    # ---- writing

    def to_bytes(self) -> bytes:
        data = bytes(self.store)
        return data if data.endswith(b"\n") or not data else data + b"\n"


def new_store(width: int = NO_WRAP) -> pypo.pofile:
    """An empty PO store that writes new strings with ``width`` (:data:`NO_WRAP`: one line each)."""
    store = pypo.pofile(width=width)
    store.units = []
    return store


def new_unit(store: pypo.pofile, msgid: str, *, plural: str | None = None, context: str | None = None, nplurals: int = 1) -> Entry:
    """A new entry of ``store`` (not yet added to it), untranslated."""
    unit = store.create_unit()
    unit.source = multistring([msgid, plural]) if plural is not None else msgid
    if context:
        unit.setcontext(context)
    entry = Entry(unit)
    entry.set_strings([""] * max(nplurals, 1) if plural is not None else [""])
    return entry


def header_unit(store: pypo.pofile, comment_lines: list[str], fields: list[tuple[str, str]]) -> pypo.pounit:
    """A header entry with exactly these translator-comment lines and fields, in this order."""
    unit = store.create_unit()
    unit.source = ""
    unit.othercomments = [f"# {c}\n" if c else "#\n" for c in comment_lines]
    unit.msgstr = ['""', *(f'"{pypo.escapeforpo(f"{k}: {v}")}\\n"' for k, v in fields)]
    return unit
