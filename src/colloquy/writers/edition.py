"""The edition document: a localised article laid out as rows, format-neutral.

An edition is English, Chinese or bilingual. Its rows follow the article's blocks; each
row has one cell per column (one for a single-language edition, two for bilingual: the
source text and its translation), so every writer aligns the bilingual edition the same
way. Labels (question numbers, speaker labels, "Expert Profile") and dates are made here,
from the ``ui`` catalog and Babel, never by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from babel.dates import format_date, format_interval

from colloquy.markup import plain_text
from colloquy.model import (
    Article,
    Block,
    Image,
    ListBlock,
    Paragraph,
    Quote,
    Role,
    Section,
    SectionKind,
    Speaker,
    Text,
    units,
)
from colloquy.project import bcp47
from colloquy.writers import labels as L
from colloquy.writers.labels import Ui

EDITIONS = ("en", "zh-CN", "bilingual")
FORMATS = ("html", "pdf", "docx")


@dataclass(frozen=True)
class Cell:
    """One column's content of a row."""

    ui: Ui
    label: str | None = None  # speaker label before the text ("Prof. Ma Jun:")
    text: Text | None = None  # paragraph-like rows
    block: Block | None = None  # list, quote, image rows: the localised block
    heading: str | None = None  # section rows: the heading line as plain text ("Q1: Key Highlights …")
    number: str | None = None  # question rows: "Q1" / "01"
    prefix: str = ""  # question rows: what precedes the heading text ("Q1: "; "" where the number stands above)
    suffix: str = ""  # question rows: what follows it

    @property
    def lang(self) -> str:
        return self.ui.tag

    @property
    def missing(self) -> bool:
        return any(t.missing for t in texts_of(self))


def texts_of(cell: Cell) -> list[Text]:
    out: list[Text] = []
    if cell.text is not None:
        out.append(cell.text)
    if cell.block is not None:
        out.extend(_block_texts(cell.block))
    return out


def _block_texts(block: Block) -> list[Text]:
    match block:
        case Paragraph(text=t):
            return [t]
        case ListBlock(items=items):
            return [t for i in items for b in i.blocks for t in _block_texts(b)]
        case Quote(blocks=blocks):
            return [t for b in blocks for t in _block_texts(b)]
        case Image(alt=alt, caption=cap):
            return [alt] + ([cap] if cap else [])
    return []


@dataclass(frozen=True)
class Row:
    """``kind``: note-title, question, profile-title, label, paragraph, list, quote, image."""

    kind: str
    cells: tuple[Cell, ...]
    section: Section
    speaker: Speaker | None = None
    anchor: str = ""


@dataclass(frozen=True)
class Head:
    """The masthead of one column, formatted for its locale."""

    ui: Ui
    title: Text
    short_title: Text
    subtitle: Text | None
    outlet: Text
    column: Text | None
    date: str
    date_iso: str
    event_line: str | None
    byline: str | None
    copyright: str | None
    tags: tuple[Text, ...]
    interviewees: tuple[str, ...]


@dataclass
class EditionDoc:
    edition: str  # "en", "zh-CN", "bilingual"
    slug: str
    articles: tuple[Article, ...]  # one per column, localised
    uis: tuple[Ui, ...]
    rows: list[Row] = field(default_factory=list)
    heads: tuple[Head, ...] = ()
    missing: list[Text] = field(default_factory=list)
    source_locale: str = "en"

    @property
    def lang(self) -> str:
        """The document language: the edition's, or the source's for the bilingual edition."""
        return self.uis[0].tag

    @property
    def bilingual(self) -> bool:
        return len(self.articles) > 1

    @property
    def head(self) -> Head:
        return self.heads[0]

    @property
    def questions(self) -> list[Row]:
        return [r for r in self.rows if r.kind == "question"]


def speaker_label(speaker: Speaker, ui: Ui, source_ui: Ui | None = None) -> str:
    """The turn label, "Prof. Ma Jun:" / "马军教授：": name, honorific and colon per the locale's
    catalog. A name not yet translated is composed as in the source ("Prof. Ma Jun", not "Ma JunProf.")."""
    if source_ui is not None and (speaker.name.missing or (speaker.honorific is not None and speaker.honorific.missing)):
        ui = source_ui
    name = speaker.name.source
    if speaker.honorific is not None:
        name = ui.fmt(L.SPEAKER_WITH_HONORIFIC, honorific=speaker.honorific.source, name=name)
    return ui.fmt(L.SPEAKER_LABEL, speaker=name)


def untranslated_marker(ui: Ui) -> str:
    """"[Not yet translated] " / "【尚未翻译】": what precedes a text shown in the source language."""
    marker = ui.gettext(L.NOT_TRANSLATED)
    return f"【{marker}】" if ui.tag.lower().startswith("zh") else f"[{marker}] "


def question_number(number: int, ui: Ui) -> str:
    return ui.fmt(L.QUESTION_NUMBER, number=str(number).zfill(ui.house.question_digits))


def question_heading(section: Section, ui: Ui) -> tuple[str, str, str]:
    """(prefix, heading as plain text, suffix) as the house style prints a question:
    "Q1: " + heading (en) or the heading alone under "01" (zh)."""
    assert section.number is not None
    heading = plain_text(section.heading.source) if section.heading is not None else ""
    number = question_number(section.number, ui)
    if ui.house.question_number_above:
        return "", heading, ""
    if not heading:
        return number, "", ""
    prefix, _, suffix = ui.fmt(L.QUESTION_HEADING, number=number, heading="\x00").partition("\x00")
    return prefix, heading, suffix


def format_day(day: dt.date, ui: Ui) -> str:
    return format_date(day, "long", locale=ui.locale)


def format_days(start: dt.date, end: dt.date, ui: Ui) -> str:
    if start == end:
        return format_day(start, ui)
    return format_interval(start, end, "yMMMd", locale=ui.locale)


def make_head(article: Article, ui: Ui) -> Head:
    m = article.meta
    event_line = None
    if m.event is not None:
        ev = m.event
        dates = format_days(ev.start, ev.end, ui)
        if ev.city is not None:
            event_line = ui.fmt(L.EVENT_LINE, event=ev.name.source, city=ev.city.source, dates=dates)
        else:
            event_line = f"{ev.name.source}, {dates}"
    date = format_day(m.date, ui)
    house = ui.house
    return Head(
        ui=ui,
        title=m.title,
        short_title=m.short_title or m.title,
        subtitle=m.subtitle,
        outlet=m.outlet,
        column=m.column,
        date=date,
        date_iso=m.date.isoformat(),
        event_line=event_line,
        byline=ui.fmt(L.BYLINE, outlet=m.outlet.source, date=date) if house.byline else None,
        copyright=ui.fmt(L.COPYRIGHT, outlet=m.outlet.source) if house.copyright else None,
        tags=m.tags,
        interviewees=tuple(
            ui.fmt(L.SPEAKER_WITH_HONORIFIC, honorific=s.honorific.source, name=s.name.source) if s.honorific else s.name.source
            for s in article.interviewees
        ),
    )


def _question_cell(section: Section, ui: Ui) -> Cell:
    assert section.number is not None
    prefix, heading, suffix = question_heading(section, ui)
    return Cell(
        ui, heading=prefix + heading + suffix, number=question_number(section.number, ui), text=section.heading, prefix=prefix, suffix=suffix
    )


def _rows(articles: tuple[Article, ...], uis: tuple[Ui, ...], source_ui: Ui) -> list[Row]:
    """Walk the column articles in step (localisation keeps their structure identical)."""
    rows: list[Row] = []
    for sections in zip(*(a.sections for a in articles), strict=True):
        sec = sections[0]
        if sec.kind is SectionKind.EDITORS_NOTE:
            rows.append(Row("note-title", tuple(Cell(ui, heading=ui.gettext(L.EDITORS_NOTE)) for ui in uis), sec))
        elif sec.kind is SectionKind.QUESTION:
            assert sec.number is not None
            rows.append(
                Row(
                    "question",
                    tuple(_question_cell(s, ui) for s, ui in zip(sections, uis, strict=True)),
                    sec,
                    anchor=f"q{sec.number}",
                )
            )
        elif sec.kind is SectionKind.PROFILE:
            rows.append(Row("profile-title", tuple(Cell(ui, heading=ui.gettext(L.EXPERT_PROFILE)) for ui in uis), sec, anchor="profile"))
        for turns in zip(*(s.turns for s in sections), strict=True):
            turn = turns[0]
            speakers = [a.speakers.get(turn.speaker) if turn.speaker else None for a in articles]
            labels = [speaker_label(sp, ui, source_ui) if sp is not None else None for sp, ui in zip(speakers, uis, strict=True)]
            first = True
            if turn.speaker and (turn.label_on_own_line or not turn.blocks or not isinstance(turn.blocks[0], Paragraph)):
                rows.append(Row("label", tuple(Cell(ui, label=lab) for ui, lab in zip(uis, labels, strict=True)), sec, speakers[0]))
                first = False
            for blocks in zip(*(t.blocks for t in turns), strict=True):
                b0 = blocks[0]
                kind = {Paragraph: "paragraph", ListBlock: "list", Quote: "quote", Image: "image"}[type(b0)]
                cells = []
                for b, ui, lab in zip(blocks, uis, labels, strict=True):
                    if isinstance(b, Paragraph):
                        cells.append(Cell(ui, label=lab if first else None, text=b.text))
                    else:
                        cells.append(Cell(ui, block=b))
                rows.append(Row(kind, tuple(cells), sec, speakers[0]))
                first = False
    return rows


def make_edition(edition: str, source: Article, localised: dict[str, Article], uis: dict[str, Ui]) -> EditionDoc:
    """The document of one edition. ``localised`` maps gettext locale → localised article
    (the source locale included); ``uis`` maps locale → its interface strings."""
    source_locale = source.meta.locale
    if edition == "bilingual":
        others = [loc for loc in localised if loc != source_locale]
        locales = (source_locale, *others[:1])
    else:
        locales = (next(loc for loc in localised if bcp47(loc) == edition),)
    articles = tuple(localised[loc] for loc in locales)
    col_uis = tuple(uis[loc] for loc in locales)
    doc = EditionDoc(edition, source.meta.slug, articles, col_uis, source_locale=source_locale)
    doc.rows = _rows(articles, col_uis, uis[source_locale])
    doc.heads = tuple(make_head(a, ui) for a, ui in zip(articles, col_uis, strict=True))
    seen: set[int] = set()
    for a in articles:
        for u in units(a):
            if u.text.missing and id(u.text) not in seen:
                seen.add(id(u.text))
                doc.missing.append(u.text)
    return doc


def role_class(speaker: Speaker | None) -> str:
    if speaker is None:
        return ""
    return "interviewer" if speaker.role in (Role.INTERVIEWER, Role.HOST) else "expert"
