"""Concurrency: two builds at once on one project, and an update racing a translator's edit.

``build``, ``extract`` and ``update`` hold an exclusive lock on the project folder: a second
run waits, and says who it waits for (``build/.lock`` names the holder). ``update`` reads
every catalog before it writes any, and never replaces a catalog that changed on disk after
it read it — compared by modification time, size and content hash, just before the rename,
so that an edit within the file system's time resolution is caught too.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from colloquy.cli import main
from hardening_support import ARTICLE, CATALOG, diagnostics, leftovers, minimal_project, output_problems, start


def test_two_builds_at_once_both_succeed_the_second_waits(tmp_path: Path) -> None:
    project = minimal_project(tmp_path / "project")
    (project / "build").mkdir()  # where the holder of the lock is noted
    note = project / "build" / ".lock"
    first = start(project, "build", "-j", "2")
    deadline = time.monotonic() + 30
    while not note.exists():  # the first run holds the lock
        assert first.poll() is None, "the first build ended before it was seen holding the lock"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    second = start(project, "build", "-j", "2")
    out1, err1 = first.communicate(timeout=120)
    out2, err2 = second.communicate(timeout=120)
    assert first.returncode == 0, err1
    assert second.returncode == 0, err2
    for text in (out1, err1, out2, err2):
        assert "Traceback" not in text
    assert re.search(rf"^colloquy: waiting for 'colloquy build' \(pid {first.pid}, since \d\d:\d\d:\d\d\) to finish …$", err2, re.M), err2
    assert "build: 13 built" in err1  # nine outputs, the media folder, the two WeChat editions and their folder
    assert "0 built, 13 up to date" in err2  # it waited, then found everything built
    assert not diagnostics(err1 + err2)
    assert output_problems(project / "dist") == []
    assert leftovers(project / "dist", project / "build") == []
    assert not note.exists()


@pytest.fixture
def updating(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The minimal project, its article changed so that an update rewrites the catalog;
    commands run in this process, from the project folder."""
    project = minimal_project(tmp_path / "project")
    source = project / ARTICLE
    source.write_text(source.read_text(encoding="utf-8").replace("What stood out this year?", "What stood out at ASCO this year?"), encoding="utf-8")
    monkeypatch.chdir(project)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return project


def edit_during_merge(monkeypatch: pytest.MonkeyPatch, catalog: Path, *, keep_mtime: bool) -> bytes:
    """Make the translator save ``catalog`` while the update merges it (after the update read
    it, before it writes it); returns what the translator saved."""
    import colloquy.i18n.update as update_module

    real_merge = update_module.merge
    text = catalog.read_text(encoding="utf-8")
    edited = text.replace('msgstr "新疗法"', 'msgstr "新药物"')  # same length in bytes: only the content differs
    assert edited != text and len(edited.encode()) == len(text.encode())
    before = catalog.stat()

    def merge(template, old, locale, *args, **kwargs):  # type: ignore[no-untyped-def]
        if old is not None and old.domain == catalog.stem:
            catalog.write_text(edited, encoding="utf-8")
            if keep_mtime:  # an edit within the file system's time resolution
                os.utime(catalog, ns=(before.st_atime_ns, before.st_mtime_ns))
        return real_merge(template, old, locale, *args, **kwargs)

    monkeypatch.setattr(update_module, "merge", merge)
    return edited.encode()


@pytest.mark.parametrize("keep_mtime", [False, True], ids=["new-mtime", "same-mtime-and-size"])
def test_update_never_overwrites_a_catalog_edited_meanwhile(
    updating: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], keep_mtime: bool
) -> None:
    catalog = updating / CATALOG
    saved = edit_during_merge(monkeypatch, catalog, keep_mtime=keep_mtime)
    code = main(["update"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert f"{CATALOG}:1: error: the catalog changed on disk while it was being updated: it was left as it is — run 'make update' again" in err
    assert catalog.read_bytes() == saved  # the translator's edit is kept
    assert leftovers(updating / "locales") == []


def test_update_without_a_concurrent_edit_writes_the_catalog(updating: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalog = updating / CATALOG
    before = catalog.read_bytes()
    assert main(["update"]) == 0, capsys.readouterr().err
    assert catalog.read_bytes() != before
    assert 'msgid "What stood out at ASCO this year?"' in catalog.read_text(encoding="utf-8")


def test_two_updates_at_once_both_succeed(tmp_path: Path) -> None:
    """The lock holds for update too: two at once both succeed, one after the other."""
    project = minimal_project(tmp_path / "project")
    (project / "build").mkdir()
    runs = [start(project, "update") for _ in range(2)]
    outputs = [r.communicate(timeout=60) for r in runs]
    for r, (out, err) in zip(runs, outputs, strict=True):
        assert r.returncode == 0, err
        assert "Traceback" not in out + err
    assert leftovers(project / "locales") == []
