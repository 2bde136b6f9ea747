"""The glossary: ``glossary/terminology.csv``, the master of the project's terminology.

A UTF-8 CSV whose header names a column per locale (``en,zh_CN``), then ``note``, and optionally
``status`` and language notes (``note_zh_CN``: shown only to translators into that language)::

    en,zh_CN,note,status,note_zh_CN
    CSCO Annual Meeting,CSCO年会,,,
    CSCO Annual Meeting,CSCO学术年会,,admitted,
    chronic myeloid leukemia,慢性髓系白血病,,,
    chronic myeloid leukemia,慢性粒细胞白血病,an older name,forbidden,

Each row pairs one term per language. Rows that share a term (the same text in the same
language column) are one **concept**, as in TBX. ``status`` is TBX-Basic's administrative
status, for the row's terms that are not the concept's preferred ones: empty or ``preferred``
(preferredTerm-admn-sts), ``admitted`` (an allowed variant: admittedTerm-admn-sts) or
``forbidden`` (deprecatedTerm-admn-sts: never write it). A variant row repeats the preferred
term of the other language, so that it joins its concept. :mod:`colloquy.qa.tbx`
converts the glossary to and from TBX-Basic.

A term written ``Name (ABBR)`` / ``名称（ABBR）`` is matched on its name; English terms match in
any case (unless written in capitals, like an abbreviation), with a plural ending on the last
word, and any dash; a Chinese term in title marks (《肿瘤瞭望》) is found in a source with or
without them (the copyright line writes 肿瘤瞭望版权所有).
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from colloquy.diagnostics import Report, display_path, utf8_error
from colloquy.textrules import strip_title_marks

#: a glossary larger than this is refused (every term is searched in every unit: 1 MB is some 20,000 terms)
MAX_GLOSSARY_BYTES = 1024 * 1024
_QUOTE_HINT = 'a term with a comma is written in quotes, "like, this", and a quote inside it is doubled ""'

_PAREN = re.compile(r"\s*[（(][^（）()]*[)）]\s*$")
DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-"})

Status = Literal["preferred", "admitted", "forbidden"]
#: the CSV's status words
STATUSES: dict[str, Status] = {"": "preferred", "preferred": "preferred", "admitted": "admitted", "forbidden": "forbidden", "deprecated": "forbidden"}


def key_of(term: str) -> str:
    """The form matched in text: without a trailing parenthesised abbreviation."""
    return _PAREN.sub("", term).strip()


@dataclass(frozen=True)
class Term:
    """One row of the glossary: a term per locale, its notes and status, its line."""

    forms: dict[str, str]  # locale → the term as written in the glossary
    note: str
    line: int
    status: Status = "preferred"
    #: locale → a note for translators into that locale
    notes: dict[str, str] = field(default_factory=dict)

    def key(self, locale: str) -> str:
        return key_of(self.forms[locale])

    def hint_note(self, target: str) -> str:
        return "; ".join(n for n in (self.note, self.notes.get(target, "")) if n)


@dataclass
class Concept:
    """Rows that share a term: the preferred, admitted and forbidden terms of each locale."""

    rows: list[Term]
    preferred: dict[str, list[str]] = field(default_factory=dict)
    admitted: dict[str, list[str]] = field(default_factory=dict)
    forbidden: dict[str, list[tuple[str, Term]]] = field(default_factory=dict)

    def allowed(self, locale: str) -> list[str]:
        return self.preferred.get(locale, []) + self.admitted.get(locale, [])

    @property
    def first(self) -> Term:
        return next((r for r in self.rows if r.status == "preferred"), self.rows[0])


@dataclass
class Glossary:
    terms: list[Term]
    path: str = ""
    concepts: list[Concept] = field(default_factory=list)
    #: the locale columns, in the header's order
    locales: tuple[str, ...] = ()
    #: the language-note columns (note_zh_CN …), by locale
    note_locales: tuple[str, ...] = ()


_cache: dict[tuple[str, bool, bool], re.Pattern[str]] = {}


def pattern(term: str, chinese: bool, *, as_source: bool = False) -> re.Pattern[str]:
    """How a glossary term is found in a text (see the module's documentation)."""
    key = key_of(term)
    hit = _cache.get((key, chinese, as_source))
    if hit is not None:
        return hit
    if chinese:
        bare = strip_title_marks(key) if as_source else key
        pat = re.compile(re.escape(bare.translate(DASHES)))
    else:
        words = [re.escape(w) for w in re.split(r"\s+", key.translate(DASHES))]
        last = words[-1]
        if key.endswith("y") and key[-2:-1] not in "aeiou":
            last = f"(?:{last}|{re.escape(key.split()[-1][:-1])}ies)"
        else:
            last = f"{last}(?:s|es)?"
        body = r"[\s\-]+".join([*words[:-1], last])
        flags = 0 if key.isupper() else re.IGNORECASE
        pat = re.compile(rf"(?<![\w-]){body}(?![\w-])", flags)
    _cache[(key, chinese, as_source)] = pat
    return pat


def concepts(terms: list[Term], report: Report | None = None, shown: str = "") -> list[Concept]:
    """Group rows that share a term into concepts; report variant rows that join none."""
    parent = list(range(len(terms)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: dict[tuple[str, str], int] = {}
    for i, term in enumerate(terms):
        for loc, form in term.forms.items():
            j = seen.setdefault((loc, form), i)
            if j != i:
                parent[find(i)] = find(j)
    groups: dict[int, list[Term]] = {}
    for i, term in enumerate(terms):
        groups.setdefault(find(i), []).append(term)
    out = []
    for rows in groups.values():
        c = Concept(rows)
        for r in rows:
            if r.status == "preferred":
                for loc, form in r.forms.items():
                    if form not in c.preferred.setdefault(loc, []):
                        c.preferred[loc].append(form)
        for r in rows:
            if r.status == "preferred":
                continue
            anchored = [loc for loc, form in r.forms.items() if form in c.preferred.get(loc, [])]
            if not anchored:
                if report is not None:
                    report.error(
                        shown,
                        r.line,
                        None,
                        f"the {r.status} row names no preferred term of its concept",
                        "repeat the preferred term in one language: 'CSCO Annual Meeting,CSCO学术年会,,admitted' beside 'CSCO Annual Meeting,CSCO年会'",
                    )
                continue
            for loc, form in r.forms.items():
                if loc in anchored:
                    continue
                if r.status == "admitted":
                    if form not in c.admitted.setdefault(loc, []):
                        c.admitted[loc].append(form)
                else:
                    c.forbidden.setdefault(loc, []).append((form, r))
        out.append(c)
    return out


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
    return parse_glossary(text, locales, report, shown)


def parse_glossary(text: str, locales: tuple[str, ...], report: Report, shown: str = "glossary") -> Glossary:
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
    note_locales = tuple(h.removeprefix("note_") for h in header if h.startswith("note_") and h.removeprefix("note_") in locales)
    terms: list[Term] = []
    errors = len(report.errors)
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
        word = cells.get("status", "").lower()
        if word not in STATUSES:
            report.error(shown, lineno, None, f"unknown status '{cells['status']}'", "write preferred (or nothing), admitted or forbidden")
            continue
        notes = {loc: cells[f"note_{loc}"] for loc in note_locales if cells.get(f"note_{loc}")}
        terms.append(Term(forms, cells.get("note", ""), lineno, STATUSES[word], notes))
    if len(report.errors) > errors:
        return Glossary([], shown)
    grouped = concepts(terms, report, shown)
    return Glossary(terms, shown, grouped, tuple(langs), note_locales)


# ================================================================ CSV out


def to_csv(glossary: Glossary) -> str:
    """The glossary as CSV: its locales, note, status, then the language notes in use."""
    locales = glossary.locales
    note_locales = [loc for loc in locales if any(t.notes.get(loc) for t in glossary.terms)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*locales, "note", "status", *(f"note_{loc}" for loc in note_locales)])
    for t in glossary.terms:
        status = "" if t.status == "preferred" else t.status
        writer.writerow([*(t.forms.get(loc, "") for loc in locales), t.note, status, *(t.notes.get(loc, "") for loc in note_locales)])
    return out.getvalue()
