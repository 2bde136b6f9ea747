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
import os
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
def load_weasyprint() -> None:
    """Import WeasyPrint, faster than ``import weasyprint`` does it on Linux.

    WeasyPrint opens Pango, GLib, HarfBuzz… through cffi, trying several names for each library
    (``gobject-2.0``, ``libgobject-2.0-0``, ``libgobject-2.0.so.0``, …); for each name that does
    not load as it is, cffi asks :func:`ctypes.util.find_library`, which runs ``ldconfig -p``, then
    ``gcc`` and ``ld`` for the names it does not know: 22 look-ups and dozens of processes, 0.12 s
    of the 0.29 s import on the reference machine (docs/performance.md). While WeasyPrint is
    imported, the look-up reads one ``ldconfig -p`` listing instead, with the same rule as
    ctypes (the first entry ``lib<name>.…`` of this machine's ABI); a name it does not list is
    looked up the usual way only when ``LD_LIBRARY_PATH`` could hold it."""
    import ctypes.util
    import sys

    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        import weasyprint

        return
    listing = _ldconfig_listing()
    original = ctypes.util.find_library

    def find_library(name: str) -> str | None:
        found = _from_listing(listing, name)
        if found is None and os.environ.get("LD_LIBRARY_PATH"):
            return original(name)
        return found

    ctypes.util.find_library = find_library
    try:
        import weasyprint  # noqa: F401
    finally:
        ctypes.util.find_library = original


def _ldconfig_listing() -> str:
    """``ldconfig -p`` (what ctypes reads first), or "" when it cannot be run."""
    import subprocess

    for ldconfig in ("/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig"):
        try:
            done = subprocess.run([ldconfig, "-p"], capture_output=True, env={"LC_ALL": "C", "LANG": "C"}, timeout=10, check=False)
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0:
            return os.fsdecode(done.stdout)
    return ""


def _from_listing(listing: str, name: str) -> str | None:
    """The soname ctypes' ``_findSoname_ldconfig`` finds for ``name`` in an ``ldconfig -p`` listing."""
    import re
    import struct

    machine = os.uname().machine + ("-64" if struct.calcsize("l") == 8 else "-32")
    abi = {
        "x86_64-64": "libc6,x86-64",
        "ppc64-64": "libc6,64bit",
        "sparc64-64": "libc6,64bit",
        "s390x-64": "libc6,64bit",
        "ia64-64": "libc6,IA-64",
    }.get(machine, "libc6")
    m = re.search(rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\({re.escape(abi)}", listing)
    return m[1] if m else None


@cache
def font_config() -> Any:
    load_weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


class RefusedResource(Exception):
    pass


def make_fetcher(allowed: tuple[Path, ...], refused: list[str]) -> Any:
    """A WeasyPrint URL fetcher confined to ``allowed`` folders and ``data:`` URLs."""
    load_weasyprint()
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
    load_weasyprint()
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
