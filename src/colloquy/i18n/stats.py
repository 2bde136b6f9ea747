"""Translation progress per article × locale. Fuzzy entries do not count as translated."""

from __future__ import annotations

import re
from dataclasses import dataclass

from colloquy.i18n.catalog import Catalog

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_CJK}]|[^\s{_CJK}]+")


def count_words(text: str) -> int:
    """Words as CAT tools count them: each CJK character is a word, other words split on spaces;
    punctuation alone ("—", "|", "，") is no word."""
    return sum(1 for w in _WORD.findall(text) if any(ch.isalnum() for ch in w))


@dataclass
class Progress:
    article: str
    locale: str
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0
    translated_words: int = 0
    fuzzy_words: int = 0
    untranslated_words: int = 0
    obsolete_words: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    @property
    def percent_done(self) -> int:
        """The percentage shown: rounded down, so that "100%" means every unit is translated."""
        return 100 * self.translated // self.total if self.total else 100


def progress(cat: Catalog, article: str, locale: str) -> Progress:
    p = Progress(article, locale)
    for entry in cat:
        words = count_words(entry.msgid)
        if not entry.translated:
            p.untranslated += 1
            p.untranslated_words += words
        elif entry.fuzzy:
            p.fuzzy += 1
            p.fuzzy_words += words
        else:
            p.translated += 1
            p.translated_words += words
    for entry in cat.obsolete:
        p.obsolete += 1
        p.obsolete_words += count_words(entry.msgid)
    return p


def format_table(rows: list[Progress]) -> str:
    head = ("article", "locale", "translated", "fuzzy", "untranslated", "obsolete", "done")
    lines = [head]
    for r in rows:
        lines.append(
            (
                r.article,
                r.locale,
                f"{r.translated} ({r.translated_words}w)",
                f"{r.fuzzy} ({r.fuzzy_words}w)",
                f"{r.untranslated} ({r.untranslated_words}w)",
                f"{r.obsolete} ({r.obsolete_words}w)",
                f"{r.percent_done}%",
            )
        )
    widths = [max(len(row[i]) for row in lines) for i in range(len(head))]
    out = []
    for n, row in enumerate(lines):
        out.append("  ".join(cell.ljust(widths[i]) if i < 2 else cell.rjust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)
