"""The WeChat edition (issue 15): ``dist/wechat/<slug>.html`` and ``<slug>.bilingual.html`` made to
survive a paste into the WeChat Official Account editor — only the elements, attributes and
inline CSS properties of the whitelist documented in docs/web-desk.md; links printed as numbered
notes; images as files beside the page, listed on the desk's page with the title, digest and
cover; the house look (「马军教授：」 labels, 01 numbering, the 专家介绍 box, the copyright line).

The pages are read with html5lib (a conforming parser) and their styles with tinycss2 (the CSS
tokenizer WeasyPrint uses), independently of the writer's own check. Chromium's paste of the
page into a contenteditable is tested by tests/clients/test_wechat_paste.py.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from catalog_support import colloquy, copy_project
from colloquy.build import BuildOptions, plan
from colloquy.build.digests import Fingerprints
from colloquy.build.manifest import Manifest
from colloquy.editions import make_editions, make_locale
from colloquy.project import Project
from colloquy.writers import wechat
from colloquy.writers.base import wechat_editions
from shapes_support import PART1 as SERIES
from shapes_support import ROUND, TWO
from shapes_support import VIDEO as SERIES_VIDEO
from web_support import ICML, PART1, PART2, SEED, SITE, SLUGS, TRIALS, VIDEO

html5lib = pytest.importorskip("html5lib", reason="html5lib is in the test extras: pip install -e '.[test]'")
tinycss2 = pytest.importorskip("tinycss2", reason="tinycss2 comes with WeasyPrint")

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "web-desk.md"
HOUSE_COPYRIGHT = "肿瘤瞭望版权所有，谢绝任何形式转载，侵犯版权者必予法律追究。"


def pages(dist: Path) -> list[Path]:
    return sorted((dist / "wechat").glob("*.html"))


def parse(path: Path | str) -> ET.Element:
    source = path.read_text(encoding="utf-8") if isinstance(path, Path) else path
    return html5lib.parse(source, treebuilder="etree", namespaceHTMLElements=False)


def text(el: ET.Element) -> str:
    return " ".join("".join(el.itertext()).split())


def declarations(style: str) -> list[tuple[str, str]]:
    """(property, value) of a style attribute, as a CSS parser reads it; a parse error is one too."""
    out = []
    for node in tinycss2.parse_blocks_contents(style, skip_whitespace=True, skip_comments=True):
        if node.type == "declaration":
            out.append((node.lower_name, tinycss2.serialize(node.value).strip() + (" !important" if node.important else "")))
        else:
            out.append(("(error)", tinycss2.serialize([node])))
    return out


def problems(source: str) -> list[str]:
    """Every way a page breaks the whitelist, found with a conforming parser and a CSS parser."""
    root = parse(source)
    found = []
    for el in root.iter():
        if el.tag in ("style", "script", "link", "a", "iframe", "object", "svg", "video") or not isinstance(el.tag, str):
            found.append(f"<{el.tag}> in the page")
        if "class" in el.attrib or "id" in el.attrib:
            found.append(f"<{el.tag}> has a class or an id")
    (body,) = root.iter("body")
    found += [f"<body {name}>" for name in body.attrib]
    for el in body.iter():
        if el is body:
            continue
        if el.tag not in wechat.TAGS:
            found.append(f"<{el.tag}> is not in the whitelist")
        allowed = wechat.ATTRIBUTES.get(el.tag, frozenset()) | wechat.ATTRIBUTES["*"]
        found += [f"<{el.tag} {name}>" for name in el.attrib if name not in allowed]
        for name, value in declarations(el.get("style", "")):
            if name not in wechat.PROPERTIES:
                found.append(f"{name}: {value}")
            if re.search(r"url\(|var\(|!important|expression", value, re.I):
                found.append(f"{name}: {value}")
        src = el.get("src")
        if src is not None and (re.match(r"^[a-z]+:", src) or src.startswith("/")):
            found.append(f"img src {src}")
    return found


# ---------------------------------------------------------------- the whitelist


def test_the_checkers_find_what_the_editor_drops() -> None:
    """Both checkers (the writer's and this test's) flag each thing the WeChat editor would drop."""
    page = '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>t</title></head><body><section style="color:#000">{}</section></body></html>'
    assert problems(page.format("<p>文字</p>")) == [] and wechat.whitelist_problems(page.format("<p>文字</p>")) == []
    for bad in (
        '<p class="x">文字</p>',
        '<p id="x">文字</p>',
        "<style>p{color:red}</style>",
        "<script>alert(1)</script>",
        '<a href="https://www.icml.ch">link</a>',
        '<div style="color:red">x</div>',
        '<p style="position:absolute">x</p>',
        '<p style="font-size:16px;position:fixed">x</p>',
        '<p style="background-color:url(x.png)">x</p>',
        '<p style="color:red !important">x</p>',
        '<img src="https://cdn.example.org/x.png" alt="">',
        '<img src="x.png" alt="" onerror="alert(1)">',
        '<p style="transform:rotate(3deg)">x</p>',
    ):
        assert problems(page.format(bad)), bad
        assert wechat.whitelist_problems(page.format(bad)), bad
    assert problems(page.replace("<body>", '<body style="x">').format("")) != []


def test_every_wechat_page_keeps_to_the_whitelist(site_project: Path) -> None:
    dist = site_project / "dist"
    found = pages(dist)
    assert [p.name for p in found] == sorted(f"{s}{x}" for s in SLUGS for x in (".html", ".bilingual.html"))
    for path in found:
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        parser.parse(path.read_text(encoding="utf-8"))  # conforming HTML5: raises on a parse error
        source = path.read_text(encoding="utf-8")
        assert problems(source) == [], path.name
        assert wechat.whitelist_problems(source) == [], path.name
        root = parse(path)
        for img in root.iter("img"):
            assert (dist / "wechat" / (img.get("src") or "")).is_file(), img.get("src")
            assert img.get("alt")


def test_the_documented_whitelist_is_the_writers() -> None:
    """docs/web-desk.md lists the elements, attributes and properties in backquotes in the first
    paragraph under each of its whitelist headings: exactly those of the writer."""
    doc = DOC.read_text(encoding="utf-8")

    def listed(heading: str) -> set[str]:
        paragraph = doc.split(f"#### {heading}\n\n", 1)[1].split("\n\n", 1)[0]
        return set(re.findall(r"`([a-z-]+)`", paragraph))

    assert listed("Elements") == set(wechat.TAGS)
    assert listed("Attributes") == set().union(*wechat.ATTRIBUTES.values())
    assert listed("CSS properties") == set(wechat.PROPERTIES)


# ---------------------------------------------------------------- what the page shows


def test_the_house_look(site_project: Path) -> None:
    root = parse(site_project / "dist" / "wechat" / f"{SEED}.html")
    labels = [(text(s), s.get("style", "")) for s in root.iter("strong") if text(s).endswith("：")]
    assert {label for label, _ in labels} == {"《肿瘤瞭望》：", "马军教授："}  # the full-width colon, no space
    assert all("color:#9B1B30" in style and "font-weight:700" in style for _, style in labels)
    paragraphs = [p for p in root.iter("p")]
    numbers = [p for p in paragraphs if re.fullmatch(r"\d\d", text(p))]
    assert [text(p) for p in numbers] == ["01", "02", "03"]  # above each question, zero-padded
    assert all(dict(declarations(p.get("style", "")))["font-size"] == "28px" for p in numbers)
    box = next(s for s in root.iter("section") if any(text(p) == "专家介绍" for p in s.findall("p")))
    style = dict(declarations(box.get("style", "")))
    assert style["border"].startswith("1px solid") and "background-color" in style
    assert "马军教授" in text(box) and "哈尔滨血液病肿瘤研究所所长" in text(box)
    assert text(paragraphs[-1]) == HOUSE_COPYRIGHT  # the last line
    assert "Q1" not in text(root) and "Expert Profile" not in text(root)


def test_links_are_numbered_notes_and_the_video_address_is_printed(site_project: Path) -> None:
    root = parse(site_project / "dist" / "wechat" / f"{PART1}.html")
    body = text(root)
    assert "会议日程见ICML官网[2]。" in body and "ClinicalTrials.gov [3]" not in body and "ClinicalTrials.gov[3]" in body
    notes = [text(p) for p in root.iter("p") if re.match(r"^\[\d+\] ", text(p))]
    assert notes == [f"[1] {SITE}zh-CN/{PART2}.html", f"[2] {ICML}", f"[3] {TRIALS}"]  # the other part first: the series line
    assert text(next(p for p in root.iter("p") if text(p).startswith("上篇"))) == "上篇 · 下篇[1]"
    texts = [text(p) for p in root.iter("p")]
    at = texts.index("▶ 观看视频")
    assert texts[at + 1] == VIDEO  # printed, on its own line
    assert "参考链接" in body


def test_the_bilingual_page_puts_chinese_first_and_latin_text_in_the_systems_latin_faces(site_project: Path) -> None:
    root = parse(site_project / "dist" / "wechat" / f"{SEED}.bilingual.html")
    assert root.get("lang") == "zh-CN"
    body = text(root)
    assert body.index("马军教授：") < body.index("Prof. Ma Jun:") and body.index("专家介绍") < body.index("Expert Profile")
    english = [p for p in root.iter("p") if "font-family" in p.get("style", "")]
    assert len(english) > 30 and not [text(p) for p in english if re.search(r"[\u4e00-\u9fff]", text(p))]  # the English paragraphs only
    assert any(text(p).startswith("Prof. Ma Jun:") for p in english)
    font = dict(declarations(english[0].get("style", "")))["font-family"]
    assert "sans-serif" in font and "@font-face" not in (site_project / "dist" / "wechat" / f"{SEED}.bilingual.html").read_text(encoding="utf-8")
    assert [text(p) for p in root.iter("p") if re.fullmatch(r"\d\d", text(p))] == ["01", "02", "03"]
    assert "Q1: Key Highlights in Hematologic Oncology at CSCO 2025" in body


def test_latin_words_with_punctuation_in_chinese_text_are_in_the_latin_faces(site_project: Path) -> None:
    """O’Connor in a Chinese paragraph: in a Chinese face its apostrophe would be full-width."""
    root = parse(site_project / "dist" / "wechat" / f"{SEED}.html")
    spans = [el for el in root.iter("span") if text(el) == "O’Connor"]
    assert spans, "O’Connor is not a span of its own"
    assert all("sans-serif" in dict(declarations(el.get("style", ""))).get("font-family", "") for el in spans)
    paragraph = next(p for p in root.iter("p") if "奥康纳（Owen A. O’Connor）" in text(p))  # the text is unchanged
    assert "Franco Cavalli" in text(paragraph)


def test_the_shapes_of_real_interviews(site_project: Path) -> None:
    root = parse(site_project / "dist" / "wechat" / f"{PART1}.html")
    body = text(root)
    for words in ("双特异性抗体已进入二线治疗。", "编者按：", "本文为中文版独有的导读。", "主持人", "嘉宾", "朱军教授", "Michael Gnant教授", "安全性", "1. 第一项试验；", "图1. 总生存"):
        assert words in body, words
    assert body.index("主持人") < body.index("朱军教授") < body.index("嘉宾") < body.index("马军教授") < body.index("01")
    profile_rows = [s for s in root.iter("section") if "display:flex" in s.get("style", "")]
    assert len(profile_rows) == 3
    portraits = [[img.get("src") for img in s.iter("img")] for s in profile_rows]
    assert portraits == [[f"{PART1}/zhu.png"], [f"{PART1}/ma.png"], []]  # the portrait beside the text
    assert "细胞因子释放综合征多为轻度。" in body  # the answer with no label


# ---------------------------------------------------------------- images and the desk's page


def test_the_images_are_files_beside_the_page_listed_on_the_desks_page(site_project: Path) -> None:
    dist = site_project / "dist"
    folder = dist / "wechat" / PART1
    assert sorted(p.name for p in folder.iterdir()) == ["chart.png", "cover.png", "index.html", "ma.png", "poster.png", "zhu.png"]
    for name in ("chart.png", "cover.png", "ma.png", "poster.png", "zhu.png"):
        assert (folder / name).read_bytes() == (site_project / "articles" / PART1 / name).read_bytes()
    desk = folder / "index.html"
    html5lib.HTMLParser(strict=True).parse(desk.read_text(encoding="utf-8"))
    root = parse(desk)
    items = [li for li in root.iter("li") if li.find("img") is not None]
    listed = [li.find("img").get("src") for li in items]  # type: ignore[union-attr]
    assert listed == ["cover.png", "poster.png", "zhu.png", "ma.png", "chart.png"]  # the cover, then in reading order
    page_images = [img.get("src", "").split("/", 1)[1] for img in parse(dist / "wechat" / f"{PART1}.html").iter("img")]
    assert page_images == listed[1:]
    assert "封面" in text(items[0])
    fields = {text(dt): text(dd) for dt, dd in zip(root.iter("dt"), root.iter("dd"), strict=True)}
    assert fields["标题"].startswith("ICML 2025丨圆桌会议：双特异性抗体与淋巴瘤（上篇）")
    assert fields["作者"] == "《肿瘤瞭望》" and fields["摘要"].startswith("三位专家谈二线治疗的变化")
    assert fields["原文链接"] == f"{SITE}zh-CN/{PART1}.html"
    assert [a.get("href") for a in root.iter("a")][:2] == [f"../{PART1}.html", f"../{PART1}.bilingual.html"]


# ---------------------------------------------------------------- in the build


def test_wechat_outputs_are_tracked_rebuilt_and_removed_with_their_article(site_project: Path, tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    shutil.copytree(site_project / "articles" / PART2, root / "articles" / PART2)
    shutil.copy2(site_project / "locales/zh_CN/LC_MESSAGES" / f"{PART2}.po", root / "locales/zh_CN/LC_MESSAGES")
    formats = ("html", "wechat")
    run = colloquy(root, "build", *(x for f in formats for x in ("--format", f)))
    assert f"built wechat/{PART2}.bilingual.html" in run.stderr and f"built wechat/{PART2}/" in run.stderr
    project = Project.load(root)
    todo = plan(project, BuildOptions(formats=formats), Manifest.load(root / "build"), Fingerprints(project))
    assert todo.jobs == []  # a no-op build does nothing
    shutil.rmtree(root / "articles" / PART2)
    todo = plan(project, BuildOptions(formats=formats), Manifest.load(root / "build"), Fingerprints(project))
    assert sorted(k for k in todo.removals if "/wechat/" in k) == [f"dist/wechat/{PART2}", f"dist/wechat/{PART2}.bilingual.html", f"dist/wechat/{PART2}.html"]
    colloquy(root, "build", *(x for f in formats for x in ("--format", f)))
    assert sorted(p.name for p in (root / "dist" / "wechat").iterdir()) == [SEED, f"{SEED}.bilingual.html", f"{SEED}.html"]


def test_the_wechat_editions_are_the_simplified_chinese_ones() -> None:
    locales = tuple(make_locale(n) for n in ("en", "zh_CN", "zh_TW"))
    found = [(e.id, suffix) for e, suffix in wechat_editions(make_editions(locales, None))]
    assert found == [("zh-CN", ".html"), ("bilingual", ".bilingual.html")]
    traditional = tuple(make_locale(n) for n in ("en", "zh_TW"))
    assert wechat_editions(make_editions(traditional, None)) == ()


def test_the_shapes_of_the_fixtures(site_project: Path) -> None:
    """tests/shapes/ in the WeChat editions: a roundtable's grouped profiles with portraits and a
    collective answer; a Chinese-source article's run-in 编者按 and its Chinese-only summary; a
    series' video address and the other part."""
    dist = site_project / "dist" / "wechat"
    roundtable = parse(dist / f"{ROUND}.html")
    body = text(roundtable)
    assert body.index("专家介绍") < body.index("主持人") < body.index("嘉宾") < body.index("01")
    beside = {i.get("src") for s in roundtable.iter("section") if "display:flex" in s.get("style", "") for i in s.iter("img")}
    assert beside == {f"{ROUND}/wang-fang.jpg", f"{ROUND}/zhang-min.jpg"}  # the portraits beside their profiles
    assert any(text(s).endswith("：") and "全体嘉宾" in text(s) for s in roundtable.iter("strong"))
    two = parse(dist / f"{TWO}.html")
    body = text(two)
    assert "编者按：" in body and "要点速览" in body  # the summary written for the Chinese editions
    assert "要点速览" in text(parse(dist / f"{TWO}.bilingual.html"))
    series = parse(dist / f"{SERIES}.html")
    texts = [text(p) for p in series.iter("p")]
    assert SERIES_VIDEO in texts and any(t.startswith("上篇") for t in texts)
    for path in dist.glob("*.html"):
        assert problems(path.read_text(encoding="utf-8")) == [], path.name

