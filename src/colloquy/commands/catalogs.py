"""``colloquy extract``, ``update`` and ``stats``: the article templates and catalogs."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from colloquy.diagnostics import EXIT_OK, InputError, Report, display_path
from colloquy.fsutil import ChangedOnDisk, clean_leftovers
from colloquy.i18n.catalog import Catalog
from colloquy.i18n.catalogs import Catalogs
from colloquy.model import Article
from colloquy.project import UI_DOMAIN, Project

#: the header comment of a catalog the update creates
CATALOG_COMMENT = ["{locale} translation of '{domain}'.", "Edit the msgstr lines; see docs/translator-guide.md."]


def now() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)


def location(project: Project, article: Article) -> str:
    """The article's path as PO locations show it: relative to the project root."""
    p = Path(article.path)
    return project.rel(p.resolve() if p.is_absolute() else (Path.cwd() / p).resolve())


def remove_stale_templates(project: Project) -> None:
    """Templates of articles that no longer exist are generated files: remove them. (Their
    catalogs hold translators' work and are never removed; ``check`` reports them.)"""
    folder = project.template_path("x").parent
    if not folder.is_dir():
        return
    live = {p.parent.name for p in project.article_sources()}
    for pot in sorted(folder.glob("*.pot")):
        if pot.stem != UI_DOMAIN and pot.stem not in live:
            pot.unlink()
            print(f"extract: removed {display_path(pot)} (its article is gone)", file=sys.stderr)


def _previous(project: Project, catalogs: Catalogs, article: Article) -> Catalog | None:
    """What the article's units were last extracted as: its template, or — when the template is
    gone — one of its catalogs, which carry the same ids."""
    template = catalogs.template(article.meta.slug)
    if template is not None:
        return template
    for locale in project.target_locales(article.meta.locale):
        cat = catalogs.catalog(locale.name, article.meta.slug)
        if cat is not None and any(e.unit_id for e in cat):
            return cat
    return None


def _known_ids(project: Project, catalogs: Catalogs, article: Article) -> list[str]:
    ids: list[str] = []
    for locale in project.target_locales(article.meta.locale):
        cat = catalogs.catalog(locale.name, article.meta.slug)
        if cat is not None:
            ids.extend(e.unit_id for e in (*cat.entries, *cat.obsolete) if e.unit_id)
    return ids


def templates(project: Project, articles: list[Article], catalogs: Catalogs, *, with_ui: bool) -> tuple[dict[str, Catalog], int]:
    """Extract and save the templates of ``articles`` (and the ``ui`` one); returns them by
    domain and how many files changed."""
    from colloquy.i18n.extract import article_template, ui_template
    from colloquy.i18n.pofile import save_template

    out: dict[str, Catalog] = {}
    changed = 0
    stamp = now()
    for article in articles:
        slug = article.meta.slug
        tmpl = article_template(article, location(project, article), _previous(project, catalogs, article), _known_ids(project, catalogs, article))
        changed += save_template(project.template_path(slug), tmpl, stamp)
        out[slug] = tmpl
    if with_ui:
        ui = ui_template(project.templates_dir, project.root)
        changed += save_template(project.template_path(UI_DOMAIN), ui, stamp)
        out[UI_DOMAIN] = ui
        remove_stale_templates(project)
    return out, changed


def extract(project: Project, slugs: list[str]) -> int:
    from colloquy.articles import load_articles

    clean_leftovers(project.locales_dir)
    articles = load_articles(project, slugs)
    report = Report()
    catalogs = Catalogs(project, report)
    written, changed = templates(project, articles, catalogs, with_ui=not slugs)
    report.print()
    print(f"extract: {changed} template(s) written, {len(written) - changed} unchanged", file=sys.stderr)
    return report.exit_status()


def _memory_digests(project: Project) -> dict[str, str]:
    """Each locale's translation memory, as a digest of its article catalogs' bytes."""
    from colloquy.i18n.record import digest, file_digest

    out = {}
    for loc in project.locales:
        folder = project.locales_dir / loc.name / "LC_MESSAGES"
        files = sorted(p for p in folder.glob("*.po") if p.stem != UI_DOMAIN) if folder.is_dir() else []
        out[loc.name] = digest(*(f"{p.name}={file_digest(p)}" for p in files))
    return out


def update(project: Project, slugs: list[str]) -> int:
    from colloquy.articles import read_articles
    from colloquy.build.digests import Fingerprints
    from colloquy.i18n.record import UpdateRecord, digest, file_digest

    clean_leftovers(project.locales_dir)
    report = Report()
    sources = project.select_sources(slugs, report)
    if report.errors:
        raise InputError(report)
    # what the last update wrote: an article whose files are as it left them is not read at all
    record = UpdateRecord.load(project.root / "build")
    fp = Fingerprints(project)
    config = fp.file(project.root / "pyproject.toml")

    def inputs(slug: str) -> str:
        return digest(fp.code(), config, file_digest(project.articles_dir / slug / "article.md"), file_digest(project.template_path(slug)))

    def catalog_digests(slug: str) -> dict[str, str]:
        return {loc.name: file_digest(project.catalog_path(loc.name, slug)) for loc in project.target_locales(fp.source_locale(slug) or "")}

    memory = _memory_digests(project) if any(record.needs_memory(s.parent.name) for s in sources) else None
    stale = [s for s in sources if not record.fresh(s.parent.name, inputs(s.parent.name), catalog_digests(s.parent.name), memory)]
    articles = read_articles(project, stale, Report()) if stale else []
    done = _update(project, articles, report, with_ui=not slugs)

    memory = _memory_digests(project)
    for slug, left_untranslated in done.items():
        cats = catalog_digests(slug)
        record.note(slug, inputs(slug), {loc: (d, memory[loc] if left_untranslated.get(loc) else "") for loc, d in cats.items()})
    live = {p.parent.name for p in project.article_sources()}
    for slug in [s for s in record.articles if s not in live]:
        record.forget(slug)
    if done or not (project.root / "build" / "update.json").exists():
        (project.root / "build").mkdir(exist_ok=True)
        record.save()
    fresh = len(sources) - len(stale)
    if fresh:
        print(f"update: {fresh} article(s) up to date (their sources, templates and catalogs are as the last update left them)", file=sys.stderr)
    report.print()
    return report.exit_status()


def _update(project: Project, articles: list[Article], report: Report, *, with_ui: bool) -> dict[str, dict[str, bool]]:
    """Extract and merge; returns, for each article updated, which of its catalogs still have
    untranslated units (translation memory may fill them at a later update)."""
    from colloquy.i18n.pofile import save_catalog
    from colloquy.i18n.ui import UI_SOURCE_LOCALE
    from colloquy.i18n.update import TranslationMemory, merge

    catalogs = Catalogs(project, report)
    # read everything first: a bad catalog stops the update before anything is written. Each
    # catalog's state (mtime, size, content hash) is taken when it is read, and compared again
    # just before it is replaced: an edit saved meanwhile is kept (the update says so).
    jobs: list[tuple[str, str]] = []  # (domain, locale)
    for article in articles:
        jobs += [(article.meta.slug, loc.name) for loc in project.target_locales(article.meta.locale)]
    if with_ui:
        jobs += [(UI_DOMAIN, loc.name) for loc in project.locales if loc.name != UI_SOURCE_LOCALE]
    memories: dict[str, TranslationMemory] = {}
    for domain, locale in jobs:
        if locale not in memories and domain != UI_DOMAIN:
            memories[locale] = TranslationMemory()
            for name, cat in catalogs.article_catalogs(locale).items():
                memories[locale].add_catalog(cat, name)
    for domain, locale in jobs:
        catalogs.catalog(locale, domain)
    if report.errors:
        raise InputError(report)
    written, _changed = templates(project, articles, catalogs, with_ui=with_ui)

    done: dict[str, dict[str, bool]] = {}
    kept: set[str] = set()  # articles with a catalog that changed on disk meanwhile
    for domain, locale in jobs:
        path = project.catalog_path(locale, domain)
        old = catalogs.catalog(locale, domain)
        comment = [line.format(locale=locale, domain=domain) for line in CATALOG_COMMENT]
        result = merge(written[domain], old, locale, comment, memories.get(locale) if domain != UI_DOMAIN else None)
        try:
            changed = save_catalog(path, result.catalog, expected=catalogs.state(locale, domain))
        except ChangedOnDisk:
            report.error(
                display_path(path), 1, None, "the catalog changed on disk while it was being updated: it was left as it is", "run 'make update' again"
            )
            kept.add(domain)
            continue
        if domain != UI_DOMAIN:
            done.setdefault(domain, {})[locale] = any(not e.translated for e in result.catalog)
        parts = []
        if result.fuzzy:
            parts.append(f"{len(result.fuzzy)} fuzzy")
        if result.new:
            parts.append(f"{result.new} new")
        if result.from_memory:
            parts.append(f"{result.from_memory} from memory")
        if result.obsolete:
            parts.append(f"{result.obsolete} obsolete")
        state = ("updated" if changed else "unchanged") + (f" ({', '.join(parts)})" if parts else "")
        print(f"update: {display_path(path)}: {state}", file=sys.stderr)
    # an article whose catalog changed on disk meanwhile is not recorded: the next update reads it again
    return {slug: locs for slug, locs in done.items() if slug not in kept}


def stats(project: Project, slugs: list[str]) -> int:
    from colloquy.articles import load_articles
    from colloquy.i18n.stats import format_table, progress

    articles = load_articles(project, slugs)
    report = Report()
    catalogs = Catalogs(project, report)
    rows = []
    for article in articles:
        for locale in project.target_locales(article.meta.locale):
            path = project.catalog_path(locale.name, article.meta.slug)
            if not path.exists():
                report.warning(display_path(path), 1, None, "no catalog yet", "run 'make update' to create it")
                continue
            cat = catalogs.catalog(locale.name, article.meta.slug)
            if cat is not None:
                rows.append(progress(cat, article.meta.slug, locale.name))
    if not slugs:  # the interface strings of the editions
        for locale in project.locales:
            cat = catalogs.catalog(locale.name, UI_DOMAIN)
            if cat is not None:
                rows.append(progress(cat, "(interface: ui)", locale.name))
    if rows:
        print(format_table(rows))
    report.print()
    return EXIT_OK if not report.errors else report.exit_status()
