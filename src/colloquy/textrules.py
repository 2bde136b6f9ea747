"""The text rules of Chinese and English, in one place: what the translation checks
(:mod:`colloquy.qa`) and the source lint apply to a text of either language.

Everything here is a pure function of a string (no catalog, no locale object):

* character classes (:data:`HAN`, :func:`has_han`), the full-width/half-width tables and
  :func:`halfwidth_digits`, placeholders and URLs (:data:`PLACEHOLDER`, :data:`URL`, :func:`mask`);
* quote and bracket balancing (:func:`unbalanced`), title marks (:func:`strip_title_marks`);
* the number lexicons (English number words, ordinals, scales, months; Chinese numerals,
  measure words and the words numeral characters spell) and :func:`figures`, which reads the
  figures of a text with where they are and how sure the reading is;
* time units (:func:`time_unit_figures`);
* the typography of each language's house style (:func:`chinese_typography`,
  :func:`english_typography`), each problem with its rule, message, hint and place.

Exceptions are part of the rules and written beside them: an em dash between dates
(``2025年9月10日—14日``), Chinese numerals in ordinals (``第二十八届``) and small counts in prose
(``五代血液人``), an ideographic space between two placeholders (a label separator).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

# ================================================================ characters

#: Chinese characters (CJK unified ideographs, extension A, compatibility ideographs)
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_CHAR = re.compile(f"[{HAN}]")


def is_han(ch: str) -> bool:
    return len(ch) == 1 and _HAN_CHAR.match(ch) is not None


def has_han(text: str) -> bool:
    return _HAN_CHAR.search(text) is not None


#: half-width punctuation → the full-width form Chinese text takes
HALF_TO_FULL = {",": "，", ".": "。", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
#: full-width punctuation, which English text does not take
FULLWIDTH_PUNCTUATION = "，。：；？！（）「」《》【】、"
FULLWIDTH_DIGITS = "０１２３４５６７８９"
_TO_HALF_DIGITS = str.maketrans(FULLWIDTH_DIGITS + "％", "0123456789%")
IDEOGRAPHIC_SPACE = "\u3000"
#: dashes that may join two figures
_DASHES = "-~〜–—−－"


def halfwidth_digits(text: str) -> str:
    """Full-width digits and ％ as ASCII, one character for one (offsets are kept)."""
    return text.translate(_TO_HALF_DIGITS)


#: placeholders of every syntax a catalog may carry: ``%(name)s``, ``%1$s``, ``%s``, ``%lu``,
#: ``{name}``, ``{0}``, ``{}``
PLACEHOLDER = re.compile(
    r"%\([A-Za-z_][A-Za-z0-9_]*\)[-+#0]*\d*(?:\.\d+)?[sdifrxXoeEgGc]"
    r"|%\d+\$[-+#0]*\d*(?:\.\d+)?(?:hh|h|ll|l|z|j|t|L)?[sdiuxXofFeEgGcp]"
    r"|(?<![0-9%])%[-+#0]*\d*(?:\.\d+)?(?:hh|h|ll|l|z|j|t|L)?[sdiuxXofFeEgGcp](?![A-Za-z])"
    r"|(?<!\$)\{[A-Za-z_0-9]*(?:![rsa])?(?::[^{}]*)?\}"
)
#: a URL written out in the text (not a link's target: see :func:`colloquy.markup.plain_text`)
URL = re.compile(r"(?:https?://|mailto:|www\.)[^\s<>\"'，。；：！？、）」》【】]+")
_URL_TAIL = ".,;:!?)]'\""


def urls(text: str) -> list[tuple[int, int, str]]:
    """The URLs written in ``text``: (start, end, URL), trailing punctuation left out."""
    out = []
    for m in URL.finditer(text):
        url = m.group(0).rstrip(_URL_TAIL)
        out.append((m.start(), m.start() + len(url), url))
    return out


def mask(text: str, spans: Iterable[tuple[int, int]], fill: str = " ") -> str:
    """``text`` with each span replaced by as many ``fill`` characters (offsets are kept)."""
    chars = list(text)
    for a, b in spans:
        chars[a:b] = fill * (b - a)
    return "".join(chars)


#: the name of a long command-line option (--zero-terminated): a name, not prose
LONG_OPTION = re.compile(r"(?<![\w-])--[A-Za-z][\w-]*")


def masked_urls_and_placeholders(text: str) -> str:
    """``text`` without its URLs, placeholders and long command-line options (offsets kept)."""
    spans = [(a, b) for a, b, _ in urls(text)] + [m.span() for m in PLACEHOLDER.finditer(text)] + [m.span() for m in LONG_OPTION.finditer(text)]
    return mask(text, spans)


# ================================================================ quotes, brackets, title marks

QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "（": "）", "【": "】", "〈": "〉", "(": ")"}


def unbalanced(text: str) -> str | None:
    """Why the quotes and brackets of ``text`` do not balance, or None. An apostrophe (’) is not
    a quote: names such as O’Connor have one."""
    closers = {v: k for k, v in QUOTE_PAIRS.items()}
    stack: list[str] = []
    for ch in text.replace("’", "").replace("‘", ""):
        if ch in QUOTE_PAIRS:
            stack.append(ch)
        elif ch in closers:
            if not stack or stack[-1] != closers[ch]:
                return f"'{ch}' closes nothing" if not stack else f"'{ch}' closes '{stack[-1]}'"
            stack.pop()
    if stack:
        return f"'{stack[-1]}' is never closed"
    return None


def strip_title_marks(text: str) -> str:
    """A name written as a title (《肿瘤瞭望》) as a plain name (肿瘤瞭望): the title marks around
    the whole text are removed; any other text is returned as it is."""
    t = text.strip()
    if len(t) > 2 and t[0] == "《" and t[-1] == "》" and "《" not in t[1:-1] and "》" not in t[1:-1]:
        return t[1:-1]
    return text


# ================================================================ number lexicons

#: English number words ("one" is apart: a pronoun as often as a number)
EN_NUMBER_WORDS = {
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
#: ordinal words: "the world's first" is 首个 and "second only to" 仅次于 in good Chinese, so an
#: ordinal word never demands a figure; it only excuses one (第二, 第一批)
EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20, "thirtieth": 30, "hundredth": 100,
    # fractions: two thirds (三分之二), three quarters (四分之三)
    "thirds": 3, "quarter": 4, "quarters": 4, "fourths": 4, "fifths": 5, "tenths": 10, "hundredths": 100,
}  # fmt: skip
#: multiplying verbs and adjectives ("doubled" is 翻了一番 as often as 增加一倍: it only excuses a figure)
EN_MULTIPLIERS = {"tripled": 3, "triple": 3, "threefold": 3, "quadrupled": 4, "fourfold": 4, "fivefold": 5, "tenfold": 10}
EN_LENIENT_MULTIPLIERS = {"doubled": 2, "double": 2, "twofold": 2}
EN_MONTHS = {
    m: i
    for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], 1
    )
}
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10, "XI": 11, "XII": 12}

CN_NUMERALS = "零〇一二两三四五六七八九十百千万亿廿卅"
#: measure words and units after which a lone Chinese numeral is a number (三年, 五代, 七款)
CN_MEASURE_WORDS = set("年代种款个位项类届次名倍天周月岁线期例家国人大条点成载篇")
#: measure words of counted data: a Chinese numeral before them is data, which the house writes
#: in digits (54种新药, 7款产品, 12家医院), unless it is a lone 一 (一种, 一个: "a")
CN_DATA_MEASURE_WORDS = set("种例款名家项篇个")
#: units of measurement after a figure (data, in digits)
CN_DATA_UNITS = ("个月", "小时", "分钟", "岁", "周", "天")
#: approximations between a numeral and its measure word: 十余年, 二十多位, 十来岁
CN_APPROXIMATORS = set("余多来")
#: words that numeral characters spell without being numbers (unless a numeral stands before
#: them: 三千万 is 30,000,000, 五十分 is 50)
CN_NON_NUMBERS = (
    "一直", "一起", "一些", "一切", "一定", "一般", "一步", "统一", "同一", "唯一", "之一", "一体", "万一", "一再",
    "一致", "一同", "十分", "一流", "千万", "一道", "一方面", "一线", "一旦", "一样", "一向", "一贯", "一律", "一时",
    "一边", "一概", "十足", "一举", "一代又一代", "万众", "一身", "一心",
)  # fmt: skip
_CN_NON_NUMBERS = re.compile(rf"(?<![{CN_NUMERALS}])(?:{'|'.join(sorted(CN_NON_NUMBERS, key=len, reverse=True))})")

#: how sure a reading is. CERTAIN: a figure (digits, a number word, 二十八); LIKELY: a lone
#: numeral before a measure word (三年) — a figure the translation must keep, but not one to
#: report as added (一代又一代); LENIENT: only excuses the same value on the other side
#: ("one", "first", "上篇" for Part 1, 这一 …)
CERTAIN, LIKELY, LENIENT = 2, 1, 0


@dataclass(frozen=True)
class Figure:
    """A figure read in a text. ``value`` is a Decimal, or the placeholder's text."""

    value: Decimal | str
    start: int
    end: int
    level: int = CERTAIN
    #: "" (a number), "ordinal", "decade" (two decades = 20, an approximate figure), "placeholder",
    #: "half", "part" (上篇 = Part 1)
    kind: str = ""

    @property
    def number(self) -> Decimal | None:
        return self.value if isinstance(self.value, Decimal) else None


def _dec(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _placeholder_figures(text: str) -> list[Figure]:
    return [Figure(m.group(0), m.start(), m.end(), LENIENT, "placeholder") for m in PLACEHOLDER.finditer(text)]


# ---------------------------------------------------------------- English

_EN_TOKEN = re.compile(
    r"(?P<time>\b(?P<h>\d{1,2}):(?P<m>\d{2})(?:\s*(?P<ampm>[ap])\.?m\.?(?![A-Za-z]))?)"
    r"|(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<suffix>st|nd|rd|th)?"
    r"|(?P<word>[A-Za-z]+)"
)
_EN_ROMAN_AFTER = re.compile(r"\b(?:phase|stage|grade|type|class|part|cycle|arm)s?\s+(I{1,3}|IV|VI{0,3}|IX|XI{0,2})\b", re.IGNORECASE)
_MAY_DATE = re.compile(r"\bMay\s+\d{1,2}\b|\b\d{1,2}\s+May\b|\bMay\s+\d{4}\b")


def english_figures(text: str) -> list[Figure]:
    """The figures of an English text (plain text: no markup), placeholders included."""
    figs = _placeholder_figures(text)
    work = masked_urls_and_placeholders(text)
    may = {m.start() if m.group(0).startswith("May") else m.end() - 3 for m in _MAY_DATE.finditer(work)}
    roman = {m.start(1): m for m in _EN_ROMAN_AFTER.finditer(work) if m.group(1).upper() in _ROMAN}
    pending: list[int] = []  # value, start, end of a number being spelled out
    out: list[Figure] = []

    def flush() -> None:
        if pending:
            out.append(Figure(Decimal(pending[0]), pending[1], pending[2]))
            pending.clear()

    scalable = False  # the last token was a plain number: "1.5 million" is one value
    for m in _EN_TOKEN.finditer(work):
        if m.group("time"):
            flush()
            hour, minute = int(m.group("h")), int(m.group("m"))
            if m.group("ampm"):
                hour = hour % 12 + (12 if m.group("ampm").lower() == "p" else 0)
            out.append(Figure(Decimal(hour), m.start(), m.end()))
            out.append(Figure(Decimal(minute), m.start(), m.end()))
            scalable = False
            continue
        if m.group("num"):
            flush()
            v = _dec(m.group("num"))
            if v is not None:
                out.append(Figure(v, m.start(), m.end(), CERTAIN, "ordinal" if m.group("suffix") else ""))
            scalable = v is not None and not m.group("suffix")
            continue
        raw = m.group("word")
        word = raw.lower()
        if scalable and word in EN_SCALES and out:
            last = out[-1]
            assert isinstance(last.value, Decimal)
            out[-1] = Figure(last.value * EN_SCALES[word], last.start, m.end(), last.level, last.kind)
            scalable = False
            continue
        scalable = False
        if m.start() in roman:
            flush()
            out.append(Figure(Decimal(_ROMAN[raw.upper()]), m.start(), m.end()))
            continue
        if word in EN_NUMBER_WORDS:
            n = EN_NUMBER_WORDS[word]
            if pending and ((pending[0] >= 100 and pending[0] % 100 == 0 and n < 100) or (pending[0] >= 20 and pending[0] % 10 == 0 and n < 10)):
                pending[0] += n  # twenty-five, one hundred twenty
                pending[2] = m.end()
            else:
                flush()
                pending[:] = [n, m.start(), m.end()]
        elif word == "one":
            if pending and pending[0] >= 20 and pending[0] % 10 == 0:
                pending[0] += 1
                pending[2] = m.end()
            else:
                flush()
                out.append(Figure(Decimal(1), m.start(), m.end(), LENIENT))
        elif word in EN_SCALES and pending:
            pending[0] *= EN_SCALES[word]
            pending[2] = m.end()
        elif word in EN_SCALES and out and out[-1].level == LENIENT and out[-1].end == m.start() - 1 and out[-1].value == 1:
            last = out.pop()  # "one hundred"
            pending[:] = [EN_SCALES[word], last.start, m.end()]
        elif word == "and" and pending and pending[0] >= 100:
            continue
        elif word in ("decade", "decades"):
            if pending:
                pending[0] *= 10
                out.append(Figure(Decimal(pending[0]), pending[1], m.end(), CERTAIN, "decade"))
                pending.clear()
            elif word == "decade":
                out.append(Figure(Decimal(10), m.start(), m.end(), LENIENT, "decade"))
            else:
                out.append(Figure(Decimal(0), m.start(), m.end(), LENIENT, "decades"))  # "decades ago": no figure
        else:
            flush()
            if word in EN_SCALES:
                out.append(Figure(Decimal(EN_SCALES[word]), m.start(), m.end(), LENIENT))
            elif word in EN_ORDINALS:
                out.append(Figure(Decimal(EN_ORDINALS[word]), m.start(), m.end(), LENIENT, "ordinal"))
            elif word in EN_MULTIPLIERS:
                out.append(Figure(Decimal(EN_MULTIPLIERS[word]), m.start(), m.end(), LIKELY))
            elif word in EN_LENIENT_MULTIPLIERS:
                out.append(Figure(Decimal(EN_LENIENT_MULTIPLIERS[word]), m.start(), m.end(), LENIENT))
            elif word == "half":
                out.append(Figure(Decimal("0.5"), m.start(), m.end(), LENIENT, "half"))
            elif word in EN_MONTHS and (word != "may" or m.start() in may):
                out.append(Figure(Decimal(EN_MONTHS[word]), m.start(), m.end()))
    flush()
    return sorted(figs + out, key=lambda f: f.start)


# ---------------------------------------------------------------- Chinese

_CN_ARABIC_SCALED = re.compile(r"(\d+(?:\.\d+)?)\s*(万|亿)")
_CN_ARABIC = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_CN_RUN = re.compile(rf"(百分之)?([{CN_NUMERALS}]+)")
_CN_FRACTION = re.compile(rf"([{CN_NUMERALS}]+)分之([{CN_NUMERALS}]+)")
_CN_ROMAN = re.compile(r"(?<![A-Za-z])(I{1,3}|IV|VI{0,3}|IX|XI{0,2})(?=[期级型类度])")
_CN_PARTS = re.compile(r"（([上中下])）|([上中下])(?=[篇集部])")
_CN_PART_VALUES = {"上": 1, "中": 2, "下": 2}


def _cn_value(run: str) -> Decimal | None:
    import cn2an  # imported when first needed: it compiles its patterns on import (≈ 0.14 s), which
    # every command reading a source (the build's check above all) would otherwise pay

    try:
        return Decimal(str(cn2an.cn2an(run, "normal")))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def chinese_figures(text: str) -> list[Figure]:
    """The figures of a Chinese text (plain text), placeholders included. Full-width digits are
    read as digits (typography reports them)."""
    figs = _placeholder_figures(text)
    work = halfwidth_digits(masked_urls_and_placeholders(text))
    for m in _CN_ARABIC_SCALED.finditer(work):
        v = _dec(m.group(1))
        if v is not None:
            figs.append(Figure(v * (10000 if m.group(2) == "万" else 100_000_000), m.start(), m.end()))
    work = mask(work, [m.span() for m in _CN_ARABIC_SCALED.finditer(work)])
    for m in _CN_ARABIC.finditer(work):
        v = _dec(m.group(0))
        if v is not None:
            figs.append(Figure(v, m.start(), m.end()))
    for m in _CN_ROMAN.finditer(work):
        figs.append(Figure(Decimal(_ROMAN[m.group(1)]), m.start(), m.end()))
    for m in _CN_PARTS.finditer(work):
        figs.append(Figure(Decimal(_CN_PART_VALUES[m.group(1) or m.group(2)]), m.start(), m.end(), LENIENT, "part"))
    for m in _CN_FRACTION.finditer(work):  # 五分之一: one in five; 三分之一: one third
        den, num = _cn_value(m.group(1)), _cn_value(m.group(2))
        if den is not None:
            figs.append(Figure(den, m.start(1), m.end(1)))
        if num is not None:
            figs.append(Figure(num, m.start(2), m.end(2), LENIENT if num == 1 else CERTAIN))
    work = mask(work, [m.span() for m in _CN_FRACTION.finditer(work)])
    work = _CN_NON_NUMBERS.sub(lambda m: "\u3000" * len(m.group(0)), work)
    for m in _CN_RUN.finditer(work):
        percent, run = m.group(1), m.group(2)
        start = m.start(2)
        before = work[start - 1 : start] if start else ""
        after = work[m.end() : m.end() + 1]
        if before in ("几", "数") or after == "几" or run in ("万", "亿", "千", "百") or work.startswith("进制", m.end()):
            continue  # 几十年 (decades), 数十 (dozens of), 十几年, 十六进制 (hexadecimal): no figure
        v = _cn_value(run.replace("廿", "二十").replace("卅", "三十"))
        if v is None:
            continue
        if percent or before == "第" or len(run) > 1 or run in "廿卅":
            level = CERTAIN
        elif run == "一":
            level = LENIENT  # 一种, 一类, 这一: "a", "this"
        elif after in CN_MEASURE_WORDS or not is_han(after):
            level = LIKELY  # 三年, 五代; 前十, 十。
        elif after in CN_APPROXIMATORS and work[m.end() + 1 : m.end() + 2] in CN_MEASURE_WORDS:
            level = LIKELY  # 十余年
        elif after in "至到～" and work[m.end() + 1 : m.end() + 2] in CN_NUMERALS:
            level = LIKELY  # 十至十二年
        else:
            level = LENIENT  # 四药 (four-drug)
        figs.append(Figure(v, m.start(), m.end(), level, "ordinal" if before == "第" else ""))
    return sorted(figs, key=lambda f: f.start)


def figures(text: str, chinese: bool) -> list[Figure]:
    """The figures of a plain text in Chinese or English."""
    return chinese_figures(text) if chinese else english_figures(text)


# ================================================================ time units

TimeUnit = Literal["year", "month", "week", "day", "hour", "minute"]
EN_TIME_UNITS: dict[str, TimeUnit] = {
    "year": "year", "yr": "year", "month": "month", "mo": "month", "week": "week", "wk": "week", "day": "day",
    "hour": "hour", "hr": "hour", "h": "hour", "minute": "minute", "min": "minute",
}  # fmt: skip
#: Chinese time units after a figure; 日 is a day of the month (9月10日) and 月 without 个 a
#: month of the year (3月): they are dates, not durations
CN_TIME_UNITS: dict[str, TimeUnit] = {
    "个月": "month", "个星期": "week", "星期": "week", "小时": "hour", "分钟": "minute", "年": "year", "岁": "year", "载": "year",
    "周": "week", "天": "day",
}  # fmt: skip
_EN_UNIT_AFTER = re.compile(r"\s*-?\s*(?P<u>years?|yrs?|months?|mos?|weeks?|wks?|days?|hours?|hrs?|h|minutes?|mins?)\b", re.IGNORECASE)
_EN_UNIT_BEFORE = re.compile(r"\b(?P<u>day|week|month|year)\s+$", re.IGNORECASE)
_CN_UNIT_AFTER = re.compile(rf"\s*[{''.join(CN_APPROXIMATORS)}]?\s*(?P<u>{'|'.join(sorted(CN_TIME_UNITS, key=len, reverse=True))})")
_RANGE_JOIN_EN = re.compile(r"\s*(?:[-–—~]|to|and)\s*$")
_RANGE_JOIN_CN = re.compile(r"\s*[-–—~～至到]\s*$")


def time_unit_figures(text: str, chinese: bool, figs: list[Figure] | None = None) -> list[tuple[Decimal | str, TimeUnit, int]]:
    """(value, unit, position) of each duration in a plain text: 3年, 12个月, two decades (20,
    year), "5-year", "%(num)d days", "day 7". A range (2～3天, 18 to 65 years) gives both ends the
    unit. Calendar years (2025年), months of the year (9月) and days of the month (10日) are no
    durations."""
    figs = figures(text, chinese) if figs is None else figs
    found: list[tuple[Decimal | str, TimeUnit, int]] = []
    for i, f in enumerate(figs):
        if f.kind in ("decades", "half", "part"):
            continue
        unit: TimeUnit | None = None
        if f.kind == "decade":
            unit = "year"
        elif chinese:
            m = _CN_UNIT_AFTER.match(text, f.end)
            if m and not (m.group("u") == "年" and isinstance(f.value, Decimal) and 1000 <= f.value <= 2999 and f.value == f.value.to_integral()):
                unit = CN_TIME_UNITS[m.group("u")]
        else:
            m = _EN_UNIT_AFTER.match(text, f.end)
            if m:
                word = m.group("u").lower().rstrip("s") or "h"
                unit = EN_TIME_UNITS.get(word) or EN_TIME_UNITS.get(word + "s")
            else:
                b = _EN_UNIT_BEFORE.search(text, 0, f.start)
                if b and f.kind != "ordinal":
                    unit = EN_TIME_UNITS[b.group("u").lower()]
        if unit is None:
            continue
        found.append((f.value, unit, f.start))
        if i > 0:  # the start of a range takes the same unit
            prev = figs[i - 1]
            join = (_RANGE_JOIN_CN if chinese else _RANGE_JOIN_EN).match(text[prev.end : f.start])
            if join and prev.kind not in ("placeholder", "decades"):
                found.append((prev.value, unit, prev.start))
    return found


# ================================================================ typography


@dataclass(frozen=True)
class Problem:
    """One typography problem: the rule it breaks, what is wrong, how to write it, where."""

    rule: str
    message: str
    hint: str
    start: int = 0
    end: int = 0


_HALF_NEAR_HAN = re.compile(rf"(?<=[{HAN}])\s*([{re.escape(''.join(HALF_TO_FULL))}])|([{re.escape(''.join(HALF_TO_FULL))}])\s*(?=[{HAN}])")
#: a space between a Chinese character and a Latin letter or digit (a run of two or more spaces
#: is column alignment, as in ``--help`` texts, not word spacing)
_CJK_LATIN_SPACE = re.compile(rf"[{HAN}]([ \t\u00a0]+)[A-Za-z0-9]|[A-Za-z0-9%]([ \t\u00a0]+)[{HAN}]")
_FIG = r"\d+(?:\.\d+)?%?"
#: two figures joined by a dash or a tilde: a range (or, after 年/月/日, a date range)
_RANGE = re.compile(rf"(?<![A-Za-z0-9.\-=/_:])({_FIG})([年月日号]?)\s*([{re.escape(_DASHES)}])\s*({_FIG})([年月日号]?)(?![A-Za-z0-9/_]|\.\d)")
_LONE_EM_DASH = re.compile(r"(?<!—)—(?!—)")
_SPACE_PERCENT = re.compile(r"(?<=\d)[ \t\u00a0\u3000]+[%％]")
_FULLWIDTH_FIGURE = re.compile(f"[{FULLWIDTH_DIGITS}％]+")
_STRAIGHT_QUOTED = re.compile(r'"([^"\n]*)"')
_HTML_TAG = re.compile(r"<[A-Za-z/!][^>\n]*>")
_CN_DATA_NUMERAL = re.compile(
    rf"(?<![第几数{CN_NUMERALS}])(?:(百分之)([{CN_NUMERALS}]+)()"
    rf"|([{CN_NUMERALS}]+)(?=(%|％|{'|'.join(CN_DATA_UNITS)}|[{''.join(CN_DATA_MEASURE_WORDS)}位])))"
)
_ISO_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def _is_year(fig: str) -> bool:
    return len(fig) == 4 and fig.isdigit() and 1000 <= int(fig) <= 2999


def _ranges(text: str) -> list[Problem]:
    out = []
    iso = [m.span() for m in _ISO_DATE.finditer(text)]
    for m in _RANGE.finditer(text):
        if any(a <= m.start() < b for a, b in iso):
            continue
        left, left_unit, dash, right, right_unit = m.groups()
        date = bool(left_unit) or right_unit in ("日", "号", "月") or (_is_year(right) and (right_unit == "年" or _is_year(left)))
        if date:
            if dash not in "—～":
                out.append(
                    Problem(
                        "date-range",
                        f"'{m.group(0)}': a date range joined by '{dash}'",
                        "join dates with an em dash or 至: 2025年9月10日—14日, 2025年9月10日至14日",
                        m.start(3),
                        m.end(3),
                    )
                )
        elif dash != "～":
            out.append(
                Problem(
                    "range",
                    f"'{m.group(0)}': a range joined by '{dash}'",
                    "join the figures of a range with the full-width tilde ～ (10～12年, 17%～24%); — is for dates",
                    m.start(3),
                    m.end(3),
                )
            )
    return out


def _data_numerals(text: str) -> list[Problem]:
    """Chinese numerals written for data: with %, units, or measure words of counted data."""
    out = []
    for m in _CN_DATA_NUMERAL.finditer(text):
        percent = bool(m.group(1))
        run, after = (m.group(2), "") if percent else (m.group(4), m.group(5))
        if run in ("万", "亿", "千", "百"):
            continue
        if not percent and after not in ("%", "％"):
            if run in ("一", "两"):
                continue  # 一种, 一个: "a"; 两种方案, 两组: "both", two in prose
            if after == "位" and len(run) == 1:
                continue  # 两位专家: a small count in prose
        shown = m.group(0) + after
        out.append(
            Problem(
                "data-numerals",
                f"'{shown}': a figure of data written in Chinese numerals",
                "write data in Arabic digits (54种新药, 40%, 3个月); Chinese numerals are for ordinals (第二十八届) and small counts in prose (五代血液人)",
                m.start(),
                m.end(),
            )
        )
    return out


def _ideographic_spaces(text: str) -> list[Problem]:
    out = []
    for i, ch in enumerate(text):
        if ch != IDEOGRAPHIC_SPACE or i == 0 or i == len(text) - 1:
            continue  # a paragraph may start with one (an indent)
        before, after = text[i - 1], text[i + 1]
        if before.isspace() or after.isspace():
            continue
        if before in "}" or after in "{%" or re.search(r"%(?:\(\w+\))?[a-z]$", text[: i]):
            continue  # a label separator between placeholders ({number}　{heading})
        out.append(Problem("ideographic-space", "an ideographic space (U+3000) inside a sentence", "remove it: Chinese text has no spaces between words", i, i + 1))
        break
    return out


def chinese_typography(text: str) -> list[Problem]:
    """The house style's typography problems of a Chinese plain text (no markup)."""
    problems: list[Problem] = []
    work = mask(mask(text, [(a, b) for a, b, _ in urls(text)], "x"), [m.span() for m in _HTML_TAG.finditer(text)], "\x00")
    seen: set[str] = set()
    for m in _HALF_NEAR_HAN.finditer(work):
        ch = m.group(1) or m.group(2)
        if ch in seen:
            continue
        seen.add(ch)
        # "%s: 写入失败": Western punctuation and a space, as software catalogs write after a name
        rule = "halfwidth-spaced" if any(c.isspace() for c in m.group(0)) else "halfwidth"
        problems.append(Problem(rule, f"half-width '{ch}' in Chinese text", f"use the full-width '{HALF_TO_FULL[ch]}'", m.start(), m.end()))
    spaced = next((s for s in _CJK_LATIN_SPACE.finditer(work) if len(s.group(1) or s.group(2)) == 1), None)
    if spaced:
        problems.append(
            Problem(
                "cjk-latin-space",
                f"space between Chinese and Latin text: '{spaced.group(0)}'",
                "house style sets them without a space (CSCO年会, 5年)",
                spaced.start(),
                spaced.end(),
            )
        )
    problem = unbalanced(work)
    if problem:
        problems.append(Problem("balance", f"unbalanced quotes or brackets: {problem}", "close every “ ” 《 》 （ ） in the same entry"))
    wide = _FULLWIDTH_FIGURE.search(work)
    if wide:
        problems.append(
            Problem("fullwidth-figures", f"full-width figures '{wide.group(0)}'", "write digits and % half-width: 40%, 2025年", wide.start(), wide.end())
        )
    if not has_han(work):
        return problems
    problems += _ranges(work)
    in_ranges = {m.start(3) for m in _RANGE.finditer(work)}
    for m in _LONE_EM_DASH.finditer(work):
        if m.start() in in_ranges:
            continue
        if re.search(r"\d[年月日号]$", work[: m.start()]) and re.match(r"\d", work[m.end() :]):
            continue  # 2025年9月10日—14日, 5月30日—6月3日
        problems.append(Problem("lone-dash", "a lone em dash '—'", "write a dash as two em dashes ——", m.start(), m.end()))
        break
    before_percent = _SPACE_PERCENT.search(work)
    if before_percent:
        problems.append(
            Problem("space-percent", "a space before '%'", "write the percent sign right after the figure: 40%", before_percent.start(), before_percent.end())
        )
    problems += _ideographic_spaces(work)
    for m in _STRAIGHT_QUOTED.finditer(work):
        if has_han(m.group(1)):
            # quoting a command or a value ("-n 字符串") is code, as software catalogs write it
            rule = "straight-quotes-code" if re.search(r"[A-Za-z0-9%<>-]", m.group(1)) else "straight-quotes"
            problems.append(Problem(rule, f"straight quotes in Chinese text: {m.group(0)}", "use “ ” (or 「 」)", m.start(), m.end()))
            break
    else:
        if work.count('"') % 2 and re.search(rf'[{HAN}]"|"[{HAN}]', work):
            problems.append(Problem("straight-quotes", "a straight quote '\"' in Chinese text", "use “ ” (or 「 」)"))
    problems += _data_numerals(work)
    return problems


_FULLWIDTH_PUNCT = re.compile(f"[{FULLWIDTH_PUNCTUATION}]")


def english_typography(text: str) -> list[Problem]:
    """Typography problems of an English plain text: full-width punctuation and figures (a text
    that also has Chinese characters may quote Chinese and is left alone)."""
    if has_han(text):
        return []
    problems = []
    m = _FULLWIDTH_PUNCT.search(text)
    if m:
        problems.append(Problem("fullwidth-punctuation", f"full-width '{m.group(0)}' in English text", "use the half-width form", m.start(), m.end()))
    m = _FULLWIDTH_FIGURE.search(text)
    if m:
        problems.append(Problem("fullwidth-figures", f"full-width figures '{m.group(0)}'", "write digits and % half-width", m.start(), m.end()))
    return problems


def uses_cjk_latin_spaces(texts: Iterable[str], minimum: int = 5) -> bool:
    """Whether texts write a space between Chinese and Latin letters or digits as a rule — the
    convention of many zh_CN projects (Django, PostgreSQL, XZ), not the house's: more than half
    of the boundaries have one, over at least ``minimum`` boundaries."""
    spaced = tight = 0
    for text in texts:
        spaced += len(re.findall(rf"[{HAN}] [A-Za-z0-9]|[A-Za-z0-9] [{HAN}]", text))
        tight += len(re.findall(rf"[{HAN}][A-Za-z0-9]|[A-Za-z0-9][{HAN}]", text))
    return spaced + tight >= minimum and spaced > tight


# ================================================================ Word artefacts (source lint, colloquy fix)

#: invisible characters Word and web pages paste into a text: zero-width space, non-joiner and
#: joiner, word joiner, a byte order mark inside the text, the soft hyphen, the Mongolian vowel separator
INVISIBLE = {
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\ufeff": "byte order mark (BOM)",
    "\u00ad": "soft hyphen",
    "\u180e": "Mongolian vowel separator",
}
#: spaces that look like a space and are not one
NBSP = {"\u00a0": "non-breaking space", "\u202f": "narrow non-breaking space", "\u2007": "figure space"}
#: full-width digits and Latin letters (２０２５, ＣＳＣＯ), one for one with their ASCII forms
FULLWIDTH_ALNUM = "".join(chr(c) for c in range(0xFF10, 0xFF1A)) + "".join(chr(c) for c in range(0xFF21, 0xFF3B)) + "".join(chr(c) for c in range(0xFF41, 0xFF5B))
_FULLWIDTH_ALNUM_RUN = re.compile(f"[{FULLWIDTH_ALNUM}]+")
_TO_ASCII_ALNUM = str.maketrans(FULLWIDTH_ALNUM, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_INVISIBLE_RE = re.compile(f"[{''.join(INVISIBLE)}]")
_NBSP_RE = re.compile(f"[{''.join(NBSP)}]")


@dataclass(frozen=True)
class Artefact:
    """A character pasted from Word or the web: its kind (``invisible``, ``nbsp``, ``fullwidth``),
    a description, and where it is (a run of full-width characters is one artefact)."""

    kind: str
    what: str
    start: int
    end: int


def artefacts(text: str) -> list[Artefact]:
    """The Word artefacts of a text, in order."""
    out = [Artefact("invisible", f"{INVISIBLE[m.group(0)]} (U+{ord(m.group(0)):04X})", m.start(), m.end()) for m in _INVISIBLE_RE.finditer(text)]
    out += [Artefact("nbsp", f"{NBSP[m.group(0)]} (U+{ord(m.group(0)):04X})", m.start(), m.end()) for m in _NBSP_RE.finditer(text)]
    out += [Artefact("fullwidth", f"full-width '{m.group(0)}'", m.start(), m.end()) for m in _FULLWIDTH_ALNUM_RUN.finditer(text)]
    return sorted(out, key=lambda a: a.start)


def without_artefacts(text: str) -> str:
    """A text with what cannot change its meaning normalised: invisible characters removed, the
    look-alike spaces made spaces, full-width digits and Latin letters made ASCII."""
    return _NBSP_RE.sub(" ", _INVISIBLE_RE.sub("", text)).translate(_TO_ASCII_ALNUM)


#: ASCII punctuation between two Chinese characters (or a Chinese character and the end of the
#: text): the full-width form is meant. Never a full stop: 3.5 and file.docx are not sentences
_HALF_BETWEEN_HAN = re.compile(rf"(?<=[{HAN}])([,:;?!]) ?(?=[{HAN}“‘《「（]|$)|(?<=[{HAN}])\(([^()]*[{HAN}][^()]*)\)")


def fullwidth_punctuation(text: str) -> str:
    """ASCII , : ; ? ! between Chinese characters made full-width (，：；？！), and ASCII
    parentheses around Chinese text after a Chinese character made （）; nothing inside URLs."""
    spans = [(a, b) for a, b, _ in urls(text)]

    def swap(m: re.Match[str]) -> str:
        if any(a <= m.start() < b for a, b in spans):
            return m.group(0)
        if m.group(1):
            return HALF_TO_FULL[m.group(1)]
        return f"（{m.group(2)}）"

    return _HALF_BETWEEN_HAN.sub(swap, text)


#: a comma or full stop with no space before the next word in English ("counterparts,sparking",
#: "Prof.Michael", "treatment.This"); not in numbers (1,000, 3.5), abbreviations (e.g., U.S.,
#: Ph.D.) or names of files and sites (mediamedic.co)
_EN_NO_SPACE = re.compile(r"(?<=[a-z]),(?=[A-Za-z])|(?<=[a-z]{2})\.(?=[A-Z][a-z])|(?<=\b[A-Z][a-z])\.(?=[A-Z][a-z])")
_DOMAIN = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|cn|gov|edu|io|co|uk|de|fr|jp)\b", re.I)


def english_spacing(text: str) -> list[Problem]:
    """A comma or a full stop not followed by a space in English text (a Word paste that lost it)."""
    work = mask(masked_urls_and_placeholders(text), [m.span() for m in _DOMAIN.finditer(text)], "x")
    out = []
    for m in _EN_NO_SPACE.finditer(work):
        start = max(0, m.start() - 12)
        word = re.search(r"\S*$", text[start : m.start()])
        shown = (word.group(0) if word else "") + text[m.start() : m.start() + 1] + re.match(r"\S*", text[m.end() :]).group(0)  # type: ignore[union-attr]
        out.append(Problem("spacing", f"no space after '{m.group(0)}' in '{shown[:40]}'", f"write '{m.group(0)} ' (a space after it)", m.start(), m.end()))
    return out


def unbalanced_at(text: str) -> tuple[int, str] | None:
    """Where the quotes and brackets of ``text`` stop balancing, and why (see :func:`unbalanced`):
    the offset of the quote that closes nothing, or of the last one never closed."""
    closers = {v: k for k, v in QUOTE_PAIRS.items()}
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch in "’‘":
            continue
        if ch in QUOTE_PAIRS:
            stack.append((ch, i))
        elif ch in closers:
            if not stack or stack[-1][0] != closers[ch]:
                return i, (f"'{ch}' closes nothing" if not stack else f"'{ch}' closes '{stack[-1][0]}'")
            stack.pop()
    if stack:
        return stack[-1][1], f"'{stack[-1][0]}' is never closed"
    return None
