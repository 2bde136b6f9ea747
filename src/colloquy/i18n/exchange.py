"""What an article's catalog sends out to be translated or reviewed elsewhere, and how what comes
back is applied: the common ground of the XLIFF exchange (:mod:`colloquy.i18n.xliff`) and the
Word review (:mod:`colloquy.i18n.review`).

A unit goes out with its stable id (``u12``), its kind, its context, its source text and a
digest of it, its translation (and a digest of it) and its state (translated, fuzzy,
untranslated). What comes back is applied by unit id, through the catalog layer (the rest of
the file stays as it was). A unit is refused, and said so, when its source changed since the
export (its digest no longer matches the catalog's msgid), when it is no longer in the catalog,
or when its translation was changed both in the catalog and in the file since the export. A
unit the file brings back as it was exported changes nothing (a newer translation in the
catalog stays), and an empty translation never replaces one: no work is lost by an import.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from enum import StrEnum

from colloquy.diagnostics import Report
from colloquy.editions import Locale
from colloquy.i18n.catalog import Catalog, Entry

#: the namespace of Colloquy's own attributes in an exchanged file
NAMESPACE = "urn:x-colloquy:exchange:1"
#: how much of a source a message quotes
_QUOTED = 48


class State(StrEnum):
    TRANSLATED = "translated"
    FUZZY = "fuzzy"
    UNTRANSLATED = "untranslated"


def source_digest(source: str) -> str:
    """A short fingerprint of a source text (the first 16 hex digits of its SHA-256)."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def quoted(text: str, limit: int = _QUOTED) -> str:
    """The start of a text, on one line, for a message."""
    one_line = " ".join(text.split())
    return f"'{one_line}'" if len(one_line) <= limit else f"'{one_line[: limit - 1]}…'"


@dataclass(frozen=True)
class OutUnit:
    """One unit of an article's catalog, as it goes out."""

    unit_id: str
    kind: str
    context: tuple[str, ...]  # the human-readable extracted comments
    source: str
    target: str
    state: State
    previous: str | None  # the previous source of a fuzzy unit
    comments: tuple[str, ...]  # the translator comments
    line: int  # the line of its msgid in the catalog

    @property
    def digest(self) -> str:
        return source_digest(self.source)


def state_of(entry: Entry) -> State:
    if not entry.translated:
        return State.UNTRANSLATED
    return State.FUZZY if entry.fuzzy else State.TRANSLATED


def out_units(cat: Catalog) -> list[OutUnit]:
    """The units of an article catalog, in file order (entries without a unit id — none in an
    article catalog — and plural entries are left out)."""
    out: list[OutUnit] = []
    for entry in cat:
        if entry.unit_id is None or entry.plural is not None:
            continue
        out.append(
            OutUnit(
                unit_id=entry.unit_id,
                kind=entry.kind,
                context=tuple(c for c in entry.context_comments if c.strip()),
                source=entry.msgid,
                target=entry.string,
                state=state_of(entry),
                previous=entry.previous if entry.fuzzy else None,
                comments=tuple(entry.translator_comments),
                line=entry.line,
            )
        )
    return out


@dataclass
class InUnit:
    """One unit of a file that came back: what it says about a catalog entry."""

    unit_id: str
    line: int  # where the unit is in the file that came back
    source: str  # the source text the file carries (as the tool left it)
    digest: str | None  # the source digest recorded at the export (or its first 8 digits), when the file kept it
    target: str  # the translation ("" when none)
    fuzzy: bool  # the file says the translation still needs review
    comments: list[str] = field(default_factory=list)  # comments to add as translator comments
    #: the digest of the translation as exported (or its first 8 digits), and its state then, when
    #: the file kept them: a unit that still has them was not touched; one whose catalog entry
    #: changed since the export is not overwritten
    exported_target: str | None = None
    exported_state: State | None = None
    #: only a translation that differs from the catalog's is applied (a review: what the reviewer
    #: left as it was confirms nothing)
    edits_only: bool = False


@dataclass
class Applied:
    """What an import did to one catalog."""

    translated: int = 0
    fuzzy: int = 0
    unchanged: int = 0
    empty: int = 0  # units that came back without a translation (left as they were)
    commented: int = 0
    refused: list[str] = field(default_factory=list)  # the ids of the refused units

    def summary(self) -> str:
        parts = [f"{self.translated} translated", f"{self.fuzzy} fuzzy", f"{self.unchanged} unchanged"]
        if self.empty:
            parts.append(f"{self.empty} without translation")
        if self.commented:
            parts.append(f"{self.commented} with new comments")
        parts.append(f"{len(self.refused)} refused")
        return ", ".join(parts)


def _matches(digest: str, text: str) -> bool:
    """Whether a recorded digest (all of it, or at least its first 8 digits) is the text's."""
    digest = digest.strip().lower()
    return len(digest) >= 8 and source_digest(text).startswith(digest)


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def apply_units(cat: Catalog, units: list[InUnit], shown: str, report: Report, *, what: str = "the export") -> Applied:
    """Apply the units that came back to ``cat`` (in place). A unit that brings a change (a new
    translation, a new state, comments) is refused when its source changed since the export or it
    is no longer in the catalog (code ``source-changed``), or when its translation changed both in
    the catalog and in the file (``conflict``): reported as an error at its line of ``shown``.
    The others are applied; a unit that brings nothing is left alone, whatever became of it."""
    result = Applied()
    by_id = {e.unit_id: e for e in cat if e.unit_id is not None}
    seen: dict[str, int] = {}
    for unit in units:
        if unit.unit_id in seen:
            report.error(
                shown,
                unit.line,
                None,
                f"unit {unit.unit_id} occurs twice (also on line {seen[unit.unit_id]})",
                "keep one of them",
                code="duplicate-unit",
            )
            result.refused.append(unit.unit_id)
            continue
        seen[unit.unit_id] = unit.line
        entry = by_id.get(unit.unit_id)
        incoming = State.FUZZY if unit.fuzzy else State.TRANSLATED
        empty = not unit.target.strip()
        # a unit that comes back as it went out (or, from a review, as the catalog has it) brings nothing
        untouched = (
            unit.exported_target is not None and _matches(unit.exported_target, unit.target) and unit.exported_state in (None, incoming)
        ) or (entry is not None and unit.target == entry.string and (unit.edits_only or incoming == state_of(entry)))
        if not unit.comments and (empty or untouched):
            if empty:
                result.empty += 1
            else:
                result.unchanged += 1
            continue
        if entry is None:
            report.error(
                shown,
                unit.line,
                None,
                f"unit {unit.unit_id} ({quoted(unit.source)}) is no longer in the catalog: its text was removed since {what}",
                "export the catalog again and carry the translation over by hand if it is still needed",
                code="source-changed",
            )
            result.refused.append(unit.unit_id)
            continue
        changed = not _matches(unit.digest, entry.msgid) if unit.digest else not _same_text(unit.source, entry.msgid)
        if changed:
            report.error(
                shown,
                unit.line,
                None,
                f"unit {unit.unit_id}: the source changed since {what}: {quoted(unit.source)} is now {quoted(entry.msgid)}",
                "its translation was not applied: export the catalog again and translate the new text",
                code="source-changed",
            )
            result.refused.append(unit.unit_id)
            continue
        new_comments = [c for c in unit.comments if c not in entry.translator_comments]
        if new_comments:
            entry.set_translator_comments([*entry.translator_comments, *new_comments])
            result.commented += 1
        if empty:
            result.empty += 1
            continue
        if untouched:
            result.unchanged += 1
            continue
        if unit.exported_target is not None and (
            not _matches(unit.exported_target, entry.string) or unit.exported_state not in (None, state_of(entry))
        ):
            report.error(
                shown,
                unit.line,
                None,
                f"unit {unit.unit_id}: the translation changed in the catalog since {what}, and in this file too: {quoted(entry.string)} in the catalog, {quoted(unit.target)} here",
                "its translation was not applied: merge the two by hand in the catalog, or export again",
                code="conflict",
            )
            result.refused.append(unit.unit_id)
            continue
        if entry.string == unit.target and entry.fuzzy == unit.fuzzy and entry.translated:
            result.unchanged += 1
            continue
        entry.set_strings([unit.target])
        entry.fuzzy = unit.fuzzy
        if not unit.fuzzy:
            entry.set_previous(None)
        if unit.fuzzy:
            result.fuzzy += 1
        else:
            result.translated += 1
    return result


_TAG_SEPARATOR = re.compile(r"[-_]")


def match_locale(tag: str, locales: tuple[Locale, ...]) -> Locale | None:
    """The project locale a language tag of a file names: ``zh-CN``, ``zh_CN``, ``zh-cn`` → zh_CN
    (by the locale's gettext name, its edition tag or its text tag, case and ``-``/``_`` aside);
    a bare language (``zh``) when exactly one locale has it."""
    wanted = _TAG_SEPARATOR.sub("-", tag.strip()).lower()
    if not wanted:
        return None
    for loc in locales:
        names = {_TAG_SEPARATOR.sub("-", n).lower() for n in (loc.name, loc.tag, loc.text_tag)}
        if wanted in names:
            return loc
    language = wanted.split("-")[0]
    same = [loc for loc in locales if loc.name.replace("-", "_").split("_")[0].lower() == language]
    return same[0] if len(same) == 1 else None
