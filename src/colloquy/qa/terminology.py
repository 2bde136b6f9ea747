"""[terminology] A glossary term in the source means its agreed translation in the target.

The glossary is ``glossary/terminology.csv`` (UTF-8, a header row naming the locale
columns — ``en,zh_CN,note`` — one term per row), a format Poedit, Weblate and CAT tools
import. A term written ``Name (ABBR)`` / ``名称（ABBR）`` is matched on its name; English
terms match case-insensitively, with a plural ending on the last word, and any dash.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from colloquy.diagnostics import Report, display_path, utf8_error
from colloquy.editions import Locale
from colloquy.markup import plain_text
from colloquy.qa.base import Finding, Pair

#: a glossary larger than this is refused (every term is searched in every unit: 1 MB is some 20,000 terms)
MAX_GLOSSARY_BYTES = 1024 * 1024
_QUOTE_HINT = 'a term with a comma is written in quotes, "like, this", and a quote inside it is doubled ""'

_PAREN = re.compile(r"\s*[（(][^（）()]*[)）]\s*$")
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-"})


@dataclass(frozen=True)
class Term:
    forms: dict[str, str]  # locale → the term as written in the glossary
    note: str
    line: int

    def key(self, locale: str) -> str:
        """The form matched in text: without a trailing parenthesised abbreviation."""
        return _PAREN.sub("", self.forms[locale]).strip()


@dataclass
class Glossary:
    terms: list[Term]
    path: str = ""

    def pattern(self, term: Term, locale: Locale) -> re.Pattern[str]:
        return _pattern(term.key(locale.name), locale.house.chinese)


_cache: dict[tuple[str, bool], re.Pattern[str]] = {}


def _pattern(key: str, chinese: bool) -> re.Pattern[str]:
    hit = _cache.get((key, chinese))
    if hit is not None:
        return hit
    if chinese:
        pat = re.compile(re.escape(key.translate(_DASHES)))
    else:
        words = [re.escape(w) for w in re.split(r"\s+", key.translate(_DASHES))]
        last = words[-1]
        if key.endswith("y") and key[-2:-1] not in "aeiou":
            last = f"(?:{last}|{re.escape(key.split()[-1][:-1])}ies)"
        else:
            last = f"{last}(?:s|es)?"
        body = r"[\s\-]+".join([*words[:-1], last])
        flags = 0 if key.isupper() else re.IGNORECASE
        pat = re.compile(rf"(?<![\w-]){body}(?![\w-])", flags)
    _cache[(key, chinese)] = pat
    return pat


def load_glossary(path: Path, locales: tuple[str, ...], report: Report) -> Glossary:
    shown = display_path(path)
    if not path.exists():
        report.warning(shown, 1, None, "no glossary: terminology is not checked", "create it with a header row such as 'en,zh_CN,note'")
        return Glossary([], shown)
    try:
        with path.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            data = fh.read(MAX_GLOSSARY_BYTES + 1)
    except OSError as exc:
        report.error(shown, 1, None, f"cannot read the glossary: {exc.strerror}", "check that it is a readable file")
        return Glossary([], shown)
    if size > MAX_GLOSSARY_BYTES:
        report.error(
            shown,
            1,
            None,
            f"the glossary is {size / 1048576:.1f} MB, over the {MAX_GLOSSARY_BYTES // 1048576} MB limit",
            "keep the agreed terms only (one term per row)",
        )
        return Glossary([], shown)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, _col, byte = utf8_error(data, exc)
        report.error(shown, line, None, f"the glossary is not valid UTF-8 (byte {byte})", "save it as UTF-8 CSV")
        return Glossary([], shown)
    rows: list[tuple[int, list[str]]] = []  # (the line the row starts on, its cells)
    reader = csv.reader(io.StringIO(text), strict=True)
    while True:
        start = reader.line_num + 1
        try:
            rows.append((start, next(reader)))
        except StopIteration:
            break
        except csv.Error as exc:
            if "field limit" in str(exc):
                message, hint = f"a cell is longer than {csv.field_size_limit()} characters", "a term is a few words: look for a quote that is not closed"
            else:
                message, hint = str(exc), _QUOTE_HINT
            report.error(shown, start, None, f"the glossary is not valid CSV: {message}", hint)
            return Glossary([], shown)
    if not rows:
        report.error(shown, 1, None, "the glossary is empty", "add a header row such as 'en,zh_CN,note'")
        return Glossary([], shown)
    header = [h.strip() for h in rows[0][1]]
    langs = [h for h in header if h in locales]
    if len(langs) < 2:
        what = "the first row is not a header: it names" if not langs else "the header names"
        report.error(
            shown,
            1,
            1,
            f"{what} {len(langs)} of the project's locales ({', '.join(locales)})",
            "write a header row such as 'en,zh_CN,note'",
        )
        return Glossary([], shown)
    terms: list[Term] = []
    for lineno, row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            report.error(
                shown,
                lineno,
                None,
                f"{len(row)} columns where the header has {len(header)}",
                'quote a term that contains a comma: "Chinese Medical Association, Hematology Branch"',
            )
            continue
        cells = dict(zip(header, (c.strip() for c in row), strict=True))
        forms = {loc: cells[loc] for loc in langs if cells[loc]}
        if len(forms) < 2:
            continue
        terms.append(Term(forms, cells.get("note", ""), lineno))
    return Glossary(terms, shown)


def check(source: str, target: str, source_locale: Locale, target_locale: Locale, glossary: Glossary) -> list[Finding]:
    src = plain_text(source).translate(_DASHES)
    tgt = plain_text(target).translate(_DASHES)
    findings = []
    for term in glossary.terms:
        if source_locale.name not in term.forms or target_locale.name not in term.forms:
            continue
        if glossary.pattern(term, source_locale).search(src) and not glossary.pattern(term, target_locale).search(tgt):
            findings.append(
                Finding(
                    "terminology",
                    f"'{term.key(source_locale.name)}' should be translated as '{term.key(target_locale.name)}'",
                    f"{glossary.path}:{term.line}" + (f" ({term.note})" if term.note else ""),
                )
            )
    return findings


class TerminologyCheck:
    code = "terminology"
    description = "glossary terms of the source have their agreed translation"
    domains: tuple[str, ...] = ("article",)

    def check(self, pair: Pair) -> list[Finding]:
        if pair.glossary is None:
            return []
        return check(pair.source, pair.target, pair.source_locale, pair.target_locale, pair.glossary)


TERMINOLOGY = TerminologyCheck()
