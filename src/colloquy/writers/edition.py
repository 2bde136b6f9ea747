"""The edition document: a localised article laid out as rows, format-neutral.

An edition is English, Chinese or bilingual. Its rows follow the article's blocks; each
row has one cell per column (one for a single-language edition, two for bilingual: the
source text and its translation), so every writer aligns the bilingual edition the same
way. Labels (question numbers, speaker labels, "Expert Profile") and dates are made here,
from the ``ui`` catalog and Babel, never by hand.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from babel import Locale as BabelLocale
from babel.dates import format_date, format_datetime, format_skeleton

from colloquy.editions import Edition, Locale
from colloquy.i18n import ui as L
from colloquy.i18n.ui import Ui
from colloquy.markup import plain_text
from colloquy.model import (
    Article,
    Block,
    DatePrecision,
    Image,
    Numbering,
    Only,
    Paragraph,
    Role,
    Section,
    SectionKind,
    Speaker,
    SubHeading,
    Text,
)
from colloquy.textrules import strip_title_marks
from colloquy.typography import TYPOGRAPHY
from colloquy.walk import units


@dataclass(frozen=True)
class Profile:
    """A profile as one column prints it: the name line, an optional portrait, the rest."""

    key: str
    name: str  # "Prof. Ma Jun" / "马军教授", from the speaker entry
    portrait: Image | None
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Cell:
    """One column's content of a row (an empty cell: content written for another locale)."""

    ui: Ui
    label: str | None = None  # a run-in label before the text ("Prof. Ma Jun:", "Editor's Note:")
    text: Text | None = None  # paragraph-like rows
    #: source texts merged into this row (their translator merged their translations into one)
    more: tuple[Text, ...] = ()
    block: Block | None = None  # list, quote, image, video, only rows: the localised block
    heading: str | None = None  # heading rows: the heading line as plain text ("Q1: Key Highlights …")
    number: str | None = None  # numbered question rows: "Q1" / "01"
    prefix: str = ""  # question rows: what precedes the heading text ("Q1: "; "" where the number stands above)
    suffix: str = ""  # question rows: what follows it
    above: bool = False  # question rows: the number stands on its own line above the heading
    profile: Profile | None = None

    @property
    def lang(self) -> str:
        return self.ui.tag

    @property
    def empty(self) -> bool:
        return not (self.label or self.text or self.block or self.heading or self.number or self.profile)


@dataclass(frozen=True)
class Row:
    """``kind``: note-title, question, subheading, profile-title, profile-group, profile, label,
    paragraph, list, quote, image, video, only."""

    kind: str
    cells: tuple[Cell, ...]
    section: Section
    speaker: Speaker | None = None
    anchor: str = ""
    #: an answer with no label (``@:``): styled as an answer
    unlabelled: bool = False

    @property
    def keep(self) -> bool:
        """Whether the row is kept on one page: every row but the long ones, which split across
        pages with both columns continuing (a length heuristic: the widest cell, in widths of a
        Latin letter, against :attr:`Typography.keep_row_chars`)."""
        return max((cell_width(c) for c in self.cells), default=0) <= TYPOGRAPHY.keep_row_chars


def _text_width(source: str) -> int:
    """A text's width in Latin letters: a CJK character is two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in source)


def _block_width(block: object) -> int:
    width = 0
    text = getattr(block, "text", None)
    if isinstance(text, Text):
        width += _text_width(text.source)
    caption = getattr(block, "caption", None)
    if isinstance(caption, Text):
        width += _text_width(caption.source)
    for item in getattr(block, "items", ()):
        width += sum(_block_width(b) for b in item.blocks) + 20  # a list item: at least a line's rest
    width += sum(_block_width(b) for b in getattr(block, "blocks", ()))
    return width


def cell_width(cell: Cell) -> int:
    """The length of a cell's text in widths of a Latin letter (a CJK character is two)."""
    width = sum(_text_width(t.source) for t in (cell.text, *cell.more) if t is not None)
    if cell.block is not None:
        width += _block_width(cell.block)
    if cell.profile is not None:
        width += sum(_block_width(b) for b in cell.profile.blocks)
    return width


@dataclass(frozen=True)
class SeriesPart:
    label: str  # "Part 1" / "上篇"
    slug: str
    current: bool


@dataclass(frozen=True)
class When:
    """Dates as a line of the edition prints them, with their ISO 8601 values (``<time datetime>``)."""

    text: str  # as formatted for the locale, and as it stands in the line
    start: str  # "2025-09-10"; an event known by its month: "2025-07"
    end: str  # the last day (the start again for one day or a month)


def iso_range(start: dt.date, end: dt.date, precision: DatePrecision = DatePrecision.DAY) -> tuple[str, str]:
    """The ISO values of a date or range: days, or the month of an event known by its month only."""
    if precision is DatePrecision.MONTH:
        month = start.strftime("%Y-%m")
        return month, month
    return start.isoformat(), end.isoformat()


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
    series: tuple[SeriesPart, ...] = ()
    #: the event's dates as the event line prints them, with their ISO values
    event_when: When | None = None


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


def _uses_source_ui(speaker: Speaker) -> bool:
    return speaker.name.missing or (speaker.honorific is not None and speaker.honorific.missing)


def speaker_name(speaker: Speaker, ui: Ui, source_ui: Ui | None = None) -> str:
    """The name with the honorific, "Prof. Ma Jun" / "马军教授", per the locale's catalog. A name
    not yet translated is composed as in the source ("Prof. Ma Jun", not "Ma JunProf.")."""
    if source_ui is not None and _uses_source_ui(speaker):
        ui = source_ui
    name = speaker.name.source
    if speaker.honorific is not None:
        name = ui.fmt(L.SPEAKER_WITH_HONORIFIC, honorific=speaker.honorific.source, name=name)
    return name


def speaker_label(speaker: Speaker, ui: Ui, source_ui: Ui | None = None) -> str:
    """The turn label, "Prof. Ma Jun:" / "马军教授：", with the locale's colon."""
    label_ui = source_ui if source_ui is not None and _uses_source_ui(speaker) else ui
    return label_ui.fmt(L.SPEAKER_LABEL, speaker=speaker_name(speaker, ui, source_ui))


def numbering(article: Article, ui: Ui) -> Numbering:
    """How this edition numbers questions: the article's own choice, or its house style's."""
    if article.meta.numbering is not None:
        return article.meta.numbering
    return Numbering.ABOVE if ui.house.question_number_above else Numbering.INLINE


def question_number(number: int, ui: Ui, style: Numbering | None = None) -> str:
    above = ui.house.question_number_above if style is None else style is Numbering.ABOVE
    if above:  # "01": the number alone, zero-padded
        return str(number).zfill(max(ui.house.question_digits, 2))
    return ui.fmt(L.QUESTION_NUMBER, number=str(number).zfill(ui.house.question_digits))


def question_heading(section: Section, ui: Ui, style: Numbering | None = None) -> tuple[str, str, str]:
    """(prefix, heading as plain text, suffix) as the edition prints a question: "Q1: " + heading
    (inline numbering) or the heading alone, the number above it; an unnumbered heading alone."""
    heading = plain_text(section.heading.source) if section.heading is not None else ""
    above = ui.house.question_number_above if style is None else style is Numbering.ABOVE
    if section.number is None or above:
        return "", heading, ""
    number = question_number(section.number, ui, style)
    if not heading:
        return number, "", ""
    prefix, _, suffix = ui.fmt(L.QUESTION_HEADING, number=number, heading="\x00").partition("\x00")
    return prefix, heading, suffix


def format_day(day: dt.date, ui: Ui) -> str:
    """One day, as the edition writes it: "September 9, 2025", "2025年9月9日"."""
    return format_date(day, "long", locale=ui.locale.name)


def format_month(day: dt.date, ui: Ui) -> str:
    """A month: "July 2025", "2025年7月"."""
    return format_skeleton("yMMMM", dt.datetime.combine(day, dt.time()), locale=ui.locale.name)


#: the separator CLDR puts at the end of an interval's first part: " – " (thin or plain spaces),
#: "–", or "至" (zh_TW); the house style's dash replaces it
_CLDR_RANGE_SEPARATOR = re.compile(r"[\s\u2009\u202f\u00a0]*(?:[–—~-]|至)[\s\u2009\u202f\u00a0]*$")
_MMM = re.compile(r"(?<!M)MMM(?!M)")


def format_range(start: dt.date, end: dt.date, ui: Ui, skeleton: str = "yMMMd") -> str:
    """A range of days (``yMMMd``) or of months (``yMMMM``) with the house style's dash and no
    spaces around it, the month written as in the edition's long dates: "September 10–14, 2025",
    "September 28–October 2, 2025", "2025年9月10日—14日", "2025年12月30日—2026年1月2日".

    CLDR's interval patterns give the order and what each side repeats (Babel's
    ``format_interval`` would print "Sep 10 – 14, 2025", abbreviated, with thin spaces)."""
    locale = BabelLocale.parse(ui.locale.name)
    greatest = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    formats = locale.interval_formats.get(skeleton, {})
    pieces = formats.get(greatest) if greatest in formats else None
    if pieces is None or len(pieces) != 2:  # a locale without this interval: both ends in full
        one = format_day if skeleton == "yMMMd" else format_month
        return one(start, ui) + ui.house.range_dash + one(end, ui)
    long_months = "MMMM" in str(locale.date_formats["long"].pattern)
    first, second = (_MMM.sub("MMMM", p) if long_months else p for p in pieces)
    first = _CLDR_RANGE_SEPARATOR.sub("", first)
    begin, until = (dt.datetime.combine(day, dt.time()) for day in (start, end))
    return format_datetime(begin, first, locale=locale) + ui.house.range_dash + format_datetime(until, second, locale=locale)


def format_days(start: dt.date, end: dt.date, ui: Ui, precision: DatePrecision = DatePrecision.DAY) -> str:
    """An event's dates: one day, a range of days, a month or a range of months, per the house style."""
    if precision is DatePrecision.MONTH:
        if (start.year, start.month) == (end.year, end.month):
            return format_month(start, ui)
        return format_range(start, end, ui, "yMMMM")
    if start == end:
        return format_day(start, ui)
    return format_range(start, end, ui)


def series_parts(article: Article, ui: Ui) -> tuple[SeriesPart, ...]:
    parts = article.meta.series
    if len(parts) < 2:
        return ()
    context = {2: "part of a series of two", 3: "part of a series of three"}.get(len(parts))
    out = []
    for n, slug in enumerate(parts, 1):
        if context is not None:
            label = ui.pgettext(context, f"Part {n}")
        else:
            label = ui.fmt(L.SERIES_PART, number=n)
        out.append(SeriesPart(label, slug, slug == article.meta.slug))
    return tuple(out)


def make_head(article: Article, ui: Ui) -> Head:
    m = article.meta
    event_line = None
    event_when = None
    if m.event is not None:
        ev = m.event
        dates = format_days(ev.start, ev.end, ui, ev.precision)
        event_when = When(dates, *iso_range(ev.start, ev.end, ev.precision))
        if ev.city is not None:
            event_line = ui.fmt(L.EVENT_LINE, event=ev.name.source, city=ev.city.source, dates=dates)
        else:
            event_line = ui.fmt(L.EVENT_LINE_NO_CITY, event=ev.name.source, dates=dates)
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
        interviewees=tuple(speaker_name(s, ui) for s in article.interviewees),
        series=series_parts(article, ui),
        event_when=event_when,
    )


class _Rows:
    """Walks the columns' articles in step (localisation keeps their structure identical) and
    lays out the rows."""

    def __init__(self, articles: tuple[Article, ...], uis: tuple[Ui, ...], source_ui: Ui) -> None:
        self.articles = articles
        self.uis = uis
        self.source_ui = source_ui
        self.rows: list[Row] = []
        self.styles = tuple(numbering(a, ui) for a, ui in zip(articles, uis, strict=True))

    def build(self) -> list[Row]:
        columns = list(zip(*(a.sections for a in self.articles), strict=True))
        i = 0
        while i < len(columns):
            sec = columns[i][0]
            if sec.kind is SectionKind.PROFILE:  # the profiles, together: one heading over them
                end = next((j for j in range(i, len(columns)) if columns[j][0].kind is not SectionKind.PROFILE), len(columns))
                self.profiles_heading(sec)
                for sections in self.grouped(columns[i:end]):
                    self.profile(sections)
                i = end
                continue
            if sec.kind is SectionKind.QUESTION:
                self.question(sections=columns[i])
            self.turns(columns[i])
            i += 1
        return self.rows

    def grouped(self, profiles: list[tuple[Section, ...]]) -> list[tuple[Section, ...]]:
        """The profiles in the order written, but the host's first when there are host and guests
        (two groups, whatever the order they were written in)."""
        speakers = self.articles[0].speakers
        roles = [speakers[s[0].speaker].role if s[0].speaker in speakers else None for s in profiles]
        if not {Role.HOST, Role.GUEST} <= set(roles):
            return profiles
        return [p for p, _ in sorted(zip(profiles, roles, strict=True), key=lambda pr: pr[1] is not Role.HOST)]

    # ---- headings

    def question(self, sections: tuple[Section, ...]) -> None:
        cells = []
        for s, ui, style in zip(sections, self.uis, self.styles, strict=True):
            prefix, heading, suffix = question_heading(s, ui, style)
            number = question_number(s.number, ui, style) if s.number is not None else None
            cells.append(Cell(ui, heading=prefix + heading + suffix, number=number, text=s.heading, prefix=prefix, suffix=suffix, above=style is Numbering.ABOVE))
        sec = sections[0]
        anchor = f"q{sec.number}" if sec.number is not None else f"s{sec.line}"
        self.rows.append(Row("question", tuple(cells), sec, anchor=anchor))

    def profiles_heading(self, sec: Section) -> None:
        count = sum(1 for s in self.articles[0].sections if s.kind is SectionKind.PROFILE)
        title = L.EXPERT_PROFILES if count > 1 else L.EXPERT_PROFILE
        self.rows.append(Row("profile-title", tuple(Cell(ui, heading=ui.gettext(title)) for ui in self.uis), sec, anchor="profile"))

    # ---- profiles

    def profile(self, sections: tuple[Section, ...]) -> None:
        sec = sections[0]
        article = self.articles[0]
        speaker = article.speakers.get(sec.speaker or "")
        if speaker is not None and speaker.role in (Role.HOST, Role.GUEST):
            roles = {article.speakers[s.speaker].role for s in article.profiles if s.speaker in article.speakers}
            group = L.HOST_GROUP if speaker.role is Role.HOST else L.GUEST_GROUP
            previous = next((r for r in reversed(self.rows) if r.kind in ("profile", "profile-group", "profile-title")), None)
            previous_role = previous.speaker.role if previous is not None and previous.kind == "profile" and previous.speaker else None
            if roles == {Role.HOST, Role.GUEST} and previous_role is not speaker.role:
                self.rows.append(Row("profile-group", tuple(Cell(ui, heading=ui.gettext(group)) for ui in self.uis), sec))
        cells = []
        for s, a, ui in zip(sections, self.articles, self.uis, strict=True):
            sp = a.speakers.get(s.speaker or "")
            name = speaker_name(sp, ui, self.source_ui) if sp is not None else (s.speaker or "")
            blocks = s.blocks
            portrait = blocks[0] if blocks and isinstance(blocks[0], Image) else None
            rest = blocks[1:] if portrait is not None else blocks
            cells.append(Cell(ui, profile=Profile(s.speaker or "", name, portrait, rest)))
        self.rows.append(Row("profile", tuple(cells), sec, speaker, anchor=f"profile-{sec.speaker}"))

    # ---- turns and blocks

    def turns(self, sections: tuple[Section, ...]) -> None:
        sec = sections[0]
        note = sec.kind is SectionKind.EDITORS_NOTE
        run_in = note and self.uis[0].house.editors_note_run_in
        if note and not (run_in and sec.blocks and isinstance(sec.blocks[0], Paragraph)):
            self.rows.append(Row("note-title", self.section_cells(sec, lambda ui: Cell(ui, heading=ui.gettext(L.EDITORS_NOTE))), sec))
            run_in = False
        first_of_section = True
        for turns in zip(*(s.turns for s in sections), strict=True):
            turn = turns[0]
            speakers = [a.speakers.get(turn.speaker) if turn.speaker else None for a in self.articles]
            labels = [speaker_label(sp, ui, self.source_ui) if sp is not None else None for sp, ui in zip(speakers, self.uis, strict=True)]
            if run_in and first_of_section:
                labels = [ui.gettext(L.EDITORS_NOTE) for ui in self.uis]
            first = True
            if turn.speaker and (turn.label_on_own_line or not turn.blocks or not isinstance(turn.blocks[0], Paragraph)):
                self.rows.append(Row("label", tuple(Cell(ui, label=lab) for ui, lab in zip(self.uis, labels, strict=True)), sec, speakers[0]))
                first = False
            for blocks in zip(*(t.blocks for t in turns), strict=True):
                self.blocks(blocks, sec, speakers[0], labels if first else [None] * len(self.uis), turn.unlabelled)
                first = False
            first_of_section = False

    def section_cells(self, sec: Section, make: Callable[[Ui], Cell]) -> tuple[Cell, ...]:
        """One cell per column; an empty one where the section is written for another locale."""
        return tuple(make(ui) if sec.only in (None, ui.locale.name) else Cell(ui) for ui in self.uis)

    def blocks(self, blocks: tuple[Block, ...], sec: Section, speaker: Speaker | None, labels: list[str | None], unlabelled: bool) -> None:
        b0 = blocks[0]
        if isinstance(b0, Paragraph):
            texts = [b.text for b in blocks if isinstance(b, Paragraph)]
            merged = [t.merged for t in texts]
            previous = self.rows[-1] if self.rows else None
            if any(merged) and previous is not None and previous.kind == "paragraph" and previous.section is sec:
                # the translator merged this unit's translation into the one before: one row, the
                # sources side by side with the merged translation
                self.rows[-1] = replace(
                    previous,
                    cells=tuple(c if m else replace(c, more=(*c.more, t)) for c, t, m in zip(previous.cells, texts, merged, strict=True)),
                )
                return
            cells = tuple(
                Cell(ui, label=lab, text=t) if sec.only in (None, ui.locale.name) else Cell(ui)
                for ui, lab, t in zip(self.uis, labels, texts, strict=True)
            )
        elif isinstance(b0, SubHeading):
            cells = tuple(Cell(ui, text=b.text) if isinstance(b, SubHeading) else Cell(ui) for b, ui in zip(blocks, self.uis, strict=True))
            self.rows.append(Row("subheading", cells, sec, anchor=f"s{b0.line}"))
            return
        elif isinstance(b0, Only):
            cells = tuple(Cell(ui, block=b) if b0.locale == ui.locale.name else Cell(ui) for b, ui in zip(blocks, self.uis, strict=True))
            if all(c.empty for c in cells):
                return
        else:
            cells = tuple(Cell(ui, block=b) if sec.only in (None, ui.locale.name) else Cell(ui) for b, ui in zip(blocks, self.uis, strict=True))
        if all(c.empty for c in cells):
            return
        self.rows.append(Row(b0.kind, cells, sec, speaker, unlabelled=unlabelled))


def make_edition(edition: Edition, source: Article, localised: dict[str, Article], uis: dict[str, Ui]) -> EditionDoc:
    """The document of one edition. ``localised`` maps gettext locale name → localised article
    (the source locale included); ``uis`` maps locale name → its interface strings."""
    source_locale = source.meta.locale
    locales = edition.columns(source_locale)
    articles = tuple(localised[loc.name] for loc in locales)
    col_uis = tuple(uis[loc.name] for loc in locales)
    doc = EditionDoc(edition, source.meta.slug, articles, col_uis, uis[source_locale].locale)
    doc.rows = _Rows(articles, col_uis, uis[source_locale]).build()
    doc.heads = tuple(make_head(a, ui) for a, ui in zip(articles, col_uis, strict=True))
    seen: set[int] = set()
    for a in articles:
        for u in units(a):
            if u.text.missing and id(u.text) not in seen:
                seen.add(id(u.text))
                doc.missing.append(u.text)
    return doc


def role_class(speaker: Speaker | None, unlabelled: bool = False) -> str:
    """The style of a turn: the interviewer's (or host's) questions, the experts' answers (a
    panel's, an unlabelled answer's), or narration."""
    if speaker is None:
        return "expert" if unlabelled else ""
    return "interviewer" if speaker.role.asks else "expert"
