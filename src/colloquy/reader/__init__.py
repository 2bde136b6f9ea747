"""Readers: ``articles/<slug>/article.md`` → :class:`colloquy.model.Article`."""

from colloquy.reader.source import MAX_NESTING, MAX_SOURCE_BYTES, read_article, read_text

__all__ = ["MAX_NESTING", "MAX_SOURCE_BYTES", "read_article", "read_text"]
