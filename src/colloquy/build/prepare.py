"""An article made ready for its editions, once per process: read, its catalogs checked, localised
into every locale, with the interface strings. Validation, the writers and the index entries
all use the same :class:`PreparedArticle`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from colloquy.diagnostics import InputError, Report, display_path
from colloquy.project import UI_DOMAIN, Project

if TYPE_CHECKING:  # imported when an article is prepared, not when a build has nothing to do
    from colloquy.editions import Edition
    from colloquy.i18n.ui import Ui
    from colloquy.model import Article
    from colloquy.writers.edition import EditionDoc


@dataclass
class PreparedArticle:
    slug: str
    article: Article
    localised: dict[str, Article]  # locale name → the article in that locale (the source's included)
    uis: dict[str, Ui]  # locale name → its interface strings
    #: locale name → how many distinct texts have no confirmed translation
    missing: dict[str, int]
    #: diagnostics of reading it (warnings: the errors stop the preparation)
    report: Report
    #: the digest of the files it was read from
    stamp: str = ""
    _docs: dict[str, EditionDoc] = field(default_factory=dict)

    def __getstate__(self) -> dict[str, Any]:
        """What travels to a worker: the article, its localisations and interface strings (the
        edition documents are made again there)."""
        state = dict(self.__dict__)
        state["_docs"] = {}
        return state

    def edition(self, edition: Edition) -> EditionDoc:
        """The edition's document (made once: its three formats share it)."""
        if edition.id not in self._docs:
            from colloquy.writers.edition import make_edition

            self._docs[edition.id] = make_edition(edition, self.article, self.localised, self.uis)
        return self._docs[edition.id]

    def index_entries(self, project: Project) -> dict[str, dict[str, Any]]:
        """The article as each edition's index lists it (plain data, kept in the manifest)."""
        from colloquy.markup import plain_text
        from colloquy.writers.html import IndexEntry

        source = next((e.id for e in project.single_editions if e.locale.name == self.article.meta.locale), "")
        out: dict[str, dict[str, Any]] = {}
        for edition in project.editions:
            head = self.edition(edition).head
            about = head.subtitle.source if head.subtitle is not None else head.event_line or ""
            out[edition.id] = IndexEntry(
                self.slug,
                head.title.source,
                head.date,
                head.date_iso,
                head.interviewees,
                outlet=head.outlet.source,
                column=head.column.source if head.column is not None else "",
                summary=plain_text(about),
                source=source,
            ).as_json()
        return out


#: how many prepared articles a process keeps
_MEMO_SIZE = 32
#: prepared articles of this process, by slug and the digest of the files they were read from
_prepared: dict[tuple[str, str], PreparedArticle] = {}


def _inputs(project: Project, slug: str) -> list[bytes]:
    paths = [project.articles_dir / slug / "article.md"]
    for loc in project.locale_names:
        paths += [project.catalog_path(loc, slug), project.catalog_path(loc, UI_DOMAIN)]
    out = []
    for path in paths:
        try:
            out.append(path.read_bytes())
        except OSError:
            out.append(b"\0absent")
    return out


def adopt(project: Project, prepared: PreparedArticle) -> None:
    """Keep an article prepared elsewhere (by the main process) as this process's own."""
    _prepared[(f"{project.root}/{prepared.slug}", prepared.stamp)] = prepared


def _stamp(project: Project, slug: str) -> str:
    return hashlib.sha256(b"\0".join(_inputs(project, slug))).hexdigest()


def prepare(project: Project, slug: str, report: Report) -> PreparedArticle | None:
    """The prepared article, or None when it cannot be read (the problems go to ``report``).
    Memoised per process while its files' contents are unchanged."""
    stamp = _stamp(project, slug)
    key = (f"{project.root}/{slug}", stamp)
    if key in _prepared:
        report.extend(_prepared[key].report)
        return _prepared[key]
    own = Report()
    prepared = _prepare(project, slug, own)
    report.extend(own)
    if prepared is not None:
        prepared.stamp = stamp
        if len(_prepared) >= _MEMO_SIZE:  # a long build reads many articles: keep the last ones
            del _prepared[next(iter(_prepared))]
        _prepared[key] = prepared
    return prepared


def _prepare(project: Project, slug: str, report: Report) -> PreparedArticle | None:
    from colloquy.i18n.catalogs import Catalogs
    from colloquy.i18n.localise import localise
    from colloquy.i18n.ui import load_ui
    from colloquy.reader import read_article

    source = project.articles_dir / slug / "article.md"
    try:
        article = read_article(source, report, project.locale_names)
    except InputError:
        return None
    catalogs = Catalogs(project, report)
    localised: dict[str, Article] = {}
    missing: dict[str, int] = {}
    for loc in project.locale_names:
        cat = None
        if loc != article.meta.locale:
            cat = catalogs.catalog(loc, slug)
            if cat is not None:
                refuse_translations(article, cat, display_path(project.catalog_path(loc, slug)), report)
        localised[loc], texts = localise(article, cat, loc)
        missing[loc] = len({t.source for t in texts})
    uis = {loc.name: load_ui(project.locales_dir, loc, report) for loc in project.locales}
    if report.errors:  # a bad catalog: no edition (and no "not translated" warnings about it)
        return None
    return PreparedArticle(slug, article, localised, uis, missing, report)


def refuse_translations(article: Article, cat: Any, shown: str, report: Report) -> None:
    """The translations an edition would print must pass the source's refusals: no raw HTML, no
    image, no link other than http, https, mailto (the writers escape them anyway); and a
    translation carries the same links as its source (docs/security.md): none added, dropped
    or changed."""
    from colloquy.i18n.localise import is_merged, merges
    from colloquy.markup import inline_problems
    from colloquy.walk import units

    merged = merges(article, cat)
    for entry, why in merged.refused:
        report.error(shown, entry.line or 1, None, why, "translate this paragraph on its own, or merge only a paragraph into the one before it in the same turn")
    wanted = {u.text.source for u in units(article)}
    for entry in cat:
        if entry.msgid in wanted and entry.usable and not is_merged(entry):
            for message, hint in inline_problems(entry.string, translation=True, refusals_only=True):
                report.error(shown, entry.line or 1, None, message, hint)
            for message in link_changes(merged.source_of(entry), entry.string):
                report.error(shown, entry.line or 1, None, message, "a translation keeps the source's links: translate the link text only")


def link_changes(source: str, translation: str) -> list[str]:
    """How the links of a translation differ from its source's: added, dropped, changed."""
    from collections import Counter

    from colloquy.markup import parse_inline, walk

    src = Counter(s.href for s in walk(parse_inline(source)) if s.kind == "link")
    tgt = Counter(s.href for s in walk(parse_inline(translation)) if s.kind == "link")
    dropped, added = sorted((src - tgt).elements()), sorted((tgt - src).elements())
    out = [f"the translation changes the link {old} to {new}" for old, new in zip(dropped, added, strict=False)]
    out += [f"the translation drops the source's link {old}" for old in dropped[len(added) :]]
    out += [f"the translation adds a link the source lacks: {new}" for new in added[len(dropped) :]]
    return out


def validate(project: Project, prepared: PreparedArticle, strict: bool, report: Report) -> None:
    """Report the units an article's editions will show untranslated: a warning, an error with --strict."""
    for loc, count in prepared.missing.items():
        if not count:
            continue
        path = display_path(project.catalog_path(loc, prepared.slug))
        shown = [e.id for e in project.editions if loc in (x.name for x in e.locales)]
        editions = " and ".join([", ".join(shown[:-1]), shown[-1]] if len(shown) > 1 else shown)
        if strict:
            report.error(path, 1, None, f"{count} unit(s) not translated into {loc}", "translate them, or build without --strict (make stats shows progress)", code="untranslated")
        else:
            message = f"{count} unit(s) not translated into {loc}: the {editions} editions show them marked, in the source language"
            report.warning(path, 1, None, message, "translate them (make stats shows progress)", code="untranslated")
