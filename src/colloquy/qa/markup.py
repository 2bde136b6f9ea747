"""[markup] The translation keeps the source's inline markup, links and URLs.

Emphasis, strong, superscript, subscript and code spans are counted by kind; links are
compared by target. Raw HTML and links the source format refuses are errors too.
"""

from __future__ import annotations

import re
from collections import Counter

from colloquy.markup import inline_problems, parse_inline, walk
from colloquy.qa.base import Finding, Pair

_KINDS = ("em", "strong", "sup", "sub", "code", "link", "br")
_BRACE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}|%\(([A-Za-z_][A-Za-z0-9_]*)\)[sd]")


def check(source: str, target: str) -> list[Finding]:
    findings: list[Finding] = []
    src = walk(parse_inline(source))
    tgt = walk(parse_inline(target))
    sc = Counter(s.kind for s in src if s.kind in _KINDS)
    tc = Counter(s.kind for s in tgt if s.kind in _KINDS)
    names = {
        "em": "emphasis (*…*)",
        "strong": "strong (**…**)",
        "sup": "superscript (^…^)",
        "sub": "subscript (~…~)",
        "code": "code (`…`)",
        "link": "links",
        "br": "line breaks",
    }
    stray = any("*" in s.text or "^" in s.text or "~" in s.text for s in tgt if s.kind == "text")
    for kind in _KINDS:
        if kind != "link" and sc[kind] != tc[kind]:
            hint = "keep the same markup around the translated words"
            if kind == "sub" and tc[kind] > sc[kind]:
                hint = "two ASCII '~' make a subscript: write ranges with the full-width ～ (17%～24%)"
            elif stray and tc[kind] < sc[kind]:
                # CommonMark does not close ** that follows punctuation and precedes a letter
                hint = "a marker stays literal when punctuation is inside it next to Chinese text: write **细胞治疗**： not **细胞治疗：**"
            findings.append(Finding("markup", f"{names[kind]}: {sc[kind]} in the source, {tc[kind]} in the translation", hint))
    src_links = sorted(s.href for s in src if s.kind == "link")
    tgt_links = sorted(s.href for s in tgt if s.kind == "link")
    if src_links != tgt_links:
        lost = sorted(set(src_links) - set(tgt_links))
        added = sorted(set(tgt_links) - set(src_links))
        if lost or added:
            parts = []
            if lost:
                parts.append("missing " + ", ".join(lost))
            if added:
                parts.append("not in the source " + ", ".join(added))
            findings.append(
                Finding("markup", "links differ from the source: " + "; ".join(parts), "keep each [text](URL) with the source's URL")
            )
        else:
            findings.append(
                Finding("markup", f"{len(src_links)} link(s) in the source, {len(tgt_links)} in the translation", "keep each link once")
            )
    for message, hint in inline_problems(target, translation=True):
        findings.append(Finding("markup", message, hint))
    return findings


def check_placeholders(source: str, target: str) -> list[Finding]:
    """Interface strings: the same ``{name}`` placeholders."""
    src = sorted({a or b for a, b in _BRACE.findall(source)})
    tgt = sorted({a or b for a, b in _BRACE.findall(target)})
    if src != tgt:
        return [
            Finding(
                "markup",
                f"placeholders {{{'}, {'.join(src)}}} in the source but {{{'}, {'.join(tgt)}}} in the translation"
                if tgt
                else f"placeholders {{{'}, {'.join(src)}}} are missing from the translation",
                "keep every {name} exactly as in the source",
            )
        ]
    return []


_TAG = re.compile(r"<[A-Za-z/!]")


class MarkupCheck:
    code = "markup"
    description = "the same emphasis, links and URLs as the source; nothing the editions refuse"
    domains: tuple[str, ...] = ("article",)

    def check(self, pair: Pair) -> list[Finding]:
        return check(pair.source, pair.target)


class PlaceholdersCheck:
    code = "markup"
    description = "interface strings: the source's placeholders, and no raw HTML"
    domains: tuple[str, ...] = ("ui",)

    def check(self, pair: Pair) -> list[Finding]:
        found = check_placeholders(pair.source, pair.target)
        if _TAG.search(pair.target):
            found.append(Finding("markup", "raw HTML in an interface string is printed as text, not as HTML", "remove the tag"))
        return found


MARKUP = MarkupCheck()
PLACEHOLDERS = PlaceholdersCheck()
