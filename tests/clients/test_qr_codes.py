"""The video's QR code, scanned as a reader's phone would: off the printed PDF page (rendered by
poppler) and off the picture in the DOCX, with zbar's scanner."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import ZBARIMG
from shapes_support import PART1, VIDEO

EDITIONS = ("en", "zh-CN", "bilingual")


def scan(image: Path) -> list[str]:
    proc = subprocess.run([str(ZBARIMG), "--quiet", "--raw", str(image)], capture_output=True, text=True, timeout=60)
    return proc.stdout.split()


@pytest.fixture(autouse=True)
def _scanner() -> None:
    if ZBARIMG is None:
        pytest.skip("zbarimg is not installed (make test-clients installs zbar-tools)")


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_printed_qr_code_gives_the_video_address(dist: Path, tmp_path: Path, edition: str) -> None:
    subprocess.run(["pdftoppm", "-r", "200", "-f", "1", "-l", "1", "-png", str(dist / edition / f"{PART1}.pdf"), str(tmp_path / "page")], check=True)
    found = scan(next(tmp_path.glob("page*.png")))
    assert found and set(found) == {VIDEO}, found  # one code per column, each the video's address


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_docx_qr_code_gives_the_video_address(dist: Path, tmp_path: Path, edition: str) -> None:
    with zipfile.ZipFile(dist / edition / f"{PART1}.docx") as z:
        pictures = [n for n in z.namelist() if n.startswith("word/media/")]
        decoded: list[str] = []
        for name in pictures:
            target = tmp_path / Path(name).name
            target.write_bytes(z.read(name))
            decoded += scan(target)
    assert decoded and set(decoded) == {VIDEO}, decoded
