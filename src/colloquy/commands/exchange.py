"""What the exchange commands (``xliff`` and ``review``) share: the catalog an export is made
from, and the catalog an import is applied to and saved (under the project lock, see
:mod:`colloquy.cli`)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from colloquy.diagnostics import InputError, Report, display_path
from colloquy.editions import Locale
from colloquy.fsutil import ChangedOnDisk
from colloquy.i18n.catalog import Catalog
from colloquy.i18n.catalogs import Catalogs
from colloquy.i18n.exchange import Applied, InUnit, apply_units, match_locale
from colloquy.model import Article
from colloquy.project import Project
from colloquy.walk import units

#: the largest file an import reads
MAX_IMPORT_BYTES = 64 * 1024 * 1024


@dataclass
class Source:
    """An article's catalog for one locale, read for an export."""

    article: Article
    source_locale: Locale
    locale: Locale
    path: Path
    catalog: Catalog

    @property
    def shown(self) -> str:
        return display_path(self.path)


def export_source(project: Project, slug: str, locale_name: str | None, report: Report) -> Source:
    """The catalog of ``slug`` for ``locale_name`` (the article's only target locale when None).
    Bad input raises :class:`InputError`; a catalog that lacks units of its article is a warning."""
    from colloquy.articles import load_articles

    article = load_articles(project, [slug], report)[0]
    targets = project.target_locales(article.meta.locale)
    names = ", ".join(loc.name for loc in targets) or "none"
    if locale_name is None:
        if len(targets) != 1:
            report.error(
                display_path(article.path), 1, None, f"'{slug}' is translated into several locales ({names})", "say which with --locale"
            )
            raise InputError(report)
        locale = targets[0]
    else:
        found = match_locale(locale_name, targets)
        if found is None:
            report.error(
                display_path(article.path),
                1,
                None,
                f"'{locale_name}' is not a locale '{slug}' is translated into (locales: {names})",
                "name one with --locale",
            )
            raise InputError(report)
        locale = found
    path = project.catalog_path(locale.name, slug)
    if not path.exists():
        report.error(display_path(path), 1, None, f"no {locale.name} catalog for '{slug}' yet", "run 'make update' to create it")
        raise InputError(report)
    cat = Catalogs(project, report).catalog(locale.name, slug)
    if cat is None:
        raise InputError(report)
    wanted = {u.text.source for u in units(article)}
    stale = len(wanted - {e.msgid for e in cat})
    if stale:
        report.warning(
            display_path(path),
            1,
            None,
            f"{stale} unit(s) of the article are not in the catalog, nor in the export",
            "run 'make update' first, then export again",
        )
    return Source(article, project.locale(article.meta.locale), locale, path, cat)


def read_input(path: Path, report: Report) -> bytes:
    """The bytes of a file to import (:class:`InputError` when it cannot be read)."""
    shown = display_path(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        report.error(shown, 1, None, f"cannot read the file: {exc.strerror}", "check that it exists and is readable")
        raise InputError(report) from None
    if len(data) > MAX_IMPORT_BYTES:
        report.error(shown, 1, None, f"the file is over the {MAX_IMPORT_BYTES // 1048576} MB limit", "check that it is the right file")
        raise InputError(report)
    return data


@dataclass
class Target:
    """The catalog an import is applied to."""

    slug: str
    locale: Locale
    path: Path


def import_target(project: Project, slug: str, language: str, shown: str, line: int, report: Report) -> Target | None:
    """The catalog a file that came back names (its article and target language); problems are
    reported at ``shown:line`` and give None."""
    if not language:
        report.error(shown, line, None, "the file names no target language", "export the catalog again: the export names it")
        return None
    locale = match_locale(language, project.locales)
    if locale is None:
        names = ", ".join(loc.name for loc in project.locales)
        report.error(
            shown,
            line,
            None,
            f"the target language '{language}' is none of the project's locales ({names})",
            "check the file's target language",
        )
        return None
    if not slug or not (project.articles_dir / slug / "article.md").is_file():
        report.error(
            shown,
            line,
            None,
            f"the file is for an article that does not exist ('{slug or '?'}')",
            "import it into the project it was exported from",
        )
        return None
    path = project.catalog_path(locale.name, slug)
    if not path.exists():
        report.error(
            shown,
            line,
            None,
            f"there is no {locale.name} catalog for '{slug}' ({display_path(path)})",
            "run 'make update' to create it, then export again",
        )
        return None
    return Target(slug, locale, path)


def apply_and_save(
    project: Project, target: Target, found: list[InUnit], shown: str, report: Report, *, what: str, command: str
) -> Applied | None:
    """Apply the units that came back to the target catalog and save it; prints what was done."""
    catalogs = Catalogs(project, report)
    errors = len(report.errors)
    cat = catalogs.catalog(target.locale.name, target.slug)
    if cat is None or len(report.errors) > errors:
        return None
    result = apply_units(cat, found, shown, report, what=what)
    from colloquy.i18n.pofile import save_catalog

    try:
        changed = save_catalog(target.path, cat, expected=catalogs.state(target.locale.name, target.slug))
    except ChangedOnDisk:
        report.error(
            display_path(target.path),
            1,
            None,
            "the catalog changed on disk while the import was writing it: it was left as it is",
            f"run 'colloquy {command}' again",
        )
        return None
    state = "updated" if changed else "unchanged"
    print(f"{command}: {shown} → {display_path(target.path)}: {state} ({result.summary()})", file=sys.stderr)
    return result
