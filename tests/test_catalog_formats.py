"""Catalogs as PO tools write them survive ``colloquy update``: wrapped by ``msgcat --width=79``,
with the header Poedit writes, with comments and flags; a BOM is refused; and real catalogs
shipped inside well-known wheels are read and written back unchanged (tests/data/third_party)."""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import polib
import pytest

from catalog_support import ARTICLE_REL, PO_REL, colloquy, copy_project, entry_span, msgid_line, replace_once
from colloquy.diagnostics import Report
from colloquy.i18n.pofile import read_catalog

UI_REL = "locales/zh_CN/LC_MESSAGES/ui.po"
THIRD_PARTY = Path(__file__).parent / "data" / "third_party"
REAL_CATALOGS = sorted(THIRD_PARTY.glob("*.po"))
Q1_MJ_27 = "CSCO has undergone 27 years of development"


def msgcat(data: bytes, *args: str) -> bytes:
    """GNU msgcat's rewriting of a catalog (``--no-wrap``, ``--width=79`` …)."""
    proc = subprocess.run(["msgcat", *args, "-"], input=data, capture_output=True, check=True)
    return proc.stdout


def columns(line: str) -> int:
    """A line's width in columns, as GNU gettext counts it (a CJK character takes two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in line)


def assert_valid_po(path: Path) -> None:
    proc = subprocess.run(["msgfmt", "-c", "--check-format", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def changed_lines(before: str, after: str) -> list[tuple[range, range]]:
    """The (old lines, new lines) of each change between two texts, 1-based."""
    a, b = before.split("\n"), after.split("\n")
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return [(range(i1 + 1, i2 + 1), range(j1 + 1, j2 + 1)) for tag, i1, i2, j1, j2 in ops if tag != "equal"]


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("formats") / "project")
    colloquy(project, "update")
    return project


@pytest.fixture
def proj(prepared: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(prepared, tmp_path / "project"))


# ------------------------------------------------------------------ wrapped at 79 (msgcat, Poedit)


def test_catalogs_rewrapped_by_msgcat_at_79_are_left_byte_for_byte_by_update(proj: Path) -> None:
    for rel in (PO_REL, UI_REL):
        path = proj / rel
        path.write_bytes(msgcat(path.read_bytes(), "--width=79"))
    wrapped = {rel: (proj / rel).read_bytes() for rel in (PO_REL, UI_REL)}
    assert wrapped[PO_REL].count(b'msgid ""\n"') > 10, "msgcat should have wrapped the long texts"

    run = colloquy(proj, "update")
    assert f"{PO_REL}: unchanged" in run.output and f"{UI_REL}: unchanged" in run.output
    for rel, data in wrapped.items():
        assert (proj / rel).read_bytes() == data, f"{rel} changed"


def test_an_edit_in_a_catalog_wrapped_at_79_changes_only_its_entry_and_stays_within_79_columns(proj: Path) -> None:
    path = proj / PO_REL
    path.write_bytes(msgcat(path.read_bytes(), "--width=79"))
    before = path.read_text(encoding="utf-8")
    article = proj / ARTICLE_REL
    replace_once(article, Q1_MJ_27, Q1_MJ_27.replace("27 years", "28 years"))

    run = colloquy(proj, "update")
    assert f"{PO_REL}: updated (1 fuzzy)" in run.output
    after = path.read_text(encoding="utf-8")
    assert_valid_po(path)
    assert all(columns(line) <= 79 for line in after.split("\n")), [line for line in after.split("\n") if columns(line) > 79]
    old_lines, new_lines = before.split("\n"), after.split("\n")
    old_at = next(n for n, line in enumerate(old_lines, 1) if "CSCO has undergone 27 years" in line)
    new_at = next(n for n, line in enumerate(new_lines, 1) if "CSCO has undergone 28 years" in line)
    old_entry, new_entry = entry_span(old_lines, old_at), entry_span(new_lines, new_at)
    for removed, added in changed_lines(before, after):
        if all(old_lines[n - 1].startswith('"POT-Creation-Date: ') for n in removed) and all(
            new_lines[n - 1].startswith('"POT-Creation-Date: ') for n in added
        ):
            continue
        assert all(n in old_entry for n in removed), [old_lines[n - 1] for n in removed]
        assert all(n in new_entry for n in added), [new_lines[n - 1] for n in added]
    # the entry is fuzzy, with its previous text, both wrapped
    entry = polib.pofile(after).find(Q1_MJ_27.replace("27", "28"), by="msgid") or next(
        e for e in polib.pofile(after) if e.msgid.startswith(Q1_MJ_27.replace("27", "28"))
    )
    assert entry.fuzzy and entry.previous_msgid and entry.previous_msgid.startswith(Q1_MJ_27)
    assert '#| msgid ""' in after


def test_obsolete_and_restored_entries_of_a_catalog_wrapped_at_79_keep_to_79_columns(proj: Path) -> None:
    """``#~`` and ``#~|`` lines count their prefix, as GNU gettext's do; an entry that comes back
    is wrapped at the full width again."""
    path = proj / PO_REL
    path.write_bytes(msgcat(path.read_bytes(), "--width=79"))
    wrapped = path.read_text(encoding="utf-8")
    article = proj / ARTICLE_REL
    original = article.read_text(encoding="utf-8")
    paragraph = next(p for p in original.split("\n\n") if p.startswith("@MJ: " + Q1_MJ_27))
    theme = next(p for p in original.split("\n\n") if p.startswith("This year’s theme"))
    edited = paragraph.replace("27 years", "28 years")
    replace_once(article, paragraph, edited)
    colloquy(proj, "update")  # fuzzy, with a #| previous msgid
    replace_once(article, edited + "\n\n", "")
    replace_once(article, theme + "\n\n", "")
    run = colloquy(proj, "update")  # the fuzzy entry and a translated one become obsolete
    assert "2 obsolete" in run.output
    text = path.read_text(encoding="utf-8")
    assert "\n#~| msgid " in text and "\n#~ msgstr " in text
    assert all(columns(line) <= 79 for line in text.split("\n")), [line for line in text.split("\n") if columns(line) > 79]
    # (the lines break where Translate Toolkit's gettext-compatible wrapper breaks them; GNU
    # gettext 0.21 breaks some of them before a “ rather than after it)
    assert_valid_po(path)
    article.write_text(original.replace(paragraph + "\n\n", ""), encoding="utf-8")
    colloquy(proj, "update")  # the translated entry comes back, as it was, wrapped at 79
    back = path.read_text(encoding="utf-8")
    assert all(columns(line) <= 79 for line in back.split("\n"))
    assert f'\n#~ msgid ""\n#~ "{theme[:30]}' not in back
    before = next(e for e in polib.pofile(wrapped) if e.msgid == theme)
    after = next(e for e in polib.pofile(back) if e.msgid == theme)
    assert (after.msgstr, after.flags, after.obsolete) == (before.msgstr, before.flags, False)
    assert re.search(r'\nmsgid ""\n"This year’s theme emphasizes both standardization and innovation\. "\n', back)


# ------------------------------------------------------------------ Poedit's header, comments, flags

POEDIT_HEADER = """\
# Chinese (Simplified) translation of {domain}.
# Copyright (C) 2025 Oncology Frontier
# This file is distributed under the same license as the Colloquy package.
#
# Li Na <li.na@example.org>, 2025.
#
msgid ""
msgstr ""
"Project-Id-Version: Colloquy {domain}\\n"
"Report-Msgid-Bugs-To: translations@example.org\\n"
"POT-Creation-Date: {date}\\n"
"PO-Revision-Date: 2025-09-12 18:40+0800\\n"
"Last-Translator: Li Na <li.na@example.org>\\n"
"Language-Team: Chinese (simplified) <zh_CN@li.org>\\n"
"Language: zh_CN\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"X-Generator: Poedit 3.4\\n"
"X-Poedit-SourceCharset: UTF-8\\n"
"X-Poedit-Basepath: ../../..\\n"
"X-Poedit-KeywordsList: _;gettext;ngettext:1,2\\n"
"X-Bugs: Report translation errors to the Language-Team address.\\n"
"Generated-By: Babel 2.17.0\\n"
"X-Poedit-SearchPath-0: articles\\n"
"""

TRANSLATOR_NOTE = "# Checked against the printed issue.\n#\n# Li Na, 2025-09-12\n"


def poedit_save(path: Path) -> None:
    """Give a catalog Poedit's header, a translator's note with a blank ``#`` line, and wrap it
    at 79 columns, as Poedit saves a file."""
    text = path.read_text(encoding="utf-8")
    header, _, body = text.partition("\n\n")
    date = next(line for line in header.split("\n") if line.startswith('"POT-Creation-Date: '))[20:-3]
    text = POEDIT_HEADER.format(domain=path.stem, date=date) + "\n" + body
    path.write_bytes(msgcat(text.encode("utf-8"), "--width=79"))


def test_a_catalog_saved_by_poedit_survives_update_unchanged(proj: Path) -> None:
    seed, ui = proj / PO_REL, proj / UI_REL
    for path in (seed, ui):
        poedit_save(path)
    text = seed.read_text(encoding="utf-8")
    at = text.index("#. colloquy: id=u4 ")
    seed.write_text(text[:at] + TRANSLATOR_NOTE + text[at:], encoding="utf-8")
    saved = {path: path.read_bytes() for path in (seed, ui)}
    assert b"#, python-format\n" in saved[ui] and b"#, python-brace-format\n" in saved[ui]

    run = colloquy(proj, "update")
    assert "unchanged" in run.output and "updated" not in run.output, run.output
    for path, data in saved.items():
        assert path.read_bytes() == data, f"{path.name} changed"

    # an article edit changes the catalog where it must, and nothing of what Poedit wrote
    replace_once(proj / ARTICLE_REL, Q1_MJ_27, Q1_MJ_27.replace("27 years", "28 years"))
    colloquy(proj, "update")
    after = seed.read_text(encoding="utf-8")
    assert after.startswith(POEDIT_HEADER.format(domain=seed.stem, date="").split('"POT-Creation-Date')[0])
    fields = [line for line in after.split("\n\n")[0].split("\n") if line.startswith('"')]
    before_fields = [line for line in saved[seed].decode().split("\n\n")[0].split("\n") if line.startswith('"')]
    assert [f for f in fields if "POT-Creation-Date" not in f] == [f for f in before_fields if "POT-Creation-Date" not in f]
    assert TRANSLATOR_NOTE + "#. colloquy: id=u4 " in after
    assert_valid_po(seed)


def test_references_are_regenerated_from_the_source_as_msgmerge_does(proj: Path) -> None:
    """A ``#:`` line a tool rewrote (or a translator edited) is the template's again after update."""
    path = proj / PO_REL
    at = msgid_line(path, "Hematology Frontier")
    lines = path.read_text(encoding="utf-8").split("\n")
    ref = next(n for n in entry_span(lines, at) if lines[n - 1].startswith("#: "))
    original = lines[ref - 1]
    lines[ref - 1] = "#: somewhere/else.md:1"
    path.write_text("\n".join(lines), encoding="utf-8")
    colloquy(proj, "update")
    assert path.read_text(encoding="utf-8").split("\n")[ref - 1] == original


# ------------------------------------------------------------------ a byte order mark


@pytest.mark.parametrize("command", ["update", "check"])
def test_a_catalog_with_a_bom_is_refused_with_a_message_that_names_it(proj: Path, command: str) -> None:
    path = proj / PO_REL
    data = b"\xef\xbb\xbf" + path.read_bytes()
    path.write_bytes(data)
    run = colloquy(proj, command, expect=2)
    line = next(line for line in run.lines() if line.startswith(f"{PO_REL}:1:1: error:"))
    assert "byte order mark (BOM)" in line and "save it as UTF-8 without BOM" in line
    assert path.read_bytes() == data


# ------------------------------------------------------------------ real third-party catalogs


def _polib_view(data: bytes) -> list[tuple[object, ...]]:
    """Every entry as polib (an independent reader) sees it."""
    po = polib.pofile(data.decode("utf-8"), wrapwidth=0)
    return [
        (
            e.msgctxt,
            e.msgid,
            e.msgid_plural,
            e.msgstr,
            tuple(sorted(e.msgstr_plural.items())),
            tuple(e.flags),
            e.obsolete,
            e.previous_msgid,
            e.comment,
            e.tcomment,
        )
        for e in po
    ]


def _variants(path: Path, tmp_path: Path) -> dict[str, bytes]:
    """The catalog as shipped, rewritten by msgcat without wrapping and at 79, and updated by
    msgmerge --previous against a template where some texts changed (fuzzy, ``#|``) and some
    are gone (obsolete ``#~``)."""
    data = path.read_bytes()
    pot = tmp_path / "template.pot"
    subprocess.run(["msgfilter", "-i", str(path), "--keep-header", "-o", str(pot), "sed", "-e", "s/.*//"], check=True, capture_output=True)
    blocks = pot.read_text(encoding="utf-8").split("\n\n")
    kept = [b.replace('msgid "', 'msgid "Changed: ', 1) if n % 9 == 4 else b for n, b in enumerate(blocks) if n == 0 or n % 7 != 3]
    pot.write_text("\n\n".join(kept), encoding="utf-8")
    merged = tmp_path / "merged.po"
    subprocess.run(["msgmerge", "-q", "--previous", "-o", str(merged), str(path), str(pot)], check=True, capture_output=True)
    return {
        "as shipped": data,
        "no-wrap": msgcat(data, "--no-wrap"),
        "width 79": msgcat(data, "--width=79"),
        "msgmerge": merged.read_bytes(),
    }


@pytest.mark.parametrize("path", REAL_CATALOGS, ids=[p.name for p in REAL_CATALOGS])
def test_real_catalogs_are_read_and_written_back_unchanged(path: Path, tmp_path: Path) -> None:
    variants = _variants(path, tmp_path)
    merged = variants["msgmerge"]
    assert b"\n#~ msgid " in merged and b"\n#| msgid " in merged and b"#, fuzzy" in merged
    for name, data in variants.items():
        report = Report()
        cat = read_catalog(data, path.name, report, "zh_CN", path.stem)
        assert cat is not None and not report.items, (name, [d.format() for d in report.items])
        written = cat.to_bytes()
        again = read_catalog(written, path.name, report, "zh_CN", path.stem)
        assert again is not None and not report.items, (name, [d.format() for d in report.items])
        assert msgcat(written, "--no-wrap") == msgcat(data, "--no-wrap"), name
        assert written == data, f"{name}: not byte-identical"
        assert again.to_bytes() == data
        # what Colloquy reads is what an independent reader reads
        entries = {(e.context, e.msgid): e for e in (*again.entries, *again.obsolete)}
        view = _polib_view(data)
        assert len(entries) == len(view)
        for ctx, msgid, plural, msgstr, plurals, flags, obsolete, previous, _comment, _tcomment in view:
            e = entries[(ctx, msgid)]
            assert e.plural == (plural or None)
            assert e.strings == ([v for _, v in plurals] if plural else [msgstr])
            assert e.flags == list(flags) and e.obsolete == obsolete
            assert e.previous == previous


def test_the_real_catalogs_cover_what_they_are_here_for() -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in REAL_CATALOGS)
    for needle in ("msgid_plural", "msgctxt", "#, python-format", '\nmsgid ""\n"', "\n# \n", "\n#\n"):
        assert needle in text, needle
