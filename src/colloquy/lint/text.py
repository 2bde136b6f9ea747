"""Word artefacts and text rules, at their line and column: every line of the file for the
characters, every text (paragraph, heading, list item, front-matter value) for the rules of its
language."""

from __future__ import annotations

import re
from collections.abc import Iterator

from colloquy.diagnostics import Report
from colloquy.lint import Source
from colloquy.model import Text
from colloquy.textrules import artefacts, chinese_typography, english_spacing, english_typography, has_han, mask, unbalanced_at, urls

_HINTS = {
    "invisible": "delete it: it came with text pasted from Word or a web page ('colloquy fix --write' removes it)",
    "nbsp": "write a plain space ('colloquy fix --write' does)",
    "fullwidth": "write them half-width ('colloquy fix --write' does): 2025, CSCO",
}
#: what is not prose in a line of Markdown: a turn's label, link targets, autolinks, inline code
_NOT_PROSE = re.compile(r"^\s*@[^\s:：]*\s*[:：]|\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)|<[a-z]+:[^>\s]*>|`[^`]*`|\{-\}\s*$|\{\.unnumbered\}\s*$")
#: Chinese typography rules the lint reports on sources (the others are the translation checks')
_CHINESE_RULES = {"halfwidth": "punctuation", "halfwidth-spaced": "punctuation", "cjk-latin-space": "cjk-spacing"}


def text_findings(source: Source, report: Report) -> None:
    for number, line in enumerate(source.lines, 1):
        seen: set[str] = set()
        for a in artefacts(line):
            if a.kind in seen:
                continue
            seen.add(a.kind)
            count = sum(1 for b in artefacts(line) if b.kind == a.kind)
            more = f" (and {count - 1} more on this line)" if count > 1 else ""
            report.warning(source.path, number, a.start + 1, f"{a.what} in the text{more}", _HINTS[a.kind], code=a.kind)
    for at, col, text in _texts(source):
        _rules(source, report, at, col, text)


def _texts(source: Source) -> Iterator[tuple[int, int, str]]:
    """(line, column, text) of each line of prose: body texts line by line, front-matter values."""
    lines = source.lines
    for tok in source.tokens:
        if tok.type != "inline" or not tok.map:
            continue
        for i, content in enumerate(tok.content.split("\n")):
            number = tok.map[0] + i + 1
            raw = lines[number - 1] if number <= len(lines) else ""
            at = raw.find(content.strip()) if content.strip() else -1
            if at >= 0:
                yield number, at + 1, content.strip()
    meta = source.meta
    if meta is None:
        return
    texts: list[Text | None] = [meta.title, meta.short_title, meta.subtitle, meta.outlet, meta.column, *meta.tags]
    if meta.event is not None:
        texts += [meta.event.name, meta.event.short_name, meta.event.city, meta.event.theme]
    for sp in source.speakers.values():
        texts += [sp.name, sp.honorific, sp.affiliation]
    for text in texts:
        if text is None or not 0 < text.line <= len(lines):
            continue
        raw = lines[text.line - 1]
        at = raw.find(text.source)
        if at >= 0:
            yield text.line, at + 1, text.source


def _prose(text: str) -> str:
    """The text with what is not prose masked (offsets kept)."""
    spans = [m.span() for m in _NOT_PROSE.finditer(text)] + [(a, b) for a, b, _ in urls(text)]
    return mask(text, spans, "\x00")


def _rules(source: Source, report: Report, line: int, col: int, text: str) -> None:
    work = _prose(text)
    where = unbalanced_at(work.replace("\x00", " "))
    if where is not None and not re.search(r"^\s*\d+\)|\s[a-z]\)", work):  # "1)", "a)": list numbering
        offset, why = where
        report.warning(source.path, line, col + offset, f"unbalanced quotes or brackets: {why}", "close it, or remove the stray one (text pasted from Word often loses one)", code="quotes")
    if source.chinese:
        if not has_han(work):
            return
        seen: set[str] = set()
        for p in chinese_typography(work):
            code = _CHINESE_RULES.get(p.rule)
            if code is None or code in seen:
                continue
            seen.add(code)
            hint = p.hint + (" ('colloquy fix --write' does)" if code == "punctuation" else "")
            report.warning(source.path, line, col + p.start, p.message, hint, code=code)
        return
    if has_han(work):  # an English text quoting Chinese: its punctuation is the quote's
        return
    for p in english_spacing(work)[:1]:
        report.warning(source.path, line, col + p.start, p.message, p.hint, code="spacing")
    for p in english_typography(work):
        if p.rule == "fullwidth-punctuation":
            report.warning(source.path, line, col + p.start, p.message, p.hint, code="punctuation")
