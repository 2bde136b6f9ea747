"""Aligning an existing translation with an article's units: Gale and Church's length-based
dynamic programming (1993), with anchors.

The article gives its units in reading order (title, lead, note, headings, turns, list items,
captions, profile lines); the translated manuscript, read as the import reads a manuscript
(:mod:`colloquy.intake.manuscript`: labels, numbers typed by hand, the masthead and the profile
headings taken away), gives its paragraphs in order. A path through the two sequences is made
of beads: 1–1, 1–0 (a unit the translation lacks), 0–1 (a paragraph only the translation has),
2–1 (two units the translation merged into one paragraph) and 1–2 (a unit it split in two).
Each bead costs what Gale and Church's model says of its lengths (the translation's length is
about ``c`` times the source's, with a variance proportional to it; ``c`` is measured on the
two texts) and of its kind (a prior), less what its anchors say: figures (27, 40%, 五代 = 5),
Latin terms (CAR-T, CSCO, ICML, Michael Gnant) and names the catalog already translates
(Ma Jun → 马军) found on both sides count for the bead, found on one side only against it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from colloquy.markup import plain_text
from colloquy.textrules import CERTAIN, LIKELY, figures, has_han

#: the priors of the beads (Gale and Church's, the deletions and insertions made rarer)
PRIORS = {(1, 1): 0.89, (1, 0): 0.005, (0, 1): 0.005, (2, 1): 0.045, (1, 2): 0.045}
#: the variance of the translation's length per character of source, in units of ``c``
VARIANCE = 6.8
#: what one anchor found on both sides is worth (in -log probability), and one on one side only
ANCHOR_MATCH = 2.5
ANCHOR_MISS = 1.5
#: what a bead of a paragraph and a heading (or a list item …) costs more
KIND_MISMATCH = 3.0
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9’'-]*[A-Za-z0-9]|[A-Z]")


@dataclass(frozen=True)
class Segment:
    """A text of one side: its Markdown (what is written into the catalog) and its plain text."""

    markdown: str
    kind: str = "paragraph"
    #: source units: the section it is in (a merge stays in one section)
    section: int = 0

    @property
    def plain(self) -> str:
        return plain_text(self.markdown)


@dataclass(frozen=True)
class Bead:
    source: tuple[int, ...]
    target: tuple[int, ...]


@dataclass
class Alignment:
    beads: list[Bead] = field(default_factory=list)

    def matches(self) -> list[Bead]:
        return [b for b in self.beads if b.source and b.target]

    def unaligned_source(self) -> list[int]:
        return [b.source[0] for b in self.beads if b.source and not b.target]

    def unaligned_target(self) -> list[int]:
        return [b.target[0] for b in self.beads if b.target and not b.source]


def _latin_terms(text: str) -> set[str]:
    """Latin words that a translation keeps as they are: acronyms, names, terms with digits or
    capitals (an English text's lowercase words are not anchors)."""
    out = set()
    for word in _LATIN.findall(text):
        if any(c.isupper() for c in word[1:]) or any(c.isdigit() for c in word) or "-" in word or (word[0].isupper() and len(word) > 1):
            out.add(word.lower().rstrip("s") if word.isupper() or word[:-1].isupper() else word.lower())
    return out


def _figures(text: str) -> set[Decimal]:
    chinese = has_han(text)
    return {f.value for f in figures(text, chinese) if isinstance(f.value, Decimal) and f.level >= (LIKELY if chinese else CERTAIN) and f.value not in (0, 1)}


@dataclass(frozen=True)
class _Anchors:
    figures: frozenset[Decimal]
    latin: frozenset[str]
    names: frozenset[int]  # indices of name pairs present

    def __or__(self, other: _Anchors) -> _Anchors:
        return _Anchors(self.figures | other.figures, self.latin | other.latin, self.names | other.names)


def _anchors(text: str, names: Sequence[str], source: bool) -> _Anchors:
    latin = _latin_terms(text)
    if source and not has_han(text):
        # an English source: only the terms a Chinese translation would keep in Latin letters
        latin = {w for w in latin if any(c.isdigit() for c in w) or "-" in w or w.upper() == w} | {
            w for w in latin if w in _KEPT_NAMES
        }
    present = frozenset(i for i, name in enumerate(names) if name and name in text)
    return _Anchors(frozenset(_figures(text)), frozenset(latin), present)


_KEPT_NAMES: set[str] = set()


def _anchor_cost(a: _Anchors, b: _Anchors) -> float:
    cost = 0.0
    for left, right in ((a.figures, b.figures), (a.names, b.names)):
        both = len(left & right)
        cost -= ANCHOR_MATCH * both
        cost += ANCHOR_MISS * (len(left ^ right))
    latin_both = len(a.latin & b.latin)
    cost -= ANCHOR_MATCH * latin_both
    cost += ANCHOR_MISS * 0.5 * len(a.latin ^ b.latin)
    return cost


def _length_cost(ls: int, lt: int, c: float) -> float:
    if ls == 0 and lt == 0:
        return 0.0
    mean = (ls + lt / c) / 2
    delta = (lt - ls * c) / math.sqrt(max(mean, 1.0) * VARIANCE * c)
    p = 2 * (1 - 0.5 * (1 + math.erf(abs(delta) / math.sqrt(2))))
    return -math.log(max(p, 1e-12))


def align(
    source: Sequence[Segment],
    target: Sequence[Segment],
    name_pairs: Sequence[tuple[str, str]] = (),
    latin_names: Sequence[str] = (),
) -> Alignment:
    """The most likely alignment of the units with the translation's paragraphs."""
    _KEPT_NAMES.clear()
    _KEPT_NAMES.update(w.lower() for name in latin_names for w in _LATIN.findall(name))
    n, m = len(source), len(target)
    ls = [len(s.plain) for s in source]
    lt = [len(t.plain) for t in target]
    c = (sum(lt) / sum(ls)) if sum(ls) and sum(lt) else 1.0
    src_names = [a for a, _ in name_pairs]
    tgt_names = [b for _, b in name_pairs]
    sa = [_anchors(s.plain, src_names, True) for s in source]
    ta = [_anchors(t.plain, tgt_names, False) for t in target]
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == inf:
                continue
            for (di, dj), prior in PRIORS.items():
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                if di == 2 and not (source[i].kind == source[i + 1].kind == "paragraph" and source[i].section == source[i + 1].section):
                    continue  # only paragraphs of one section can share a translation (the merge marker)
                if dj == 2 and source[i].kind != "paragraph":
                    continue
                step = -math.log(prior)
                if di and dj and (source[i].kind == "summary") != (target[j].kind == "summary" and dj == 1):
                    continue  # a summary (导语) is a summary's translation, or nothing's
                if di and dj:
                    kinds = {s.kind for s in source[i:ni]} ^ {t.kind for t in target[j:nj]}
                    step += KIND_MISMATCH * bool(kinds)
                    s_len = sum(ls[i:ni])
                    t_len = sum(lt[j:nj])
                    step += _length_cost(s_len, t_len, c)
                    a = sa[i] if di == 1 else sa[i] | sa[i + 1]
                    b = ta[j] if dj == 1 else ta[j] | ta[j + 1]
                    step += _anchor_cost(a, b)
                elif di:
                    step += 0.5 * ANCHOR_MISS * (len(sa[i].figures) + len(sa[i].names))
                else:
                    step += 0.5 * ANCHOR_MISS * (len(ta[j].figures) + len(ta[j].names))
                total = here + step
                if total < cost[ni][nj]:
                    cost[ni][nj] = total
                    back[ni][nj] = (di, dj)
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        move = back[i][j]
        assert move is not None
        di, dj = move
        beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    beads.reverse()
    return Alignment(beads)
