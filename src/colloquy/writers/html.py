"""The HTML writer: Jinja2 templates (``templates/``) with autoescape, for screens and for
WeasyPrint (the PDF writer renders the same document with the print stylesheet)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from colloquy import __version__
from colloquy.editions import Edition, Locale
from colloquy.fsutil import write_atomic
from colloquy.i18n import ui as L
from colloquy.i18n.ui import Ui, untranslated_marker
from colloquy.markup import Span, link_problem, parse_inline, plain_text
from colloquy.model import Speaker, Text, name_parts
from colloquy.typography import TYPOGRAPHY, label_gap, pieces, run_in
from colloquy.walk import images
from colloquy.writers.base import Output
from colloquy.writers.edition import EditionDoc, role_class

_TAGS = {"em": "em", "strong": "strong", "sup": "sup", "sub": "sub", "code": "code"}


def typeset(text: str) -> str:
    """Escaped text, with what must not break, the Latin words of Chinese text and the CJK marks to
    compress in spans (``typography.pieces``; print.css sets them)."""
    out: list[str] = []
    for piece in pieces(text):
        classes = " ".join(c for c, on in (("nobreak", piece.keep), ("latin", piece.latin), ("halt", piece.halt)) if on)
        out.append(f'<span class="{classes}">{escape(piece.text)}</span>' if classes else str(escape(piece.text)))
    return "".join(out)


def spans_html(spans: tuple[Span, ...]) -> Markup:
    out: list[str] = []
    for s in spans:
        if s.kind == "text":
            out.append(typeset(s.text))
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
class Switch:
    """One entry of a language switcher."""

    edition: str  # the edition's folder
    name: str  # its name, in its own language
    href: str
    lang: str | None  # the language of the name (None for a bilingual edition, named in the page's)
    hreflang: str | None  # the edition's tag, for a single-language edition


@dataclass(frozen=True)
class Links:
    """Where an edition's files and its sibling editions are, relative to the page."""

    switcher: tuple[Switch, ...]  # every edition of the project
    downloads: dict[str, str]  # format → href
    index: str
    home: str

    def href(self, edition: str) -> str:
        return next(s.href for s in self.switcher if s.edition == edition)


def edition_name(edition: Edition, uis: dict[str, Ui], page_ui: Ui, editions: tuple[Edition, ...]) -> str:
    """An edition's name, as a language switcher shows it: a single-language edition's in its own
    language ("English", "中文"); a bilingual one's in the page's ("Bilingual edition", "双语版"),
    with its second language when the project has several."""
    if not edition.bilingual:
        ui = uis.get(edition.locale.name, page_ui)
        return ui.gettext(L.LANGUAGE_NAME)
    name = page_ui.gettext(L.BILINGUAL_EDITION)
    if sum(1 for e in editions if e.bilingual) > 1:
        other = edition.locales[1]
        name += " · " + uis.get(other.name, page_ui).gettext(L.LANGUAGE_NAME)
    return name


def switcher(editions: tuple[Edition, ...], uis: dict[str, Ui], page_ui: Ui, href: Callable[[Edition], str]) -> tuple[Switch, ...]:
    return tuple(
        Switch(
            e.id,
            edition_name(e, uis, page_ui, editions),
            href(e),
            None if e.bilingual else e.locale.text_tag,
            None if e.bilingual else e.locale.tag,
        )
        for e in editions
    )


def article_links(slug: str, edition: Edition, editions: tuple[Edition, ...], uis: dict[str, Ui], page_ui: Ui) -> Links:
    return Links(
        switcher=switcher(editions, uis, page_ui, lambda e: f"{slug}.html" if e.id == edition.id else f"../{e.id}/{slug}.html"),
        downloads={fmt: f"{slug}.{fmt}" for fmt in ("html", "pdf", "docx")},
        index="index.html",
        home="../index.html",
    )


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
    env.filters["label_gap"] = label_gap
    env.filters["typeset"] = lambda text: Markup(typeset(text))
    env.filters["run_in"] = run_in
    env.filters["qr_svg"] = qr_svg
    env.globals["role_class"] = role_class
    env.globals["T"] = TYPOGRAPHY
    env.globals["version"] = __version__
    return env


@cache
def qr_svg(url: str) -> str:
    """A QR code of ``url`` as an SVG data URI (segno), for print: the reader's phone opens it."""
    import segno

    return str(segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#1F2328"))


def _as_text(fn: Any) -> Any:
    """Jinja2 marks a translation as safe HTML; a translator's text is text: escape it first."""

    def call(*args: Any) -> Markup:
        return escape(fn(*args))

    return call


def _install(env: Environment, ui: Ui) -> None:
    env.install_gettext_callables(  # type: ignore[attr-defined]
        _as_text(ui.gettext), _as_text(ui.ngettext), newstyle=True, pgettext=_as_text(ui.pgettext), npgettext=_as_text(ui.npgettext)
    )


def json_ld(doc: EditionDoc, links: Links) -> dict[str, Any]:
    """schema.org metadata of the page. Links between editions are relative (the page's own
    address is not known without a site address, so there is no ``@id``)."""
    head = doc.head
    article = doc.articles[0]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": plain(head.title),
        "datePublished": head.date_iso,
        "inLanguage": doc.lang if not doc.bilingual else [ui.tag for ui in doc.uis],
        "publisher": {"@type": "Organization", "name": plain(head.outlet)},
        "author": {"@type": "Organization", "name": plain(head.outlet)},
        "keywords": [plain(t) for t in head.tags],
    }
    people = [person_ld(s, doc.locale.house.chinese) for s in article.interviewees]
    if people:
        data["about"] = people[0] if len(people) == 1 else people
    source_edition = next(s for s in links.switcher if s.hreflang == doc.source.tag)
    if not doc.bilingual and doc.edition.locale.name == doc.source.name:
        data["workTranslation"] = [
            {"@type": "NewsArticle", "url": s.href, "inLanguage": s.hreflang} for s in links.switcher if s.hreflang and s.edition != doc.edition.id
        ]
    else:
        data["translationOfWork"] = {"@type": "NewsArticle", "url": source_edition.href, "inLanguage": doc.source.tag}
    return data


def person_ld(speaker: Speaker, chinese: bool) -> dict[str, Any]:
    """schema.org Person of an expert: the name, its family and given names when its words say
    which is which (the speaker's name order), the honorific and the affiliation."""
    name = plain(speaker.name)
    person: dict[str, Any] = {"@type": "Person", "name": name}
    parts = name_parts(name, speaker.name_order)
    if parts is not None:
        person["familyName"], person["givenName"] = parts
    if speaker.honorific is not None:
        person["honorificSuffix" if chinese else "honorificPrefix"] = plain(speaker.honorific)
    if speaker.affiliation is not None:
        person["affiliation"] = {"@type": "Organization", "name": plain(speaker.affiliation)}
    return person


def css_string(text: str) -> str:
    """A CSS string literal that cannot close the string or the <style> element."""
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ").replace("\n", " ")
    return f'"{out}"'


def render_article(output: Output, *, for_print: bool = False) -> str:
    """The article page; ``for_print`` renders the WeasyPrint variant (paged media)."""
    doc = output.doc
    env = environment(output.project.templates_dir)
    ui = doc.uis[0]
    _install(env, ui)
    links = article_links(doc.slug, doc.edition, output.editions, output.uis, ui)
    return env.get_template("article.html").render(
        doc=doc,
        head=doc.head,
        heads=doc.heads,
        ui=ui,
        links=links,
        for_print=for_print,
        json_ld=json_ld(doc, links),
        page_counter=page_counter_css(ui),
        running_title=css_string(plain(doc.head.short_title)),
        stack_sans=doc.locale.fonts.heading.css,
        locales=_page_locales(output),
        not_translated=[untranslated_marker(u) for u in doc.uis],
        source_tag=doc.source.text_tag,
        L=L,
    )


def _page_locales(output: Output) -> tuple[Locale, ...]:
    """The locales whose font rules a page's stylesheet carries: every locale of the project."""
    return tuple(dict.fromkeys(loc for e in output.editions for loc in e.locales))


class HtmlWriter:
    format = "html"
    uses_fonts = False

    def write(self, output: Output) -> None:
        write_atomic(output.path, render_article(output).encode())


def copy_media(output_dir: Path, article_dir: Path, doc_article: Any) -> None:
    """The article's images, beside the web editions (``dist/media/<slug>/``)."""
    for image in images(doc_article):
        write_atomic(output_dir / image.src, (article_dir / image.src).read_bytes())


@dataclass(frozen=True)
class IndexEntry:
    """An article as an edition's index lists it: made by the worker that built the article,
    kept in the manifest (plain data, JSON)."""

    slug: str
    title: str  # inline Markdown
    date: str  # formatted in the edition's language
    date_iso: str
    interviewees: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {"slug": self.slug, "title": self.title, "date": self.date, "date_iso": self.date_iso, "interviewees": list(self.interviewees)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> IndexEntry:
        return cls(str(data["slug"]), str(data["title"]), str(data["date"]), str(data["date_iso"]), tuple(str(x) for x in data["interviewees"]))


@dataclass(frozen=True)
class Listed:
    """An index row: the entry and the formats that exist."""

    entry: IndexEntry
    formats: tuple[str, ...]


def render_index(templates_dir: Path, edition: Edition, entries: list[Listed], editions: tuple[Edition, ...], uis: dict[str, Ui]) -> str:
    ui = uis[edition.locale.name]
    env = environment(templates_dir)
    _install(env, ui)
    links = switcher(editions, uis, ui, lambda e: f"../{e.id}/index.html")
    return env.get_template("index.html").render(
        edition=edition,
        ui=ui,
        entries=entries,
        switcher=links,
        L=L,
        lang=ui.tag,
        edition_title=edition_name(edition, uis, ui, editions),
        locales=tuple(dict.fromkeys(loc for e in editions for loc in e.locales)),
    )


def render_home(templates_dir: Path, editions: tuple[Edition, ...], entries: dict[str, list[Listed]], uis: dict[str, Ui]) -> str:
    ui = uis[editions[0].locale.name]
    env = environment(templates_dir)
    _install(env, ui)
    sections = [(e, uis[e.locale.name], edition_name(e, uis, uis[e.locale.name], editions), entries.get(e.id, [])) for e in editions]
    return env.get_template("home.html").render(
        sections=sections, ui=ui, L=L, lang=ui.tag, locales=tuple(dict.fromkeys(loc for e in editions for loc in e.locales))
    )
