"""The WeChat edition pasted as the web desk pastes it (issue 15): opened in Chromium, everything
selected and copied with the keyboard, pasted with the keyboard into an editable area (the
Official Account editor is one), and compared with the page: the same texts, each with the same
look (colour, size, weight, font, line height, alignment, indentation, spacing, the box around
it), the same images at the same widths, the portraits beside the profiles.

A browser's copy does not carry every style: it drops what an element would only inherit (the
line height), turns percentages into the copying window's pixels, and may drop a ``<br>``. The
WeChat templates are written so that nothing they show depends on those; this test is what
finds out when a change does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

SIGNATURE = r"""
(root) => {
  const boxOf = (el) => {
    for (let e = el; e && e !== root; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.backgroundColor !== 'rgba(0, 0, 0, 0)' || cs.borderLeftWidth !== '0px' || cs.borderTopWidth !== '0px')
        return [cs.backgroundColor, cs.borderLeftWidth, cs.borderLeftColor, cs.borderTopWidth, cs.borderTopColor, cs.borderRadius].join(' ');
    }
    return '';
  };
  const blockOf = (el) => { let e = el; while (e !== root && getComputedStyle(e).display.startsWith('inline')) e = e.parentElement; return e; };
  const texts = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n.nodeValue.replace(/\s+/g, ' ').trim();
    if (!t) continue;
    const el = n.parentElement, cs = getComputedStyle(el), b = blockOf(el), bs = getComputedStyle(b);
    texts.push({text: t, color: cs.color, size: cs.fontSize, weight: cs.fontWeight, family: cs.fontFamily,
      background: cs.backgroundColor, spacing: cs.letterSpacing, lineHeight: bs.lineHeight, align: bs.textAlign,
      indent: bs.textIndent, paddingLeft: bs.paddingLeft, margin: bs.marginTop + ' ' + bs.marginBottom,
      borderBottom: bs.borderBottomWidth + ' ' + bs.borderBottomColor, box: boxOf(el)});
  }
  const images = [...root.querySelectorAll('img')].map(i => ({alt: i.alt, width: Math.round(i.getBoundingClientRect().width), radius: getComputedStyle(i).borderRadius}));
  const beside = [...root.querySelectorAll('img')].map(i => {
    const r = i.getBoundingClientRect();
    const row = [...root.querySelectorAll('p')].find(p => { const q = p.getBoundingClientRect(); return q.top < r.bottom && q.bottom > r.top && q.left >= r.right; });
    return row ? row.textContent.trim() : null;
  });
  return {texts, images, beside};
}
"""

EDITOR = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>editor</title></head>
<body style="margin:0"><div id="editor" contenteditable="true" style="max-width:677px;margin:0 auto;padding:16px 14px;box-sizing:border-box;min-height:50px"></div></body></html>"""


def same(value: str) -> str:
    """A computed value as the reader sees it: "left" and "start" align alike in a left-to-right
    page (a copy drops "text-align: left" as the default)."""
    return "start" if value == "left" else value


@pytest.fixture(scope="module")
def context(browser: Any) -> Any:
    ctx = browser.new_context()
    ctx.grant_permissions(["clipboard-read", "clipboard-write"])
    yield ctx
    ctx.close()


def pasted(context: Any, source: Path, width: int, editor_file: Path) -> tuple[dict[str, Any], dict[str, Any], str]:
    """The page's signature, the pasted copy's, and the copy's HTML. The editor is a file page (a
    blank page may not show the pasted images, which are files)."""
    page = context.new_page()
    editor = context.new_page()
    try:
        for p in (page, editor):
            p.set_viewport_size({"width": width, "height": 900})
        page.goto(source.as_uri())
        page.keyboard.press("Control+A")
        page.keyboard.press("Control+C")
        original = page.evaluate(SIGNATURE, page.locator("body > section").element_handle())
        editor_file.write_text(EDITOR, encoding="utf-8")
        editor.goto(editor_file.as_uri())
        editor.click("#editor")
        editor.keyboard.press("Control+V")
        editor.wait_for_function("document.querySelector('#editor').textContent.length > 100")
        copy = editor.evaluate(SIGNATURE, editor.locator("#editor").element_handle())
        html = editor.eval_on_selector("#editor", "e => e.innerHTML")
        return original, copy, html
    finally:
        page.close()
        editor.close()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize(
    "name",
    [
        "csco-2025-ma-jun.html",
        "csco-2025-ma-jun.bilingual.html",
        "icml-2025-roundtable-part-1.html",
        "icml-2025-roundtable-part-1.bilingual.html",
        "ash-2025-car-t-roundtable.html",
        "eha-2025-myeloma-two-experts.bilingual.html",
    ],
)
def test_the_styles_survive_a_browsers_paste(site_project: Path, context: Any, name: str, width: int, tmp_path: Path) -> None:
    source = site_project / "dist" / "wechat" / name
    original, copy, html = pasted(context, source, width, tmp_path / "editor.html")
    assert all(i["width"] < 100 for i in original["images"])  # every image loaded (the fixture's are 48 or 88 px wide)
    assert "class=" not in html and "<style" not in html and "<a " not in html
    assert [t["text"] for t in copy["texts"]] == [t["text"] for t in original["texts"]]
    lost = [(a["text"][:30], key, a[key], b[key]) for a, b in zip(original["texts"], copy["texts"], strict=True) for key in a if same(a[key]) != same(b[key])]
    assert lost == [], f"{name} at {width} px: styles lost in the paste: {lost[:8]}"
    assert copy["images"] == original["images"]
    assert copy["beside"] == original["beside"]  # the portraits stay beside their profiles
    if name.startswith("icml-2025-roundtable-part-1"):
        assert [b for b in original["beside"] if b] == ["朱军教授", "马军教授"]
