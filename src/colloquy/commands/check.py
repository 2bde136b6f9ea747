"""``colloquy check``: validate the sources, then check every translation."""

from __future__ import annotations

import sys

from colloquy.diagnostics import EXIT_INPUT, Report
from colloquy.project import Project


def check(project: Project, slugs: list[str], *, strict: bool) -> int:
    from colloquy.articles import load_articles
    from colloquy.qa import check_project

    report = Report()
    articles = load_articles(project, slugs, report)  # a broken source stops here (InputError)
    findings = check_project(project, articles, report, strict=strict, only=bool(slugs))
    report.print()
    status = report.exit_status()
    if status != EXIT_INPUT:
        print(
            f"check: {len(articles)} article(s), {len(report.errors)} error(s), {len(report.warnings)} warning(s), {findings.waived} waived",
            file=sys.stderr,
        )
    return status
