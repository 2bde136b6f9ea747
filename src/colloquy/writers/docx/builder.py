"""The document body: masthead, rows, blocks, the bilingual table, header, footer and properties."""

from __future__ import annotations

import datetime as dt
import io
import string
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt
from docx.styles.style import BaseStyle

from colloquy.i18n import ui as L
from colloquy.i18n.ui import Ui, untranslated_marker
from colloquy.markup import Span, plain_text
from colloquy.model import Block, Image, ListBlock, Paragraph, SectionKind, Text, Video
from colloquy.typography import TYPOGRAPHY, label_gap, run_in
from colloquy.walk import dispatch
from colloquy.writers.docx.images import image_path, image_stream
from colloquy.writers.docx.numbering import LIST_LEVELS, Numbering, link_list_styles
from colloquy.writers.docx.runs import Fmt, Runs
from colloquy.writers.docx.styles import (
    ANSWER,
    BILINGUAL_TABLE,
    BODY,
    CAPTION,
    COPYRIGHT,
    EVENT,
    FIGURE,
    FOOTER,
    HEADER,
    LIST_BULLET,
    LIST_CONTINUE,
    LIST_NUMBER,
    META,
    NOTE,
    NOTE_HEADING,
    PROFILE,
    PROFILE_GROUP,
    PROFILE_HEADING,
    PROFILE_NAME,
    QUESTION,
    QUESTION_NUMBER,
    QUESTION_TEXT,
    QUOTE,
    SPEAKER_LABEL,
    STRONG,
    SUBHEADING,
    SUBTITLE,
    SUMMARY,
    TABLE_HEADER,
    TAGS,
    TITLE,
    UNTRANSLATED,
    VIDEO,
    define_styles,
    drop_template_leftovers,
    list_indent,
    page_setup,
    prune_styles,
    set_doc_defaults,
    set_settings,
    strip_theme_fonts,
)
from colloquy.writers.docx.xml import Languages, autospace_off, w
from colloquy.writers.edition import Cell, EditionDoc, Head, Row, role_class

T = TypeVar("T")


@dataclass
class Target:
    """Where paragraphs go: the body or one table cell, its width for images, its language tag."""

    element: Any  # CT_Body or CT_Tc
    width: int  # EMU
    lang: str | None  # w:lang of the column's runs; None when it is the document's language
    ui: Ui


class Builder:
    """Fills python-docx's blank document: the package and styles first, then page, header, footer,
    properties and body."""

    def __init__(self, document: DocxDocument, doc: EditionDoc, article_dir: Path) -> None:
        self.document = document
        self.doc = doc
        self.article_dir = article_dir
        langs = Languages.of(doc)
        self.lang: str = langs.lang
        self.source_lang: str = doc.source.word_lang
        drop_template_leftovers(document)
        styles_el = document.styles.element
        strip_theme_fonts(styles_el)
        set_doc_defaults(styles_el, langs)
        set_settings(document, langs)
        self.styles: dict[str, BaseStyle] = define_styles(document, langs)
        self.ids: dict[str, str] = {name: style.style_id for name, style in self.styles.items()}
        self.numbering = Numbering(document, self.ids)
        link_list_styles(self.styles, self.numbering)
        self.runs = Runs(document, self.ids, langs.east_asia)
        self.text_width: int = page_setup(document)

    def build(self) -> None:
        self.header_footer()
        self.core_properties()
        self.body()
        prune_styles(self.document)

    def header_footer(self) -> None:
        """Header: the short title, from page 2 on (the first page has its own, empty header, as in
        the PDF); footer: "Page X of Y" with PAGE and NUMPAGES fields where the placeholders stand,
        on every page."""
        section = self.document.sections[0]
        section.different_first_page_header_footer = True
        header_p = section.header.paragraphs[0]
        header_p.style = self.styles[HEADER]
        header_p._p.append(self.runs.run(plain_text(self.doc.head.short_title.source), Fmt()))
        first_header = section.first_page_header.paragraphs[0]
        first_header.style = self.styles[FOOTER]  # an empty line, without the running header's rule
        for footer in (section.footer, section.first_page_footer):
            footer_p = footer.paragraphs[0]
            footer_p.style = self.styles[FOOTER]
            self.page_x_of_y(footer_p._p, self.doc.uis[0])
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            for p in part.paragraphs:
                autospace_off(p._p.get_or_add_pPr())

    def page_x_of_y(self, p: Any, ui: Ui) -> None:
        fields = {"page": "PAGE", "pages": "NUMPAGES"}
        for literal, name, _spec, _conv in string.Formatter().parse(ui.gettext(L.PAGE_X_OF_Y)):
            if literal:
                p.append(self.runs.run(literal, Fmt()))
            if name in fields:
                self.runs.field(p, fields[name], Fmt())
            elif name:
                raise ValueError(f"unknown placeholder {{{name}}} in the translation of {L.PAGE_X_OF_Y!r}")

    def core_properties(self) -> None:
        head = self.doc.head
        cp = self.document.core_properties
        outlet = plain_text(head.outlet.source)
        cp.title = plain_text(head.title.source)
        cp.author = outlet
        cp.last_modified_by = outlet
        cp.subject = plain_text(head.event_line) if head.event_line else plain_text(head.short_title.source)
        cp.keywords = ", ".join(plain_text(tag.source) for tag in head.tags)
        cp.language = self.lang
        published = dt.datetime.combine(dt.date.fromisoformat(head.date_iso), dt.time(0, 0), tzinfo=dt.UTC)
        cp.created = published
        cp.modified = published
        cp.revision = 1
        for name in ("comments", "category", "content_status", "identifier", "version"):
            setattr(cp, name, "")
        for stale in cp._element.findall(qn("cp:lastPrinted")):
            cp._element.remove(stale)

    # ---- body

    def body(self) -> None:
        body = self.document.element.body
        doc = self.doc
        targets = [Target(body, self.text_width, self.column_lang(ui), ui) for ui in doc.uis]
        if doc.bilingual:  # the two mastheads side by side, as in the PDF
            table = OxmlTable(targets[0], self)
            cells = table.two_cells(self.text_width // 2)
            for head, cell, ui in zip(doc.heads, cells, doc.uis, strict=True):
                self.masthead(head, Target(cell.element, cell.width - int(Pt(TYPOGRAPHY.body_pt)), self.column_lang(ui), ui))
            table.finish()
        else:
            self.masthead(doc.heads[0], targets[0])
        if doc.bilingual:
            self.bilingual_table()
        else:
            for row, after in zip(doc.rows, [*doc.rows[1:], None], strict=True):
                self.row(row, row.cells[0], targets[0])
                if row.kind == "paragraph" and after is not None and after.kind == "list":
                    self.keep_with_next(targets[0])  # a list's lead-in stays with the list
        for head, target in zip(doc.heads, targets, strict=True):
            if head.copyright:
                self.runs.markup(self.paragraph(target, COPYRIGHT), head.copyright, Fmt(target.lang))
        self.tags(doc.head, targets[0])

    def tags(self, head: Head, target: Target) -> None:
        """"Tags: a, b" / "标签：a、b", as the PDF ends: the label and the separator from the ui catalog."""
        if not head.tags:
            return
        label = target.ui.gettext("Tags:")
        p = self.paragraph(target, TAGS)
        p.append(self.runs.run(label + label_gap(label), Fmt(target.lang)))
        self.separated(p, target, head.tags, lambda tag: self.text(p, tag, target))

    def separated(self, p: Any, target: Target, items: Iterable[T], add: Callable[[T], None]) -> None:
        """``add`` each item to ``p``, with the column language's list separator between ("a, b", "甲、乙")."""
        separator = target.ui.pgettext("separator between list items", ", ")
        for n, item in enumerate(items):
            if n:
                p.append(self.runs.run(separator, Fmt(target.lang)))
            add(item)

    def column_lang(self, ui: Ui) -> str | None:
        """The ``w:lang`` runs of this column need: None when the column is in the document's language."""
        return None if ui.locale.word_lang == self.lang else ui.locale.word_lang

    def paragraph(self, target: Target, style: str) -> Any:
        p = target.element.add_p()
        ppr = p.get_or_add_pPr()
        ppr.style = self.ids[style]
        autospace_off(ppr)
        return p

    def text(self, p: Any, text: Text, target: Target, *, marked: bool = True) -> None:
        """A translatable text; one not yet translated is marked (in the column's language) and its
        source text shown highlighted and tagged with the source language."""
        if not text.missing:
            self.runs.markup(p, text.source, Fmt(target.lang))
            return
        if marked:
            p.append(self.runs.run(untranslated_marker(target.ui), Fmt(target.lang, (UNTRANSLATED,))))
        source_lang = None if self.source_lang == self.lang else self.source_lang
        self.runs.markup(p, text.source, Fmt(source_lang, (UNTRANSLATED,)))

    def masthead(self, head: Head, target: Target) -> None:
        """As the PDF: outlet · column, the event line, the title, the subtitle, then the byline (zh)
        or the date."""
        fmt = Fmt(target.lang)
        p = self.paragraph(target, META)
        self.text(p, head.outlet, target)
        if head.column is not None:
            p.append(self.runs.run(" · ", fmt))
            self.text(p, head.column, target)
        if head.event_line:
            self.runs.markup(self.paragraph(target, EVENT), head.event_line, fmt)
        self.text(self.paragraph(target, TITLE), head.title, target)
        if head.subtitle is not None:
            self.text(self.paragraph(target, SUBTITLE), head.subtitle, target)
        if head.series:
            self.series(head, target)
        self.runs.markup(self.paragraph(target, META), head.byline or head.date, fmt)

    def series(self, head: Head, target: Target) -> None:
        """The parts of a series, as the PDF: the labels in order, this document's part in bold."""
        p = self.paragraph(target, META)
        self.separated(p, target, head.series, lambda part: p.append(self.runs.run(part.label, Fmt(target.lang, (STRONG,) if part.current else ()))))

    def bilingual_table(self) -> None:
        """Source | translation, one table row per document row; header row repeated, short rows kept whole."""
        doc = self.doc
        columns = len(doc.uis)
        table = self.document.add_table(rows=1, cols=columns)
        table.style = self.styles[BILINGUAL_TABLE]
        table.autofit = False  # fixed layout
        tbl = table._tbl
        tbl.tblPr.find(qn("w:tblW")).attrib.update({qn("w:type"): "dxa", qn("w:w"): str(Emu(self.text_width).twips)})
        col_width = self.text_width // columns
        for col in table.columns:
            col.width = Emu(col_width)
        header = tbl.tr_lst[0]
        self.keep_row_whole(header, repeat=True)
        for tc, ui in zip(header.tc_lst, doc.uis, strict=True):
            target = self.cell_target(tc, col_width, ui)
            p = self.paragraph(target, TABLE_HEADER)
            p.append(self.runs.run(ui.gettext(L.LANGUAGE_NAME), Fmt(target.lang)))
            self.finish_cell(tc)
        for row in doc.rows:
            tr = table.add_row()._tr
            if row.keep:  # a long row splits across pages, both columns continuing
                self.keep_row_whole(tr, repeat=False)
            for tc, cell in zip(tr.tc_lst, row.cells, strict=True):
                self.row(row, cell, self.cell_target(tc, col_width, cell.ui))
                self.finish_cell(tc)

    def cell_target(self, tc: Any, width: int, ui: Ui) -> Target:
        t = TYPOGRAPHY
        return Target(tc, width - int(Pt(t.body_pt)), self.column_lang(ui), ui)

    @staticmethod
    def keep_row_whole(tr: Any, *, repeat: bool) -> None:
        trpr = tr.get_or_add_trPr()
        trpr.append(w("cantSplit"))
        if repeat:
            trpr.append(w("tblHeader"))

    @staticmethod
    def finish_cell(tc: Any) -> None:
        """Remove the empty paragraph a new cell starts with, once the cell has content."""
        paragraphs = tc.findall(qn("w:p"))
        if len(paragraphs) > 1 and len(paragraphs[0]) == 0:
            tc.remove(paragraphs[0])

    # ---- rows

    def row(self, row: Row, cell: Cell, target: Target) -> None:
        if cell.empty:  # written for the other column's locale
            return
        match row.kind:
            case "note-title":
                self.runs.markup(self.paragraph(target, NOTE_HEADING), cell.heading or "", Fmt(target.lang))
            case "profile-title":
                self.runs.markup(self.paragraph(target, PROFILE_HEADING), cell.heading or "", Fmt(target.lang))
            case "profile-group":
                self.runs.markup(self.paragraph(target, PROFILE_GROUP), cell.heading or "", Fmt(target.lang))
            case "profile":
                self.profile(cell, target)
            case "question":
                self.question(cell, target)
            case "subheading":
                if cell.text is not None:
                    self.text(self.paragraph(target, SUBHEADING), cell.text, target)
            case "label":
                p = self.paragraph(target, self.turn_style(row))
                p.get_or_add_pPr().keepNext_val = True
                self.label(p, cell, target, own_line=True)
            case "paragraph":
                if cell.text is not None:
                    self.paragraphs(cell.text, target, self.turn_style(row), cell)
            case _:
                if cell.block is not None:
                    self.block(cell.block, target, self.turn_style(row), level=0)

    def paragraphs(self, text: Text, target: Target, style: str, cell: Cell | None = None) -> None:
        """A text's paragraphs (a translation may split a unit in two), the label on the first, and
        the source texts merged into the row after them."""
        parts = text.paragraphs
        for n, part in enumerate(parts):
            p = self.paragraph(target, style)
            if n == 0 and cell is not None:
                self.label(p, cell, target, own_line=False)
            self.text(p, text if len(parts) == 1 else replace(text, source=part), target, marked=n == 0)
        for extra in cell.more if cell is not None else ():
            self.text(self.paragraph(target, style), extra, target)

    @staticmethod
    def turn_style(row: Row) -> str:
        """Interviewer turns, expert turns, narration, the editor's note, the summary and the
        profile each have their style."""
        if row.section.kind is SectionKind.PROFILE:
            return PROFILE
        if row.section.kind is SectionKind.EDITORS_NOTE:
            return NOTE
        if row.section.kind is SectionKind.SUMMARY:
            return SUMMARY
        return {"interviewer": QUESTION_TEXT, "expert": ANSWER}.get(role_class(row.speaker, row.unlabelled), BODY)

    def profile(self, cell: Cell, target: Target) -> None:
        """A profile card: the name line from the speaker entry, in bold, the portrait beside the
        positions (a borderless table of two cells) when there is one."""
        profile = cell.profile
        assert profile is not None
        inner = target
        if profile.portrait is not None:
            table = OxmlTable(target, self)
            portrait, inner = table.two_cells(Mm(28))
            self.image(profile.portrait, portrait)
        p = self.paragraph(inner, PROFILE_NAME)
        p.append(self.runs.run(profile.name, Fmt(inner.lang)))
        for block in profile.blocks:
            self.block(block, inner, PROFILE, level=0)
        if profile.portrait is not None:
            table.finish()

    def label(self, p: Any, cell: Cell, target: Target, *, own_line: bool) -> None:
        """The speaker label, a run in the "Colloquy Speaker Label" style; a space after a half-width colon."""
        if not cell.label:
            return
        label = cell.label
        if not own_line and unicodedata.east_asian_width(label[-1]) not in ("W", "F"):
            label += " "
        self.runs.markup(p, label, Fmt(target.lang, (SPEAKER_LABEL,)))

    def question(self, cell: Cell, target: Target) -> None:
        """"Q1: heading" as one heading, or "01" on its own line above the heading (the edition's numbering)."""
        above = cell.above and bool(cell.number)
        has_heading = cell.text is not None and bool(cell.text.source.strip())
        fmt = Fmt(target.lang)
        if above and has_heading:
            self.runs.markup(self.paragraph(target, QUESTION_NUMBER), cell.number or "", fmt)
        p = self.paragraph(target, QUESTION)
        if above and has_heading:
            p.get_or_add_pPr().spacing_before = 0
        if not has_heading or cell.text is None:
            p.append(self.runs.run(cell.heading or cell.number or "", fmt))
            return
        if cell.prefix:
            p.append(self.runs.run(cell.prefix, fmt))
        self.text(p, cell.text, target)
        if cell.suffix:
            p.append(self.runs.run(cell.suffix, fmt))

    # ---- blocks

    def block(self, block: Block, target: Target, style: str, level: int) -> None:
        dispatch(block, self.block_handlers, target, style, level)

    @property
    def block_handlers(self) -> dict[str, Any]:
        return {
            "paragraph": lambda b, target, style, level: self.paragraphs(b.text, target, style),
            "list": self.list_block,
            "quote": self.quote,
            "image": lambda b, target, style, level: self.image(b, target),
            "subheading": lambda b, target, style, level: self.text(self.paragraph(target, SUBHEADING), b.text, target),
            "only": self.only,
            "video": lambda b, target, style, level: self.video(b, target),
        }

    def video(self, block: Video, target: Target) -> None:
        """The poster, then a QR code of the video's address beside the address (a hyperlink)."""
        if block.poster is not None:
            self.image(replace(block.poster, caption=None), target)
        p = self.paragraph(target, VIDEO)
        self.picture(p, qr_png(block.url), Mm(22), Mm(22), "QR")
        label = target.ui.gettext(L.WATCH_VIDEO)
        p.append(self.runs.run(" " + run_in(label), Fmt(target.lang)))
        self.runs.link(p, Span("link", href=block.url, children=(Span("text", block.url),)), Fmt(target.lang))
        if block.poster is not None and block.poster.caption is not None:
            self.text(self.paragraph(target, CAPTION), block.poster.caption, target)

    def picture(self, p: Any, data: bytes, cx: int, cy: int, alt: str) -> None:
        part = self.document.part
        stream = io.BytesIO(data)
        part.get_or_add_image(stream)
        stream.seek(0)
        inline = part.new_pic_inline(stream, Emu(cx), Emu(cy))
        inline.docPr.set("descr", alt)
        inline.docPr.set("title", alt)
        r = w("r")
        r.append(w("drawing"))
        r[0].append(inline)
        p.append(r)

    def only(self, block: Any, target: Target, style: str, level: int) -> None:
        for inner in block.blocks:
            self.block(inner, target, style, level)

    def quote(self, block: Any, target: Target, style: str, level: int) -> None:
        for inner in block.blocks:
            self.block(inner, target, QUOTE, level)

    @staticmethod
    def keep_with_next(target: Target) -> None:
        """The last paragraph written into ``target`` stays on the page of the next one."""
        last = target.element.findall(qn("w:p"))
        if last:
            last[-1].get_or_add_pPr().keepNext_val = True

    def list_block(self, block: ListBlock, target: Target, style: str, level: int) -> None:
        """Real Word numbering: a fresh ``w:num`` per list, so each list restarts at its ``start``;
        the first item kept with the second and the last but one with the last (as in print, a
        list never leaves one item alone on a page)."""
        if block.bare:  # positions typed one per line: one line each, as typed, no bullets
            for item in block.items:
                for inner in item.blocks:
                    self.block(inner, target, style, level)
            return
        level = min(level, LIST_LEVELS - 1)
        num_id = self.numbering.new_list(block.ordered, block.start, level)
        list_style = LIST_NUMBER if block.ordered else LIST_BULLET
        count = len(block.items)
        for n, item in enumerate(block.items):
            numbered = False
            for inner in item.blocks:
                if isinstance(inner, Paragraph):  # a list item's own text: numbered, then continued
                    p = self.paragraph(target, list_style if not numbered else LIST_CONTINUE)
                    ppr = p.get_or_add_pPr()
                    if not numbered:
                        numpr = ppr.get_or_add_numPr()
                        numpr.get_or_add_ilvl().val = level
                        numpr.get_or_add_numId().val = num_id
                        numbered = True
                    elif level:
                        ppr.ind_left = Pt(list_indent(level))
                    self.text(p, inner.text, target)
                elif isinstance(inner, ListBlock):
                    self.list_block(inner, target, style, level + 1)
                else:
                    self.block(inner, target, style, level)
            if count > 1 and n in (0, count - 2):
                self.keep_with_next(target)

    def image(self, block: Image, target: Target) -> None:
        """The picture (at most the column's width) with its alt text in ``wp:docPr``, the caption below."""
        path = image_path(self.article_dir, block.src)
        alt = plain_text(block.alt.source)
        if block.alt.missing:
            alt = untranslated_marker(target.ui) + alt
        p = self.paragraph(target, FIGURE)
        if path.suffix.lower() == ".svg":  # python-docx cannot embed SVG: say what is missing
            p.append(self.runs.run(f"[{alt}]", Fmt(target.lang)))
        else:
            part = self.document.part
            stream = image_stream(path)
            _rid, picture = part.get_or_add_image(stream)
            cx, cy = int(picture.width), int(picture.height)
            if cx > target.width:
                cx, cy = target.width, round(cy * target.width / cx)
            if isinstance(stream, io.BytesIO):
                stream.seek(0)
            inline = part.new_pic_inline(stream, Emu(cx), Emu(cy))
            inline.docPr.set("descr", alt)
            inline.docPr.set("title", alt)
            r = w("r")
            r.append(w("drawing"))
            r[0].append(inline)
            p.append(r)
        if block.caption is not None:
            self.text(self.paragraph(target, CAPTION), block.caption, target)



def qr_png(url: str) -> bytes:
    """A QR code of ``url`` as a PNG (segno), for print."""
    import segno

    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="png", scale=6, border=2, dark="#1F2328")
    return buf.getvalue()


class OxmlTable:
    """A borderless table of two cells inside a target (a profile card: the portrait, the text)."""

    def __init__(self, target: Target, builder: Builder) -> None:
        self.target = target
        self.builder = builder
        self.tbl = w("tbl")
        tblpr = w("tblPr")
        tblpr.append(w("tblW", w="0", type="auto"))
        borders = w("tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            borders.append(w(side, val="nil"))
        tblpr.append(borders)
        tblpr.append(w("tblLayout", type="fixed"))
        self.tbl.append(tblpr)

    def two_cells(self, first_width: int) -> tuple[Target, Target]:
        rest = max(self.target.width - first_width, first_width)
        grid = w("tblGrid")
        for width in (first_width, rest):
            grid.append(w("gridCol", w=str(Emu(width).twips)))
        self.tbl.append(grid)
        tr = w("tr")
        trpr = w("trPr")
        trpr.append(w("cantSplit"))
        tr.append(trpr)
        cells = []
        for width in (first_width, rest):
            tc = w("tc")
            tcpr = w("tcPr")
            tcpr.append(w("tcW", w=str(Emu(width).twips), type="dxa"))
            tc.append(tcpr)
            tr.append(tc)
            cells.append(Target(tc, int(width), self.target.lang, self.target.ui))
        self.tbl.append(tr)
        self.cells = [c.element for c in cells]
        return cells[0], cells[1]

    def finish(self) -> None:
        for tc in self.cells:
            if tc.find(qn("w:p")) is None:  # a cell holds at least one paragraph
                tc.append(w("p"))
        sect_pr = self.target.element.find(qn("w:sectPr"))
        if sect_pr is not None:  # the body ends with its section properties: the table goes before
            sect_pr.addprevious(self.tbl)
        else:
            self.target.element.append(self.tbl)
        if self.target.element.tag == qn("w:tc"):  # a table cell must end with a paragraph
            self.target.element.append(w("p"))
