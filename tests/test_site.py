"""The web editions as a site (issue 15): with ``[tool.colloquy] site_url`` every page names its
own address (canonical link, og:url, JSON-LD @id) and its language versions by absolute address,
shows its lead image to link previews (og:image), links the parts of a series absolutely, and the
build writes an Atom feed per edition and ``sitemap.xml``; without it, links are relative, no
page claims an address, no feed or sitemap is written, and the build says so once.

Read on the real pages of the test project of :mod:`web_support` (built once, in this process):
HTML with html5lib (a conforming parser), the feeds and the sitemap with ElementTree.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from catalog_support import colloquy, copy_project, snapshot
from colloquy.diagnostics import InputError
from colloquy.model import DatePrecision
from colloquy.project import Project, normalise_site_url, site_url_problem
from colloquy.writers.edition import When, iso_range
from colloquy.writers.html import lead_image, time_html
from conftest import diagnostics, read
from web_support import BODY1, FRONT, IMAGES, PART1, PART2, SEED, SITE, SLUGS, png, set_site_url

html5lib = pytest.importorskip("html5lib", reason="html5lib is in the test extras: pip install -e '.[test]'")

EDITIONS = ("en", "zh-CN", "bilingual")
SINGLE = ("en", "zh-CN")
ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")
#: names that must never appear in a published file
PLACEHOLDERS = re.compile(rb"example\.(?:invalid|com|org|net)|\.invalid\b|\blocalhost\b", re.I)


def parse(path: Path) -> ET.Element:
    """The page as a conforming parser reads it (cached while the file is unchanged)."""
    st = path.stat()
    return _parse(path, st.st_mtime_ns, st.st_size)


@cache
def _parse(path: Path, _mtime: int, _size: int) -> ET.Element:
    return html5lib.parse(path.read_text(encoding="utf-8"), treebuilder="etree", namespaceHTMLElements=False)


def text(el: ET.Element) -> str:
    return " ".join("".join(el.itertext()).split())


def classes(el: ET.Element) -> set[str]:
    return set(el.get("class", "").split())


def links(root: ET.Element, rel: str) -> list[ET.Element]:
    return [link for link in root.iter("link") if link.get("rel") == rel]


def meta(root: ET.Element, prop: str) -> list[str]:
    return [m.get("content", "") for m in root.iter("meta") if m.get("property") == prop or m.get("name") == prop]


def web_pages(dist: Path) -> list[Path]:
    """The site's pages (the WeChat pages are for the web desk, not for readers)."""
    return sorted(p for p in dist.rglob("*.html") if p.relative_to(dist).parts[0] != "wechat")


def address(dist: Path, page: Path) -> str:
    return SITE + page.relative_to(dist).as_posix()


def local(dist: Path, url: str) -> Path:
    assert url.startswith(SITE), url
    return dist / url.removeprefix(SITE)


# ---------------------------------------------------------------- the setting


def _project(tmp_path: Path, value: str) -> Project | str:
    (tmp_path / "articles").mkdir(exist_ok=True)
    text_ = f'[tool.colloquy]\nlocales = ["en", "zh_CN"]\nsite_url = "{value}"\n'
    try:
        return Project.from_table(tmp_path, {"locales": ["en", "zh_CN"], "site_url": value}, tmp_path / "pyproject.toml", text_)
    except InputError as exc:
        return str(exc)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://oncology-frontier.net/interviews", "https://oncology-frontier.net/interviews/"),
        ("https://Oncology-Frontier.NET", "https://oncology-frontier.net/"),
        ("http://www.oncology-frontier.net/a/b//", "http://www.oncology-frontier.net/a/b/"),
    ],
)
def test_a_site_address_is_kept_with_one_trailing_slash(tmp_path: Path, value: str, expected: str) -> None:
    project = _project(tmp_path, value)
    assert isinstance(project, Project) and project.site_url == expected == normalise_site_url(value)
    assert project.url("en/x.html") == expected + "en/x.html"


@pytest.mark.parametrize(
    "value",
    [
        "https://example.com/",
        "https://www.example.org/interviews/",
        "https://news.example.net",
        "https://oncology.invalid/",
        "https://site.example/",
        "http://localhost:8000/",
        "https://interviews.test/",
        "/interviews/",
        "oncology-frontier.net",
        "ftp://oncology-frontier.net/",
        "https://oncology-frontier.net/?page=1",
        "https://user:secret@oncology-frontier.net/",
        "https://intranet/",
        "",
    ],
)
def test_a_placeholder_or_partial_address_is_refused_at_its_line(tmp_path: Path, value: str) -> None:
    assert site_url_problem(value) is not None
    message = _project(tmp_path, value)
    assert isinstance(message, str) and "pyproject.toml:3: error: [tool.colloquy] site_url" in message, message


def test_without_a_site_address_links_are_relative_no_page_claims_an_address_and_the_build_says_so_once(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    set_site_url(root, None)
    run = colloquy(root, "build", "--format", "html")
    assert run.stderr.count("has no site_url") == 1, run.stderr
    dist = root / "dist"
    assert not (dist / "sitemap.xml").exists() and not list(dist.rglob("feed.xml"))
    for page in web_pages(dist):
        root_el = parse(page)
        assert links(root_el, "canonical") == [] and meta(root_el, "og:url") == [] and meta(root_el, "og:image") == []
        for link in links(root_el, "alternate"):
            assert not re.match(r"^[a-z]+:", link.get("href", "")), (page, link.get("href"))
        for script in root_el.iter("script"):
            assert "@id" not in json.loads(script.text or "{}")
    # a site address added: every page rebuilt with it, the feeds and the sitemap written; removed again: all gone
    set_site_url(root, SITE)
    run = colloquy(root, "build", "--format", "html")
    assert "has no site_url" not in run.stderr and (dist / "sitemap.xml").is_file() and (dist / "en/feed.xml").is_file()
    assert links(parse(dist / "en" / f"{SEED}.html"), "canonical")[0].get("href") == f"{SITE}en/{SEED}.html"
    set_site_url(root, None)
    colloquy(root, "build", "--format", "html")
    assert not (dist / "sitemap.xml").exists() and not list(dist.rglob("feed.xml"))
    assert b"oncology-frontier.net" not in b"".join(p.read_bytes() for p in dist.rglob("*") if p.is_file())
    assert "0 built" in colloquy(root, "build", "--format", "html").stderr


# ---------------------------------------------------------------- every page names itself


def test_every_page_names_its_own_address(site_project: Path) -> None:
    dist = site_project / "dist"
    pages = web_pages(dist)
    assert len(pages) == 1 + len(EDITIONS) * (1 + len(SLUGS))  # the home page; each edition's index and interviews
    for page in pages:
        root = parse(page)
        (canonical,) = links(root, "canonical")
        assert canonical.get("href") == address(dist, page)
        assert meta(root, "og:url") == [address(dist, page)]
    for edition in EDITIONS:
        for slug in SLUGS:
            page = dist / edition / f"{slug}.html"
            (script,) = [s for s in parse(page).iter("script") if s.get("type") == "application/ld+json"]
            data = json.loads(script.text or "")
            assert data["@id"] == data["url"] == address(dist, page)
            for work in [*data.get("workTranslation", []), *([data["translationOfWork"]] if "translationOfWork" in data else [])]:
                assert local(dist, work["url"]).is_file()


def test_hreflang_sets_are_absolute_complete_reciprocal_and_without_bilingual_pages(site_project: Path) -> None:
    dist = site_project / "dist"
    for page in web_pages(dist):
        alternates = {link.get("hreflang"): link.get("href") for link in links(parse(page), "alternate") if link.get("hreflang")}
        if page.relative_to(dist).parts[0].startswith("bilingual"):
            assert alternates == {}, page  # a bilingual page is no language's version of the others
            continue
        assert set(alternates) == {*SINGLE, "x-default"}, page
        assert address(dist, page) in alternates.values()  # the set names the page itself
        for hreflang, href in alternates.items():
            assert href is not None and href.startswith(SITE)
            target = local(dist, href)
            assert target.is_file() and "bilingual" not in target.relative_to(dist).parts[0]
            back = {link.get("hreflang"): link.get("href") for link in links(parse(target), "alternate") if link.get("hreflang")}
            assert back == alternates, f"{target} does not link back to {page} with the same set"
            if hreflang != "x-default":
                assert parse(target).get("lang", "").startswith(hreflang.split("-")[0])


def test_og_image_is_the_lead_image(site_project: Path) -> None:
    dist = site_project / "dist"
    for edition in EDITIONS:
        root = parse(dist / edition / f"{PART1}.html")
        assert meta(root, "og:image") == [f"{SITE}media/{PART1}/cover.png"]  # the front matter's image
        assert (dist / "media" / PART1 / "cover.png").is_file()  # copied though the body never shows it
        (script,) = [s for s in root.iter("script") if s.get("type") == "application/ld+json"]
        assert json.loads(script.text or "")["image"] == [f"{SITE}media/{PART1}/cover.png"]
        assert meta(parse(dist / edition / f"{SEED}.html"), "og:image") == []  # no image at all


def test_the_lead_image_is_else_the_first_image(tmp_path: Path) -> None:
    folder = tmp_path / PART1
    folder.mkdir()
    (folder / "article.md").write_text(FRONT.format(slug=PART1, date="2025-07-02", part="Part 1", image="", part1=PART1, part2=PART2) + BODY1, encoding="utf-8")
    for name, colour in IMAGES.items():
        (folder / name).write_bytes(png(4, 4, colour))
    model = read(folder / "article.md")
    assert model.meta.image is None
    assert lead_image(model, PART1) == f"media/{PART1}/poster.png"  # the video's poster comes first
    assert lead_image(replace(model, meta=replace(model.meta, image="chart.png")), PART1) == f"media/{PART1}/chart.png"


def test_the_lead_image_field_is_checked_like_an_image(make_article) -> None:  # type: ignore[no-untyped-def]
    path = make_article({"image": "missing.png"})
    assert any(re.search(r"article\.md:\d+:\d+: error: image 'missing\.png' does not exist", d) for d in diagnostics(path))
    path = make_article({"image": "../outside.png"})
    assert any("points outside the article's folder" in d for d in diagnostics(path))


def test_the_parts_of_a_series_link_each_other_absolutely(site_project: Path) -> None:
    dist = site_project / "dist"
    for edition in EDITIONS:
        for slug, other in ((PART1, PART2), (PART2, PART1)):
            navs = [n for n in parse(dist / edition / f"{slug}.html").iter("nav") if "series" in classes(n)]
            assert len(navs) == (2 if edition == "bilingual" else 1)  # in each column's head
            hrefs = [a.get("href", "") for nav in navs for a in nav.iter("a")]
            assert len(hrefs) == len(navs)  # the other part
            for href in hrefs:
                assert href == f"{SITE}{edition}/{other}.html" and local(dist, href).is_file()


# ---------------------------------------------------------------- dates


def test_every_date_the_pages_print_is_a_time_element(site_project: Path) -> None:
    dist = site_project / "dist"
    months = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
    date_like = re.compile(rf"\d{{4}}年\d{{1,2}}月|\d{{1,2}}日|\b(?:{months})\.? (?:\d{{1,2}}\b|\d{{4}}\b)|\b\d{{4}}-\d{{2}}-\d{{2}}\b")
    for page in web_pages(dist):
        root = parse(page)
        chrome = [el for el in root.iter() if classes(el) & {"article-head", "entry-meta", "site"}]
        assert chrome, page
        for part in chrome:
            outside = "".join(_text_outside_time(part))
            assert not date_like.search(outside), f"{page.relative_to(dist)}: a date outside <time>: {outside!r}"
            for time in part.iter("time"):
                assert re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", time.get("datetime", "")), time.get("datetime")


def _text_outside_time(el: ET.Element) -> list[str]:
    out = [el.text or ""] if el.tag != "time" else []
    for child in el:
        if child.tag != "time":
            out += _text_outside_time(child)
        out.append(child.tail or "")
    return out


def test_the_event_line_and_the_byline_date_their_dates(site_project: Path) -> None:
    dist = site_project / "dist"
    zh = parse(dist / "zh-CN" / f"{SEED}.html")
    event = next(p for p in zh.iter("p") if "event" in classes(p))
    assert [(t.get("datetime"), text(t)) for t in event.iter("time")] == [("2025-09-10", "2025年9月10日"), ("2025-09-14", "14日")]
    byline = next(p for p in zh.iter("p") if "byline" in classes(p))
    assert [(t.get("datetime"), text(t)) for t in byline.iter("time")] == [("2025-09-09", "2025年9月9日")]
    en = parse(dist / "en" / f"{SEED}.html")
    event = next(p for p in en.iter("p") if "event" in classes(p))
    times = [(t.get("datetime"), text(t)) for t in event.iter("time")]
    assert [d for d, _ in times] == ["2025-09-10", "2025-09-14"] and "14" in times[1][1] and "2025" in times[1][1]
    month = next(p for p in parse(dist / "zh-CN" / f"{PART1}.html").iter("p") if "event" in classes(p))
    assert [(t.get("datetime"), text(t)) for t in month.iter("time")] == [("2025-06", "2025年6月")]  # an event known by its month


@pytest.mark.parametrize("locale", ["en", "en_GB", "zh_CN", "zh_TW", "fr", "de", "ja"])
def test_a_range_is_dated_at_both_ends_in_every_locale(locale: str) -> None:
    from babel.dates import format_interval

    for start, end in ((dt.date(2025, 9, 10), dt.date(2025, 9, 14)), (dt.date(2025, 9, 30), dt.date(2025, 10, 2)), (dt.date(2025, 12, 30), dt.date(2026, 1, 2))):
        formatted = format_interval(start, end, "yMMMd", locale=locale)
        html = str(time_html(When(formatted, *iso_range(start, end)), locale))
        root = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
        assert "".join(root.itertext()) == formatted  # the text is the edition's, unchanged
        assert [t.get("datetime") for t in root.iter("time")] == [start.isoformat(), end.isoformat()], html
    month = time_html(When("2025年7月", *iso_range(dt.date(2025, 7, 1), dt.date(2025, 7, 31), DatePrecision.MONTH)), "zh_CN")
    assert str(month) == '<time datetime="2025-07">2025年7月</time>'


# ---------------------------------------------------------------- feeds and sitemap


def test_an_atom_feed_per_edition(site_project: Path) -> None:
    dist = site_project / "dist"
    for edition in EDITIONS:
        path = dist / edition / "feed.xml"
        feed = ET.parse(path).getroot()
        assert feed.tag == f"{ATOM}feed"
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == parse(dist / edition / "index.html").get("lang")
        for name in ("id", "title", "updated"):  # RFC 4287 4.1.1: exactly one of each
            assert len(feed.findall(f"{ATOM}{name}")) == 1, name
        assert feed.findtext(f"{ATOM}id") == f"{SITE}{edition}/feed.xml"
        assert feed.findtext(f"{ATOM}author/{ATOM}name")  # no entry has its own: the feed names one
        rels = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
        assert rels == {"self": f"{SITE}{edition}/feed.xml", "alternate": f"{SITE}{edition}/index.html"}
        entries = feed.findall(f"{ATOM}entry")
        assert len(entries) == len(SLUGS)
        dates = []
        for entry in entries:
            for name in ("id", "title", "updated"):
                assert len(entry.findall(f"{ATOM}{name}")) == 1, name
            (link,) = [link for link in entry.findall(f"{ATOM}link") if link.get("rel") == "alternate"]
            page = local(dist, link.get("href", ""))
            assert entry.findtext(f"{ATOM}id") == link.get("href")
            (h1,) = parse(page).iter("h1")
            assert entry.findtext(f"{ATOM}title") == text(h1)  # plain text, as the page's title
            updated = entry.findtext(f"{ATOM}updated") or ""
            assert RFC3339.match(updated) and updated.startswith(_published(page))  # dated by the article
            dates.append(updated)
        assert dates == sorted(dates, reverse=True) and feed.findtext(f"{ATOM}updated") == dates[0]
        (feed_link,) = [link for link in links(parse(dist / edition / "index.html"), "alternate") if link.get("type") == "application/atom+xml"]
        assert (dist / edition / (feed_link.get("href") or "")).resolve() == path.resolve()


def _published(page: Path) -> str:
    return meta(parse(page), "article:published_time")[0]


def test_the_sitemap_lists_every_page_with_its_language_versions(site_project: Path) -> None:
    dist = site_project / "dist"
    root = ET.parse(dist / "sitemap.xml").getroot()
    assert root.tag == f"{SM}urlset"
    listed: dict[str, ET.Element] = {}
    for url in root.findall(f"{SM}url"):
        loc = url.findtext(f"{SM}loc") or ""
        assert loc not in listed
        listed[loc] = url
    assert set(listed) == {address(dist, p) for p in web_pages(dist)}
    for loc, url in listed.items():
        page = local(dist, loc)
        lastmod = url.findtext(f"{SM}lastmod") or ""
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", lastmod)
        alternates = {a.get("hreflang"): a.get("href") for a in url.findall(f"{XHTML}link")}
        declared = {link.get("hreflang"): link.get("href") for link in links(parse(page), "alternate") if link.get("hreflang")}
        assert alternates == declared, loc  # the same sets as the pages declare


def test_the_site_files_are_the_same_bytes_when_built_again(site_project: Path) -> None:
    dist = site_project / "dist"
    before = snapshot(dist)
    colloquy(site_project, "build", "--force", "--format", "html", "--format", "wechat")
    after = snapshot(dist)
    assert before.keys() == after.keys()
    assert [k for k in before if before[k] != after[k]] == []


def test_no_placeholder_domain_anywhere_in_the_output(site_project: Path, tmp_path: Path) -> None:
    plain = copy_project(tmp_path / "plain")
    colloquy(plain, "build", "--format", "html", "--format", "wechat", "--format", "docx")
    for dist in (site_project / "dist", plain / "dist"):
        files = [p for p in dist.rglob("*") if p.is_file()]
        assert len(files) >= 10
        found = [(p.relative_to(dist).as_posix(), m.group(0)) for p in files for m in [PLACEHOLDERS.search(p.read_bytes())] if m]
        assert found == []
