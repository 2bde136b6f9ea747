"""``colloquy check``: validate the sources, then check every translation; or check catalogs
given by path (``--po``), from this project or from anywhere. The report goes to the console,
or as JSON or HTML (``--format``) to a file (``-o``) or the standard output."""

from __future__ import annotations

import sys
from pathlib import Path

from colloquy.diagnostics import EXIT_INPUT, InputError, Report
from colloquy.project import Project

FORMATS = ("text", "json", "html")


def check(
    project: Project | None,
    slugs: list[str],
    *,
    strict: bool,
    po: list[Path] | None = None,
    fmt: str = "text",
    output: Path | None = None,
) -> int:
    from colloquy.qa import check_project
    from colloquy.qa.run import Findings, check_po

    report = Report()
    if po:
        findings = Findings()
        for path in po:
            check_po(project, path, report, findings, strict=strict)
        articles = 0
    else:
        from colloquy.articles import load_articles

        if project is None:  # pragma: no cover - the CLI loads the project unless --po is given
            raise InputError(report)
        loaded = load_articles(project, slugs, report)  # a broken source stops here (InputError)
        if strict:  # the source lint's warnings are errors too
            from colloquy.lint import make_strict

            make_strict(report)
        findings = check_project(project, loaded, report, strict=strict, only=bool(slugs))
        articles = len(loaded)
    status = report.exit_status()
    if fmt == "text":
        report.print()
    else:
        from colloquy.fsutil import write_atomic
        from colloquy.qa.report import to_html, to_json

        text = to_json(report, findings, articles) if fmt == "json" else to_html(report, findings, articles)
        if output is None:
            sys.stdout.write(text)
        else:
            write_atomic(output, text.encode("utf-8"))
    if status != EXIT_INPUT or fmt != "text":
        what = f"{len(po)} catalog(s)" if po else f"{articles} article(s)"
        print(
            f"check: {what}, {len(report.errors)} error(s), {len(report.warnings)} warning(s), {findings.waived} waived"
            + (f" — report written to {output}" if output is not None else ""),
            file=sys.stderr,
        )
    return status
