"""The new shapes of real interviews (issue 11) in print and in Word: a roundtable with grouped
profile cards and portraits at the top, a summary, an editor's note, a video with its poster and
QR code, sub-headings, an unlabelled answer, a section for one locale, an event known by its month
with no city, a unit left untranslated (tests/data/print-shapes). Built once, for real, with
``colloquy build``; the PDFs read with poppler, pypdf and pikepdf, the DOCX XML with lxml."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import print_support

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "data" / "print-shapes"
SLUG = "eha-2025-roundtable"
CJK = re.compile(r"[\u3400-\u9fff]")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")


@pytest.fixture(scope="module")
def shapes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shapes") / "project"
    shutil.copytree(FIXTURE, root)
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copy2(REPO / "locales" / "zh_CN" / "LC_MESSAGES" / "ui.po", root / "locales" / "zh_CN" / "LC_MESSAGES" / "ui.po")
    env = {k: v for k, v in os.environ.items() if k != "COLLOQUY_DEBUG"}
    result = subprocess.run(
        [sys.executable, "-m", "colloquy.cli", "build", "-j", "1"],
        cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    return root / "dist"


def pdf(dist: Path, edition: str) -> Path:
    return dist / edition / f"{SLUG}.pdf"


def document_xml(dist: Path, edition: str) -> etree._Element:
    with zipfile.ZipFile(dist / edition / f"{SLUG}.docx") as z:
        return etree.fromstring(z.read("word/document.xml"))


def text_of(el: etree._Element) -> str:
    return "".join("-" if e.tag == W + "noBreakHyphen" else (e.text or "") if e.tag == W + "t" else "" for e in el.iter())


@needs_poppler
@pytest.mark.parametrize("edition", ["en", "zh-CN", "bilingual"])
def test_matterhorn_checks_and_faces(shapes: Path, edition: str) -> None:
    from colloquy import pdfcheck

    path = pdf(shapes, edition)
    assert [str(f) for f in pdfcheck.check(path)] == []
    for run in print_support.glyph_runs(path):
        if CJK.search(run.text) or re.search("[《》【】：，。、（）]", run.text):
            assert "CJK-SC" in run.font, (run.font, run.text[:20])
        if "’" in run.text and not CJK.search(run.text) and "O’Connor" in run.text:
            assert "CJK" not in run.font, (run.font, run.text)


@needs_poppler
def test_event_by_month_without_a_city(shapes: Path) -> None:
    """"2025 EHA Congress, June 2025" / "…年会，2025年6月": a month, and Chinese separators with no city."""
    en = " ".join(subprocess.run(["pdftotext", str(pdf(shapes, "en")), "-"], capture_output=True, check=True).stdout.decode().split())
    zh = "".join(subprocess.run(["pdftotext", str(pdf(shapes, "zh-CN")), "-"], capture_output=True, check=True).stdout.decode().split())
    assert "2025 EHA Congress, June 2025" in en
    assert "2025年欧洲血液学协会（EHA）年会，2025年6月" in zh
    body = "\n".join(text_of(p) for p in document_xml(shapes, "zh-CN").iter(W + "p"))
    assert "年会，2025年6月" in body and "," not in body.split("年会")[0][-3:]


@needs_poppler
def test_structure_of_the_new_parts(shapes: Path) -> None:
    """Portraits and the QR code are figures with their alt text; the profile groups and the
    sub-headings nest under their headings without skipping a level."""
    from colloquy import pdfcheck

    tree, _contents, _lang = pdfcheck.structure(pdf(shapes, "bilingual"))
    assert tree is not None
    figures = [e.alt for e in tree.walk() if e.kind == "Figure"]
    assert "Portrait of Professor Zhang Min" in figures and "张敏教授照片" in figures and "QR" in figures
    levels = [int(e.kind[1]) for e in tree.walk() if re.fullmatch(r"H\d", e.kind)]
    assert levels[:2] == [1, 1] and 3 in levels


@needs_poppler
def test_bilingual_long_row_splits_with_both_columns(shapes: Path) -> None:
    """The long untranslated answer splits across pages; both columns go on on the next page."""
    pages = print_support.layout(pdf(shapes, "bilingual"))
    split = [
        p for p in pages[1:]
        if any(ln.x_min < p.width / 2 and "now treat patients" in ln.text for ln in p.lines[:12])
        or any(ln.x_min >= p.width / 2 and "now treat patients" in ln.text for ln in p.lines[:12])
    ]
    assert split, "the long row did not continue at the top of a page"
    top = sorted((ln for ln in split[0].lines if 60 < ln.y_min < 140), key=lambda ln: ln.y_min)
    assert {ln.x_min >= split[0].width / 2 for ln in top} == {False, True}  # both columns


def test_docx_keeps_lists_together_and_shows_the_new_parts(shapes: Path) -> None:
    root = document_xml(shapes, "zh-CN")
    paragraphs = list(root.iter(W + "p"))
    texts = [text_of(p) for p in paragraphs]
    lead = texts.index(next(t for t in texts if t.endswith("三个方面：")))
    assert paragraphs[lead].find(f"{W}pPr/{W}keepNext") is not None  # the lead-in stays with its list
    items = [p for p in paragraphs if p.find(f"{W}pPr/{W}numPr") is not None]
    assert items[0].find(f"{W}pPr/{W}keepNext") is not None and items[-2].find(f"{W}pPr/{W}keepNext") is not None
    assert any("观看视频：" in t for t in texts)  # the video's run-in label, with the Chinese colon
    drawings = [d for d in root.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert {"张敏教授照片", "QR"} <= {d.get("descr") for d in drawings}


def test_chinese_lines_use_no_latin_separators(shapes: Path) -> None:
    """The interviewees of the Chinese index and of the home page's Chinese section are never
    joined with ", " (the pages draw their list separators with the stylesheet)."""
    zh_index = (shapes / "zh-CN" / "index.html").read_text(encoding="utf-8")
    home = (shapes / "index.html").read_text(encoding="utf-8")
    section = re.search(r'<section lang="zh-CN".*?</section>', home, re.S)
    assert section is not None
    for page in (zh_index, section.group()):
        assert "王芳教授" in page and "王芳教授, " not in page and "王芳教授，" not in page
