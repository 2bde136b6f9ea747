"""A translator splits a unit into paragraphs (a blank line in the msgstr) or merges it into the
one before (the msgstr ``<<<``): on the seed's real catalog, through the real commands."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from catalog_support import PO_REL, SLUG, colloquy, copy_project, diagnostics_at, msgid_line, set_msgstr
from colloquy.diagnostics import Report
from colloquy.i18n.pofile import load_catalog

html5lib = pytest.importorskip("html5lib", reason="html5lib is in the test extras: pip install -e '.[test]'")

FIRST = "CSCO has undergone 27 years of development"
SECOND = "This year’s theme emphasizes both standardization and innovation."
FIRST_ZH = "CSCO已走过27年的发展历程，始终秉持“团结、协作、创新、务实”的宗旨，坚持以患者为中心，致力于推动肿瘤诊疗创新。"
SECOND_ZH = "今年的主题同时强调规范与创新。"


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("merge") / "project")


@pytest.fixture
def proj(prepared: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(prepared, tmp_path / "project"))


def msgstr_of(po: Path, msgid: str) -> str:
    catalog = load_catalog(po, Report(), "zh_CN")
    assert catalog is not None
    return next(e.string for e in catalog if e.msgid.startswith(msgid))


def stats_line(project: Path) -> str:
    out = colloquy(project, "stats", SLUG).output
    return next(line for line in out.splitlines() if SLUG in line and "zh_CN" in line)


def paragraphs(project: Path, edition: str) -> list[str]:
    root = html5lib.parse((project / "dist" / edition / f"{SLUG}.html").read_text(encoding="utf-8"), treebuilder="etree", namespaceHTMLElements=False)
    return [" ".join("".join(p.itertext()).split()) for p in root.iter("p")]


def test_a_merged_unit_is_translated_checked_with_its_group_and_printed_in_one_row(proj: Path) -> None:
    po = proj / PO_REL
    second_zh = msgstr_of(po, SECOND)
    # the checks compare the merged translation with both sources: a translation that leaves out
    # the second paragraph's terms is reported on the group's first entry
    set_msgstr(po, FIRST, FIRST_ZH + SECOND_ZH)
    set_msgstr(po, SECOND, "<<<")
    check = colloquy(proj, "check", SLUG, expect=1)
    line = msgid_line(po, FIRST)
    assert (line, "[terminology] 'bispecific antibody' should be translated as '双特异性抗体' — glossary/terminology.csv:17") in diagnostics_at(check, PO_REL, "error")
    whole = FIRST_ZH + second_zh
    set_msgstr(po, FIRST, whole)
    check = colloquy(proj, "check", SLUG)
    assert not diagnostics_at(check, PO_REL, "error") and not diagnostics_at(check, PO_REL, "warning"), check.output
    assert stats_line(proj).split()[2] == "51" and stats_line(proj).endswith("100%")  # a merged unit is translated
    colloquy(proj, "build", "--format", "html")
    zh = paragraphs(proj, "zh-CN")
    assert [p for p in zh if p.startswith("马军教授：CSCO已走过27年")] == ["马军教授：" + whole]
    assert not [p for p in zh if SECOND_ZH in p and not p.startswith("马军教授：")]  # printed once, in the first
    assert "" not in zh and "<<<" not in "".join(zh)
    # the bilingual row: both English paragraphs beside the one Chinese paragraph
    root = html5lib.parse((proj / "dist" / "bilingual" / f"{SLUG}.html").read_text(encoding="utf-8"), treebuilder="etree", namespaceHTMLElements=False)
    row = next(r for r in root.iter("div") if "row" in r.get("class", "").split() and FIRST in "".join(r.itertext()))
    cells = [c for c in row if "cell" in c.get("class", "").split()]
    assert [len(list(c.iter("p"))) for c in cells] == [2, 1]
    assert SECOND in "".join(cells[0].itertext())


def test_a_merge_that_does_not_hold_is_an_error_at_its_line(proj: Path) -> None:
    po = proj / PO_REL
    # a question heading cannot merge into the paragraph before it
    set_msgstr(po, "Landscape Shift in Hematologic Malignancy Treatment", "<<<")
    line = msgid_line(po, "Landscape Shift in Hematologic Malignancy Treatment")
    check = colloquy(proj, "check", SLUG, expect=1)
    errors = diagnostics_at(check, PO_REL, "error")
    assert (line, "[merge] '<<<' merges this unit's translation into the one before, but the unit before it is not a paragraph of the same turn — translate this paragraph on its own, or merge only a paragraph into the one before it in the same turn") in errors, check.output
    build = colloquy(proj, "build", "--format", "html", expect=2)
    assert f"{PO_REL}:{line}: error: '<<<' merges this unit's translation" in build.output
    assert not (proj / "dist" / "zh-CN" / f"{SLUG}.html").exists()


def test_a_merge_into_an_untranslated_paragraph_is_refused(proj: Path) -> None:
    po = proj / PO_REL
    set_msgstr(po, FIRST, "")
    set_msgstr(po, SECOND, "<<<")
    check = colloquy(proj, "check", SLUG, expect=1)
    assert "the paragraph before it has no translation to merge into" in check.output


def test_a_split_translation_prints_two_paragraphs_in_the_units_place(proj: Path) -> None:
    set_msgstr(proj / PO_REL, FIRST, FIRST_ZH.replace("，坚持", "。\n\n坚持"))
    colloquy(proj, "build", "--format", "html")
    zh = paragraphs(proj, "zh-CN")
    at = next(i for i, p in enumerate(zh) if p.startswith("马军教授：CSCO已走过27年"))
    assert zh[at].endswith("务实”的宗旨。") and zh[at + 1] == "坚持以患者为中心，致力于推动肿瘤诊疗创新。"


def test_a_whitespace_only_translation_is_untranslated(proj: Path) -> None:
    set_msgstr(proj / PO_REL, FIRST, " ")
    check = colloquy(proj, "check", SLUG, expect=None)
    assert (msgid_line(proj / PO_REL, FIRST), "[untranslated] not translated yet — translate it, e.g. in Poedit") in diagnostics_at(check, PO_REL, "warning")
    line = stats_line(proj).split()
    assert (line[2], line[6]) == ("50", "1")  # translated, untranslated
