"""Adding a locale is configuration only: a copy of the project with zh_TW added to its locales,
its catalogs converted from the zh_CN ones with OpenCC, builds Traditional Chinese editions set
in a Traditional Chinese face, with the zh house style, every edition in every language switcher
and the hreflang sets of the single-language pages complete — with no change to the code or the
templates."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from catalog_support import PO_REL, SLUG, colloquy, copy_project
from colloquy.editions import BILINGUAL, LocaleError, make_editions, make_locale
from colloquy.house import Script

opencc = pytest.importorskip("opencc", reason="OpenCC is in the test extras: pip install -e '.[test]'")
html5lib = pytest.importorskip("html5lib")

SINGLE = ("en", "zh-CN", "zh-TW")
EDITIONS = (*SINGLE, "bilingual", "bilingual-zh-TW")


def _traditional(po: Path, dest: Path, converter: object) -> None:
    """A zh_TW catalog made from a zh_CN one: every msgstr converted, the header's language changed."""
    out = []
    for line in po.read_text(encoding="utf-8").split("\n"):
        if line.startswith('msgstr "') or (line.startswith('"') and not line.startswith('"Language')):
            line = converter.convert(line)  # type: ignore[attr-defined]
        out.append(line.replace('"Language: zh_CN\\n"', '"Language: zh_TW\\n"'))
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text("\n".join(out), encoding="utf-8")


@pytest.fixture(scope="module")
def tw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("tw") / "project")
    config = project / "pyproject.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('locales = ["en", "zh_CN"]', 'locales = ["en", "zh_CN", "zh_TW"]'), encoding="utf-8")
    converter = opencc.OpenCC("s2twp")
    _traditional(project / PO_REL, project / "locales/zh_TW/LC_MESSAGES" / f"{SLUG}.po", converter)
    ui = project / "locales/zh_TW/LC_MESSAGES/ui.po"
    _traditional(project / "locales/zh_CN/LC_MESSAGES/ui.po", ui, converter)
    # the one string a translator of Traditional Chinese writes differently: the language's own name
    ui.write_text(ui.read_text(encoding="utf-8").replace('msgid "English"\nmsgstr "中文"', 'msgid "English"\nmsgstr "繁體中文"'), encoding="utf-8")
    run = colloquy(project, "build")
    assert "warning" not in run.stderr, run.stderr
    return project


def page(project: Path, edition: str, name: str = f"{SLUG}.html") -> ET.Element:
    return html5lib.parse((project / "dist" / edition / name).read_text(encoding="utf-8"), treebuilder="etree", namespaceHTMLElements=False)


def test_every_edition_is_built(tw: Path) -> None:
    for edition in EDITIONS:
        for fmt in ("html", "pdf", "docx"):
            assert (tw / "dist" / edition / f"{SLUG}.{fmt}").stat().st_size > 1000, (edition, fmt)
        assert (tw / "dist" / edition / "index.html").is_file()


def test_the_traditional_edition_is_traditional_with_the_zh_house_style(tw: Path) -> None:
    root = page(tw, "zh-TW")
    assert root.get("lang") == "zh-TW"
    text = "".join(root.itertext())
    assert "馬軍教授：" in text and "專家介紹" in text  # Traditional forms, the Chinese label
    assert "马军" not in text
    assert [q.text for q in root.iter("span") if "qnum-above" in (q.get("class") or "")][:3] == ["01", "02", "03"]
    assert any("版權所有" in (p.text or "") for p in root.iter("p"))  # the house copyright line


def test_the_traditional_pdf_is_set_in_a_traditional_chinese_face(tw: Path) -> None:
    for edition in ("zh-TW", "bilingual-zh-TW"):
        fonts = subprocess.run(["pdffonts", str(tw / "dist" / edition / f"{SLUG}.pdf")], capture_output=True, text=True, check=True).stdout
        assert re.search(r"Noto-?Serif-?CJK-?TC", fonts, re.I), fonts
        assert not re.search(r"CJK-?(SC|JP|KR|HK)", fonts, re.I), fonts
    simplified = subprocess.run(["pdffonts", str(tw / "dist/zh-CN" / f"{SLUG}.pdf")], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Noto-?Serif-?CJK-?SC", simplified, re.I) and not re.search(r"CJK-?TC", simplified, re.I), simplified


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_lists_every_edition_and_single_language_pages_declare_their_alternates(tw: Path, edition: str) -> None:
    for name in (f"{SLUG}.html", "index.html"):
        root = page(tw, edition, name)
        nav = next(n for n in root.iter("nav") if "editions" in (n.get("class") or ""))
        hrefs = [a.get("href") for a in nav.iter("a")]
        assert len(hrefs) == len(EDITIONS)
        assert {h.split("/")[-2] if "/" in h else edition for h in hrefs} == set(EDITIONS)
        names = {a.get("hreflang"): "".join(a.itertext()) for a in nav.iter("a") if a.get("hreflang")}
        assert names == {"en": "English", "zh-CN": "中文", "zh-TW": "繁體中文"}
        alternates = {link.get("hreflang") for link in root.iter("link") if link.get("rel") == "alternate"}
        if edition.startswith(BILINGUAL):
            assert alternates == set()
        else:  # x-default: the article's own language; for the indexes, the home page
            assert alternates == {"en", "zh-CN", "zh-TW", "x-default"}


def test_the_home_page_and_the_indexes_list_the_configured_edition(tw: Path) -> None:
    """No template names a locale: the home page's masthead, title and language switch, and every
    index, show the Traditional Chinese edition once it is configured."""
    home = html5lib.parse((tw / "dist" / "index.html").read_text(encoding="utf-8"), treebuilder="etree", namespaceHTMLElements=False)
    nav = next(n for n in home.iter("nav") if "editions" in (n.get("class") or ""))
    assert [a.get("href") for a in nav.iter("a")] == [f"{e}/index.html" for e in EDITIONS]
    assert "繁體中文" in "".join(nav.itertext())
    mastheads = [p for p in home.iter("p") if "outlet" in (p.get("class") or "")]
    assert [p.get("lang") for p in mastheads] == [None, "zh-CN", "zh-TW"]
    assert "《腫瘤瞭望》" in "".join(mastheads[2].itertext())
    (h1,) = home.iter("h1")
    assert [s.get("lang") for s in h1.iter("span") if s.get("lang")] == ["zh-CN", "zh-TW"]
    assert [s.get("lang") for s in home.iter("section")] == ["en-US", "zh-CN", "zh-TW", "en-US", "en-US"]
    for edition in EDITIONS:
        index = page(tw, edition, "index.html")
        entries = [li for li in index.iter("li") if "entry" in (li.get("class") or "")]
        assert len(entries) == 1 and next(entries[0].iter("a")).get("href") == f"{SLUG}.html"
    zh_tw = page(tw, "zh-TW", "index.html")
    assert "馬軍教授" in "".join(zh_tw.itertext()) and zh_tw.get("lang") == "zh-TW"


def test_check_finds_no_error_in_the_converted_catalogs(tw: Path) -> None:
    run = colloquy(tw, "check")
    assert ": error:" not in run.stderr, run.stderr


# ---------------------------------------------------------------- the typed locales, in-process


def test_typed_locales() -> None:
    en, tw = make_locale("en"), make_locale("zh_TW")
    assert (en.tag, en.text_tag, en.word_lang, en.script) == ("en", "en-US", "en-US", Script.LATIN)
    assert (tw.tag, tw.text_tag, tw.script, tw.house.chinese) == ("zh-TW", "zh-TW", Script.TRADITIONAL, True)
    assert tw.fonts.body.primary == "Noto Serif CJK TC"
    fr = make_locale("fr", {"script": "Latn", "house": "en", "text-language": "fr-FR"})
    assert (fr.tag, fr.text_tag, fr.house.chinese) == ("fr", "fr-FR", False)
    with pytest.raises(LocaleError):
        make_locale("fr")  # no profile: the message says what to configure


def test_bilingual_editions_default_to_the_first_locale_with_each_other() -> None:
    locales = tuple(make_locale(n) for n in ("en", "zh_CN", "zh_TW"))
    editions = make_editions(locales, None)
    assert [e.id for e in editions] == list(EDITIONS)
    assert [tuple(loc.name for loc in e.locales) for e in editions if e.bilingual] == [("en", "zh_CN"), ("en", "zh_TW")]
    # a Chinese-source article puts its own language first in the column order
    assert [loc.name for loc in editions[3].columns("zh_CN")] == ["zh_CN", "en"]
    configured = make_editions(locales, [("zh_CN", "zh_TW")])
    assert [e.id for e in configured] == [*SINGLE, "bilingual"]
