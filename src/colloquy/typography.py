"""Typography shared by every writer: fonts per script, sizes, colours, spacing.

HTML and PDF get these through the stylesheet templates (``templates/css/*.css``, rendered
with these values); the DOCX writer reads them directly. Change the look here, once.

Font stacks are per script: English never falls back on a CJK font's Latin glyphs (a CJK
font draws "quotes" full-width), and Chinese always names a CJK font first, the one of its
own script (Simplified or Traditional glyph forms).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from colloquy.house import Script


@dataclass(frozen=True)
class FontStack:
    families: tuple[str, ...]
    generic: str

    @property
    def css(self) -> str:
        return ", ".join(f'"{f}"' for f in self.families) + f", {self.generic}"

    @property
    def primary(self) -> str:
        return self.families[0]


@dataclass(frozen=True)
class ScriptFonts:
    """The fonts of one script: body text, and display text (headings, labels, running heads)."""

    body: FontStack
    heading: FontStack


def _default_fonts() -> dict[Script, ScriptFonts]:
    # Chinese headings are set in the bold of the body's CJK family, not in a CJK sans:
    # every CJK face in a PDF carries ~130 KB of CID tables however few glyphs it uses,
    # so one CJK family (regular + bold) keeps the bilingual PDF under 500 KB.
    return {
        Script.LATIN: ScriptFonts(FontStack(("Noto Serif",), "serif"), FontStack(("Noto Sans",), "sans-serif")),
        Script.SIMPLIFIED: ScriptFonts(FontStack(("Noto Serif CJK SC",), "serif"), FontStack(("Noto Serif CJK SC",), "serif")),
        Script.TRADITIONAL: ScriptFonts(FontStack(("Noto Serif CJK TC",), "serif"), FontStack(("Noto Serif CJK TC",), "serif")),
    }


def _default_cjk_sans() -> dict[Script, FontStack]:
    return {
        Script.SIMPLIFIED: FontStack(("Noto Sans CJK SC",), "sans-serif"),
        Script.TRADITIONAL: FontStack(("Noto Sans CJK TC",), "sans-serif"),
    }


def _default_word_fonts() -> dict[Script, ScriptFonts]:
    # DOCX: fonts installed with Word on Windows and macOS (Office for Mac ships SimSun, Microsoft
    # YaHei, PMingLiU and Microsoft JhengHei too); the PDFs keep the Noto fonts they embed
    return {
        Script.LATIN: ScriptFonts(FontStack(("Times New Roman",), "serif"), FontStack(("Arial",), "sans-serif")),
        Script.SIMPLIFIED: ScriptFonts(FontStack(("SimSun",), "serif"), FontStack(("Microsoft YaHei",), "sans-serif")),
        Script.TRADITIONAL: ScriptFonts(FontStack(("PMingLiU",), "serif"), FontStack(("Microsoft JhengHei",), "sans-serif")),
    }


@dataclass(frozen=True)
class Typography:
    # fonts (Debian: fonts-noto-core, fonts-noto-cjk), by script
    fonts: dict[Script, ScriptFonts] = field(default_factory=_default_fonts)
    #: the CJK sans-serif of each CJK script (DOCX display styles)
    cjk_sans: dict[Script, FontStack] = field(default_factory=_default_cjk_sans)
    #: the fonts the DOCX names, by script: body (Latin serif, CJK Song/Ming) and display (sans,
    #: CJK Hei) faces Word users have; change them here (the house's look in Word)
    word_fonts: dict[Script, ScriptFonts] = field(default_factory=_default_word_fonts)
    # sizes in points (print, DOCX); HTML scales from the body size
    body_pt: float = 10.5
    small_pt: float = 8.5
    title_pt: float = 20.0
    bilingual_title_scale: float = 0.8  # the titles of a bilingual edition, in half the width
    subtitle_pt: float = 12.5
    heading_pt: float = 13.0
    label_pt: float = 10.5
    line_height: float = 1.55
    cjk_line_height: float = 1.75
    paragraph_space_pt: float = 6.0
    # colours (hex, no '#')
    ink: str = "1F2328"
    muted: str = "5B6270"
    accent: str = "9B1B30"  # Oncology Frontier red
    rule: str = "D0D4DA"
    highlight: str = "FFF4CC"  # units not yet translated
    # line breaking (print, DOCX): hyphenate words of at least 8 letters, leaving 3 on each side,
    # and not when the line is already this full (a percentage of the line left empty)
    hyphenate_min_word: int = 8
    hyphenate_min_before: int = 3
    hyphenate_min_after: int = 3
    hyphenate_zone_pct: float = 6.0
    hyphenate_zone_ragged_pct: float = 14.0
    #: at most this many consecutive lines ending with a hyphen (DOCX: w:consecutiveHyphenLimit)
    max_hyphen_ladder: int = 2
    #: a bilingual row whose widest cell is at most this many Latin letters long (a CJK character
    #: is two; about eight lines of a column) is kept on one page; a longer one may split
    keep_row_chars: int = 360
    # page (PDF, DOCX)
    page_size: str = "A4"
    margin_mm: tuple[float, float, float, float] = (22, 20, 22, 20)  # top, right, bottom, left

    @property
    def latin(self) -> ScriptFonts:
        return self.fonts[Script.LATIN]

    def body_stack(self, script: Script) -> FontStack:
        return self.fonts[script].body

    def heading_stack(self, script: Script) -> FontStack:
        return self.fonts[script].heading

    def line_height_of(self, script: Script) -> float:
        return self.cjk_line_height if script.cjk else self.line_height

    def families(self) -> tuple[str, ...]:
        """Every font family the editions may use (the fonts the build depends on)."""
        seen: dict[str, None] = {}
        for fonts in self.fonts.values():
            for stack in (fonts.body, fonts.heading):
                seen.update(dict.fromkeys(stack.families))
        for stack in self.cjk_sans.values():
            seen.update(dict.fromkeys(stack.families))
        return tuple(seen)


TYPOGRAPHY = Typography()


def label_gap(label: str) -> str:
    """What separates a run-in label from the text after it: a space after a half-width
    character ("Prof. Ma Jun: …", "Tags: …"), nothing after a full-width one ("马军教授：…",
    whose colon carries its own space)."""
    if not label:
        return ""
    return "" if unicodedata.east_asian_width(label[-1]) in ("W", "F") else " "


def run_in(label: str) -> str:
    """A label run into the text after it, with its script's colon and gap: "Watch the video: ",
    "观看视频：" (a label that ends with its own colon keeps it)."""
    if not label:
        return ""
    if label[-1] in ":：":
        return label + label_gap(label)
    wide = unicodedata.east_asian_width(label[-1]) in ("W", "F")
    return label + ("：" if wide else ": ")


# ================================================================ line breaking and CJK marks
#
# What a writer must not break, and which CJK marks it compresses, found in a text (never by
# putting U+2011 or a no-break space into it): the HTML/PDF writers wrap these pieces in spans
# (``nobreak``, ``latin``, ``halt``; their CSS in templates/css/print.css), the DOCX writer turns
# a hyphen inside a kept piece into ``w:noBreakHyphen``.

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DASH = "–—~～-"
#: pieces never broken across lines, as regular expressions (tried together, longest first)
_KEEP = (
    # dates: "September 10–14, 2025", "September 28–October 2, 2025", "July 2025", "September 9, 2025"
    rf"(?:{_MONTHS})\s\d{{1,2}}(?:[{_DASH}](?:(?:{_MONTHS})\s)?\d{{1,2}})?,\s\d{{4}}",
    rf"(?:{_MONTHS})(?:[{_DASH}](?:{_MONTHS}))?\s\d{{4}}",
    # "2025年9月10日—14日", "2025年9月28日—10月2日", "2025年7月", "9月10日至14日"
    rf"(?:\d{{4}}年)?\d{{1,2}}月(?:\d{{1,2}}[日号])?(?:(?:[{_DASH}]|至)(?:\d{{4}}年)?(?:\d{{1,2}}月)?(?:\d{{1,2}}[日号])?)?",
    # numeric ranges and figures with a sign: "10–12", "17%～24%", "3.5-4.0"
    rf"\d[\d.,]*[%％]?\s?[{_DASH}]\s?\d[\d.,]*[%％]?",
    # hyphenated terms and names with an apostrophe: CAR-T, TCR-T, anti-angiogenic, O’Connor
    r"[A-Za-z0-9]+(?:[-’'][A-Za-z0-9]+)+",
    # an honorific and the word after it: "Prof. Ma", "Dr. O’Connor"
    r"\b(?:Prof|Dr|Mr|Mrs|Ms|Mx|Assoc)\.\s[A-Z][A-Za-z’'-]*",
)
_KEEP_RE = re.compile("|".join(f"(?:{k})" for k in _KEEP))
#: Latin words with punctuation inside (O’Connor, CAR-T, e.g.) in Chinese text: in the Latin font
_LATIN_WORD = re.compile(r"[A-Za-z0-9]+(?:[’'.\-][A-Za-z0-9]+)+")
_CJK_CHAR = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
#: CJK marks whose glyph fills one half of the em; the blank half faces the text after a closing
#: mark (and after 。，、：；！？), before an opening one
CJK_CLOSING = "）」』》〉】〕〗”’。，、：；！？"
CJK_OPENING = "（「『《〈【〔〖“‘"
_CJK_MARKS = CJK_CLOSING + CJK_OPENING


@dataclass(frozen=True)
class Piece:
    """A stretch of text and how it is set: ``keep`` (no line break inside), ``latin`` (in the
    Latin font, inside Chinese text), ``halt`` (a CJK mark set in half its width)."""

    text: str
    keep: bool = False
    latin: bool = False
    halt: bool = False


def halt_positions(text: str) -> set[int]:
    """Where two CJK marks meet, the one whose blank half faces the other is compressed (OpenType
    ``halt``: the fonts here have it, not ``chws``): the first when it is a closing mark or one of
    。，、：；！？ (》：, ”。, 】（), otherwise the second (（《)."""
    out: set[int] = set()
    for i in range(len(text) - 1):
        a, b = text[i], text[i + 1]
        if a in _CJK_MARKS and b in _CJK_MARKS and i not in out:
            out.add(i if a in CJK_CLOSING else i + 1)
    return out


def pieces(text: str) -> list[Piece]:
    """``text`` cut into the pieces a writer sets differently; plain text is one piece."""
    chinese = _CJK_CHAR.search(text) is not None
    n = len(text)
    keep = [False] * n
    latin = [False] * n
    for m in _KEEP_RE.finditer(text):
        for i in range(m.start(), m.end()):
            keep[i] = True
    if chinese:
        for m in _LATIN_WORD.finditer(text):
            for i in range(m.start(), m.end()):
                latin[i] = keep[i] = True
    halts = halt_positions(text) if chinese else set()
    out: list[Piece] = []
    start = 0
    for i in range(1, n + 1):
        if i == n or (keep[i], latin[i], i in halts) != (keep[start], latin[start], start in halts) or i - 1 in halts:
            out.append(Piece(text[start:i], keep[start], latin[start], start in halts))
            start = i
    return out
