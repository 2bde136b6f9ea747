"""``colloquy check --po PATH`` (any catalog), ``--format json|html``, ``--strict`` on warnings,
and ``colloquy glossary export|import`` (TBX-Basic, read back with Translate Toolkit)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from catalog_support import PO_REL, REPO, colloquy, copy_project, msgid_line, set_msgstr

NEEDLE = "In recent years, median survival for multiple myeloma patients"


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_check_po_a_catalog_of_the_project_reports_json_with_the_unit(seed: Path) -> None:
    line = set_msgstr(seed / PO_REL, NEEDLE, old="约3年", new="约3个月")
    run = colloquy(seed, "check", "--po", PO_REL, "--format", "json", expect=1)
    data = json.loads(run.stdout)
    assert data["summary"] == {"articles": 0, "errors": 1, "warnings": 0, "waived": 0}
    assert data["catalogs"] == [{"path": PO_REL, "assumed": "en → zh_CN; the catalog of the article 'csco-2025-ma-jun', written in en"}]
    (item,) = data["diagnostics"]
    assert (item["path"], item["line"], item["severity"], item["code"]) == (PO_REL, line, "error", "meaning")
    assert item["message"] == "3 years in the source is 3个月 in the translation"
    assert item["unit"].startswith("u") and item["context"] == ["Q1, speaker MJ, paragraph"]
    assert item["source"].startswith(NEEDLE) and "约3个月" in item["translation"]
    assert "check: 1 catalog(s), 1 error(s)" in run.stderr


def test_check_po_a_catalog_from_elsewhere_says_what_it_assumes(seed: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "desk"
    elsewhere.mkdir()
    po = elsewhere / "interview.po"
    shutil.copy(seed / PO_REL, po)
    set_msgstr(po, NEEDLE, old="若在二线使用", new="若在一线使用")
    run = colloquy(elsewhere, "check", "--po", "interview.po", "--format", "json", expect=0)  # a warning only
    data = json.loads(run.stdout)
    assumed = data["catalogs"][0]["assumed"]
    assert assumed.startswith("en → zh_CN; source language assumed: en") and "not in a project: no glossary" in assumed
    assert [(d["code"], d["severity"], d["line"]) for d in data["diagnostics"]] == [("meaning", "warning", msgid_line(po, NEEDLE))]
    strict = colloquy(elsewhere, "check", "--po", "interview.po", "--strict", expect=1)
    assert f"interview.po:{msgid_line(po, NEEDLE)}: error: [meaning] lines of therapy differ" in strict.stderr


def test_check_html_report_to_a_file(seed: Path) -> None:
    set_msgstr(seed / PO_REL, NEEDLE, old="约3年", new="约3个月")
    run = colloquy(seed, "check", "--format", "html", "-o", "report.html", expect=1)
    page = (seed / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "3 years in the source is 3个月 in the translation" in page
    assert "Q1, speaker MJ, paragraph" in page and "<table>" in page
    assert "report written to report.html" in run.stderr and not run.stdout


@pytest.mark.parametrize(
    "args",
    [("check", "csco-2025-ma-jun", "--po", PO_REL), ("check", "-o", "report.json")],
    ids=["slugs and --po", "-o without --format"],
)
def test_check_usage_errors(seed: Path, args: tuple[str, ...]) -> None:
    colloquy(seed, *args, expect=2)


def test_check_po_a_catalog_without_a_known_language(tmp_path: Path) -> None:
    po = tmp_path / "x.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: xx\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "b"\n', encoding="utf-8")
    run = colloquy(tmp_path, "check", "--po", "x.po", expect=2)
    assert "x.po:1: error: cannot tell the catalog's language: its Language header 'xx' is not a language Colloquy knows" in run.stderr


def test_glossary_export_is_tbx_basic_read_back_by_translate_toolkit(seed: Path) -> None:
    from translate.storage import tbx

    colloquy(seed, "glossary", "export", "-o", "glossary.tbx")
    data = (seed / "glossary.tbx").read_bytes()
    assert b'<martif type="TBX-Basic-V1"' in data
    store = tbx.tbxfile.parsestring(data)
    terms = {(t.text, t.administrative_status) for u in store.units for t in u.get_target_terms("zh-CN")}
    assert ("单倍型造血干细胞移植", "preferredTerm-admn-sts") in terms
    assert ("CSCO学术年会", "admittedTerm-admn-sts") in terms
    assert ("单倍体造血干细胞移植", "deprecatedTerm-admn-sts") in terms
    assert ("慢性粒细胞白血病", "deprecatedTerm-admn-sts") in terms

    run = colloquy(seed, "glossary", "import", "glossary.tbx")
    original = list(csv.reader(io.StringIO((REPO / "glossary" / "terminology.csv").read_text(encoding="utf-8"))))
    imported = list(csv.reader(io.StringIO(run.stdout)))
    assert imported[0] == original[0] and sorted(imported[1:]) == sorted(original[1:])  # the same rows (variants grouped per language)


def test_glossary_import_of_a_tbx_without_statuses(seed: Path) -> None:
    (seed / "terms.tbx").write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><text><body>
<termEntry><note>from another tool</note>
<langSet xml:lang="en"><tig><term>bispecific antibody</term></tig></langSet>
<langSet xml:lang="zh-CN"><tig><term>双特异性抗体</term></tig><tig><term>双抗</term></tig></langSet>
</termEntry>
<termEntry><langSet xml:lang="fr"><tig><term>anticorps</term></tig></langSet></termEntry>
</body></text></martif>""",
        encoding="utf-8",
    )
    colloquy(seed, "glossary", "import", "terms.tbx", "-o", "glossary/terminology.csv")
    rows = (seed / "glossary" / "terminology.csv").read_text(encoding="utf-8").splitlines()
    assert rows == ["en,zh_CN,note,status", "bispecific antibody,双特异性抗体,from another tool,", "bispecific antibody,双抗,,admitted"]
    colloquy(seed, "check")  # the imported glossary is a valid glossary
