"""Measuring the printed pages: the words and lines of a PDF as poppler lays them out
(``pdftotext -bbox-layout``), the fonts of each glyph run (pypdf), hyphen ladders and how much
of each page is left empty. Used by the print tests and by tools/print_report.py."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

_NS = "{http://www.w3.org/1999/xhtml}"
#: a line ending with a hyphenation hyphen: a letter, then the hyphen
_HYPHENATED = re.compile(r"[A-Za-z][-\u2010]$")


@dataclass(frozen=True)
class Line:
    page: int  # 1-based
    block: int  # poppler's block on the page (a column's paragraph)
    words: tuple[str, ...]
    x_min: float
    y_min: float
    y_max: float

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: tuple[Line, ...]


def layout(path: Path) -> list[Page]:
    """Every page's lines, in poppler's reading order, with their boxes (points from the top)."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, check=True).stdout
    root = ET.fromstring(out)
    pages = []
    for number, page in enumerate(root.iter(f"{_NS}page"), 1):
        lines = []
        for b, block in enumerate(page.iter(f"{_NS}block")):
            for line in block.iter(f"{_NS}line"):
                words = tuple(w.text or "" for w in line.iter(f"{_NS}word"))
                lines.append(Line(number, b, words, float(line.get("xMin", 0)), float(line.get("yMin", 0)), float(line.get("yMax", 0))))
        pages.append(Page(number, float(page.get("width", 0)), float(page.get("height", 0)), tuple(lines)))
    return pages


def hyphen_ladders(pages: list[Page]) -> list[int]:
    """The lengths of the runs of consecutive lines of a column (the left or the right half of the
    page, top to bottom) that end with a hyphenated word."""
    runs: list[int] = []
    for page in pages:
        for column in (0, 1):
            lines = sorted((ln for ln in page.lines if (ln.x_min >= page.width / 2) == bool(column)), key=lambda ln: ln.y_min)
            run = 0
            for line in lines:
                if line.words and _HYPHENATED.search(line.words[-1]):
                    run += 1
                elif run:
                    runs.append(run)
                    run = 0
            if run:
                runs.append(run)
    return runs


def empty_fractions(pages: list[Page], top_pt: float, bottom_pt: float) -> list[float]:
    """For every page but the last, the fraction of the text area left empty below its last line
    (the running header and the footer, in the margins, do not count)."""
    fractions = []
    for page in pages[:-1]:
        body = [ln for ln in page.lines if top_pt - 1 <= ln.y_min and ln.y_max <= page.height - bottom_pt + 1]
        bottom = max((ln.y_max for ln in body), default=top_pt)
        area = page.height - bottom_pt - top_pt
        fractions.append(max(0.0, (page.height - bottom_pt - bottom) / area))
    return fractions


@dataclass(frozen=True)
class GlyphRun:
    page: int
    font: str  # the BaseFont without its subset tag
    text: str


def glyph_runs(path: Path) -> list[GlyphRun]:
    """Every run of text the content streams show, with the font that draws it (pypdf)."""
    import pypdf

    runs: list[GlyphRun] = []
    reader = pypdf.PdfReader(path)
    for number, page in enumerate(reader.pages, 1):

        def visit(text: str, _cm: object, _tm: object, font: object, _size: object, number: int = number) -> None:
            if text and isinstance(font, dict):
                runs.append(GlyphRun(number, str(font.get("/BaseFont", "")).split("+")[-1], text))

        page.extract_text(visitor_text=visit)
    return runs


def run_widths(path: Path, text: str) -> list[float]:
    """The advance of ``text``, shown by one run or by consecutive runs on one line and followed by
    another run on that line, in ems of its font size (from the text matrices pypdf reports)."""
    import pypdf

    widths: list[float] = []
    reader = pypdf.PdfReader(path)
    for page in reader.pages:
        chunks: list[tuple[str, float, float, float]] = []

        def visit(t: str, _cm: object, tm: list[float], _font: object, size: float, chunks: list[tuple[str, float, float, float]] = chunks) -> None:
            if t.strip():
                chunks.append((t, tm[4], tm[5], size))

        page.extract_text(visitor_text=visit)
        for i, (_t, x, y, size) in enumerate(chunks):
            joined = ""
            for j in range(i, len(chunks) - 1):
                joined += chunks[j][0]
                if not text.startswith(joined) or abs(chunks[j][2] - y) > 0.5:
                    break
                if joined == text:
                    x2, y2 = chunks[j + 1][1], chunks[j + 1][2]
                    if abs(y2 - y) < 0.5 and x2 > x:
                        widths.append((x2 - x) / size)
                    break
    return widths
