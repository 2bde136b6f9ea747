"""The article model: one typed description of an interview, independent of any output format.

The reader builds it from ``article.md``; localisation replaces its texts with
translations from a catalog; every writer renders it. Texts are kept as the inline
Markdown the editor wrote (:class:`Text`), which is also the msgid a translator sees;
:mod:`colloquy.markup` parses it into inline nodes for the writers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import ClassVar


class Role(StrEnum):
    INTERVIEWER = "interviewer"
    INTERVIEWEE = "interviewee"
    HOST = "host"
    GUEST = "guest"


class SectionKind(StrEnum):
    EDITORS_NOTE = "editors-note"
    INTRODUCTION = "introduction"
    QUESTION = "question"
    PROFILE = "profile"


class UnitKind(StrEnum):
    """What a translatable text is. The value is its machine-readable name (written in the
    catalog after ``kind=``); :attr:`label` is how the translator's context line names it."""

    TITLE = "title"
    SHORT_TITLE = "short-title"
    SUBTITLE = "subtitle"
    OUTLET = "outlet"
    COLUMN = "column"
    EVENT_NAME = "event-name"
    EVENT_SHORT_NAME = "event-short-name"
    EVENT_CITY = "event-city"
    EVENT_THEME = "event-theme"
    TAG = "tag"
    SPEAKER_NAME = "speaker-name"
    SPEAKER_HONORIFIC = "speaker-honorific"
    SPEAKER_AFFILIATION = "speaker-affiliation"
    HEADING = "question-heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    QUOTE = "quotation"
    IMAGE_ALT = "image-alt-text"
    CAPTION = "caption"

    @property
    def label(self) -> str:
        """The kind in words, as the ``#.`` context shows it ("question heading")."""
        return self.value.replace("-", " ")


@dataclass(frozen=True)
class Text:
    """A translatable text: inline Markdown as written, and where it was written."""

    source: str
    line: int
    col: int = 1
    #: set by localisation when the catalog has no (non-fuzzy) translation: ``source`` is then
    #: still in the article's source language, and writers must show it marked
    missing: bool = False

    def with_source(self, source: str) -> Text:
        return replace(self, source=source)

    def __str__(self) -> str:
        return self.source


@dataclass(frozen=True)
class Speaker:
    key: str
    name: Text
    role: Role
    honorific: Text | None = None
    affiliation: Text | None = None
    line: int = 1


@dataclass(frozen=True)
class Event:
    name: Text
    short_name: Text | None
    city: Text | None
    start: dt.date
    end: dt.date
    theme: Text | None = None


@dataclass(frozen=True)
class Metadata:
    slug: str
    locale: str
    date: dt.date
    outlet: Text
    title: Text
    column: Text | None = None
    short_title: Text | None = None
    subtitle: Text | None = None
    event: Event | None = None
    tags: tuple[Text, ...] = ()


# ---------------------------------------------------------------- blocks
# Each block has a class-level ``kind`` (a name templates and writers dispatch on).


@dataclass(frozen=True)
class Paragraph:
    text: Text
    kind: ClassVar[str] = "paragraph"

    @property
    def line(self) -> int:
        return self.text.line


@dataclass(frozen=True)
class ListItem:
    blocks: tuple[Block, ...]
    line: int


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[ListItem, ...]
    line: int
    start: int = 1
    kind: ClassVar[str] = "list"


@dataclass(frozen=True)
class Quote:
    blocks: tuple[Block, ...]
    line: int
    kind: ClassVar[str] = "quote"


@dataclass(frozen=True)
class Image:
    src: str
    alt: Text
    caption: Text | None
    line: int
    kind: ClassVar[str] = "image"


Block = Paragraph | ListBlock | Quote | Image


@dataclass(frozen=True)
class Turn:
    """Consecutive blocks said by one speaker (``speaker`` is None for narration)."""

    speaker: str | None
    blocks: tuple[Block, ...]
    line: int
    label_on_own_line: bool = False


@dataclass(frozen=True)
class Section:
    kind: SectionKind
    turns: tuple[Turn, ...]
    line: int
    number: int | None = None  # questions: 1, 2, 3 … assigned by the reader
    heading: Text | None = None  # questions may come without a heading
    speaker: str | None = None  # profile: whose profile

    @property
    def blocks(self) -> tuple[Block, ...]:
        return tuple(b for turn in self.turns for b in turn.blocks)


@dataclass(frozen=True)
class Article:
    meta: Metadata
    speakers: dict[str, Speaker]
    sections: tuple[Section, ...]
    path: str = ""
    source_hash: str = ""
    #: the language the article was written in; ``meta.locale`` is the language of its texts
    source_locale: str = ""

    @property
    def questions(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.kind is SectionKind.QUESTION)

    def section(self, kind: SectionKind) -> Section | None:
        return next((s for s in self.sections if s.kind is kind), None)

    @property
    def interviewees(self) -> tuple[Speaker, ...]:
        return tuple(s for s in self.speakers.values() if s.role in (Role.INTERVIEWEE, Role.GUEST))
