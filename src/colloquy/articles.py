"""Loading the project's articles: every source read and validated, all problems reported."""

from __future__ import annotations

from pathlib import Path

from colloquy.diagnostics import InputError, Report, display_path
from colloquy.model import Article
from colloquy.project import Project
from colloquy.reader import read_article


def select_sources(project: Project, slugs: list[str] | None, report: Report) -> list[Path]:
    sources = project.article_sources()
    if not slugs:
        return sources
    by_slug = {p.parent.name: p for p in sources}
    chosen = []
    for slug in slugs:
        if slug in by_slug:
            chosen.append(by_slug[slug])
        else:
            known = ", ".join(by_slug) or "none"
            report.error(
                display_path(project.articles_dir / slug),
                1,
                None,
                f"no article '{slug}' (articles: {known})",
                f"create {project.rel(project.articles_dir)}/{slug}/article.md or fix the name",
            )
    return chosen


def load_articles(project: Project, slugs: list[str] | None = None, report: Report | None = None) -> list[Article]:
    """Read the selected articles (all by default). Raises :class:`InputError` listing every
    problem of every file when any source is bad."""
    rep = report if report is not None else Report()
    before = len(rep.errors)
    articles: list[Article] = []
    for source in select_sources(project, slugs, rep):
        try:
            articles.append(read_article(source, rep, project.locales))
        except InputError:
            continue
    if len(rep.errors) > before:
        raise InputError(rep)
    return articles
