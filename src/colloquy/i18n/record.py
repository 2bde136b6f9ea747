"""What the last ``update`` wrote for each article (``build/update.json``), so that an update
with nothing to do reads no article and parses no catalog.

An article is up to date when its source, its template and each of its catalogs are exactly
the bytes the last update read and wrote, with the same code and configuration — and, for a
catalog that still has untranslated units (which translation memory could fill), when the
locale's other catalogs are unchanged too. Anything else, and the article is updated as usual.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from colloquy.fsutil import write_atomic

RECORD = "update.json"
VERSION = 1


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


def file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "absent"


@dataclass
class UpdateRecord:
    path: Path
    #: slug → {"inputs": digest, "catalogs": {locale: [catalog digest, memory digest or ""]}}
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, build_dir: Path) -> UpdateRecord:
        path = build_dir / RECORD
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(path)
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("articles"), dict):
            return cls(path)
        return cls(path, data["articles"])

    def fresh(self, slug: str, inputs: str, catalogs: dict[str, str], memory: dict[str, str] | None) -> bool:
        """Whether the article needs no update. ``memory``: each locale's memory digest, or None
        when it has not been computed (then only articles that do not depend on it are fresh)."""
        seen = self.articles.get(slug)
        if not isinstance(seen, dict) or seen.get("inputs") != inputs:
            return False
        recorded = seen.get("catalogs")
        if not isinstance(recorded, dict) or set(recorded) != set(catalogs):
            return False
        for locale, (cat, mem) in recorded.items():
            if catalogs[locale] != cat:
                return False
            if mem and (memory is None or memory.get(locale) != mem):
                return False
        return True

    def needs_memory(self, slug: str) -> bool:
        seen = self.articles.get(slug, {})
        return any(mem for _cat, mem in seen.get("catalogs", {}).values()) if isinstance(seen, dict) else False

    def note(self, slug: str, inputs: str, catalogs: dict[str, tuple[str, str]]) -> None:
        self.articles[slug] = {"inputs": inputs, "catalogs": {k: list(v) for k, v in catalogs.items()}}

    def forget(self, slug: str) -> None:
        self.articles.pop(slug, None)

    def save(self) -> None:
        data = {"version": VERSION, "articles": dict(sorted(self.articles.items()))}
        write_atomic(self.path, (json.dumps(data, indent=1) + "\n").encode())
