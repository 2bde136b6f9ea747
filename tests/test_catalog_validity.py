"""The committed catalogs in the gettext ecosystem: GNU msgfmt, Babel, polib, pybabel extract."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from catalog_support import PO_REL, POT_REL, REPO, SLUG, colloquy, copy_project
from colloquy.diagnostics import Report
from colloquy.i18n import ui as labels
from colloquy.i18n.catalog import UNIT_COMMENT
from colloquy.i18n.extract import UI_KEYWORDS
from colloquy.i18n.pofile import load_catalog
from colloquy.i18n.stats import progress

CATALOGS = sorted((REPO / "locales").rglob("*.po")) + sorted((REPO / "locales").rglob("*.pot"))
#: the .venv/bin/pybabel script
PYBABEL = Path(sys.executable).parent / "pybabel"


def ids(path: Path) -> list[tuple[object, list[str], list[tuple[str, int | None]]]]:
    """(msgid, extracted comments but the machine-readable unit line, locations) of each entry, as Babel reads them."""
    with path.open("rb") as fh:
        return [(m.id, [c for c in m.auto_comments if not UNIT_COMMENT.match(c)], m.locations) for m in read_po(fh) if m.id]


def test_the_committed_catalogs_are_found() -> None:
    names = {str(p.relative_to(REPO)) for p in CATALOGS}
    assert {PO_REL, POT_REL, "locales/templates/ui.pot", "locales/zh_CN/LC_MESSAGES/ui.po"} <= names


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(REPO)))
def test_catalog_passes_msgfmt_check_and_loads_with_babel_polib_and_colloquy(path: Path) -> None:
    proc = subprocess.run(["msgfmt", "-c", "--check-format", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "error" not in proc.stderr.lower()

    data = path.read_bytes()
    cat = read_po(io.BytesIO(data), abort_invalid=True)
    gnu = polib.pofile(data.decode("utf-8"))
    babel_ids = [m.id for m in cat if m.id]
    assert babel_ids == [e.msgid for e in gnu if not e.obsolete]
    assert [m.string for m in cat if m.id] == [e.msgstr for e in gnu if not e.obsolete]
    keys = [(m.context, m.id) for m in cat if m.id]
    assert keys == [(e.msgctxt, e.msgid) for e in gnu if not e.obsolete]
    assert len(keys) == len(set(keys))

    report = Report()
    assert load_catalog(path, report) is not None
    assert not report.items


def test_the_chinese_seed_catalog_is_complete() -> None:
    cat = load_catalog(REPO / PO_REL, Report(), "zh_CN")
    assert cat is not None
    p = progress(cat, SLUG, "zh_CN")
    assert (p.translated, p.fuzzy, p.untranslated, p.obsolete) == (p.total, 0, 0, 0)
    assert p.total == len(cat.entries) > 40
    assert p.percent == 100.0 and p.percent_done == 100

    ui = load_catalog(REPO / "locales/zh_CN/LC_MESSAGES/ui.po", Report(), "zh_CN")
    assert ui is not None
    pu = progress(ui, "ui", "zh_CN")
    assert (pu.translated, pu.fuzzy, pu.untranslated) == (pu.total, 0, 0)


def test_colloquy_stats_shows_the_seed_100_percent_translated_0_fuzzy(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    run = colloquy(project, "stats")
    rows = [line.split() for line in run.stdout.splitlines() if line.startswith(SLUG)]
    assert len(rows) == 1, run.output
    slug, locale, translated, _tw, fuzzy, fuzzy_words, untranslated, _uw, obsolete, _ow, done = rows[0]
    assert (slug, locale) == (SLUG, "zh_CN")
    assert (fuzzy, fuzzy_words, untranslated, obsolete, done) == ("0", "(0w)", "0", "0", "100%")
    assert int(translated) == len([m for m in read_po((project / PO_REL).open("rb")) if m.id])


def test_pybabel_extract_gives_the_committed_template(tmp_path: Path) -> None:
    out = tmp_path / "out.pot"
    proc = subprocess.run(
        [str(PYBABEL), "extract", "-F", "babel.cfg", "-o", str(out), f"articles/{SLUG}"], cwd=REPO, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    extracted, committed = ids(out), ids(REPO / POT_REL)
    assert [m[0] for m in extracted] == [m[0] for m in committed]  # the same msgids in the same order
    assert extracted == committed  # with the same context comments and locations (the unit ids come from the last template)


def test_the_ui_template_has_every_label_of_the_writers() -> None:
    found = extract_from_file("python", labels.__file__, keywords=UI_KEYWORDS)
    marked = [message for _line, message, _comments, _context in found]
    assert "Expert Profile" in marked and "Q{number}" in marked
    assert {labels.EXPERT_PROFILE, labels.QUESTION_NUMBER, labels.EDITORS_NOTE} <= set(marked)
    template = {m[0] for m in ids(REPO / "locales/templates/ui.pot")}
    assert set(marked) <= template, sorted(set(marked) - template)
    catalog = {m[0] for m in ids(REPO / "locales/zh_CN/LC_MESSAGES/ui.po")}
    assert template <= catalog, sorted(template - catalog)


def test_every_interface_string_has_a_translator_comment() -> None:
    """A translator of the interface sees what each string is (and that "English" is the name of their own language)."""
    template = load_catalog(REPO / "locales/templates/ui.pot", Report())
    assert template is not None
    bare = [e.msgid for e in template if not any(c.strip() for c in e.auto_comments)]
    assert bare == []
    assert any("YOUR language" in c for c in template.get("English").auto_comments)  # type: ignore[union-attr]
