"""The indexes: one page per edition listing its articles, and the home page listing every
edition — made from the index entries the workers returned (kept in the manifest)."""

from __future__ import annotations

from colloquy.build.manifest import Manifest
from colloquy.diagnostics import Report
from colloquy.fsutil import write_atomic
from colloquy.project import Project
from colloquy.writers.base import FORMATS


def write_indexes(project: Project, manifest: Manifest, report: Report) -> None:
    from colloquy.i18n.ui import load_ui
    from colloquy.writers.html import IndexEntry, Listed, render_home, render_index

    uis = {loc.name: load_ui(project.locales_dir, loc, report) for loc in project.locales}
    per_edition: dict[str, list[Listed]] = {}
    for edition in project.editions:
        rows = []
        for slug, record in manifest.articles.items():
            data = record.entries.get(edition.id)
            if data is None:
                continue
            formats = tuple(f for f in FORMATS if project.rel(project.dist_dir / edition.id / f"{slug}.{f}") in manifest.outputs)
            rows.append(Listed(IndexEntry.from_json(data), formats))
        rows.sort(key=lambda r: (r.entry.date_iso, r.entry.slug), reverse=True)
        per_edition[edition.id] = rows
        html = render_index(project.templates_dir, edition, rows, project.editions, uis)
        write_atomic(project.dist_dir / edition.id / "index.html", html.encode())
    write_atomic(project.dist_dir / "index.html", render_home(project.templates_dir, project.editions, per_edition, uis).encode())
