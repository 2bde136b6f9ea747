"""Translation QA: the checks a careful medical reviewer makes, run over every catalog.

``numbers``      every figure of the source, with the same value
``markup``       the same emphasis, links and URLs (and placeholders in interface strings)
``terminology``  the glossary's agreed translations
``typography``   Chinese punctuation and spacing of the house style
plus ``untranslated`` and ``fuzzy`` units (warnings; errors with ``--strict``), stale and
orphaned catalogs.

A finding that is a deliberate choice is waived on its entry, in the PO file, with a
translator comment naming the check and the reason::

    # qa-waive numbers: the source's "three" is rendered as 三 in a set phrase
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel.messages.catalog import Catalog, Message

from colloquy.diagnostics import Report, Severity, display_path
from colloquy.i18n.pofile import UI_DOMAIN, load_catalog
from colloquy.i18n.update import text_of, translated
from colloquy.model import Article, units
from colloquy.project import Project
from colloquy.qa import markup, numbers, terminology, typography
from colloquy.qa.base import Finding
from colloquy.qa.terminology import Glossary, load_glossary
from colloquy.writers.labels import format_problems

WAIVER = re.compile(r"^\s*qa-waive\s+([a-z, ]+?)\s*:\s*(.*)$")
_TAG = re.compile(r"<[A-Za-z/!]")
CHECKS = ("numbers", "markup", "terminology", "typography", "untranslated", "fuzzy")

__all__ = ["CHECKS", "Finding", "check_entry", "check_project"]


@dataclass
class Findings:
    input_errors: bool = False
    waived: int = 0


def check_entry(msgid: str, msgstr: str, source_locale: str, target_locale: str, glossary: Glossary | None) -> list[Finding]:
    """Every check on one translated entry."""
    found = numbers.check(msgid, msgstr, source_locale, target_locale)
    found += markup.check(msgid, msgstr)
    if glossary is not None:
        found += terminology.check(msgid, msgstr, source_locale, target_locale, glossary)
    found += typography.check(msgstr, target_locale)
    return found


def waivers(msg: Message) -> tuple[dict[str, str], list[str]]:
    """The entry's waivers (check → reason) and problems with them. A reason may run on over
    the following comment lines (PO tools wrap long comments)."""
    found: list[tuple[str, list[str]]] = []
    for comment in msg.user_comments:
        m = WAIVER.match(comment)
        if m:
            found.append((m.group(1), [m.group(2).strip()]))
        elif found and comment.strip() and not comment.lstrip().startswith("colloquy:"):
            found[-1][1].append(comment.strip())
    out: dict[str, str] = {}
    problems: list[str] = []
    for codes, parts in found:
        reason = " ".join(p for p in parts if p)
        for code in (c.strip() for c in codes.split(",")):
            if code not in CHECKS:
                problems.append(f"unknown check '{code}' in a waiver (checks: {', '.join(CHECKS)})")
            elif not reason:
                problems.append(f"the waiver of '{code}' gives no reason")
            else:
                out[code] = reason
    return out, problems


def _report_entry(report: Report, path: str, msg: Message, found: list[Finding], stats: Findings, *, strict: bool) -> None:
    waived, problems = waivers(msg)
    line = msg.lineno or 1
    for problem in problems:
        report.error(path, line, None, problem, "write '# qa-waive CHECK: reason'", code="waiver")
    for f in found:
        if f.code in waived:
            stats.waived += 1
            report.add(path, line, None, f"{f.message} (waived: {waived[f.code]})", severity=Severity.NOTE, code=f.code)
            continue
        severe = f.code not in ("untranslated", "fuzzy") or strict
        report.add(path, line, None, f.message, f.hint, severity=Severity.ERROR if severe else Severity.WARNING, code=f.code)


def check_catalog(
    cat: Catalog,
    path: str,
    source_locale: str,
    target_locale: str,
    glossary: Glossary | None,
    report: Report,
    stats: Findings,
    *,
    strict: bool,
) -> None:
    for msg in cat:
        if not msg.id:
            continue
        msgid = text_of(msg)
        if not translated(msg):
            _report_entry(
                report, path, msg, [Finding("untranslated", "not translated yet", "translate it, e.g. in Poedit")], stats, strict=strict
            )
            continue
        msgstr = msg.string if isinstance(msg.string, str) else msg.string[0]
        found: list[Finding] = []
        if msg.fuzzy:
            found.append(
                Finding(
                    "fuzzy",
                    "the translation is fuzzy (the source changed, or it came from memory)",
                    "review it against the source and remove the fuzzy flag",
                )
            )
        if cat.domain == UI_DOMAIN:
            problems = format_problems(msg)  # what would break the editions; else, placeholders missing
            found += [Finding("markup", message, hint) for message, hint in problems] or markup.check_placeholders(msgid, msgstr)
            if _TAG.search(msgstr):
                found.append(Finding("markup", "raw HTML in an interface string is printed as text, not as HTML", "remove the tag"))
            found += typography.check(msgstr, target_locale)
        else:
            found += check_entry(msgid, msgstr, source_locale, target_locale, glossary)
        _report_entry(report, path, msg, found, stats, strict=strict)


def check_project(project: Project, articles: list[Article], report: Report, *, strict: bool = False, only: bool = False) -> Findings:
    """Check every catalog of the given articles (and, for a whole-project run, the ``ui``
    catalogs and orphaned ones). Findings go to ``report``."""
    stats = Findings()
    before = len(report.errors)
    glossary = load_glossary(project.glossary, project.locales, report)
    if len(report.errors) > before:
        stats.input_errors = True
    slugs = {a.meta.slug for a in articles}
    for article in articles:
        for locale in project.target_locales(article.meta.locale):
            path = project.catalog_path(locale, article.meta.slug)
            shown = display_path(path)
            if not path.exists():
                report.warning(shown, 1, None, f"no {locale} catalog for '{article.meta.slug}'", "run 'make update' to create it")
                continue
            errors = len(report.errors)
            cat = load_catalog(path, report, locale)
            if cat is None or len(report.errors) > errors:
                stats.input_errors = True
                continue
            wanted = {u.text.source for u in units(article)}
            have = {text_of(m) for m in cat if m.id}
            stale = len(wanted - have)
            if stale:
                report.warning(shown, 1, None, f"{stale} unit(s) of the article are not in the catalog", "run 'make update'")
            check_catalog(cat, shown, article.meta.locale, locale, glossary, report, stats, strict=strict)
    if only:
        return stats
    for locale in project.locales:
        folder = project.locales_dir / locale / "LC_MESSAGES"
        if not folder.is_dir():
            continue
        for po in sorted(folder.glob("*.po")):
            if po.stem == UI_DOMAIN:
                errors = len(report.errors)
                cat = load_catalog(po, report, locale)
                if cat is None or len(report.errors) > errors:
                    stats.input_errors = True
                    continue
                check_catalog(cat, display_path(po), "en", locale, None, report, stats, strict=strict)
            elif po.stem not in slugs and not (project.articles_dir / po.stem / "article.md").exists():
                stats.input_errors = True
                report.error(
                    display_path(po),
                    1,
                    None,
                    f"catalog for an article that does not exist ('{po.stem}')",
                    f"remove it, or create {project.rel(project.articles_dir)}/{po.stem}/article.md",
                )
    return stats
