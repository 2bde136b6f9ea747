"""``colloquy fix [--write] [SLUG …]``: what Word pasted into the sources, repaired where the repair
cannot change the meaning (:func:`colloquy.lint.fix.normalise`), the diff shown first; with
``--write``, the sources saved and each changed unit's translation carried over to its new text
in every catalog (and template), still confirmed: a translator has nothing to do."""

from __future__ import annotations

import difflib
import sys

from colloquy.diagnostics import EXIT_OK, InputError, Report, display_path
from colloquy.fsutil import write_atomic
from colloquy.project import Project


def fix(project: Project, slugs: list[str], *, write: bool) -> int:
    from colloquy.i18n.catalogs import Catalogs
    from colloquy.i18n.pofile import save_catalog, save_template
    from colloquy.lint.fix import normalise
    from colloquy.reader.source import decode_source, read_text
    from colloquy.walk import units

    report = Report()
    sources = project.select_sources(slugs, report)
    if report.errors:
        raise InputError(report)
    changed_files = carried = 0
    for path in sources:
        shown = display_path(path)
        text = decode_source(path.read_bytes(), shown, report)
        if text is None:
            continue
        fixed = normalise(text)
        if fixed == text:
            continue
        changed_files += 1
        diff = difflib.unified_diff(text.splitlines(keepends=True), fixed.splitlines(keepends=True), f"a/{shown}", f"b/{shown}")
        sys.stdout.writelines(line if line.endswith("\n") else line + "\n" for line in diff)
        if not write:
            continue
        before = read_text(text, shown, path.parent, Report(), project.locale_names)
        after = read_text(fixed, shown, path.parent, Report(), project.locale_names)
        write_atomic(path, fixed.encode("utf-8"))
        if before is None or after is None:
            continue
        renames = [(a.text.source, b.text.source, a.msgctxt) for a, b in zip(units(before), units(after), strict=False) if a.text.source != b.text.source]
        if not renames:
            continue
        catalogs = Catalogs(project, report)
        slug = path.parent.name
        targets = [(project.catalog_path(loc.name, slug), catalogs.catalog(loc.name, slug), catalogs.state(loc.name, slug)) for loc in project.target_locales(before.meta.locale)]
        for po, cat, state in targets:
            if cat is None:
                continue
            moved = 0
            for old, new, ctx in renames:
                entry = cat.get(old, ctx)
                if entry is not None and cat.get(new, ctx) is None:
                    entry.unit.source = new  # the translation, its flags and comments stay as they were
                    moved += 1
            cat._index = None
            if moved:
                save_catalog(po, cat, expected=state)
                carried += moved
                print(f"fix: {display_path(po)}: {moved} translation(s) carried over to the normalised text", file=sys.stderr)
        template = catalogs.template(slug)
        if template is not None:
            for old, new, ctx in renames:
                entry = template.get(old, ctx)
                if entry is not None and template.get(new, ctx) is None:
                    entry.unit.source = new
            template._index = None
            save_template(project.template_path(slug), template)
    report.print()
    what = "written" if write else "shown above; run 'colloquy fix --write' (make fix ARGS=--write) to save them"
    print(f"fix: {changed_files} source(s) to normalise, {what}" + (f"; {carried} translation(s) carried over" if write else ""), file=sys.stderr)
    return EXIT_OK if not report.errors else report.exit_status()
