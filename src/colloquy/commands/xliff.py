"""``colloquy xliff export`` and ``xliff import``: an article's catalog for a CAT tool, and back."""

from __future__ import annotations

import sys
from pathlib import Path

from colloquy.commands.exchange import apply_and_save, export_source, import_target, read_input
from colloquy.diagnostics import InputError, Report, display_path
from colloquy.fsutil import write_atomic
from colloquy.i18n.exchange import State, out_units
from colloquy.project import Project


def export(project: Project, slug: str, locale: str | None, output: Path | None, version: str) -> int:
    from colloquy.i18n.xliff import FileInfo, Version, write_xliff

    report = Report()
    source = export_source(project, slug, locale, report)
    units = out_units(source.catalog)
    info = FileInfo(slug, project.rel(source.path), source.source_locale.tag, source.locale.tag)
    chosen: Version = "2.0" if version == "2.0" else "1.2"
    path = output or Path(f"{slug}.{source.locale.name}.xlf")
    try:
        write_atomic(path, write_xliff(info, units, chosen))
    except OSError as exc:
        report.error(display_path(path), 1, None, f"cannot write the file: {exc.strerror}", "check the folder exists and is writable")
        raise InputError(report) from None
    counts = {state: sum(1 for u in units if u.state is state) for state in State}
    report.print()
    print(
        f"xliff export: {display_path(path)}: XLIFF {chosen}, {len(units)} units of {source.shown} "
        f"({counts[State.TRANSLATED]} translated, {counts[State.FUZZY]} fuzzy, {counts[State.UNTRANSLATED]} untranslated)",
        file=sys.stderr,
    )
    return report.exit_status()


def import_(project: Project, file: Path) -> int:
    from colloquy.i18n.xliff import read_xliff

    report = Report()
    shown = display_path(file)
    data = read_input(file, report)
    found = read_xliff(data, shown, report)
    if found is None:
        raise InputError(report)
    targets = [import_target(project, part.slug, part.target_language, shown, part.line, report) for part in found]
    if report.errors:
        raise InputError(report)
    for part, target in zip(found, targets, strict=True):
        if target is not None:
            apply_and_save(project, target, part.units, shown, report, what="the export", command="xliff import")
    report.print()
    return report.exit_status()
