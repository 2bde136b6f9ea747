"""A Word document read as a manuscript: its paragraphs in reading order, each with its text as
inline Markdown (bold, italic, links, superscripts), and what its formatting says — a heading
style, bold throughout, a Word list, a picture.

python-docx reads the file. What it leaves to its users is done here, as its maintainers
advise: a run's bold or italic may come from a character style or the paragraph's style, not
the run (``run.bold`` is None then), so the style chains are followed; hyperlinks hold runs of
their own (``Paragraph.iter_inner_content``); a Word list is ``w:numPr`` whose format
(bullet or decimal) is in the numbering part; tables are read cell by cell; pictures are
``a:blip`` references to image parts, their description in ``wp:docPr``.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph
from docx.text.run import Run

#: a manuscript larger than this is refused (a long interview with photos is a few MB)
MAX_DOCX_BYTES = 64 * 1024 * 1024
_IMAGE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp"}
_TITLE_STYLE = re.compile(r"(?:^|\s)title$|^标题$", re.I)
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
#: what would be read as Markdown in a text: escaped
_MD_SPECIAL = re.compile(r"([\\`*\[\]<^~])|(?<![A-Za-z0-9])(_)|(_)(?![A-Za-z0-9])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)]|:::)")


class ManuscriptError(Exception):
    """The file is not a Word document that can be read."""


@dataclass(frozen=True)
class Picture:
    data: bytes
    suffix: str  # ".png"
    description: str  # the alt text Word keeps (wp:docPr descr)


@dataclass
class Para:
    """One paragraph of the manuscript."""

    markdown: str  # the text as inline Markdown
    plain: str  # the text as it reads
    style: str  # the paragraph style's name
    heading: int = 0  # 1–9 for a heading (style, or outline level), 0 otherwise
    title: bool = False  # the Title style
    bold: bool = False  # every letter is bold
    italic: bool = False  # every letter is italic
    centered: bool = False
    list_kind: str = ""  # "bullet" or "number" for a Word list item
    list_level: int = 0
    list_start: int = 1
    pictures: list[Picture] = field(default_factory=list)
    in_table: bool = False

    @property
    def empty(self) -> bool:
        return not self.plain.strip() and not self.pictures


@dataclass
class Manuscript:
    paragraphs: list[Para]
    #: the running header's text (the short title, in a published edition)
    header: str = ""


def _style_chain(style: Any) -> Iterator[Any]:
    seen = 0
    while style is not None and seen < 16:
        yield style
        style = style.base_style
        seen += 1


def _style_flag(style: Any, name: str) -> bool | None:
    for s in _style_chain(style):
        value = getattr(s.font, name, None)
        if value is not None:
            return bool(value)
    return None


def _run_flag(run: Run, paragraph: Paragraph, name: str) -> bool:
    """Bold or italic as Word shows it: the run's own, else its character style's, else the paragraph style's."""
    own = getattr(run.font, name)
    if own is not None:
        return bool(own)
    try:
        char_style = run.style if run._r.rPr is not None and run._r.rPr.rStyle is not None else None
    except (KeyError, ValueError):
        char_style = None
    if char_style is not None:
        value = _style_flag(char_style, name)
        if value is not None:
            return value
    return bool(_style_flag(paragraph.style, name))


def _heading_level(paragraph: Paragraph) -> int:
    for s in _style_chain(paragraph.style):
        m = _HEADING_STYLE.match(s.name or "")
        if m:
            return int(m.group(1))
    for element in [paragraph._p.pPr, *(s.element.pPr for s in _style_chain(paragraph.style))]:
        if element is None:
            continue
        outline = element.find(qn("w:outlineLvl"))
        if outline is not None:
            level = int(outline.get(qn("w:val"), "9"))
            if level < 9:
                return level + 1
    return 0


def _numbering(document: DocxDocument) -> dict[tuple[str, int], tuple[str, int]]:
    """(numId, level) → ("bullet" | "number", start), from the numbering part."""
    out: dict[tuple[str, int], tuple[str, int]] = {}
    try:
        part = document.part.numbering_part
    except (KeyError, NotImplementedError):
        return out
    root = part.element
    abstract: dict[str, dict[int, tuple[str, int]]] = {}
    for a in root.findall(qn("w:abstractNum")):
        levels = {}
        for lvl in a.findall(qn("w:lvl")):
            fmt = lvl.find(qn("w:numFmt"))
            start = lvl.find(qn("w:start"))
            kind = "bullet" if fmt is None or fmt.get(qn("w:val")) in ("bullet", "none") else "number"
            levels[int(lvl.get(qn("w:ilvl"), "0"))] = (kind, int(start.get(qn("w:val"), "1")) if start is not None else 1)
        abstract[a.get(qn("w:abstractNumId"), "")] = levels
    for num in root.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        if ref is None:
            continue
        levels = dict(abstract.get(ref.get(qn("w:val"), ""), {}))
        for override in num.findall(qn("w:lvlOverride")):
            start = override.find(qn("w:startOverride"))
            level = int(override.get(qn("w:ilvl"), "0"))
            if start is not None and level in levels:
                levels[level] = (levels[level][0], int(start.get(qn("w:val"), "1")))
        for level, value in levels.items():
            out[(num.get(qn("w:numId"), ""), level)] = value
    return out


def _list_info(paragraph: Paragraph, numbering: dict[tuple[str, int], tuple[str, int]]) -> tuple[str, int, int]:
    for ppr in [paragraph._p.pPr, *(s.element.pPr for s in _style_chain(paragraph.style))]:
        if ppr is None:
            continue
        numpr = ppr.find(qn("w:numPr"))
        if numpr is None:
            continue
        num_id = numpr.find(qn("w:numId"))
        ilvl = numpr.find(qn("w:ilvl"))
        nid = num_id.get(qn("w:val"), "0") if num_id is not None else "0"
        level = int(ilvl.get(qn("w:val"), "0")) if ilvl is not None else 0
        if nid == "0":
            return "", 0, 1
        kind, start = numbering.get((nid, level), ("bullet", 1))
        return kind, level, start
    return "", 0, 1


def _pictures(element: Any, paragraph: Paragraph) -> list[Picture]:
    out = []
    for drawing in element.iter(qn("w:drawing")):
        doc_pr = next(drawing.iter(qn("wp:docPr")), None)
        description = (doc_pr.get("descr") or doc_pr.get("title") or "") if doc_pr is not None else ""
        for blip in drawing.iter(qn("a:blip")):
            rid = blip.get(qn("r:embed"))
            part = paragraph.part.related_parts.get(rid) if rid else None
            if part is None:
                continue
            suffix = _IMAGE_TYPES.get(getattr(part, "content_type", ""), "")
            if suffix:
                out.append(Picture(part.blob, suffix, description.strip()))
    return out


def escape(text: str) -> str:
    """Text as Markdown that reads back as the same text."""
    return _MD_SPECIAL.sub(lambda m: "\\" + m.group(0), text)


@dataclass
class _Piece:
    text: str
    bold: bool
    italic: bool
    sup: bool = False
    sub: bool = False
    href: str = ""


def _pieces(paragraph: Paragraph) -> Iterator[_Piece]:
    for item in paragraph.iter_inner_content():
        if isinstance(item, Hyperlink):
            href = item.address + (f"#{item.fragment}" if item.fragment else "")
            for run in item.runs:
                yield _Piece(run.text, _run_flag(run, paragraph, "bold"), _run_flag(run, paragraph, "italic"), href=href)
        elif isinstance(item, Run):
            font = item.font
            yield _Piece(item.text, _run_flag(item, paragraph, "bold"), _run_flag(item, paragraph, "italic"), bool(font.superscript), bool(font.subscript))


def _wrap(text: str, marker: str) -> str:
    """``**text**`` with the spaces at its edges kept outside the markers."""
    stripped = text.strip()
    if not stripped:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}{marker}{stripped}{marker}{trail}"


def _markdown(pieces: list[_Piece]) -> str:
    """The pieces as inline Markdown: runs of the same formatting merged, then marked."""
    merged: list[_Piece] = []
    for p in pieces:
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].sup, merged[-1].sub, merged[-1].href) == (p.bold, p.italic, p.sup, p.sub, p.href):
            merged[-1].text += p.text
        elif p.text:
            merged.append(_Piece(p.text, p.bold, p.italic, p.sup, p.sub, p.href))
    out = []
    for p in merged:
        lines = p.text.split("\n")
        parts = []
        for line in lines:
            text = escape(line.replace("\t", " "))
            if p.sup or p.sub:
                text = _wrap(text.replace(" ", "\\ "), "^" if p.sup else "~")
            if p.italic and text.strip():
                text = _wrap(text, "*")
            if p.bold and text.strip():
                text = _wrap(text, "**")
            parts.append(text)
        text = "\\\n".join(parts)
        if p.href and p.href.startswith(("http://", "https://", "mailto:")):
            text = f"[{text}]({p.href})"
        out.append(text)
    markdown = "".join(out)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), markdown, count=1) if _MD_LINE_START.match(markdown) else markdown


def _para(paragraph: Paragraph, numbering: dict[tuple[str, int], tuple[str, int]], in_table: bool) -> Para:
    pieces = list(_pieces(paragraph))
    plain = "".join(p.text for p in pieces)
    letters = [p for p in pieces if p.text.strip()]
    bold = bool(letters) and all(p.bold for p in letters)
    italic = bool(letters) and all(p.italic for p in letters)
    for p in pieces:  # a paragraph bold or italic throughout is formatted, not emphasised: no markers
        p.bold = p.bold and not bold
        p.italic = p.italic and not italic
    kind, level, start = _list_info(paragraph, numbering)
    style = paragraph.style.name if paragraph.style is not None else ""
    alignment = paragraph.alignment if paragraph.alignment is not None else paragraph.style.paragraph_format.alignment if paragraph.style is not None else None
    return Para(
        markdown=_markdown(pieces).strip(),
        plain=plain.strip(),
        style=style or "",
        heading=_heading_level(paragraph),
        title=any(_TITLE_STYLE.search(s.name or "") for s in _style_chain(paragraph.style)),
        bold=bold,
        italic=italic,
        centered=alignment is not None and int(alignment) == 1,
        list_kind=kind,
        list_level=level,
        list_start=start,
        pictures=_pictures(paragraph._p, paragraph),
        in_table=in_table,
    )


def _blocks(parent: Any, numbering: dict[tuple[str, int], tuple[str, int]], in_table: bool = False) -> Iterator[Para]:
    for item in parent.iter_inner_content():
        if isinstance(item, Paragraph):
            yield _para(item, numbering, in_table)
        elif isinstance(item, Table):
            seen: set[int] = set()
            for row in item.rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell is listed once per column it spans
                        continue
                    seen.add(id(cell._tc))
                    yield from _blocks(cell, numbering, True)


def read_manuscript(data: bytes) -> Manuscript:
    """The paragraphs of a DOCX file (:class:`ManuscriptError` when it is not one)."""
    if len(data) > MAX_DOCX_BYTES:
        raise ManuscriptError(f"the file is over the {MAX_DOCX_BYTES // 1048576} MB limit")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ManuscriptError("the file is not a Word document (.docx): save it from Word as 'Word Document (.docx)'")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise ManuscriptError(f"the file cannot be read as a Word document ({type(exc).__name__}: {exc})") from None
    numbering = _numbering(document)
    paragraphs = list(_blocks(document, numbering))
    header = ""
    if document.sections:
        header = " ".join(p.text.strip() for p in document.sections[0].header.paragraphs if p.text.strip())
    return Manuscript(paragraphs, header)
