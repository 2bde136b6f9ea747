"""The real HTML and PDF editions, end to end and without mocks.

The project (pyproject.toml, articles/, locales/, templates/, glossary/) is copied into
throw-away folders and built with the real ``colloquy build --format html --format pdf`` in
subprocesses, started together once per session:

* ``main``: the build the HTML, index and PDF tests read;
* ``again``: a second copy built with ``--force -j 1``, for byte-for-byte reproducibility
  (in another folder, so that no absolute path may leak into an output, and with one process
  instead of a pool, so that neither may the worker count);
* ``variant``: a copy whose catalog lacks one translation, built with ``--strict`` (refused)
  and then without it (warned, and the unit shown marked in English).

The three run at once (the other two with ``-j 1``, to spare the machine the start-up of
more worker pools); each test waits only for the build it reads.

HTML is read with html5lib (a conforming HTML5 parser), PDFs with poppler-utils (pdftotext,
pdffonts, pdfinfo) and pypdf. Expected words come from the article source and its catalog
where translators may change them, and are literal where they are house style.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

import print_support

html5lib = pytest.importorskip("html5lib", reason="html5lib is in the test extras: pip install -e '.[test]'")
pypdf = pytest.importorskip("pypdf", reason="pypdf is in the test extras: pip install -e '.[test]'")

REPO = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("pyproject.toml", "articles", "locales", "templates", "glossary")
SLUG = "csco-2025-ma-jun"
EDITIONS = ("en", "zh-CN", "bilingual")
BUILD = [sys.executable, "-m", "colloquy.cli", "build", "--format", "html", "--format", "pdf"]
CATALOG = Path("locales/zh_CN/LC_MESSAGES") / f"{SLUG}.po"
#: the unit the variant project leaves untranslated
UNTRANSLATED = "Together, these three categories form the cell and gene therapy (CGT) ecosystem."

POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdfinfo"))
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdffonts, pdfinfo) is not installed")


# ---------------------------------------------------------------- the builds


def _copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in PROJECT_FILES:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest


def _run(cwd: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "COLLOQUY_DEBUG"}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run([*BUILD, *extra], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300, check=False)


def _drop_translation(project: Path, msgid: str) -> None:
    path = project / CATALOG
    text = path.read_text(encoding="utf-8")
    text, n = re.subn(rf'(^msgid "{re.escape(msgid)}"\n)msgstr "[^\n]*"$', r'\1msgstr ""', text, flags=re.M)
    assert n == 1, f"expected one single-line msgstr for {msgid!r} in {CATALOG}"
    path.write_text(text, encoding="utf-8")


def _variant(project: Path) -> tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]:
    strict = _run(project, "--strict", "-j", "1")
    return strict, _run(project, "-j", "1")


@dataclass
class Builds:
    roots: dict[str, Path]
    futures: dict[str, Future]  # type: ignore[type-arg]

    def result(self, name: str):  # type: ignore[no-untyped-def]
        return self.futures[name].result()


@pytest.fixture(scope="session")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Builds]:
    """The three builds, run in parallel."""
    base = tmp_path_factory.mktemp("outputs")
    roots = {name: _copy_project(base / name) for name in ("main", "again", "variant")}
    _drop_translation(roots["variant"], UNTRANSLATED)
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {
            "main": pool.submit(_run, roots["main"]),
            "again": pool.submit(_run, roots["again"], "--force", "-j", "1"),
            "variant": pool.submit(_variant, roots["variant"]),
        }
        yield Builds(roots, futures)


def _require_ok(result: subprocess.CompletedProcess[str], what: str) -> None:
    assert result.returncode == 0, f"{what} exited {result.returncode}:\n{result.stderr}"


@pytest.fixture(scope="session")
def dist(builds: Builds) -> Path:
    _require_ok(builds.result("main"), "the build")
    return builds.roots["main"] / "dist"


@pytest.fixture(scope="session")
def variant(builds: Builds) -> tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str], Path]:
    strict, lenient = builds.result("variant")
    return strict, lenient, builds.roots["variant"] / "dist"


# ---------------------------------------------------------------- what the outputs must say


@cache
def front_matter() -> dict:  # type: ignore[type-arg]
    text = (REPO / "articles" / SLUG / "article.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


@cache
def en_questions() -> list[str]:
    text = (REPO / "articles" / SLUG / "article.md").read_text(encoding="utf-8")
    return re.findall(r"^## (.+)$", text, flags=re.M)


@cache
def _catalog():  # type: ignore[no-untyped-def]
    with (REPO / CATALOG).open("rb") as f:
        return read_po(f)


def zh(msgid: str) -> str:
    message = _catalog().get(msgid)
    assert message is not None and message.string, f"{msgid!r} has no translation in {CATALOG}"
    return message.string


def expected_title(edition: str) -> str:
    return zh(front_matter()["title"]) if edition == "zh-CN" else front_matter()["title"]


def expected_short_title(edition: str) -> str:
    return zh(front_matter()["short_title"]) if edition == "zh-CN" else front_matter()["short_title"]


def expected_outlet(edition: str) -> str:
    return "《肿瘤瞭望》" if edition == "zh-CN" else "Oncology Frontier"


#: the language of each edition's text (English text is American English)
LANG = {"en": "en-US", "zh-CN": "zh-CN", "bilingual": "en-US"}
INTERVIEWEE = {"en": "Prof. Ma Jun", "zh-CN": "马军教授", "bilingual": "Prof. Ma Jun"}
PROFILE = {"en": "Expert Profile", "zh-CN": "专家介绍", "bilingual": "Expert Profile"}
LABELS = {
    "en": {"Oncology Frontier – Hematology Frontier:", "Prof. Ma Jun:"},
    "zh-CN": {"《肿瘤瞭望》：", "马军教授："},
}
CJK = re.compile(r"[\u3400-\u9fff]")


# ---------------------------------------------------------------- HTML helpers


def text(el: ET.Element) -> str:
    """An element's text with whitespace collapsed, as a reader sees it."""
    return " ".join("".join(el.itertext()).split())


def classes(el: ET.Element) -> set[str]:
    return set(el.get("class", "").split())


@cache
def parse(path: Path) -> ET.Element:
    return html5lib.parse(path.read_text(encoding="utf-8"), treebuilder="etree", namespaceHTMLElements=False)


def article_path(dist: Path, edition: str) -> Path:
    return dist / edition / f"{SLUG}.html"


def page(dist: Path, edition: str) -> ET.Element:
    return parse(article_path(dist, edition))


def meta(root: ET.Element, prop: str) -> list[str]:
    return [m.get("content", "") for m in root.iter("meta") if m.get("property") == prop or m.get("name") == prop]


def json_ld(root: ET.Element) -> dict:  # type: ignore[type-arg]
    scripts = [s for s in root.iter("script") if s.get("type") == "application/ld+json"]
    assert len(scripts) == 1
    return json.loads(scripts[0].text or "")


def html_files(dist: Path) -> list[Path]:
    return sorted(dist.rglob("*.html"))


# ---------------------------------------------------------------- HTML: well-formedness


def test_every_page_is_conforming_html5(dist: Path) -> None:
    pages = html_files(dist)
    assert {p.relative_to(dist).as_posix() for p in pages} == {
        "index.html",
        *(f"{e}/index.html" for e in EDITIONS),
        *(f"{e}/{SLUG}.html" for e in EDITIONS),
    }
    for path in pages:
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        try:
            parser.parse(path.read_text(encoding="utf-8"))
        except html5lib.html5parser.ParseError:
            pytest.fail(f"{path.relative_to(dist)}: HTML5 parse errors: {parser.errors}")
        root = parse(path)
        assert [m.get("charset", "").lower() for m in root.iter("meta") if m.get("charset")] == ["utf-8"], path
        ids = [el.get("id") for el in root.iter() if el.get("id")]
        assert len(ids) == len(set(ids)), f"{path.relative_to(dist)}: duplicate ids {sorted({i for i in ids if ids.count(i) > 1})}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_document_language_and_viewport(dist: Path, edition: str) -> None:
    root = page(dist, edition)
    assert root.get("lang") == LANG[edition]
    assert parse(dist / edition / "index.html").get("lang") == LANG[edition]
    viewport = meta(root, "viewport")
    assert len(viewport) == 1 and "width=device-width" in viewport[0]


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_script_but_the_json_ld(dist: Path, edition: str) -> None:
    root = page(dist, edition)
    assert [s.get("type") for s in root.iter("script")] == ["application/ld+json"]
    handlers = [(el.tag, a) for el in root.iter() for a in el.attrib if a.lower().startswith("on")]
    assert handlers == []
    hrefs = [el.get("href", "") + el.get("src", "") for el in root.iter()]
    assert not [h for h in hrefs if h.lower().startswith("javascript:")]


def test_bilingual_second_column_is_chinese(dist: Path) -> None:
    root = page(dist, "bilingual")
    rows = [el for el in root.iter("div") if "row" in classes(el)]
    assert len(rows) > 20
    for row in rows:
        cells = [c for c in row if "cell" in classes(c)]
        assert len(cells) == 2, ET.tostring(row, encoding="unicode")[:200]
        assert cells[0].get("lang") is None  # the document's language: English
        assert cells[1].get("lang") == "zh-CN"
        assert CJK.search(text(cells[1])), text(cells[1])[:80]
    heads = [el for el in root.iter("div") if "head-col" in classes(el)]
    assert [h.get("lang") for h in heads] == [None, "zh-CN"]


# ---------------------------------------------------------------- HTML: head


@pytest.mark.parametrize("edition", EDITIONS)
def test_alternate_links_to_the_other_editions(dist: Path, edition: str) -> None:
    root = page(dist, edition)
    alternates = {link.get("hreflang"): link.get("href") for link in root.iter("link") if link.get("rel") == "alternate"}
    here = lambda e: f"{SLUG}.html" if e == edition else f"../{e}/{SLUG}.html"  # noqa: E731
    if edition == "bilingual":  # no language version of the others: it declares no alternate
        assert alternates == {}
        return
    assert alternates == {"en": here("en"), "zh-CN": here("zh-CN"), "x-default": here("en")}
    for href in alternates.values():
        assert not href.startswith(("/", "http:", "https:", "file:"))
        assert (article_path(dist, edition).parent / href).is_file(), href


@pytest.mark.parametrize("edition", EDITIONS)
def test_json_ld(dist: Path, edition: str) -> None:
    root = page(dist, edition)
    data = json_ld(root)
    h1 = root.findall(".//h1")
    assert len(h1) == 1
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == text(h1[0]) == expected_title(edition)
    assert data["datePublished"] == "2025-09-09"
    assert "@id" not in data  # without a site address a page does not know its own
    assert data["inLanguage"] == (["en-US", "zh-CN"] if edition == "bilingual" else LANG[edition])
    assert data["about"]["@type"] == "Person"
    assert data["about"]["name"] == ("马军" if edition == "zh-CN" else "Ma Jun")
    # family name first (the default name order): "Ma Jun"; a Chinese name has no words to split
    expected_parts = None if edition == "zh-CN" else ("Ma", "Jun")
    assert (data["about"].get("familyName"), data["about"].get("givenName")) == (expected_parts or (None, None))
    assert data["publisher"]["name"] == expected_outlet(edition)
    if edition == "en":
        assert "translationOfWork" not in data
        assert [(w["@type"], w["url"], w["inLanguage"]) for w in data["workTranslation"]] == [("NewsArticle", f"../zh-CN/{SLUG}.html", "zh-CN")]
    elif edition == "zh-CN":
        assert "workTranslation" not in data
        work = data["translationOfWork"]
        assert (work["@type"], work["url"], work["inLanguage"]) == ("NewsArticle", f"../en/{SLUG}.html", "en")


@pytest.mark.parametrize("edition", EDITIONS)
def test_open_graph(dist: Path, edition: str) -> None:
    root = page(dist, edition)
    locale = {"en": "en_US", "zh-CN": "zh_CN", "bilingual": "en_US"}[edition]
    assert meta(root, "og:type") == ["article"]
    assert meta(root, "og:title") == [expected_title(edition)]
    assert meta(root, "og:locale") == [locale]
    alternates = meta(root, "og:locale:alternate")
    assert locale not in alternates and len(alternates) == len(set(alternates))
    assert set(alternates) == {"en_US", "zh_CN"} - {locale}
    assert meta(root, "author") == [expected_outlet(edition)]
    assert meta(root, "article:published_time") == ["2025-09-09"]


# ---------------------------------------------------------------- HTML: body


def _h2(root: ET.Element) -> list[ET.Element]:
    return [h for h in root.iter("h2")]


@pytest.mark.parametrize("edition", EDITIONS)
def test_question_headings_in_order(dist: Path, edition: str) -> None:
    root = page(dist, edition)
    h2 = _h2(root)
    assert [h.get("id") for h in h2] == ["q1", "q2", "q3", "profile"]
    questions = en_questions()
    assert len(questions) == 3
    for n, (h, heading) in enumerate(zip(h2, questions, strict=False), 1):
        assert "question" in classes(h)
        if edition == "zh-CN":
            number, qtext = list(h)
            assert "qnum-above" in classes(number) and text(number) == f"{n:02d}"  # "01" above the heading
            assert text(qtext) == zh(heading)
            assert not text(h).startswith("Q")
        else:
            assert text(h) == f"Q{n}: {heading}"
    assert text(h2[0]).startswith("Q1: Key Highlights" if edition != "zh-CN" else "01 ")
    assert text(h2[-1]) == PROFILE[edition]
    if edition == "bilingual":  # the Chinese column's headings: h3, numbered the Chinese way
        h3 = [h for h in root.iter("h3") if "question" in classes(h)]
        assert [text(h) for h in h3] == [f"{n:02d} {zh(q)}" for n, q in enumerate(questions, 1)]
        assert [text(h) for h in root.iter("h3") if "profile-title" in classes(h)] == ["专家介绍"]


@pytest.mark.parametrize("edition", ["en", "zh-CN"])
def test_speaker_labels_house_style(dist: Path, edition: str) -> None:
    root = page(dist, edition)
    labels = [el for el in root.iter("strong") if "speaker" in classes(el)]
    assert {text(el) for el in labels} == LABELS[edition]
    assert len(labels) == 6  # each of the three questions: interviewer, then the expert
    for p in root.iter("p"):
        first = p[0] if len(p) else None
        if first is not None and "speaker" in classes(first):
            after = first.tail or ""
            # English puts a space after the colon; Chinese a full-width colon and no space
            assert after.startswith(" ") if edition == "en" else not after[:1].isspace(), repr(after)


def test_bilingual_speaker_labels(dist: Path) -> None:
    root = page(dist, "bilingual")
    by_column: dict[str | None, set[str]] = {}
    for cell in (c for c in root.iter("div") if "cell" in classes(c)):
        for el in cell.iter("strong"):
            if "speaker" in classes(el):
                by_column.setdefault(cell.get("lang"), set()).add(text(el))
    assert by_column == {None: LABELS["en"], "zh-CN": LABELS["zh-CN"]}


def test_copyright_line_only_in_chinese(dist: Path) -> None:
    zh_lines = [text(p) for p in page(dist, "zh-CN").iter("p") if "copyright" in classes(p)]
    assert zh_lines == ["肿瘤瞭望版权所有，谢绝任何形式转载，侵犯版权者必予法律追究。"]  # as the house writes it: the name, no title marks
    en = page(dist, "en")
    assert [p for p in en.iter("p") if "copyright" in classes(p)] == []
    assert "©" not in text(en) and "All rights reserved" not in text(en) and "版权所有" not in text(en)
    bilingual = [p for p in page(dist, "bilingual").iter("p") if "copyright" in classes(p)]
    assert [(p.get("lang"), text(p)) for p in bilingual] == [("zh-CN", zh_lines[0])]


@pytest.mark.parametrize("edition", EDITIONS)
def test_language_switcher(dist: Path, edition: str) -> None:
    root = page(dist, edition)
    navs = [n for n in root.iter("nav") if "editions" in classes(n)]
    assert len(navs) == 1
    links = navs[0].findall(".//a")
    hrefs = [a.get("href") for a in links]
    assert hrefs == [f"{SLUG}.html" if e == edition else f"../{e}/{SLUG}.html" for e in EDITIONS]
    # each edition named in its own language; the bilingual one in the page's
    assert [text(a) for a in links] == ["English", "中文", "双语版" if edition == "zh-CN" else "Bilingual edition"]
    assert [a.get("aria-current") for a in links] == ["page" if e == edition else None for e in EDITIONS]
    for href in hrefs:
        assert (article_path(dist, edition).parent / href).is_file()


def test_no_build_path_in_html(builds: Builds, dist: Path) -> None:
    """(PDFs compress their objects: see test_pdf_links_are_not_local_files and the reproducibility test.)"""
    root = str(builds.roots["main"])
    for path in html_files(dist):
        assert root.encode() not in path.read_bytes(), f"{path.relative_to(dist)} contains the build folder {root}"


# ---------------------------------------------------------------- untranslated units


def test_untranslated_unit_warns_and_is_marked(variant) -> None:  # type: ignore[no-untyped-def]
    strict, lenient, out = variant
    assert strict.returncode == 1, strict.stderr
    assert re.search(r"csco-2025-ma-jun\.po:\d+: error: \[untranslated\] 1 unit\(s\) not translated into zh_CN", strict.stderr), strict.stderr
    assert lenient.returncode == 0, lenient.stderr
    assert re.search(r"csco-2025-ma-jun\.po:\d+: warning: \[untranslated\] 1 unit\(s\) not translated into zh_CN", lenient.stderr), lenient.stderr

    def marked(root: ET.Element) -> list[ET.Element]:
        return [p for p in root.iter("p") if "untranslated" in classes(p)]

    zh_page = parse(article_path(out, "zh-CN"))
    (p,) = marked(zh_page)
    assert p.get("lang") == "en-US"  # the text is the English source
    assert text(p) == f"【尚未翻译】{UNTRANSLATED}"
    (marker,) = [s for s in p.iter("span") if "marker" in classes(s)]
    assert marker.get("lang") == "zh-CN"  # the marker itself is Chinese
    notices = [text(n) for n in zh_page.iter("p") if "notice" in classes(n)]
    assert len(notices) == 1 and "尚未翻译" in notices[0]

    bilingual = parse(article_path(out, "bilingual"))
    (p,) = marked(bilingual)
    assert text(p) == f"【尚未翻译】{UNTRANSLATED}" and p.get("lang") == "en-US"
    assert marked(parse(article_path(out, "en"))) == []


@needs_poppler
def test_untranslated_unit_in_the_pdf(variant) -> None:  # type: ignore[no-untyped-def]
    _strict, lenient, out = variant
    assert lenient.returncode == 0, lenient.stderr
    pdf = out / "zh-CN" / f"{SLUG}.pdf"
    assert f"【尚未翻译】{UNTRANSLATED}" in " ".join(pdf_text(pdf).split())
    for edition in ("zh-CN", "bilingual"):
        names = [f.name for f in pdf_fonts(out / edition / f"{SLUG}.pdf")]
        assert all(_cjk_ok(n) for n in names), names  # the Chinese marker must not fall back on a Japanese font


# ---------------------------------------------------------------- index pages


@pytest.mark.parametrize("edition", EDITIONS)
def test_edition_index(dist: Path, edition: str) -> None:
    root = parse(dist / edition / "index.html")
    (entry,) = [li for li in root.iter("li") if "entry" in classes(li)]
    (title,) = [h for h in entry if "entry-title" in classes(h)]
    (link,) = title.findall("a")
    assert link.get("href") == f"{SLUG}.html" and text(link) == expected_title(edition)
    (meta_line,) = [p for p in entry.iter("p") if "entry-meta" in classes(p)]
    (time,) = meta_line.iter("time")
    assert time.get("datetime") == "2025-09-09" and text(time) == ("2025年9月9日" if edition == "zh-CN" else "September 9, 2025")
    names = [text(span) for span in meta_line.iter("span") if "name" in classes(span)]
    assert names == [INTERVIEWEE[edition]]
    files = [a.get("href") for p in entry.iter("p") if "entry-files" in classes(p) for a in p.iter("a")]
    built = sorted(p.name for p in (dist / edition).glob(f"{SLUG}.*") if p.suffix != ".html")
    assert sorted(files) == built and f"{SLUG}.pdf" in files  # every file that exists, no other
    # the masthead: the outlet and its column, in the edition's language
    outlet = next(p for p in root.iter("p") if "outlet" in classes(p))
    assert text(outlet).startswith(expected_outlet(edition))


def test_home_index(dist: Path) -> None:
    root = parse(dist / "index.html")
    assert root.get("lang") == "en-US"
    # the masthead in every language, the title in every language, the switch to every edition's index
    mastheads = [p for p in root.iter("p") if "outlet" in classes(p)]
    assert [(p.get("lang"), text(p)) for p in mastheads] == [(None, "Oncology Frontier Hematology Frontier"), ("zh-CN", "《肿瘤瞭望》 血液瞭望")]
    assert "Hematology Frontier" in text(mastheads[0]) and "血液瞭望" in text(mastheads[1])
    (h1,) = root.iter("h1")
    assert [(span.get("lang"), text(span)) for span in h1.iter("span") if not span.get("class")] == [(None, "All interviews"), ("zh-CN", "全部专访")]
    assert [t.strip() for t in (root.findtext(".//title") or "").split("—")[0].split("·")] == ["All interviews", "全部专访"]
    nav = next(n for n in root.iter("nav") if "editions" in classes(n))
    assert [a.get("href") for a in nav.iter("a")] == [f"{e}/index.html" for e in EDITIONS]
    assert [text(a) for a in nav.iter("a")] == ["English", "中文", "Bilingual edition"]
    sections = root.findall(".//section")
    assert [s.get("lang") for s in sections] == [LANG[e] for e in EDITIONS]
    for edition, section in zip(EDITIONS, sections, strict=True):
        (item,) = [li for li in section.iter("li") if "entry" in classes(li)]
        links = list(item.iter("a"))
        assert links[0].get("href") == f"{edition}/{SLUG}.html" and text(links[0]) == expected_title(edition)
        assert INTERVIEWEE[edition] in text(item)
        assert "下载：" in text(item) if edition == "zh-CN" else "Download:" in text(item)  # in the section's language
        (time,) = item.iter("time")
        assert time.get("datetime") == "2025-09-09"
        hrefs = sorted(a.get("href", "") for a in links[1:])
        assert hrefs == sorted(f"{edition}/{p.name}" for p in (dist / edition).glob(f"{SLUG}.*") if p.suffix != ".html")
        assert (dist / edition / "index.html").is_file()


def test_index_pages_declare_their_language_versions_the_home_page_the_default(dist: Path) -> None:
    """The index pages' hreflang set: each single-language index and the home page as x-default,
    relative without a site address, the same on every page of the set; none on a bilingual index."""
    expected = {"en": "en/index.html", "zh-CN": "zh-CN/index.html", "x-default": "index.html"}
    for page in (dist / "index.html", *(dist / e / "index.html" for e in EDITIONS)):
        alternates = {link.get("hreflang"): link.get("href") for link in parse(page).iter("link") if link.get("rel") == "alternate"}
        if page.parent.name == "bilingual":
            assert alternates == {}
            continue
        resolved = {k: (page.parent / v).resolve().relative_to(dist.resolve()).as_posix() for k, v in alternates.items()}
        assert resolved == expected, page
        assert [link for link in parse(page).iter("link") if link.get("rel") == "canonical"] == []


@pytest.mark.parametrize("edition", ["en", "zh-CN"])
def test_no_separator_is_printed_between_items(dist: Path, edition: str) -> None:
    """The dots between the outlet and its column are drawn by the stylesheet (hidden at a line's
    start), never printed where a line may end."""
    for page in (article_path(dist, edition), dist / edition / "index.html"):
        outlet = next(p for p in parse(page).iter("p") if "outlet" in classes(p))
        assert "·" not in text(outlet)
        downloads = [p for p in parse(page).iter("p") if classes(p) & {"downloads", "entry-files"}]
        assert downloads and all("·" not in text(p) for p in downloads)


# ---------------------------------------------------------------- PDF helpers


def pdf_path(dist: Path, edition: str) -> Path:
    return dist / edition / f"{SLUG}.pdf"


@cache
def pdf_text(path: Path, first: int | None = None, last: int | None = None) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"], capture_output=True, check=True).stdout.decode()


@cache
def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", "-enc", "UTF-8", str(path)], capture_output=True, check=True).stdout.decode()
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


@dataclass(frozen=True)
class Font:
    name: str
    emb: bool
    sub: bool


@cache
def pdf_fonts(path: Path) -> tuple[Font, ...]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True).stdout.decode()
    fonts = []
    for line in out.splitlines()[2:]:  # after the header and the dashes
        words = line.split()
        emb, sub, _uni = words[-5:-2]  # ... emb sub uni objnum gen
        fonts.append(Font(words[0], emb == "yes", sub == "yes"))
    return tuple(fonts)


def _squash(name: str) -> str:
    """A font name without its subset tag, spaces and hyphens, lower-cased: "notoserifcjksc"."""
    return re.sub(r"[\s_-]", "", name.split("+", 1)[-1]).lower()


def _cjk_ok(name: str) -> bool:
    """No Japanese (or Traditional, Korean) CJK face: Chinese glyph forms differ by region."""
    squashed = _squash(name)
    return "cjk" not in squashed or "cjksc" in squashed


def outline_titles(path: Path) -> list[tuple[str, int]]:
    """The outline's top level (the questions); each entry's children are checked by
    :func:`outline_children` (the bilingual edition's second language)."""
    reader = pypdf.PdfReader(path)
    items = [i for i in reader.outline if not isinstance(i, list)]
    return [(i.title, reader.get_destination_page_number(i)) for i in items]


def outline_children(path: Path) -> list[list[str]]:
    """The titles under each top-level entry of the outline (none: an empty list)."""
    reader = pypdf.PdfReader(path)
    out: list[list[str]] = []
    for item in reader.outline:
        if isinstance(item, list):
            assert out, "a nested level before any entry"
            assert all(not isinstance(i, list) for i in item), "two levels at most"
            out[-1] = [i.title for i in item]
        else:
            out.append([])
    return out


# ---------------------------------------------------------------- PDF


@needs_poppler
def test_pdf_text(dist: Path) -> None:
    zh_text = pdf_text(pdf_path(dist, "zh-CN"))
    assert "马军教授" in zh_text and "血液恶性肿瘤" in zh_text
    en_text = " ".join(pdf_text(pdf_path(dist, "en")).split())
    for words in ("Professor Ma Jun", "120 Years of Chinese Hematology", "Prof. Ma Jun:", "Expert Profile"):
        assert words in en_text, words
    assert not CJK.search(en_text)
    bilingual = pdf_text(pdf_path(dist, "bilingual"))
    assert "马军教授" in bilingual and "Prof. Ma Jun" in bilingual


@needs_poppler
@pytest.mark.parametrize("edition", EDITIONS)
def test_pdf_fonts(dist: Path, edition: str) -> None:
    fonts = pdf_fonts(pdf_path(dist, edition))
    assert fonts
    for f in fonts:
        assert f.emb and f.sub and re.match(r"^[A-Z]{6}\+", f.name), f  # every font embedded as a subset
        assert _cjk_ok(f.name), f"{f.name}: not a Simplified Chinese face"
    cjk = [f.name for f in fonts if "cjk" in _squash(f.name)]
    if edition == "en":
        assert cjk == []
    else:
        assert "notoserifcjksc" in {_squash(n) for n in cjk}, cjk


@needs_poppler
@pytest.mark.parametrize("edition", EDITIONS)
def test_pdf_outline(dist: Path, edition: str) -> None:
    titles = outline_titles(pdf_path(dist, edition))
    questions = en_questions()
    if edition == "zh-CN":
        expected = [f"{n:02d} {zh(q)}" for n, q in enumerate(questions, 1)]
    else:
        expected = [f"Q{n}: {q}" for n, q in enumerate(questions, 1)]
    assert [t for t, _ in titles] == [*expected, PROFILE[edition]]
    pages = [p for _, p in titles]
    assert pages == sorted(pages) and pages[0] >= 0
    # bookmarks in both languages: under each English entry of the bilingual edition, its Chinese one
    children = outline_children(pdf_path(dist, edition))
    if edition == "bilingual":
        zh_titles = [f"{n:02d} {zh(q)}" for n, q in enumerate(questions, 1)] + ["专家介绍"]
        assert children == [[t] for t in zh_titles]
    else:
        assert children == [[] for _ in titles]
    # shown on opening, and open
    reader = pypdf.PdfReader(pdf_path(dist, edition))
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    assert int(reader.trailer["/Root"]["/Outlines"].get("/Count", 0)) > 0


@needs_poppler
@pytest.mark.parametrize("edition", EDITIONS)
def test_pdf_metadata(dist: Path, edition: str) -> None:
    path = pdf_path(dist, edition)
    info = pdf_info(path)
    meta_ = pypdf.PdfReader(path).metadata
    assert meta_ is not None
    assert expected_title(edition) in info["Title"] == meta_.title
    assert info["Author"] == meta_.author == expected_outlet(edition)
    assert info["Subject"] and info["Subject"] == meta_.subject
    tags = meta(page(dist, edition), "article:tag")
    assert len(tags) == len(front_matter()["tags"])
    assert [t.strip() for t in info["Keywords"].split(",")] == tags
    assert info["Tagged"] == "yes"
    # dated by the article, not by the build: the same input gives the same bytes
    assert str(meta_.get("/CreationDate", "")).startswith("D:20250909")


@needs_poppler
@pytest.mark.parametrize("edition", EDITIONS)
def test_pdf_is_a4_and_tagged_with_its_language(dist: Path, edition: str) -> None:
    reader = pypdf.PdfReader(pdf_path(dist, edition))
    for p in reader.pages:
        assert (round(float(p.mediabox.width)), round(float(p.mediabox.height))) == (595, 842)
    assert "(A4)" in pdf_info(pdf_path(dist, edition))["Page size"]
    root = reader.trailer["/Root"]
    assert root["/Lang"] == LANG[edition]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root


@needs_poppler
@pytest.mark.parametrize("edition", EDITIONS)
def test_pdf_footer_and_running_header(dist: Path, edition: str) -> None:
    path = pdf_path(dist, edition)
    n = int(pdf_info(path)["Pages"])
    assert n == len(pypdf.PdfReader(path).pages) >= 2
    footer = (lambda i: f"第{i}页 共{n}页") if edition == "zh-CN" else (lambda i: f"Page {i} of {n}")
    lines = lambda i: [" ".join(line.split()) for line in pdf_text(path, i, i).splitlines()]  # noqa: E731
    assert footer(1) in lines(1)
    assert footer(2) in lines(2)
    assert footer(n) in lines(n)
    # the running header (the short title) from page 2 on, not on the first page
    short = expected_short_title(edition)
    assert short in lines(2)
    assert short not in lines(1)


@needs_poppler
def test_pdf_links_are_not_local_files(dist: Path) -> None:
    for edition in EDITIONS:
        reader = pypdf.PdfReader(pdf_path(dist, edition))
        for number, p in enumerate(reader.pages, 1):
            for annot in p.get("/Annots") or []:
                action = annot.get_object().get("/A") or {}
                uri = str(action.get("/URI", ""))
                assert not uri.lower().startswith("file:"), f"{edition} page {number}: link to {uri}"


# ---------------------------------------------------------------- reproducibility


def test_rebuild_is_byte_identical(builds: Builds, dist: Path) -> None:
    _require_ok(builds.result("again"), "the second build (--force)")
    again = builds.roots["again"] / "dist"
    files = sorted(p.relative_to(dist).as_posix() for p in dist.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again).as_posix() for p in again.rglob("*") if p.is_file())
    assert any(f.endswith(".pdf") for f in files) and any(f.endswith(".html") for f in files)
    different = [f for f in files if (dist / f).read_bytes() != (again / f).read_bytes()]
    assert different == []


# ---------------------------------------------------------------- issue 14: print at publication quality
# Measured on the real PDFs: poppler's layout (print_support), pypdf's glyph runs, pikepdf's
# structure tree and XMP (colloquy.pdfcheck).

MM = 72 / 25.4


@cache
def _layout(path: Path) -> list[print_support.Page]:
    return print_support.layout(path)


def _hyphen_breaks(pages: list[print_support.Page]) -> list[tuple[str, str]]:
    """(the fragment before the line's final hyphen, the first word of the next line in its column)."""
    breaks = []
    for page in pages:
        for column in (0, 1):
            body = (ln for ln in page.lines if ln.y_min >= TOP_MARGIN_PT - 1 and ln.y_max <= page.height - BOTTOM_MARGIN_PT + 1)
            lines = sorted((ln for ln in body if (ln.x_min >= page.width / 2) == bool(column)), key=lambda ln: ln.y_min)
            for line, after in itertools.pairwise(lines):
                if line.words and re.search(r"[A-Za-z][-\u2010]$", line.words[-1]) and after.words:
                    breaks.append((line.words[-1][:-1], after.words[0]))
    return breaks


@needs_poppler
@pytest.mark.parametrize("edition", ["en", "bilingual"])
def test_american_hyphenation_without_ladders(dist: Path, edition: str) -> None:
    """pyphen's en_US patterns (the text's language, en-US), at most two hyphenated lines in a row,
    the hyphen a U+002D that pdftotext joins back into the word."""
    import pyphen

    path = pdf_path(dist, edition)
    pages = _layout(path)
    ladders = print_support.hyphen_ladders(pages)
    assert ladders and max(ladders) <= 2, ladders
    american = pyphen.Pyphen(lang="en_US")
    plain = " ".join(pdf_text(path).split())
    assert "\u2010" not in plain
    breaks = _hyphen_breaks(pages)
    assert breaks
    for before, after in breaks:
        head = re.sub(r"^\W+", "", before)
        tail = re.match(r"[A-Za-z]+", after)
        assert tail is not None, (before, after)
        word = head + tail.group()
        # an American break point (British patterns give "Dia-gnosis", "investig-ators")
        assert len(head) in american.positions(word.lower()), f"{head}-{tail.group()}"
        if edition == "en":  # (two columns interleave in pdftotext's reading order)
            assert word in plain, word  # whole in the text layer


@needs_poppler
@pytest.mark.parametrize("edition", EDITIONS)
def test_no_break_inside_terms_ranges_names_and_after_honorifics(dist: Path, edition: str) -> None:
    source = (REPO / "articles" / SLUG / "article.md").read_text(encoding="utf-8")
    pages = _layout(pdf_path(dist, edition))
    for page in pages:
        for line in page.lines:
            if not line.words:
                continue
            last = line.words[-1]
            assert last not in ("Prof.", "Dr."), line.text
            assert not re.search(r"\d[%％]?[–—~～-]$", last), line.text  # a range: 10–12, 17%～24%
            assert not re.search(r"(?:CAR|TCR)-$|O[’']$", last), line.text
    for before, after in _hyphen_breaks(pages):  # a hyphenation, never a hyphenated term's own hyphen
        compound = re.sub(r"^\W+", "", before) + "-" + re.sub(r"\W+$", "", after)
        assert compound not in source, compound
    assert "\u2011" not in pdf_text(pdf_path(dist, edition)) and "\u00a0" not in pdf_text(pdf_path(dist, edition))


@needs_poppler
def test_dates_as_the_house_writes_them(dist: Path) -> None:
    """The event line: "September 10–14, 2025" / "2025年9月10日—14日", never broken, in the PDF's
    Subject and the page's description too; the Chinese line with Chinese separators."""
    cases = {"en": "Jinan, Shandong, September 10–14, 2025", "zh-CN": "山东济南，2025年9月10日—14日"}
    for edition, expected in cases.items():
        path = pdf_path(dist, edition)
        assert pdf_info(path)["Subject"].endswith(expected)
        assert meta(page(dist, edition), "description")[0].endswith(expected)
        date = expected.split("，")[-1] if edition == "zh-CN" else "September 10–14, 2025"
        assert any(date in "".join(line.words) or date in line.text for p in _layout(path) for line in p.lines), date
        assert "\u2009" not in pdf_text(path)
    zh_event = next(line.text for p in _layout(pdf_path(dist, "zh-CN")) for line in p.lines if "学术年会，" in line.text)
    assert "," not in zh_event


def _cjk_runs(path: Path) -> list[print_support.GlyphRun]:
    return [r for r in print_support.glyph_runs(path) if CJK.search(r.text)]


@needs_poppler
@pytest.mark.parametrize("edition", ["zh-CN", "bilingual"])
def test_every_cjk_glyph_in_the_editions_face(dist: Path, variant, edition: str) -> None:  # type: ignore[no-untyped-def]
    """Every label and mark in Noto Serif CJK SC (no JP, no Lisu fallback), the marker of an
    untranslated unit too; O’Connor's apostrophe in the Latin font."""
    _strict, _lenient, variant_dist = variant
    for path in (pdf_path(dist, edition), pdf_path(variant_dist, edition)):
        runs = print_support.glyph_runs(path)
        for run in runs:
            if CJK.search(run.text) or re.search("[《》【】：，。、（）]", run.text):
                assert "CJK-SC" in run.font or "CJKSC" in _squash(run.font).upper(), (run.font, run.text[:20])
        apostrophes = [r for r in runs if "O’Connor" in r.text or r.text == "’"]
        assert apostrophes and all("CJK" not in r.font for r in apostrophes), [(r.font, r.text) for r in apostrophes]


@needs_poppler
def test_cjk_marks_compressed(dist: Path) -> None:
    """》：: the first mark in half its width (OpenType halt), so that the label "《肿瘤瞭望》：" is
    6.5 em wide, not 7 (a double gap); a plain 《》 pair keeps its width."""
    widths = print_support.run_widths(pdf_path(dist, "zh-CN"), "《肿瘤瞭望》：")
    assert widths and all(6.4 < w < 6.6 for w in widths), widths


@needs_poppler
def test_bilingual_rows_split_and_pages_are_full(dist: Path) -> None:
    """Long rows split across pages with both columns continuing: no page of the bilingual edition
    is left a fifth empty (20–70 % were, with rows kept whole)."""
    pages = _layout(pdf_path(dist, "bilingual"))
    fractions = print_support.empty_fractions(pages, TOP_MARGIN_PT, BOTTOM_MARGIN_PT)
    assert max(fractions) < 0.2, [round(f, 2) for f in fractions]
    # a row split: some page starts with both columns continuing a paragraph (no heading or label first)
    assert len(pages) <= 7


@needs_poppler
@pytest.mark.parametrize("edition", EDITIONS)
def test_last_page_holds_more_than_the_footer(dist: Path, edition: str) -> None:
    last = _layout(pdf_path(dist, edition))[-1]
    body = [ln.text for ln in last.lines if ln.y_min >= TOP_MARGIN_PT - 1 and ln.y_max <= last.height - BOTTOM_MARGIN_PT + 1]
    tags_and_copyright = [t for t in body if t.startswith(("Tags:", "标签：")) or "版权所有" in t]
    assert len(body) > len(tags_and_copyright) + 2, body


TOP_MARGIN_PT = 22 * MM
BOTTOM_MARGIN_PT = 22 * MM


@needs_poppler
@pytest.mark.parametrize("edition", EDITIONS)
def test_pdf_ua_matterhorn_checks(dist: Path, variant, edition: str) -> None:  # type: ignore[no-untyped-def]
    """No failure of the Matterhorn checkpoints docs/print.md lists, on the seed and on the
    variant with an untranslated unit; the PDF/UA identifier in the XMP metadata."""
    from colloquy import pdfcheck

    _strict, _lenient, variant_dist = variant
    for path in (pdf_path(dist, edition), pdf_path(variant_dist, edition)):
        assert [str(f) for f in pdfcheck.check(path)] == []
    import pikepdf

    with pikepdf.open(pdf_path(dist, edition)) as pdf:
        xmp = bytes(pdf.Root.Metadata.read_bytes())
        assert b'pdfuaid:part="1"' in xmp or b"<pdfuaid:part>1</pdfuaid:part>" in xmp
        assert pdf.pdf_version == "1.7"


@needs_poppler
@pytest.mark.parametrize("edition", EDITIONS)
def test_pdf_structure_headings_and_languages(dist: Path, variant, edition: str) -> None:  # type: ignore[no-untyped-def]
    """The title an H1 in each language (the Chinese one tagged zh-CN), the questions H2 in both
    columns, no heading inside a heading; an untranslated unit of the Chinese edition tagged en-US."""
    from colloquy import pdfcheck

    tree, contents, lang = pdfcheck.structure(pdf_path(dist, edition))
    assert tree is not None and lang == LANG[edition]

    def texts(el: pdfcheck.Element) -> str:
        return "".join(pdfcheck.element_text(e, contents) for e in el.walk())

    elements = list(tree.walk())
    h1 = [e for e in elements if e.kind == "H1"]
    assert len(h1) == (2 if edition == "bilingual" else 1)
    if edition == "bilingual":
        assert h1[1].effective_lang(lang) == "zh-CN" and CJK.search(texts(h1[1]))
        assert [e.effective_lang(lang) for e in elements if e.kind == "H2" and "专家介绍" in texts(e)] == ["zh-CN"]
    h2 = [texts(e) for e in elements if e.kind == "H2"]
    assert len(h2) == (8 if edition == "bilingual" else 4)
    assert not [e for e in elements if re.match(r"H\d", e.kind) and e.parent is not None and re.match(r"H\d", e.parent.kind)]
    _strict, _lenient, variant_dist = variant
    if edition == "zh-CN":
        vtree, vcontents, vlang = pdfcheck.structure(pdf_path(variant_dist, edition))
        assert vtree is not None
        untranslated = [e for e in vtree.walk() if e.kind == "P" and UNTRANSLATED[:30] in "".join(pdfcheck.element_text(x, vcontents) for x in e.walk())]
        assert untranslated and all(e.effective_lang(vlang) == "en-US" for e in untranslated)
