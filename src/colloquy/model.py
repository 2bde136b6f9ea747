"""The article model: one typed description of an interview, independent of any output format.

The reader builds it from ``article.md``; localisation replaces its texts with
translations from a catalog; every writer renders it. Texts are kept as the inline
Markdown the editor wrote (:class:`Text`), which is also the msgid a translator sees;
:mod:`colloquy.markup` parses it into inline nodes for the writers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum


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
    """What a translatable text is; shown to translators in the catalog."""

    TITLE = "title"
    SHORT_TITLE = "short title"
    SUBTITLE = "subtitle"
    OUTLET = "outlet"
    COLUMN = "column"
    EVENT_NAME = "event name"
    EVENT_SHORT_NAME = "event short name"
    EVENT_CITY = "event city"
    EVENT_THEME = "event theme"
    TAG = "tag"
    SPEAKER_NAME = "speaker name"
    SPEAKER_HONORIFIC = "speaker honorific"
    SPEAKER_AFFILIATION = "speaker affiliation"
    HEADING = "question heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list item"
    QUOTE = "quotation"
    IMAGE_ALT = "image alt text"
    CAPTION = "caption"


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


@dataclass(frozen=True)
class Paragraph:
    text: Text
    kind: UnitKind = UnitKind.PARAGRAPH

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


@dataclass(frozen=True)
class Quote:
    blocks: tuple[Block, ...]
    line: int


@dataclass(frozen=True)
class Image:
    src: str
    alt: Text
    caption: Text | None
    line: int


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


# ---------------------------------------------------------------- translation units


@dataclass(frozen=True)
class Unit:
    """One translatable text with the context a translator needs."""

    text: Text
    kind: UnitKind
    section: Section | None = None
    speaker: str | None = None
    field: str = ""  # metadata: the front-matter key path, e.g. ``speakers.MJ.name``

    @property
    def context(self) -> str:
        """A one-line description: where the text is and what it is."""
        parts: list[str] = []
        if self.field:
            parts.append(f"front matter: {self.field}")
        if self.section is not None:
            if self.section.kind is SectionKind.QUESTION:
                parts.append(f"Q{self.section.number}")
            elif self.section.kind is SectionKind.PROFILE:
                parts.append(f"profile of {self.section.speaker}")
            else:
                parts.append(str(self.section.kind))
        if self.speaker:
            parts.append(f"speaker {self.speaker}")
        if not self.field or self.field.replace("_", " ").rsplit(".", 1)[-1] != str(self.kind):
            parts.append(str(self.kind))
        return ", ".join(parts)


def _block_units(block: Block, section: Section, speaker: str | None) -> Iterator[Unit]:
    match block:
        case Paragraph(text=text, kind=kind):
            yield Unit(text, kind, section, speaker)
        case ListBlock(items=items):
            for item in items:
                for inner in item.blocks:
                    if isinstance(inner, Paragraph):
                        yield Unit(inner.text, UnitKind.LIST_ITEM, section, speaker)
                    else:
                        yield from _block_units(inner, section, speaker)
        case Quote(blocks=blocks):
            for inner in blocks:
                if isinstance(inner, Paragraph):
                    yield Unit(inner.text, UnitKind.QUOTE, section, speaker)
                else:
                    yield from _block_units(inner, section, speaker)
        case Image(alt=alt, caption=caption):
            yield Unit(alt, UnitKind.IMAGE_ALT, section, speaker)
            if caption is not None:
                yield Unit(caption, UnitKind.CAPTION, section, speaker)


def units(article: Article) -> Iterator[Unit]:
    """Every translatable text of the article, metadata first, then the body in reading order."""
    meta = article.meta
    yield Unit(meta.title, UnitKind.TITLE, field="title")
    for value, kind, name in (
        (meta.short_title, UnitKind.SHORT_TITLE, "short_title"),
        (meta.subtitle, UnitKind.SUBTITLE, "subtitle"),
        (meta.outlet, UnitKind.OUTLET, "outlet"),
        (meta.column, UnitKind.COLUMN, "column"),
    ):
        if value is not None:
            yield Unit(value, kind, field=name)
    if meta.event is not None:
        ev = meta.event
        for value, kind, name in (
            (ev.name, UnitKind.EVENT_NAME, "event.name"),
            (ev.short_name, UnitKind.EVENT_SHORT_NAME, "event.short_name"),
            (ev.city, UnitKind.EVENT_CITY, "event.city"),
            (ev.theme, UnitKind.EVENT_THEME, "event.theme"),
        ):
            if value is not None:
                yield Unit(value, kind, field=name)
    for tag in meta.tags:
        yield Unit(tag, UnitKind.TAG, field="tags")
    for sp in article.speakers.values():
        yield Unit(sp.name, UnitKind.SPEAKER_NAME, field=f"speakers.{sp.key}.name", speaker=sp.key)
        if sp.honorific is not None:
            yield Unit(sp.honorific, UnitKind.SPEAKER_HONORIFIC, field=f"speakers.{sp.key}.honorific", speaker=sp.key)
        if sp.affiliation is not None:
            yield Unit(sp.affiliation, UnitKind.SPEAKER_AFFILIATION, field=f"speakers.{sp.key}.affiliation", speaker=sp.key)
    for section in article.sections:
        if section.heading is not None:
            yield Unit(section.heading, UnitKind.HEADING, section)
        for turn in section.turns:
            for block in turn.blocks:
                yield from _block_units(block, section, turn.speaker)


def map_texts(article: Article, fn: Callable[[Text], Text]) -> Article:
    """A copy of the article with every translatable :class:`Text` passed through ``fn``."""

    def t(x: Text | None) -> Text | None:
        return None if x is None else fn(x)

    def tt(x: Text) -> Text:
        return fn(x)

    def block(b: Block) -> Block:
        match b:
            case Paragraph():
                return replace(b, text=tt(b.text))
            case ListBlock():
                return replace(b, items=tuple(replace(i, blocks=tuple(block(x) for x in i.blocks)) for i in b.items))
            case Quote():
                return replace(b, blocks=tuple(block(x) for x in b.blocks))
            case Image():
                return replace(b, alt=tt(b.alt), caption=t(b.caption))
        raise TypeError(b)  # pragma: no cover

    m = article.meta
    ev = m.event
    meta = replace(
        m,
        title=tt(m.title),
        short_title=t(m.short_title),
        subtitle=t(m.subtitle),
        outlet=tt(m.outlet),
        column=t(m.column),
        tags=tuple(tt(x) for x in m.tags),
        event=None if ev is None else replace(ev, name=tt(ev.name), short_name=t(ev.short_name), city=t(ev.city), theme=t(ev.theme)),
    )
    speakers = {k: replace(s, name=tt(s.name), honorific=t(s.honorific), affiliation=t(s.affiliation)) for k, s in article.speakers.items()}
    sections = tuple(
        replace(
            s,
            heading=t(s.heading),
            turns=tuple(replace(turn, blocks=tuple(block(b) for b in turn.blocks)) for turn in s.turns),
        )
        for s in article.sections
    )
    return replace(article, meta=meta, speakers=speakers, sections=sections)
