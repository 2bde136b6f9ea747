"""``colloquy import``: Word manuscripts of every shape of ``shared/INTERVIEW-SHAPES.md``, made
here with python-docx as reporters format them, and the honest round trip of the seed's English
DOCX (built by Colloquy, imported back: the units the DOCX prints are the original's)."""

from __future__ import annotations

import io
import itertools
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

from cli_support import run_cli
from colloquy.diagnostics import Report
from colloquy.model import Article, Role, SectionKind, UnitKind
from colloquy.reader import read_article
from colloquy.walk import units
from conftest import PYPROJECT, REPO, SEED_ARTICLE

#: what the DOCX does not print: the importer cannot find them and reports them missing
UNPRINTED = {UnitKind.EVENT_THEME, UnitKind.SPEAKER_AFFILIATION, UnitKind.TAG}


def _png() -> bytes:
    """A 4×4 grey PNG."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\x80" * 4 for _ in range(4))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 0, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


PNG = _png()


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed's DOCX editions, built by Colloquy from the repository's article and catalogs."""
    root = tmp_path_factory.mktemp("seed-build")
    for name in ("articles", "locales", "templates", "glossary"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    code, _out, err = run_cli(root, "build", "--format", "docx")
    assert code == 0, err
    return {tag: root / "dist" / tag / "csco-2025-ma-jun.docx" for tag in ("en", "zh-CN")}


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (tmp_path / "articles").mkdir()
    return tmp_path


def filled(path: Path, date: str = "2025-09-09") -> Article:
    """The imported article as an editor leaves it: the date written, the other FIXME lines deleted."""
    lines = path.read_text(encoding="utf-8").split("\n")
    out = []
    for line in lines:
        if line.startswith("date: FIXME"):
            out.append(f"date: {date}")
        elif line.startswith("outlet: FIXME"):
            out.append('outlet: "Oncology Frontier"')
        elif line.startswith("    name: FIXME"):
            out.append('    name: "Oncology Frontier"')
        elif "FIXME" in line:
            continue
        else:
            out.append(line)
    text = "\n".join(out).replace("tags:\n---", "---")
    path.write_text(text, encoding="utf-8")
    report = Report()
    return read_article(path, report)


def printed_units(article: Article) -> list[tuple[str, str, str | None]]:
    return [(u.text.source, u.kind.value, u.speaker) for u in units(article) if u.kind not in UNPRINTED]


# ---------------------------------------------------------------- the round trip


def test_the_seed_docx_imported_back_gives_the_same_printed_units(seed_docx: dict[str, Path], fresh: Path) -> None:
    code, _out, err = run_cli(fresh, "import", str(seed_docx["en"]), "--slug", "csco-2025-ma-jun")
    assert code == 0, err
    assert "not found in the manuscript, written FIXME (make check lists them): date, event.theme, speakers.MJ.affiliation, tags" in err
    path = fresh / "articles" / "csco-2025-ma-jun" / "article.md"
    code, _out, err = run_cli(fresh, "check", "csco-2025-ma-jun")
    assert code == 2 and "'theme' is still FIXME" in err and "'affiliation' is still FIXME" in err
    imported = filled(path)
    original = read_article(SEED_ARTICLE, Report())
    assert printed_units(imported) == printed_units(original)
    assert [(s.key, s.role) for s in imported.speakers.values()] == [(s.key, s.role) for s in original.speakers.values()]
    # and a second import never overwrites it
    before = path.read_bytes()
    code, _out, err = run_cli(fresh, "import", str(seed_docx["en"]), "--slug", "csco-2025-ma-jun")
    assert code == 2 and "the import never overwrites one" in err
    assert path.read_bytes() == before


def test_the_docx_writer_embeds_no_source_data(seed_docx: dict[str, Path]) -> None:
    with zipfile.ZipFile(seed_docx["en"]) as z:
        names = z.namelist()
        xml = b"".join(z.read(n) for n in names if n.endswith(".xml"))
    assert not [n for n in names if n.startswith("customXml") or n == "docProps/custom.xml"]
    assert b"Standardized Diagnosis and Treatment, Innovation-Driven Progress\n" not in xml
    assert b"affiliation" not in xml and b"article.md" not in xml and b"@MJ" not in xml


# ---------------------------------------------------------------- manuscripts as reporters write them


def _bold(paragraph: object, text: str) -> None:
    run = paragraph.add_run(text)  # type: ignore[attr-defined]
    run.bold = True


def _labelled(document: object, label: str, text: str) -> None:
    p = document.add_paragraph()  # type: ignore[attr-defined]
    _bold(p, label)
    p.add_run(text)


def _hyperlink(paragraph: object, text: str, url: str) -> None:
    part = paragraph.part  # type: ignore[attr-defined]
    rid = part.relate_to(url, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink", is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    r.append(t)
    link.append(r)
    paragraph._p.append(link)  # type: ignore[attr-defined]


def _save(document: object, path: Path) -> Path:
    buf = io.BytesIO()
    document.save(buf)  # type: ignore[attr-defined]
    path.write_bytes(buf.getvalue())
    return path


def chinese_manuscript(path: Path) -> Path:
    """A Chinese manuscript: title in bold, lead, 编者按 run in, "01" typed above bold headings,
    bold labels (《肿瘤瞭望》：, 马军教授：, Michael Gnant教授：), a list typed "1.", a photo with its
    caption, 专家介绍 with a portrait and bare lines, the copyright line."""
    d = docx.Document()
    _bold(d.add_paragraph(), "CSCO 2025｜马军教授：细胞治疗的十年")
    d.add_paragraph("第二十八届中国临床肿瘤学会（CSCO）学术年会于2025年9月10日—14日在山东济南举行。")
    d.add_paragraph("《肿瘤瞭望》特邀马军教授与Michael Gnant教授分享看点。")
    p = d.add_paragraph()
    _bold(p, "编者按：")
    p.add_run("本文根据采访录音整理。")
    _bold(d.add_paragraph(), "01")
    _bold(d.add_paragraph(), "细胞治疗的十年")
    _labelled(d, "《肿瘤瞭望》：", "您如何看待过去十年的进展？")
    _labelled(d, "马军教授：", "中国已有7款CAR-T产品获批上市。主要包括：")
    d.add_paragraph("1. 细胞治疗；")
    d.add_paragraph("2. 基因治疗。")
    d.add_paragraph("这些进展令人鼓舞。")
    d.add_paragraph().add_run().add_picture(io.BytesIO(PNG))
    caption = d.add_paragraph("图1 马军教授在会上发言")
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _bold(d.add_paragraph(), "02")
    _bold(d.add_paragraph(), "国际合作")
    _labelled(d, "《肿瘤瞭望》：", "国际合作前景如何？")
    _labelled(d, "Michael Gnant教授：", "合作非常紧密。")
    _bold(d.add_paragraph(), "专家介绍")
    _bold(d.add_paragraph(), "马军教授")
    d.add_paragraph().add_run().add_picture(io.BytesIO(PNG))
    d.add_paragraph("哈尔滨血液病肿瘤研究所所长")
    d.add_paragraph("中国临床肿瘤学会监事长")
    _bold(d.add_paragraph(), "Michael Gnant教授")
    d.add_paragraph("维也纳医科大学教授")
    d.add_paragraph("肿瘤瞭望版权所有，谢绝任何形式转载，侵犯版权者必予法律追究。")
    return _save(d, path)


def test_a_chinese_manuscript(fresh: Path) -> None:
    code, _out, err = run_cli(fresh, "import", str(chinese_manuscript(fresh / "马军采访.docx")), "--slug", "csco-2025-ma-jun-zh")
    assert code == 0, err
    folder = fresh / "articles" / "csco-2025-ma-jun-zh"
    assert sorted(p.name for p in folder.iterdir()) == ["article.md", "image-1.png", "image-2.png"]
    text = (folder / "article.md").read_text(encoding="utf-8")
    assert "locale: zh_CN" in text
    article = filled(folder / "article.md")
    meta = article.meta
    assert meta.title.source == "CSCO 2025｜马军教授：细胞治疗的十年"
    assert meta.event is not None and meta.event.name.source == "第二十八届中国临床肿瘤学会（CSCO）学术年会"
    assert (meta.event.start.isoformat(), meta.event.end.isoformat(), meta.event.city.source if meta.event.city else "") == ("2025-09-10", "2025-09-14", "山东济南")
    assert {k: (s.name.source, s.honorific.source if s.honorific else None, s.role) for k, s in article.speakers.items()} == {
        "MJ": ("马军", "教授", Role.INTERVIEWEE),
        "ZLLW": ("《肿瘤瞭望》", None, Role.INTERVIEWER),
        "MG": ("Michael Gnant", "教授", Role.INTERVIEWEE),
    }
    assert article.speakers["MG"].name_order.value == "given-first"
    kinds = [s.kind for s in article.sections]
    assert kinds == [SectionKind.INTRODUCTION, SectionKind.EDITORS_NOTE, SectionKind.QUESTION, SectionKind.QUESTION, SectionKind.PROFILE, SectionKind.PROFILE]
    q1, q2 = article.questions
    assert (q1.number, q1.heading.source if q1.heading else None) == (1, "细胞治疗的十年")
    assert [t.speaker for t in q1.turns] == [next(k for k, s in article.speakers.items() if s.role is Role.INTERVIEWER), "MJ"]
    answer = q1.turns[1].blocks
    assert [b.kind for b in answer] == ["paragraph", "list", "paragraph", "image"]
    assert [i.blocks[0].text.source for i in answer[1].items] == ["细胞治疗；", "基因治疗。"]  # type: ignore[attr-defined,union-attr]
    assert answer[3].caption.source == "图1 马军教授在会上发言"  # type: ignore[union-attr]
    assert [t.speaker for t in q2.turns][-1] == "MG"
    assert article.sections[1].blocks[0].text.source == "本文根据采访录音整理。"  # type: ignore[union-attr]
    profiles = article.profiles
    assert [p.speaker for p in profiles] == ["MJ", "MG"]
    assert [b.kind for b in profiles[0].blocks] == ["image", "list"]
    assert "版权所有" not in text


def english_manuscript(path: Path) -> Path:
    """An English manuscript: Title style, "Editor's Note:" run in, the profiles right after the
    introduction under "Expert Profile", questions as Heading 2, Q:/A: labels, a Word bullet list,
    a link and italics, two experts."""
    d = docx.Document()
    d.add_paragraph("ASCO 2025 | Two Experts on Bispecific Antibodies", style="Title")
    d.add_paragraph("At the 2025 ASCO Annual Meeting in Chicago (May 30 – June 3, 2025), Oncology Frontier spoke with two experts.")
    p = d.add_paragraph()
    _bold(p, "Editor's Note: ")
    p.add_run("This interview has been edited for length.")
    d.add_paragraph("Expert Profile", style="Heading 2")
    _bold(d.add_paragraph(), "Prof. Li Wei")
    d.add_paragraph("Director, Department of Hematology", style="List Bullet")
    _bold(d.add_paragraph(), "Dr. Chen Xia")
    d.add_paragraph("Associate Chief Physician", style="List Bullet")
    d.add_paragraph("Where do bispecific antibodies stand?", style="Heading 2")
    _labelled(d, "Oncology Frontier: ", "What did this year’s data show?")
    _labelled(d, "Prof. Li Wei: ", "Response rates above 60%. See ")
    p = d.paragraphs[-1]
    _hyperlink(p, "the abstract", "https://example.org/abstract")
    p.add_run(" in ")
    p.add_run("Blood").italic = True
    p.add_run(".")
    d.add_paragraph("bispecific antibodies", style="List Bullet")
    d.add_paragraph("CAR-T cell therapy", style="List Bullet")
    _labelled(d, "Dr. Chen Xia: ", "I agree.")
    d.add_paragraph("Looking ahead", style="Heading 2")
    _labelled(d, "Q: ", "What comes next?")
    _labelled(d, "Prof. Li Wei: ", "Earlier lines of therapy.")
    return _save(d, path)


def test_an_english_manuscript_with_profiles_first(fresh: Path) -> None:
    code, _out, err = run_cli(fresh, "import", str(english_manuscript(fresh / "Two experts (final).docx")))
    assert code == 0, err
    assert "guessed the slug, asco-2025-two-experts-on-bispecific, from the title" in err
    path = fresh / "articles" / "asco-2025-two-experts-on-bispecific" / "article.md"
    article = filled(path)
    assert {k: (s.name.source, s.honorific.source if s.honorific else None, s.role) for k, s in article.speakers.items()} == {
        "LW": ("Li Wei", "Prof.", Role.INTERVIEWEE),
        "CX": ("Chen Xia", "Dr.", Role.INTERVIEWEE),
        "OF": ("Oncology Frontier", None, Role.INTERVIEWER),
    }
    assert [s.kind for s in article.sections] == [
        SectionKind.INTRODUCTION, SectionKind.EDITORS_NOTE, SectionKind.PROFILE, SectionKind.PROFILE, SectionKind.QUESTION, SectionKind.QUESTION,
    ]  # fmt: skip
    q1, q2 = article.questions
    assert [t.speaker for t in q1.turns] == ["OF", "LW", "CX"]
    assert q1.turns[1].blocks[0].text.source == "Response rates above 60%. See [the abstract](https://example.org/abstract) in *Blood*."  # type: ignore[union-attr]
    assert [i.blocks[0].text.source for i in q1.turns[1].blocks[1].items] == ["bispecific antibodies", "CAR-T cell therapy"]  # type: ignore[union-attr]
    assert [t.speaker for t in q2.turns] == ["OF", "LW"]  # Q: is the interviewer
    assert article.meta.event is not None and article.meta.event.start.isoformat() == "2025-05-30"


def qa_manuscript(path: Path) -> Path:
    """问/答 with no headings (each question its own section), a full-width date, a month-only event."""
    d = docx.Document()
    d.add_paragraph("王磊教授：细胞治疗的十年")
    d.add_paragraph("２０２５年７月，第十届血液肿瘤高峰论坛在上海举行。")
    _labelled(d, "问：", "您如何看待进展？")
    _labelled(d, "答：", "进展很快。")
    _labelled(d, "问：", "还有什么建议？")
    _labelled(d, "答：", "多读文献。")
    return _save(d, path)


def test_questions_and_answers_without_headings(fresh: Path) -> None:
    code, _out, err = run_cli(fresh, "import", str(qa_manuscript(fresh / "wang.docx")))
    assert code == 0, err
    assert "guessed the slug, wang, from the file name" in err
    article = filled(fresh / "articles" / "wang" / "article.md")
    assert [(q.number, q.heading) for q in article.questions] == [(1, None), (2, None)]
    expert = next(s for s in article.speakers.values() if s.role is Role.INTERVIEWEE)
    assert (expert.key, expert.name.source, expert.honorific.source if expert.honorific else "") == ("WL", "王磊", "教授")
    assert [[t.speaker for t in q.turns] for q in article.questions] == [["Q", "WL"], ["Q", "WL"]]
    assert article.meta.event is not None and (article.meta.event.start.isoformat(), article.meta.event.end.isoformat()) == ("2025-07-01", "2025-07-31")


def roundtable_manuscript(path: Path) -> Path:
    """A roundtable: 主持人 and three guests, an answer with no label, profiles grouped."""
    d = docx.Document()
    d.add_paragraph("ASH 2025圆桌：CAR-T细胞治疗走向二线", style="Title")
    d.add_paragraph("四位专家参加了讨论。")
    d.add_paragraph("CAR-T细胞治疗应否前移？", style="Heading 1")
    _labelled(d, "主持人：", "各位怎么看？")
    _labelled(d, "王芳教授：", "应当前移。")
    _labelled(d, "刘洋教授：", "数据支持。")
    _labelled(d, "赵林主任：", "可及性仍是障碍。")
    d.add_paragraph("费用也是问题。")
    _bold(d.add_paragraph(), "专家介绍")
    _bold(d.add_paragraph(), "嘉宾")
    _bold(d.add_paragraph(), "王芳教授")
    d.add_paragraph("血液科主任")
    return _save(d, path)


def test_a_roundtable(fresh: Path) -> None:
    code, _out, err = run_cli(fresh, "import", str(roundtable_manuscript(fresh / "ash.docx")), "--slug", "ash-2025-roundtable")
    assert code == 0, err
    text = (fresh / "articles" / "ash-2025-roundtable" / "article.md").read_text(encoding="utf-8")
    article = filled(fresh / "articles" / "ash-2025-roundtable" / "article.md")
    roles = {k: s.role for k, s in article.speakers.items()}
    assert roles == {"HOST": Role.HOST, "WF": Role.GUEST, "LY": Role.GUEST, "ZL": Role.GUEST}, text
    assert article.speakers["ZL"].honorific is not None and article.speakers["ZL"].honorific.source == "主任"
    (q,) = article.questions
    assert [t.speaker for t in q.turns] == ["HOST", "WF", "LY", "ZL"]
    assert len(q.turns[-1].blocks) == 2  # the paragraph without a label continues the turn
    assert [p.speaker for p in article.profiles] == ["WF"]


def test_bad_manuscripts_are_refused_with_a_hint(fresh: Path) -> None:
    (fresh / "notes.docx").write_bytes(b"not a zip")
    code, _out, err = run_cli(fresh, "import", "notes.docx")
    assert code == 2 and "notes.docx:1: error: the file is not a Word document (.docx)" in err and "Traceback" not in err
    d = docx.Document()
    d.add_paragraph("采访稿")
    _labelled(d, "问：", "好吗？")
    _save(d, fresh / "采访.docx")
    code, _out, err = run_cli(fresh, "import", "采访.docx")
    assert code == 2 and "no slug can be made from the title or the file name — name the article with --slug" in err
    assert not list((fresh / "articles").iterdir())


def test_import_reads_what_the_lint_would_report(fresh: Path) -> None:
    """A manuscript's Word artefacts reach the article as they are (the lint reports them, fix repairs them)."""
    d = docx.Document()
    d.add_paragraph("A title", style="Title")
    d.add_paragraph("An intro with a\u00a0non-breaking space.")
    d.add_paragraph("Topic", style="Heading 2")
    _labelled(d, "Q: ", "Why?")
    _labelled(d, "Prof. Ma Jun: ", "Because.")
    _save(d, fresh / "a.docx")
    code, _out, err = run_cli(fresh, "import", "a.docx", "--slug", "a-title")
    assert code == 0, err
    filled(fresh / "articles" / "a-title" / "article.md")
    code, _out, err = run_cli(fresh, "check", "a-title")
    assert re.search(r"article.md:\d+:\d+: warning: \[nbsp\]", err), err


# ---------------------------------------------------------------- align


def _perturbed(chinese_docx: Path, out: Path) -> dict[str, str]:
    """The seed's Chinese edition as a translator's Word file that does not follow the article
    paragraph for paragraph: two paragraphs merged, one split in two, a paragraph only the
    Chinese edition has, one paragraph dropped. Returns what was done, by the texts concerned."""
    import copy

    d = docx.Document(str(chinese_docx))
    body = [p for p in d.paragraphs if p.style is not None and p.style.name == "Colloquy Answer" and len(p.runs) == 1]
    merged_a, merged_b, split, dropped = body[1], body[2], body[4], body[-3]
    done = {"merged": merged_a.text + merged_b.text, "split": split.text, "dropped": dropped.text}
    for r in merged_b._p.findall(qn("w:r")):
        merged_a._p.append(r)
    merged_b._p.getparent().remove(merged_b._p)
    text = split.runs[0].text
    cut = text.index("。") + 1
    second = copy.deepcopy(split._p)
    split._p.addnext(second)
    split.runs[0].text = text[:cut]
    second.findall(qn("w:r"))[0].find(qn("w:t")).text = text[cut:]
    dropped._p.getparent().remove(dropped._p)
    lead = next(p for p in d.paragraphs if p.style is not None and p.style.name == "Colloquy Body")
    extra = copy.deepcopy(lead._p)
    lead._p.addnext(extra)
    extra.findall(qn("w:r"))[0].find(qn("w:t")).text = "导语：本届年会的血液肿瘤专场值得关注，详见下文。"
    d.save(str(out))
    return done


def test_align_restores_a_perturbed_translation(seed_docx: dict[str, Path], tmp_path: Path) -> None:
    from colloquy.i18n.localise import MERGED
    from colloquy.i18n.pofile import load_catalog, save_catalog

    root = tmp_path / "project"
    for name in ("articles", "locales", "templates", "glossary"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    po = root / "locales" / "zh_CN" / "LC_MESSAGES" / "csco-2025-ma-jun.po"
    cat = load_catalog(po, Report(), "zh_CN")
    assert cat is not None
    truth = {e.msgid: e.string for e in cat}
    kept = next(e for e in cat if e.kind == "paragraph")
    for e in cat:
        e.set_strings([""])
        e.fuzzy = False
    kept.set_strings(["已有的译文，不可覆盖。"])
    save_catalog(po, cat)
    done = _perturbed(seed_docx["zh-CN"], tmp_path / "译文.docx")

    code, _out, err = run_cli(root, "align", "csco-2025-ma-jun", str(tmp_path / "译文.docx"))
    assert code == 0, err
    assert "本届年会的血液肿瘤专场值得关注" in err and "no unit of the article matches it" in err
    aligned = load_catalog(po, Report(), "zh_CN")
    assert aligned is not None
    article = read_article(root / "articles" / "csco-2025-ma-jun" / "article.md", Report())
    body = [u.text.source for u in units(article) if u.kind.value in ("title", "question-heading", "paragraph", "list-item")]
    restored, wrong = 0, []
    others = {v: k for k, v in truth.items() if v}
    first = next(a for a, b in itertools.pairwise(body) if truth[a] + truth[b] == done["merged"])
    second = body[body.index(first) + 1]
    for msgid in body:
        entry = aligned.get(msgid)
        assert entry is not None
        got = entry.string
        if msgid == kept.msgid:
            assert (got, entry.fuzzy) == ("已有的译文，不可覆盖。", False)  # never overwritten
            restored += 1
            continue
        if got:
            assert entry.fuzzy and any(c.startswith("colloquy: aligned from 译文.docx") for c in entry.translator_comments)
        expected = {first: done["merged"], second: MERGED}.get(msgid, truth[msgid])
        if got == expected or (truth[msgid] == done["split"] and "\n\n" in got and got.replace("\n\n", "") == expected):
            restored += 1
        elif got and (got == MERGED or others.get(got, msgid) != msgid or got not in truth[msgid]):
            wrong.append((msgid[:40], got[:40]))
    rate = restored / len(body)
    print(f"align: {restored} of {len(body)} units restored ({rate:.0%})")
    assert not wrong, wrong
    assert rate >= 0.9, rate
    import subprocess

    check = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr
