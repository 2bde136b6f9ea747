"""[numbers] Every number of the source is in the translation with the same value.

Numbers are read as values, whatever their form (:func:`colloquy.textrules.figures`): digits
(``1,000``, ``1.5``, ``28th``), ranges (``17–24%`` ↔ ``17%～24%``: two values), percentages,
English number words (``three``, ``twenty-five``, ``five-year``, ``two decades`` = 20), month
names (``September`` ↔ ``9月``; ``May`` only beside a day or a year), clock times
(``2:30 p.m.`` ↔ ``14:30``), Roman numerals of phases and grades (``phase III`` ↔ ``III期``),
Chinese numerals (``三``, ``二十八``, ``百分之四十``, ``廿``, ``五分之一``). Digits with a scale
word are one value (``1.5 million`` ↔ ``150万``).

Each reading is certain, likely or lenient. A certain or likely figure of the source must be
in the translation; a certain figure of the translation must be in the source; a lenient
reading only excuses the same value on the other side. Lenient: "one", ordinal words
("second only to" ↔ 位居第二, "first batch" ↔ 第一批), "doubled", a bare "billion" (十亿),
a lone 一 (一类, 这一), a Chinese numeral before a word that is no measure word (四药 ↔
"four-drug"), 上篇/（上） ↔ Part 1. Likely: a lone Chinese numeral before a measure word (三年,
五代, 十余年): a figure the translation must keep but not one to report as added (一代又一代).
No figure at all: approximate 几十, 数十, "decades" without a number (几十年前 ↔ "decades ago"),
URLs and placeholders.
"""

from __future__ import annotations

from decimal import Decimal

from colloquy.editions import Locale
from colloquy.markup import parse_inline, walk
from colloquy.qa.base import Finding, Pair
from colloquy.textrules import CERTAIN, LIKELY, Figure, chinese_figures, english_figures, figures


def reading_text(source: str) -> str:
    """The text as the checks read it: without markup or link targets, a superscript or
    subscript apart from what precedes it (``10^9^`` is 10 and 9, not 109)."""
    parts: list[str] = []
    for span in walk(parse_inline(source)):
        if span.kind in ("text", "code", "html"):
            parts.append(span.text)
        elif span.kind == "br":
            parts.append("\n")
        elif span.kind in ("sup", "sub"):
            parts.append(" ")
    return "".join(parts)


def _values(figs: list[Figure], level: int) -> set[Decimal]:
    return {f.value for f in figs if isinstance(f.value, Decimal) and f.level >= level and f.kind != "decades"}


def english_values(text: str, *, with_one: bool = False) -> list[Decimal]:
    """Values in an English text (certain and likely readings; ``with_one``: lenient ones too)."""
    return [f.value for f in english_figures(text) if isinstance(f.value, Decimal) and f.kind != "decades" and (with_one or f.level >= LIKELY)]


def chinese_values(text: str, *, strict_only: bool = False) -> list[Decimal]:
    """Values written in a Chinese text: Arabic digits (with 万/亿), Chinese numerals.
    ``strict_only``: only forms that are certainly numbers (digits, multi-character numerals, 第…)."""
    level = CERTAIN if strict_only else LIKELY
    return [f.value for f in chinese_figures(text) if isinstance(f.value, Decimal) and f.level >= level]


def values(text: str, locale: Locale) -> list[Decimal]:
    return chinese_values(text) if locale.house.chinese else english_values(text)


def _fmt(v: Decimal) -> str:
    return format(v.normalize(), "f") if v == v.to_integral() else str(v)


def check(source: str, target: str, source_locale: Locale, target_locale: Locale) -> list[Finding]:
    src = figures(reading_text(source), source_locale.house.chinese)
    tgt = figures(reading_text(target), target_locale.house.chinese)
    findings = []
    missing = sorted(_values(src, LIKELY) - _values(tgt, 0))
    if missing:
        shown = ", ".join(_fmt(v) for v in missing)
        findings.append(
            Finding(
                "numbers",
                f"{shown} in the source {'is' if len(missing) == 1 else 'are'} missing from the translation",
                "check the figures against the source",
            )
        )
    extra = sorted(_values(tgt, CERTAIN) - _values(src, 0))
    if extra:
        shown = ", ".join(_fmt(v) for v in extra)
        findings.append(
            Finding(
                "numbers",
                f"{shown} in the translation {'is' if len(extra) == 1 else 'are'} not in the source",
                "remove the figure or check the source",
            )
        )
    return findings


class NumbersCheck:
    code = "numbers"
    description = "every figure of the source is in the translation with the same value, and none is added"
    domains: tuple[str, ...] = ("article",)

    def check(self, pair: Pair) -> list[Finding]:
        return check(pair.source, pair.target, pair.source_locale, pair.target_locale)


NUMBERS = NumbersCheck()
