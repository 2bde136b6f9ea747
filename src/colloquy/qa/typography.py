"""[typography] Chinese typography of the house style, on a translation's plain text.

In Chinese text: no half-width ``, . : ; ? ! ( )`` next to a Chinese character, no space
between a Chinese character and a Latin letter or digit, balanced quotes and brackets.
In English text: no full-width punctuation.
"""

from __future__ import annotations

import re

from colloquy.editions import Locale
from colloquy.markup import plain_text
from colloquy.qa.base import Finding, Pair

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HALF = ",.:;?!()"
_FULL = {",": "，", ".": "。", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_NEAR_HAN = re.compile(rf"(?<=[{HAN}])\s*([{re.escape(_HALF)}])|([{re.escape(_HALF)}])\s*(?=[{HAN}])")
_SPACE = re.compile(rf"[{HAN}][ \t\u00a0]+[A-Za-z0-9]|[A-Za-z0-9%][ \t\u00a0]+[{HAN}]")
_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "（": "）", "【": "】", "〈": "〉", "(": ")"}
_FULLWIDTH_PUNCT = re.compile(r"[，。：；？！（）「」《》【】、]")


def _balance(text: str) -> str | None:
    closers = {v: k for k, v in _PAIRS.items()}
    stack: list[str] = []
    for ch in text:
        if ch in _PAIRS:
            stack.append(ch)
        elif ch in closers:
            if not stack or stack[-1] != closers[ch]:
                return f"'{ch}' closes nothing" if not stack else f"'{ch}' closes '{stack[-1]}'"
            stack.pop()
    if stack:
        return f"'{stack[-1]}' is never closed"
    return None


def check_chinese(target: str) -> list[Finding]:
    text = plain_text(target)
    findings: list[Finding] = []
    seen: set[str] = set()
    for m in _HALF_NEAR_HAN.finditer(text):
        ch = m.group(1) or m.group(2)
        if ch in seen:
            continue
        seen.add(ch)
        findings.append(Finding("typography", f"half-width '{ch}' in Chinese text", f"use the full-width '{_FULL[ch]}'"))
    for m in _SPACE.finditer(text):
        findings.append(
            Finding(
                "typography",
                f"space between Chinese and Latin text: '{m.group(0)}'",
                "house style sets them without a space (CSCO年会, 5年)",
            )
        )
        break
    problem = _balance(text.replace("’", "").replace("‘", ""))  # apostrophes in names (O’Connor) are not quotes
    if problem:
        findings.append(Finding("typography", f"unbalanced quotes or brackets: {problem}", "close every “ ” 《 》 （ ） in the same entry"))
    return findings


def check_english(target: str) -> list[Finding]:
    text = plain_text(target)
    m = _FULLWIDTH_PUNCT.search(text)
    if m and not re.search(f"[{HAN}]", text):
        return [Finding("typography", f"full-width '{m.group(0)}' in English text", "use the half-width form")]
    return []


def check(target: str, target_locale: Locale) -> list[Finding]:
    return check_chinese(target) if target_locale.house.chinese else check_english(target)


class TypographyCheck:
    code = "typography"
    description = "punctuation and spacing of the target language's house style"
    domains: tuple[str, ...] = ("article", "ui")

    def check(self, pair: Pair) -> list[Finding]:
        return check(pair.target, pair.target_locale)


TYPOGRAPHY = TypographyCheck()
