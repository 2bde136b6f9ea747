"""Interviews of the shapes the seed does not have, published end to end (tests/shapes/):

* ``ash-2025-car-t-roundtable`` (English): a host and four guests, profiles grouped before the
  questions with portraits, "01" numbering, sub-headings, an unnumbered closing section, a
  collective answer (role ``panel``) and an unlabelled one, an honorific translated per speaker;
* ``eha-2025-myeloma-two-experts`` (Chinese source, English catalog): two experts (one whose name
  is written given name first), lead paragraphs then the 编者按 (run-in), a summary for the
  Chinese editions only, an event known by its month, a translation split into two paragraphs;
* ``esmo-2025-breast-part-1`` / ``-part-2`` (English): a two-part series, a video with its poster,
  a one-day event, a translation merged into the paragraph before.

The four are built once, in a subprocess, into their nine outputs each; the tests read the real
HTML (html5lib), PDF (pdftotext) and DOCX (its XML). make test-clients opens them in Chromium and
LibreOffice too, and scans the video's QR code off the printed page."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from functools import cache
from pathlib import Path

import pytest

from cli_support import run_cli
from shapes_support import PART1, PART2, ROUND, SHAPE_SLUGS, SHAPES, TWO, VIDEO, shapes_project

html5lib = pytest.importorskip("html5lib", reason="html5lib is in the test extras: pip install -e '.[test]'")

SLUGS = SHAPE_SLUGS
EDITIONS = ("en", "zh-CN", "bilingual")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    project = shapes_project(tmp_path_factory.mktemp("shapes") / "project")
    env = {k: v for k, v in os.environ.items() if k != "COLLOQUY_DEBUG"} | {"PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run(
        [sys.executable, "-m", "colloquy.cli", "build", *SLUGS],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return project, proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def dist(built: tuple[Path, str]) -> Path:
    return built[0] / "dist"


def test_every_shape_builds_its_nine_outputs_without_a_warning(built: tuple[Path, str]) -> None:
    project, output = built
    assert "warning" not in output and "error" not in output, output
    for slug in SLUGS:
        for edition in EDITIONS:
            for fmt in ("html", "pdf", "docx"):
                path = project / "dist" / edition / f"{slug}.{fmt}"
                assert path.stat().st_size > 0, path
    # and the translations pass every check, the merged group compared with both its sources
    status, out, err = run_cli(project, "check", *SLUGS)
    assert status == 0, out + err
    assert "0 error(s), 0 warning(s)" in out + err, out + err


# ---------------------------------------------------------------- reading the outputs


@cache
def page(path: Path) -> ET.Element:
    return html5lib.parse(path.read_text(encoding="utf-8"), treebuilder="etree", namespaceHTMLElements=False)


def text(el: ET.Element) -> str:
    return " ".join("".join(el.itertext()).split())


def classes(el: ET.Element) -> set[str]:
    return set(el.get("class", "").split())


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [el for el in root.iter() if name in classes(el)]


def json_ld(root: ET.Element) -> dict:  # type: ignore[type-arg]
    script = next(s for s in root.iter("script") if s.get("type") == "application/ld+json")
    return json.loads(script.text or "")


@cache
def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True).stdout.decode()


def docx_body(path: Path) -> ET.Element:
    with zipfile.ZipFile(path) as z:
        body = ET.fromstring(z.read("word/document.xml")).find(f"{W}body")
    assert body is not None
    return body


def wtext(el: ET.Element) -> str:
    return "".join(t.text or "" for t in el.iter(f"{W}t"))


# ---------------------------------------------------------------- the roundtable


def test_roundtable_profiles_one_heading_grouped_host_and_guests_with_unique_ids(dist: Path) -> None:
    for edition, title, groups in (("en", "Expert Profiles", ["Host", "Guests"]), ("zh-CN", "专家介绍", ["主持人", "嘉宾"])):
        root = page(dist / edition / f"{ROUND}.html")
        assert [text(h) for h in by_class(root, "profile-title")] == [title]
        assert [text(h) for h in by_class(root, "profile-group")] == groups
        cards = by_class(root, "profile-card")
        ids = [c.get("id") for c in cards]
        assert ids == ["profile-HOST", "profile-G1", "profile-G2", "profile-G3", "profile-G4"]
        every_id = [el.get("id") for el in root.iter() if el.get("id")]
        assert len(every_id) == len(set(every_id))
        # the name line comes from the speaker entry, in bold; two cards have a portrait
        names = [text(next(iter(by_class(c, "profile-name")))) for c in cards]
        if edition == "en":
            assert names == ["Prof. Zhang Min", "Prof. Wang Fang", "Prof. Liu Yang", "Dr. Zhao Lin", "Dr. Sun Qiang"]
        else:  # "Dr." is 主任 for one guest and 医生 for another: each honorific its own entry
            assert names == ["张敏教授", "王芳教授", "刘洋教授", "赵琳主任", "孙强医生"]
        assert [len(list(c.iter("img"))) for c in cards] == [1, 1, 0, 0, 0]
        # positions typed one per line stay one per line
        assert [text(li) for li in cards[2].iter("li")] == (
            ["Chief Physician, Department of Medical Oncology, Central Cancer Center", "Professor, Central Medical College"]
            if edition == "en"
            else ["中部肿瘤中心肿瘤内科主任医师", "中部医学院教授"]
        )
        # the profiles stand before the first question
        order = [el for el in root.iter() if "profile-card" in classes(el) or (el.tag == "h2" and "question" in classes(el))]
        assert "profile-card" in classes(order[0]) and "question" in classes(order[-1])


def test_roundtable_numbering_subheadings_and_unnumbered_section(dist: Path) -> None:
    root = page(dist / "en" / f"{ROUND}.html")
    questions = [h for h in root.iter("h2") if "question" in classes(h)]
    assert [text(q) for q in questions] == ["01 Earlier Lines of Therapy", "02 Managing Toxicity", "A Closing Word"]
    assert [text(h) for h in by_class(root, "subheading")] == ["Second line", "Third line and beyond"]
    assert [q.get("id") for q in questions][:2] == ["q1", "q2"]


def test_roundtable_collective_and_unlabelled_answers(dist: Path) -> None:
    root = page(dist / "en" / f"{ROUND}.html")
    paragraphs = [p for p in root.iter("p") if text(p)]
    yes = next(p for p in paragraphs if text(p).endswith("Yes."))
    assert text(yes) == "All guests: Yes."
    unlabelled = next(p for p in paragraphs if "Learn the biology first" in text(p))
    assert unlabelled.find("strong") is None  # an answer given with no label
    # the panel and the host are not experts: neither the metadata nor the index lists them
    about = json_ld(root)["about"]
    assert [p["name"] for p in about] == ["Wang Fang", "Liu Yang", "Zhao Lin", "Sun Qiang"]
    index = page(dist / "en" / "index.html")
    row = next(li for li in index.iter("li") if any(a.get("href", "").startswith(ROUND) for a in li.iter("a")))
    assert "Prof. Wang Fang, Prof. Liu Yang, Dr. Zhao Lin, Dr. Sun Qiang" in text(row)
    assert "Zhang Min" not in text(row) and "All guests" not in text(row)


@needs_poppler
def test_roundtable_pdf_and_docx(dist: Path) -> None:
    zh = pdf_text(dist / "zh-CN" / f"{ROUND}.pdf")
    assert zh.count("专家介绍") == 1 and "主持人" in zh and "嘉宾" in zh
    assert "赵琳主任：" in zh and "孙强医生：" in zh and "全体嘉宾：" in zh
    body = docx_body(dist / "zh-CN" / f"{ROUND}.docx")
    children = list(body)
    assert children[-1].tag == f"{W}sectPr"  # the section properties stay last
    texts = [wtext(el) for el in children]
    # each card (a table: the portrait beside the text) stands under its group's heading, before the questions
    host, guests = texts.index("主持人"), texts.index("嘉宾")
    assert children[host + 1].tag == f"{W}tbl" and "张敏教授" in texts[host + 1]
    assert children[guests + 1].tag == f"{W}tbl" and "王芳教授" in texts[guests + 1]
    assert guests < texts.index("刘洋教授") < texts.index("治疗线数前移")


# ---------------------------------------------------------------- the Chinese-source interview


def test_chinese_source_front_lead_then_run_in_editors_note_and_a_chinese_only_summary(dist: Path) -> None:
    for edition in EDITIONS:
        root = page(dist / edition / f"{TWO}.html")
        note = by_class(root, "section-editors-note")
        assert note, edition
        labels = [text(s) for s in note[0].iter("strong")]
        assert labels == (["编者按："] if edition == "zh-CN" else ["Editor's Note:"] if edition == "en" else ["编者按：", "Editor's Note:"])
        # the two lead paragraphs come first
        intro = by_class(root, "section-introduction")
        body = [el for el in root.iter() if "row" in classes(el) or "block" in classes(el)]
        assert body.index(intro[0]) < body.index(note[0])
        summary = by_class(root, "section-summary")
        if edition == "en":
            assert not summary and "要点速览" not in ET.tostring(root, encoding="unicode")
        else:
            assert "要点速览" in text(summary[0])
        if edition == "bilingual":  # the English side of the summary's row is empty
            cells = [c for c in summary[0] if "cell" in classes(c)]
            assert [bool(text(c)) for c in cells] == [True, False]
    # not sent to translation
    catalog = (SHAPES / "locales" / "en" / "LC_MESSAGES" / f"{TWO}.po").read_text(encoding="utf-8")
    assert "要点速览" not in catalog


def test_chinese_source_split_translation_month_event_and_name_order(dist: Path) -> None:
    en = page(dist / "en" / f"{TWO}.html")
    paragraphs = [text(p) for p in en.iter("p")]
    first = next(i for i, p in enumerate(paragraphs) if p.startswith("Prof. Chen Xia: In patients who had received"))
    assert paragraphs[first + 1] == "The median duration of response was close to 2 years."
    assert text(by_class(en, "event")[0]) == "2025 European Hematology Association (EHA) Congress, June 2025"
    assert text(by_class(page(dist / "zh-CN" / f"{TWO}.html"), "event")[0]) == "2025年欧洲血液学协会（EHA）年会，2025年6月"
    people = {p["name"]: p for p in json_ld(en)["about"]}
    assert (people["Michael Berger"]["familyName"], people["Michael Berger"]["givenName"]) == ("Berger", "Michael")
    assert (people["Chen Xia"]["familyName"], people["Chen Xia"]["givenName"]) == ("Chen", "Xia")
    # the bilingual edition keeps the split translation in its unit's row
    bi = page(dist / "bilingual" / f"{TWO}.html")
    row = next(r for r in by_class(bi, "row") if "总缓解率超过60%" in text(r))
    assert [len(list(c.iter("p"))) for c in row if "cell" in classes(c)] == [1, 2]


@needs_poppler
def test_chinese_source_pdf_and_docx(dist: Path) -> None:
    en = pdf_text(dist / "en" / f"{TWO}.pdf")
    assert "Editor's Note: In this issue" in " ".join(en.split()) and "要点速览" not in en
    assert "要点速览" in pdf_text(dist / "zh-CN" / f"{TWO}.pdf")
    body = docx_body(dist / "bilingual" / f"{TWO}.docx")
    row = next(tr for tr in body.iter(f"{W}tr") if "要点速览" in wtext(tr))
    assert [bool(wtext(tc)) for tc in row.findall(f"{W}tc")] == [True, False]


# ---------------------------------------------------------------- the two-part series with a video


def test_series_parts_link_to_each_other_in_the_same_edition(dist: Path) -> None:
    for edition, names in (("en", ["Part 1", "Part 2"]), ("zh-CN", ["上篇", "下篇"]), ("bilingual", ["Part 1", "Part 2"])):
        for slug, other in ((PART1, PART2), (PART2, PART1)):
            nav = next(el for el in page(dist / edition / f"{slug}.html").iter("nav") if "series" in classes(el))
            assert [text(li) for li in nav.iter("li")] == names
            links = [a.get("href") for a in nav.iter("a")]
            assert links == [f"{other}.html"]  # relative: the same edition, the same format
            current = names[0] if slug == PART1 else names[1]
            assert [text(s) for s in nav.iter("strong") if s.get("aria-current") == "page"] == [current]


def test_series_parts_in_docx(dist: Path) -> None:
    """The DOCX masthead lists the parts as the PDF does, this document's part in bold (Word's Strong)."""
    for edition, names in (("en", ["Part 1", "Part 2"]), ("zh-CN", ["上篇", "下篇"])):
        for slug, current in ((PART1, names[0]), (PART2, names[1])):
            with zipfile.ZipFile(dist / edition / f"{slug}.docx") as z:
                body = ET.fromstring(z.read("word/document.xml")).find(f"{W}body")
                styles = ET.fromstring(z.read("word/styles.xml"))
            assert body is not None
            strong = next(s.get(f"{W}styleId") for s in styles.iter(f"{W}style") if (n := s.find(f"{W}name")) is not None and n.get(f"{W}val") == "Strong")
            line = next(p for p in body.iter(f"{W}p") if all(name in wtext(p) for name in names))
            bold = [wtext(r) for r in line.iter(f"{W}r") if any(rs.get(f"{W}val") == strong for rs in r.iter(f"{W}rStyle"))]
            assert bold == [current], (edition, slug)
            assert wtext(line).index(names[0]) < wtext(line).index(names[1])


def test_video_poster_links_to_the_video_and_print_has_address_and_qr(dist: Path) -> None:
    root = page(dist / "en" / f"{PART1}.html")
    figure = next(f for f in root.iter("figure") if "video" in classes(f))
    link = figure.find("a")
    assert link is not None and link.get("href") == VIDEO and link.find("img") is not None
    assert text(by_class(root, "event")[0]) == "ESMO Congress 2025 Breast Cancer Session, Berlin, October 19, 2025"


@needs_poppler
def test_video_in_pdf_and_docx(dist: Path) -> None:
    for edition, label in (("en", "Watch the video"), ("zh-CN", "观看视频"), ("bilingual", "观看视频")):
        # the label in each column's language (the QR code itself is scanned in make test-clients)
        content = pdf_text(dist / edition / f"{PART1}.pdf")
        assert label in content and "v.qq.com/x/page/" in content, edition
        if edition == "bilingual":
            assert "Watch the video" in content
    path = dist / "en" / f"{PART1}.docx"
    with zipfile.ZipFile(path) as z:
        rels = z.read("word/_rels/document.xml.rels").decode()
        pictures = [n for n in z.namelist() if n.startswith("word/media/")]
    assert f'Target="{VIDEO}"' in rels and 'TargetMode="External"' in rels
    assert len(pictures) == 2


def test_merged_translation_one_row_in_the_bilingual_edition(dist: Path) -> None:
    zh = page(dist / "zh-CN" / f"{PART2}.html")
    assert not [p for p in zh.iter("p") if not text(p)]  # no empty paragraph where the merged unit was
    assert [text(p) for p in zh.iter("p") if "目前证据仍然有限" in text(p)] == [
        "Helen Carter教授：目前证据仍然有限，小样本研究提示，换用不同载荷的第二种ADC对约四分之一的患者有效。"
    ]
    bi = page(dist / "bilingual" / f"{PART2}.html")
    row = next(r for r in by_class(bi, "row") if "The evidence is still limited" in text(r))
    cells = [c for c in row if "cell" in classes(c)]
    assert [len(list(c.iter("p"))) for c in cells] == [2, 1]
    assert "Small series suggest" in text(cells[0]) and "四分之一" in text(cells[1])


def test_stats_count_split_and_merged_units_as_translated(built: tuple[Path, str]) -> None:
    project, _ = built
    status, out, err = run_cli(project, "stats", TWO, PART2)
    assert status == 0, err
    lines = [line for line in out.splitlines() if TWO in line or PART2 in line]
    assert len(lines) == 2 and all("100%" in line for line in lines), out
