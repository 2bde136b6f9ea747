"""The outputs opened in the clients their readers use: Chromium (HTML) and LibreOffice (DOCX).
Run by ``make test-clients`` (which installs both); not part of ``make test``."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli_support import run_cli
from shapes_support import shapes_project

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
ZBARIMG = shutil.which("zbarimg")
#: how Chromium runs here: headless, and never reaching for the network it does not have
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project, with the interviews of other shapes (tests/shapes/), built once: every
    edition, every format."""
    project = shapes_project(tmp_path_factory.mktemp("clients") / "project")
    code, _out, err = run_cli(project, "build", jobs=2)
    assert code == 0, err
    return project / "dist"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (make test-clients installs it)")
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is in the clients extras: pip install -e '.[clients]'")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
