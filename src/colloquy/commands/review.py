"""``colloquy review export`` and ``review import``: a Word document for a reviewer, and back."""

from __future__ import annotations

import sys
from pathlib import Path

from colloquy.commands.exchange import Source, apply_and_save, export_source, import_target, read_input
from colloquy.diagnostics import InputError, Report, Severity, display_path
from colloquy.fsutil import write_atomic
from colloquy.i18n.exchange import State, out_units
from colloquy.project import Project

#: findings the status column already says
_STATUS_CODES = ("untranslated", "fuzzy")


def findings_by_unit(project: Project, source: Source) -> dict[str, list[str]]:
    """The QA findings of the catalog (as ``colloquy check`` reports them, waived ones noted), by unit id."""
    from colloquy.qa import check_project

    report = Report()
    check_project(project, [source.article], report, only=True)
    by_line = {e.line: e.unit_id for e in source.catalog if e.unit_id}
    out: dict[str, list[str]] = {}
    for d in report.items:
        if d.path != source.shown or not d.code or d.code in _STATUS_CODES:
            continue
        unit_id = by_line.get(d.line)
        if unit_id is not None:
            text = f"[{d.code}] {d.message}" + (f" — {d.hint}" if d.hint and d.severity is not Severity.NOTE else "")
            out.setdefault(unit_id, []).append(text)
    return out


def export(project: Project, slug: str, locale: str | None, output: Path | None) -> int:
    from colloquy.i18n.review import ReviewInfo, write_review

    report = Report()
    source = export_source(project, slug, locale, report)
    units = out_units(source.catalog)
    findings = findings_by_unit(project, source)
    title = source.article.meta.title.source
    info = ReviewInfo(
        slug,
        source.locale.name,
        source.locale.tag,
        f"Source ({source.source_locale.name})",
        f"Translation ({source.locale.name})",
        title,
        project.rel(source.path),
    )
    path = output or Path(f"{slug}.{source.locale.name}.review.docx")
    try:
        write_atomic(path, write_review(info, units, findings))
    except OSError as exc:
        report.error(display_path(path), 1, None, f"cannot write the file: {exc.strerror}", "check the folder exists and is writable")
        raise InputError(report) from None
    report.print()
    fuzzy = sum(1 for u in units if u.state is State.FUZZY)
    untranslated = sum(1 for u in units if u.state is State.UNTRANSLATED)
    print(
        f"review export: {display_path(path)}: {len(units)} units of {source.shown} ({fuzzy} fuzzy, {untranslated} untranslated, "
        f"{sum(len(f) for f in findings.values())} QA finding(s))",
        file=sys.stderr,
    )
    return report.exit_status()


def import_(project: Project, file: Path, *, fuzzy: bool) -> int:
    from colloquy.i18n.review import read_review

    report = Report()
    shown = display_path(file)
    data = read_input(file, report)
    found = read_review(data, shown, report, fuzzy=fuzzy)
    if found is None:
        raise InputError(report)
    target = import_target(project, found.slug, found.locale, shown, 1, report)
    if target is None or report.input_errors:
        raise InputError(report)
    apply_and_save(project, target, found.units, shown, report, what="the review export", command="review import")
    report.print()
    return report.exit_status()
