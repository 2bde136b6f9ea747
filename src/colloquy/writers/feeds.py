"""The site's machine-readable lists, written with a site address only (``[tool.colloquy]
site_url``): an Atom feed per edition (RFC 4287) and ``sitemap.xml`` (sitemaps.org protocol 0.9,
with each page's language versions as ``xhtml:link`` alternates).

Both are made with the standard library's ElementTree, from the index entries kept in the
manifest: no article is read again, and the same entries give the same bytes (the dates come from
the articles' metadata, never from the clock; the order is the entries'). ElementTree escapes
text and attribute values and keeps attributes in the order they are set; the namespaces are
declared on the root element by hand (``register_namespace`` is global state).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

from colloquy import __version__

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
#: the most URLs one sitemap file may list (sitemaps.org)
SITEMAP_LIMIT = 50_000


def rfc3339(day: str) -> str:
    """A publication date (``2025-09-09``) as an Atom date: the day's start, in UTC."""
    return f"{day}T00:00:00Z"


@dataclass(frozen=True)
class FeedEntry:
    url: str  # the article page's address: also the entry's id (a page's address does not change)
    title: str  # plain text
    day: str  # ISO date
    summary: str  # plain text ("" for none)
    lang: str  # the entry's language tag


def atom_feed(*, feed_url: str, page_url: str, title: str, author: str, lang: str, entries: Iterable[FeedEntry]) -> bytes:
    """An Atom 1.0 feed: id, title, updated, author, the self and alternate links, and an entry per
    article (id, title, updated and published, the alternate link, a summary). ``updated`` is
    the newest article's date."""
    items = list(entries)
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": lang})
    ET.SubElement(feed, "id").text = feed_url
    ET.SubElement(feed, "title").text = title
    ET.SubElement(feed, "updated").text = rfc3339(max((e.day for e in items), default="1970-01-01"))
    ET.SubElement(ET.SubElement(feed, "author"), "name").text = author
    ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": feed_url})
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "hreflang": lang, "href": page_url})
    ET.SubElement(feed, "generator", {"version": __version__}).text = "Colloquy"
    for item in items:
        entry = ET.SubElement(feed, "entry")
        if item.lang != lang:
            entry.set("xml:lang", item.lang)
        ET.SubElement(entry, "id").text = item.url
        ET.SubElement(entry, "title").text = item.title
        ET.SubElement(entry, "updated").text = rfc3339(item.day)
        ET.SubElement(entry, "published").text = rfc3339(item.day)
        ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": item.url})
        if item.summary:
            ET.SubElement(entry, "summary").text = item.summary
    return _serialise(feed)


@dataclass(frozen=True)
class SitemapPage:
    url: str
    day: str | None  # the last modification: the article's date (the newest for an index)
    #: the page's language versions (hreflang → address), its own included; empty for none
    alternates: tuple[tuple[str, str], ...] = ()


def sitemap(pages: Iterable[SitemapPage]) -> bytes:
    """``sitemap.xml``: every page with its last modification and its language versions."""
    urlset = ET.Element("urlset", {"xmlns": SITEMAP, "xmlns:xhtml": XHTML})
    count = 0
    for page in pages:
        count += 1
        url = ET.SubElement(urlset, "url")
        ET.SubElement(url, "loc").text = page.url
        if page.day:
            ET.SubElement(url, "lastmod").text = page.day
        for hreflang, href in page.alternates:
            ET.SubElement(url, "xhtml:link", {"rel": "alternate", "hreflang": hreflang, "href": href})
    if count > SITEMAP_LIMIT:
        raise ValueError(f"the sitemap would list {count} pages, over the protocol's {SITEMAP_LIMIT}")
    return _serialise(urlset)


def _serialise(root: ET.Element) -> bytes:
    ET.indent(root, space=" ")
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"
