"""Updating a catalog from its template without ever losing a translator's work.

* an unchanged unit keeps its translation (matched by msgid, wherever it moved);
* a changed unit keeps its old translation, marked fuzzy, with the previous msgid
  (``#|``) so that Poedit and Weblate show the translator the diff. The old entry is
  found by its *place*: the template and the old catalog are aligned as sequences of
  units (difflib on whole msgids), and only entries standing in the same gap between
  unchanged neighbours, of the same kind, are paired. Text similarity only orders
  the choice inside such a gap; it never reaches across the article;
* a removed unit with a translation becomes obsolete (``#~``), never deleted;
* a new unit comes in empty, or pre-filled as fuzzy from an exact match in another
  catalog of the same locale (translation memory), with a comment naming the source.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from babel.messages.catalog import Catalog, Message

from colloquy.i18n.pofile import ColloquyCatalog, new_catalog

TM_COMMENT = "colloquy: pre-filled from translation memory ({source}); check it and remove the fuzzy flag"
#: inside one gap, two units of unequal count are paired only above this similarity
MIN_SIMILARITY = 0.4

Key = str | tuple[str, str]


def key_of(msg: Message) -> Key:
    ident = msg.id if isinstance(msg.id, str) else msg.id[0]
    return (ident, msg.context) if msg.context else ident


def kind_of(msg: Message) -> str:
    """The unit's kind, from the extracted comment (``…, speaker MJ, paragraph`` → ``paragraph``)."""
    for comment in msg.auto_comments:
        return comment.rsplit(", ", 1)[-1]
    return ""


def text_of(msg: Message) -> str:
    return msg.id if isinstance(msg.id, str) else msg.id[0]


def translated(msg: Message) -> bool:
    s = msg.string
    return bool(s) if isinstance(s, str) else any(s)


@dataclass
class MergeResult:
    catalog: ColloquyCatalog
    kept: int = 0
    fuzzy: list[tuple[str, str]] = field(default_factory=list)  # (previous msgid, new msgid)
    obsolete: int = 0
    new: int = 0
    from_memory: int = 0


class TranslationMemory:
    """Exact-match memory over other catalogs of one locale: msgid → (msgstr, source name)."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[str | tuple[str, ...], str]] = {}

    def add_catalog(self, cat: Catalog, source: str) -> None:
        for msg in cat:
            if msg.id and translated(msg) and not msg.fuzzy and isinstance(msg.id, str):
                self._entries.setdefault(msg.id, (msg.string, source))

    def lookup(self, msgid: str) -> tuple[str | tuple[str, ...], str] | None:
        return self._entries.get(msgid)


def _pair_gap(olds: list[Message], news: list[Message]) -> list[tuple[Message, Message]]:
    """Pair old and new units of one gap, in order. Equal counts pair one to one (an edit in
    place); otherwise an order-preserving best match by similarity, above a threshold."""
    if not olds or not news:
        return []
    if len(olds) == len(news) and all(kind_of(o) == kind_of(n) for o, n in zip(olds, news, strict=True)):
        return list(zip(olds, news, strict=True))
    n, m = len(olds), len(news)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best = max(score[i + 1][j], score[i][j + 1])
            if kind_of(olds[i]) == kind_of(news[j]):
                sim = difflib.SequenceMatcher(None, text_of(olds[i]), text_of(news[j]), autojunk=False).ratio()
                if sim >= MIN_SIMILARITY:
                    best = max(best, sim + score[i + 1][j + 1])
            score[i][j] = best
    pairs: list[tuple[Message, Message]] = []
    i = j = 0
    while i < n and j < m:
        if score[i][j] == score[i + 1][j]:
            i += 1
        elif score[i][j] == score[i][j + 1]:
            j += 1
        else:
            pairs.append((olds[i], news[j]))
            i += 1
            j += 1
    return pairs


def _copy(
    template_msg: Message, string: str | tuple[str, ...], *, fuzzy: bool, previous: Iterable[str], user_comments: Iterable[str]
) -> Message:
    flags = {f for f in template_msg.flags if f != "fuzzy"}
    if fuzzy:
        flags.add("fuzzy")
    return Message(
        template_msg.id,
        string,
        locations=list(template_msg.locations),
        flags=flags,
        auto_comments=list(template_msg.auto_comments),
        user_comments=list(user_comments),
        previous_id=list(previous) if fuzzy else [],
        context=template_msg.context,
    )


def merge(
    template: Catalog,
    old: Catalog | None,
    locale: str,
    header_comment: str,
    memory: TranslationMemory | None = None,
) -> MergeResult:
    """A new catalog for ``locale`` with ``template``'s units and ``old``'s translations."""
    cat = new_catalog(str(template.domain), locale, header_comment)
    cat.creation_date = template.creation_date  # a catalog carries its template's date
    result = MergeResult(cat)
    if old is not None:
        cat.revision_date = old.revision_date
        cat.last_translator = old.last_translator
        cat.language_team = old.language_team
        if old.header_comment.strip("# \n") and not old.header_comment.startswith("# Translations template"):
            cat.header_comment = old.header_comment

    tmpl = [m for m in template if m.id]
    old_active = [m for m in old if m.id] if old is not None else []
    old_by_key = {key_of(m): m for m in old_active}
    old_obsolete = dict(old.obsolete) if old is not None else {}
    out: dict[Key, Message] = {}
    used: set[Key] = set()

    # 1. exact matches, wherever the unit now stands (an active or an obsolete entry)
    for t in tmpl:
        k = key_of(t)
        src = old_by_key.get(k) or old_obsolete.get(k)
        if src is not None and (translated(src) or k in old_by_key):
            out[k] = _copy(t, src.string, fuzzy=src.fuzzy, previous=src.previous_id, user_comments=src.user_comments)
            used.add(k)
            result.kept += 1

    # 2. changed units: align old and new sequences, pair within each gap
    a = [key_of(m) for m in old_active]
    b = [key_of(m) for m in tmpl]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        olds = [m for m in old_active[i1:i2] if key_of(m) not in used and key_of(m) not in out and translated(m)]
        news = [m for m in tmpl[j1:j2] if key_of(m) not in out]
        for o, n in _pair_gap(olds, news):
            previous = o.previous_id if (o.fuzzy and o.previous_id) else [text_of(o)]
            out[key_of(n)] = _copy(n, o.string, fuzzy=True, previous=previous, user_comments=o.user_comments)
            used.add(key_of(o))
            result.fuzzy.append((text_of(o), text_of(n)))

    # 3. new units: empty, or from translation memory
    for t in tmpl:
        k = key_of(t)
        if k in out:
            continue
        hit = memory.lookup(text_of(t)) if memory is not None and isinstance(t.id, str) else None
        if hit is not None:
            string, source = hit
            out[k] = _copy(t, string, fuzzy=True, previous=[], user_comments=[TM_COMMENT.format(source=source)])
            result.from_memory += 1
        else:
            empty: str | tuple[str, ...] = "" if isinstance(t.id, str) else ("",) * cat.num_plurals
            out[k] = _copy(t, empty, fuzzy=False, previous=[], user_comments=[])
            result.new += 1

    for t in tmpl:
        cat[t.id] = out[key_of(t)]  # keyed by (id, context), in template order

    # 4. what is gone: translated entries become obsolete, old obsolete entries stay
    for m in old_active:
        k = key_of(m)
        if k not in used and k not in out and translated(m):
            cat.obsolete[k] = m
            result.obsolete += 1
    for k, m in old_obsolete.items():
        if k not in out and k not in cat.obsolete:
            cat.obsolete[k] = m
    return result
