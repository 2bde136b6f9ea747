"""Running the checks over catalogs: every translated entry, every plural form, with waivers.

A finding that is a deliberate choice is waived on its entry, in the PO file, with a
translator comment naming the check and the reason::

    # qa-waive numbers: the source's "three" is rendered as 三 in a set phrase
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from colloquy.diagnostics import InputError, Report, Severity, display_path
from colloquy.editions import Locale
from colloquy.i18n.catalog import Catalog, Entry
from colloquy.i18n.localise import Merges, is_merged, merges
from colloquy.i18n.pofile import load_catalog
from colloquy.i18n.ui import UI_SOURCE_LOCALE, format_problems
from colloquy.model import Article
from colloquy.project import UI_DOMAIN, Project
from colloquy.qa.base import Check, Finding, Pair
from colloquy.qa.registry import all_checks, check_codes, plugin_checks
from colloquy.qa.terminology import Glossary, load_glossary
from colloquy.textrules import uses_cjk_latin_spaces
from colloquy.walk import units

WAIVER = re.compile(r"^\s*qa-waive\s+([a-z0-9_, -]+?)\s*:\s*(.*)$")


@dataclass(frozen=True)
class EntryInfo:
    """What a report says of an entry besides its findings: where the text is, in words."""

    unit_id: str | None
    context: tuple[str, ...]
    msgctxt: str | None
    source: str
    translation: str


@dataclass
class Findings:
    waived: int = 0
    #: the entries findings were reported on, by (catalog as shown, line)
    entries: dict[tuple[str, int], EntryInfo] = field(default_factory=dict)
    #: the catalogs checked (as shown), and what was assumed of each
    catalogs: list[tuple[str, str]] = field(default_factory=list)


def check_pair(pair: Pair, checks: Iterable[Check] | None = None) -> list[Finding]:
    """Every check that applies to the pair's catalog, on one translated string."""
    found: list[Finding] = []
    for check in all_checks() if checks is None else checks:
        if pair.domain in check.domains:
            found.extend(check.check(pair))
    return found


def waivers(entry: Entry, codes: tuple[str, ...]) -> tuple[dict[str, str], list[str]]:
    """The entry's waivers (check → reason) and problems with them. A reason may run on over
    the following comment lines (PO tools wrap long comments)."""
    found: list[tuple[str, list[str]]] = []
    for comment in entry.translator_comments:
        m = WAIVER.match(comment)
        if m:
            found.append((m.group(1), [m.group(2).strip()]))
        elif found and comment.strip() and not comment.lstrip().startswith("colloquy:"):
            found[-1][1].append(comment.strip())
    out: dict[str, str] = {}
    problems: list[str] = []
    for names, parts in found:
        reason = " ".join(p for p in parts if p)
        for code in (c.strip() for c in names.split(",")):
            if code not in codes:
                problems.append(f"unknown check '{code}' in a waiver (checks: {', '.join(codes)})")
            elif not reason:
                problems.append(f"the waiver of '{code}' gives no reason")
            else:
                out[code] = reason
    return out, problems


def _report_entry(report: Report, path: str, entry: Entry, found: list[Finding], stats: Findings, codes: tuple[str, ...], *, strict: bool) -> None:
    waived, problems = waivers(entry, codes)
    line = entry.line or 1
    for problem in problems:
        report.error(path, line, None, problem, "write '# qa-waive CHECK: reason'", code="waiver")
    seen: set[Finding] = set()
    for f in found:
        if f in seen:
            continue
        seen.add(f)
        if f.code in waived:
            stats.waived += 1
            report.add(path, line, None, f"{f.message} (waived: {waived[f.code]})", severity=Severity.NOTE, code=f.code)
            continue
        severity = Severity.ERROR if strict else f.severity  # --strict: every warning is an error
        report.add(path, line, None, f.message, f.hint, severity=severity, code=f.code)


def check_catalog(
    cat: Catalog,
    path: str,
    source_locale: Locale,
    target_locale: Locale,
    glossary: Glossary | None,
    report: Report,
    stats: Findings,
    *,
    strict: bool,
    names: tuple[str, ...] = (),
    own_conventions: bool = False,
    merges: Merges | None = None,
) -> None:
    """Check every entry of a catalog; findings go to ``report`` at the entry's line. ``names``:
    the article's proper names (a term inside one is not a finding); ``own_conventions``: a
    catalog from elsewhere, checked by its own spacing convention where it has one; ``merges``:
    the translators' merges, checked against the article (a merged group's translation is
    compared with all its sources; a merge that does not hold is an error)."""
    domain: Literal["article", "ui"] = "ui" if cat.domain == UI_DOMAIN else "article"
    codes = check_codes()
    conventions: frozenset[str] = frozenset()
    if own_conventions and uses_cjk_latin_spaces(s for e in cat for s in e.strings):
        # the convention of many zh_CN software catalogs: spaces around Latin words, Western
        # punctuation before a space, straight quotes around commands
        conventions = frozenset({"cjk-latin-space", "halfwidth-spaced", "straight-quotes-code"})
    merged = merges.merged if merges is not None else set()
    refused = {id(e): why for e, why in merges.refused} if merges is not None else {}
    for entry in cat:
        if id(entry) in refused:
            hint = "translate this paragraph on its own, or merge only a paragraph into the one before it in the same turn"
            _report_entry(report, path, entry, [Finding("merge", refused[id(entry)], hint)], stats, codes, strict=strict)
            stats.entries[(path, entry.line or 1)] = _info(entry)
            continue
        if id(entry) in merged or (merges is None and is_merged(entry)):
            continue  # its translation is the group's, checked on the head entry
        if not entry.translated:
            untranslated = Finding("untranslated", "not translated yet", "translate it, e.g. in Poedit", Severity.WARNING)
            _report_entry(report, path, entry, [untranslated], stats, codes, strict=strict)
            stats.entries[(path, entry.line or 1)] = _info(entry)
            continue
        found: list[Finding] = []
        if entry.fuzzy:
            found.append(
                Finding(
                    "fuzzy",
                    "the translation is fuzzy (the source changed, or it came from memory)",
                    "review it against the source and remove the fuzzy flag",
                    Severity.WARNING,
                )
            )
        checks = all_checks()
        if domain == "ui":  # what would break the editions (then what is merely missing is not said again)
            broken = [Finding("markup", message, hint) for message, hint in format_problems(entry)]
            found += broken
            if broken:
                checks = tuple(c for c in checks if c.code != "markup")
        strings = entry.strings
        for form, target in enumerate(strings):
            # msgstr[0] against the msgid, the others against msgid_plural; a language with one
            # form only (Chinese) says every count with it: read it against msgid_plural
            plural_source = entry.plural is not None and (form > 0 or len(strings) == 1)
            source = entry.plural if plural_source and entry.plural is not None else entry.msgid
            if merges is not None and not plural_source:
                source = merges.source_of(entry)
            pair = Pair(source, target, source_locale, target_locale, domain, glossary, entry.plural, form, names, conventions)
            found += check_pair(pair, checks)
        _report_entry(report, path, entry, found, stats, codes, strict=strict)
        if found:
            stats.entries[(path, entry.line or 1)] = _info(entry)


def _info(entry: Entry) -> EntryInfo:
    return EntryInfo(entry.unit_id, tuple(entry.context_comments), entry.context, entry.msgid, "\n".join(entry.strings))


def check_entry(
    msgid: str,
    msgstr: str,
    source_locale: Locale | str,
    target_locale: Locale | str,
    glossary: Glossary | None,
    *,
    names: tuple[str, ...] = (),
) -> list[Finding]:
    """Every check of an article's catalog on one translated entry."""
    from colloquy.editions import make_locale

    src = make_locale(source_locale) if isinstance(source_locale, str) else source_locale
    tgt = make_locale(target_locale) if isinstance(target_locale, str) else target_locale
    return check_pair(Pair(msgid, msgstr, src, tgt, "article", glossary, names=names))


def article_names(article: Article) -> tuple[str, ...]:
    """The proper names an article's metadata gives, in its source language: the outlet and
    column, the event's name and short name, the speakers' names and affiliations."""
    m = article.meta
    texts = [m.outlet, m.column]
    if m.event is not None:
        texts += [m.event.name, m.event.short_name]
    for speaker in article.speakers.values():
        texts += [speaker.name, speaker.affiliation]
    return tuple(dict.fromkeys(t.source for t in texts if t is not None and t.source.strip()))


def check_project(project: Project, articles: list[Article], report: Report, *, strict: bool = False, only: bool = False) -> Findings:
    """Check every catalog of the given articles (and, for a whole-project run, the ``ui``
    catalogs and orphaned ones). Findings go to ``report``; bad input is reported without a code."""
    stats = Findings()
    for problem in plugin_checks()[1]:
        report.warning("pyproject.toml", 1, None, problem, "reinstall or remove the package that declares it")
    glossary = load_glossary(project.glossary, project.locale_names, report)
    slugs = {a.meta.slug for a in articles}
    for article in articles:
        source = project.locale(article.meta.locale)
        for locale in project.target_locales(article.meta.locale):
            path = project.catalog_path(locale.name, article.meta.slug)
            shown = display_path(path)
            if not path.exists():
                report.warning(shown, 1, None, f"no {locale.name} catalog for '{article.meta.slug}'", "run 'make update' to create it")
                continue
            errors = len(report.errors)
            cat = load_catalog(path, report, locale.name)
            if cat is None or len(report.errors) > errors:
                continue
            wanted = {u.text.source for u in units(article)}
            have = {e.msgid for e in cat}
            stale = len(wanted - have)
            if stale:
                report.warning(shown, 1, None, f"{stale} unit(s) of the article are not in the catalog", "run 'make update'")
            stats.catalogs.append((shown, f"{source.name} → {locale.name}, article '{article.meta.slug}'"))
            check_catalog(cat, shown, source, locale, glossary, report, stats, strict=strict, names=article_names(article), merges=merges(article, cat))
    if only:
        return stats
    ui_source = project.locale(UI_SOURCE_LOCALE) if UI_SOURCE_LOCALE in project.locale_names else project.locales[0]
    for locale in project.locales:
        folder = project.locales_dir / locale.name / "LC_MESSAGES"
        if not folder.is_dir():
            continue
        for po in sorted(folder.glob("*.po")):
            if po.stem == UI_DOMAIN:
                errors = len(report.errors)
                cat = load_catalog(po, report, locale.name)
                if cat is None or len(report.errors) > errors:
                    continue
                stats.catalogs.append((display_path(po), f"{ui_source.name} → {locale.name}, interface strings"))
                check_catalog(cat, display_path(po), ui_source, locale, None, report, stats, strict=strict)
            elif po.stem not in slugs and not (project.articles_dir / po.stem / "article.md").exists():
                report.error(
                    display_path(po),
                    1,
                    None,
                    f"catalog for an article that does not exist ('{po.stem}')",
                    f"remove it, or create {project.rel(project.articles_dir)}/{po.stem}/article.md",
                )
    return stats


def _po_locale(name: str, project: Project | None) -> Locale | None:
    from colloquy.editions import LocaleError, make_locale

    wanted = name.strip().replace("-", "_")
    if project is not None:
        for loc in project.locales:
            if loc.name == wanted or loc.tag.lower() == name.strip().lower():
                return loc
    try:
        return make_locale(wanted)
    except LocaleError:
        return None


def check_po(project: Project | None, path: Path, report: Report, stats: Findings, *, strict: bool = False) -> None:
    """Check one catalog from anywhere. Its target language is its ``Language`` header; its
    source language the ``X-Source-Language`` header, or, for a catalog of the project, its
    article's language (English for ``ui``), or else the other of the house's two languages
    (English for a Chinese catalog, Chinese for an English one). The project's glossary applies
    when there is a project; a catalog from outside the project is checked by its own spacing
    convention (:func:`colloquy.textrules.uses_cjk_latin_spaces`)."""
    from colloquy.editions import make_locale
    from colloquy.reader import read_article

    shown = display_path(path)
    errors = len(report.errors)
    cat = load_catalog(path, report)
    if cat is None or len(report.errors) > errors:
        return
    header = cat.header
    language = header.get("Language", "").strip()
    target = _po_locale(language, project) if language else None
    if target is None:
        what = f"its Language header '{language}' is not a language Colloquy knows" if language else "it has no Language header"
        report.error(shown, 1, None, f"cannot tell the catalog's language: {what}", "set the header, e.g. 'Language: zh_CN\\n'")
        return
    assumed: list[str] = []
    inside = project is not None and project.locales_dir.resolve() in path.resolve().parents
    article = None
    source: Locale | None = None
    if header.get("X-Source-Language", "").strip():
        source = _po_locale(header["X-Source-Language"], project)
        assumed.append("source language from X-Source-Language")
    elif inside and project is not None and path.stem == UI_DOMAIN:
        source = project.locale(UI_SOURCE_LOCALE) if UI_SOURCE_LOCALE in project.locale_names else project.locales[0]
        assumed.append("interface strings, written in English")
    elif inside and project is not None and (project.articles_dir / path.stem / "article.md").exists():
        try:
            article = read_article(project.articles_dir / path.stem / "article.md", Report(), project.locale_names)
            source = project.locale(article.meta.locale)
            assumed.append(f"the catalog of the article '{path.stem}', written in {source.name}")
        except InputError:
            article = None
    if source is None:
        other = "en" if target.house.chinese else "zh_CN"
        if project is not None:
            other = next((loc.name for loc in project.locales if loc.house.chinese != target.house.chinese), other)
        source = _po_locale(other, project) or make_locale(other)
        assumed.append(f"source language assumed: {source.name} (set X-Source-Language to say otherwise)")
    glossary = None
    if project is not None:
        glossary = load_glossary(project.glossary, project.locale_names, report)
    else:
        assumed.append("not in a project: no glossary")
    if not inside:
        assumed.append("from outside the project: its own spacing convention")
    stats.catalogs.append((shown, f"{source.name} → {target.name}; " + "; ".join(assumed)))
    names = article_names(article) if article is not None else ()
    check_catalog(cat, shown, source, target, glossary, report, stats, strict=strict, names=names, own_conventions=not inside)
