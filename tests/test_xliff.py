"""``colloquy xliff export`` / ``xliff import``: an article's catalog for a CAT tool and back,
checked by reading the files with Translate Toolkit (``xliff2po`` for 1.2, ``xliff2`` for 2.0) and
by editing them as a CAT tool would."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest
from lxml import etree
from translate.convert.xliff2po import xliff2po
from translate.storage import xliff, xliff2

from catalog_support import ARTICLE_REL, PO_REL, colloquy, copy_project, msgid_line, replace_once, set_msgstr
from colloquy.diagnostics import Report
from colloquy.i18n.exchange import source_digest
from colloquy.i18n.pofile import load_catalog

SLUG = "csco-2025-ma-jun"
Q1_MJ_27 = "CSCO has undergone 27 years of development"
X12 = "urn:oasis:names:tc:xliff:document:1.2"
X20 = "urn:oasis:names:tc:xliff:document:2.0"


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project updated once, with one fuzzy entry (an edited paragraph) and one untranslated."""
    project = copy_project(tmp_path_factory.mktemp("xliff") / "project")
    colloquy(project, "update")
    replace_once(project / ARTICLE_REL, Q1_MJ_27, Q1_MJ_27.replace("27 years", "28 years"))
    colloquy(project, "update")
    set_msgstr(project / PO_REL, "Hematology Frontier", "")
    return project


@pytest.fixture
def proj(prepared: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(prepared, tmp_path / "project"))


def catalog(project: Path) -> dict[str, polib.POEntry]:
    """The catalog's entries by unit id (read by polib, independently of Colloquy)."""
    po = polib.pofile(str(project / PO_REL), wrapwidth=0)
    out: dict[str, polib.POEntry] = {}
    for e in po:
        m = re.search(r"colloquy: id=(u\d+) ", e.comment + " ")
        if m:
            out[m.group(1)] = e
    return out


def export(project: Path, version: str = "1.2", name: str = "out.xlf") -> Path:
    run = colloquy(project, "xliff", "export", SLUG, "--locale", "zh_CN", "--xliff-version", version, "-o", name)
    assert f"xliff export: {name}: XLIFF {version}, 51 units" in run.output
    return project / name


# ------------------------------------------------------------------ export, read back by Translate Toolkit


def test_xliff_12_export_read_back_by_xliff2po(proj: Path) -> None:
    path = export(proj)
    entries = catalog(proj)
    po = xliff2po().convertstore(path.read_bytes())
    units = [u for u in po.units if not u.isheader()]
    assert [u.source for u in units] == [e.msgid for e in entries.values()]
    for unit, (unit_id, entry) in zip(units, entries.items(), strict=True):
        assert unit.target == entry.msgstr
        assert unit.isfuzzy() == entry.fuzzy, unit_id
        notes = unit.getnotes("developer")
        assert f"kind: {re.search(r'kind=([a-z-]+)', entry.comment).group(1)}" in notes  # type: ignore[union-attr]
        for line in entry.comment.split("\n")[1:]:
            assert line in notes
    assert sum(u.isfuzzy() for u in units) == 1
    # keyed by the unit ids; translated units approved, the fuzzy one to review, the untranslated without target
    store = xliff.xlifffile.parsestring(path.read_bytes())
    assert [u.xmlelement.get("id") for u in store.units] == list(entries)
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("en", "zh-CN")
    by_id = {u.xmlelement.get("id"): u for u in store.units}
    fuzzy_id = next(i for i, e in entries.items() if e.fuzzy)
    empty_id = next(i for i, e in entries.items() if not e.msgstr)
    assert by_id[fuzzy_id].xmlelement.find(f"{{{X12}}}target").get("state") == "needs-review-translation"
    assert not by_id[fuzzy_id].isapproved()
    assert by_id[empty_id].xmlelement.find(f"{{{X12}}}target") is None
    translated = [u for i, u in by_id.items() if i not in (fuzzy_id, empty_id)]
    assert all(u.isapproved() and u.xmlelement.find(f"{{{X12}}}target").get("state") == "translated" for u in translated)
    # the fuzzy unit says what its source was before
    assert "previous source: CSCO has undergone 27 years" in by_id[fuzzy_id].getnotes("developer")


def test_xliff_20_export_read_back_by_translate_toolkit(proj: Path) -> None:
    path = export(proj, "2.0")
    entries = catalog(proj)
    store = xliff2.Xliff2File.parsestring(path.read_bytes())
    assert [u.getid() for u in store.units] == list(entries)
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("en", "zh-CN")
    for unit, entry in zip(store.units, entries.values(), strict=True):
        assert unit.source == entry.msgid
        assert (unit.target or "") == entry.msgstr
        if entry.fuzzy:
            assert unit.isfuzzy() and unit.xmlelement.get("state") == "initial" and unit.target
        elif entry.msgstr:
            assert unit.istranslated() and not unit.isfuzzy()
        else:
            assert not unit.target and unit.xmlelement.get("state") == "initial"
    # the notes are the unit's (XLIFF 2.0 puts <notes> in <unit>, before its segments)
    root = etree.fromstring(path.read_bytes())
    ns = {"x": X20}
    unit = root.find(".//x:unit[@id='u22']", ns)
    assert [c.tag.split("}")[1] for c in unit] == ["notes", "segment"]
    notes = {n.get("category"): n.text for n in unit.findall("x:notes/x:note", ns)}
    assert notes["context"] == "Q1, speaker MJ, paragraph" and notes["kind"] == "kind: paragraph"
    assert unit.get("{urn:x-colloquy:exchange:1}digest") == source_digest(entries["u22"].msgid)


# ------------------------------------------------------------------ import


def test_importing_an_untouched_export_changes_nothing(proj: Path) -> None:
    before = (proj / PO_REL).read_bytes()
    for version in ("1.2", "2.0"):
        path = export(proj, version)
        run = colloquy(proj, "xliff", "import", path.name)
        assert f"{PO_REL}: unchanged (0 translated, 0 fuzzy, 50 unchanged, 1 without translation, 0 refused)" in run.output
        assert (proj / PO_REL).read_bytes() == before


def test_xliff_12_edited_by_a_cat_tool_is_applied_to_the_catalog(proj: Path) -> None:
    path = export(proj)
    before = catalog(proj)
    fuzzy_id = next(i for i, e in before.items() if e.fuzzy)
    empty_id = next(i for i, e in before.items() if not e.msgstr)
    # a CAT tool: the fuzzy unit confirmed with a correction, the empty one translated, one approved unit sent back to review
    store = xliff.xlifffile.parsestring(path.read_bytes())
    by_id = {u.xmlelement.get("id"): u for u in store.units}
    by_id[fuzzy_id].target = before[fuzzy_id].msgstr.replace("27年", "28年")
    by_id[fuzzy_id].markfuzzy(False)
    by_id[empty_id].target = "血液瞭望"
    by_id[empty_id].markfuzzy(False)
    by_id["u3"].markfuzzy(True)
    path.write_bytes(bytes(store))
    text_before = (proj / PO_REL).read_text(encoding="utf-8")

    run = colloquy(proj, "xliff", "import", path.name)
    assert f"{PO_REL}: updated (2 translated, 1 fuzzy, 48 unchanged, 0 refused)" in run.output
    after = catalog(proj)
    assert after[fuzzy_id].msgstr.startswith("CSCO已走过28年") and not after[fuzzy_id].fuzzy
    assert after[fuzzy_id].previous_msgid is None
    assert after[empty_id].msgstr == "血液瞭望" and not after[empty_id].fuzzy
    assert after["u3"].fuzzy and after["u3"].msgstr == before["u3"].msgstr
    for unit_id in set(before) - {fuzzy_id, empty_id, "u3"}:
        assert (after[unit_id].msgstr, after[unit_id].flags) == (before[unit_id].msgstr, before[unit_id].flags)
    # the rest of the file is as it was: the header, comments and every other entry
    text_after = (proj / PO_REL).read_text(encoding="utf-8")
    assert text_after.split("\n\n")[0] == text_before.split("\n\n")[0]
    assert len(text_after.split("\n\n")) == len(text_before.split("\n\n"))
    assert sum(a != b for a, b in zip(text_before.split("\n\n"), text_after.split("\n\n"), strict=True)) == 3


def test_xliff_20_edited_by_a_cat_tool_is_applied_to_the_catalog(proj: Path) -> None:
    path = export(proj, "2.0")
    before = catalog(proj)
    fuzzy_id = next(i for i, e in before.items() if e.fuzzy)
    store = xliff2.Xliff2File.parsestring(path.read_bytes())
    by_id = {u.getid(): u for u in store.units}
    by_id[fuzzy_id].target = before[fuzzy_id].msgstr.replace("27年", "28年")
    by_id[fuzzy_id].marktranslated()
    by_id["u7"].target = "济南（山东）"
    by_id["u7"].markfuzzy(True)
    path.write_bytes(bytes(store))

    run = colloquy(proj, "xliff", "import", path.name)
    assert "(1 translated, 1 fuzzy, 48 unchanged, 1 without translation, 0 refused)" in run.output
    after = catalog(proj)
    assert after[fuzzy_id].msgstr.startswith("CSCO已走过28年") and not after[fuzzy_id].fuzzy
    assert after["u7"].msgstr == "济南（山东）" and after["u7"].fuzzy


def test_import_is_tolerant_of_what_cat_tools_do_to_the_file(proj: Path) -> None:
    """Another namespace prefix, no xml:space, re-indented text, inline markup, a unit split in
    segments, a target language written zh_cn: the translations are the same."""
    before = catalog(proj)
    text = export(proj, "1.2").read_text(encoding="utf-8")
    text = text.replace('xmlns="urn:oasis:names:tc:xliff:document:1.2"', 'xmlns:xlf="urn:oasis:names:tc:xliff:document:1.2"')
    text = re.sub(r"<(/?)(xliff|file|header|tool|body|trans-unit|source|target|note)\b", r"<\1xlf:\2", text)
    text = text.replace(' xml:space="preserve"', "").replace('target-language="zh-CN"', 'target-language="zh_cn"')
    text = text.replace(
        '<xlf:target state="translated">山东济南</xlf:target>',
        '<xlf:target state="translated">\n          山东<xlf:g id="1">济南</xlf:g>\n        </xlf:target>',
    )
    path = proj / "tool.xlf"
    path.write_text(text, encoding="utf-8")
    run = colloquy(proj, "xliff", "import", path.name)
    assert "50 unchanged" in run.output and "0 refused" in run.output, run.output

    tree = etree.fromstring(export(proj, "2.0").read_bytes())
    ns = {"x": X20}
    unit = tree.find(".//x:unit[@id='u22']", ns)
    segment = unit.find("x:segment", ns)
    source, target = segment.find("x:source", ns), segment.find("x:target", ns)
    first, second = source.text.split(" ", 1)
    head, tail = target.text[:15], target.text[15:]
    # resegmented in two, with the space between them in an <ignorable>, and the second segment marked reviewed
    unit.remove(segment)
    for src, tgt, state in ((first, head, "translated"), (second, tail, "reviewed")):
        seg = etree.SubElement(unit, f"{{{X20}}}segment", state=state)
        etree.SubElement(seg, f"{{{X20}}}source").text = src
        etree.SubElement(seg, f"{{{X20}}}target").text = tgt
        if src == first:
            ign = etree.SubElement(unit, f"{{{X20}}}ignorable")
            etree.SubElement(ign, f"{{{X20}}}source").text = " "
            etree.SubElement(ign, f"{{{X20}}}target").text = ""
    path.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    run = colloquy(proj, "xliff", "import", path.name)
    assert "50 unchanged" in run.output and "0 refused" in run.output, run.output
    assert catalog(proj)["u22"].msgstr == before["u22"].msgstr


def test_units_whose_source_changed_since_the_export_are_refused_and_named(proj: Path) -> None:
    path = export(proj)
    store = xliff.xlifffile.parsestring(path.read_bytes())
    by_id = {u.xmlelement.get("id"): u for u in store.units}
    theme_id = next(i for i, u in by_id.items() if u.source.startswith("This year’s theme"))
    by_id[theme_id].target = "新的译文。"
    by_id["u7"].target = "济南"
    path.write_bytes(bytes(store))
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if f'id="{theme_id}"' in text)
    # meanwhile the editor changes the paragraph, and the catalog is updated
    replace_once(proj / ARTICLE_REL, "This year’s theme emphasizes both", "This year’s theme stresses both")
    colloquy(proj, "update")

    run = colloquy(proj, "xliff", "import", path.name, expect=1)
    assert (
        f"{path.name}:{line}: error: [source-changed] unit {theme_id}: the source changed since the export: 'This year’s theme emphasizes both"
        in run.output
    )
    assert "is now 'This year’s theme stresses both" in run.output
    assert "(1 translated, 0 fuzzy, 48 unchanged, 1 without translation, 1 refused)" in run.output
    after = catalog(proj)
    assert after["u7"].msgstr == "济南"
    assert after[theme_id].msgstr != "新的译文。" and after[theme_id].fuzzy


def test_without_the_digests_the_source_text_decides(proj: Path) -> None:
    """A tool that drops Colloquy's attributes: a unit that brings a change is checked against its
    <source>; one that brings nothing is left alone."""
    path = export(proj)
    text = re.sub(r' colloquy:[a-z-]+="[^"]*"', "", path.read_text(encoding="utf-8"))
    assert "colloquy:" not in text.split("?>", 1)[1].split(">", 1)[1]
    text = text.replace('<target state="translated">山东济南</target>', '<target state="translated">济南</target>')
    text = text.replace("<source>Oncology Frontier</source>", "<source>Oncology Frontiers</source>")
    text = text.replace('<target state="translated">《肿瘤瞭望》</target>', '<target state="translated">《肿瘤前沿》</target>', 1)
    text = text.replace("<source>Jinan, Shandong</source>", "<source>Jinan,  Shandong</source>")  # white space: no matter
    text = text.replace("<source>CSCO 2025</source>", "<source>CSCO 2026</source>")  # brings nothing: no matter
    path.write_text(text, encoding="utf-8")
    run = colloquy(proj, "xliff", "import", path.name, expect=1)
    assert "unit u3: the source changed since the export: 'Oncology Frontiers' is now 'Oncology Frontier'" in run.output
    assert "(1 translated, 0 fuzzy, 48 unchanged, 1 without translation, 1 refused)" in run.output
    assert catalog(proj)["u7"].msgstr == "济南"
    assert catalog(proj)["u3"].msgstr == "《肿瘤瞭望》"


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ("truncated", None, "the file is not well-formed XML"),
        ('<?xml version="1.0"?>\n<html><body/></html>\n', 2, "not an XLIFF file: its root element is <html>"),
        ('<?xml version="1.0"?>\n<xliff version="3.0"/>\n', 2, "XLIFF version '3.0' is not supported"),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<xliff version="1.2"><file original="csco-2025-ma-jun.po" target-language="zh-CN">&e;</file></xliff>',
            None,
            "",
        ),
    ],
    ids=["truncated", "not-xliff", "version", "external-entity"],
)
def test_malformed_xliff_is_refused_at_its_line(proj: Path, content: str, line: int | None, message: str) -> None:
    path = proj / "bad.xlf"
    if content == "truncated":
        data = export(proj).read_bytes()
        data = data[: data.index(b'<trans-unit id="u9"') + 40]
        line = data.count(b"\n") + 1
        path.write_bytes(data)
    else:
        path.write_text(content, encoding="utf-8")
    before = (proj / PO_REL).read_bytes()
    run = colloquy(proj, "xliff", "import", path.name, expect=None)
    if message:
        assert run.returncode == 2, run.output
        assert re.search(rf"^bad\.xlf:{line}(:\d+)?: error: {re.escape(message)}", run.output, re.M), run.output
    else:  # an external entity is never read: the file has no unit
        assert run.returncode == 0 and "root:" not in run.output
        assert "bad.xlf:3: warning: the <file> has no unit of a Colloquy export" in run.output
    assert "Traceback" not in run.output and "internal error" not in run.output
    assert (proj / PO_REL).read_bytes() == before


@pytest.mark.parametrize("language", ["zh-CN", "zh_CN", "zh-cn", "zh"])
def test_the_target_language_is_mapped_to_the_projects_locale(proj: Path, language: str) -> None:
    path = export(proj)
    path.write_text(path.read_text(encoding="utf-8").replace('target-language="zh-CN"', f'target-language="{language}"'), encoding="utf-8")
    run = colloquy(proj, "xliff", "import", path.name)
    assert f"{PO_REL}: unchanged" in run.output


def test_a_file_for_another_language_or_article_is_refused(proj: Path) -> None:
    path = export(proj)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('target-language="zh-CN"', 'target-language="fr"'), encoding="utf-8")
    run = colloquy(proj, "xliff", "import", path.name, expect=2)
    assert re.search(r"^out\.xlf:3: error: the target language 'fr' is none of the project's locales \(en, zh_CN\)", run.output, re.M), (
        run.output
    )
    path.write_text(text.replace(f"{SLUG}.po", "no-such-article.po"), encoding="utf-8")
    run = colloquy(proj, "xliff", "import", path.name, expect=2)
    assert "the file is for an article that does not exist ('no-such-article')" in run.output


def test_export_usage_errors(proj: Path) -> None:
    run = colloquy(proj, "xliff", "export", SLUG, "--locale", "fr", expect=2)
    assert f"articles/{SLUG}/article.md:1: error: 'fr' is not a locale '{SLUG}' is translated into (locales: zh_CN)" in run.output
    run = colloquy(proj, "xliff", "export", "nope", expect=2)
    assert "no article 'nope'" in run.output
    run = colloquy(proj, "xliff", "export", SLUG)  # the only target locale, the default name
    assert (proj / f"{SLUG}.zh_CN.xlf").is_file()
    assert msgid_line(proj / PO_REL, "Oncology Frontier") > 0


def test_import_takes_the_project_lock() -> None:
    from colloquy.cli import WRITING

    assert "xliff import" in WRITING and "review import" in WRITING
    assert "xliff export" not in WRITING


def test_the_catalog_layer_reads_the_imported_catalog(proj: Path) -> None:
    path = export(proj, "2.0")
    store = xliff2.Xliff2File.parsestring(path.read_bytes())
    store.units[0].target = "新标题"
    store.units[0].marktranslated()
    path.write_bytes(bytes(store))
    colloquy(proj, "xliff", "import", path.name)
    cat = load_catalog(proj / PO_REL, Report(), "zh_CN")
    assert cat is not None and next(iter(cat)).string == "新标题"


def test_a_translation_changed_in_the_catalog_since_the_export_is_not_overwritten(proj: Path) -> None:
    """Untouched in the file: the catalog's newer translation stays. Changed in both: refused."""
    path = export(proj)
    store = xliff.xlifffile.parsestring(path.read_bytes())
    by_id = {u.xmlelement.get("id"): u for u in store.units}
    by_id["u7"].target = "济南市"
    path.write_bytes(bytes(store))
    # meanwhile, in the catalog
    set_msgstr(proj / PO_REL, "Jinan, Shandong", "山东省济南市")
    set_msgstr(proj / PO_REL, "Oncology Frontier", "《肿瘤瞭望》杂志")
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if 'id="u7"' in text)

    run = colloquy(proj, "xliff", "import", path.name, expect=1)
    assert (
        f"out.xlf:{line}: error: [conflict] unit u7: the translation changed in the catalog since the export, and in this file too: '山东省济南市' in the catalog, '济南市' here"
        in run.output
    )
    after = catalog(proj)
    assert after["u7"].msgstr == "山东省济南市"
    assert after["u3"].msgstr == "《肿瘤瞭望》杂志"


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_line_breaks_and_spaces_survive_the_round_trip(version: str) -> None:
    from colloquy.i18n.exchange import OutUnit, State
    from colloquy.i18n.xliff import FileInfo, read_xliff, write_xliff

    unit = OutUnit("u1", "paragraph", ("Q1",), "First line\\\n  second line ", "第一行\\\n第二行", State.FUZZY, "Old", ("a note",), 1)
    data = write_xliff(FileInfo("an-article", "locales/zh_CN/LC_MESSAGES/an-article.po", "en", "zh-CN"), [unit], version)  # type: ignore[arg-type]
    report = Report()
    found = read_xliff(data, "f.xlf", report)
    assert found is not None and not report.items
    (file,) = found
    assert (file.slug, file.target_language) == ("an-article", "zh-CN")
    (back,) = file.units
    assert (back.source, back.target, back.fuzzy, back.digest) == (unit.source, unit.target, True, unit.digest)
