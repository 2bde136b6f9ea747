"""Pairing two versions of a catalog's units: which old unit a new one continues.

Used by extraction (a continued unit keeps its id) and by the update (a continued unit keeps
its translation, as fuzzy when its text changed). The pairs, strongest evidence first:

1. the same text (msgid and context), wherever it now stands;
2. the same unit id (the pairing extraction made, when the old catalog carries ids);
3. place: the old and new sequences are aligned (difflib over whole texts), and units standing
   in the same gap between unchanged neighbours, of the same kind, are paired in order — text
   similarity only orders the choices inside a gap;
4. moves: what is left, of the same kind, paired by similarity above :data:`MOVE_SIMILARITY`,
   best first (an edited paragraph in a section that was moved).

Each unit is paired at most once. Units that stay unpaired are new (or gone).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

#: inside one gap, two units of unequal count are paired only above this similarity
GAP_SIMILARITY = 0.4
#: a unit paired across the article (no neighbour to vouch for it) must be at least this similar
MOVE_SIMILARITY = 0.6


@dataclass(frozen=True)
class Item:
    """What pairing knows of an entry."""

    key: tuple[str, str | None]
    kind: str
    unit_id: str | None = None

    @property
    def text(self) -> str:
        return self.key[0]


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _pair_gap(olds: list[int], news: list[int], old: Sequence[Item], new: Sequence[Item]) -> list[tuple[int, int]]:
    """Pair the old and new units of one gap, in order. Equal counts of the same kinds pair one
    to one (an edit in place); otherwise an order-preserving best match by similarity."""
    if not olds or not news:
        return []
    if len(olds) == len(news) and all(old[o].kind == new[n].kind for o, n in zip(olds, news, strict=True)):
        return list(zip(olds, news, strict=True))
    n, m = len(olds), len(news)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best = max(score[i + 1][j], score[i][j + 1])
            if old[olds[i]].kind == new[news[j]].kind:
                sim = similarity(old[olds[i]].text, new[news[j]].text)
                if sim >= GAP_SIMILARITY:
                    best = max(best, sim + score[i + 1][j + 1])
            score[i][j] = best
    pairs: list[tuple[int, int]] = []
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


def pair(old: Sequence[Item], new: Sequence[Item]) -> dict[int, int]:
    """new index → old index, for every new unit that continues an old one."""
    result: dict[int, int] = {}
    used: set[int] = set()

    def take(o: int, n: int) -> None:
        result[n] = o
        used.add(o)

    # 1. the same text
    old_by_key = {item.key: i for i, item in enumerate(old)}
    for n, item in enumerate(new):
        o = old_by_key.get(item.key)
        if o is not None and o not in used:
            take(o, n)
    # 2. the same id
    old_by_id = {item.unit_id: i for i, item in enumerate(old) if item.unit_id}
    for n, item in enumerate(new):
        o = old_by_id.get(item.unit_id) if item.unit_id else None
        if n not in result and o is not None and o not in used:
            take(o, n)
    # 3. place
    matcher = difflib.SequenceMatcher(None, [i.key for i in old], [i.key for i in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        olds = [o for o in range(i1, i2) if o not in used]
        news = [n for n in range(j1, j2) if n not in result]
        for o, n in _pair_gap(olds, news, old, new):
            take(o, n)
    # 4. moves
    free_old = [o for o in range(len(old)) if o not in used]
    free_new = [n for n in range(len(new)) if n not in result]
    candidates: list[tuple[float, int, int]] = []
    for n in free_new:
        for o in free_old:
            if old[o].kind != new[n].kind:
                continue
            texts = difflib.SequenceMatcher(None, old[o].text, new[n].text, autojunk=False)
            if texts.real_quick_ratio() < MOVE_SIMILARITY or texts.quick_ratio() < MOVE_SIMILARITY:
                continue
            sim = texts.ratio()
            if sim >= MOVE_SIMILARITY:
                candidates.append((-sim, o, n))
    for _neg, o, n in sorted(candidates):
        if o not in used and n not in result:
            take(o, n)
    return result


def containment(part: str, whole: str) -> float:
    """How much of ``part`` is found, in order, in ``whole`` (1.0: all of it): a paragraph split in
    two is contained in the old one, though only half as long."""
    if not part:
        return 0.0
    matcher = difflib.SequenceMatcher(None, part, whole, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(part)
