"""Runs: inline markup → ``w:r`` elements, one character style each, language tags, hyperlinks, fields."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from colloquy.markup import Span, link_problem, parse_inline
from colloquy.writers.docx.styles import CHAR_PRIORITY, CODE, DIRECT_EQUIVALENT, HYPERLINK, SPAN_STYLE
from colloquy.writers.docx.xml import XML_SPACE, w


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

    def rpr(self, fmt: Fmt) -> Any | None:
        applying = [s for s in CHAR_PRIORITY if s in fmt.styles]
        if not applying and fmt.lang is None:
            return None
        rpr = w("rPr")
        if applying:
            rpr.append(w("rStyle", val=self.ids[applying[0]]))
            direct = dict(DIRECT_EQUIVALENT[s] for s in applying[1:] if s in DIRECT_EQUIVALENT)
            for tag in ("b", "i"):
                if tag in direct:
                    rpr.append(w(tag))
            if "vertAlign" in direct:
                rpr.append(w("vertAlign", val=str(direct["vertAlign"])))
        if fmt.lang is not None:
            rpr.append(w("lang", val=fmt.lang, eastAsia=self.east_asia))
        return rpr

    def run(self, text: str, fmt: Fmt) -> Any:
        """One run of ``text``; line feeds become ``w:br``, tabs ``w:tab``."""
        r = w("r")
        rpr = self.rpr(fmt)
        if rpr is not None:
            r.append(rpr)
        for i, line in enumerate(text.split("\n")):
            if i:
                r.append(w("br"))
            for j, chunk in enumerate(line.split("\t")):
                if j:
                    r.append(w("tab"))
                if chunk:
                    t = w("t", chunk)
                    if chunk != chunk.strip() or "  " in chunk:
                        t.set(XML_SPACE, "preserve")
                    r.append(t)
        return r

    def spans(self, parent: Any, spans: Iterable[Span], fmt: Fmt) -> None:
        """Append the runs of inline spans to ``parent`` (a ``w:p`` or ``w:hyperlink``)."""
        for span in spans:
            if span.kind == "text" or span.kind == "html":
                if span.text:
                    parent.append(self.run(span.text, fmt))
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

