"""What each ``colloquy`` subcommand does; the CLI parses arguments, this module runs them."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from typing import TYPE_CHECKING

from colloquy.diagnostics import InputError, Report, display_path
from colloquy.fsutil import ChangedOnDisk, clean_leftovers, file_state
from colloquy.project import Project

if TYPE_CHECKING:
    from colloquy.i18n.pofile import ColloquyCatalog
    from colloquy.i18n.update import TranslationMemory
    from colloquy.model import Article

# Each command imports what it needs when it runs: `colloquy build` with nothing to do
# must not pay for Babel, markdown-it or the QA's numeral parser.

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def _project(args: argparse.Namespace) -> Project:
    return Project.load(args.project)


def _now() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)


def _location(project: Project, article: Article) -> str:
    """The article's path as PO locations show it: relative to the project root."""
    from pathlib import Path

    p = Path(article.path)
    return project.rel(p.resolve() if p.is_absolute() else (Path.cwd() / p).resolve())


def _remove_stale_templates(project: Project) -> None:
    """Templates of articles that no longer exist are generated files: remove them. (Their
    catalogs hold translators' work and are never removed; ``check`` reports them.)"""
    folder = project.template_path("x").parent
    if not folder.is_dir():
        return
    live = {p.parent.name for p in project.article_sources()}
    for pot in sorted(folder.glob("*.pot")):
        if pot.stem != "ui" and pot.stem not in live:
            pot.unlink()
            print(f"extract: removed {display_path(pot)} (its article is gone)", file=sys.stderr)


def extract(args: argparse.Namespace) -> int:
    from colloquy.articles import load_articles
    from colloquy.i18n.extract import UI_DOMAIN, article_template, ui_template
    from colloquy.i18n.pofile import save_catalog

    project = _project(args)
    clean_leftovers(project.locales_dir)
    articles = load_articles(project, args.slugs)
    changed = 0
    for article in articles:
        tmpl = article_template(article, _location(project, article))
        changed += save_catalog(project.template_path(article.meta.slug), tmpl, _now())
    if not args.slugs:
        changed += save_catalog(project.template_path(UI_DOMAIN), ui_template(project.templates_dir, project.root), _now())
        _remove_stale_templates(project)
    print(f"extract: {changed} template(s) written, {len(articles) + (0 if args.slugs else 1) - changed} unchanged", file=sys.stderr)
    return EXIT_OK


def _memory(project: Project, locale: str, exclude: str, report: Report) -> TranslationMemory:
    from colloquy.i18n.extract import UI_DOMAIN
    from colloquy.i18n.pofile import load_catalog
    from colloquy.i18n.update import TranslationMemory

    memory = TranslationMemory()
    folder = project.locales_dir / locale / "LC_MESSAGES"
    if folder.is_dir():
        for po in sorted(folder.glob("*.po")):
            if po.stem in (exclude, UI_DOMAIN):
                continue
            quiet = Report()  # its warnings are reported when it is updated or checked itself
            cat = load_catalog(po, quiet, locale)
            report.items.extend(quiet.errors)
            if cat is not None:
                memory.add_catalog(cat, po.stem)
    return memory


def update(args: argparse.Namespace) -> int:
    from colloquy.articles import load_articles
    from colloquy.i18n.extract import UI_DOMAIN, article_template, ui_template
    from colloquy.i18n.pofile import load_catalog, save_catalog
    from colloquy.i18n.update import merge

    project = _project(args)
    clean_leftovers(project.locales_dir)
    articles = load_articles(project, args.slugs)
    report = Report()
    jobs: list[tuple[str, str, ColloquyCatalog]] = []  # (domain, locale, template)
    for article in articles:
        tmpl = article_template(article, _location(project, article))
        save_catalog(project.template_path(article.meta.slug), tmpl, _now())
        for locale in project.target_locales(article.meta.locale):
            jobs.append((article.meta.slug, locale, tmpl))
    if not args.slugs:
        _remove_stale_templates(project)
        ui = ui_template(project.templates_dir, project.root)
        save_catalog(project.template_path(UI_DOMAIN), ui, _now())
        for locale in project.locales:
            if locale != "en":
                jobs.append((UI_DOMAIN, locale, ui))

    # read everything first: a bad catalog stops the update before anything is written. Each
    # catalog's state (mtime, size, content hash) is taken before it is read, and compared again
    # just before it is replaced: an edit saved meanwhile, even within the file system's time
    # resolution, is kept (the catalog is left as it is and the update says so).
    olds: dict[tuple[str, str], tuple[ColloquyCatalog | None, str]] = {}
    for domain, locale, _ in jobs:
        path = project.catalog_path(locale, domain)
        state = file_state(path)
        olds[(domain, locale)] = (load_catalog(path, report, locale) if state != "absent" else None, state)
    if report.errors:
        raise InputError(report)

    for domain, locale, tmpl in jobs:
        path = project.catalog_path(locale, domain)
        old, read_state = olds[(domain, locale)]
        memory = _memory(project, locale, domain, report) if domain != UI_DOMAIN else None
        header = f"# {locale} translation of '{domain}'.\n# Edit the msgstr lines; see docs/translator-guide.md."
        result = merge(tmpl, old, locale, header, memory)
        try:
            written = save_catalog(path, result.catalog, stamp=False, expected=read_state)
        except ChangedOnDisk:
            report.error(
                display_path(path), 1, None, "the catalog changed on disk while it was being updated: it was left as it is", "run 'make update' again"
            )
            continue
        parts = []
        if result.fuzzy:
            parts.append(f"{len(result.fuzzy)} fuzzy")
        if result.new:
            parts.append(f"{result.new} new")
        if result.from_memory:
            parts.append(f"{result.from_memory} from memory")
        if result.obsolete:
            parts.append(f"{result.obsolete} obsolete")
        state = ("updated" if written else "unchanged") + (f" ({', '.join(parts)})" if parts else "")
        print(f"update: {display_path(path)}: {state}", file=sys.stderr)
    report.print()
    return EXIT_INPUT if report.errors else EXIT_OK


def stats(args: argparse.Namespace) -> int:
    from colloquy.articles import load_articles
    from colloquy.i18n.pofile import load_catalog
    from colloquy.i18n.stats import format_table, progress

    project = _project(args)
    articles = load_articles(project, args.slugs)
    report = Report()
    rows = []
    for article in articles:
        for locale in project.target_locales(article.meta.locale):
            path = project.catalog_path(locale, article.meta.slug)
            if not path.exists():
                report.warning(display_path(path), 1, None, "no catalog yet", "run 'make update' to create it")
                continue
            cat = load_catalog(path, report, locale)
            if cat is not None:
                rows.append(progress(cat, article.meta.slug, locale))
    if not args.slugs:  # the interface strings of the editions
        for locale in project.locales:
            path = project.catalog_path(locale, "ui")
            cat = load_catalog(path, report, locale) if path.exists() else None
            if cat is not None:
                rows.append(progress(cat, "(interface: ui)", locale))
    if rows:
        print(format_table(rows))
    report.print()
    return EXIT_INPUT if report.errors else EXIT_OK


def check(args: argparse.Namespace) -> int:
    from colloquy.articles import load_articles
    from colloquy.qa import check_project

    project = _project(args)
    report = Report()
    articles = load_articles(project, args.slugs, report)
    findings = check_project(project, articles, report, strict=args.strict, only=bool(args.slugs))
    report.print()
    if report.errors and findings.input_errors:
        return EXIT_INPUT
    errors = len(report.errors)
    warnings = len(report.warnings)
    print(f"check: {len(articles)} article(s), {errors} error(s), {warnings} warning(s), {findings.waived} waived", file=sys.stderr)
    return EXIT_FINDINGS if errors else EXIT_OK


def build(args: argparse.Namespace) -> int:
    from colloquy.build import run_build

    project = _project(args)
    return run_build(project, args)
