"""[typography] The typography of the target language's house style, on a translation's plain text.

The rules are :mod:`colloquy.textrules`' (shared with the source lint). In Chinese text: no
half-width ``, . : ; ? ! ( )`` next to a Chinese character; no space between a Chinese
character and a Latin letter or digit; balanced quotes and brackets; ranges joined by ～
(— between dates); —— for a dash, never a lone —; no full-width digits or ％, no space before %;
no ideographic space inside a sentence; “ ” not straight quotes; Arabic digits for data. In
English text: no full-width punctuation or figures.

A catalog that follows another convention (a space between Chinese and Latin, as many zh_CN
projects write) is checked by its own (:attr:`Pair.conventions`).
"""

from __future__ import annotations

from colloquy.editions import Locale
from colloquy.qa.base import Finding, Pair
from colloquy.qa.numbers import reading_text
from colloquy.textrules import chinese_typography, english_typography


def check(target: str, target_locale: Locale, conventions: frozenset[str] = frozenset()) -> list[Finding]:
    text = reading_text(target)
    problems = chinese_typography(text) if target_locale.house.chinese else english_typography(text)
    return [Finding("typography", p.message, p.hint) for p in problems if p.rule not in conventions]


def check_chinese(target: str) -> list[Finding]:
    return [Finding("typography", p.message, p.hint) for p in chinese_typography(reading_text(target))]


def check_english(target: str) -> list[Finding]:
    return [Finding("typography", p.message, p.hint) for p in english_typography(reading_text(target))]


class TypographyCheck:
    code = "typography"
    description = "punctuation, spacing, ranges, dashes, quotes and figures of the target language's house style"
    domains: tuple[str, ...] = ("article", "ui")

    def check(self, pair: Pair) -> list[Finding]:
        return check(pair.target, pair.target_locale, pair.conventions)


TYPOGRAPHY = TypographyCheck()
