"""The DOCX writer on real files: written to tmp_path, re-opened with python-docx, their XML read with lxml."""

from __future__ import annotations

import datetime as dt
import re
import statistics
import string
import struct
import time
import zipfile
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Mm
from lxml import etree

from colloquy.diagnostics import Report
from colloquy.house import Script
from colloquy.i18n import ui as L
from colloquy.i18n.localise import localise
from colloquy.i18n.pofile import load_catalog
from colloquy.i18n.ui import Ui, load_ui, untranslated_marker
from colloquy.markup import plain_text
from colloquy.model import Article, Image, Text
from colloquy.project import Project
from colloquy.typography import TYPOGRAPHY
from colloquy.walk import map_texts
from colloquy.writers import docx as W
from colloquy.writers.edition import EditionDoc, Row, make_edition
from conftest import REPO, SEED_ARTICLE, read, write_article

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
}
W_NS = f"{{{NS['w']}}}"
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
SEED_DIR = SEED_ARTICLE.parent
THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def w(name: str) -> str:
    return W_NS + name


def xml(path: Path, member: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(member))


def text_of(el: etree._Element) -> str:
    """The text as Word shows it: a ``w:noBreakHyphen`` is a hyphen."""
    return "".join("-" if e.tag == w("noBreakHyphen") else (e.text or "") if e.tag in (w("t"), w("instrText")) else "" for e in el.iter())


def body_paragraphs(path: Path) -> list[etree._Element]:
    return xml(path, "word/document.xml").findall(".//w:body//w:p", NS)


class _StyleIds(dict[str, str]):
    """style name → style id; a style the document does not use is not in its styles part (it is
    pruned), and would have python-docx's id: the name without spaces."""

    def __missing__(self, name: str) -> str:
        return name.replace(" ", "")


def style_ids(path: Path) -> dict[str, str]:
    """style name → style id."""
    return _StyleIds({s.find("w:name", NS).get(w("val")): s.get(w("styleId")) for s in xml(path, "word/styles.xml").findall("w:style", NS)})


def pstyle(p: etree._Element) -> str | None:
    el = p.find("w:pPr/w:pStyle", NS)
    return None if el is None else el.get(w("val"))


# ---------------------------------------------------------------- fixtures


@dataclass(frozen=True)
class Seed:
    project: Project
    source: Article
    localised: dict[str, Article]
    uis: dict[str, Ui]

    def edition(self, edition: str) -> EditionDoc:
        return make_edition(self.project.edition(edition), self.source, self.localised, self.uis)


@pytest.fixture(scope="module")
def seed() -> Seed:
    project = Project.load(REPO)
    report = Report()
    article = read(SEED_ARTICLE)
    catalog = load_catalog(project.catalog_path("zh_CN", article.meta.slug), report, "zh_CN")
    zh, _ = localise(article, catalog, "zh_CN")
    en, _ = localise(article, None, "en")
    uis = {loc.name: load_ui(project.locales_dir, loc, report) for loc in project.locales}
    return Seed(project, article, {"en": en, "zh_CN": zh}, uis)


@pytest.fixture(scope="module")
def written(seed: Seed, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed written once per edition (re-used by the read-only tests)."""
    folder = tmp_path_factory.mktemp("docx")
    out = {}
    for edition in ("en", "zh-CN", "bilingual"):
        out[edition] = folder / f"{edition}.docx"
        W.write_docx(seed.edition(edition), out[edition], article_dir=SEED_DIR)
    return out


def tiny_png(width: int, height: int) -> bytes:
    """A valid RGB PNG of one colour, made with zlib and struct."""
    raw = b"".join(b"\x00" + b"\x9b\x1b\x30" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


SMALL_BODY = """\
::: editors-note
A note from the editors.
:::

See [the meeting site](https://www.csco.org.cn/) for H~2~O, m^2^, *emphasis* and `code`.

## A question

@OF: What is *new*?

@MJ: Three things:

1. First **point**
   - nested remark
2. Second point

Then:

3. Third point
4. Fourth point

![A red bar chart](chart.png "Figure 1. A chart")

> A quoted remark.

@MJ:
A turn whose label stands on its own line.

::: profile MJ
Professor Ma Jun

- Director
- Professor
:::
"""


@pytest.fixture
def small(tmp_path: Path, seed: Seed) -> tuple[Article, Path, dict[str, Ui]]:
    """A small article with a link, inline markup, two ordered lists, an image, a quote and a profile."""
    path = write_article(tmp_path, {"tags": ["test", "links"]}, SMALL_BODY)
    (path.parent / "chart.png").write_bytes(tiny_png(40, 20))
    return read(path), path.parent, seed.uis


def small_edition(small: tuple[Article, Path, dict[str, Ui]], edition: str) -> EditionDoc:
    article, _folder, uis = small
    en, _ = localise(article, None, "en")
    zh, _ = localise(article, None, "zh_CN")  # no catalog: every text missing
    return make_edition(Project.load(REPO).edition(edition), article, {"en": en, "zh_CN": zh}, uis)


# ---------------------------------------------------------------- styles and fonts


def test_styles_exist_with_their_types(written: dict[str, Path]) -> None:
    document = docx.Document(str(written["zh-CN"]))
    styles = {s.name: s for s in document.styles}
    paragraph_styles = [W.TITLE, W.SUBTITLE, W.META, W.QUESTION_NUMBER, W.QUESTION, W.BODY, W.QUESTION_TEXT, W.ANSWER, W.LIST_BULLET]
    paragraph_styles += [W.LIST_NUMBER, W.PROFILE, W.PROFILE_HEADING]  # the seed has no quote and no caption
    for name in paragraph_styles:
        assert styles[name].type == WD_STYLE_TYPE.PARAGRAPH, name
    assert styles[W.SPEAKER_LABEL].type == WD_STYLE_TYPE.CHARACTER
    question = styles[W.QUESTION]
    assert question.base_style.name == "Heading 2"
    assert question.element.find("w:pPr/w:outlineLvl", NS).get(w("val")) == "1"
    label = styles[W.SPEAKER_LABEL]
    assert label.font.bold is True
    assert str(label.font.color.rgb) == TYPOGRAPHY.accent
    assert styles[W.BODY].font.size.pt == TYPOGRAPHY.body_pt
    assert styles[W.TITLE].font.size.pt == TYPOGRAPHY.title_pt


def test_character_styles_of_the_small_article(small: tuple[Article, Path, dict[str, Ui]], tmp_path: Path) -> None:
    _article, folder, _uis = small
    out = tmp_path / "small-bilingual.docx"
    W.write_docx(small_edition(small, "bilingual"), out, article_dir=folder)
    styles = {s.name: s for s in docx.Document(str(out)).styles}
    for name in (W.SPEAKER_LABEL, W.UNTRANSLATED, W.HYPERLINK, W.CODE):
        assert styles[name].type == WD_STYLE_TYPE.CHARACTER, name
    for name in (W.QUOTE, W.CAPTION, W.FIGURE):
        assert styles[name].type == WD_STYLE_TYPE.PARAGRAPH, name
    shading = styles[W.UNTRANSLATED].element.find("w:rPr/w:shd", NS)
    assert shading.get(w("fill")) == TYPOGRAPHY.highlight


@pytest.mark.parametrize("edition", ["en", "zh-CN", "bilingual"])
def test_styles_part_holds_only_what_the_document_uses(written: dict[str, Path], edition: str) -> None:
    """python-docx's template brings ~200 styles and the latent style list (353 KB): only the styles
    the document references (and their bases, links, next styles) and the defaults remain."""
    path = written[edition]
    with zipfile.ZipFile(path) as z:
        raw = z.read("word/styles.xml")
        referenced: set[str] = set()
        for name in z.namelist():
            if name.startswith("word/") and name.endswith(".xml") and name != "word/styles.xml":
                root = etree.fromstring(z.read(name))
                for tag in ("pStyle", "rStyle", "tblStyle"):
                    referenced |= {el.get(w("val")) for el in root.iter(w(tag))}
    assert len(raw) < 40_000, len(raw)
    styles = etree.fromstring(raw)
    assert styles.find("w:latentStyles", NS) is None
    by_id = {s.get(w("styleId")): s for s in styles.findall("w:style", NS)}
    assert referenced <= set(by_id)
    needed = set(referenced) | {i for i, s in by_id.items() if s.get(w("default")) == "1"}
    for sid in list(needed):
        while sid in by_id:
            for tag in ("link", "next"):
                ref = by_id[sid].find(f"w:{tag}", NS)
                if ref is not None:
                    needed.add(ref.get(w("val")))
            base = by_id[sid].find("w:basedOn", NS)
            sid = base.get(w("val")) if base is not None else None
            if sid is not None:
                needed.add(sid)
    assert set(by_id) == needed, sorted(set(by_id) - needed)
    for style in by_id.values():  # no automatic CJK–Latin gap, on every paragraph style
        if style.get(w("type")) == "paragraph":
            assert style.find("w:pPr/w:autoSpaceDE", NS).get(w("val")) == "0", style.get(w("styleId"))
            assert style.find("w:pPr/w:autoSpaceDN", NS).get(w("val")) == "0", style.get(w("styleId"))


def test_paragraphs_use_the_styles(written: dict[str, Path]) -> None:
    ids = style_ids(written["zh-CN"])
    used = {pstyle(p) for p in body_paragraphs(written["zh-CN"])}
    for name in (W.TITLE, W.META, W.BODY, W.QUESTION_NUMBER, W.QUESTION, W.QUESTION_TEXT, W.ANSWER, W.LIST_NUMBER, W.LIST_BULLET):
        assert ids[name] in used, name
    for name in (W.PROFILE_HEADING, W.PROFILE_NAME, W.COPYRIGHT):  # the seed's profile is its name line and a list of positions
        assert ids[name] in used, name
    assert None not in used  # no paragraph left in "Normal"


@pytest.mark.parametrize("edition", ["en", "zh-CN", "bilingual"])
def test_body_runs_carry_only_style_references_and_language(written: dict[str, Path], edition: str) -> None:
    root = xml(written[edition], "word/document.xml")
    runs = root.findall(".//w:body//w:r", NS)
    assert len(runs) > 50
    for run in runs:
        rpr = run.find("w:rPr", NS)
        if rpr is not None:
            assert {etree.QName(c).localname for c in rpr} <= {"rStyle", "rFonts", "lang"}, etree.tostring(run, encoding="unicode")
            rfonts = rpr.find("w:rFonts", NS)  # only a font hint on a quotation mark, never a font
            assert rfonts is None or (set(rfonts.attrib) == {w("hint")} and set(text_of(run)) <= set("“”‘’")), etree.tostring(run, encoding="unicode")


def test_east_asian_fonts_on_defaults_and_every_colloquy_style(written: dict[str, Path]) -> None:
    styles = xml(written["zh-CN"], "word/styles.xml")
    t = TYPOGRAPHY.word_fonts  # fonts Word users have, not the PDFs' Noto
    default = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert default.get(w("ascii")) == default.get(w("hAnsi")) == t[Script.LATIN].body.primary == "Times New Roman"
    assert default.get(w("eastAsia")) == t[Script.SIMPLIFIED].body.primary == "SimSun"
    assert "Noto" not in zipfile.ZipFile(written["zh-CN"]).read("word/styles.xml").decode()
    colloquy = [s for s in styles.findall("w:style", NS) if s.find("w:name", NS).get(w("val")).startswith("Colloquy")]
    assert len(colloquy) >= 15
    for style in colloquy:
        name = style.find("w:name", NS).get(w("val"))
        rfonts = style.find("w:rPr/w:rFonts", NS)
        if name in W.INHERIT_FONTS:  # highlight / raise only: the paragraph's fonts show through
            assert rfonts is None, name
            continue
        assert rfonts is not None, name
        assert rfonts.get(w("eastAsia")) in (t[Script.SIMPLIFIED].body.primary, t[Script.SIMPLIFIED].heading.primary), name
        assert rfonts.get(w("ascii")) and rfonts.get(w("hAnsi")), name
    by_name = {s.find("w:name", NS).get(w("val")): s for s in colloquy}
    assert by_name[W.QUESTION].find("w:rPr/w:rFonts", NS).get(w("eastAsia")) == t[Script.SIMPLIFIED].heading.primary == "Microsoft YaHei"
    assert by_name[W.ANSWER].find("w:rPr/w:rFonts", NS).get(w("eastAsia")) == t[Script.SIMPLIFIED].body.primary


def test_no_theme_fonts_and_no_template_leftovers(written: dict[str, Path]) -> None:
    path = written["zh-CN"]
    styles = xml(path, "word/styles.xml")
    for el in styles.iter():
        for attr in THEME_ATTRS:
            assert w(attr) not in el.attrib, etree.tostring(el, encoding="unicode")
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        core = z.read("docProps/core.xml").decode()
    assert "word/stylesWithEffects.xml" not in names
    assert "docProps/thumbnail.jpeg" not in names
    assert "docProps/app.xml" not in names
    assert not any(n.startswith("customXml/") for n in names)
    assert "python-docx" not in core


@pytest.mark.parametrize(("edition", "val"), [("en", "en-US"), ("zh-CN", "zh-CN"), ("bilingual", "en-US")])
def test_theme_font_language_and_default_language(written: dict[str, Path], edition: str, val: str) -> None:
    settings = xml(written[edition], "word/settings.xml")
    tfl = settings.find("w:themeFontLang", NS)
    assert tfl.get(w("eastAsia")) == "zh-CN"
    assert tfl.get(w("val")) == val
    assert settings.find("w:proofState", NS) is None
    lang = xml(written[edition], "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang.get(w("val")) == val
    assert lang.get(w("eastAsia")) == "zh-CN"


def test_page_is_a4_with_the_typography_margins(written: dict[str, Path]) -> None:
    section = docx.Document(str(written["en"])).sections[0]
    top, right, bottom, left = TYPOGRAPHY.margin_mm
    # stored in twips: compare in twips
    assert (section.page_width.twips, section.page_height.twips) == (Mm(210).twips, Mm(297).twips)
    margins = (section.top_margin, section.right_margin, section.bottom_margin, section.left_margin)
    assert [m.twips for m in margins] == [Mm(x).twips for x in (top, right, bottom, left)]


# ---------------------------------------------------------------- header, footer, core properties


@pytest.mark.parametrize("edition", ["en", "zh-CN"])
def test_header_short_title_and_localised_page_x_of_y(written: dict[str, Path], seed: Seed, edition: str) -> None:
    doc = seed.edition(edition)
    section = docx.Document(str(written[edition])).sections[0]
    assert section.header.paragraphs[0].text == plain_text(doc.head.short_title.source)
    footer = xml(written[edition], "word/footer1.xml")
    instructions = [el.text.strip() for el in footer.iter(w("instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert [el.get(w("fldCharType")) for el in footer.iter(w("fldChar"))] == ["begin", "separate", "end"] * 2
    pattern = doc.uis[0].gettext(L.PAGE_X_OF_Y)
    literals = [lit for lit, *_ in string.Formatter().parse(pattern) if lit]
    texts = [el.text for el in footer.iter(w("t"))]
    assert [t for t in texts if t != "1"] == literals  # "1": the fields' placeholder results
    # the page field stands where {page} stands in the translation
    order = [("field" if el.tag == w("instrText") else el.text) for el in footer.iter(w("instrText"), w("t")) if el.text != "1"]
    assert order == [part for lit, name, *_ in string.Formatter().parse(pattern) for part in ([lit] if lit else []) + (["field"] if name else [])]


@pytest.mark.parametrize("edition", ["en", "zh-CN", "bilingual"])
def test_core_properties(written: dict[str, Path], seed: Seed, edition: str) -> None:
    doc = seed.edition(edition)
    head = doc.head
    cp = docx.Document(str(written[edition])).core_properties
    outlet = plain_text(head.outlet.source)
    assert cp.title == plain_text(head.title.source)
    assert cp.author == outlet
    assert cp.last_modified_by == outlet
    assert cp.subject == head.event_line
    assert cp.keywords == ", ".join(plain_text(t.source) for t in head.tags)
    assert cp.language == ("en-US" if edition in ("en", "bilingual") else edition)
    published = dt.datetime(2025, 9, 9, tzinfo=dt.UTC)
    assert cp.created == published.replace(tzinfo=None) or cp.created == published
    assert cp.modified == cp.created
    assert cp.revision == 1
    assert (cp.comments, cp.category, cp.content_status, cp.identifier, cp.version) == ("", "", "", "", "")
    assert cp.last_printed is None


# ---------------------------------------------------------------- structure


def test_chinese_edition_body(written: dict[str, Path], seed: Seed) -> None:
    path = written["zh-CN"]
    ids = style_ids(path)
    paragraphs = body_paragraphs(path)
    body_text = "\n".join(text_of(p) for p in paragraphs)
    assert len(CJK_RE.findall(body_text)) > 2000
    zh = seed.localised["zh_CN"]
    assert plain_text(zh.meta.title.source) in body_text
    # "01" on its own line above the heading
    doc = seed.edition("zh-CN")
    first_q = doc.questions[0].cells[0]
    styles = [pstyle(p) for p in paragraphs]
    i = styles.index(ids[W.QUESTION_NUMBER])
    assert text_of(paragraphs[i]) == first_q.number
    assert styles[i + 1] == ids[W.QUESTION]
    assert text_of(paragraphs[i + 1]) == first_q.heading
    assert styles.count(ids[W.QUESTION]) == 3
    # the speaker label: a run in the label style at the start of the turn's first paragraph
    label_runs = [p.find("w:r", NS) for p in paragraphs if pstyle(p) in (ids[W.ANSWER], ids[W.QUESTION_TEXT])]
    labelled = [r for r in label_runs if r.find("w:rPr/w:rStyle", NS) is not None]
    assert labelled and all(r.find("w:rPr/w:rStyle", NS).get(w("val")) == ids[W.SPEAKER_LABEL] for r in labelled)
    assert len(labelled) == 6
    # byline and copyright of the Chinese house style
    assert doc.head.byline in body_text
    assert doc.head.copyright in body_text


def test_english_question_is_one_heading(written: dict[str, Path], seed: Seed) -> None:
    ids = style_ids(written["en"])
    headings = [text_of(p) for p in body_paragraphs(written["en"]) if pstyle(p) == ids[W.QUESTION]]
    assert headings == [r.cells[0].heading for r in seed.edition("en").questions]
    assert headings[0].startswith("Q1: ")
    assert ids[W.QUESTION_NUMBER] not in {pstyle(p) for p in body_paragraphs(written["en"])}


def test_ordered_list_uses_word_numbering(written: dict[str, Path]) -> None:
    path = written["en"]
    ids = style_ids(path)
    items = [p for p in body_paragraphs(path) if pstyle(p) == ids[W.LIST_NUMBER]]
    assert len(items) == 3
    num_ids = {p.find("w:pPr/w:numPr/w:numId", NS).get(w("val")) for p in items}
    assert len(num_ids) == 1
    numbering = xml(path, "word/numbering.xml")
    num = numbering.find(f"w:num[@w:numId='{num_ids.pop()}']", NS)
    assert num.find("w:lvlOverride/w:startOverride", NS).get(w("val")) == "1"
    abstract_id = num.find("w:abstractNumId", NS).get(w("val"))
    abstract = numbering.find(f"w:abstractNum[@w:abstractNumId='{abstract_id}']", NS)
    assert abstract.find("w:lvl[@w:ilvl='0']/w:numFmt", NS).get(w("val")) == "decimal"
    # abstract numbering definitions precede the nums, as the schema requires
    tags = [etree.QName(c).localname for c in numbering]
    assert tags.index("num") > max(i for i, t in enumerate(tags) if t == "abstractNum")


# ---------------------------------------------------------------- bilingual


def test_bilingual_table(written: dict[str, Path], seed: Seed) -> None:
    path = written["bilingual"]
    doc = seed.edition("bilingual")
    document = docx.Document(str(path))
    assert len(document.tables) == 2  # the mastheads side by side, then the rows
    table = document.tables[1]
    assert len(table.columns) == 2
    assert len(table.rows) == len(doc.rows) + 1
    assert [c.text for c in table.rows[0].cells] == [ui.gettext(L.LANGUAGE_NAME) for ui in doc.uis]
    tbl = table._tbl
    rows = tbl.findall(w("tr"))
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert rows[0].find("w:trPr/w:cantSplit", NS) is not None
    # short rows kept whole; a long row may split across pages, both columns continuing
    kept = [r.find("w:trPr/w:cantSplit", NS) is not None for r in rows[1:]]
    assert kept == [row.keep for row in doc.rows]
    assert not all(kept) and any(kept)
    assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rows[1:])
    assert tbl.find("w:tblPr/w:tblLayout", NS).get(w("type")) == "fixed"
    assert tbl.find("w:tblPr/w:tblW", NS).get(w("type")) == "dxa"
    widths = {g.get(w("w")) for g in tbl.findall("w:tblGrid/w:gridCol", NS)}
    assert len(widths) == 1
    # both languages in the same row; the translation's runs tagged zh-CN
    first_para = next(i for i, r in enumerate(doc.rows) if r.kind == "paragraph")
    en_cell, zh_cell = rows[first_para + 1].findall(w("tc"))
    assert "Annual Meeting" in text_of(en_cell) and not CJK_RE.search(text_of(en_cell))
    assert CJK_RE.search(text_of(zh_cell))
    zh_langs = {r.find("w:rPr/w:lang", NS).get(w("val")) for r in zh_cell.iter(w("r"))}
    assert zh_langs == {"zh-CN"}
    assert all(r.find("w:rPr/w:lang", NS) is None for r in en_cell.iter(w("r")))
    # the masthead above the table shows both titles
    masthead = document.tables[0]
    assert len(masthead.rows) == 1 and len(masthead.columns) == 2
    before_table = "\n".join(c.text for c in masthead.rows[0].cells)
    for article in doc.articles:
        assert plain_text(article.meta.title.source) in before_table


# ---------------------------------------------------------------- untranslated texts


def test_untranslated_texts_are_marked(tmp_path: Path, seed: Seed) -> None:
    zh, missing = localise(seed.source, None, "zh_CN")
    assert missing
    doc = make_edition(seed.project.edition("zh-CN"), seed.source, {"en": seed.localised["en"], "zh_CN": zh}, seed.uis)
    out = tmp_path / "untranslated.docx"
    W.write_docx(doc, out, article_dir=SEED_DIR)
    ids = style_ids(out)
    marker = untranslated_marker(seed.uis["zh_CN"])
    paragraphs = body_paragraphs(out)
    answers = [p for p in paragraphs if pstyle(p) == ids[W.ANSWER]]
    assert answers
    for p in answers:
        runs = p.findall("w:r", NS)
        texts = [text_of(r) for r in runs]
        start = 1 if runs[0].find("w:rPr/w:rStyle", NS).get(w("val")) == ids[W.SPEAKER_LABEL] else 0
        assert texts[start] == marker
        for r in runs[start:]:
            assert r.find("w:rPr/w:rStyle", NS).get(w("val")) == ids[W.UNTRANSLATED]
        # the English shown instead is tagged English, never silently Chinese
        assert {r.find("w:rPr/w:lang", NS).get(w("val")) for r in runs[start + 1 :]} == {"en-US"}
    (title,) = [p for p in paragraphs if pstyle(p) == ids[W.TITLE]]
    assert text_of(title).startswith(marker)


# ---------------------------------------------------------------- links, images, lists, inline markup


def test_small_article_hyperlink_image_and_lists(small: tuple[Article, Path, dict[str, Ui]], tmp_path: Path) -> None:
    _article, folder, _uis = small
    out = tmp_path / "small.docx"
    W.write_docx(small_edition(small, "en"), out, article_dir=folder)
    document = docx.Document(str(out))
    root = xml(out, "word/document.xml")
    ids = style_ids(out)
    # a real hyperlink: w:hyperlink → external relationship, runs in the Hyperlink style
    link = root.find(".//w:hyperlink", NS)
    assert link is not None
    rid = link.get(f"{{{NS['r']}}}id")
    rel = document.part.rels[rid]
    assert rel.is_external and rel.target_ref == "https://www.csco.org.cn/"
    assert rel.reltype.endswith("/hyperlink")
    assert text_of(link) == "the meeting site"
    assert link.find("w:r/w:rPr/w:rStyle", NS).get(w("val")) == ids[W.HYPERLINK]
    # the image: embedded, alt text in docPr, caption below
    doc_pr = root.find(".//wp:docPr", NS)
    assert doc_pr.get("descr") == "A red bar chart"
    assert doc_pr.get("title") == "A red bar chart"
    assert len(document.inline_shapes) == 1
    paragraphs = body_paragraphs(out)
    fig = next(i for i, p in enumerate(paragraphs) if p.find(".//w:drawing", NS) is not None)
    assert pstyle(paragraphs[fig]) == ids[W.FIGURE]
    assert pstyle(paragraphs[fig + 1]) == ids[W.CAPTION]
    assert text_of(paragraphs[fig + 1]) == "Figure 1. A chart"
    # two ordered lists: each its own w:num, the second restarting at 3
    numbered = [p for p in paragraphs if pstyle(p) == ids[W.LIST_NUMBER]]
    assert [text_of(p) for p in numbered] == ["First point", "Second point", "Third point", "Fourth point"]
    num_ids = [p.find("w:pPr/w:numPr/w:numId", NS).get(w("val")) for p in numbered]
    assert num_ids[0] == num_ids[1] != num_ids[2] == num_ids[3]
    numbering = xml(out, "word/numbering.xml")
    starts = [numbering.find(f"w:num[@w:numId='{n}']/w:lvlOverride/w:startOverride", NS).get(w("val")) for n in (num_ids[0], num_ids[2])]
    assert starts == ["1", "3"]
    bullets = [p for p in paragraphs if pstyle(p) == ids[W.LIST_BULLET]]
    assert [text_of(p) for p in bullets] == ["nested remark", "Director", "Professor"]
    assert bullets[0].find("w:pPr/w:numPr/w:ilvl", NS).get(w("val")) == "1"  # nested one level down
    assert bullets[1].find("w:pPr/w:numPr/w:ilvl", NS).get(w("val")) == "0"
    # the editor's note: its label from the ui catalog run into its first paragraph, in the note style
    note = next(p for p in paragraphs if pstyle(p) == ids[W.NOTE])
    runs = note.findall("w:r", NS)
    assert (text_of(runs[0]), runs[0].find("w:rPr/w:rStyle", NS).get(w("val"))) == ("Editor's Note: ", ids[W.SPEAKER_LABEL])
    assert text_of(note) == "Editor's Note: A note from the editors."
    assert not [p for p in paragraphs if pstyle(p) == ids[W.NOTE_HEADING]]
    assert pstyle(next(p for p in paragraphs if text_of(p) == "A quoted remark.")) == ids[W.QUOTE]
    # a label on its own line: a paragraph holding only the label run
    own = next(p for p in paragraphs if text_of(p) == "Prof. Ma Jun:")
    assert [r.find("w:rPr/w:rStyle", NS).get(w("val")) for r in own.findall("w:r", NS)] == [ids[W.SPEAKER_LABEL]]
    assert own.find("w:pPr/w:keepNext", NS) is not None


def test_inline_markup(small: tuple[Article, Path, dict[str, Ui]], tmp_path: Path) -> None:
    _article, folder, _uis = small
    out = tmp_path / "inline.docx"
    W.write_docx(small_edition(small, "en"), out, article_dir=folder)
    ids = style_ids(out)
    runs = list(xml(out, "word/document.xml").iter(w("r")))

    def styles_of(text: str) -> list[str]:
        return [r.find("w:rPr/w:rStyle", NS).get(w("val")) for r in runs if text_of(r) == text]

    assert styles_of("emphasis") == [ids[W.EMPHASIS]]
    assert styles_of("code") == [ids[W.CODE]]
    assert styles_of("point") == [ids[W.STRONG]]
    assert styles_of("new") == [ids[W.EMPHASIS]]
    assert styles_of("2") == [ids[W.SUBSCRIPT], ids[W.SUPERSCRIPT]]  # H~2~O, m^2^
    styles = xml(out, "word/styles.xml")
    for name, val in ((W.SUPERSCRIPT, "superscript"), (W.SUBSCRIPT, "subscript")):
        st = styles.find(f"w:style[@w:styleId='{ids[name]}']", NS)
        assert st.find("w:rPr/w:vertAlign", NS).get(w("val")) == val
    emphasis = styles.find(f"w:style[@w:styleId='{ids[W.EMPHASIS]}']", NS)
    assert emphasis.find("w:rPr/w:i", NS) is not None


def test_disallowed_link_is_plain_text(small: tuple[Article, Path, dict[str, Ui]], tmp_path: Path) -> None:
    article, folder, uis = small

    def unsafe(text: Text) -> Text:
        return text.with_source(text.source.replace("https://www.csco.org.cn/", "ftp://example.org/csco"))  # markdown-it parses it; link_problem refuses it

    bad = map_texts(article, unsafe)
    doc = make_edition(Project.load(REPO).edition("en"), bad, {"en": bad, "zh_CN": bad}, uis)
    out = tmp_path / "bad-link.docx"
    W.write_docx(doc, out, article_dir=folder)
    root = xml(out, "word/document.xml")
    assert root.find(".//w:hyperlink", NS) is None
    assert "See the meeting site for" in "".join(text_of(p) for p in root.iter(w("p")))
    assert "ftp:" not in zipfile.ZipFile(out).read("word/_rels/document.xml.rels").decode()


def test_bilingual_small_article_marks_every_untranslated_cell(small: tuple[Article, Path, dict[str, Ui]], tmp_path: Path) -> None:
    _article, folder, uis = small
    out = tmp_path / "small-bilingual.docx"
    W.write_docx(small_edition(small, "bilingual"), out, article_dir=folder)
    ids = style_ids(out)
    marker = untranslated_marker(uis["zh_CN"])
    rows = xml(out, "word/document.xml").findall("w:body/w:tbl", NS)[-1].findall("w:tr", NS)
    for tr in rows[1:]:
        _en, zh = tr.findall(w("tc"))
        if zh.find(".//w:drawing", NS) is not None:  # the image's alt text is marked in docPr
            assert zh.find(".//wp:docPr", NS).get("descr").startswith(marker)
            continue
        for p in zh.findall(w("p")):
            styles = [r.find("w:rPr/w:rStyle", NS) for r in p.findall("w:r", NS)]
            used = {s.get(w("val")) for s in styles if s is not None}
            if pstyle(p) in (ids[W.PROFILE_HEADING], ids[W.PROFILE_NAME], ids[W.NOTE_HEADING], ids[W.QUESTION_NUMBER]) or (used and used <= {ids[W.SPEAKER_LABEL]}):
                continue  # ui labels and speaker names are not marked
            assert ids[W.UNTRANSLATED] in used, text_of(p)
            assert marker in text_of(p)


# ---------------------------------------------------------------- images outside the article folder


def test_image_path_must_stay_inside_the_article_folder(tmp_path: Path) -> None:
    folder = tmp_path / "article"
    folder.mkdir()
    (tmp_path / "secret.png").write_bytes(tiny_png(2, 2))
    (folder / "link.png").symlink_to(tmp_path / "secret.png")
    for src in ("../secret.png", "/etc/passwd", "link.png", "C:/x.png", "", ".", "a/../../secret.png", "..\\secret.png"):
        with pytest.raises(ValueError):
            W.image_path(folder, src)
    (folder / "ok.png").write_bytes(tiny_png(2, 2))
    assert W.image_path(folder, "ok.png") == (folder / "ok.png").resolve()


def test_writer_refuses_an_image_outside_the_folder(small: tuple[Article, Path, dict[str, Ui]], tmp_path: Path) -> None:
    _article, folder, _uis = small
    doc = small_edition(small, "en")
    (folder.parent / "outside.png").write_bytes(tiny_png(2, 2))

    def escape(row: Row) -> Row:
        if row.kind != "image":
            return row
        cell = row.cells[0]
        assert isinstance(cell.block, Image)
        return replace(row, cells=(replace(cell, block=replace(cell.block, src="../outside.png")),))

    doc.rows = [escape(r) for r in doc.rows]
    out = tmp_path / "refused.docx"
    with pytest.raises(ValueError, match="inside the article's folder"):
        W.write_docx(doc, out, article_dir=folder)
    assert not out.exists()


# ---------------------------------------------------------------- reproducibility and speed


def test_output_is_byte_identical(seed: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    W.write_docx(seed.edition("bilingual"), first, article_dir=SEED_DIR)
    W.write_docx(seed.edition("bilingual"), second, article_dir=SEED_DIR)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as z:
        infos = z.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}  # not the clock
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
    assert [i.filename for i in infos[2:]] == sorted(i.filename for i in infos[2:])


def test_source_date_epoch_sets_the_entry_dates(seed: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2025, 9, 9, 12, 30, tzinfo=dt.UTC).timestamp())))
    out = tmp_path / "epoch.docx"
    W.write_docx(seed.edition("en"), out, article_dir=SEED_DIR)
    with zipfile.ZipFile(out) as z:
        assert {i.date_time for i in z.infolist()} == {(2025, 9, 9, 12, 30, 0)}


def test_image_output_is_reproducible(small: tuple[Article, Path, dict[str, Ui]]) -> None:
    _article, folder, _uis = small
    doc = small_edition(small, "bilingual")
    assert W.docx_bytes(doc, article_dir=folder) == W.docx_bytes(doc, article_dir=folder)


def test_writing_the_seed_is_fast(seed: Seed) -> None:
    doc = seed.edition("zh-CN")
    W.docx_bytes(doc, article_dir=SEED_DIR)  # warm
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        W.docx_bytes(doc, article_dir=SEED_DIR)
        timings.append(time.perf_counter() - start)
    assert statistics.median(timings) < 0.5


# ---------------------------------------------------------------- issue 14: the DOCX for Word users


def _settings(path: Path) -> etree._Element:
    return xml(path, "word/settings.xml")


@pytest.mark.parametrize("edition", ["en", "zh-CN", "bilingual"])
def test_masthead_as_in_the_pdf(written: dict[str, Path], seed: Seed, edition: str) -> None:
    """Outlet, the event line above the title, the title (outline level 0: Word's navigation pane
    starts at 1), then the byline (zh) or the date (en), and the tags line at the end."""
    path = written[edition]
    ids = style_ids(path)
    doc = seed.edition(edition)
    paragraphs = body_paragraphs(path)
    styles = [pstyle(p) for p in paragraphs]
    event, title = styles.index(ids[W.EVENT]), styles.index(ids[W.TITLE])
    assert event < title
    assert text_of(paragraphs[event]) == doc.head.event_line
    head_lines = [text_of(p) for p in paragraphs[title + 1 : title + 3]]
    assert (doc.head.byline or doc.head.date) in head_lines
    if edition == "en":
        assert "September 9, 2025" in head_lines
    title_style = xml(path, "word/styles.xml").find(f"w:style[@w:styleId='{ids[W.TITLE]}']", NS)
    assert title_style.find("w:pPr/w:outlineLvl", NS).get(w("val")) == "0"
    tags = [p for p in paragraphs if pstyle(p) == ids[W.TAGS]]
    assert len(tags) == 1
    ui = doc.uis[0]
    separator = ui.pgettext("separator between list items", ", ")
    assert text_of(tags[0]).endswith(separator.join(plain_text(t.source) for t in doc.head.tags))
    assert text_of(tags[0]).startswith(ui.gettext("Tags:"))


def test_house_style_dates_in_the_docx(written: dict[str, Path]) -> None:
    en = "\n".join(text_of(p) for p in body_paragraphs(written["en"]))
    zh = "\n".join(text_of(p) for p in body_paragraphs(written["zh-CN"]))
    assert "Jinan, Shandong, September 10–14, 2025" in en and "\u2009" not in en
    assert "山东济南，2025年9月10日—14日" in zh and "\u2009" not in zh and "," not in zh.split("\n")[1]


@pytest.mark.parametrize("edition", ["en", "zh-CN"])
def test_first_page_has_its_own_header(written: dict[str, Path], edition: str) -> None:
    """No running header on page 1 (as in the PDF), the footer with its page number on every page."""
    document = docx.Document(str(written[edition]))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert "".join(p.text for p in section.first_page_header.paragraphs).strip() == ""
    assert section.header.paragraphs[0].text.strip()
    for footer in (section.footer, section.first_page_footer):
        instructions = [el.text.strip() for el in footer._element.iter(w("instrText"))]
        assert instructions == ["PAGE", "NUMPAGES"]


@pytest.mark.parametrize(("edition", "hyphenates"), [("en", True), ("zh-CN", False), ("bilingual", True)])
def test_hyphenation_and_punctuation_settings(written: dict[str, Path], edition: str, hyphenates: bool) -> None:
    settings = _settings(written[edition])
    limit = settings.find("w:consecutiveHyphenLimit", NS)
    auto = settings.find("w:autoHyphenation", NS)
    if hyphenates:
        assert limit.get(w("val")) == "2" and auto.get(w("val")) == "1"
    else:
        assert limit is None and auto is None
    assert settings.find("w:characterSpacingControl", NS).get(w("val")) == "compressPunctuation"
    # every body paragraph: no automatic CJK–Latin gap (LibreOffice reads paragraphs and styles)
    for p in body_paragraphs(written[edition]):
        assert p.find("w:pPr/w:autoSpaceDE", NS).get(w("val")) == "0"
        assert p.find("w:pPr/w:autoSpaceDN", NS).get(w("val")) == "0"
    # the schema's order of w:settings' children (Word refuses a file otherwise)
    tags = [etree.QName(c).localname for c in settings]
    order = [t.split(":")[1] for t in W.styles.SETTINGS_ORDER]
    positions = [order.index(t) for t in tags if t in order]
    assert positions == sorted(positions), tags


@pytest.mark.parametrize("edition", ["en", "zh-CN"])
def test_no_break_inside_hyphenated_terms(written: dict[str, Path], edition: str) -> None:
    """CAR-T's hyphen is a w:noBreakHyphen (markup), never U+2011; no NBSP in the text."""
    root = xml(written[edition], "word/document.xml")
    xml_text = etree.tostring(root, encoding="unicode")
    assert "\u2011" not in xml_text and "\u00a0" not in xml_text
    nbh = [r for r in root.iter(w("r")) if r.find("w:noBreakHyphen", NS) is not None]
    assert nbh
    joined = ["".join("-" if c.tag == w("noBreakHyphen") else (c.text or "") for c in r) for r in nbh]
    assert any("CAR-T" in j for j in joined), joined[:5]


def test_quotation_marks_carry_east_asian_hints(written: dict[str, Path]) -> None:
    """In Chinese text “” are full-width (hint eastAsia); the apostrophe of a Latin name in Chinese
    text stays Latin (O’Connor: hint default), and so do the quotes of English text."""
    zh = xml(written["zh-CN"], "word/document.xml")
    hints = {(text_of(r), r.find("w:rPr/w:rFonts", NS).get(w("hint"))) for r in zh.iter(w("r")) if r.find("w:rPr/w:rFonts", NS) is not None}
    assert ("“", "eastAsia") in hints and ("”", "eastAsia") in hints
    assert ("’", "default") in hints  # O’Connor
    en = xml(written["en"], "word/document.xml")
    en_hints = {r.find("w:rPr/w:rFonts", NS).get(w("hint")) for r in en.iter(w("r")) if r.find("w:rPr/w:rFonts", NS) is not None}
    assert en_hints == {"default"}
