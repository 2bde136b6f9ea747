"""Typography shared by every writer: fonts per script, sizes, colours, spacing.

HTML and PDF get these through the stylesheet templates (``templates/css/*.css``, rendered
with these values); the DOCX writer reads them directly. Change the look here, once.

Font stacks are per language: English never falls back on a CJK font's Latin glyphs (a
CJK font draws "quotes" full-width), and Chinese always names a CJK font first.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
class Typography:
    # fonts (Debian: fonts-noto-core, fonts-noto-cjk)
    latin_serif: FontStack = FontStack(("Noto Serif",), "serif")
    latin_sans: FontStack = FontStack(("Noto Sans",), "sans-serif")
    cjk_serif: FontStack = FontStack(("Noto Serif CJK SC",), "serif")
    cjk_sans: FontStack = FontStack(("Noto Sans CJK SC",), "sans-serif")
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
    extra: dict[str, str] = field(default_factory=dict)

    def body_stack(self, lang: str) -> FontStack:
        return self.cjk_serif if lang.startswith("zh") else self.latin_serif

    def heading_stack(self, lang: str) -> FontStack:
        # Chinese headings are set in the bold of the body's CJK family, not in a CJK sans:
        # every CJK face in a PDF carries ~130 KB of CID tables however few glyphs it uses,
        # so one CJK family (regular + bold) keeps the bilingual PDF under 500 KB.
        return self.cjk_serif if lang.startswith("zh") else self.latin_sans


TYPOGRAPHY = Typography()
