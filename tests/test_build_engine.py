"""The build engine: what rebuilds for which change, no-op builds, removed articles,
a failing output that does not stop the others, byte-identical builds in two folders."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from catalog_support import ARTICLE_REL, PO_REL, SLUG, colloquy, copy_project, snapshot

FAST = ("--format", "html", "--format", "docx")  # PDFs are covered by test_html_pdf_outputs


def built(run_output: str) -> set[str]:
    """The edition outputs a build says it built (plain progress lines: not a terminal)."""
    return {name for name in re.findall(r"^\s+built (\S+) \(", run_output, re.M) if not name.startswith("media/")}


def stamps(dist: Path) -> dict[str, int]:
    return {str(p.relative_to(dist)): p.stat().st_mtime_ns for p in dist.rglob("*") if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = copy_project(tmp_path / "p")
    colloquy(root, "build", *FAST, "-j", "1")
    return root


def test_first_build_writes_every_output_and_the_indexes(project: Path) -> None:
    dist = project / "dist"
    for edition in ("en", "zh-CN", "bilingual"):
        for fmt in ("html", "docx"):
            assert (dist / edition / f"{SLUG}.{fmt}").is_file()
        assert (dist / edition / "index.html").is_file()
    assert (dist / "index.html").is_file()


def test_noop_build_touches_nothing_and_imports_no_writer(project: Path) -> None:
    before = stamps(project / "dist")
    probe = (
        "import sys; from colloquy.cli import main; code = main(['build', '--format', 'html', '--format', 'docx']);"
        "print('HEAVY', sorted(m for m in ('weasyprint', 'docx', 'babel', 'markdown_it') if m in sys.modules)); sys.exit(code)"
    )
    proc = subprocess.run([sys.executable, "-c", probe], cwd=project, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "HEAVY []" in proc.stdout
    assert "0 built, 7 up to date" in proc.stderr  # six outputs and the article's media folder
    assert stamps(project / "dist") == before


def test_chinese_msgstr_change_rebuilds_only_chinese_and_bilingual(project: Path) -> None:
    po = project / PO_REL
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "血液瞭望"', 'msgstr "血液瞭望频道"', 1), encoding="utf-8")
    run = colloquy(project, "build", *FAST, "-j", "1")
    assert built(run.output) == {f"{e}/{SLUG}.{f}" for e in ("zh-CN", "bilingual") for f in ("html", "docx")}


def test_source_change_rebuilds_every_edition(project: Path) -> None:
    article = project / ARTICLE_REL
    article.write_text(article.read_text(encoding="utf-8").replace("27 years of development", "27 years of steady development"), encoding="utf-8")
    run = colloquy(project, "build", *FAST, "-j", "1")
    assert built(run.output) == {f"{e}/{SLUG}.{f}" for e in ("en", "zh-CN", "bilingual") for f in ("html", "docx")}


def test_interface_catalog_change_rebuilds_its_locale_only(project: Path) -> None:
    ui = project / "locales/zh_CN/LC_MESSAGES/ui.po"
    ui.write_text(ui.read_text(encoding="utf-8").replace('msgstr "专家介绍"', 'msgstr "专家简介"'), encoding="utf-8")
    run = colloquy(project, "build", *FAST, "-j", "1")
    assert built(run.output) == {f"{e}/{SLUG}.{f}" for e in ("zh-CN", "bilingual") for f in ("html", "docx")}
    assert "专家简介" in (project / "dist/zh-CN" / f"{SLUG}.html").read_text(encoding="utf-8")


def test_template_change_rebuilds_the_html_only(project: Path) -> None:
    css = project / "templates/css/screen.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    run = colloquy(project, "build", *FAST, "-j", "1")
    # the DOCX writer reads no template, but the digest is conservative: templates are an input of every output
    assert {f"{e}/{SLUG}.html" for e in ("en", "zh-CN", "bilingual")} <= built(run.output)


def test_removed_article_removes_its_outputs_and_index_entries(project: Path) -> None:
    second = project / "articles" / "second-interview"
    shutil.copytree(project / "articles" / SLUG, second)
    md = second / "article.md"
    md.write_text(md.read_text(encoding="utf-8").replace(f"slug: {SLUG}", "slug: second-interview"), encoding="utf-8")
    colloquy(project, "build", *FAST, "-j", "1")
    assert (project / "dist/en/second-interview.html").exists()
    assert "second-interview.html" in (project / "dist/en/index.html").read_text(encoding="utf-8")
    shutil.rmtree(second)
    run = colloquy(project, "build", *FAST, "-j", "1")
    assert "removed" in run.output
    for edition in ("en", "zh-CN", "bilingual"):
        assert not list((project / "dist" / edition).glob("second-interview.*"))
        assert "second-interview" not in (project / "dist" / edition / "index.html").read_text(encoding="utf-8")
    assert "second-interview" not in (project / "dist/index.html").read_text(encoding="utf-8")


def test_a_failing_output_does_not_stop_the_others(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    bad = root / "articles" / "bad-glyph"
    shutil.copytree(root / "articles" / SLUG, bad)
    md = bad / "article.md"
    # U+1D504 MATHEMATICAL FRAKTUR CAPITAL A: in no font of the editions — a box if it were drawn
    md.write_text(
        md.read_text(encoding="utf-8").replace(f"slug: {SLUG}", "slug: bad-glyph").replace("27 years of development", "27 years of \U0001d504 development"),
        encoding="utf-8",
    )
    run = colloquy(root, "build", *FAST, "-j", "2", expect=1)
    assert {f"{e}/{SLUG}.{f}" for e in ("en", "zh-CN", "bilingual") for f in ("html", "docx")} <= built(run.output)
    failures = [line for line in run.lines() if line.startswith("articles/bad-glyph/article.md:")]
    assert failures and all("error:" in line and "bad-glyph." in line for line in failures)
    assert any("U+1D504" in line for line in failures)
    assert "Traceback" not in run.output
    assert not (root / "dist/en/bad-glyph.html").exists()


def test_two_folders_build_byte_identical_trees(tmp_path: Path) -> None:
    one = copy_project(tmp_path / "one")
    two = copy_project(tmp_path / "somewhere" / "else" / "two")
    colloquy(one, "build", *FAST, "-j", "2")
    colloquy(two, "build", *FAST, "-j", "1")
    a, b = snapshot(one / "dist"), snapshot(two / "dist")
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the ldconfig look-up is Linux's")
def test_weasyprint_library_lookup_matches_ctypes() -> None:
    """load_weasyprint() answers cffi's library look-ups from one `ldconfig -p` listing: for every
    library WeasyPrint opens, the answer is the one ctypes.util.find_library gives."""
    import ctypes.util

    from colloquy.writers.pdf import _from_listing, _ldconfig_listing

    listing = _ldconfig_listing()
    assert "libc.so.6" in listing
    for name in ("gobject-2.0", "pango-1.0", "harfbuzz", "harfbuzz-subset", "fontconfig", "pangoft2-1.0", "c"):
        assert _from_listing(listing, name) == ctypes.util.find_library(name), name
    assert _from_listing(listing, "libgobject-2.0-0") is None  # a Windows name: not in the listing
