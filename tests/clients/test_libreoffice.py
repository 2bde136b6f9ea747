"""The DOCX editions opened in LibreOffice: each converts to PDF, with its text."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import SOFFICE
from shapes_support import PART1, ROUND, TWO

SLUG = "csco-2025-ma-jun"
EDITIONS = ("en", "zh-CN", "bilingual")
#: the other shapes, and what each edition must print (LibreOffice's text layer, spaces removed)
SHAPES = {
    ROUND: {"en": ["ExpertProfiles", "Host", "Guests", "Prof.ZhangMin", "Dr.SunQiang", "Allguests:"], "zh-CN": ["专家介绍", "主持人", "嘉宾", "张敏教授", "孙强医生"]},
    TWO: {"en": ["Editor'sNote:", "Prof.MichaelBerger"], "zh-CN": ["编者按：", "要点速览", "MichaelBerger教授"]},
    PART1: {"en": ["Watchthevideo:", "v.qq.com/x/page/"], "zh-CN": ["观看视频：", "上篇"]},
}


@pytest.fixture(scope="module")
def converted(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed (make test-clients installs it)")
    out = tmp_path_factory.mktemp("soffice")
    profile = tmp_path_factory.mktemp("profile")
    docs = []
    for edition in EDITIONS:
        for slug, name in ((SLUG, edition), *((s, f"{s}-{edition}") for s in SHAPES)):
            target = out / f"{name}.docx"
            target.write_bytes((dist / edition / f"{slug}.docx").read_bytes())
            docs.append(str(target))
    proc = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf", "--outdir", str(out), *docs],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.mark.parametrize("edition", EDITIONS)
def test_libreoffice_opens_the_docx_and_prints_its_text(converted: Path, edition: str) -> None:
    pdf = converted / f"{edition}.pdf"
    assert pdf.is_file() and pdf.stat().st_size > 10_000
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = int(subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout.split("Pages:")[1].split()[0])
    assert pages >= 2
    if edition in ("en", "bilingual"):
        assert "120 Years of Chinese Hematology" in text
        assert "Expert Profile" in text
    if edition in ("zh-CN", "bilingual"):
        if edition == "bilingual":  # the Chinese title in its own column (the mastheads side by side)
            right = ["-f", "1", "-l", "1", "-r", "72", "-x", "298", "-y", "0", "-W", "300", "-H", "842"]
            column = subprocess.run(["pdftotext", *right, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
            assert "中国血液学120年" in "".join(column.split())
        else:
            assert "中国血液学120年" in text.replace(" ", "")
        assert "专家介绍" in text


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("slug", list(SHAPES))
def test_libreoffice_prints_the_other_shapes(converted: Path, slug: str, edition: str) -> None:
    pdf = converted / f"{slug}-{edition}.pdf"
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    for lang, words in SHAPES[slug].items():
        if edition in (lang, "bilingual"):
            for word in words:
                assert word in text, f"{word!r} not in {pdf.name}"
    if slug == TWO and edition == "en":
        assert "要点速览" not in text  # the summary is for the Chinese editions only


def _page_lines(pdf: Path, page: int) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("edition", ["en", "zh-CN"])
def test_libreoffice_shows_the_first_page_as_the_pdf_does(converted: Path, edition: str) -> None:
    """No running header on page 1 (it starts on page 2); the event line above the title; the
    date (en) or the byline (zh) under it."""
    pdf = converted / f"{edition}.pdf"
    first, second = _page_lines(pdf, 1), _page_lines(pdf, 2)
    short = {"en": "CSCO 2025 | Professor Ma Jun: 120 Years of Chinese Hematology", "zh-CN": "CSCO 2025 | 马军教授：中国血液学120年"}[edition]
    squash = lambda s: s.replace(" ", "")  # noqa: E731
    assert squash(second[0]) == squash(short), second[:2]
    assert squash(first[0]) != squash(short), first[:2]
    event = next(i for i, line in enumerate(first) if "Annual Meeting of the Chinese Society" in line or "学术年会" in squash(line))
    title = next(i for i, line in enumerate(first) if squash(line).startswith(squash("CSCO 2025 |")))
    assert event < title
    assert any("September 9, 2025" in line or "2025年9月9日" in squash(line) for line in first[title:])


def test_libreoffice_bilingual_long_rows_split(converted: Path) -> None:
    """Long rows split across pages (w:cantSplit on the short ones only): 8 pages, not 9."""
    pages = int(subprocess.run(["pdfinfo", str(converted / "bilingual.pdf")], capture_output=True, text=True, check=True).stdout.split("Pages:")[1].split()[0])
    assert pages <= 8
