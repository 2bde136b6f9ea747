"""Localisation: an article and its catalog for a locale → the article in that locale.

A translator may split a unit (a blank line in the translation makes two paragraphs) or merge
it into the one before (the whole translation is :data:`MERGED`): :func:`merges` says which
merges hold, for localisation, the checks and the build alike."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from colloquy.i18n.catalog import Catalog, Entry
from colloquy.model import Article, Text, UnitKind
from colloquy.walk import Place, Unit, map_units, units

#: a whole translation that says "this unit's translation is in the one before it"
MERGED = "<<<"


def entry_of(catalog: Catalog, source: str, msgctxt: str | None) -> Entry | None:
    """A text's entry; a catalog not updated since the text got its context has it without one."""
    return catalog.get(source, msgctxt) or (catalog.get(source) if msgctxt else None)


def is_merged(entry: Entry) -> bool:
    return entry.usable and entry.string.strip() == MERGED


@dataclass
class Merges:
    """The merges of a catalog, checked against its article: each group's head entry with the
    entries merged into it, and the merges refused (with why)."""

    groups: dict[int, tuple[Entry, list[Entry]]] = field(default_factory=dict)
    refused: list[tuple[Entry, str]] = field(default_factory=list)

    def group(self, entry: Entry) -> list[Entry] | None:
        found = self.groups.get(id(entry))
        return found[1] if found is not None else None

    @property
    def merged(self) -> set[int]:
        return {id(e) for _head, merged in self.groups.values() for e in merged}

    def source_of(self, entry: Entry) -> str:
        """What a head entry's translation translates: its source and the sources merged into it."""
        merged = self.group(entry) or []
        return "\n\n".join([entry.msgid, *(e.msgid for e in merged)])


def _mergeable(before: Unit, unit: Unit) -> bool:
    return (
        unit.kind is UnitKind.PARAGRAPH
        and before.kind is UnitKind.PARAGRAPH
        and before.section is unit.section
        and before.speaker == unit.speaker
    )


def merges(article: Article, catalog: Catalog) -> Merges:
    """Which ``<<<`` translations merge into the paragraph before: only a paragraph into the
    paragraph before it in the same speaker's turn (the bilingual edition keeps them one row),
    and only when that one (or the head of its group) has a translation."""
    out = Merges()
    before: Unit | None = None
    head: Entry | None = None
    for unit in units(article):
        entry = entry_of(catalog, unit.text.source, unit.msgctxt)
        if entry is not None and is_merged(entry):
            problem = None
            if before is None or not _mergeable(before, unit):
                problem = "the unit before it is not a paragraph of the same turn"
            elif head is None:
                problem = "the paragraph before it has no translation to merge into"
            if problem is None and head is not None:
                out.groups.setdefault(id(head), (head, []))[1].append(entry)
            else:
                out.refused.append((entry, f"'{MERGED}' merges this unit's translation into the one before, but {problem}"))
                head = None
        else:
            usable = entry is not None and entry.usable and unit.kind is UnitKind.PARAGRAPH
            head = entry if usable else None
        before = unit
    return out


def localise(article: Article, catalog: Catalog | None, locale: str) -> tuple[Article, list[Text]]:
    """The article with every text translated from ``catalog``. Fuzzy, empty and blank
    translations do not count: such texts keep their source and are marked ``missing``, and
    are returned. A translation :data:`MERGED` into the one before is marked ``merged`` (the
    writers print nothing for it; a refused merge counts as missing); a translation with a blank
    line is several paragraphs."""
    source_locale = article.source_locale or article.meta.locale
    if locale == source_locale:
        return replace(article, source_locale=source_locale), []
    missing: list[Text] = []
    merged = merges(article, catalog).merged if catalog is not None else set()

    def translate(text: Text, place: Place) -> Text:
        entry = entry_of(catalog, text.source, place.msgctxt) if catalog is not None else None
        if entry is not None and entry.usable:
            if not is_merged(entry):
                return text.with_source(entry.string)
            if id(entry) in merged:
                return replace(text, source="", merged=True)
        missing.append(text)
        return replace(text, missing=True)

    out = map_units(article, translate)
    return replace(out, meta=replace(out.meta, locale=locale), source_locale=source_locale), missing
