"""[numbers] Every number of the source is in the translation with the same value.

Numbers are read as values, whatever their form: digits (``1,000``, ``1.5``, ``28th``),
ranges (``17–24%`` ↔ ``17%～24%``: two values), percentages, English number words
(``three``, ``ten``, ``twenty-five``, ``five-year``), month names (``September`` ↔ ``9月``)
and Chinese numerals (``三``, ``二十八``, ``百分之四十``), the latter parsed by cn2an. A
lone Chinese numeral character counts only before a measure word (``三年``, ``五代``,
``七款``) or where no Chinese character follows it (``前十``, ``十。``), because ``一``
also spells words (``一直``, ``进一步``, ``之一``); and it never counts as a figure the
translation adds. Digits with a scale word are one value (``1.5 million`` ↔ ``150万``).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import cn2an

from colloquy.editions import Locale
from colloquy.qa.base import Finding, Pair

_WORDS = {
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# "one" is left out on purpose: it is a pronoun as often as a number ("the next one")
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["january", "february", "march", "april", "may_", "june", "july", "august", "september", "october", "november", "december"], 1
    )
}  # "may" is a verb far more often than a month in interviews
# ordinal words ("first", "second") are not read: "the world's first" is 首个 and
# "second only to" 仅次于 in good Chinese, with no numeral to compare

_EN_TOKEN = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:st|nd|rd|th)?"
    r"|(?P<word>[A-Za-z]+)"
)
_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
_CN_RUN = re.compile(rf"(百分之)?([{_CN_DIGITS}]+)")
_ARABIC = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_ARABIC_SCALED = re.compile(r"(\d+(?:\.\d+)?)\s*(万|亿)")
#: measure words and units after which a single Chinese numeral is a number
_MEASURE = set("年代种款个位项类届次名倍天周月岁线期例家国人大条点成")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]").fullmatch
#: words in which numeral characters are not numbers
_CN_WORDS = (
    "一直",
    "一起",
    "一些",
    "一切",
    "一定",
    "一般",
    "一步",
    "统一",
    "同一",
    "唯一",
    "之一",
    "一体",
    "万一",
    "一再",
    "一致",
    "一同",
    "十分",
    "一流",
    "千万",
    "一道",
    "一方面",
    "一线",
)


# ... unless a numeral stands before them: 三千万 is 30,000,000, 五十分 is 50
_CN_WORDS_RE = re.compile(rf"(?<![{_CN_DIGITS}])(?:{'|'.join(sorted(_CN_WORDS, key=len, reverse=True))})")


def _dec(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def english_values(text: str, *, with_one: bool = False) -> list[Decimal]:
    """Values in an English text. ``with_one`` also reads "one" (a pronoun as often as a
    number: used only to excuse a 1 in the translation, never to demand one)."""
    words = {**_WORDS, "one": 1} if with_one else _WORDS
    values: list[Decimal] = []
    pending: int | None = None  # a number being spelled out ("one hundred twenty")

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            values.append(Decimal(pending))
            pending = None

    scalable = False  # the last token was a plain number: "1.5 million" is one value
    for m in _EN_TOKEN.finditer(text):
        if m.group("num"):
            flush()
            v = _dec(m.group("num"))
            if v is not None:
                values.append(v)
            scalable = v is not None and m.group(0) == m.group("num")
            continue
        word = m.group("word").lower()
        if scalable and word in _SCALES:
            values[-1] *= _SCALES[word]
            scalable = False
            continue
        scalable = False
        if word in words:
            if pending is not None and pending >= 20 and pending % 10 == 0 and words[word] < 10:
                pending += words[word]  # twenty-five, one hundred five
            else:
                flush()
                pending = words[word]
        elif word in _SCALES and pending is not None:
            pending *= _SCALES[word]
        elif word == "and" and pending is not None and pending >= 100:
            continue
        else:
            flush()
            if word in _MONTHS:
                values.append(Decimal(_MONTHS[word]))
    flush()
    return values


def _cn_value(run: str) -> Decimal | None:
    try:
        return Decimal(str(cn2an.cn2an(run, "normal")))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def chinese_values(text: str, *, strict_only: bool = False) -> list[Decimal]:
    """Values written in a Chinese text: Arabic digits (with 万/亿), Chinese numerals.
    ``strict_only``: only forms that are certainly numbers (digits, multi-character numerals)."""
    values: list[Decimal] = []
    masked = text
    for m in _ARABIC_SCALED.finditer(text):
        v = _dec(m.group(1))
        if v is not None:
            values.append(v * (10000 if m.group(2) == "万" else 100_000_000))
        masked = masked.replace(m.group(0), " " * len(m.group(0)), 1)
    for m in _ARABIC.finditer(masked):
        v = _dec(m.group(0))
        if v is not None:
            values.append(v)
    masked = _CN_WORDS_RE.sub(lambda m: "　" * len(m.group(0)), masked)
    for m in _CN_RUN.finditer(masked):
        percent, run = m.group(1), m.group(2)
        after = masked[m.end() : m.end() + 1]
        before = masked[m.start() - 1 : m.start()] if m.start() else ""
        certain = bool(percent) or len(run) > 1 or before == "第"
        if not certain and (strict_only or (_HAN(after) and after not in _MEASURE)):
            continue
        v = _cn_value(run)
        if v is not None:
            values.append(v)
    return values


def values(text: str, locale: Locale) -> list[Decimal]:
    return chinese_values(text) if locale.house.chinese else english_values(text)


def _fmt(v: Decimal) -> str:
    return format(v.normalize(), "f") if v == v.to_integral() else str(v)


def check(source: str, target: str, source_locale: Locale, target_locale: Locale) -> list[Finding]:
    src = set(values(source, source_locale))
    tgt = set(values(target, target_locale))
    findings = []
    missing = sorted(src - tgt)
    if missing:
        shown = ", ".join(_fmt(v) for v in missing)
        findings.append(
            Finding(
                "numbers",
                f"{shown} in the source {'is' if len(missing) == 1 else 'are'} missing from the translation",
                "check the figures against the source",
            )
        )
    # figures the translation adds (Chinese numerals in words such as 一代又一代 are not counted)
    added = tgt if not target_locale.house.chinese else set(chinese_values(target, strict_only=True))
    lenient_src = src | (set(english_values(source, with_one=True)) if not source_locale.house.chinese else set())
    extra = sorted(added - lenient_src)
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
