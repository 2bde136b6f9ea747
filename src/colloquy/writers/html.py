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
from colloquy.model import Article, Speaker, Text, name_parts
from colloquy.typography import TYPOGRAPHY, label_gap, pieces, run_in
from colloquy.walk import images
from colloquy.writers.base import Output
from colloquy.writers.edition import EditionDoc, When, role_class

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
    """Where an edition's files, its sibling editions and the parts of its series are, from the
    page: absolute addresses with a site address (``[tool.colloquy] site_url``), relative ones
    without (a page never claims an address it does not know)."""

    switcher: tuple[Switch, ...]  # every edition of the project (relative: the site browses offline too)
    downloads: dict[str, str]  # format → href
    index: str
    home: str
    #: the page's own address (None without a site address)
    canonical: str | None = None
    #: the ``hreflang`` set: (language tag or x-default, href); empty on a bilingual page
    alternates: tuple[tuple[str, str], ...] = ()
    #: every single-language edition's version of the page: language tag → href
    versions: dict[str, str] | None = None
    #: each part of the series → its address (absolute with a site address)
    series: dict[str, str] | None = None
    #: the absolute address of the lead image (og:image), with a site address
    image: str | None = None

    def href(self, edition: str) -> str:
        return next(s.href for s in self.switcher if s.edition == edition)


def site_href(site_url: str | None, path: str, relative: str) -> str:
    """``path`` (from ``dist/``) as an absolute address with a site address; ``relative`` without."""
    return site_url + path if site_url is not None else relative


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


def alternates(editions: tuple[Edition, ...], default: str, href: Callable[[Edition | None], str]) -> tuple[tuple[str, str], ...]:
    """The ``hreflang`` set of a single-language page: every single-language edition's version
    (its own included), and ``x-default`` (``href(None)`` when ``default`` is "", else the
    edition ``default``'s). No bilingual page is in a set: it is no language's version."""
    singles = [e for e in editions if not e.bilingual]
    x_default = href(None) if not default else href(next(e for e in singles if e.id == default))
    return (*((e.locale.tag, href(e)) for e in singles), ("x-default", x_default))


def article_links(
    slug: str,
    edition: Edition,
    editions: tuple[Edition, ...],
    uis: dict[str, Ui],
    page_ui: Ui,
    *,
    source: Locale | None = None,
    site_url: str | None = None,
    series: tuple[str, ...] = (),
    image: str | None = None,
    for_print: bool = False,
) -> Links:
    def page(e: Edition | None) -> str:
        assert e is not None
        return site_href(site_url, f"{e.id}/{slug}.html", f"{slug}.html" if e.id == edition.id else f"../{e.id}/{slug}.html")

    source_edition = next((e.id for e in editions if not e.bilingual and source is not None and e.locale.name == source.name), "")
    ext = "pdf" if for_print else "html"
    versions = alternates(editions, source_edition or editions[0].id, page)
    return Links(
        switcher=switcher(editions, uis, page_ui, lambda e: f"{slug}.html" if e.id == edition.id else f"../{e.id}/{slug}.html"),
        downloads={fmt: f"{slug}.{fmt}" for fmt in ("html", "pdf", "docx")},
        index="index.html",
        home="../index.html",
        canonical=site_href(site_url, f"{edition.id}/{slug}.html", "") or None,
        alternates=() if edition.bilingual else versions,
        versions=dict(versions[:-1]),
        series={part: site_href(site_url, f"{edition.id}/{part}.{ext}", f"{part}.{ext}") for part in series},
        image=site_url + image if site_url is not None and image is not None else None,
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
    env.globals["dated_line"] = dated_line
    env.globals["time_html"] = time_html
    env.globals["When"] = When
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
    """schema.org metadata of the page. With a site address the page names itself (``@id``,
    ``url``) and its lead image; without one it claims no address, and the links between
    editions are relative."""
    head = doc.head
    article = doc.articles[0]
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "NewsArticle"}
    if links.canonical is not None:
        data["@id"] = links.canonical
        data["url"] = links.canonical
    data.update(
        {
            "headline": plain(head.title),
            "datePublished": head.date_iso,
            "inLanguage": doc.lang if not doc.bilingual else [ui.tag for ui in doc.uis],
            "publisher": {"@type": "Organization", "name": plain(head.outlet)},
            "author": {"@type": "Organization", "name": plain(head.outlet)},
            "keywords": [plain(t) for t in head.tags],
        }
    )
    if links.image is not None:
        data["image"] = [links.image]
    people = [person_ld(s, doc.locale.house.chinese) for s in article.interviewees]
    if people:
        data["about"] = people[0] if len(people) == 1 else people
    versions = links.versions or {}
    if not doc.bilingual and doc.edition.locale.name == doc.source.name:
        data["workTranslation"] = [{"@type": "NewsArticle", "url": href, "inLanguage": tag} for tag, href in versions.items() if tag != doc.source.tag]
    elif doc.source.tag in versions:
        data["translationOfWork"] = {"@type": "NewsArticle", "url": versions[doc.source.tag], "inLanguage": doc.source.tag}
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


def lead_image(article: Article, slug: str) -> str | None:
    """The lead image's path in ``dist/`` (``media/<slug>/<file>``): the front matter's ``image``,
    or the article's first image; None for an article without images."""
    if article.meta.image is not None:
        return f"media/{slug}/{article.meta.image}"
    first = next(iter(images(article)), None)
    return f"media/{slug}/{first.src}" if first is not None else None


def _digit_safe(text: str, cut: int, step: int) -> int:
    """Move ``cut`` so that it does not fall inside a number (``step`` -1: shrink a prefix, +1: a suffix)."""
    while 0 < cut < len(text) and text[cut - 1].isdigit() and text[cut].isdigit():
        cut += step
    return cut


@cache
def _alone(iso: str, locale: str) -> tuple[str, ...]:
    """A day formatted alone in the usual ways of its locale (to find it inside a formatted range)."""
    import datetime as dt

    from babel.dates import format_date, format_skeleton

    day = dt.date.fromisoformat(iso)
    forms = [format_date(day, width, locale=locale) for width in ("full", "long", "medium", "short")]
    forms += [format_skeleton(sk, dt.datetime.combine(day, dt.time()), locale=locale) for sk in ("yMMMMd", "yMMMd", "yMd", "MMMMd", "MMMd", "Md")]
    return tuple(dict.fromkeys(forms))


def _common(text: str, forms: tuple[str, ...], *, suffix: bool) -> int:
    """The length of the longest start (or end) ``text`` shares with one of ``forms``."""
    best = 0
    for form in forms:
        a, b = (text[::-1], form[::-1]) if suffix else (text, form)
        n = 0
        while n < min(len(a), len(b)) and a[n] == b[n]:
            n += 1
        best = max(best, n)
    return best


def time_html(when: When, locale: str) -> Markup:
    """Formatted dates with their ``<time datetime>`` element(s): one date (or a month) in one;
    a range in two — the part of the text its start shares with the start written alone, and the
    part its end shares with the end written alone (Sep 10 – 14, 2025: "Sep 10" and "14, 2025";
    2025年9月10日—14日: "2025年9月10日" and "14日"). The text is the edition's, unchanged."""
    text = when.text

    def tag(iso: str, inner: str) -> str:
        return f'<time datetime="{escape(iso)}">{escape(inner)}</time>'

    if when.start == when.end:
        return Markup(tag(when.start, text))
    prefix = _digit_safe(text, _common(text, _alone(when.start, locale), suffix=False), -1)
    cut = _digit_safe(text, max(prefix, len(text) - _common(text, _alone(when.end, locale), suffix=True)), 1)
    head, tail = text[:prefix].rstrip(), text[cut:].lstrip()
    if not any(c.isdigit() for c in head) or not any(c.isdigit() for c in tail):
        return Markup(tag(when.start, text))  # no part is the start's alone: the range, dated by its start
    middle = text[len(head) : len(text) - len(tail)]
    return Markup(tag(when.start, head) + str(escape(middle)) + tag(when.end, tail))


def dated_line(line: str | None, when: When | None, locale: str) -> Markup:
    """A line of inline Markdown (a byline, an event line) with its dates in ``<time>``."""
    if line is None:
        return Markup("")
    if when is None or not when.text or when.text not in line:
        return inline(line)
    before, _, after = line.rpartition(when.text)
    # the dates are never broken across lines (print.css, typography.pieces)
    return inline(before) + Markup('<span class="nobreak">') + time_html(when, locale) + Markup("</span>") + inline(after)


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
    links = article_links(
        doc.slug,
        doc.edition,
        output.editions,
        output.uis,
        ui,
        source=doc.source,
        site_url=output.project.site_url,
        series=doc.articles[0].meta.series,
        image=lead_image(doc.articles[0], doc.slug),
        for_print=for_print,
    )
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
    """An article as an edition's index, feed and sitemap list it: made by the worker that built
    the article, kept in the manifest (plain data, JSON)."""

    slug: str
    title: str  # inline Markdown
    date: str  # formatted in the edition's language
    date_iso: str
    interviewees: tuple[str, ...]
    outlet: str = ""  # inline Markdown, in the edition's (first) language
    column: str = ""
    #: a sentence about the article (its subtitle, or its event line): the feed's summary
    summary: str = ""
    #: the edition of the article's own language (its pages' x-default)
    source: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "title": self.title,
            "date": self.date,
            "date_iso": self.date_iso,
            "interviewees": list(self.interviewees),
            "outlet": self.outlet,
            "column": self.column,
            "summary": self.summary,
            "source": self.source,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> IndexEntry:
        return cls(
            str(data["slug"]),
            str(data["title"]),
            str(data["date"]),
            str(data["date_iso"]),
            tuple(str(x) for x in data["interviewees"]),
            str(data.get("outlet", "")),
            str(data.get("column", "")),
            str(data.get("summary", "")),
            str(data.get("source", "")),
        )


@dataclass(frozen=True)
class Listed:
    """An index row: the entry and the formats that exist."""

    entry: IndexEntry
    formats: tuple[str, ...]


@dataclass(frozen=True)
class Masthead:
    """The outlet and column an index page shows, in one language."""

    lang: str
    outlet: str  # inline Markdown ("" when no article says it yet)
    column: str


def masthead(ui: Ui, entries: list[Listed]) -> Masthead:
    """The outlet and the column of the edition's newest article (the indexes know no other)."""
    newest = entries[0].entry if entries else None
    return Masthead(ui.tag, newest.outlet if newest else "", newest.column if newest else "")


def index_links(editions: tuple[Edition, ...], here: Edition | None, site_url: str | None, feeds: bool) -> dict[str, Any]:
    """The addresses an index page names: its canonical address, its ``hreflang`` set (the
    single-language indexes, and the home page as x-default), its feed."""

    def href(e: Edition | None) -> str:
        path = "index.html" if e is None else f"{e.id}/index.html"
        if here is None:
            relative = path
        else:
            relative = "../index.html" if e is None else ("index.html" if e.id == here.id else f"../{e.id}/index.html")
        return site_href(site_url, path, relative)

    own = "index.html" if here is None else f"{here.id}/index.html"
    return {
        "canonical": site_href(site_url, own, "") or None,
        "alternates": () if here is not None and here.bilingual else alternates(editions, "", href),
        "feed": "feed.xml" if feeds and here is not None else None,
    }


def render_index(
    templates_dir: Path,
    edition: Edition,
    entries: list[Listed],
    editions: tuple[Edition, ...],
    uis: dict[str, Ui],
    site_url: str | None = None,
) -> str:
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
        masthead=masthead(ui, entries),
        site=index_links(editions, edition, site_url, feeds=site_url is not None and bool(entries)),
        locales=tuple(dict.fromkeys(loc for e in editions for loc in e.locales)),
    )


def render_home(
    templates_dir: Path, editions: tuple[Edition, ...], entries: dict[str, list[Listed]], uis: dict[str, Ui], site_url: str | None = None
) -> str:
    """The home page: the masthead and the title in every language of the project, the language
    switch to each edition's index, and each edition's interviews."""
    ui = uis[editions[0].locale.name]
    env = environment(templates_dir)
    _install(env, ui)
    sections = [(e, uis[e.locale.name], edition_name(e, uis, uis[e.locale.name], editions), entries.get(e.id, [])) for e in editions]
    singles = [e for e in editions if not e.bilingual]
    mastheads = [masthead(uis[e.locale.name], entries.get(e.id, [])) for e in singles]
    titles = [(uis[e.locale.name].tag, uis[e.locale.name].gettext(L.ALL_INTERVIEWS)) for e in singles]
    return env.get_template("home.html").render(
        sections=sections,
        ui=ui,
        L=L,
        lang=ui.tag,
        mastheads=mastheads,
        titles=list(dict.fromkeys(titles)),
        switcher=switcher(editions, uis, ui, lambda e: f"{e.id}/index.html"),
        site=index_links(editions, None, site_url, feeds=False),
        locales=tuple(dict.fromkeys(loc for e in editions for loc in e.locales)),
    )
