"""Localisation: an article and its catalog for a locale → the article in that locale."""

from __future__ import annotations

from dataclasses import replace

from colloquy.i18n.catalog import Catalog
from colloquy.model import Article, Text
from colloquy.walk import map_texts


def localise(article: Article, catalog: Catalog | None, locale: str) -> tuple[Article, list[Text]]:
    """The article with every text translated from ``catalog``. Fuzzy, empty and blank
    translations do not count: such texts keep their source and are marked ``missing``, and
    are returned."""
    source_locale = article.source_locale or article.meta.locale
    if locale == source_locale:
        return replace(article, source_locale=source_locale), []
    missing: list[Text] = []

    def translate(text: Text) -> Text:
        entry = catalog.get(text.source) if catalog is not None else None
        if entry is not None and entry.usable:
            return text.with_source(entry.string)
        missing.append(text)
        return replace(text, missing=True)

    out = map_texts(article, translate)
    return replace(out, meta=replace(out.meta, locale=locale), source_locale=source_locale), missing
