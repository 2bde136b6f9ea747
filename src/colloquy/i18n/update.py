"""Updating a catalog from its template without ever losing or hiding a translator's work.

* an unchanged unit keeps its translation (matched by msgid, wherever it moved);
* a changed unit keeps its old translation, marked fuzzy, with the previous msgid (``#|``) so
  that Poedit and Weblate show the translator the difference. The old entry is the one
  :mod:`colloquy.i18n.pairing` pairs it with: the same unit id, the same place between
  unchanged neighbours, or — moved with its section — the most similar one of its kind;
* a unit split in two: the part that is not paired is pre-filled, fuzzy, from the old unit it
  comes from (as GNU msgmerge does), so both parts show the old translation;
* a removed unit with a translation becomes obsolete (``#~``), never deleted, and comes back
  with its translation if its text does;
* a new unit comes in empty, or pre-filled as fuzzy from translation memory — the locale's
  other catalogs, exact or near matches (similarity ≥ :data:`NEAR_MATCH`) — with a comment
  naming the article and the score.

The catalog keeps everything of its own (see :mod:`colloquy.i18n.catalog`): header fields,
flags, translator comments, wrapping. Extracted comments (``#.``) and references (``#:``) are
the template's, as msgmerge does.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from colloquy.i18n.catalog import NO_WRAP, Catalog, Entry, header_unit, new_store
from colloquy.i18n.pairing import Item, containment, pair
from colloquy.i18n.pofile import plural_count, plural_forms

TM_COMMENT = "colloquy: pre-filled from translation memory ({source}); check it and remove the fuzzy flag"
NEAR_COMMENT = "colloquy: pre-filled from translation memory ({source}, {score}% similar); check it and remove the fuzzy flag"
SPLIT_COMMENT = "colloquy: pre-filled from the unit this one was split from; check it and remove the fuzzy flag"
#: a memory entry this similar to a new unit pre-fills it (difflib.SequenceMatcher.ratio on the msgids)
NEAR_MATCH = 0.8
#: a new unit contained this much in an old translated unit of its kind is a part of it split off
SPLIT_CONTAINMENT = 0.9
#: ... when it is at least this long (a short text is contained in many)
SPLIT_MIN_CHARS = 24
#: format flags the template decides (an interface string's placeholders); other flags are the catalog's
_FORMAT_FLAGS = ("python-format", "python-brace-format", "no-python-format", "no-python-brace-format")


@dataclass
class MergeResult:
    catalog: Catalog
    fuzzy: list[tuple[str, str]] = field(default_factory=list)  # (previous msgid, new msgid)
    obsolete: int = 0
    new: int = 0
    from_memory: int = 0
    split: int = 0


@dataclass(frozen=True)
class Memory:
    """A confirmed translation in another catalog of the locale."""

    msgid: str
    strings: tuple[str, ...]
    source: str  # the catalog (article) it is from


class TranslationMemory:
    """The confirmed translations of a locale's catalogs: exact and near matches."""

    def __init__(self) -> None:
        self._exact: dict[tuple[str, str | None], Memory] = {}
        self._all: list[Memory] = []

    def add_catalog(self, cat: Catalog, source: str) -> None:
        for e in cat:
            if e.usable and e.plural is None:
                memory = Memory(e.msgid, tuple(e.strings), source)
                if e.key not in self._exact:
                    self._exact[e.key] = memory
                    if e.context is None:
                        self._all.append(memory)

    def lookup(self, msgid: str, exclude: str = "", context: str | None = None) -> tuple[Memory, float] | None:
        """The best match for ``msgid`` outside the catalog ``exclude``: exact (score 1.0), or the
        most similar above :data:`NEAR_MATCH`. A text with a context (a speaker's honorific)
        matches only exactly, with the same context or none."""
        exact = self._exact.get((msgid, context)) or (self._exact.get((msgid, None)) if context else None)
        if exact is not None and exact.source != exclude:
            return exact, 1.0
        if context is not None:
            return None
        best: tuple[Memory, float] | None = None
        for memory in self._all:
            if memory.source == exclude:
                continue
            a, b = len(memory.msgid), len(msgid)
            if 2 * min(a, b) / (a + b or 1) < NEAR_MATCH:  # the ratio cannot reach the threshold
                continue
            matcher = difflib.SequenceMatcher(None, memory.msgid, msgid, autojunk=False)
            if matcher.quick_ratio() < NEAR_MATCH:
                continue
            score = matcher.ratio()
            if score >= NEAR_MATCH and (best is None or score > best[1]):
                best = (memory, score)
        return best


def _flags(template: Entry, old: Entry | None, fuzzy: bool) -> list[str]:
    """The template's format flags, the catalog's other flags (in their order), fuzzy first when set."""
    kept = [f for f in (old.flags if old is not None else []) if f != "fuzzy" and f not in _FORMAT_FLAGS]
    formats = [f for f in template.flags if f in _FORMAT_FLAGS]
    return (["fuzzy"] if fuzzy else []) + kept + [f for f in formats if f not in kept]


def _same_words(a: list[str], b: list[str]) -> bool:
    return " ".join(" ".join(a).split()) == " ".join(" ".join(b).split())


def _refresh(entry: Entry, template: Entry) -> None:
    """The template's extracted comments and references on an entry (its own wrapping of them is
    kept when the words are the same)."""
    if not _same_words(entry.auto_comments, template.auto_comments):
        entry.set_auto_comments(template.auto_comments)
    entry.set_locations(template.locations)


def _fresh(store_cat: Catalog, template: Entry, nplurals: int) -> Entry:
    """A copy of a template entry, untranslated, for the catalog."""
    unit = store_cat.store.create_unit()
    entry = Entry(unit)
    if template.plural is not None:
        from translate.misc.multistring import multistring

        unit.source = multistring([template.msgid, template.plural])
        entry.set_strings([""] * nplurals)
    else:
        unit.source = template.msgid
        entry.set_strings([""])
    if template.context:
        unit.setcontext(template.context)
    entry.set_auto_comments(template.auto_comments)
    entry.set_locations(template.locations)
    entry.set_flags(_flags(template, None, False))
    return entry


def _carry(entry: Entry, template: Entry, old: Entry, *, previous: str | None, comment: str | None = None) -> None:
    """Put ``old``'s translation on ``entry`` (a fresh entry for ``template``), fuzzy."""
    strings = old.strings
    if template.plural is None:
        entry.set_strings(strings[:1])
    else:
        count = len(entry.strings)
        entry.set_strings((strings + [strings[-1]] * count)[:count])
    entry.set_flags(_flags(template, old, True))
    entry.set_previous(previous)
    comments = old.translator_comments + ([comment] if comment else [])
    entry.set_translator_comments(comments)


def _new_header(template: Catalog, locale: str, comment: list[str]) -> Catalog:
    store = new_store(NO_WRAP)
    head = template.header
    fields = [
        ("Project-Id-Version", head.get("Project-Id-Version", f"Colloquy {template.domain}")),
        ("Report-Msgid-Bugs-To", head.get("Report-Msgid-Bugs-To", "")),
        ("POT-Creation-Date", head.get("POT-Creation-Date", "")),
        ("PO-Revision-Date", head.get("POT-Creation-Date", "")),
        ("Last-Translator", ""),
        ("Language-Team", ""),
        ("Language", locale),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", plural_forms(locale)),
    ]
    store.units.append(header_unit(store, comment, fields))
    return Catalog(store, template.domain)


def merge(template: Catalog, old: Catalog | None, locale: str, header_comment: list[str], memory: TranslationMemory | None = None) -> MergeResult:
    """The catalog for ``locale`` with ``template``'s units and ``old``'s translations (``old``
    is changed in place and returned as the result's catalog when it is given)."""
    if old is None:
        cat = _new_header(template, locale, header_comment)
    else:
        cat = old
        if template.header.get("POT-Creation-Date"):
            cat.set_header(POT_Creation_Date=template.header["POT-Creation-Date"])
        if not cat.header.get("Language"):
            cat.set_header(Language=locale)
    result = MergeResult(cat)
    nplurals = plural_count(locale)
    tmpl = template.entries
    actives = old.entries if old is not None else []
    obsoletes = old.obsolete if old is not None else []
    out: list[Entry | None] = [None] * len(tmpl)
    used: set[int] = set()

    old_units = {id(e.unit) for e in actives}
    # 1. exact matches of an active entry, translated or not; a translated obsolete one comes back
    active_by_key = {e.key: i for i, e in enumerate(actives)}
    obsolete_by_key = {e.key: e for e in obsoletes if e.translated}
    restored: set[int] = set()
    shared = {t.msgid for t in tmpl if t.context and t.key not in active_by_key and (t.msgid, None) in active_by_key}
    for n, t in enumerate(tmpl):
        i = active_by_key.get(t.key)
        if i is None and t.msgid in shared:
            # the text was one entry for everyone and now has a context (each speaker's honorific):
            # each context takes the shared translation as it was, fuzzy or not
            common = actives[active_by_key[(t.msgid, None)]]
            used.add(active_by_key[(t.msgid, None)])
            entry = _fresh(cat, t, nplurals)
            entry.set_strings(common.strings)
            entry.set_flags(_flags(t, common, common.fuzzy))
            entry.set_previous(common.previous)
            entry.set_translator_comments(common.translator_comments)
            out[n] = entry
            continue
        if i is not None:
            entry = actives[i]
            used.add(i)
        elif t.key in obsolete_by_key:
            entry = obsolete_by_key.pop(t.key)
            entry.restore()
            restored.add(id(entry.unit))
        else:
            continue
        _refresh(entry, t)
        entry.set_flags(_flags(t, entry, entry.fuzzy))
        out[n] = entry

    # 2. changed units: the old translated entries paired with the rest
    candidates = [i for i, e in enumerate(actives) if i not in used and e.translated]
    rest = [n for n in range(len(tmpl)) if out[n] is None]
    pairs = pair(
        [Item(actives[i].key, actives[i].kind, actives[i].unit_id) for i in candidates],
        [Item(tmpl[n].key, tmpl[n].kind, tmpl[n].unit_id) for n in rest],
    )
    for j, n in enumerate(rest):
        if j not in pairs:
            continue
        o = actives[candidates[pairs[j]]]
        used.add(candidates[pairs[j]])
        t = tmpl[n]
        entry = _fresh(cat, t, nplurals)
        _carry(entry, t, o, previous=o.previous if (o.fuzzy and o.previous) else o.msgid)
        out[n] = entry
        result.fuzzy.append((o.msgid, t.msgid))

    # 3. split units, memory, or new
    translated_olds = [e for e in actives if e.translated]
    for n, t in enumerate(tmpl):
        if out[n] is not None:
            continue
        entry = _fresh(cat, t, nplurals)
        source = _split_source(t, translated_olds)
        if source is not None:
            _carry(entry, t, source, previous=source.previous if (source.fuzzy and source.previous) else source.msgid, comment=SPLIT_COMMENT)
            result.split += 1
            result.fuzzy.append((source.msgid, t.msgid))
        elif not _from_memory(entry, t, memory, template.domain):
            result.new += 1
        else:
            result.from_memory += 1
        out[n] = entry
    # ... and a unit still untranslated from memory too, as msgmerge does with a compendium
    for t, filled in zip(tmpl, out, strict=True):
        if filled is not None and not filled.translated and id(filled.unit) in old_units and _from_memory(filled, t, memory, template.domain):
            result.from_memory += 1

    # 4. what is gone: translated entries become obsolete; obsolete entries stay
    gone: list[Entry] = []
    for i, e in enumerate(actives):
        if i not in used and e.translated:
            e.make_obsolete()
            gone.append(e)
            result.obsolete += 1
    kept_obsolete = [e for e in obsoletes if id(e.unit) not in restored]
    header = [cat.header_entry.unit] if cat.header_entry is not None else []
    cat.store.units = []
    for unit in header + [e.unit for e in out if e is not None] + [e.unit for e in gone] + [e.unit for e in kept_obsolete]:
        cat.store.addunit(unit)
    result.catalog = Catalog(cat.store, template.domain)
    return result


def _from_memory(entry: Entry, t: Entry, memory: TranslationMemory | None, domain: str) -> bool:
    """Pre-fill an untranslated entry from translation memory (fuzzy, with a comment naming the
    article and, for a near match, the score and the text it translates); whether it was."""
    if memory is None or t.plural is not None:
        return False
    hit = memory.lookup(t.msgid, exclude=domain, context=t.context)
    if hit is None:
        return False
    found, score = hit
    if score >= 1.0:
        comment = TM_COMMENT.format(source=found.source)
        previous: str | None = None
    else:
        comment = NEAR_COMMENT.format(source=found.source, score=int(score * 100))
        previous = found.msgid
    entry.set_strings(list(found.strings[:1]))
    entry.set_flags(_flags(t, entry, True))
    entry.set_previous(previous)
    entry.set_translator_comments([*entry.translator_comments, comment])
    return True


def _split_source(t: Entry, olds: list[Entry]) -> Entry | None:
    """The old translated entry a new unit was split from: one of its kind that contains it."""
    if len(t.msgid) < SPLIT_MIN_CHARS:
        return None
    best: tuple[float, Entry] | None = None
    for o in olds:
        if o.kind != t.kind or len(o.msgid) <= len(t.msgid):
            continue
        score = containment(t.msgid, o.msgid)
        if score >= SPLIT_CONTAINMENT and (best is None or score > best[0]):
            best = (score, o)
    return best[1] if best else None
