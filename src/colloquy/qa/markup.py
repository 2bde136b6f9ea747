"""[markup] The translation keeps the source's inline markup, links, URLs and placeholders.

Emphasis, strong, superscript, subscript and code spans are counted by kind; links, URLs
written out and the links of raw HTML are compared by target; placeholders of every syntax
(``{name}``, ``{}``, ``%(name)s``, ``%s``, ``%1$s``) by name, position and conversion, so a
translation may reorder positional ones (``%2$s专访%1$s``). Raw HTML and links the source
format refuses are errors too, unless the source has the same HTML (a catalog of another
project). Exceptions: a Chinese title in title marks 《…》 stands for English italics
(*Journal of Leukemia & Lymphoma* ↔ 《白血病·淋巴瘤》); a run-in label (``**Key message:**``)
stays a label.
"""

from __future__ import annotations

import re
from collections import Counter

from colloquy.editions import Locale
from colloquy.markup import Span, inline_problems, parse_inline, walk
from colloquy.qa.base import Finding, Pair
from colloquy.textrules import PLACEHOLDER, urls

_KINDS = ("em", "strong", "sup", "sub", "code", "link", "br")
_NAMES = {
    "em": "emphasis (*…*)",
    "strong": "strong (**…**)",
    "sup": "superscript (^…^)",
    "sub": "subscript (~…~)",
    "code": "code (`…`)",
    "link": "links",
    "br": "line breaks",
}
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_TAG_NAME = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9]*)")
_C_FORMAT = re.compile(r"%(?:(\d+)\$)?[-+#0]*\d*(?:\.\d+)?(hh|h|ll|l|z|j|t|L)?([A-Za-z])")


def _titles(text: str) -> int:
    return text.count("《")


def _urls(spans: list[Span]) -> list[str]:
    """Every link target of a text: Markdown links, URLs written out, links of raw HTML."""
    found = [s.href for s in spans if s.kind == "link"]
    for s in spans:
        if s.kind == "text":
            found += [u for _a, _b, u in urls(s.text)]
        elif s.kind == "html":
            found += [a or b for a, b in _HREF.findall(s.text)]
    return found


def _label(spans: tuple[Span, ...]) -> bool | None:
    """Whether the text opens with a run-in label (**Key message:** …, **核心观点**：…); None
    when it does not open with emphasis at all."""
    if not spans or spans[0].kind not in ("strong", "em"):
        return None
    inner = spans[0].plain().rstrip()
    after = spans[1].plain().lstrip() if len(spans) > 1 and spans[1].kind == "text" else ""
    return inner.endswith((":", "：")) or after.startswith((":", "："))


def _html_tags(spans: list[Span]) -> Counter[str]:
    return Counter("".join(m.groups()).lower() for s in spans if s.kind == "html" for m in _TAG_NAME.finditer(s.text))


def check(source: str, target: str, source_locale: Locale | None = None, target_locale: Locale | None = None) -> list[Finding]:
    findings: list[Finding] = []
    to_chinese = target_locale is None or target_locale.house.chinese
    from_chinese = source_locale is not None and source_locale.house.chinese
    src_tree, tgt_tree = parse_inline(source), parse_inline(target)
    src, tgt = walk(src_tree), walk(tgt_tree)
    sc = Counter(s.kind for s in src if s.kind in _KINDS)
    tc = Counter(s.kind for s in tgt if s.kind in _KINDS)
    stray = any("*" in s.text or "^" in s.text or "~" in s.text for s in tgt if s.kind == "text")
    for kind in _KINDS:
        if kind == "link" or sc[kind] == tc[kind]:
            continue
        if kind == "em" and to_chinese and sc[kind] > tc[kind] and sc[kind] - tc[kind] <= _titles(target):
            continue  # *Journal of Leukemia & Lymphoma* → 《白血病·淋巴瘤》
        if kind == "em" and from_chinese and tc[kind] > sc[kind] and tc[kind] - sc[kind] <= _titles(source):
            continue  # 《白血病·淋巴瘤》 → *Journal of Leukemia & Lymphoma*
        hint = "keep the same markup around the translated words"
        if kind == "sub" and tc[kind] > sc[kind] and to_chinese:
            hint = "two ASCII '~' make a subscript: write ranges with the full-width ～ (17%～24%)"
        elif kind == "sub" and tc[kind] > sc[kind]:
            hint = "two '~' make a subscript: write a tilde as \\~"
        elif stray and tc[kind] < sc[kind] and to_chinese:
            # CommonMark does not close ** that follows punctuation and precedes a letter
            hint = "a marker stays literal when punctuation is inside it next to Chinese text: write **细胞治疗**： not **细胞治疗：**"
        elif stray and tc[kind] < sc[kind]:
            hint = "a marker stays literal when punctuation is inside it before a letter: write **Cell therapy:** with a space after it"
        findings.append(Finding("markup", f"{_NAMES[kind]}: {sc[kind]} in the source, {tc[kind]} in the translation", hint))
    if sc["strong"] + sc["em"] and sc == tc:
        src_label, tgt_label = _label(src_tree), _label(tgt_tree)
        if src_label is not None and tgt_label is not None and src_label != tgt_label:
            what = "opens with a run-in label" if src_label else "does not open with a label"
            findings.append(
                Finding(
                    "markup",
                    f"the source {what}, the translation not: '{tgt_tree[0].plain()}' is marked",
                    "mark the same words as the source: the label and its colon (**Key message:**, **核心观点**：)",
                )
            )
    src_links, tgt_links = sorted(_urls(src)), sorted(_urls(tgt))
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
    src_html = {s.text for s in src if s.kind == "html"}
    if src_html and _html_tags(src) != _html_tags(tgt):
        findings.append(Finding("markup", "the HTML tags differ from the source's", "keep every tag of the source, around the translated words"))
    for message, hint in inline_problems(target, translation=True):
        if message.startswith("raw HTML ") and any(f"'{h}'" in message for h in src_html):
            continue  # the source has the same HTML (a catalog of another project)
        if message.startswith("'**'") and not to_chinese:
            hint = "put punctuation inside the markers and a space after them (**Cell therapy:** including), or escape a literal star as \\*"
        findings.append(Finding("markup", message, hint))
    findings += check_placeholders(source, target)
    return findings


def placeholders(text: str) -> tuple[Counter[str], Counter[str]]:
    """The placeholders of a string: named and brace ones (``{name}``, ``{}``, ``%(name)s``) by
    name, and C-format ones by the argument they take (``%s`` the next, ``%2$s`` the second)
    with their conversion."""
    named: Counter[str] = Counter()
    positional: Counter[str] = Counter()
    index = 0
    for m in PLACEHOLDER.finditer(text):
        token = m.group(0)
        if token.startswith("{"):
            named[token.split("!")[0].split(":")[0].rstrip("}") + "}"] += 1
        elif token.startswith("%("):
            named[token] += 1
        else:
            c = _C_FORMAT.match(token)
            if c is None:  # pragma: no cover - PLACEHOLDER matched it
                continue
            if c.group(1):
                arg = int(c.group(1))
            else:
                index += 1
                arg = index
            positional[f"%{arg}${c.group(2) or ''}{c.group(3)}"] += 1
    return named, positional


def _show(counter: Counter[str]) -> str:
    return ", ".join(sorted(counter.elements())) or "none"


def check_placeholders(source: str, target: str) -> list[Finding]:
    """The same placeholders as the source: each ``{name}`` and ``%(name)s`` as often, and each
    argument of a C format (``%s``, ``%d``, ``%1$s``) with the same conversion."""
    src_named, src_pos = placeholders(source)
    tgt_named, tgt_pos = placeholders(target)
    if src_named == tgt_named and src_pos == tgt_pos:
        return []
    if not (tgt_named + tgt_pos):
        message = f"placeholders {_show(src_named + src_pos)} are missing from the translation"
    else:
        message = f"placeholders {_show(src_named + src_pos)} in the source but {_show(tgt_named + tgt_pos)} in the translation"
    return [Finding("markup", message, "keep every placeholder exactly as in the source (%1$s, %2$s … may be reordered)")]


_TAG = re.compile(r"<[A-Za-z/!]")


class MarkupCheck:
    code = "markup"
    description = "the same emphasis, links, URLs and placeholders as the source; nothing the editions refuse"
    domains: tuple[str, ...] = ("article",)

    def check(self, pair: Pair) -> list[Finding]:
        return check(pair.source, pair.target, pair.source_locale, pair.target_locale)


class PlaceholdersCheck:
    code = "markup"
    description = "interface strings: the source's placeholders, and no raw HTML"
    domains: tuple[str, ...] = ("ui",)

    def check(self, pair: Pair) -> list[Finding]:
        found = check_placeholders(pair.source, pair.target)
        if _TAG.search(pair.target) and not _TAG.search(pair.source):
            found.append(Finding("markup", "raw HTML in an interface string is printed as text, not as HTML", "remove the tag"))
        return found


MARKUP = MarkupCheck()
PLACEHOLDERS = PlaceholdersCheck()
