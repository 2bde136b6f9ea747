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
