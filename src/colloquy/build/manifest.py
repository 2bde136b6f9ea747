"""The build's manifest (``build/manifest.json``): what each output was built from, and each
article's index entries, so that a build with nothing to do reads no article and the indexes
are written without reading any again.

A shard (``colloquy build --shard K/N``) writes its own part, ``build/manifest.shard-K-of-N.json``,
and nothing else outside its outputs. A build that finds parts merges them into the manifest
(and removes them): copy the shards' ``dist/`` and ``build/`` folders into one, run ``colloquy
build``, and the indexes are written without rebuilding anything.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from colloquy.fsutil import write_atomic

MANIFEST = "manifest.json"
PART_GLOB = "manifest.shard-*.json"
VERSION = 2


@dataclass
class ArticleRecord:
    digest: str
    #: edition id → index entry (plain data)
    entries: dict[str, dict[str, Any]]


@dataclass
class Manifest:
    #: project-relative path of an output → its digest
    outputs: dict[str, str] = field(default_factory=dict)
    articles: dict[str, ArticleRecord] = field(default_factory=dict)
    indexes: str = ""
    #: the parts merged in when it was read (removed once the merged manifest is saved)
    parts: list[Path] = field(default_factory=list)

    @classmethod
    def load(cls, build_dir: Path) -> Manifest:
        """The manifest with every shard's part merged in. Anything unreadable counts as absent
        (everything is then rebuilt)."""
        manifest = cls._read(build_dir / MANIFEST)
        for part in sorted(build_dir.glob(PART_GLOB)) if build_dir.is_dir() else []:
            other = cls._read(part)
            manifest.outputs.update(other.outputs)
            manifest.articles.update(other.articles)
            manifest.parts.append(part)
        return manifest

    @classmethod
    def _read(cls, path: Path) -> Manifest:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict) or data.get("version") != VERSION:
            return cls()
        outputs = data.get("outputs")
        articles = data.get("articles")
        if not isinstance(outputs, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in outputs.items()):
            return cls()
        records: dict[str, ArticleRecord] = {}
        if isinstance(articles, dict):
            for slug, rec in articles.items():
                if isinstance(rec, dict) and isinstance(rec.get("digest"), str) and isinstance(rec.get("entries"), dict):
                    records[str(slug)] = ArticleRecord(rec["digest"], rec["entries"])
        indexes = data.get("indexes")
        return cls(dict(outputs), records, indexes if isinstance(indexes, str) else "")

    def _data(self, *, with_indexes: bool) -> dict[str, Any]:
        data: dict[str, Any] = {
            "version": VERSION,
            "outputs": dict(sorted(self.outputs.items())),
            "articles": {slug: {"digest": r.digest, "entries": r.entries} for slug, r in sorted(self.articles.items())},
        }
        if with_indexes:
            data["indexes"] = self.indexes
        return data

    def save(self, build_dir: Path, part: str | None = None) -> None:
        """Write the manifest, or a shard's part of it (``part``: the shard's name)."""
        if part is not None:
            path = build_dir / f"manifest.{part}.json"
            write_atomic(path, (json.dumps(self._data(with_indexes=False), indent=1, ensure_ascii=False) + "\n").encode())
            return
        write_atomic(build_dir / MANIFEST, (json.dumps(self._data(with_indexes=True), indent=1, ensure_ascii=False) + "\n").encode())
        for merged in self.parts:
            merged.unlink(missing_ok=True)
        self.parts = []

    def entries_json(self) -> str:
        """Every article's index entries, as one canonical text (the indexes' digest covers it)."""
        return json.dumps({slug: r.entries for slug, r in sorted(self.articles.items())}, sort_keys=True, ensure_ascii=False)
