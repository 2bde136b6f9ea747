"""The site's pages in headless Chromium (issue 15), on the test project of tests/web_support.py
(the seed and a two-part roundtable with every shape, a site address): every page fits a phone
(375 px) and a desktop (1280 px); names and dates are never broken inside at any width; the dots
between items are never left at a line's start or end; a screenshot of every page at both widths
is written to ``build/screenshots/`` (look at them after a change of the templates).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "build" / "screenshots"
WIDTHS = (375, 1280)


def pages(dist: Path) -> list[str]:
    """Every page of the site and every WeChat page, relative to dist/."""
    return sorted(p.relative_to(dist).as_posix() for p in dist.rglob("*.html"))


@pytest.fixture(scope="module")
def site(site_project: Path) -> Path:
    return site_project / "dist"


def test_every_page_fits_both_widths_and_is_photographed(site: Path, browser: Any) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    found = pages(site)
    assert len(found) > 20
    wide = []
    for width in WIDTHS:
        page = browser.new_page(viewport={"width": width, "height": 900})
        try:
            for rel in found:
                page.goto((site / rel).as_uri())
                scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
                if scroll > inner:
                    wide.append(f"{rel} at {width} px: {scroll} px wide")
                page.screenshot(path=str(SHOTS / f"{rel.replace('/', '_').removesuffix('.html')}-{width}.png"), full_page=True)
        finally:
            page.close()
    assert wide == []


UNBROKEN = """
() => [...document.querySelectorAll('time, .name')]
    .filter(el => el.getClientRects().length > 1)
    .map(el => el.textContent)
"""


@pytest.mark.parametrize("width", [320, 375, 414, 768, 1024, 1280, 1920])
def test_names_and_dates_are_never_broken_inside(site: Path, browser: Any, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        for rel in ["index.html", "en/index.html", "zh-CN/index.html", "bilingual/index.html", "zh-CN/csco-2025-ma-jun.html", "bilingual/csco-2025-ma-jun.html"]:
            page.goto((site / rel).as_uri())
            assert page.locator("time").count() >= 1
            assert page.evaluate(UNBROKEN) == [], f"{rel} at {width} px"
    finally:
        page.close()


SEPARATORS = """
(narrow) => {
  const problems = [];
  for (const list of document.querySelectorAll('.inline-list')) {
    const outer = list.parentElement;
    if (narrow) outer.style.width = narrow + 'px';
    const clip = outer.getBoundingClientRect().left;
    // the items' first boxes, in lines: an item whose box starts above the bottom of the line so far is on it
    const items = [...list.children].map(el => el.getClientRects()[0]).sort((a, b) => a.top - b.top || a.left - b.left);
    const lines = [];
    for (const r of items) {
      const line = lines[lines.length - 1];
      if (line && r.top < line.bottom - 2) { line.lefts.push(r.left); line.bottom = Math.max(line.bottom, r.bottom); }
      else lines.push({lefts: [r.left], bottom: r.bottom});
    }
    for (const {lefts} of lines) {
      const first = Math.min(...lefts);
      // the first item of a line starts left of the clipping box by its dot's width: the dot is not seen
      if (!(first < clip - 4)) problems.push(`${outer.className}: a line starts with a visible dot`);
      for (const left of lefts) if (left !== first && left < clip) problems.push(`${outer.className}: an item outside the box`);
    }
    if (narrow && lines.length < 2 && list.children.length > 1) problems.push(`${outer.className}: did not wrap at ${narrow} px`);
  }
  return problems;
}
"""


@pytest.mark.parametrize("rel", ["index.html", "en/index.html", "zh-CN/index.html", "en/csco-2025-ma-jun.html", "zh-CN/icml-2025-roundtable-part-1.html"])
def test_no_dot_is_left_at_a_lines_start_or_end(site: Path, browser: Any, rel: str) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 900})
    try:
        page.goto((site / rel).as_uri())
        assert page.locator(".inline-list").count() >= 1
        assert page.evaluate(SEPARATORS, 0) == []
        page.goto((site / rel).as_uri())
        assert page.evaluate(SEPARATORS, 60) == []  # every list forced to wrap
    finally:
        page.close()
