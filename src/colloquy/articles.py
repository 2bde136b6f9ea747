"""Loading the project's articles: every source read and validated, all problems reported."""

from __future__ import annotations

from pathlib import Path

from colloquy.diagnostics import InputError, Report
from colloquy.model import Article
from colloquy.project import Project
from colloquy.reader import read_article


def load_articles(project: Project, slugs: list[str] | None = None, report: Report | None = None) -> list[Article]:
    """Read the selected articles (all by default). Raises :class:`InputError` listing every
    problem of every file when any source is bad."""
    rep = report if report is not None else Report()
    before = len(rep.errors)
    sources = project.select_sources(slugs, rep)
    if len(rep.errors) > before:
        raise InputError(rep)
    return read_articles(project, sources, rep)


def read_articles(project: Project, sources: list[Path], report: Report | None = None) -> list[Article]:
    """Read these sources (``articles/<slug>/article.md``); raises :class:`InputError` as above."""
    rep = report if report is not None else Report()
    before = len(rep.errors)
    articles: list[Article] = []
    for source in sources:
        try:
            articles.append(read_article(source, rep, project.locale_names))
        except InputError:
            continue
    if len(rep.errors) > before:
        raise InputError(rep)
    return articles
