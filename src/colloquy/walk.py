"""The one traversal of the article model (after Pandoc's ``Walk``).

Every consumer that visits an article's texts or blocks goes through :func:`walk`: extraction
(:func:`units`), localisation (:func:`map_texts`), the images an edition copies
(:func:`images`), and the writers, which render blocks by kind (:func:`dispatch`; the templates
test ``block.kind`` the same way).
A new kind of block or text is added to the model and here, once, and every consumer sees it.

The order is the article's reading order: the metadata (title, short title, subtitle, outlet,
column, event, tags, speakers), then the sections, each with its heading and its turns' blocks,
depth first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from colloquy.model import (
    Article,
    Block,
    Event,
    Image,
    ListBlock,
    ListItem,
    Metadata,
    Only,
    Paragraph,
    Quote,
    Section,
    SectionKind,
    Speaker,
    SubHeading,
    Text,
    Turn,
    UnitKind,
    Video,
)


@dataclass(frozen=True)
class Place:
    """Where a text stands: what it is, in which section, said by whom, under which front-matter
    key, and — for content written for one locale only — for which."""

    kind: UnitKind
    section: Section | None = None
    speaker: str | None = None
    field: str = ""  # metadata: the front-matter key path, e.g. ``speakers.MJ.name``
    only: str | None = None

    @property
    def translatable(self) -> bool:
        """Whether the text is sent to translation (content for one locale only is not)."""
        return self.only is None

    @property
    def msgctxt(self) -> str | None:
        return msgctxt(self.kind, self.field)


def msgctxt(kind: UnitKind, field: str) -> str | None:
    """The catalog context that keeps apart the same text meaning different things: each
    speaker's honorific is its own entry ("Dr." may be 教授 for one and 院士 for another)."""
    return field if kind is UnitKind.SPEAKER_HONORIFIC else None


@dataclass(frozen=True)
class Unit:
    """One translatable text with the context a translator needs."""

    text: Text
    kind: UnitKind
    section: Section | None = None
    speaker: str | None = None
    field: str = ""

    @property
    def msgctxt(self) -> str | None:
        return msgctxt(self.kind, self.field)

    @property
    def context(self) -> str:
        """A one-line description: where the text is and what it is ("Q2, speaker MJ, list item")."""
        parts: list[str] = []
        if self.field:
            parts.append(f"front matter: {self.field}")
        if self.section is not None:
            if self.section.kind is SectionKind.QUESTION:
                parts.append(f"Q{self.section.number}" if self.section.number is not None else "unnumbered section")
            elif self.section.kind is SectionKind.PROFILE:
                parts.append(f"profile of {self.section.speaker}")
            else:
                parts.append(str(self.section.kind))
        if self.speaker:
            parts.append(f"speaker {self.speaker}")
        if not self.field or self.field.replace("_", " ").rsplit(".", 1)[-1] != self.kind.label:
            parts.append(self.kind.label)
        return ", ".join(parts)


class Visitor:
    """What :func:`walk` calls: override :meth:`text` to replace texts, :meth:`block` to see blocks."""

    def text(self, text: Text, place: Place) -> Text:
        return text

    def block(self, block: Block, place: Place) -> None:
        """Called for every block, before its texts and inner blocks (depth first)."""


T = TypeVar("T")


def _same(old: tuple[T, ...], new: tuple[T, ...]) -> bool:
    return len(old) == len(new) and all(a is b for a, b in zip(old, new, strict=True))


class _Walk:
    def __init__(self, visitor: Visitor) -> None:
        self.v = visitor

    def text(self, text: Text, place: Place) -> Text:
        return self.v.text(text, place)

    def opt(self, text: Text | None, place: Place) -> Text | None:
        return None if text is None else self.v.text(text, place)

    # ---- the front matter

    def meta(self, m: Metadata) -> Metadata:
        def field(value: Text | None, kind: UnitKind, name: str) -> Text | None:
            return self.opt(value, Place(kind, field=name))

        title = self.text(m.title, Place(UnitKind.TITLE, field="title"))
        short_title = field(m.short_title, UnitKind.SHORT_TITLE, "short_title")
        subtitle = field(m.subtitle, UnitKind.SUBTITLE, "subtitle")
        outlet = self.text(m.outlet, Place(UnitKind.OUTLET, field="outlet"))
        column = field(m.column, UnitKind.COLUMN, "column")
        event = self.event(m.event) if m.event is not None else None
        tags = tuple(self.text(t, Place(UnitKind.TAG, field="tags")) for t in m.tags)
        if (title, short_title, subtitle, outlet, column, event) == (m.title, m.short_title, m.subtitle, m.outlet, m.column, m.event) and _same(
            m.tags, tags
        ):
            return m
        return replace(m, title=title, short_title=short_title, subtitle=subtitle, outlet=outlet, column=column, event=event, tags=tags)

    def event(self, ev: Event) -> Event:
        name = self.text(ev.name, Place(UnitKind.EVENT_NAME, field="event.name"))
        short_name = self.opt(ev.short_name, Place(UnitKind.EVENT_SHORT_NAME, field="event.short_name"))
        city = self.opt(ev.city, Place(UnitKind.EVENT_CITY, field="event.city"))
        theme = self.opt(ev.theme, Place(UnitKind.EVENT_THEME, field="event.theme"))
        if (name, short_name, city, theme) == (ev.name, ev.short_name, ev.city, ev.theme):
            return ev
        return replace(ev, name=name, short_name=short_name, city=city, theme=theme)

    def speaker(self, sp: Speaker) -> Speaker:
        def place(kind: UnitKind, key: str) -> Place:
            return Place(kind, speaker=sp.key, field=f"speakers.{sp.key}.{key}")

        name = self.text(sp.name, place(UnitKind.SPEAKER_NAME, "name"))
        honorific = self.opt(sp.honorific, place(UnitKind.SPEAKER_HONORIFIC, "honorific"))
        affiliation = self.opt(sp.affiliation, place(UnitKind.SPEAKER_AFFILIATION, "affiliation"))
        if (name, honorific, affiliation) == (sp.name, sp.honorific, sp.affiliation):
            return sp
        return replace(sp, name=name, honorific=honorific, affiliation=affiliation)

    # ---- the body

    def section(self, s: Section) -> Section:
        heading = self.opt(s.heading, Place(UnitKind.HEADING, s, only=s.only))
        turns = tuple(self.turn(t, s) for t in s.turns)
        if heading is s.heading and _same(s.turns, turns):
            return s
        return replace(s, heading=heading, turns=turns)

    def turn(self, t: Turn, section: Section) -> Turn:
        blocks = self.blocks(t.blocks, Place(UnitKind.PARAGRAPH, section, t.speaker, only=section.only))
        return t if _same(t.blocks, blocks) else replace(t, blocks=blocks)

    def blocks(self, blocks: tuple[Block, ...], at: Place) -> tuple[Block, ...]:
        return tuple(self.block(b, at) for b in blocks)

    def block(self, b: Block, at: Place) -> Block:
        """``at``: where the block stands; its ``kind`` is what a paragraph is there (a list
        item's, a quotation's)."""
        self.v.block(b, at)
        match b:
            case Paragraph():
                text = self.text(b.text, at)
                return b if text is b.text else replace(b, text=text)
            case ListBlock():
                items = tuple(self.item(i, at) for i in b.items)
                return b if _same(b.items, items) else replace(b, items=items)
            case Quote():
                inner = self.blocks(b.blocks, replace(at, kind=UnitKind.QUOTE))
                return b if _same(b.blocks, inner) else replace(b, blocks=inner)
            case Image():
                alt = self.text(b.alt, replace(at, kind=UnitKind.IMAGE_ALT))
                caption = self.opt(b.caption, replace(at, kind=UnitKind.CAPTION))
                return b if (alt, caption) == (b.alt, b.caption) else replace(b, alt=alt, caption=caption)
            case SubHeading():
                text = self.text(b.text, replace(at, kind=UnitKind.SUBHEADING))
                return b if text is b.text else replace(b, text=text)
            case Only():
                inner = self.blocks(b.blocks, replace(at, only=b.locale))
                return b if _same(b.blocks, inner) else replace(b, blocks=inner)
            case Video():
                poster = self.block(b.poster, at) if b.poster is not None else None
                return b if poster is b.poster else replace(b, poster=poster)  # type: ignore[arg-type]
        raise TypeError(f"unknown block {b!r}")  # pragma: no cover - every block type is matched above

    def item(self, item: ListItem, at: Place) -> ListItem:
        blocks = self.blocks(item.blocks, replace(at, kind=UnitKind.LIST_ITEM))
        return item if _same(item.blocks, blocks) else replace(item, blocks=blocks)

    # ---- the article

    def article(self, a: Article) -> Article:
        meta = self.meta(a.meta)
        speakers = {k: self.speaker(s) for k, s in a.speakers.items()}
        sections = tuple(self.section(s) for s in a.sections)
        if meta is a.meta and all(speakers[k] is a.speakers[k] for k in a.speakers) and _same(a.sections, sections):
            return a
        return replace(a, meta=meta, speakers=speakers, sections=sections)


def walk(article: Article, visitor: Visitor) -> Article:
    """Visit every text and block of ``article`` in reading order; returns the article with the
    visitor's texts (the same object when nothing changed)."""
    return _Walk(visitor).article(article)


# ---------------------------------------------------------------- what the consumers use


class _Collect(Visitor):
    def __init__(self) -> None:
        self.units: list[Unit] = []

    def text(self, text: Text, place: Place) -> Text:
        if place.translatable:
            self.units.append(Unit(text, place.kind, place.section, place.speaker, place.field))
        return text


def units(article: Article) -> Iterator[Unit]:
    """Every translatable text of the article, metadata first, then the body in reading order
    (content written for one locale only is not translated, and not here)."""
    collect = _Collect()
    walk(article, collect)
    return iter(collect.units)


class _Map(Visitor):
    def __init__(self, fn: Callable[[Text, Place], Text]) -> None:
        self.fn = fn

    def text(self, text: Text, place: Place) -> Text:
        return self.fn(text, place) if place.translatable else text


def map_texts(article: Article, fn: Callable[[Text], Text]) -> Article:
    """A copy of the article with every translatable :class:`Text` passed through ``fn``."""
    return walk(article, _Map(lambda text, _place: fn(text)))


def map_units(article: Article, fn: Callable[[Text, Place], Text]) -> Article:
    """:func:`map_texts` with each text's place (localisation looks a text up by its context)."""
    return walk(article, _Map(fn))


class _Blocks(Visitor):
    def __init__(self, want: Callable[[Block], bool]) -> None:
        self.want = want
        self.found: list[Block] = []

    def block(self, block: Block, place: Place) -> None:
        if self.want(block):
            self.found.append(block)


def images(article: Article) -> list[Image]:
    """Every image of the article, in reading order (lists, quotations, posters included)."""
    found = _Blocks(lambda b: isinstance(b, Image))
    walk(article, found)
    return [b for b in found.found if isinstance(b, Image)]


Handler = Callable[..., Any]


def dispatch(block: Block, handlers: Mapping[str, Handler], *args: Any) -> Any:
    """Call the handler of the block's kind (``"paragraph"``, ``"list"``, ``"quote"``, ``"image"``,
    ``"subheading"``, ``"only"``, ``"video"``) with the block and ``args``: how writers render
    blocks, without testing classes."""
    return handlers[block.kind](block, *args)
