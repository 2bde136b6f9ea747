"""Mutation rules: each plants ONE error of its category in a known-good pair.

A rule is a function ``rule(pair) -> dict | None``: the mutated pair (the good pair's
source, a target with one planted error), or None when the rule does not apply to the
pair. Rules change the *target* only, once, and never inside a URL, a placeholder or an
HTML tag unless that is the point of the rule (markup). Every rule declares its category
and the directions it applies to (``en>zh_CN``, ``zh_CN>en``).

Which pairs a rule may mutate: those whose ``categories`` include the rule's category.
Third-party pairs (``origin: external:…``) count for numbers, markup and meaning only, so
typography and terminology rules touch the house's and the seed's pairs only.

:func:`generate` applies every rule to every good pair, in file order, rule by rule: the
result is deterministic (no randomness) and is what :mod:`score` measures.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import cn2an

CATEGORIES = ("numbers", "markup", "terminology", "typography", "meaning")
EN_ZH = "en>zh_CN"
ZH_EN = "zh_CN>en"
BOTH = (EN_ZH, ZH_EN)

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# spans a rule must not touch (unless it is a markup rule aimed at them): link targets, URLs,
# HTML tags, placeholders of every syntax the corpus has, code spans
_PROTECT = re.compile(
    r"\]\([^)]*\)"
    r"|https?://[\w.-]+\.[A-Za-z]{2,}[^\s)\]>\"'，。）]*"
    r"|<[^>\n]+>"
    r"|%\(\w+\)[a-zA-Z]"
    r"|%\d+\$[a-zA-Z]"
    r"|%[-+ #0]*\d*(?:\.\d+)?(?:ll|l|z|h)?[a-zA-Z]"
    r"|\{\w*\}"
    r"|`[^`]*`"
)


def protected(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PROTECT.finditer(text)]


def _first(pattern: re.Pattern[str], text: str, group: int | str = 0) -> re.Match[str] | None:
    """The first match of ``pattern`` whose ``group`` does not overlap a protected span."""
    spans = protected(text)
    for m in pattern.finditer(text):
        a, b = m.span(group)
        if a == b and a == -1:
            continue
        if not any(x < b and a < y for x, y in spans):
            return m
    return None


def _splice(text: str, m: re.Match[str], new: str, group: int | str = 0) -> str:
    a, b = m.span(group)
    return text[:a] + new + text[b:]


@dataclass(frozen=True)
class Rule:
    name: str
    category: str
    directions: tuple[str, ...]
    what: str
    change: Callable[[str], tuple[str, str] | None]  # target → (mutated target, what changed)

    def __call__(self, pair: dict) -> dict | None:
        direction = f"{pair['source_locale']}>{pair['target_locale']}"
        if direction not in self.directions or self.category not in pair_categories(pair):
            return None
        target = pair["targets"][0] if pair.get("targets") else pair["target"]
        out = self.change(target)
        if out is None or out[0] == target:
            return None
        new, detail = out
        mutated = {
            "id": f"mut-{self.name}-{pair['id']}",
            "category": self.category,
            "rule": self.name,
            "source_locale": pair["source_locale"],
            "target_locale": pair["target_locale"],
            "source": pair["source"],
            "target": new,
            "what": f"{self.what}: {detail}",
            "base": pair["id"],
        }
        for key in ("domain", "plural", "context"):
            if key in pair:
                mutated[key] = pair[key]
        if pair.get("targets"):
            mutated["targets"] = [new, *pair["targets"][1:]]
        return mutated


RULES: list[Rule] = []


def rule(category: str, directions: tuple[str, ...], what: str) -> Callable[[Callable[[str], tuple[str, str] | None]], Rule]:
    assert category in CATEGORIES

    def register(fn: Callable[[str], tuple[str, str] | None]) -> Rule:
        r = Rule(fn.__name__, category, directions, what, fn)
        RULES.append(r)
        return r

    return register


def pair_categories(pair: dict) -> tuple[str, ...]:
    """The categories a good pair counts for: all five unless it says otherwise."""
    return tuple(pair.get("categories") or CATEGORIES)


def _is_zh(text: str) -> bool:
    return re.search(f"[{HAN}]", text) is not None


def _swap(pairs: Iterable[tuple[str, str]], text: str, *, words: bool = False, flags: int = 0) -> tuple[str, str] | None:
    """Replace the leftmost occurrence of any ``old`` (longest first at the same place) by its ``new``."""
    table = dict(pairs)
    alts = sorted(table, key=len, reverse=True)
    body = "|".join(re.escape(a) for a in alts)
    pattern = re.compile(rf"(?<![\w*-])(?:{body})(?![\w*-])" if words else f"(?:{body})", flags)
    m = _first(pattern, text)
    if m is None:
        return None
    found = m.group(0)
    new = table.get(found)
    if new is None:  # matched case-insensitively
        key = next(k for k in table if k.lower() == found.lower())
        new = table[key]
        if found[:1].isupper():
            new = new[:1].upper() + new[1:]
    return _splice(text, m, new), f"{found} → {new}"


# ======================================================================== numbers

_FIGURE = re.compile(r"(?<![A-Za-z\d.,])\d+(?:\.\d+)?(?![A-Za-z\d])")


@rule("numbers", BOTH, "a figure changed (last digit)")
def number_digit_changed(target: str) -> tuple[str, str] | None:
    m = _first(_FIGURE, target)
    if m is None:
        return None
    old = m.group(0)
    last = int(old[-1])
    new = old[:-1] + str(8 if last == 9 else last + 1)
    return _splice(target, m, new), f"{old} → {new}"


_TWO_DIGITS = re.compile(r"(?<![A-Za-z\d.,])(\d)([1-9])(\d*)(?![A-Za-z\d])")


@rule("numbers", BOTH, "two digits of a figure transposed")
def number_digits_transposed(target: str) -> tuple[str, str] | None:
    spans = protected(target)
    for m in _TWO_DIGITS.finditer(target):
        if m.group(1) == m.group(2) or any(x < m.end() and m.start() < y for x, y in spans):
            continue
        new = m.group(2) + m.group(1) + m.group(3)
        return _splice(target, m, new), f"{m.group(0)} → {new}"
    return None


_ZH_COUNTED = re.compile(r"(?<![A-Za-z\d.,])\d+(?:\.\d+)?(?=[种例款名家位项个倍篇])")
_EN_COUNTED = re.compile(r"(?<![\w.,/–-])(?<!day )(?<!days )(?!1\b)\d+(?:,\d{3})*(?:\.\d+)?(?! ?[–/-])(?= (?!of\b|and\b|or\b|to\b)[a-z])")


@rule("numbers", BOTH, "a figure dropped (replaced by a vague quantity)")
def number_dropped(target: str) -> tuple[str, str] | None:
    if _is_zh(target):
        m = _first(_ZH_COUNTED, target)
        new = "多"
    else:
        m = _first(_EN_COUNTED, target)
        new = "several"
    if m is None:
        return None
    return _splice(target, m, new), f"{m.group(0)} → {new}"


_EN_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
_EN_WORD = re.compile(rf"\b(?:{'|'.join(_EN_WORDS)})\b", re.IGNORECASE)
_ZH_NUMERAL = re.compile(
    r"(?<![一二两三四五六七八九十百千])(第?)([二两三四五六七八九十][一二三四五六七八九十百]*)(?=[代位种款大类个项次倍名届])"
)


@rule("numbers", BOTH, "a number word or Chinese numeral changed")
def number_word_changed(target: str) -> tuple[str, str] | None:
    if _is_zh(target):
        m = _first(_ZH_NUMERAL, target, 2)
        if m is None:
            return None
        try:
            value = int(cn2an.cn2an(m.group(2).replace("两", "二"), "normal"))
        except (ValueError, KeyError, IndexError, TypeError):
            return None
        new = cn2an.an2cn(str(value + 1))
        return _splice(target, m, new, 2), f"{m.group(2)} → {new}"
    m = _first(_EN_WORD, target)
    if m is None:
        return None
    old = m.group(0)
    i = _EN_WORDS.index(old.lower())
    new = _EN_WORDS[i + 1] if i + 1 < len(_EN_WORDS) else "thirteen"
    if old[0].isupper():
        new = new.capitalize()
    return _splice(target, m, new), f"{old} → {new}"


# ======================================================================== meaning

_ZH_UNIT = re.compile(r"(?P<n>\d+(?:\.\d+)?(?:～\d+(?:\.\d+)?)?|%\(\w+\)d|%s|\{\w+\})\s*(?P<u>个月|小时|年|周|天)(?![月代])")
_ZH_NEXT_UNIT = {"年": "个月", "个月": "周", "周": "天", "天": "周", "小时": "分钟"}
_EN_UNIT = re.compile(
    r"(?P<n>\d+(?:\.\d+)?(?:–\d+)?|%\(\w+\)d|%s|\{\w+\}|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))"
    r"(?P<sep>[ -])(?P<u>years?|months?|weeks?|days?|hours?)\b",
    re.IGNORECASE,
)
_EN_NEXT_UNIT = {"year": "month", "month": "week", "week": "day", "day": "week", "hour": "minute"}


@rule("meaning", BOTH, "a time unit changed (年/个月/周/天 ↔ years/months/weeks/days)")
def time_unit_changed(target: str) -> tuple[str, str] | None:
    if _is_zh(target):
        spans = protected(target)
        for m in _ZH_UNIT.finditer(target):
            n = m.group("n")
            if re.fullmatch(r"\d{4}", n) or any(
                x < m.end() and m.start() < y for x, y in spans if not (x <= m.start("n") and m.end("n") <= y)
            ):
                continue  # a calendar year (2025年), not a duration
            new = _ZH_NEXT_UNIT[m.group("u")]
            return _splice(target, m, new, "u"), f"{n}{m.group('u')} → {n}{new}"
        return None
    for m in _EN_UNIT.finditer(target):
        if any(x < m.end("u") and m.start("u") < y for x, y in protected(target)):
            continue
        unit = m.group("u")
        base = unit.lower().rstrip("s")
        new = _EN_NEXT_UNIT[base] + ("s" if unit.lower().endswith("s") else "")
        return _splice(target, m, new, "u"), f"{m.group(0)} → {m.group('n')}{m.group('sep')}{new}"
    return None


@rule("meaning", BOTH, "the line of therapy changed (一线/二线/后线 ↔ first/second/later line)")
def line_of_therapy_changed(target: str) -> tuple[str, str] | None:
    if _is_zh(target):
        out = _swap([("二线", "一线"), ("后线", "一线"), ("三线", "一线")], target)
        return out or _swap([("一线", "二线")], target)
    later = [
        ("second-line", "first-line"), ("second line", "first line"),
        ("later-line", "first-line"), ("later lines", "first line"), ("later line", "first line"),
        ("late-line", "first-line"), ("third line", "first line"), ("third-line", "first-line"),
    ]  # fmt: skip
    out = _swap(later, target, words=True, flags=re.IGNORECASE)
    return out or _swap([("first-line", "second-line"), ("first line", "second line")], target, words=True, flags=re.IGNORECASE)


_ZH_COMPARATIVES = [
    ("超过", "约"), ("约", "超过"), ("不足", "超过"), ("低于", "高于"), ("高于", "低于"), ("小于", "大于"), ("大于", "小于"),
    ("少于", "多于"), ("至多", "至少"), ("至少", "至多"), ("最多", "最少"), ("最长", "最短"), ("近", "超过"),
]  # fmt: skip
_EN_COMPARATIVES = [
    ("more than", "about"), ("over", "about"), ("about", "more than"), ("less than", "more than"), ("fewer than", "more than"),
    ("up to", "at least"), ("at least", "up to"), ("at most", "at least"), ("nearly", "more than"), ("around", "more than"),
    ("above", "below"), ("below", "above"), ("exceeds", "approaches"), ("exceeded", "approached"), ("roughly", "more than"),
]  # fmt: skip
_NUMBERISH = r"(?=\s*(?:\d|%\(|%[sd]|\{|NUM|one\b|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b|half\b|指定|[一二两三四五六七八九十半]))"


@rule("meaning", BOTH, "a comparative or approximation changed (超过/约/不足/至多 ↔ over/about/less than/up to)")
def comparative_changed(target: str) -> tuple[str, str] | None:
    if _is_zh(target):
        table = dict(_ZH_COMPARATIVES)
        body = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
        pattern = re.compile(rf"(?<!不)(?:{body})(?:或等于)?{_NUMBERISH}")
    else:
        table = dict(_EN_COMPARATIVES)
        body = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
        pattern = re.compile(rf"\b(?:{body})\b{_NUMBERISH}", re.IGNORECASE)
    m = _first(pattern, target)
    if m is None:
        return None
    found = m.group(0)
    key = next(k for k in sorted(table, key=len, reverse=True) if found.lower().startswith(k))
    new = table[key] + found[len(key) :]
    if found[:1].isupper():
        new = new[:1].upper() + new[1:]
    return _splice(target, m, new), f"{found} → {new}"


_ZH_QUALIFIER = re.compile(
    rf"(?:超过|不足|约|近|至多|至少)(?=\d|[一二两三四五六七八九十半])|(?<=[\d%年岁例个月周天])以上|(?<=[\d十百])[余多](?=[{HAN}])|(?<=[\d%岁])左右"
)
_EN_QUALIFIER = re.compile(
    r"\b(?:more than|over|about|less than|fewer than|up to|at least|at most|nearly|around|roughly|above|below) " + _NUMBERISH, re.IGNORECASE
)


@rule("meaning", BOTH, "a comparative or approximation dropped (10年以上 → 10年, about 40% → 40%)")
def comparative_dropped(target: str) -> tuple[str, str] | None:
    if _is_zh(target):
        m = _first(_ZH_QUALIFIER, target)
        if m is None:
            return None
        return _splice(target, m, ""), f"{m.group(0)} dropped"
    m = _first(_EN_QUALIFIER, target)
    if m is None:
        return None
    new = _splice(target, m, "")
    if m.start() == 0:
        new = new[:1].upper() + new[1:]
    return new, f"{m.group(0).strip()} dropped"


_ZH_NEGATION = [
    ("尚无法实现", "可实现"), ("可实现", "尚无法实现"), ("已获批", "尚未获批"), ("尚未", "已"), ("未能", "能够"), ("不能", "能"),
    ("无法", "可以"), ("可以", "无法"), ("能够", "不能"), ("不再是", "仍是"), ("不推荐", "推荐"), ("不支持", "支持"), ("不会", "会"),
    ("不用", "需要"), ("不应该", "应该"), ("不存在", "存在"), ("没有", "有"), ("尚无", "已有"), ("有效", "无效"),
    ("显著延长", "未显著延长"), ("显著改善", "未显著改善"), ("显著提高", "未显著提高"), ("可使", "未能使"), ("可改善", "不能改善"),
    ("必须不", "必须"), ("不大于", "大于"), ("不超过", "超过"), ("并非所有", "所有"), ("未发现", "发现"), ("未增加", "增加"),
    ("未达到", "达到"), ("不可耐受", "可耐受"),
]  # fmt: skip
_EN_NEGATION = [
    ("cannot yet", "can now"), ("can now", "cannot yet"), ("cannot", "can"), ("can't", "can"), ("can also", "cannot"),
    ("can still", "can no longer"), ("can be", "cannot be"), ("can", "cannot"), ("did not", "did"), ("does not", "does"),
    ("do not", "do"), ("has not yet been", "has already been"), ("has not been", "has been"), ("have been", "have not been"),
    ("has been", "has not been"), ("was approved", "was not approved"), ("is approved", "is not approved"), ("not yet", "already"),
    ("is not", "is"), ("are not", "are"), ("no longer", "still"), ("no evidence", "evidence"), ("must not", "must"),
    ("won't", "will"), ("couldn’t", "could"), ("doesn’t", "does"), ("without", "with"), ("not", ""),
    ("is now recommended", "is not recommended"), ("remains", "no longer remains"), ("remain", "no longer remain"),
]  # fmt: skip


@rule("meaning", BOTH, "a negation flipped (可实现 ↔ 尚无法实现, can ↔ cannot)")
def negation_flipped(target: str) -> tuple[str, str] | None:
    if _is_zh(target):
        return _swap(_ZH_NEGATION, target)
    out = _swap(_EN_NEGATION, target, words=True, flags=re.IGNORECASE)
    if out is not None:
        out = (re.sub(r"  +", " ", out[0]), out[1])
    return out


# ======================================================================== markup

_STRONG = re.compile(r"\*\*(?P<inner>[^*]+?)\*\*|<strong>(?P<html>.*?)</strong>")
_EM = re.compile(r"(?<![*\w])\*(?P<inner>[^*\s][^*]*?)\*(?![*\w])")
_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<url>[^)\s]+)\)|<a [^>]*>(?P<html>.*?)</a>")
_URL = re.compile(r"\]\((?P<md>[^)\s]+)\)|href=\"(?P<href>[^\"]+)\"|(?P<bare>https?://[\w.-]+\.[A-Za-z]{2,}[^\s)\]>\"'，。）]*)")
_PLACEHOLDER = re.compile(r"%\(\w+\)[a-zA-Z]|%\d+\$[a-zA-Z]|\{\w*\}|%l?[sdux]")


@rule("markup", BOTH, "strong (**…** or <strong>) dropped")
def strong_dropped(target: str) -> tuple[str, str] | None:
    m = _STRONG.search(target)
    if m is None:
        return None
    inner = m.group("inner") if m.group("inner") is not None else m.group("html")
    return _splice(target, m, inner), f"{m.group(0)} → {inner}"


@rule("markup", BOTH, "emphasis (*…*) dropped")
def emphasis_dropped(target: str) -> tuple[str, str] | None:
    m = _EM.search(target)
    if m is None:
        return None
    return _splice(target, m, m.group("inner")), f"{m.group(0)} → {m.group('inner')}"


@rule("markup", BOTH, "a link dropped (its text kept)")
def link_dropped(target: str) -> tuple[str, str] | None:
    m = _LINK.search(target)
    if m is None:
        return None
    text = m.group("text") if m.group("text") is not None else m.group("html")
    return _splice(target, m, text), f"link around '{text}' dropped"


def _other_url(url: str) -> str:
    digits = [i for i, c in enumerate(url) if c.isdigit()]
    if digits and "%" not in url[digits[-1] - 2 : digits[-1]]:
        i = digits[-1]
        return url[:i] + str((int(url[i]) + 1) % 10) + url[i + 1 :]
    return url.rstrip("/") + "/zh/"


@rule("markup", BOTH, "a link or URL changed")
def link_url_changed(target: str) -> tuple[str, str] | None:
    m = _URL.search(target)
    if m is None:
        return None
    group = next(g for g in ("md", "href", "bare") if m.group(g) is not None)
    url = m.group(group)
    new = _other_url(url)
    return _splice(target, m, new, group), f"{url} → {new}"


@rule("markup", BOTH, "a placeholder dropped")
def placeholder_dropped(target: str) -> tuple[str, str] | None:
    m = _PLACEHOLDER.search(target)
    if m is None:
        return None
    new = _splice(target, m, "")
    new = re.sub(r"(?<=\S)  +(?=\S)", " ", new)
    return new, f"{m.group(0)} dropped"


@rule("markup", BOTH, "a placeholder renamed or renumbered")
def placeholder_renamed(target: str) -> tuple[str, str] | None:
    m = _PLACEHOLDER.search(target)
    if m is None:
        return None
    old = m.group(0)
    if old.startswith("%("):
        new = re.sub(r"%\((\w+)\)", "%(名称)", old)
    elif old.startswith("{"):
        new = "{名称}" if old != "{}" else "{1}"
    elif "$" in old:
        n = int(old[1 : old.index("$")])
        new = f"%{n + 1 if n < 9 else 1}{old[old.index('$') :]}"
    else:
        new = {"%s": "%d", "%d": "%s", "%u": "%s", "%x": "%s", "%ls": "%s", "%ld": "%s", "%lu": "%s", "%lx": "%s"}[old]
    return _splice(target, m, new), f"{old} → {new}"


# ======================================================================== typography (Chinese targets of the house style)

_RANGE = re.compile(r"(\d+(?:\.\d+)?%?)～(\d)")


@rule("typography", (EN_ZH,), "a range between figures written with a hyphen (house: ～)")
def range_hyphen(target: str) -> tuple[str, str] | None:
    m = _first(_RANGE, target)
    if m is None:
        return None
    return _splice(target, m, f"{m.group(1)}-{m.group(2)}"), f"{m.group(0)} → {m.group(1)}-{m.group(2)}"


@rule("typography", (EN_ZH,), "a range between figures written with an ASCII tilde (house: ～)")
def range_ascii_tilde(target: str) -> tuple[str, str] | None:
    if "~" in target:
        return None  # a second ~ would make a subscript: one error at a time
    m = _first(_RANGE, target)
    if m is None:
        return None
    return _splice(target, m, f"{m.group(1)}~{m.group(2)}"), f"{m.group(0)} → {m.group(1)}~{m.group(2)}"


_PERCENT = re.compile(r"(?<=\d)%")


@rule("typography", (EN_ZH,), "a space before % (house: 40%)")
def space_before_percent(target: str) -> tuple[str, str] | None:
    m = _first(_PERCENT, target)
    if m is None:
        return None
    return _splice(target, m, " %"), "% → ' %'"


_FULLWIDTH = str.maketrans("0123456789%", "０１２３４５６７８９％")


@rule("typography", (EN_ZH,), "a figure in full-width digits (house: ASCII digits)")
def fullwidth_figures(target: str) -> tuple[str, str] | None:
    m = _first(re.compile(r"(?<![A-Za-z\d.,])\d+(?:\.\d+)?%?(?![A-Za-z\d])"), target)
    if m is None:
        return None
    new = m.group(0).translate(_FULLWIDTH)
    return _splice(target, m, new), f"{m.group(0)} → {new}"


@rule("typography", (EN_ZH,), "a lone em dash where the house writes ——")
def lone_em_dash(target: str) -> tuple[str, str] | None:
    m = _first(re.compile("——"), target)
    if m is None:
        return None
    return _splice(target, m, "—"), "—— → —"


_CURLY = re.compile(r"“([^”]*)”")


@rule("typography", (EN_ZH,), "straight quotes in Chinese (house: “ ”)")
def straight_quotes(target: str) -> tuple[str, str] | None:
    m = _first(_CURLY, target)
    if m is None:
        return None
    return _splice(target, m, f'"{m.group(1)}"'), f'{m.group(0)} → "{m.group(1)}"'


_COUNTED_DATA = re.compile(r"(?<![A-Za-z\d.,～])(\d{1,4})(?![\d.])(%|(?=[种例款名家项位个篇]))")


@rule("typography", (EN_ZH,), "Chinese numerals for data (house: 54种新药, 40%)")
def chinese_numerals_for_data(target: str) -> tuple[str, str] | None:
    m = _first(_COUNTED_DATA, target)
    if m is None:
        return None
    words = cn2an.an2cn(m.group(1))
    new = f"百分之{words}" if m.group(2) == "%" else words
    return _splice(target, m, new), f"{m.group(0)} → {new}"


_HAN_PAIR = re.compile(f"(?<=[{HAN}])(?=[{HAN}])")


@rule("typography", (EN_ZH,), "an ideographic space inside a sentence")
def ideographic_space(target: str) -> tuple[str, str] | None:
    spans = protected(target)
    for m in _HAN_PAIR.finditer(target):
        if m.start() < 3 or any(x < m.start() <= y for x, y in spans):
            continue
        return target[: m.start()] + "　" + target[m.start() :], f"U+3000 inserted after '{target[m.start() - 2 : m.start()]}'"
    return None


_FULL_PUNCT = re.compile(f"(?<=[{HAN}])[，：；（]|[，：；）](?=[{HAN}])")
_HALF_OF = {"，": ",", "：": ":", "；": ";", "（": "(", "）": ")"}


@rule("typography", (EN_ZH,), "half-width punctuation next to Chinese (house: ，：；（）)")
def halfwidth_punctuation(target: str) -> tuple[str, str] | None:
    m = _first(_FULL_PUNCT, target)
    if m is None:
        return None
    return _splice(target, m, _HALF_OF[m.group(0)]), f"{m.group(0)} → {_HALF_OF[m.group(0)]}"


_CJK_LATIN = re.compile(f"(?<=[{HAN}])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[{HAN}])")


@rule("typography", (EN_ZH,), "a space between Chinese and Latin letters or digits (house: none)")
def space_cjk_latin(target: str) -> tuple[str, str] | None:
    spans = protected(target)
    for m in _CJK_LATIN.finditer(target):
        if any(x < m.start() < y for x, y in spans):
            continue
        return target[: m.start()] + " " + target[m.start() :], f"space inserted in '{target[m.start() - 1 : m.start() + 1]}'"
    return None


# ======================================================================== terminology (house and seed pairs)


@rule("terminology", BOTH, "a forbidden or outdated term (慢性粒细胞白血病, 单倍体 / haploid)")
def term_forbidden_variant(target: str) -> tuple[str, str] | None:
    if _is_zh(target):
        return _swap([("慢性髓系白血病", "慢性粒细胞白血病"), ("单倍型", "单倍体")], target)
    return _swap(
        [("chronic myeloid leukemia", "chronic granulocytic leukemia"), ("haploidentical", "haploid")],
        target,
        words=True,
        flags=re.IGNORECASE,
    )


@rule("terminology", BOTH, "a colloquial short form instead of the glossary term (双抗, 单抗, 国家药监局 …)")
def term_colloquial(target: str) -> tuple[str, str] | None:
    if _is_zh(target):
        return _swap(
            [("双特异性抗体", "双抗"), ("单克隆抗体", "单抗"), ("国家药品监督管理局", "国家药监局"), ("血液恶性肿瘤", "恶性血液病"),
             ("造血干细胞移植", "干细胞移植")],
            target,
        )  # fmt: skip
    return _swap(
        [("bispecific antibodies", "bispecifics"), ("bispecific antibody", "bispecific"), ("monoclonal antibodies", "mAbs"),
         ("monoclonal antibody", "mAb"), ("hematologic malignancies", "blood cancers"), ("hematologic malignancy", "blood cancer"),
         ("hematopoietic stem cell transplantation", "stem cell transplantation"), ("CAR-T cell therapy", "CAR-T")],
        target, words=True, flags=re.IGNORECASE,
    )  # fmt: skip


@rule("terminology", BOTH, "a synonym that is not the house term (抗体药物偶联物, 欧洲血液学会, Tumor Outlook …)")
def term_nonhouse_synonym(target: str) -> tuple[str, str] | None:
    if _is_zh(target):
        return _swap(
            [("抗体偶联药物", "抗体药物偶联物"), ("欧洲血液学协会", "欧洲血液学会"), ("间充质干细胞", "间质干细胞"),
             ("CAR-T细胞治疗", "CAR-T细胞疗法"), ("美国血液学会", "美国血液病学会"), ("蛋白酶体抑制剂", "蛋白酶体阻滞剂"),
             ("多发性骨髓瘤", "多发骨髓瘤"), ("三氧化二砷", "亚砷酸"), ("中国临床肿瘤学会", "中国临床肿瘤协会"), ("《肿瘤瞭望》", "《肿瘤展望》"),
             ("国际恶性淋巴瘤会议", "国际淋巴瘤大会"), ("无病生存", "无疾病生存"), ("中位生存期", "平均生存期"), ("CSCO年会", "CSCO大会")],
            target,
        )  # fmt: skip
    return _swap(
        [("European Hematology Association", "European Society of Hematology"), ("American Society of Hematology", "American Hematology Society"),
         ("antibody–drug conjugates", "antibody-coupled drugs"), ("antibody–drug conjugate", "antibody-coupled drug"),
         ("mesenchymal stem cell", "mesenchymal stromal cell"), ("CAR-T cell therapy", "CAR-T cell treatment"),
         ("proteasome inhibitors", "protease inhibitors"), ("proteasome inhibitor", "protease inhibitor"), ("Oncology Frontier", "Tumor Outlook"),
         ("multiple myeloma", "plasma cell myeloma"), ("arsenic trioxide", "arsenious acid"), ("median survival", "average survival"),
         ("CSCO Annual Meeting", "CSCO Congress"), ("Chinese Society of Clinical Oncology", "China Clinical Oncology Association")],
        target, words=True, flags=re.IGNORECASE,
    )  # fmt: skip


# ======================================================================== all of them


def rules_by_category() -> dict[str, list[Rule]]:
    return {c: [r for r in RULES if r.category == c] for c in CATEGORIES}


def generate(good: list[dict]) -> list[dict]:
    """Every rule on every good pair it applies to: rule order, then file order."""
    out = []
    for r in RULES:
        for pair in good:
            mutated = r(pair)
            if mutated is not None:
                out.append(mutated)
    return out
