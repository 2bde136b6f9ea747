"""Translation QA: errors planted in a copy of the seed catalog are each caught by
``colloquy check`` at the PO file's line; the number reading, waivers, --strict."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from catalog_support import (
    PO_REL,
    REPO,
    Run,
    colloquy,
    copy_project,
    diagnostics_at,
    insert_before_entry,
    msgid_line,
    set_msgstr,
)
from colloquy.diagnostics import Report
from colloquy.editions import make_locale
from colloquy.qa import check_entry, numbers
from colloquy.qa.terminology import Glossary, load_glossary

EN, ZH = make_locale("en"), make_locale("zh_CN")


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    """A copy of the project with the committed seed and its complete Chinese catalog."""
    return copy_project(tmp_path / "project")


def po(project: Path) -> Path:
    return project / PO_REL


def assert_only_errors_at(run: Run, rel: str, line: int, code: str) -> None:
    """The run reports errors, one at least of ``code``, all at ``rel:line`` and nowhere else."""
    errors = diagnostics_at(run, rel, "error")
    assert errors, run.output
    assert any(rest.startswith(f"[{code}] ") for _, rest in errors), errors
    assert {n for n, _ in errors} == {line}, f"errors elsewhere than line {line}: {errors}"
    every_error = [x for x in run.lines() if ": error: " in x]
    assert len(every_error) == len(errors), every_error


# ------------------------------------------------------------------ planted errors, end to end

PLANTED = [
    # (what, the entry's msgid contains, in its msgstr: old → new, the check that must catch it)
    ("a changed number", "CSCO has undergone 27 years", "27年", "28年", "numbers"),
    ("a dropped number", "totaling 54 novel drugs", "共计54种新药", "共计多种新药", "numbers"),
    ("a dropped number word", "from about three years to over ten years", "约3年", "数年", "numbers"),
    ("a missing term", "This year’s CSCO Annual Meeting is themed", "双特异性抗体", "双抗", "terminology"),
    ("a half-width comma", "Looking ahead, we must continue", "展望未来，", "展望未来,", "typography"),
    ("a space between Chinese and a digit", "five-year disease-free survival rates", "治疗后的5年", "治疗后的 5年", "typography"),
    ("an unbalanced quote", "Only then can we ensure", "最好的治疗”", "最好的治疗", "typography"),
    ("a dropped strong", "**Gene Therapy:**", "**基因治疗**：", "基因治疗：", "markup"),
]


@pytest.mark.parametrize(("what", "needle", "old", "new", "code"), PLANTED, ids=[p[0] for p in PLANTED])
def test_planted_error_is_caught_at_the_entrys_line(seed: Path, what: str, needle: str, old: str, new: str, code: str) -> None:
    line = set_msgstr(po(seed), needle, old=old, new=new)
    assert line == msgid_line(po(seed), needle)
    run = colloquy(seed, "check", expect=1)
    assert re.search(rf"^{re.escape(PO_REL)}:{line}: error: \[{code}\] ", run.stderr, re.M), run.output
    assert_only_errors_at(run, PO_REL, line, code)
    assert re.search(r"^check: 1 article\(s\), [1-9]\d* error\(s\)", run.stderr, re.M)


LINK_ARTICLE = """\
---
slug: link-note
locale: en
date: 2025-09-09
outlet: Oncology Frontier
title: A note on the programme
speakers:
  OF:
    name: Oncology Frontier
    role: interviewer
  MJ:
    name: Ma Jun
    honorific: Prof.
    role: interviewee
---

The full programme is online at [the CSCO website](https://www.csco.org.cn/program) for every participant.

## Where to find the programme

@OF: Where can participants find the programme?

@MJ: On the website of the society.
"""
LINK_PARAGRAPH = "The full programme is online at [the CSCO website](https://www.csco.org.cn/program) for every participant."


def test_a_dropped_link_is_caught_at_the_entrys_line(seed: Path) -> None:
    folder = seed / "articles" / "link-note"
    folder.mkdir()
    (folder / "article.md").write_text(LINK_ARTICLE, encoding="utf-8")
    colloquy(seed, "update")
    rel = "locales/zh_CN/LC_MESSAGES/link-note.po"
    path = seed / rel

    set_msgstr(path, LINK_PARAGRAPH, "全部会议日程已发布于[CSCO官网](https://www.csco.org.cn/program)，供所有参会者查阅。")
    run = colloquy(seed, "check")  # the rest is untranslated or from memory: warnings
    assert not diagnostics_at(run, rel, "error"), run.output

    line = set_msgstr(path, LINK_PARAGRAPH, "全部会议日程已发布于CSCO官网，供所有参会者查阅。")
    run = colloquy(seed, "check", expect=1)
    assert f"{rel}:{line}: error: [markup] links differ from the source: missing https://www.csco.org.cn/program" in run.stderr
    assert_only_errors_at(run, rel, line, "markup")


@pytest.mark.parametrize(
    ("translation", "message"),
    [
        (
            "全部会议日程已发布于[CSCO官网](https://www.csco.org.cn/program)，详见[此处](https://evil.example/x)。",
            "the translation adds a link the source lacks: https://evil.example/x",
        ),
        ("全部会议日程已发布于CSCO官网，供所有参会者查阅。", "the translation drops the source's link https://www.csco.org.cn/program"),
        (
            "全部会议日程已发布于[CSCO官网](https://evil.example/program)，供所有参会者查阅。",
            "the translation changes the link https://www.csco.org.cn/program to https://evil.example/program",
        ),
    ],
    ids=["added", "dropped", "changed"],
)
def test_the_build_refuses_a_translation_whose_links_differ(seed: Path, translation: str, message: str) -> None:
    folder = seed / "articles" / "link-note"
    folder.mkdir()
    (folder / "article.md").write_text(LINK_ARTICLE, encoding="utf-8")
    colloquy(seed, "update")
    rel = "locales/zh_CN/LC_MESSAGES/link-note.po"
    line = set_msgstr(seed / rel, LINK_PARAGRAPH, translation)
    run = colloquy(seed, "build", "link-note", "--format", "html", expect=2)
    hint = "a translation keeps the source's links: translate the link text only"
    assert f"{rel}:{line}: error: {message} — {hint}" in run.stderr, run.output
    assert not (seed / "dist" / "zh-CN" / "link-note.html").exists()


# ------------------------------------------------------------------ waivers, --strict, orphans, the seed


def test_a_waiver_with_a_reason_turns_the_error_into_a_note(seed: Path) -> None:
    needle = "CSCO has undergone 27 years"
    set_msgstr(po(seed), needle, old="27年", new="28年")
    line = insert_before_entry(po(seed), needle, "# qa-waive numbers: the society counts its founding year as the first")
    run = colloquy(seed, "check")
    notes = diagnostics_at(run, PO_REL, "note")
    waived = [rest for n, rest in notes if n == line]
    assert len(waived) == 2 and all(rest.startswith("[numbers] ") for rest in waived), notes
    assert all("(waived: the society counts its founding year as the first)" in rest for rest in waived)
    assert not diagnostics_at(run, PO_REL, "error")
    assert "0 error(s)" in run.stderr and "2 waived" in run.stderr


def test_a_waiver_without_a_reason_is_an_error(seed: Path) -> None:
    needle = "CSCO has undergone 27 years"
    set_msgstr(po(seed), needle, old="27年", new="28年")
    line = insert_before_entry(po(seed), needle, "# qa-waive numbers:")
    run = colloquy(seed, "check", expect=1)
    errors = diagnostics_at(run, PO_REL, "error")
    assert (line, "[waiver] the waiver of 'numbers' gives no reason — write '# qa-waive CHECK: reason'") in errors
    assert any(n == line and rest.startswith("[numbers] ") for n, rest in errors), errors  # not waived


def test_untranslated_is_a_warning_and_an_error_with_strict(seed: Path) -> None:
    line = set_msgstr(po(seed), "Looking ahead, we must continue", "")
    run = colloquy(seed, "check")
    assert (line, "[untranslated] not translated yet — translate it, e.g. in Poedit") in diagnostics_at(run, PO_REL, "warning")
    assert not diagnostics_at(run, PO_REL, "error")

    run = colloquy(seed, "check", "--strict", expect=1)
    errors = diagnostics_at(run, PO_REL, "error")
    assert [n for n, rest in errors if rest.startswith("[untranslated] ")] == [line]
    assert {n for n, _ in errors} == {line}


def test_a_catalog_for_an_article_that_does_not_exist_is_bad_input(seed: Path) -> None:
    orphan = "locales/zh_CN/LC_MESSAGES/no-such-article.po"
    shutil.copy(po(seed), seed / orphan)
    run = colloquy(seed, "check", expect=2)
    assert f"{orphan}:1: error: catalog for an article that does not exist ('no-such-article')" in run.stderr


def test_the_committed_seed_passes_check_with_no_waived_number() -> None:
    """On the repository itself (check only reads). The journal title in title marks for the
    source's italics is no finding any more: nothing is waived."""
    run = colloquy(REPO, "check")
    assert re.search(r"^check: \d+ article\(s\), 0 error\(s\), \d+ warning\(s\), 0 waived$", run.stderr, re.M), run.output
    assert not [x for x in run.lines() if ": note: " in x]
    assert "[numbers]" not in run.output


# ------------------------------------------------------------------ the checks, one entry at a time


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("17–24% of presentations", "占比达17%～24%"),
        ("from about three years", "从约3年"),
        ("from about three years", "从约三年"),
        ("over ten years", "十年以上"),
        ("ten", "十"),
        ("the top ten", "前十"),
        ("five generations of hematologists", "五代血液人"),
        ("exceed 40%", "超过百分之四十"),
        ("exceed 40%", "超过40%"),
        ("The 28th Annual Meeting", "第二十八届学术年会"),
        ("The 28th Annual Meeting", "第28届学术年会"),
        ("from September 10–14, 2025", "于2025年9月10日—14日"),
        ("from September 10–14, 2025", "于2025年9月10日至14日"),
        ("seven CAR-T products and one mesenchymal stem cell therapy", "7款CAR-T产品和1款间充质干细胞疗法"),
        ("from 3 years to 10–12 years", "从3年延长至10～12年"),
        ("twenty-five patients", "二十五名患者"),
        ("1,000 patients", "1000名患者"),
        ("1.5 million patients", "150万名患者"),
        ("30 million people", "三千万人"),
        ("50 points", "五十分"),
        ("120 years", "120年"),
        # numeral characters inside words are no numbers
        ("It has always advanced further; it is one of the leaders.", "它一直在进一步发展，是领跑者之一。"),
        ("from one generation to the next", "一代又一代"),
    ],
)
def test_numbers_the_same_value_in_any_form_passes(source: str, target: str) -> None:
    assert numbers.check(source, target, EN, ZH) == []


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        ("27 years of development", "28年的发展历程", "27 in the source is missing from the translation"),
        ("27 years of development", "28年的发展历程", "28 in the translation is not in the source"),
        ("17–24% of presentations", "占比达17%～25%", "24 in the source is missing from the translation"),
        ("from about three years", "从约4年", "3 in the source is missing from the translation"),
        ("over ten years", "九年以上", "10 in the source is missing from the translation"),
        ("five generations", "四代", "5 in the source is missing from the translation"),
        ("exceed 40%", "超过百分之四十五", "40 in the source is missing from the translation"),
        ("The 28th Annual Meeting", "第二十七届学术年会", "28 in the source is missing from the translation"),
        ("from September 10–14, 2025", "于2025年10月10日—14日", "9 in the source is missing from the translation"),
        ("54 novel drugs", "多种新药", "54 in the source is missing from the translation"),
        ("a new era", "3个新时代", "3 in the translation is not in the source"),
    ],
)
def test_numbers_a_wrong_or_missing_value_fails(source: str, target: str, message: str) -> None:
    found = numbers.check(source, target, EN, ZH)
    assert message in [f.message for f in found]
    assert {f.code for f in found} == {"numbers"}


def test_numbers_words_with_numeral_characters_are_not_read_as_numbers() -> None:
    assert numbers.chinese_values("一直") == []
    assert numbers.chinese_values("进一步") == []
    assert numbers.chinese_values("之一") == []
    assert numbers.chinese_values("这一直是进一步发展的关键之一。") == []
    assert numbers.chinese_values("十分重要，千万不要，万一复发") == []
    assert numbers.chinese_values("五代血液人，第二十八届，百分之四十") == [Decimal(5), Decimal(28), Decimal(40)]


def test_numbers_from_a_chinese_source_to_english() -> None:
    assert numbers.check("中位生存期从3年延长至10～12年", "median survival from 3 years to 10–12 years", ZH, EN) == []
    assert numbers.check("五代血液人", "five generations of hematologists", ZH, EN) == []
    found = numbers.check("五代血液人", "four generations of hematologists", ZH, EN)
    assert [f.message for f in found] == ["5 in the source is missing from the translation", "4 in the translation is not in the source"]


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    report = Report()
    g = load_glossary(REPO / "glossary" / "terminology.csv", ("en", "zh_CN"), report)
    assert not report.items and g.terms
    return g


@pytest.mark.parametrize(
    ("source", "target", "code", "message"),
    [
        ("bispecific antibodies", "双抗", "terminology", "'bispecific antibody' should be translated as '双特异性抗体'"),
        ("CSCO has grown, and", "CSCO已发展壮大,并且", "typography", "half-width ',' in Chinese text"),
        ("27 years", "已走过 27年", "typography", "space between Chinese and Latin text: '过 2'"),
        ("the “best treatment”", "“最好的治疗", "typography", "unbalanced quotes or brackets: '“' is never closed"),
        ("**Gene Therapy:** x", "基因治疗：x", "markup", "strong (**…**): 1 in the source, 0 in the translation"),
        ("See [the site](https://example.org/a).", "见网站。", "markup", "links differ from the source: missing https://example.org/a"),
        (
            "See [the site](https://example.org/a).",
            "见[网站](https://example.org/b)。",
            "markup",
            "links differ from the source: missing https://example.org/a; not in the source https://example.org/b",
        ),
    ],
)
def test_check_entry_finds_each_kind_of_error(glossary: Glossary, source: str, target: str, code: str, message: str) -> None:
    found = check_entry(source, target, "en", "zh_CN", glossary)
    assert (code, message) in [(f.code, f.message) for f in found]


def test_check_entry_passes_a_good_translation(glossary: Glossary) -> None:
    source = "In multiple myeloma, **bispecific antibodies** extend median survival from 3 years to 10–12 years ([details](https://example.org/mm))."
    target = "在多发性骨髓瘤领域，**双特异性抗体**使中位生存期从3年延长至10～12年（[详情](https://example.org/mm)）。"
    assert check_entry(source, target, "en", "zh_CN", glossary) == []
