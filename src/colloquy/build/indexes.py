"""The site's lists: one index page per edition listing its articles, the home page listing every
edition — and, with a site address (``[tool.colloquy] site_url``), an Atom feed per edition and
``sitemap.xml``. All made from the index entries the workers returned (kept in the manifest): no
article is read again."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from colloquy.build.manifest import Manifest
from colloquy.diagnostics import Report
from colloquy.fsutil import write_atomic
from colloquy.project import Project
from colloquy.writers.base import EDITION_FORMATS

if TYPE_CHECKING:  # imported when the indexes are written, not by a build with nothing to do
    from colloquy.i18n.ui import Ui
    from colloquy.writers.html import Listed

#: the files written only with a site address
FEED = "feed.xml"
SITEMAP = "sitemap.xml"


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
            formats = tuple(f for f in EDITION_FORMATS if _key(project, f"{edition.id}/{slug}.{f}") in manifest.outputs)
            rows.append(Listed(IndexEntry.from_json(data), formats))
        rows.sort(key=lambda r: (r.entry.date_iso, r.entry.slug), reverse=True)
        per_edition[edition.id] = rows
        html = render_index(project.templates_dir, edition, rows, project.editions, uis, project.site_url)
        write_atomic(project.dist_dir / edition.id / "index.html", html.encode())
    write_atomic(project.dist_dir / "index.html", render_home(project.templates_dir, project.editions, per_edition, uis, project.site_url).encode())
    write_site_files(project, per_edition, uis)


def _key(project: Project, path: str) -> str:
    return project.rel(project.dist_dir / path)


def write_site_files(project: Project, per_edition: dict[str, list[Listed]], uis: dict[str, Ui]) -> None:
    """The feeds and the sitemap with a site address; without one, none (and none left from a
    build that had one)."""
    from colloquy.i18n import ui as L
    from colloquy.markup import plain_text
    from colloquy.writers.feeds import FeedEntry, SitemapPage, atom_feed, sitemap
    from colloquy.writers.html import edition_name

    site = project.site_url
    if site is None:
        for path in site_files(project):
            path.unlink(missing_ok=True)
        return
    typed = per_edition
    singles = [e for e in project.editions if not e.bilingual]
    pages: list[SitemapPage] = []
    newest = max((r.entry.date_iso for rows in typed.values() for r in rows), default=None)
    index_versions = (*((e.locale.tag, f"{site}{e.id}/index.html") for e in singles), ("x-default", site + "index.html"))
    pages.append(SitemapPage(site + "index.html", newest, index_versions))
    for edition in project.editions:
        rows = typed.get(edition.id, [])
        ui = uis[edition.locale.name]
        feed = project.dist_dir / edition.id / FEED
        pages.append(SitemapPage(f"{site}{edition.id}/index.html", rows[0].entry.date_iso if rows else newest, () if edition.bilingual else index_versions))
        if rows:
            outlet = plain_text(rows[0].entry.outlet) or ui.gettext(L.ALL_INTERVIEWS)
            name = edition_name(edition, uis, ui, project.editions)
            title = f"{outlet} · {ui.gettext(L.INTERVIEWS)} · {name}"
            entries = [FeedEntry(f"{site}{edition.id}/{r.entry.slug}.html", plain_text(r.entry.title), r.entry.date_iso, r.entry.summary, ui.tag) for r in rows]
            data = atom_feed(
                feed_url=f"{site}{edition.id}/{FEED}", page_url=f"{site}{edition.id}/index.html", title=title, author=outlet, lang=ui.tag, entries=entries
            )
            write_atomic(feed, data)
        else:
            feed.unlink(missing_ok=True)
    # the article pages, each with its language versions (none for a bilingual page)
    slugs = sorted({r.entry.slug for rows in typed.values() for r in rows})
    for slug in slugs:
        listed = {e.id: next((r for r in typed.get(e.id, []) if r.entry.slug == slug), None) for e in project.editions}
        source = next((r.entry.source for r in listed.values() if r is not None and r.entry.source), "")
        versions = tuple((e.locale.tag, f"{site}{e.id}/{slug}.html") for e in singles if listed[e.id] is not None)
        default = source if source and listed.get(source) is not None else singles[0].id
        alternates = (*versions, ("x-default", f"{site}{default}/{slug}.html")) if versions else ()
        for edition in project.editions:
            row = listed[edition.id]
            if row is not None:
                pages.append(SitemapPage(f"{site}{edition.id}/{slug}.html", row.entry.date_iso, () if edition.bilingual else alternates))
    write_atomic(project.dist_dir / SITEMAP, sitemap(pages))


def site_files(project: Project) -> list[Path]:
    """The files :func:`write_site_files` writes (with a site address)."""
    return [project.dist_dir / e.id / FEED for e in project.editions] + [project.dist_dir / SITEMAP]
