"""``colloquy glossary export|import``: the glossary (CSV, the master) as TBX-Basic and back."""

from __future__ import annotations

import sys
from pathlib import Path

from colloquy.diagnostics import EXIT_OK, InputError, Report, display_path
from colloquy.project import Project


def export(project: Project, output: Path | None) -> int:
    from colloquy.fsutil import write_atomic
    from colloquy.qa.glossary import load_glossary
    from colloquy.qa.tbx import export_tbx

    report = Report()
    glossary = load_glossary(project.glossary, project.locale_names, report)
    if report.errors or not glossary.terms:
        if not report.errors:
            report.error(display_path(project.glossary), 1, None, "the glossary has no terms to export", "add terms: one row per term")
        raise InputError(report)
    data = export_tbx(glossary)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomic(output, data)
    report.print()
    where = f"to {display_path(output)}" if output is not None else "to the standard output"
    print(f"glossary: {len(glossary.concepts)} concept(s), {len(glossary.terms)} row(s) exported as TBX-Basic {where}", file=sys.stderr)
    return EXIT_OK


def import_(project: Project, tbx: Path, output: Path | None) -> int:
    from colloquy.fsutil import write_atomic
    from colloquy.qa.glossary import to_csv
    from colloquy.qa.tbx import import_tbx

    report = Report()
    try:
        data = tbx.read_bytes()
    except OSError as exc:
        report.error(display_path(tbx), 1, None, f"cannot read the TBX file: {exc.strerror}", "check that it exists and is readable")
        raise InputError(report) from None
    glossary = import_tbx(data, project.locale_names, report, display_path(tbx))
    if report.errors:
        raise InputError(report)
    if not glossary.terms:
        report.error(display_path(tbx), 1, None, f"no term entry with terms in two of the project's locales ({', '.join(project.locale_names)})", "check the languages (xml:lang) of the TBX file")
        raise InputError(report)
    text = to_csv(glossary)
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomic(output, text.encode("utf-8"))
    report.print()
    where = f"to {display_path(output)}" if output is not None else "to the standard output"
    print(f"glossary: {len(glossary.concepts)} concept(s), {len(glossary.terms)} row(s) imported from {display_path(tbx)} {where}", file=sys.stderr)
    return EXIT_OK
