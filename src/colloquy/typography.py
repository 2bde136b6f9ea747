"""Typography shared by every writer: fonts per script, sizes, colours, spacing.

HTML and PDF get these through the stylesheet templates (``templates/css/*.css``, rendered
with these values); the DOCX writer reads them directly. Change the look here, once.

Font stacks are per script: English never falls back on a CJK font's Latin glyphs (a CJK
font draws "quotes" full-width), and Chinese always names a CJK font first, the one of its
own script (Simplified or Traditional glyph forms).
"""

from __future__ import annotations

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


@dataclass(frozen=True)
class Typography:
    # fonts (Debian: fonts-noto-core, fonts-noto-cjk), by script
    fonts: dict[Script, ScriptFonts] = field(default_factory=_default_fonts)
    #: the CJK sans-serif of each CJK script (DOCX display styles)
    cjk_sans: dict[Script, FontStack] = field(default_factory=_default_cjk_sans)
    # sizes in points (print, DOCX); HTML scales from the body size
    body_pt: float = 10.5
    small_pt: float = 8.5
    title_pt: float = 20.0
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
