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

from colloquy.editions import Edition, Locale
from colloquy.i18n import ui as L
from colloquy.i18n.ui import Ui
from colloquy.markup import plain_text
from colloquy.model import (
    Article,
    Block,
    Paragraph,
    Role,
    Section,
    SectionKind,
    Speaker,
    Text,
)
from colloquy.textrules import strip_title_marks
from colloquy.walk import units


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
    edition: Edition
    slug: str
    articles: tuple[Article, ...]  # one per column, localised
    uis: tuple[Ui, ...]  # one per column
    source: Locale  # the language the article was written in
    rows: list[Row] = field(default_factory=list)
    heads: tuple[Head, ...] = ()
    missing: list[Text] = field(default_factory=list)

    @property
    def lang(self) -> str:
        """The document's language tag: the first column's text tag (``en-US``)."""
        return self.uis[0].tag

    @property
    def locale(self) -> Locale:
        """The document's locale: the first column's."""
        return self.uis[0].locale

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
    return format_date(day, "long", locale=ui.locale.name)


def format_days(start: dt.date, end: dt.date, ui: Ui) -> str:
    if start == end:
        return format_day(start, ui)
    return format_interval(start, end, "yMMMd", locale=ui.locale.name)


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
        copyright=ui.fmt(L.COPYRIGHT, name=strip_title_marks(m.outlet.source)) if house.copyright else None,
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
                kind = blocks[0].kind
                cells = []
                for b, ui, lab in zip(blocks, uis, labels, strict=True):
                    if isinstance(b, Paragraph):
                        cells.append(Cell(ui, label=lab if first else None, text=b.text))
                    else:
                        cells.append(Cell(ui, block=b))
                rows.append(Row(kind, tuple(cells), sec, speakers[0]))
                first = False
    return rows


def make_edition(edition: Edition, source: Article, localised: dict[str, Article], uis: dict[str, Ui]) -> EditionDoc:
    """The document of one edition. ``localised`` maps gettext locale name → localised article
    (the source locale included); ``uis`` maps locale name → its interface strings."""
    source_locale = source.meta.locale
    locales = edition.columns(source_locale)
    articles = tuple(localised[loc.name] for loc in locales)
    col_uis = tuple(uis[loc.name] for loc in locales)
    doc = EditionDoc(edition, source.meta.slug, articles, col_uis, uis[source_locale].locale)
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
