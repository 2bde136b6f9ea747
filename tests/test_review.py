"""``colloquy review export`` / ``review import``: the Word review round trip — a document edited
with python-docx, with a tracked change built as Word writes it, with comments, and with a unit
whose source changed since the export."""

from __future__ import annotations

import copy
import io
import re
import shutil
from pathlib import Path

import docx
import polib
import pytest
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml

from catalog_support import ARTICLE_REL, PO_REL, colloquy, copy_project, replace_once, set_msgstr

SLUG = "csco-2025-ma-jun"
Q1_MJ_27 = "CSCO has undergone 27 years of development"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project updated once, with one fuzzy entry (an edited paragraph) and one untranslated."""
    project = copy_project(tmp_path_factory.mktemp("review") / "project")
    colloquy(project, "update")
    replace_once(project / ARTICLE_REL, Q1_MJ_27, Q1_MJ_27.replace("27 years", "28 years"))
    colloquy(project, "update")
    set_msgstr(project / PO_REL, "Hematology Frontier", "")
    return project


@pytest.fixture
def proj(prepared: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(prepared, tmp_path / "project"))


def catalog(project: Path) -> dict[str, polib.POEntry]:
    po = polib.pofile(str(project / PO_REL), wrapwidth=0)
    return {m.group(1): e for e in po if (m := re.search(r"colloquy: id=(u\d+) ", e.comment + " "))}


def export(project: Path, name: str = "review.docx") -> Path:
    run = colloquy(project, "review", "export", SLUG, "--locale", "zh_CN", "-o", name)
    assert f"review export: {name}: 51 units of {PO_REL} (1 fuzzy, 1 untranslated" in run.output
    return project / name


def rows(document: docx.document.Document) -> dict[str, docx.table._Row]:
    table = document.tables[0]
    return {row.cells[0].paragraphs[0].text: row for row in table.rows[1:]}


# ------------------------------------------------------------------ export


def test_the_review_document_has_a_row_per_unit_and_only_the_translation_column_is_editable(proj: Path) -> None:
    # a finding the translator waived: shown with its reason, not as a finding
    po = polib.pofile(str(proj / PO_REL), wrapwidth=0)
    journal = next(e for e in po if "Journal of Leukemia" in e.msgid)
    journal.msgstr += "（2019年起）"
    journal.tcomment = "qa-waive numbers: Chinese gives the year the editorship began"
    po.save()
    document = docx.Document(str(export(proj)))
    entries = catalog(proj)
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Unit", "Source (en)", "Translation (zh_CN)", "Status", "QA findings"]
    by_id = rows(document)
    assert list(by_id) == list(entries)
    fuzzy_id = next(i for i, e in entries.items() if e.fuzzy)
    empty_id = next(i for i, e in entries.items() if not e.msgstr)
    for unit_id, row in by_id.items():
        entry = entries[unit_id]
        cells = row.cells
        assert cells[1].text == entry.msgid and cells[2].text == entry.msgstr
        status = "fuzzy: check it" if unit_id == fuzzy_id else "untranslated" if unit_id == empty_id else "translated"
        assert cells[3].paragraphs[0].text == status
    # the QA findings of the unit, as 'colloquy check' gives them
    assert "[numbers] 27 in the translation is not in the source" in by_id[fuzzy_id].cells[4].text
    assert "before: CSCO has undergone 27 years" in by_id[fuzzy_id].cells[3].text
    waived = next(r for r in by_id.values() if "Journal of Leukemia" in r.cells[1].text)
    assert "(waived: Chinese gives the year the editorship began" in waived.cells[4].text

    # protection: read only, enforced; a range for everyone around each translation cell, nowhere else
    protection = document.settings.element.find(qn("w:documentProtection"))
    assert protection is not None and protection.get(qn("w:edit")) == "readOnly" and protection.get(qn("w:enforcement")) == "1"
    settings = [c.tag.split("}")[1] for c in document.settings.element]
    assert settings.index("documentProtection") < settings.index("defaultTabStop")  # the schema's order
    header_cells = table.rows[0]._tr.xpath(".//w:permStart")
    assert not header_cells
    ids = set()
    for row in by_id.values():
        for n, cell in enumerate(row.cells):
            starts, ends = cell._tc.xpath(".//w:permStart"), cell._tc.xpath(".//w:permEnd")
            if n != 2:
                assert not starts and not ends
                continue
            (start,), (end,) = starts, ends
            assert start.get(qn("w:edGrp")) == "everyone"
            assert (start.get(qn("w:colFirst")), start.get(qn("w:colLast"))) == ("2", "2")
            assert start.get(qn("w:id")) == end.get(qn("w:id")) and start.get(qn("w:id")) not in ids
            ids.add(start.get(qn("w:id")))
            p = cell._tc.xpath("./w:p")[0]
            assert p[0] is start and p[-1] is end  # around the whole content of the cell
    assert document.core_properties.identifier == f"colloquy-review:{SLUG}:zh_CN"


def test_importing_an_untouched_review_changes_nothing(proj: Path) -> None:
    before = (proj / PO_REL).read_bytes()
    run = colloquy(proj, "review", "import", export(proj).name)
    assert "(0 translated, 0 fuzzy, 50 unchanged, 1 without translation, 0 refused)" in run.output
    assert (proj / PO_REL).read_bytes() == before


# ------------------------------------------------------------------ edits


def test_translations_edited_with_python_docx_are_applied(proj: Path) -> None:
    path = export(proj)
    before = catalog(proj)
    fuzzy_id = next(i for i, e in before.items() if e.fuzzy)
    empty_id = next(i for i, e in before.items() if not e.msgstr)
    document = docx.Document(str(path))
    by_id = rows(document)
    by_id[fuzzy_id].cells[2].paragraphs[0].runs[0].text = before[fuzzy_id].msgstr.replace("27年", "28年")
    by_id[empty_id].cells[2].paragraphs[0].runs[0].text = "血液瞭望"
    by_id["u7"].cells[2].paragraphs[0].runs[0].text = "山东省济南市"
    document.save(str(path))

    run = colloquy(proj, "review", "import", path.name)
    assert f"review.docx → {PO_REL}: updated (3 translated, 0 fuzzy, 48 unchanged, 0 refused)" in run.output
    after = catalog(proj)
    assert after[fuzzy_id].msgstr.startswith("CSCO已走过28年") and not after[fuzzy_id].fuzzy and after[fuzzy_id].previous_msgid is None
    assert after[empty_id].msgstr == "血液瞭望" and not after[empty_id].fuzzy
    assert after["u7"].msgstr == "山东省济南市"
    for unit_id in set(before) - {fuzzy_id, empty_id, "u7"}:
        assert (after[unit_id].msgstr, after[unit_id].flags) == (before[unit_id].msgstr, before[unit_id].flags)


def test_with_fuzzy_the_edits_are_applied_as_fuzzy(proj: Path) -> None:
    path = export(proj)
    document = docx.Document(str(path))
    rows(document)["u7"].cells[2].paragraphs[0].runs[0].text = "山东省济南市"
    document.save(str(path))
    run = colloquy(proj, "review", "import", "--fuzzy", path.name)
    assert "(0 translated, 1 fuzzy, 49 unchanged, 1 without translation, 0 refused)" in run.output
    assert catalog(proj)["u7"].fuzzy and catalog(proj)["u7"].msgstr == "山东省济南市"


def _tracked(cell: docx.table._Cell, body: str) -> None:
    """Replace a translation cell's runs by ``body`` (WordprocessingML, as Word writes a tracked
    change), keeping the permission range around it."""
    p = cell._tc.xpath("./w:p")[0]
    for r in p.xpath("./w:r"):
        p.remove(r)
    end = p.xpath("./w:permEnd")[0]
    for el in parse_xml(f"<w:root {W_NS}>{body}</w:root>"):
        end.addprevious(copy.deepcopy(el))


def test_a_tracked_change_is_read_accepted(proj: Path) -> None:
    """``w:ins`` kept, ``w:del`` dropped — python-docx's own ``.text`` misses the inserted runs."""
    path = export(proj)
    document = docx.Document(str(path))
    by_id = rows(document)
    change = 'w:author="Li Na" w:date="2025-09-12T10:00:00Z"'
    _tracked(
        by_id["u7"].cells[2],
        f'<w:r><w:t>山东</w:t></w:r><w:del w:id="901" {change}><w:r><w:delText>济南</w:delText></w:r></w:del>'
        f'<w:ins w:id="902" {change}><w:r><w:t>省济南市</w:t></w:r></w:ins>',
    )
    # a paragraph added and then joined again (its mark deleted), and a moved word
    cell = by_id["u4"].cells[2]
    p = cell._tc.xpath("./w:p")[0]
    _tracked(cell, f'<w:r><w:t>血液</w:t></w:r><w:moveFrom w:id="903" {change}><w:r><w:t>前沿</w:t></w:r></w:moveFrom>')
    second = parse_xml(
        f'<w:p {W_NS}><w:pPr><w:rPr><w:ins w:id="904" {change}/></w:rPr></w:pPr><w:ins w:id="905" {change}><w:r><w:t>瞭望</w:t></w:r></w:ins></w:p>'
    )
    p.addnext(second)
    p.insert(0, parse_xml(f'<w:pPr {W_NS}><w:rPr><w:del w:id="906" {change}/></w:rPr></w:pPr>'))
    document.save(str(path))
    assert rows(docx.Document(str(path)))["u7"].cells[2].text == "山东"  # what python-docx alone sees

    run = colloquy(proj, "review", "import", path.name)
    assert "(2 translated" in run.output, run.output
    after = catalog(proj)
    assert after["u7"].msgstr == "山东省济南市"
    assert after["u4"].msgstr == "血液瞭望"


def test_comments_become_translator_comments(proj: Path) -> None:
    path = export(proj)
    document = docx.Document(str(path))
    by_id = rows(document)
    run = by_id["u22"].cells[2].paragraphs[0].runs[0]
    comment = document.add_comment(run, text="“开拓引领作用” reads well.", author="Li Na", initials="LN")
    comment.add_paragraph("Keep it.")
    document.add_comment(by_id["u5"].cells[2].paragraphs[0].runs[0], text="Check the meeting's official Chinese name.", author="")
    document.save(str(path))
    before = (proj / PO_REL).read_text(encoding="utf-8")

    result = colloquy(proj, "review", "import", path.name)
    assert "2 with new comments" in result.output and "0 translated" in result.output
    after = catalog(proj)
    assert after["u22"].tcomment == "review (Li Na): “开拓引领作用” reads well.\nreview (Li Na): Keep it."
    assert after["u5"].tcomment == "review: Check the meeting's official Chinese name."
    text = (proj / PO_REL).read_text(encoding="utf-8")
    assert "# review (Li Na): “开拓引领作用” reads well.\n# review (Li Na): Keep it.\n#. colloquy: id=u22 " in text
    assert len(text.split("\n")) == len(before.split("\n")) + 3
    # importing the same document again adds nothing
    colloquy(proj, "review", "import", path.name)
    assert (proj / PO_REL).read_text(encoding="utf-8") == text


def test_a_unit_whose_source_changed_since_the_export_is_refused_and_reported(proj: Path) -> None:
    path = export(proj)
    document = docx.Document(str(path))
    by_id = rows(document)
    theme_id = next(i for i, r in by_id.items() if r.cells[1].text.startswith("This year’s theme"))
    by_id[theme_id].cells[2].paragraphs[0].runs[0].text = "新的译文。"
    by_id["u7"].cells[2].paragraphs[0].runs[0].text = "济南"
    row_number = list(by_id).index(theme_id) + 2
    document.save(str(path))
    replace_once(proj / ARTICLE_REL, "This year’s theme emphasizes both", "This year’s theme stresses both")
    colloquy(proj, "update")

    run = colloquy(proj, "review", "import", path.name, expect=1)
    assert (
        f"review.docx:{row_number}: error: [source-changed] unit {theme_id}: the source changed since the review export: "
        "'This year’s theme emphasizes both" in run.output
    ), run.output
    assert "is now 'This year’s theme stresses both" in run.output
    assert "(1 translated, 0 fuzzy, 48 unchanged, 1 without translation, 1 refused)" in run.output
    after = catalog(proj)
    assert after["u7"].msgstr == "济南"
    assert after[theme_id].msgstr != "新的译文。"


def test_a_document_that_is_not_a_review_is_refused(proj: Path) -> None:
    (proj / "notes.docx").write_bytes(_plain_docx())
    run = colloquy(proj, "review", "import", "notes.docx", expect=2)
    assert "notes.docx:1: error: not a Colloquy review document" in run.output
    (proj / "notes.txt").write_text("hello", encoding="utf-8")
    run = colloquy(proj, "review", "import", "notes.txt", expect=2)
    assert "notes.txt:1: error: not a Word document (DOCX)" in run.output
    assert "Traceback" not in run.output


def _plain_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Just a letter.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_forced_line_breaks_survive_the_round_trip() -> None:
    from colloquy.diagnostics import Report
    from colloquy.i18n.exchange import OutUnit, State, source_digest
    from colloquy.i18n.review import ReviewInfo, read_review, write_review

    unit = OutUnit("u1", "paragraph", ("Q1",), "First line\\\nsecond\tline", "第一行\\\n第二行", State.TRANSLATED, None, (), 1)
    info = ReviewInfo("an-article", "zh_CN", "zh-CN", "Source (en)", "Translation (zh_CN)", "A title", "x.po")
    report = Report()
    found = read_review(write_review(info, [unit], {}), "r.docx", report, fuzzy=False)
    assert found is not None and not report.items
    (back,) = found.units
    assert (back.source, back.target) == (unit.source, unit.target)
    assert (back.digest, back.exported_target) == (unit.digest[:8], source_digest(unit.target)[:8])
