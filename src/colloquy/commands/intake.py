"""``colloquy import MANUSCRIPT.docx`` (a Word manuscript → ``articles/<slug>/article.md`` and its
images) and ``colloquy align SLUG TRANSLATION.docx`` (an existing translation → the catalog,
fuzzy)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from colloquy.commands.exchange import read_input
from colloquy.diagnostics import EXIT_OK, InputError, Report, display_path
from colloquy.fsutil import write_atomic
from colloquy.project import Project

_OUTLET = re.compile(r"^outlet:\s*(.+?)\s*$", re.M)
_LOCALE = re.compile(r"^locale:\s*(\S+)", re.M)


def slugify(text: str, words: int = 6) -> str:
    """A slug from the ASCII words of a text ("CSCO 2025 | Professor Ma Jun: …" → csco-2025-professor-ma-jun-…)."""
    parts = re.findall(r"[a-z0-9]+", text.lower())[:words]
    slug = "-".join(parts)[:48].strip("-")
    return slug if len(slug) >= 3 and re.search("[a-z]", slug) else ""


def _project_outlet(project: Project, locale: str) -> str:
    """The outlet the project's articles in this language name (the import's guess)."""
    from colloquy.intake.manuscript import common_outlet

    outlets = []
    for source in project.article_sources():
        try:
            head = source.read_text(encoding="utf-8-sig")[:4000]
        except (OSError, UnicodeDecodeError):
            continue
        loc, outlet = _LOCALE.search(head), _OUTLET.search(head)
        if loc and outlet and loc.group(1) == locale:
            outlets.append(outlet.group(1).strip().strip('"'))
    return common_outlet(outlets)


def _locale(project: Project, given: str | None, paragraphs: list[object], shown: str, report: Report) -> tuple[str, bool]:
    """The locale of the text (given, or from its script) and whether its house style is Chinese."""
    from colloquy.intake.manuscript import script_locale

    chinese_locales = [loc.name for loc in project.locales if loc.house.chinese]
    other = [loc.name for loc in project.locales if not loc.house.chinese]
    if given is not None:
        from colloquy.i18n.exchange import match_locale

        found = match_locale(given, project.locales)
        if found is None:
            report.error(shown, 1, None, f"'{given}' is none of the project's locales ({', '.join(project.locale_names)})", "name one with --locale")
            raise InputError(report)
        return found.name, found.house.chinese
    locale = script_locale(paragraphs, chinese_locales[0] if chinese_locales else project.locale_names[0], other[0] if other else project.locale_names[0])  # type: ignore[arg-type]
    return locale, project.locale(locale).house.chinese


def import_(project: Project, file: Path, slug: str | None, locale_name: str | None) -> int:
    from colloquy.intake.docx import ManuscriptError, read_manuscript
    from colloquy.intake.manuscript import read_draft
    from colloquy.intake.render import render
    from colloquy.reader.frontmatter import SLUG_RE

    report = Report()
    shown = display_path(file)
    data = read_input(file, report)
    try:
        manuscript = read_manuscript(data)
    except ManuscriptError as exc:
        report.error(shown, 1, None, str(exc), "open it in Word and save it as a .docx document")
        raise InputError(report) from None
    if not any(not p.empty for p in manuscript.paragraphs):
        report.error(shown, 1, None, "the manuscript has no text", "check that it is the right file")
        raise InputError(report)
    locale, chinese = _locale(project, locale_name, manuscript.paragraphs, shown, report)  # type: ignore[arg-type]
    draft = read_draft(manuscript, locale, chinese=chinese, outlet=_project_outlet(project, locale))
    guessed = list(draft.guessed)
    if slug is None:
        slug = slugify(draft.title) if not chinese else ""
        origin = "the title"
        if not slug:
            slug, origin = slugify(file.stem, words=8), "the file name"
        if not slug:
            report.error(shown, 1, None, "no slug can be made from the title or the file name", "name the article with --slug, e.g. --slug csco-2025-wang-lei")
            raise InputError(report)
        guessed.insert(0, f"the slug, {slug}, from {origin}")
    elif not SLUG_RE.match(slug):
        report.error(shown, 1, None, f"slug '{slug}' is not valid", "use lowercase letters, digits and single hyphens, e.g. csco-2025-ma-jun")
        raise InputError(report)
    folder = project.articles_dir / slug
    target = folder / "article.md"
    if target.exists():
        report.error(display_path(target), 1, None, "the article exists already: the import never overwrites one", "choose another slug with --slug, or delete the folder first")
        raise InputError(report)
    taken = [name for name, _ in draft.images if (folder / name).exists()]
    if taken:
        report.error(display_path(folder / taken[0]), 1, None, "a file of that name is in the article's folder already", "import into a new folder (--slug)")
        raise InputError(report)
    text, missing = render(draft, slug)
    folder.mkdir(parents=True, exist_ok=True)
    for name, blob in draft.images:
        write_atomic(folder / name, blob)
    write_atomic(target, text.encode("utf-8"))
    questions = sum(1 for s in draft.sections if s.kind == "question")
    turns = sum(len(s.turns) for s in draft.sections if s.kind == "question")
    profiles = sum(1 for s in draft.sections if s.kind == "profile")
    print(
        f"import: {shown} → {display_path(target)} ({locale}; {len(draft.speakers)} speaker(s), {questions} question(s), {turns} turn(s), "
        f"{profiles} profile(s), {len(draft.images)} image(s))",
        file=sys.stderr,
    )
    for guess in guessed:
        print(f"import: guessed {guess}", file=sys.stderr)
    if missing:
        print(f"import: not found in the manuscript, written FIXME (make check lists them): {', '.join(missing)}", file=sys.stderr)
    print(f"import: next, check the article: colloquy check {slug}", file=sys.stderr)
    return EXIT_OK


#: the kinds of units a translated manuscript prints as paragraphs of their own
_ALIGNED_KINDS = ("title", "question-heading", "subheading", "paragraph", "list-item", "quotation", "caption")
ALIGN_COMMENT = "colloquy: aligned from {file}; check it and remove the fuzzy flag"


def _target_segments(draft: object) -> list[object]:
    """The translation's paragraphs in document order, as the import reads them (labels, numbers,
    masthead and profile headings taken away)."""
    from colloquy.intake.align import Segment
    from colloquy.intake.manuscript import Draft, DraftImage, DraftList

    assert isinstance(draft, Draft)
    out: list[object] = [Segment(draft.title, "title")] if draft.title else []
    for section in draft.sections:
        if section.heading:
            out.append(Segment(section.heading, "question-heading"))
        for block in section.blocks:
            if section.kind == "summary" and isinstance(block, str):
                out.append(Segment(block, "summary"))
            elif isinstance(block, DraftList):
                out += [Segment(item, "list-item") for item in block.items]
            elif isinstance(block, DraftImage):
                if block.caption:
                    out.append(Segment(block.caption, "caption"))
            else:
                out.append(Segment(block))
    return out


def align(project: Project, slug: str, file: Path, locale_name: str | None) -> int:
    from colloquy.commands.exchange import export_source
    from colloquy.fsutil import ChangedOnDisk
    from colloquy.i18n.catalogs import Catalogs
    from colloquy.i18n.exchange import quoted
    from colloquy.i18n.localise import MERGED
    from colloquy.i18n.pofile import save_catalog
    from colloquy.intake.align import Segment
    from colloquy.intake.align import align as align_segments
    from colloquy.intake.docx import ManuscriptError, read_manuscript
    from colloquy.intake.manuscript import read_draft
    from colloquy.walk import units

    report = Report()
    source = export_source(project, slug, locale_name, report)
    shown = display_path(file)
    data = read_input(file, report)
    try:
        manuscript = read_manuscript(data)
    except ManuscriptError as exc:
        report.error(shown, 1, None, str(exc), "open it in Word and save it as a .docx document")
        raise InputError(report) from None
    draft = read_draft(manuscript, source.locale.name, chinese=source.locale.house.chinese)
    targets: list[Segment] = _target_segments(draft)  # type: ignore[assignment]
    article = source.article
    sections = {id(s): n for n, s in enumerate(article.sections)}
    found = [u for u in units(article) if u.kind.value in _ALIGNED_KINDS]
    segments = [
        Segment(u.text.source, "summary" if u.section is not None and u.section.kind.value == "summary" else u.kind.value, sections.get(id(u.section), -1))
        for u in found
    ]
    cat = source.catalog
    pairs = []
    for u in units(article):
        entry = cat.get(u.text.source, u.msgctxt)
        if u.kind.value in ("speaker-name", "outlet", "column", "event-name", "event-short-name") and entry is not None and entry.translated:
            pairs.append((u.text.source, entry.string))
    latin = [sp.name.source for sp in article.speakers.values()]
    result = align_segments(segments, targets, pairs, latin)
    catalogs = Catalogs(project, report)
    state = catalogs.state(source.locale.name, slug)
    comment = ALIGN_COMMENT.format(file=file.name)
    written = kept = 0
    aligned: set[int] = set()

    def put(index: int, text: str) -> None:
        nonlocal written, kept
        unit = found[index]
        entry = cat.get(unit.text.source, unit.msgctxt)
        aligned.add(index)
        if entry is None:
            return
        if entry.translated:  # never overwrite a translation (confirmed or fuzzy)
            kept += 1
            return
        entry.set_strings([text])
        entry.fuzzy = True
        entry.set_translator_comments([*entry.translator_comments, comment])
        written += 1

    for bead in result.matches():
        texts = [targets[j].markdown for j in bead.target]
        if len(bead.source) == 2:
            put(bead.source[0], texts[0])
            put(bead.source[1], MERGED)
        else:
            put(bead.source[0], "\n\n".join(texts))
    try:
        changed = save_catalog(source.path, cat, expected=state)
    except ChangedOnDisk:
        report.error(source.shown, 1, None, "the catalog changed on disk while align was writing it: it was left as it is", "run 'colloquy align' again")
        raise InputError(report) from None
    for index in result.unaligned_source():
        unit = found[index]
        print(f"align: unaligned: {display_path(article.path)}:{unit.text.line}: {unit.kind.label} {quoted(unit.text.source)} — nothing in {shown} matches it", file=sys.stderr)
    for j in result.unaligned_target():
        print(
            f"align: unaligned: {shown}: {quoted(targets[j].markdown)} — no unit of the article matches it (if it belongs in the "
            f"{source.locale.name} edition only, write it in the article under '::: only {source.locale.name}')",
            file=sys.stderr,
        )
    print(
        f"align: {shown} → {source.shown}: {'updated' if changed else 'unchanged'} ({written} fuzzy from the translation, {kept} already translated and kept, "
        f"{len(result.unaligned_source())} unit(s) and {len(result.unaligned_target())} paragraph(s) unaligned)",
        file=sys.stderr,
    )
    return EXIT_OK
