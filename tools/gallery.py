"""The first page of every edition in every format, as PNGs for docs/print.md.

    make && .venv/bin/python tools/gallery.py [--dist dist] [--out docs/img/gallery] [--slug SLUG]

Every folder of dist/ that holds the article is an edition (the WeChat one has only HTML).
PDF: pdftoppm; DOCX: LibreOffice converts it to PDF first (as a Word user's page would look,
with LibreOffice's substitutes for Word's fonts); HTML: headless Chromium at a desktop width.
Needs poppler-utils, and libreoffice-writer-nogui and chromium (``tools/system-deps.sh --clients``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOLUTION = 50  # dpi: an A4 page is 413 × 585 px


def small(png: Path) -> None:
    """Re-save a PNG with a 64-colour palette (text stays sharp; a third of the size)."""
    from PIL import Image

    with Image.open(png) as im:
        im.load()
        quantized = im.convert("RGB").quantize(colors=64)
    quantized.save(png, optimize=True)


def pdf_page_png(pdf: Path, png: Path, resolution: int = RESOLUTION, page: int = 1) -> None:
    stem = png.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(resolution), "-f", str(page), "-l", str(page), "-singlefile", "-png", str(pdf), str(stem)], check=True)
    small(png)


def docx_page_png(docx: Path, png: Path, work: Path) -> None:
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{work}/lo-profile", "--headless", "--convert-to", "pdf", "--outdir", str(work), str(docx)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf_page_png(work / (docx.stem + ".pdf"), png)


def html_png(html: Path, png: Path, work: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
    shot = work / "shot.png"
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--user-data-dir={work}/chromium",
         "--window-size=1100,1400", f"--screenshot={shot}", html.resolve().as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )
    from PIL import Image

    with Image.open(shot) as im:
        im.convert("RGB").resize((550, 700)).save(png, optimize=True)
    small(png)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img" / "gallery")
    parser.add_argument("--slug", default="csco-2025-ma-jun")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    editions = sorted(p.name for p in args.dist.iterdir() if p.is_dir() and (p / f"{args.slug}.html").exists())
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for edition in editions:
            for fmt in ("pdf", "docx", "html"):
                source = args.dist / edition / f"{args.slug}.{fmt}"
                if not source.exists():
                    continue
                png = args.out / f"{edition}-{fmt}.png"
                {"pdf": lambda s, p: pdf_page_png(s, p), "docx": lambda s, p: docx_page_png(s, p, work), "html": lambda s, p: html_png(s, p, work)}[fmt](source, png)
                print(png.relative_to(ROOT) if png.is_relative_to(ROOT) else png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
