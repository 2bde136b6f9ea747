"""Small WordprocessingML helpers shared by the DOCX writer's modules, and the languages of a document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

from colloquy.house import Script

if TYPE_CHECKING:
    from colloquy.writers.edition import EditionDoc

#: the East Asian language (and script) of a document with no CJK column, for any CJK character in it
FALLBACK_EAST_ASIA = ("zh-CN", Script.SIMPLIFIED)

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
TWIPS_PER_PT = 20


def w(tag: str, text: str | None = None, **attrs: str) -> Any:
    """A ``w:`` element with ``w:`` attributes (``w("lang", val="zh-CN")``)."""
    el = OxmlElement(f"w:{tag}", attrs={qn(f"w:{k}"): v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def twips(pt: float) -> str:
    return str(round(pt * TWIPS_PER_PT))


def insert_in_order(parent: Any, child: Any, order: tuple[str, ...]) -> Any:
    """Put ``child`` into ``parent`` where the schema's sequence ``order`` (``"w:spacing"``, …)
    wants it, replacing an element of the same tag; returns ``child``."""
    tag = child.tag
    for old in parent.findall(tag):
        parent.remove(old)
    tags = [qn(t) for t in order]
    position = tags.index(tag) if tag in tags else len(tags)
    later = set(tags[position + 1 :])
    for i, existing in enumerate(parent):
        if existing.tag in later:
            parent.insert(i, child)
            return child
    parent.append(child)
    return child


#: the sequence of ``w:pPr``'s children (ECMA-376 CT_PPr)
PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
    "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
    "w:sectPr", "w:pPrChange",
)


def autospace_off(ppr: Any) -> None:
    """No automatic space between CJK and Latin letters or digits (``w:autoSpaceDE``/``DN`` 0):
    the house style prints none. Set on every paragraph and paragraph style, not only the document
    defaults, which LibreOffice does not read for this."""
    for tag in ("autoSpaceDE", "autoSpaceDN"):
        insert_in_order(ppr, w(tag, val="0"), PPR_ORDER)


@dataclass(frozen=True)
class Languages:
    """The languages of one document, as Word is told them: the document's (``w:lang w:val``),
    the East Asian one (``w:eastAsia``: the CJK column's, or the project's default CJK language),
    and the script whose CJK fonts the styles name."""

    lang: str  # en-US, zh-CN
    east_asia: str  # zh-CN, zh-TW
    cjk_script: Script  # Hans, Hant
    script: Script  # the document's own script (line heights)
    hyphenate: bool = False  # a column's house style hyphenates (English)
    columns: int = 1  # two for a bilingual edition (its titles are set smaller, as in print)

    @classmethod
    def of(cls, doc: EditionDoc) -> Languages:
        cjk = next((ui.locale for ui in doc.uis if ui.locale.script.cjk), None)
        east_asia, cjk_script = (cjk.word_lang, cjk.script) if cjk is not None else FALLBACK_EAST_ASIA
        hyphenate = any(ui.locale.house.justify for ui in doc.uis)
        return cls(doc.locale.word_lang, east_asia, cjk_script, doc.locale.script, hyphenate, len(doc.uis))
