"""The PDF writer: the print variant of the HTML page, laid out by WeasyPrint.

* fonts subset with HarfBuzz (``libharfbuzz-subset0``); without it WeasyPrint falls back
  on fontTools, about ten times slower on CJK fonts — :func:`subsetter` says which;
* one :class:`FontConfiguration` per process, reused by every document;
* a URL fetcher that reads only ``data:`` URLs and files inside the allowed folders (the
  article's folder): no network, no ``file:`` elsewhere, nothing through a symlink out;
* PDF/UA-1 (WeasyPrint's ``pdf/ua-1`` variant: tags, XMP metadata with the PDF/UA identifier),
  completed by :mod:`colloquy.writers.pdfua` (languages of the structure elements, artifacts,
  the outline shown on opening); metadata from the page's ``<meta>`` (title, author, subject,
  keywords, dates, language) and a stable identifier, so that the same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import logging
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from colloquy.fsutil import write_atomic
from colloquy.writers import pdfua
from colloquy.writers.base import Output


@cache
def subsetter() -> str:
    """"harfbuzz" when WeasyPrint will subset fonts with HarfBuzz, else "fonttools".

    WeasyPrint uses HarfBuzz's subsetter when ``libharfbuzz-subset`` loads and HarfBuzz is at
    least 4.1.0. This asks the libraries themselves (as WeasyPrint's loader does) without
    importing WeasyPrint, so that the main process of a parallel build does not pay for it."""
    import ctypes

    def load(*names: str) -> ctypes.CDLL | None:
        for name in names:
            try:
                return ctypes.CDLL(name)
            except OSError:
                continue
        return None

    subset = load("libharfbuzz-subset.so.0", "libharfbuzz-subset.0.dylib", "libharfbuzz-subset-0.dll")
    harfbuzz = load("libharfbuzz.so.0", "libharfbuzz.0.dylib", "libharfbuzz-0.dll")
    if subset is None or harfbuzz is None:
        return "fonttools"
    harfbuzz.hb_version_atleast.restype = ctypes.c_int
    return "harfbuzz" if harfbuzz.hb_version_atleast(4, 1, 0) else "fonttools"


@cache
def font_config() -> Any:
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


class RefusedResource(Exception):
    pass


def make_fetcher(allowed: tuple[Path, ...], refused: list[str]) -> Any:
    """A WeasyPrint URL fetcher confined to ``allowed`` folders and ``data:`` URLs."""
    from weasyprint.urls import URLFetcher

    roots = tuple(p.resolve() for p in allowed)

    class ConfinedFetcher(URLFetcher):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False, timeout=1)

        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                target = Path(unquote(urlsplit(url).path)).resolve()
                if any(target == r or r in target.parents for r in roots) and target.is_file():
                    return super().fetch(url, headers)
            refused.append(url)
            raise RefusedResource(f"refused to fetch {url}: only files inside the article's folder may be used")

    return ConfinedFetcher()


def render_pdf(html: str, out: Path, *, base_dir: Path, identifier: str, allowed: tuple[Path, ...] = ()) -> list[str]:
    """Lay out ``html`` (the print variant) into ``out``. Returns the URLs the fetcher refused
    (the caller reports them as errors; the PDF is not written then)."""
    from weasyprint import HTML

    refused: list[str] = []
    fetcher = make_fetcher((base_dir, *allowed), refused)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = HTML(string=html, base_url=str(base_dir) + "/", url_fetcher=fetcher).render(font_config=font_config(), pdf_tags=True)
    if refused:
        return refused
    pdfua.start()
    pdf = document.write_pdf(
        pdf_identifier=hashlib.sha256(identifier.encode()).hexdigest()[:32].encode(),
        pdf_variant="pdf/ua-1",
        pdf_tags=True,
        finisher=pdfua.finisher,
    )
    if refused:  # what is fetched while drawing (an SVG's own images) is refused here
        return refused
    write_atomic(out, pdf)
    return []


class PdfWriter:
    """The print variant of the HTML page, laid out by WeasyPrint."""

    format = "pdf"
    uses_fonts = True

    def write(self, output: Output) -> None:
        from colloquy.writers.html import render_article

        html = render_article(output, for_print=True)
        refused = render_pdf(html, output.path, base_dir=output.article_dir, identifier=output.name)
        if refused:
            raise ValueError("refused resources: " + ", ".join(refused))
