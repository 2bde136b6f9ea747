"""The HTML writer: Jinja2 templates (``templates/``) with autoescape, for screens and for
WeasyPrint (the PDF writer renders the same document with the print stylesheet)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from colloquy import __version__
from colloquy.markup import Span, link_problem, parse_inline, plain_text
from colloquy.model import Text
from colloquy.project import bcp47
from colloquy.typography import TYPOGRAPHY
from colloquy.writers import labels as L
from colloquy.writers.edition import EDITIONS, EditionDoc, Head, role_class, untranslated_marker
from colloquy.writers.labels import Ui

_TAGS = {"em": "em", "strong": "strong", "sup": "sup", "sub": "sub", "code": "code"}


def spans_html(spans: tuple[Span, ...]) -> Markup:
    out: list[str] = []
    for s in spans:
        if s.kind == "text":
            out.append(str(escape(s.text)))
        elif s.kind == "br":
            out.append("<br>")
        elif s.kind in _TAGS:
            tag = _TAGS[s.kind]
            inner = escape(s.text) if s.kind == "code" else spans_html(s.children)
            out.append(f"<{tag}>{inner}</{tag}>")
        elif s.kind == "link":
            inner = spans_html(s.children)
            if link_problem(s.href) is None:
                out.append(f'<a href="{escape(s.href)}">{inner}</a>')
            else:
                out.append(str(inner))
        else:  # image, html: never passed through
            out.append(str(escape(s.text)))
    return Markup("".join(out))


def inline(text: Text | str | None) -> Markup:
    if text is None:
        return Markup("")
    source = text.source if isinstance(text, Text) else text
    return spans_html(parse_inline(source))


def plain(text: Text | str | None) -> str:
    if text is None:
        return ""
    return plain_text(text.source if isinstance(text, Text) else text)


def page_counter_css(ui: Ui) -> str:
    """The CSS ``content`` of the localised "Page 3 of 7" footer, with real page counters."""
    template = ui.gettext(L.PAGE_X_OF_Y)
    parts: list[str] = []
    rest = template
    while rest:
        i_page, i_pages = rest.find("{page}"), rest.find("{pages}")
        hits = [(i, n) for i, n in ((i_page, "{page}"), (i_pages, "{pages}")) if i >= 0]
        if not hits:
            parts.append(css_string(rest))
            break
        i, name = min(hits)
        if i:
            parts.append(css_string(rest[:i]))
        parts.append("counter(page)" if name == "{page}" else "counter(pages)")
        rest = rest[i + len(name) :]
    return " ".join(parts)


@dataclass(frozen=True)
class Links:
    """Where an edition's files and its sibling editions are, relative to the page."""

    editions: dict[str, str]  # edition → href of the same article's HTML in that edition
    downloads: dict[str, str]  # format → href
    index: str
    home: str


def article_links(slug: str, edition: str, editions: tuple[str, ...] = EDITIONS) -> Links:
    return Links(
        editions={e: (f"{slug}.html" if e == edition else f"../{e}/{slug}.html") for e in editions},
        downloads={fmt: f"{slug}.{fmt}" for fmt in ("html", "pdf", "docx")},
        index="index.html",
        home="../index.html",
    )


def edition_name(edition: str, ui: Ui) -> str:
    """An edition's name in its own language, as a language switcher shows it."""
    if edition == "bilingual":
        return ui.gettext(L.BILINGUAL_EDITION)
    return ui.gettext(L.LANGUAGE_NAME)


@cache
def environment(templates_dir: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        autoescape=select_autoescape(("html", "xml"), default_for_string=True, default=False),  # stylesheets are not HTML
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["inline"] = inline
    env.filters["plain"] = plain
    env.filters["tojson_ld"] = lambda data: Markup(json.dumps(data, ensure_ascii=False, indent=2).replace("</", "<\\/"))
    env.globals["role_class"] = role_class
    env.globals["T"] = TYPOGRAPHY
    env.globals["version"] = __version__
    return env


def _as_text(fn: Any) -> Any:
    """Jinja2 marks a translation as safe HTML; a translator's text is text: escape it first."""

    def call(*args: Any) -> Markup:
        return escape(fn(*args))

    return call


def _install(env: Environment, ui: Ui) -> None:
    env.install_gettext_callables(  # type: ignore[attr-defined]
        _as_text(ui.gettext), _as_text(ui.ngettext), newstyle=True, pgettext=_as_text(ui.pgettext), npgettext=_as_text(ui.npgettext)
    )


def json_ld(doc: EditionDoc, links: Links, base: str) -> dict[str, Any]:
    head = doc.head
    article = doc.articles[0]
    interviewee = next(iter(article.interviewees), None)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": f"{base}{doc.edition}/{doc.slug}.html",
        "headline": plain(head.title),
        "datePublished": head.date_iso,
        "inLanguage": doc.lang if not doc.bilingual else [ui.tag for ui in doc.uis],
        "publisher": {"@type": "Organization", "name": plain(head.outlet)},
        "author": {"@type": "Organization", "name": plain(head.outlet)},
        "keywords": [plain(t) for t in head.tags],
    }
    if interviewee is not None:
        person: dict[str, Any] = {"@type": "Person", "name": plain(interviewee.name)}
        if interviewee.honorific is not None:
            person["honorificPrefix" if doc.lang == "en" else "honorificSuffix"] = plain(interviewee.honorific)
        if interviewee.affiliation is not None:
            person["affiliation"] = {"@type": "Organization", "name": plain(interviewee.affiliation)}
        data["about"] = person
    source_tag = bcp47(doc.source_locale)
    if doc.edition == source_tag:
        data["workTranslation"] = [
            {"@type": "NewsArticle", "@id": f"{base}{e}/{doc.slug}.html", "inLanguage": e}
            for e in links.editions
            if e not in (doc.edition, "bilingual")
        ]
    else:
        data["translationOfWork"] = {"@type": "NewsArticle", "@id": f"{base}{source_tag}/{doc.slug}.html", "inLanguage": source_tag}
    return data


def css_string(text: str) -> str:
    """A CSS string literal that cannot close the string or the <style> element."""
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ").replace("\n", " ")
    return f'"{out}"'


def render_article(
    doc: EditionDoc, templates_dir: Path, uis: dict[str, Ui], *, for_print: bool = False, base_url: str = "https://example.invalid/"
) -> str:
    """The article page. ``uis`` maps BCP 47 tag → interface strings, to name each edition in
    its own language; ``for_print`` renders the WeasyPrint variant (paged media)."""
    env = environment(templates_dir)
    ui = doc.uis[0]
    _install(env, ui)
    links = article_links(doc.slug, doc.edition)
    switcher = [(e, edition_name(e, uis.get(e, ui)), href) for e, href in links.editions.items()]
    return env.get_template("article.html").render(
        doc=doc,
        head=doc.head,
        heads=doc.heads,
        ui=ui,
        links=links,
        switcher=switcher,
        for_print=for_print,
        json_ld=json_ld(doc, links, base_url),
        page_counter=page_counter_css(ui),
        running_title=css_string(plain(doc.head.short_title)),
        stack_sans=TYPOGRAPHY.heading_stack(doc.lang).css,
        not_translated=[untranslated_marker(u) for u in doc.uis],
        L=L,
    )


@dataclass(frozen=True)
class IndexEntry:
    slug: str
    head: Head
    formats: tuple[str, ...]


def render_index(edition: str, ui: Ui, entries: list[IndexEntry], templates_dir: Path, uis: dict[str, Ui]) -> str:
    env = environment(templates_dir)
    _install(env, ui)
    switcher = [(e, edition_name(e, uis.get(e, ui)), f"../{e}/index.html") for e in EDITIONS]
    return env.get_template("index.html").render(
        edition=edition, ui=ui, entries=entries, switcher=switcher, L=L, lang=ui.tag, edition_title=edition_name(edition, ui)
    )


def render_home(editions: list[tuple[str, Ui, list[IndexEntry]]], templates_dir: Path) -> str:
    env = environment(templates_dir)
    ui = editions[0][1]
    _install(env, ui)
    return env.get_template("home.html").render(editions=editions, ui=ui, L=L, edition_name=edition_name, lang=ui.tag)
