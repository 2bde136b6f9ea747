"""Word numbering for the two list styles: one abstract numbering each, one ``w:num`` per list."""

from __future__ import annotations

from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.styles.style import BaseStyle

from colloquy.house import Script
from colloquy.typography import TYPOGRAPHY
from colloquy.writers.docx.styles import LIST_BULLET, LIST_NUMBER, list_indent
from colloquy.writers.docx.xml import twips, w

_BULLETS = ("•", "◦", "▪")
_NUMBER_FORMATS = ("decimal", "lowerLetter", "lowerRoman")
LIST_LEVELS = 9


def _abstract_num(abstract_id: int, ordered: bool, style_id: str) -> Any:
    t = TYPOGRAPHY
    an = w("abstractNum", abstractNumId=str(abstract_id))
    an.append(w("nsid", val=f"{0xC0110000 + abstract_id:08X}"))
    an.append(w("multiLevelType", val="hybridMultilevel"))
    for level in range(LIST_LEVELS):
        lvl = w("lvl", ilvl=str(level))
        lvl.append(w("start", val="1"))
        if ordered:
            lvl.append(w("numFmt", val=_NUMBER_FORMATS[level % len(_NUMBER_FORMATS)]))
        else:
            lvl.append(w("numFmt", val="bullet"))
        if level == 0:
            lvl.append(w("pStyle", val=style_id))
        lvl.append(w("lvlText", val=f"%{level + 1}." if ordered else _BULLETS[level % len(_BULLETS)]))
        lvl.append(w("lvlJc", val="left"))
        ppr = w("pPr")
        ppr.append(w("ind", left=twips(list_indent(level)), hanging=twips(2 * t.body_pt)))
        lvl.append(ppr)
        rpr = w("rPr")
        # the marker in the Latin font even where Word treats "•" as East Asian
        latin = t.word_fonts[Script.LATIN].body.primary
        rpr.append(w("rFonts", ascii=latin, hAnsi=latin, eastAsia=latin, cs=latin, hint="default"))
        lvl.append(rpr)
        an.append(lvl)
    return an


class Numbering:
    """Abstract numbering for the two list styles, and one ``w:num`` per list (restarting it)."""

    def __init__(self, document: DocxDocument, style_ids: dict[str, str]) -> None:
        self.numbering = document.part.numbering_part.element
        abstract_ids = [int(x) for x in self.numbering.xpath("./w:abstractNum/@w:abstractNumId")]
        next_abstract = max(abstract_ids, default=-1) + 1
        self.abstract = {True: next_abstract, False: next_abstract + 1}
        last_abstract = self.numbering.findall(qn("w:abstractNum"))
        anchor = last_abstract[-1] if last_abstract else None
        for ordered, abstract_id in self.abstract.items():
            style_id = style_ids[LIST_NUMBER if ordered else LIST_BULLET]
            el = _abstract_num(abstract_id, ordered, style_id)
            if anchor is not None:
                anchor.addnext(el)
            else:
                self.numbering.insert(0, el)
            anchor = el
        #: the style-linked nums (no override): what a user gets applying the style in Word
        self.style_nums = {ordered: self._num(ordered, None, 0) for ordered in (True, False)}

    def _num(self, ordered: bool, start: int | None, level: int) -> int:
        num = self.numbering.add_num(self.abstract[ordered])
        if start is not None:
            num.add_lvlOverride(ilvl=level).add_startOverride(start)
        return int(num.numId)

    def new_list(self, ordered: bool, start: int, level: int) -> int:
        """A fresh ``numId`` for one list: numbering restarts at ``start``."""
        return self._num(ordered, start, level)


def link_list_styles(styles: dict[str, BaseStyle], numbering: Numbering) -> None:
    """The list styles carry their numbering (``w:numPr`` in the style)."""
    for name, ordered in ((LIST_NUMBER, True), (LIST_BULLET, False)):
        ppr = styles[name].element.get_or_add_pPr()
        numpr = ppr.get_or_add_numPr()
        numpr.get_or_add_numId().val = numbering.style_nums[ordered]

