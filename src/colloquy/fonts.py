"""Fonts on this machine: which file a family is, its character map and its digest.

Glyph coverage: every character of an edition must exist in the fonts of its language. A
missing glyph would otherwise be a silent box (or a fallback font: a CJK font's Latin glyphs in
English, which the English edition must never embed). The fonts are found with fontconfig
(``fc-match``), their character maps read with fontTools once, and cached — with the files'
content digests, on which the PDF outputs depend — in Colloquy's cache folder
(:func:`colloquy.fsutil.cache_dir`), keyed by the files' identity.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import subprocess
from functools import cache
from pathlib import Path

from colloquy.editions import Locale
from colloquy.fsutil import cache_dir, write_atomic
from colloquy.typography import FontStack


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


def _identity(path: Path) -> str:
    st = path.stat()
    return f"{path}:{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"


def _cached(name: str) -> Path | None:
    folder = cache_dir()
    return folder / name if folder is not None else None


@cache
def content_digest(path: Path) -> str:
    """The SHA-256 of a font file (cached by its identity: hashing a CJK collection takes a while)."""
    key = hashlib.sha256(_identity(path).encode()).hexdigest()[:20]
    cached = _cached(f"digest-{key}.txt")
    if cached is not None and cached.exists():
        with contextlib.suppress(OSError):
            return cached.read_text().strip()
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    digest = h.hexdigest()
    if cached is not None:
        with contextlib.suppress(OSError):
            write_atomic(cached, digest.encode())
    return digest


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


@cache
def coverage(family: str) -> frozenset[int]:
    """The code points ``family`` has glyphs for (empty when the font is missing)."""
    path = font_file(family)
    if path is None:
        return frozenset()
    key = hashlib.sha256(f"{family}|{_identity(path)}".encode()).hexdigest()[:20]
    cached = _cached(f"cmap-{key}.json")
    if cached is not None and cached.exists():
        try:
            return frozenset(json.loads(cached.read_text()))
        except (OSError, ValueError):
            pass
    result = _load_cmap(path, family)
    if cached is not None:
        with contextlib.suppress(OSError):  # atomic: workers share the cache, and a run may be killed
            write_atomic(cached, json.dumps(sorted(result)).encode())
    return result


@cache
def stack_coverage(stacks: tuple[FontStack, ...]) -> frozenset[int]:
    """The union of the stacks' character maps, for the life of the process."""
    out: set[int] = set()
    for stack in stacks:
        for family in stack.families:
            out |= coverage(family)
    return frozenset(out)


_IGNORED = {0x09, 0x0A, 0x0D, 0x200B, 0x200C, 0x200D, 0xFEFF, 0x00AD}


def missing_glyphs(text: str, locale: Locale) -> list[str]:
    """Characters of ``text`` that no font of ``locale``'s stacks can draw."""
    have = stack_coverage((locale.fonts.body, locale.fonts.heading))
    return sorted({ch for ch in text if ord(ch) not in have and ord(ch) not in _IGNORED and not ch.isspace()})
