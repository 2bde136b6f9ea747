"""Runs: inline markup → ``w:r`` elements, one character style each, language tags, hyperlinks, fields."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from colloquy.markup import Span, link_problem, parse_inline
from colloquy.typography import pieces
from colloquy.writers.docx.styles import CHAR_PRIORITY, CODE, DIRECT_EQUIVALENT, HYPERLINK, SPAN_STYLE
from colloquy.writers.docx.xml import XML_SPACE, w

_QUOTES = frozenset("“”‘’")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


@dataclass(frozen=True)
class Fmt:
    """How the runs of a text are made: character styles in force and the language tag (None: the document's)."""

    lang: str | None = None
    styles: tuple[str, ...] = ()

    def adding(self, style: str) -> Fmt:
        return replace(self, styles=(*self.styles, style))


class Runs:
    """Makes ``w:r`` elements: one character style each, language tags, hyperlinks."""

    def __init__(self, document: DocxDocument, style_ids: dict[str, str], east_asia: str) -> None:
        self.part = document.part
        self.ids = style_ids
        self.east_asia = east_asia

    def rpr(self, fmt: Fmt, hint: str | None = None) -> Any | None:
        applying = [s for s in CHAR_PRIORITY if s in fmt.styles]
        if not applying and fmt.lang is None and hint is None:
            return None
        rpr = w("rPr")
        if applying:
            rpr.append(w("rStyle", val=self.ids[applying[0]]))
        if hint is not None:
            rpr.append(w("rFonts", hint=hint))
        if applying:
            direct = dict(DIRECT_EQUIVALENT[s] for s in applying[1:] if s in DIRECT_EQUIVALENT)
            for tag in ("b", "i"):
                if tag in direct:
                    rpr.append(w(tag))
            if "vertAlign" in direct:
                rpr.append(w("vertAlign", val=str(direct["vertAlign"])))
        if fmt.lang is not None:
            rpr.append(w("lang", val=fmt.lang, eastAsia=self.east_asia))
        return rpr

    def run(self, text: str, fmt: Fmt, hint: str | None = None) -> Any:
        """One run of ``text``; line feeds become ``w:br``, tabs ``w:tab``, NUL a ``w:noBreakHyphen``."""
        r = w("r")
        rpr = self.rpr(fmt, hint)
        if rpr is not None:
            r.append(rpr)
        for i, line in enumerate(text.split("\n")):
            if i:
                r.append(w("br"))
            for j, tabbed in enumerate(line.split("\t")):
                if j:
                    r.append(w("tab"))
                for k, chunk in enumerate(tabbed.split("\x00")):
                    if k:
                        r.append(w("noBreakHyphen"))
                    if chunk:
                        t = w("t", chunk)
                        if chunk != chunk.strip() or "  " in chunk:
                            t.set(XML_SPACE, "preserve")
                        r.append(t)
        return r

    def text(self, parent: Any, text: str, fmt: Fmt) -> None:
        """The runs of a text as the house sets it (:func:`colloquy.typography.pieces`): a hyphen
        that must not break (CAR-T, 10-12) is a ``w:noBreakHyphen``; quotation marks carry a font
        hint, East Asian in Chinese text (full-width “”), default in Latin text and in a Latin word
        of Chinese text (O’Connor), which Word would otherwise set in the East Asian font."""
        chinese = _CJK.search(text) is not None
        tokens: list[tuple[str | None, str]] = []  # (hint, text); "\x00" stands for a no-break hyphen
        for piece in pieces(text):
            for ch in piece.text:
                hint = None
                if ch in _QUOTES:
                    hint = "eastAsia" if chinese and not piece.latin else "default"
                tokens.append((hint, "\x00" if ch == "-" and piece.keep else ch))
        start = 0
        for i in range(1, len(tokens) + 1):
            if i == len(tokens) or tokens[i][0] != tokens[start][0]:
                chunk = "".join(t for _, t in tokens[start:i])
                parent.append(self.run(chunk, fmt, tokens[start][0]))
                start = i

    def spans(self, parent: Any, spans: Iterable[Span], fmt: Fmt) -> None:
        """Append the runs of inline spans to ``parent`` (a ``w:p`` or ``w:hyperlink``)."""
        for span in spans:
            if span.kind == "text" or span.kind == "html":
                if span.text:
                    self.text(parent, span.text, fmt)
            elif span.kind == "br":
                parent.append(self.run("\n", fmt))
            elif span.kind == "code":
                parent.append(self.run(span.text, fmt.adding(CODE)))
            elif span.kind == "image":  # not allowed in texts (the reader reports it); keep its alt text
                parent.append(self.run(span.text, fmt))
            elif span.kind == "link":
                self.link(parent, span, fmt)
            else:
                self.spans(parent, span.children, fmt.adding(SPAN_STYLE[span.kind]) if span.kind in SPAN_STYLE else fmt)

    def link(self, parent: Any, span: Span, fmt: Fmt) -> None:
        """A real hyperlink (external relationship) for http, https and mailto; other targets stay plain text."""
        if link_problem(span.href) is not None or parent.tag == qn("w:hyperlink"):
            self.spans(parent, span.children, fmt)
            return
        rid = self.part.relate_to(span.href, RT.HYPERLINK, is_external=True)
        link = w("hyperlink", history="1")
        link.set(qn("r:id"), rid)
        self.spans(link, span.children, fmt.adding(HYPERLINK))
        parent.append(link)

    def markup(self, parent: Any, source: str, fmt: Fmt) -> None:
        self.spans(parent, parse_inline(source), fmt)

    def field(self, parent: Any, instr: str, fmt: Fmt) -> None:
        """A complex field (``PAGE``, ``NUMPAGES``): begin, instruction, separate, placeholder result, end."""
        for kind in ("begin", "instr", "separate", "result", "end"):
            r = w("r")
            rpr = self.rpr(fmt)
            if rpr is not None:
                r.append(rpr)
            if kind == "instr":
                it = w("instrText", f" {instr} ")
                it.set(XML_SPACE, "preserve")
                r.append(it)
            elif kind == "result":
                r.append(w("t", "1"))
            else:
                r.append(w("fldChar", fldCharType=kind))
            parent.append(r)

