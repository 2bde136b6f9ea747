"""The Word review document: an article's catalog for one locale as a table a reviewer edits in
Word, and the reviewed document read back.

Writing. A landscape document with one table, a row per unit: the unit (its id, and below it,
small and grey, the first 8 hex digits of the digests of its source and of its translation as
exported), the source, the translation, its status, and the QA findings. The document is
protected as Word protects a document "read only, with exceptions": ``w:documentProtection
w:edit="readOnly" w:enforcement="1"`` in the settings, and in each row a permission range for
everyone (``w:permStart w:edGrp="everyone" w:colFirst="2" w:colLast="2"`` … ``w:permEnd``)
around the content of the translation cell, so that only the translation column can be edited
(with tracked changes or not), and commented. The article, the locale and the catalog are named
in the document's core properties (``identifier``: ``colloquy-review:<slug>:<locale>``).

Reading. The table is read back row by row by unit id; the text of a translation cell is read
from the XML with every tracked change accepted (the runs of ``w:ins`` and ``w:moveTo`` kept,
those of ``w:del`` and ``w:moveFrom`` dropped, a deleted paragraph mark joining two paragraphs):
python-docx's ``.text`` would miss inserted runs. Comments anchored in a row (``word/comments.xml``,
``w:commentRangeStart`` / ``w:commentReference``) come back as translator comments,
``review (Author): …``. The digests tell a unit whose source changed since the export (refused)
and a translation the reviewer did not touch (left alone).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph
from lxml import etree

from colloquy.diagnostics import Report
from colloquy.i18n.exchange import InUnit, OutUnit, State, source_digest

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
IDENTIFIER = "colloquy-review"
#: the header row of the table: the first cell names it
UNIT_HEADER = "Unit"
#: the columns: unit, source, translation, status, QA findings (the translation is the editable one)
TRANSLATION_COLUMN = 2
_WIDTHS_MM = (24, 92, 92, 24, 35)
_DIGESTS = re.compile(r"\b([0-9a-f]{8})\s+([0-9a-f]{8})\b")
_UNIT_ID = re.compile(r"\b(u\d+)\b")
#: control characters and bidirectional controls: never put into a catalog
INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: a review document larger than this is refused
MAX_REVIEW_BYTES = 64 * 1024 * 1024

#: the elements of w:settings that come after w:documentProtection (ECMA-376 order: Word refuses a
#: document whose settings are out of order)
_AFTER_PROTECTION = tuple(
    f"w:{name}"
    for name in [
        "autoFormatOverride",
        "styleLockTheme",
        "styleLockQFSet",
        "defaultTabStop",
        "autoHyphenation",
        "consecutiveHyphenLimit",
        "hyphenationZone",
        "doNotHyphenateCaps",
        "showEnvelope",
        "summaryLength",
        "clickAndTypeStyle",
        "defaultTableStyle",
        "evenAndOddHeaders",
        "bookFoldRevPrinting",
        "bookFoldPrinting",
        "bookFoldPrintingSheets",
        "drawingGridHorizontalSpacing",
        "drawingGridVerticalSpacing",
        "displayHorizontalDrawingGridEvery",
        "displayVerticalDrawingGridEvery",
        "doNotUseMarginsForDrawingGridOrigin",
        "drawingGridHorizontalOrigin",
        "drawingGridVerticalOrigin",
        "doNotShadeFormData",
        "noPunctuationKerning",
        "characterSpacingControl",
        "printTwoOnOne",
        "strictFirstAndLastChars",
        "noLineBreaksAfter",
        "noLineBreaksBefore",
        "savePreviewPicture",
        "doNotValidateAgainstSchema",
        "saveInvalidXml",
        "ignoreMixedContent",
        "alwaysShowPlaceholderText",
        "doNotDemarcateInvalidXml",
        "saveXmlDataOnly",
        "useXSLTWhenSaving",
        "saveThroughXslt",
        "showXMLTags",
        "alwaysMergeEmptyNamespace",
        "updateFields",
        "hdrShapeDefaults",
        "footnotePr",
        "endnotePr",
        "compat",
        "docVars",
        "rsids",
        "attachedSchema",
        "themeFontLang",
        "clrSchemeMapping",
        "doNotIncludeSubdocsInStats",
        "doNotAutoCompressPictures",
        "forceUpgrade",
        "captions",
        "readModeInkLockDown",
        "smartTagType",
        "shapeDefaults",
        "doNotEmbedSmartTags",
        "decimalSymbol",
        "listSeparator",
    ]
)

_STATUS = {State.TRANSLATED: "translated", State.FUZZY: "fuzzy: check it", State.UNTRANSLATED: "untranslated"}


@dataclass(frozen=True)
class ReviewInfo:
    slug: str
    locale: str  # the catalog's locale (gettext name)
    language_tag: str  # its BCP 47 tag
    source_label: str  # the column headings: "Source (en)", "Translation (zh_CN)"
    target_label: str
    title: str  # the article's title, in the source language
    catalog: str  # the catalog's path, as shown


# ------------------------------------------------------------------ writing


def _w(tag: str, **attrs: str) -> etree._Element:
    return OxmlElement(f"w:{tag}", attrs={qn(f"w:{k}"): v for k, v in attrs.items()})


def _set_text(paragraph: Paragraph, text: str, *, size: float | None = None, grey: bool = False, bold: bool = False) -> None:
    """Put ``text`` in a paragraph as runs, a line break (``w:br``) for each newline."""
    for n, line in enumerate(text.split("\n")):
        run = paragraph.add_run()
        if n:
            run.add_break()
        run.add_text(line)
        if size is not None:
            run.font.size = Pt(size)
        if grey:
            run.font.color.rgb = RGBColor(0x80, 0x80, 0x80)
        if bold:
            run.bold = True


def _protect(document: DocxDocument) -> None:
    """Read only, enforced (no password): the permission ranges are the exceptions."""
    settings = document.settings.element
    for old in settings.findall(qn("w:documentProtection")):
        settings.remove(old)
    protection = _w("documentProtection", edit="readOnly", enforcement="1")
    settings.insert_element_before(protection, *_AFTER_PROTECTION)


def _editable(cell: _Cell, perm_id: int) -> None:
    """A permission range for everyone around the content of a cell (its column, in this row)."""
    paragraphs = cell._tc.findall(qn("w:p"))
    first, last = paragraphs[0], paragraphs[-1]
    start = _w("permStart", id=str(perm_id), edGrp="everyone", colFirst=str(TRANSLATION_COLUMN), colLast=str(TRANSLATION_COLUMN))
    properties = first.find(qn("w:pPr"))
    if properties is not None:
        properties.addnext(start)
    else:
        first.insert(0, start)
    last.append(_w("permEnd", id=str(perm_id)))


def _header_row(row: _Row) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(_w("tblHeader"))
    properties.append(_w("cantSplit"))


def write_review(info: ReviewInfo, units: list[OutUnit], findings: dict[str, list[str]]) -> bytes:
    """The review document of a catalog's units (``findings``: the QA findings by unit id)."""
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(12))
    normal = document.styles["Normal"]
    normal.font.size = Pt(10)
    languages = normal.element.get_or_add_rPr()
    languages.append(_w("lang", val="en-US", eastAsia=info.language_tag if info.language_tag.startswith("zh") else "zh-CN"))
    properties = document.core_properties
    properties.identifier = f"{IDENTIFIER}:{info.slug}:{info.locale}"
    properties.author = "Colloquy"
    properties.title = f"Review: {info.title}"
    properties.subject = info.slug
    properties.language = info.language_tag
    properties.comments = f"Colloquy review of {info.catalog}. Import it with: colloquy review import FILE"

    document.add_heading(f"Review: {info.title}", level=1)
    _set_text(document.add_paragraph(), f"Article {info.slug}, {info.target_label.lower()} — catalog {info.catalog}", size=9, grey=True)
    _set_text(
        document.add_paragraph(),
        "Edit only the Translation column (you may track changes) and add comments where you like. "
        "The other columns are protected: the Unit column identifies each text. Keep the Markdown of "
        "the source (*emphasis*, **strong**, [links](…)). Send the document back as it is, in DOCX.",
        size=9,
    )

    table = document.add_table(rows=1, cols=5)
    table.style = document.styles["Table Grid"]
    table.autofit = False
    headings = ("Unit", info.source_label, info.target_label, "Status", "QA findings")
    for cell, heading in zip(table.rows[0].cells, headings, strict=True):
        _set_text(cell.paragraphs[0], heading, bold=True)
    _header_row(table.rows[0])
    for number, unit in enumerate(units, 1):
        cells = table.add_row().cells
        _set_text(cells[0].paragraphs[0], unit.unit_id, bold=True)
        _set_text(cells[0].add_paragraph(), f"{unit.digest[:8]} {source_digest(unit.target)[:8]}", size=6.5, grey=True)
        _set_text(cells[1].paragraphs[0], unit.source)
        _set_text(cells[2].paragraphs[0], unit.target)
        _set_text(cells[3].paragraphs[0], _STATUS[unit.state])
        if unit.previous:
            _set_text(cells[3].add_paragraph(), f"before: {unit.previous}", size=8, grey=True)
        found = findings.get(unit.unit_id, [])
        for n, finding in enumerate(found):
            _set_text(cells[4].paragraphs[0] if n == 0 else cells[4].add_paragraph(), finding, size=8)
        _editable(cells[TRANSLATION_COLUMN], number)
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, _WIDTHS_MM, strict=True):
        column.w = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, _WIDTHS_MM, strict=True):
            cell.width = Mm(width)
    _protect(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ------------------------------------------------------------------ reading


@dataclass
class ReviewFile:
    """A review document that came back."""

    slug: str
    locale: str
    units: list[InUnit] = field(default_factory=list)


def _local(el: etree._Element) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


#: elements whose content is not text of the document as accepted: deletions, moved-away text,
#: field codes, properties
_SKIPPED = {
    "del",
    "moveFrom",
    "instrText",
    "delText",
    "delInstrText",
    "pPr",
    "rPr",
    "tblPr",
    "trPr",
    "tcPr",
    "sectPr",
    "footnoteReference",
    "endnoteReference",
}


def _runs_text(el: etree._Element) -> str:
    """The text of an element with every tracked change accepted."""
    out: list[str] = []

    def walk(node: etree._Element) -> None:
        for child in node:
            name = _local(child)
            if name in _SKIPPED or not name:
                continue
            if name == "t":
                out.append(child.text or "")
            elif name == "tab":
                out.append("\t")
            elif name in ("br", "cr"):
                out.append("\n")
            elif name == "noBreakHyphen":
                out.append("\u2011")
            elif name in ("softHyphen", "commentReference", "annotationRef"):
                continue
            else:
                walk(child)

    walk(el)
    return "".join(out)


def _paragraph_mark_deleted(p: etree._Element) -> bool:
    return p.find(f"{{{W}}}pPr/{{{W}}}rPr/{{{W}}}del") is not None


def cell_text(tc: etree._Element) -> str:
    """The text of a table cell with every tracked change accepted: its paragraphs joined by
    newlines (a paragraph whose mark was deleted runs on into the next)."""
    parts: list[str] = []
    for p in tc.iter(f"{{{W}}}p"):
        parts.append(_runs_text(p))
        parts.append("" if _paragraph_mark_deleted(p) else "\n")
    return "".join(parts[:-1]).strip() if parts else ""


def _comment_ids(row: etree._Element) -> list[str]:
    ids: list[str] = []
    for el in row.iter(f"{{{W}}}commentRangeStart", f"{{{W}}}commentReference"):
        value = el.get(f"{{{W}}}id")
        if value is not None and value not in ids:
            ids.append(value)
    return ids


def _comments(document: DocxDocument) -> dict[str, list[str]]:
    """The comments of a document by id, as translator comment lines (``review (Author): …``)."""
    try:
        part = document.part.part_related_by(RT.COMMENTS)
    except KeyError:
        return {}
    root = etree.fromstring(part.blob)
    out: dict[str, list[str]] = {}
    for comment in root.iter(f"{{{W}}}comment"):
        author = (comment.get(f"{{{W}}}author") or "").strip()
        prefix = f"review ({author}): " if author else "review: "
        lines = [" ".join(INVISIBLE.sub(" ", line).split()) for line in cell_text(comment).split("\n")]
        out[comment.get(f"{{{W}}}id") or ""] = [prefix + line for line in lines if line]
    return out


def _rows(document: DocxDocument) -> Iterator[tuple[int, etree._Element]]:
    """The rows of the review table after its header, with their number in the table (the header is row 1)."""
    body = document.element.body
    for tbl in body.iter(f"{{{W}}}tbl"):
        rows = tbl.findall(f"{{{W}}}tr")
        if not rows:
            continue
        cells = rows[0].findall(f"{{{W}}}tc")
        if cells and cell_text(cells[0]) == UNIT_HEADER:
            yield from ((n, row) for n, row in enumerate(rows[1:], 2))
            return


def read_review(data: bytes, shown: str, report: Report, *, fuzzy: bool) -> ReviewFile | None:
    """The units of a reviewed document: each row's translation (every tracked change accepted),
    as translated (or ``fuzzy``), and the comments anchored in it. Problems are reported as
    ``shown:row: …`` (the row of the table) and a document that is not a review gives None."""
    if len(data) > MAX_REVIEW_BYTES:
        report.error(shown, 1, None, f"the document is over the {MAX_REVIEW_BYTES // 1048576} MB limit", "check that it is the right file")
        return None
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        report.error(shown, 1, None, f"not a Word document (DOCX): {exc}", "save the review as a Word document (.docx)")
        return None
    except Exception as exc:  # python-docx raises its own errors for a package that is not a document
        report.error(
            shown, 1, None, f"not a Word document (DOCX): {type(exc).__name__}: {exc}", "save the review as a Word document (.docx)"
        )
        return None
    identifier = (document.core_properties.identifier or "").strip()
    parts = identifier.split(":")
    if len(parts) != 3 or parts[0] != IDENTIFIER or not parts[1] or not parts[2]:
        report.error(
            shown,
            1,
            None,
            "not a Colloquy review document: its properties do not name an article and a locale",
            "import the document 'colloquy review export' wrote",
        )
        return None
    found = ReviewFile(parts[1], parts[2])
    comments = _comments(document)
    rows = list(_rows(document))
    if not rows:
        report.error(
            shown,
            1,
            None,
            f"the review table (its first column headed '{UNIT_HEADER}') is missing",
            "import the document 'colloquy review export' wrote",
        )
        return None
    for number, row in rows:
        cells = row.findall(f"{{{W}}}tc")
        if len(cells) <= TRANSLATION_COLUMN:
            report.warning(
                shown, number, None, f"row {number} of the table has {len(cells)} cells: skipped", "keep the table's columns as exported"
            )
            continue
        unit_cell = cell_text(cells[0])
        unit_id = _UNIT_ID.search(unit_cell)
        if unit_id is None:
            report.warning(shown, number, None, f"row {number} names no unit (u1, u2 …): skipped", "keep the Unit column as exported")
            continue
        digests = _DIGESTS.search(unit_cell)
        target = cell_text(cells[TRANSLATION_COLUMN])
        cleaned = INVISIBLE.sub("", target)
        if cleaned != target:
            report.warning(
                shown, number, None, f"unit {unit_id.group(1)} (row {number}): control characters in the translation were removed", ""
            )
        found.units.append(
            InUnit(
                unit_id.group(1),
                number,
                cell_text(cells[1]),
                digests.group(1) if digests else None,
                cleaned,
                fuzzy,
                comments=[line for cid in _comment_ids(row) for line in comments.get(cid, [])],
                exported_target=digests.group(2) if digests else None,
                edits_only=True,
            )
        )
    return found
