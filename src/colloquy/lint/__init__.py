"""The source lint: what Word and the web paste into an article, and what is implausible.

The reader (:mod:`colloquy.reader.source`) refuses what would change what is published —
a speaker label typed as text, a label typed twice, an unclosed ``:::``, a question number
typed by hand, YAML that does not read a value as written. What is left is reported here as
warnings (errors with ``--strict``), each at its line and column with a hint:

* ``text.py``: Word artefacts — invisible characters (zero-width, a BOM or a soft hyphen inside
  the text), look-alike spaces (NBSP), full-width digits and Latin letters, unbalanced quotes;
  in English, a comma or full stop with no space after it; in Chinese, half-width punctuation
  and spaces between Chinese and Latin text. The rules are :mod:`colloquy.textrules`', the same
  the translation checks apply;
* ``plausibility.py``: a publication date more than a year ahead or long before the event, an
  honorific repeated in the name.

``colloquy fix`` (:mod:`colloquy.lint.fix`) repairs what cannot change the meaning.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from markdown_it.token import Token

from colloquy.diagnostics import Diagnostic, Report, Severity
from colloquy.model import Metadata, Speaker

#: the codes of the lint's findings, and what each is about
CODES = {
    "invisible": "zero-width characters, a BOM or a soft hyphen inside the text",
    "nbsp": "non-breaking and other look-alike spaces",
    "fullwidth": "full-width digits and Latin letters",
    "quotes": "unbalanced quotes and brackets",
    "spacing": "no space after a comma or full stop in English",
    "punctuation": "half-width punctuation in Chinese text, full-width punctuation in English text",
    "cjk-spacing": "a space between Chinese and Latin text",
    "date": "a publication date far ahead, or long before the event",
    "honorific": "the honorific repeated in the name",
}


@dataclass(frozen=True)
class Source:
    """An article's source as the lint reads it: the file's lines, the body's block tokens, what
    the front matter declared (None when it could not be read)."""

    path: str
    lines: list[str]
    tokens: list[Token]
    meta: Metadata | None
    speakers: dict[str, Speaker]
    #: the file line the body starts on (after the front matter's closing ``---``)
    body_line: int
    #: the article's text rules are Chinese (its locale's house style)
    chinese: bool


def lint(source: Source, report: Report) -> None:
    """Report every lint finding of an article (as warnings)."""
    from colloquy.lint.plausibility import plausibility
    from colloquy.lint.text import text_findings

    text_findings(source, report)
    plausibility(source, report)


def strict(items: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics with the lint's warnings made errors (``--strict``)."""
    return [replace(d, severity=Severity.ERROR) if d.severity is Severity.WARNING and d.code in CODES else d for d in items]


def make_strict(report: Report) -> None:
    """``--strict``: the lint's warnings in ``report`` become errors (with their code: findings)."""
    report.items[:] = strict(report.items)
