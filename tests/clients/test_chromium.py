"""The HTML editions in headless Chromium, on a phone's width and a desktop's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from shapes_support import SHAPE_SLUGS

SLUG = "csco-2025-ma-jun"
EDITIONS = ("en", "zh-CN", "bilingual")
WIDTHS = (375, 1280)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("edition", EDITIONS)
def test_an_article_page_fits_the_screen_and_shows_its_text(dist: Path, browser: Any, edition: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto((dist / edition / f"{SLUG}.html").as_uri())
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll <= inner, f"{edition} at {width} px: the page is {scroll} px wide"
        assert page.locator("h1").count() == 1
        # every image and font loaded; nothing fetched from the network (the page is self-contained)
        assert page.evaluate("document.fonts.status") == "loaded"
        questions = page.locator("h2.question")
        assert questions.count() == 3
        box = questions.first.bounding_box()
        assert box is not None and box["width"] <= width
        if edition == "bilingual" and width >= 1280:  # side by side on a desktop
            cells = page.locator(".row").nth(3).locator(".cell")
            a, b = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
            assert a is not None and b is not None and abs(a["y"] - b["y"]) < 2 and b["x"] > a["x"] + a["width"] - 1
    finally:
        page.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("edition", EDITIONS)
def test_the_other_shapes_fit_the_screen(dist: Path, browser: Any, edition: str, width: int) -> None:
    """The roundtable, the Chinese-source interview and the two-part series: profile cards with
    portraits, a video poster, the series links, all within the screen's width."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        for slug in SHAPE_SLUGS:
            page.goto((dist / edition / f"{slug}.html").as_uri())
            scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            assert scroll <= inner, f"{slug} ({edition}) at {width} px: the page is {scroll} px wide"
            # every image shows (portraits, the video's poster)
            broken = page.evaluate("[...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)")
            assert broken == [], broken
            for card in page.locator(".profile-card.with-portrait").all():  # the portrait beside the text
                portrait, body = card.locator(".portrait").bounding_box(), card.locator(".profile-text").bounding_box()
                assert portrait is not None and body is not None and body["x"] >= portrait["x"] + portrait["width"] - 1
    finally:
        page.close()
