"""[meaning] What changes the clinical meaning while the figures stay the same.

Four comparisons between the source and the translation, each on lexicons of both languages:

* **time units** — a duration keeps its unit: 3年 ↔ three years, not 3个月 (year, month, week,
  day, hour, minute; 岁 and "years of age" are years; "two decades" is 20 years). The same figure
  with another unit changes the figure: an **error**. Calendar dates (2025年, 9月, 10日) are no
  durations, and a figure whose unit the translation says otherwise (12 months ↔ 1年) is left
  to the numbers check.
* **lines of therapy** — first-line, second-line, third-line and later-line (后线, 末线,
  "or later", 及以上) are the same set on both sides. A warning.
* **comparatives and approximations** — the qualifiers of figures: more (over, more than,
  exceeds, at least, or higher ↔ 超过, 以上, 余, 多, 至少, 及以上), less (less than, below, up
  to, at most, no more than ↔ 不足, 低于, 少于, 至多, 最多, 不超过) and about (about, around,
  nearly, roughly ↔ 约, 左右, 近, 接近). A qualifier counts only beside a figure ("over the
  past five years" and 近年来 are none). A figure written in decades (two decades, 廿载) is
  approximate by itself and may stand for 二十余年. A warning.
* **negations** — the number of negations (not, no, never, without, cannot, fail, un-…,
  rather than, instead of ↔ 不, 未, 无法, 没有, 尚无, 并非, 而非, 谢绝, 失败 …) is the same on
  both sides. Words that carry a
  negation character without negating (不良, 不断, 不同, 不足, 无病生存, 未来, 非常, 不可或缺 …)
  are not counted, nor negated comparatives (不超过, "no more than"), which the comparatives
  compare. A warning.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from colloquy.diagnostics import Severity
from colloquy.editions import Locale
from colloquy.qa.base import Finding, Pair
from colloquy.qa.numbers import reading_text
from colloquy.textrules import CN_NUMERALS, EN_NUMBER_WORDS, HAN, Figure, figures, time_unit_figures

# ================================================================ time units


def _fmt(value: Decimal | str) -> str:
    if isinstance(value, str):
        return value
    return format(value.normalize(), "f") if value == value.to_integral() else str(value)


_UNIT_NAMES = {
    "en": {"year": "years", "month": "months", "week": "weeks", "day": "days", "hour": "hours", "minute": "minutes"},
    "zh": {"year": "年", "month": "个月", "week": "周", "day": "天", "hour": "小时", "minute": "分钟"},
}


def _unit(unit: str, chinese: bool) -> str:
    return _UNIT_NAMES["zh" if chinese else "en"][unit]


def _duration(value: str, unit: str, chinese: bool) -> str:
    return f"{value}{_unit(unit, chinese)}" if chinese else f"{value} {_unit(unit, chinese)}"


def time_units(source: str, target: str, src_chinese: bool, tgt_chinese: bool, src_figs: list[Figure], tgt_figs: list[Figure]) -> list[Finding]:
    src = {(v, u) for v, u, _ in time_unit_figures(source, src_chinese, src_figs)}
    tgt = {(v, u) for v, u, _ in time_unit_figures(target, tgt_chinese, tgt_figs)}
    findings = []
    for value, unit in sorted(src - tgt, key=lambda x: (str(x[0]), x[1])):
        others = sorted(u for v, u in tgt - src if v == value)
        if others:
            v = _fmt(value)
            findings.append(
                Finding(
                    "meaning",
                    f"{_duration(v, unit, src_chinese)} in the source is {_duration(v, others[0], tgt_chinese)} in the translation",
                    f"keep the unit of time: {_duration(v, unit, src_chinese)} is {_duration(v, unit, tgt_chinese)}",
                    Severity.ERROR,
                )
            )
    return findings


# ================================================================ lines of therapy

_EN_LINE_ORDINALS = {"first": "1", "front": "1", "1st": "1", "second": "2", "2nd": "2", "third": "3", "3rd": "3", "fourth": "4", "4th": "4"}
_EN_LINE_LATER = ("later", "late", "last", "subsequent")
_EN_LINE = re.compile(r"\b(first|front|1st|second|2nd|third|3rd|fourth|4th|later|late|last|subsequent)(?:[- ]?)(lines?)\b", re.IGNORECASE)
_EN_FRONTLINE = re.compile(r"\bfrontline\b", re.IGNORECASE)
_EN_LINE_SERIES = re.compile(r"\b(first|second|third|fourth)\s+(?:or|and|to)\s+(?=(?:second|third|fourth|later)[- ]lines?\b)", re.IGNORECASE)
_EN_LINE_OR_LATER = re.compile(r"\blines?\b(?:\s+\w+)?\s+(?:or|and)\s+(?:later|beyond|subsequent|above|higher)\b|\bbeyond\s+the\s+\w+[- ]lines?\b", re.IGNORECASE)
_CN_LINE = re.compile(r"(?<!第)([一二三四五]|后|末)线(?!城市|医|护|人员|工作|员工|希望|生机|曙光|之(?!后))")
_CN_LINE_OR_LATER = re.compile(r"[一二三四五]线(?:治疗)?(?:及|或)?(?:以上|以后|之后|后线)")
_CN_LINE_VALUES = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "后": "later", "末": "later"}
_LINE_NAMES = {
    "en": {"1": "first line", "2": "second line", "3": "third line", "4": "fourth line", "5": "fifth line", "later": "later lines"},
    "zh": {"1": "一线", "2": "二线", "3": "三线", "4": "四线", "5": "五线", "later": "后线"},
}


def lines_of_therapy(text: str, chinese: bool) -> set[str]:
    """The lines of therapy a text names: "1", "2", "3", "4", "5", "later"."""
    found: set[str] = set()
    if chinese:
        for m in _CN_LINE.finditer(text):
            found.add(_CN_LINE_VALUES[m.group(1)])
        if _CN_LINE_OR_LATER.search(text):
            found.add("later")
        return found
    for m in _EN_LINE.finditer(text):
        word = m.group(1).lower()
        found.add("later" if word in _EN_LINE_LATER else _EN_LINE_ORDINALS[word])
    if _EN_FRONTLINE.search(text):
        found.add("1")
    for m in _EN_LINE_SERIES.finditer(text):
        found.add(_EN_LINE_ORDINALS[m.group(1).lower()])
    if found and _EN_LINE_OR_LATER.search(text):
        found.add("later")
    return found


def _lines(found: set[str], chinese: bool) -> str:
    names = _LINE_NAMES["zh" if chinese else "en"]
    return ", ".join(names[x] for x in sorted(found)) or "none"


#: lines of therapy are compared where the text speaks of treatment (a "first line" of a file is none)
_CLINICAL = re.compile(
    r"therap|treat|regimen|chemo|patient|setting|drug|agent|relaps|refractor|lymphoma|myeloma|leuk|cancer|tumou?r|治疗|方案|化疗|患者|用药|药物|复发|难治",
    re.IGNORECASE,
)


def lines(source: str, target: str, src_chinese: bool, tgt_chinese: bool) -> list[Finding]:
    if not (_CLINICAL.search(source) or _CLINICAL.search(target)):
        return []
    src, tgt = lines_of_therapy(source, src_chinese), lines_of_therapy(target, tgt_chinese)
    if src == tgt:
        return []
    return [
        Finding(
            "meaning",
            f"lines of therapy differ: {_lines(src, src_chinese)} in the source, {_lines(tgt, tgt_chinese)} in the translation",
            "translate each line of therapy as the source names it (first-line 一线, second-line 二线, later-line 后线)",
            Severity.WARNING,
        )
    ]


# ================================================================ comparatives and approximations

MORE, LESS, ABOUT = "more", "less", "about"
#: what a qualifier qualifies: digits, a placeholder, a number word, a metavariable (NUM)
_EN_FIGURE = rf"(?:\d|%\(|%\d*\$?[sdiu]|\{{|(?-i:\b[A-Z]{{2,}}\b(?![-\w]))|\b(?:one|half|{'|'.join(EN_NUMBER_WORDS)})\b)"
_EN_BEFORE = {
    MORE: [
        "more than", "over", "above", "exceeds?", "exceeded", "exceeding", "greater than", "higher than", "larger than",
        "longer than", "older than", "at least", "no less than", "not less than", "no fewer than", "not fewer than",
        "beyond", "upwards of", "in excess of", "surpass(?:es|ed)?", "greater than or equal to", "more than or equal to",
    ],
    LESS: [
        "less than", "fewer than", "below", "under", "up to", "at most", "no more than", "not more than",
        "(?:must|should|does|do|did|may|can|will)? ?not exceed", "not greater than", "no greater than", "lower than",
        "smaller than", "shorter than", "younger than", "less than or equal to", "a maximum of", "no longer than",
    ],
    ABOUT: [
        "about", "around", "approximately", "roughly", "nearly", "almost", "some", "close to", "approach(?:es|ed|ing)?",
        "circa", "an estimated", "~",
    ],
}  # fmt: skip
_EN_AFTER = {
    MORE: ["or more", "or higher", "or above", "or older", "or longer", "and above", "and over", "and older", "plus"],
    LESS: ["or less", "or fewer", "or lower", "or younger", "or shorter", "or below", "and below", "and under"],
    ABOUT: ["or so"],
}
_CN_FIGURE = rf"(?:\d|%\(|%\d*\$?[sdiu]|\{{|[{CN_NUMERALS}半]|数量)"
_CN_BEFORE = {
    MORE: ["超过", "逾", "高于", "大于", "多于", "至少", "最少", "最短", "不少于", "不低于", "不小于", "不短于", "大于或等于", "不(?:应该?|得|能|可|会|要)?(?:少于|低于|小于)"],
    LESS: ["不足", "低于", "少于", "小于", "至多", "最多", "最长", "不到", "未满", "小于或等于", "不(?:应该?|得|能|可|会|要)?(?:超过|大于|多于|高于)"],
    ABOUT: ["约", "大约", "大概", "将近", "接近", "近", "差不多"],
}
#: adverbs that may stand a few characters before their figure (至少间隔3个月, 最多提交 %(num)d 个)
_CN_ADVERBS = ("至少", "至多", "最多", "最少", "最长", "最短")
#: 约 may take a verb before its figure (约为55岁, 约占60%, 约有30%)
_CN_ABOUT_VERBS = "为有占是达"
_CN_AFTER = {MORE: ["以上", "有余"], LESS: ["以下"], ABOUT: ["左右", "上下"]}
#: what may stand between a figure and its qualifier: % or a unit (10年以上, 3级及以上, 100万元以上)
_CN_UNIT_GAP = rf"(?:[%％]|[{HAN}]{{1,2}}?)?\s*(?:及|或)?"
_CN_APPROX_INSIDE = re.compile(rf"(?<=[\d{CN_NUMERALS}])[余多](?=[{HAN}])")


def _alternatives(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


def _phrases(table: dict[str, list[str]], before: str, after: str, flags: int = 0) -> re.Pattern[str]:
    """One pattern for every phrase of a table, the longest first (不超过 before 超过), each in a
    group named after its class."""
    phrases = sorted(((w, cls) for cls, words in table.items() for w in words), key=lambda x: len(x[0]), reverse=True)
    body = "|".join(f"(?P<{cls}{i}>{w})" for i, (w, cls) in enumerate(phrases))
    return re.compile(f"{before}(?:{body}){after}", flags)


def _class(m: re.Match[str]) -> str:
    assert m.lastgroup is not None
    return m.lastgroup.rstrip("0123456789")


_EN_BEFORE_RE = _phrases(_EN_BEFORE, r"(?<![\w-])", rf"\s*(?={_EN_FIGURE})", re.IGNORECASE)
_EN_AFTER_RE = _phrases(_EN_AFTER, rf"{_EN_FIGURE}[\w.,%]*(?:\s+[a-z]+)?\s+", r"\b", re.IGNORECASE)
_CN_BEFORE_RE = _phrases(_CN_BEFORE, "", rf"\s*(?={_CN_FIGURE})")
_CN_ADVERB_RE = re.compile(rf"(?:{'|'.join(_CN_ADVERBS)})[{HAN}]{{1,3}}\s*(?={_CN_FIGURE})")
_CN_ABOUT_VERB_RE = re.compile(rf"约[{_CN_ABOUT_VERBS}]\s*(?={_CN_FIGURE})")
_CN_AFTER_RE = _phrases(_CN_AFTER, rf"(?<=[\d{CN_NUMERALS}%半数])(?<!线){_CN_UNIT_GAP}", "")
#: 近 is "recent" before years (近10年来, 近几年): no approximation
_CN_RECENT = re.compile(r"近\s*(?:\d+|[一二两三四五六七八九十几]+)\s*(?:个)?年(?:来|间|中)")
#: a qualifier after a line of therapy (三线及以上) is a line of therapy, compared as such
_CN_LINE_QUALIFIER = re.compile(r"线(?:治疗)?(?:及|或)?以上")


def qualifiers(text: str, chinese: bool) -> Counter[str]:
    """How many figures of a text are qualified as more, less or about."""
    found: Counter[str] = Counter()
    taken: list[tuple[int, int]] = []

    def add(cls: str, span: tuple[int, int]) -> None:
        if not any(a < span[1] and span[0] < b for a, b in taken):
            taken.append(span)
            found[cls] += 1

    if chinese:
        text = _CN_RECENT.sub(lambda m: "　" * len(m.group(0)), text)
        text = _CN_LINE_QUALIFIER.sub(lambda m: "　" * len(m.group(0)), text)
        for m in _CN_BEFORE_RE.finditer(text):
            add(_class(m), m.span())
        for m in _CN_ADVERB_RE.finditer(text):
            add(MORE if m.group(0)[:2] in ("至少", "最少", "最短") else LESS, (m.start(), m.start() + 2))
        for m in _CN_ABOUT_VERB_RE.finditer(text):
            add(ABOUT, (m.start(), m.start() + 1))
        for m in _CN_AFTER_RE.finditer(text):
            add(_class(m), m.span())
        for m in _CN_APPROX_INSIDE.finditer(text):
            add(MORE, m.span())
        return found
    for m in _EN_BEFORE_RE.finditer(text):
        add(_class(m), m.span())
    for m in _EN_AFTER_RE.finditer(text):
        add(_class(m), m.span())
    return found


_QUALIFIER_NAMES = {
    "en": {MORE: "more than / over", LESS: "less than / up to", ABOUT: "about"},
    "zh": {MORE: "超过 / 以上", LESS: "不足 / 至多", ABOUT: "约 / 左右"},
}


def comparatives(source: str, target: str, src_chinese: bool, tgt_chinese: bool, src_figs: list[Figure], tgt_figs: list[Figure]) -> list[Finding]:
    src, tgt = qualifiers(source, src_chinese), qualifiers(target, tgt_chinese)
    if src == tgt:
        return []
    # a figure in decades ("two decades", 廿载) is approximate by itself: it answers for one qualifier
    loose = sum(1 for f in src_figs + tgt_figs if f.kind == "decade")
    diff = (src - tgt) + (tgt - src)
    if sum(diff.values()) <= loose:
        return []
    names_src = _QUALIFIER_NAMES["zh" if src_chinese else "en"]
    names_tgt = _QUALIFIER_NAMES["zh" if tgt_chinese else "en"]
    lost = sorted((src - tgt).elements())
    added = sorted((tgt - src).elements())
    parts = []
    if lost:
        parts.append("the source's " + ", ".join(f"'{names_src[c]}'" for c in lost) + " " + ("is" if len(lost) == 1 else "are") + " not in the translation")
    if added:
        parts.append("the translation adds " + ", ".join(f"'{names_tgt[c]}'" for c in added))
    return [
        Finding(
            "meaning",
            "comparatives or approximations differ: " + "; ".join(parts),
            "keep each qualifier of a figure: over 10 years is 10年以上 or 超过10年, about 40% is 约40%, less than 2% is 不足2%",
            Severity.WARNING,
        )
    ]


# ================================================================ negations

_EN_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nothing|neither|nor|without|cannot|unable|unfit|ineligible|ineffective|impossible|invalid|"
    r"rather\s+than|instead\s+of|fail(?:s|ed|ing|ures?)?|too\s+\w+\s+to)\b|n[’']t\b|\bnon-"
    # un- adjectives and participles (unaligned, unacceptable, unknown, unlikely), not reversing
    # verbs (unpack, unset) nor unit, union, unique, under …
    r"|\bun(?!der|i|til|to\b|ary\b)[a-z]{2,}(?:ed|able|ible|wn|ly|al|ful|ive|ent|ant|ous|ing|ain|ar)\b",
    re.IGNORECASE,
)
#: negations that are comparatives ("no more than"): the comparatives compare them
_EN_NOT_COUNTED = re.compile(
    r"\b(?:no|not)\s+(?:more|less|fewer|greater|longer|higher|lower)\s+than\b|\b(?:must|should|does|do|did|may|can|will)?\s*not\s+exceed\b"
    r"|\bnot\s+only\b|\bno\s+\d"
    # "no reproduction without permission" is one prohibition (谢绝转载); "without treatment" is
    # treatment-free, as 无治疗 (neither language counts the "-free" of a disease or a therapy)
    r"|\bwithout\s+(?:prior\s+)?(?:written\s+)?permission\b|\bwithout\s+(?:any\s+)?(?:treatment|therapy|chemotherapy|progression|relapse|disease)\b",
    re.IGNORECASE,
)
#: 失败 is "fail": 删除目录失败 (failed to remove the directory), 治疗失败 (treatment failure)
_CN_NEGATION = re.compile(r"不|未(?!来)|没|无|非(?!常|洲|凡)|勿|谢绝|禁止|严禁|失败")
#: words with a negation character that do not negate, and negated comparatives
_CN_NOT_COUNTED = re.compile(
    r"不良|不断|不同|不足|不到|未满|不少|不过|不久|不论|不管|不禁|不一|不等|不止|不仅|不可或缺|不懈|不治之症|不得不|不妨|不如|不利|"
    r"不(?:应该?|得|能|可|会|要)?(?:超过|大于|多于|高于|少于|低于|小于|短于)|"
    r"无(?:病|疾病|瘤|进展|事件|治疗|化疗|复发|转移|症状|论|数|私|关紧要|疑)|毫无疑问|是否|否则|除非|并非|"
    r"前所未有"
)
#: counted once: 并非 (not), 除非 (unless), 前所未有 (unprecedented)
_CN_SINGLE = re.compile(r"并非|除非|前所未有")


#: command-line options (--no-sync, -N) are names, not prose
_OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*(?:=[^\s,;，；）)]*)?")


def negations(text: str, chinese: bool) -> int:
    """How many negations a text says."""
    text = _OPTION.sub(lambda m: " " * len(m.group(0)), text)
    if chinese:
        singles = len(_CN_SINGLE.findall(text))
        text = _CN_NOT_COUNTED.sub(lambda m: "　" * len(m.group(0)), text)
        return len(_CN_NEGATION.findall(text)) + singles
    text = _EN_NOT_COUNTED.sub(lambda m: " " * len(m.group(0)), text)
    return len(_EN_NEGATION.findall(text))


def negation(source: str, target: str, src_chinese: bool, tgt_chinese: bool) -> list[Finding]:
    src, tgt = negations(source, src_chinese), negations(target, tgt_chinese)
    if src == tgt:
        return []
    return [
        Finding(
            "meaning",
            f"{src} negation(s) in the source, {tgt} in the translation: the statement may say the opposite",
            "check that what is (not) achieved, approved or recommended stays so: 可实现 is 'can achieve', 尚无法实现 'cannot yet achieve'",
            Severity.WARNING,
        )
    ]


# ================================================================ the check


def check(source: str, target: str, source_locale: Locale, target_locale: Locale) -> list[Finding]:
    src_chinese, tgt_chinese = source_locale.house.chinese, target_locale.house.chinese
    if src_chinese == tgt_chinese:
        return []  # the lexicons compare Chinese with English
    src_text, tgt_text = reading_text(source), reading_text(target)
    src_figs, tgt_figs = figures(src_text, src_chinese), figures(tgt_text, tgt_chinese)
    return (
        time_units(src_text, tgt_text, src_chinese, tgt_chinese, src_figs, tgt_figs)
        + lines(src_text, tgt_text, src_chinese, tgt_chinese)
        + comparatives(src_text, tgt_text, src_chinese, tgt_chinese, src_figs, tgt_figs)
        + negation(src_text, tgt_text, src_chinese, tgt_chinese)
    )


class MeaningCheck:
    code = "meaning"
    description = "time units, lines of therapy, comparatives and approximations, negations (warnings; a changed unit of a figure is an error)"
    domains: tuple[str, ...] = ("article", "ui")

    def check(self, pair: Pair) -> list[Finding]:
        return check(pair.source, pair.target, pair.source_locale, pair.target_locale)


MEANING = MeaningCheck()
