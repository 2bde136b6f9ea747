"""Localisation: an article and its catalog for a locale → the article in that locale."""

from __future__ import annotations

from dataclasses import replace

from colloquy.i18n.catalog import Catalog
from colloquy.model import Article, Text
from colloquy.walk import Place, map_units

#: a whole translation that says "this unit's translation is in the one before it"
MERGED = "<<<"


def localise(article: Article, catalog: Catalog | None, locale: str) -> tuple[Article, list[Text]]:
    """The article with every text translated from ``catalog``. Fuzzy, empty and blank
    translations do not count: such texts keep their source and are marked ``missing``, and
    are returned. A translation :data:`MERGED` into the one before is marked ``merged`` (the
    writers print nothing for it); a translation with a blank line is several paragraphs."""
    source_locale = article.source_locale or article.meta.locale
    if locale == source_locale:
        return replace(article, source_locale=source_locale), []
    missing: list[Text] = []

    def translate(text: Text, place: Place) -> Text:
        entry = None
        if catalog is not None:
            # a catalog not updated since the text got its context still has it without one
            entry = catalog.get(text.source, place.msgctxt) or (catalog.get(text.source) if place.msgctxt else None)
        if entry is not None and entry.usable:
            if entry.string.strip() == MERGED:
                return replace(text, source="", merged=True)
            return text.with_source(entry.string)
        missing.append(text)
        return replace(text, missing=True)

    out = map_units(article, translate)
    return replace(out, meta=replace(out.meta, locale=locale), source_locale=source_locale), missing
