"""[terminology] A glossary term in the source means an agreed translation in the target.

For each concept of the glossary (:mod:`colloquy.qa.glossary`) whose preferred or admitted term
is in the source, the translation must have one of the concept's preferred or admitted terms of
the target language; a forbidden term is an error wherever it is. A term found inside a longer
glossary term (中国临床肿瘤学会 inside 中国临床肿瘤学会年度进展研讨会) or inside one of the
article's proper names (the event's name, a speaker's affiliation …) is part of that name, not a
term of its own.
"""

from __future__ import annotations

from colloquy.editions import Locale
from colloquy.markup import plain_text
from colloquy.qa.base import Finding, Pair
from colloquy.qa.glossary import DASHES, Concept, Glossary, Term, key_of, load_glossary, pattern

__all__ = ["TERMINOLOGY", "Glossary", "Term", "check", "load_glossary"]


def _spans(text: str, form: str, chinese: bool, *, as_source: bool) -> list[tuple[int, int]]:
    return [m.span() for m in pattern(form, chinese, as_source=as_source).finditer(text)]


def _inside(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    """Strictly inside one of ``others`` (a longer match around it)."""
    a, b = span
    return any(x <= a and b <= y and (y - x) > (b - a) for x, y in others)


def check(
    source: str,
    target: str,
    source_locale: Locale,
    target_locale: Locale,
    glossary: Glossary,
    names: tuple[str, ...] = (),
) -> list[Finding]:
    src_zh, tgt_zh = source_locale.house.chinese, target_locale.house.chinese
    src = plain_text(source).translate(DASHES)
    tgt = plain_text(target).translate(DASHES)
    sl, tl = source_locale.name, target_locale.name
    # every glossary match in the source, and the proper names around which a match is no term
    found: list[tuple[Concept, str, tuple[int, int]]] = []
    for concept in glossary.concepts:
        if not concept.allowed(tl):
            continue
        for form in concept.allowed(sl):
            found += [(concept, form, span) for span in _spans(src, form, src_zh, as_source=True)]
    spans = [span for _c, _f, span in found]
    for name in names:
        plain = plain_text(name).translate(DASHES)
        start = src.find(plain)
        while plain and start >= 0:
            spans.append((start, start + len(plain)))
            start = src.find(plain, start + 1)
    findings = []
    reported: set[int] = set()  # a concept is reported once: a forbidden term says what is wrong
    for concept in glossary.concepts:
        for form, row in concept.forbidden.get(tl, []):
            if pattern(form, tgt_zh).search(tgt):
                reported.add(id(concept))
                preferred = " or ".join(f"'{key_of(t)}'" for t in concept.preferred.get(tl, [])) or "the preferred term"
                findings.append(
                    Finding(
                        "terminology",
                        f"'{key_of(form)}' is a forbidden term: write {preferred}",
                        f"{glossary.path}:{row.line}" + (f" ({row.note})" if row.note else ""),
                    )
                )
    for concept, form, span in found:
        if id(concept) in reported or _inside(span, spans):
            continue
        allowed = concept.allowed(tl)
        if any(pattern(t, tgt_zh).search(tgt) for t in allowed):
            continue
        reported.add(id(concept))
        first = concept.first
        wanted = " or ".join(f"'{key_of(t)}'" for t in allowed)
        note = first.hint_note(tl)
        findings.append(Finding("terminology", f"'{key_of(form)}' should be translated as {wanted}", f"{glossary.path}:{first.line}" + (f" ({note})" if note else "")))
    return findings


class TerminologyCheck:
    code = "terminology"
    description = "glossary terms of the source have an agreed translation; no forbidden term"
    domains: tuple[str, ...] = ("article",)

    def check(self, pair: Pair) -> list[Finding]:
        if pair.glossary is None:
            return []
        return check(pair.source, pair.target, pair.source_locale, pair.target_locale, pair.glossary, pair.names)


TERMINOLOGY = TerminologyCheck()
