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


@dataclass(frozen=True)
class Languages:
    """The languages of one document, as Word is told them: the document's (``w:lang w:val``),
    the East Asian one (``w:eastAsia``: the CJK column's, or the project's default CJK language),
    and the script whose CJK fonts the styles name."""

    lang: str  # en-US, zh-CN
    east_asia: str  # zh-CN, zh-TW
    cjk_script: Script  # Hans, Hant
    script: Script  # the document's own script (line heights)

    @classmethod
    def of(cls, doc: EditionDoc) -> Languages:
        cjk = next((ui.locale for ui in doc.uis if ui.locale.script.cjk), None)
        east_asia, cjk_script = (cjk.word_lang, cjk.script) if cjk is not None else FALLBACK_EAST_ASIA
        return cls(doc.locale.word_lang, east_asia, cjk_script, doc.locale.script)
