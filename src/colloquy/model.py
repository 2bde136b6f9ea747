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
    #: a collective answer ("the panel"): never listed as an expert
    PANEL = "panel"

    @property
    def asks(self) -> bool:
        """An interviewer or a host: set apart from the experts in the layout."""
        return self in (Role.INTERVIEWER, Role.HOST)

    @property
    def expert(self) -> bool:
        """An interviewee or a guest: listed in the indexes and the metadata."""
        return self in (Role.INTERVIEWEE, Role.GUEST)


class SectionKind(StrEnum):
    EDITORS_NOTE = "editors-note"
    INTRODUCTION = "introduction"  # the lead paragraphs
    SUMMARY = "summary"  # a summary (导语)
    QUESTION = "question"
    PROFILE = "profile"


#: the fronts an article's body may start with, in any order, before the questions
FRONT_KINDS = (SectionKind.INTRODUCTION, SectionKind.EDITORS_NOTE, SectionKind.SUMMARY)


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
    SUBHEADING = "subheading"
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
    #: set by localisation when the translator merged this text's translation into the one
    #: before it: ``source`` is empty, and the writers print the two texts' sources beside one translation
    merged: bool = False

    @property
    def paragraphs(self) -> list[str]:
        """The text's paragraphs: a translation may split a unit in two with a blank line."""
        return [p.strip() for p in self.source.split("\n\n") if p.strip()] or [self.source]

    def with_source(self, source: str) -> Text:
        return replace(self, source=source)

    def __str__(self) -> str:
        return self.source


class NameOrder(StrEnum):
    """How a speaker's name is written: family name first (马军, Ma Jun) or given name first
    (Michael Gnant). It says which word of the name is the family name (the web page's
    metadata: ``familyName`` and ``givenName``)."""

    FAMILY_FIRST = "family-first"
    GIVEN_FIRST = "given-first"


@dataclass(frozen=True)
class Speaker:
    key: str
    name: Text
    role: Role
    honorific: Text | None = None
    affiliation: Text | None = None
    line: int = 1
    name_order: NameOrder = NameOrder.FAMILY_FIRST


def name_parts(name: str, order: NameOrder) -> tuple[str, str] | None:
    """(family name, given name) of a name written in words ("Ma Jun" → ("Ma", "Jun"); "Michael
    Gnant", given-first → ("Gnant", "Michael")); None for a name written without spaces (马军: which
    characters make the family name is not known)."""
    words = name.split()
    if len(words) < 2:
        return None
    if order is NameOrder.FAMILY_FIRST:
        return words[0], " ".join(words[1:])
    return words[-1], " ".join(words[:-1])


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"  # an event known by its month only: start and end are its first and last day


@dataclass(frozen=True)
class Event:
    name: Text
    short_name: Text | None
    city: Text | None
    start: dt.date
    end: dt.date
    theme: Text | None = None
    precision: DatePrecision = DatePrecision.DAY


class Numbering(StrEnum):
    """How questions are numbered: "Q1: heading" on one line, or "01" above the heading."""

    INLINE = "inline"
    ABOVE = "above"


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
    #: the article's own numbering of questions, over the house style's
    numbering: Numbering | None = None
    #: the slugs of the parts of a series this article is one of, in order (itself included)
    series: tuple[str, ...] = ()
    #: the lead image (a file of the article's folder): the web pages' preview (og:image)
    image: str | None = None


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
    #: lines typed without list markers (a profile's positions): printed one per line, unmarked
    bare: bool = False
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


@dataclass(frozen=True)
class SubHeading:
    """A heading inside a question (``###``): one of several questions under a topic."""

    text: Text
    line: int
    kind: ClassVar[str] = "subheading"


@dataclass(frozen=True)
class Only:
    """Content written for one locale's editions only (``::: only zh_CN``): not translated,
    shown in that locale's edition and on its side of the bilingual ones."""

    locale: str
    blocks: tuple[Block, ...]
    line: int
    kind: ClassVar[str] = "only"


@dataclass(frozen=True)
class Video:
    """A recorded interview (``::: video URL``): its poster image, linked to it on the web; the
    address and a QR code in print."""

    url: str
    poster: Image | None
    line: int
    kind: ClassVar[str] = "video"


Block = Paragraph | ListBlock | Quote | Image | SubHeading | Only | Video


@dataclass(frozen=True)
class Turn:
    """Consecutive blocks said by one speaker. ``speaker`` is None for narration, for a
    sub-heading, and for an unlabelled turn (``@:``: someone answers, no label is printed)."""

    speaker: str | None
    blocks: tuple[Block, ...]
    line: int
    label_on_own_line: bool = False
    unlabelled: bool = False


@dataclass(frozen=True)
class Section:
    kind: SectionKind
    turns: tuple[Turn, ...]
    line: int
    number: int | None = None  # numbered questions: 1, 2, 3 … assigned by the reader
    heading: Text | None = None  # questions may come without a heading
    speaker: str | None = None  # profile: whose profile
    #: the section is written for this locale's editions only (``::: only``), not translated
    only: str | None = None

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
        """The experts: interviewees and guests (not hosts, interviewers or the panel)."""
        return tuple(s for s in self.speakers.values() if s.role.expert)

    @property
    def profiles(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.kind is SectionKind.PROFILE)
