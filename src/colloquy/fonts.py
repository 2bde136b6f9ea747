"""Glyph coverage: every character of an edition must exist in the fonts of its language.

A missing glyph would otherwise be a silent box (or a fallback font: a CJK font's Latin
glyphs in English, which the English edition must never embed). The fonts are found with
fontconfig (``fc-match``) and their character maps read with fontTools once, then cached
in ``build/.cache/`` keyed by the font files' identity.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import subprocess
from functools import cache
from pathlib import Path

from colloquy.fsutil import write_atomic
from colloquy.typography import TYPOGRAPHY, FontStack


@cache
def font_file(family: str) -> Path | None:
    """The file fontconfig uses for ``family``, or None when it is not installed."""
    try:
        out = subprocess.run(
            ["fc-match", "--format=%{family}\n%{file}", f"{family}:style=Regular"], capture_output=True, text=True, check=True, timeout=20
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    families, _, file = out.partition("\n")
    if family.lower() not in [f.strip().lower() for f in families.split(",")]:
        return None  # fontconfig substituted another family
    return Path(file.strip())


def identity(path: Path) -> str:
    st = path.stat()
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


def _load_cmap(path: Path, family: str) -> frozenset[int]:
    from fontTools.ttLib import TTCollection, TTFont

    if path.suffix.lower() in (".ttc", ".otc"):
        collection = TTCollection(str(path), lazy=True)
        fonts = list(collection.fonts)
    else:
        fonts = [TTFont(str(path), lazy=True)]
    for font in fonts:
        names = {n.toUnicode() for n in font["name"].names if n.nameID in (1, 16)}
        if family in names or len(fonts) == 1:
            return frozenset(font.getBestCmap())
    return frozenset(fonts[0].getBestCmap())


_memory: dict[str, frozenset[int]] = {}


def coverage(family: str, cache_dir: Path | None = None) -> frozenset[int]:
    """The code points ``family`` has glyphs for (empty when the font is missing)."""
    path = font_file(family)
    if path is None:
        return frozenset()
    key = hashlib.sha256(f"{family}|{identity(path)}".encode()).hexdigest()[:20]
    if key in _memory:
        return _memory[key]
    cached = cache_dir / f"cmap-{key}.json" if cache_dir is not None else None
    if cached is not None and cached.exists():
        try:
            result = frozenset(json.loads(cached.read_text()))
            _memory[key] = result
            return result
        except (OSError, ValueError):
            pass
    result = _load_cmap(path, family)
    _memory[key] = result
    if cached is not None:
        with contextlib.suppress(OSError):  # atomic: workers share the cache, and a run may be killed
            write_atomic(cached, json.dumps(sorted(result)).encode())
    return result


_unions: dict[tuple[str, ...], frozenset[int]] = {}


def stack_coverage(stacks: tuple[FontStack, ...], cache_dir: Path | None = None) -> frozenset[int]:
    """The union of the stacks' character maps, memoised for the life of the process (fonts do
    not change under a build; the on-disk cache of coverage() is keyed by the files' identity)."""
    families = tuple(family for stack in stacks for family in stack.families)
    union = _unions.get(families)
    if union is None:
        out: set[int] = set()
        for family in families:
            out |= coverage(family, cache_dir)
        union = _unions[families] = frozenset(out)
    return union


def language_stacks(lang: str) -> tuple[FontStack, ...]:
    t = TYPOGRAPHY
    return (t.body_stack(lang), t.heading_stack(lang))


_IGNORED = {0x09, 0x0A, 0x0D, 0x200B, 0x200C, 0x200D, 0xFEFF, 0x00AD}


def missing_glyphs(text: str, lang: str, cache_dir: Path | None = None) -> list[str]:
    """Characters of ``text`` that no font of ``lang``'s stacks can draw."""
    have = stack_coverage(language_stacks(lang), cache_dir)
    return sorted({ch for ch in text if ord(ch) not in have and ord(ch) not in _IGNORED and not ch.isspace()})


def fonts_installed() -> list[str]:
    """Families of the typography that fontconfig cannot find."""
    t = TYPOGRAPHY
    return [f for s in (t.latin_serif, t.latin_sans, t.cjk_serif, t.cjk_sans) for f in s.families if font_file(f) is None]
