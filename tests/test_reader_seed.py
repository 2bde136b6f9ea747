"""The reader on the seed interview: structure, metadata, source positions, and nothing of the
scraped text lost (every number, every word) on its way into articles/csco-2025-ma-jun/article.md."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

from colloquy.model import Article, ListBlock, Paragraph, Role, SectionKind, Text
from colloquy.walk import units
from conftest import SEED_ARTICLE, SEED_DIR, SEED_TEXT, WORD_RE, read

DIGITS_RE = re.compile(r"\d+")
#: the structural labels of the scraped text, which the pipeline renders itself
SEED_LABEL_RE = re.compile(r"(?m)^(?:Q[0-9]+: |Oncology Frontier – Hematology Frontier: |Prof\. Ma Jun: |Expert Profile$|Professor Ma Jun(?=- Director))")
#: "categories:1. Cell Therapy: …cells.2. Gene Therapy: …" — the flattened ordered list's numbers
SEED_LIST_NUMBER_RE = re.compile(r"(?<=[:.])([1-9])\. (?=[A-Z])")


@pytest.fixture(scope="module")
def article() -> Article:
    return read(SEED_ARTICLE)


@pytest.fixture(scope="module")
def source_lines() -> list[str]:
    return SEED_ARTICLE.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED_TEXT.is_file():
        pytest.skip(f"the seed text is not available: {SEED_DIR} (the shared folder next to the repository) is absent")
    return SEED_TEXT.read_text(encoding="utf-8")


def line_of(lines: list[str], needle: str) -> int:
    matches = [n for n, line in enumerate(lines, 1) if needle in line]
    assert len(matches) == 1, f"{needle!r} is on lines {matches}, expected exactly one"
    return matches[0]


def paragraphs(blocks: tuple) -> list[str]:
    return [b.text.source for b in blocks if isinstance(b, Paragraph)]


def kinds(blocks: tuple) -> list[str]:
    return [type(b).__name__ for b in blocks]


# ---------------------------------------------------------------- structure


def test_sections_in_order(article: Article) -> None:
    assert [(s.kind, s.number) for s in article.sections] == [
        (SectionKind.INTRODUCTION, None),
        (SectionKind.QUESTION, 1),
        (SectionKind.QUESTION, 2),
        (SectionKind.QUESTION, 3),
        (SectionKind.PROFILE, None),
    ]
    assert article.section(SectionKind.EDITORS_NOTE) is None
    assert [q.number for q in article.questions] == [1, 2, 3]


def test_question_headings(article: Article) -> None:
    assert [q.heading.source if q.heading else None for q in article.questions] == [
        "Key Highlights in Hematologic Oncology at CSCO 2025",
        "Landscape Shift in Hematologic Malignancy Treatment",
        "Cultivating Young Clinicians and Fostering Innovation",
    ]


def test_introduction(article: Article) -> None:
    intro = article.sections[0]
    assert [t.speaker for t in intro.turns] == [None]
    texts = paragraphs(intro.blocks)
    assert len(texts) == 2 == len(intro.blocks)
    assert texts[0].startswith("The 28th Annual Meeting of the Chinese Society of Clinical Oncology (CSCO)")
    assert texts[1].startswith("In the field of hematologic malignancies")
    assert texts[1].endswith("maximize the value of this scientific gathering.")


@pytest.mark.parametrize(
    ("number", "answer"),
    [
        (1, ["Paragraph"] * 7),
        (2, ["Paragraph", "ListBlock", "Paragraph", "Paragraph", "Paragraph"]),
        (3, ["Paragraph"] * 5),
    ],
)
def test_turns_and_blocks_of_each_question(article: Article, number: int, answer: list[str]) -> None:
    question = article.questions[number - 1]
    assert [t.speaker for t in question.turns] == ["OF", "MJ"]
    of, mj = question.turns
    assert kinds(of.blocks) == ["Paragraph"]
    assert kinds(mj.blocks) == answer
    assert not of.label_on_own_line and not mj.label_on_own_line
    assert len(question.blocks) == 1 + len(answer)


def test_turn_texts_start_after_the_label(article: Article) -> None:
    q1 = article.questions[0]
    assert q1.turns[0].blocks[0].text.source.startswith("This year’s CSCO Annual Meeting is themed")
    assert q1.turns[1].blocks[0].text.source.startswith("CSCO has undergone 27 years of development")
    assert q1.turns[1].blocks[-1].text.source.endswith("a unique opportunity for academic exchange and professional growth.")


def test_ordered_list_of_the_three_categories(article: Article) -> None:
    lists = [b for b in article.questions[1].turns[1].blocks if isinstance(b, ListBlock)]
    assert len(lists) == 1
    (categories,) = lists
    assert categories.ordered is True
    assert categories.start == 1
    assert len(categories.items) == 3
    texts = [paragraphs(item.blocks) for item in categories.items]
    assert all(len(t) == 1 for t in texts)
    assert [t[0].split(":**")[0] + ":**" for t in texts] == ["**Cell Therapy:**", "**Gene Therapy:**", "**Stem Cell Therapy:**"]
    assert texts[0][0] == "**Cell Therapy:** including T-cell therapies, CAR-T cells, and TCR-T engineered T cells."


def test_profile_of_ma_jun_comes_last(article: Article) -> None:
    profile = article.sections[-1]
    assert profile.kind is SectionKind.PROFILE
    assert profile.speaker == "MJ"
    assert article.section(SectionKind.PROFILE) is profile
    assert kinds(profile.blocks) == ["ListBlock"]  # the name line is printed from the speaker entry


def test_profile_positions(article: Article) -> None:
    positions = article.sections[-1].blocks[0]
    assert isinstance(positions, ListBlock)
    assert positions.ordered is False
    items = [paragraphs(item.blocks) for item in positions.items]
    assert all(len(i) == 1 for i in items)
    assert [i[0] for i in items] == [
        "Director, Harbin Institute of Hematology & Oncology",
        "Professor, Chief Physician, Doctoral Supervisor",
        "Chair, CSCO Board of Supervisors",
        "Vice-Chair, Asian Clinical Oncology Society",
        "Head, Lymphoma Specialty Construction Project Expert Group, National Health Commission",
        "Editor-in-Chief, *Journal of Leukemia & Lymphoma*",
        # "Former Chair, CSCO- Former Vice-Chair, …" in the scraped text: two positions
        "Former Chair, CSCO",
        "Former Vice-Chair, Hematology Branch, Chinese Medical Association",
    ]


def test_no_sentences_glued_together(article: Article) -> None:
    """The scrape lost paragraph breaks ("treatment.This year’s"); the source restores them."""
    glued = re.compile(r"[a-z][.?!:][”’]?[A-Z“]")
    assert [u.text.source for u in units(article) if glued.search(u.text.source)] == []


# ---------------------------------------------------------------- metadata


def test_metadata(article: Article) -> None:
    meta = article.meta
    assert meta.slug == "csco-2025-ma-jun" == SEED_ARTICLE.parent.name
    assert meta.locale == "en"
    assert meta.date == dt.date(2025, 9, 9)
    assert meta.outlet.source == "Oncology Frontier"
    assert meta.column is not None and meta.column.source == "Hematology Frontier"
    assert meta.title.source.startswith("CSCO 2025 | Professor Ma Jun: 120 Years of Chinese Hematology — Establishing a Global Benchmark;")
    assert meta.short_title is not None and meta.short_title.source == "CSCO 2025 | Professor Ma Jun: 120 Years of Chinese Hematology"
    assert [t.source for t in meta.tags][:2] == ["CSCO 2025", "hematologic malignancies"]


def test_event(article: Article) -> None:
    event = article.meta.event
    assert event is not None
    assert (event.start, event.end) == (dt.date(2025, 9, 10), dt.date(2025, 9, 14))
    assert event.name.source == "The 28th Annual Meeting of the Chinese Society of Clinical Oncology (CSCO)"
    assert event.short_name is not None and event.short_name.source == "CSCO 2025"
    assert event.city is not None and event.city.source == "Jinan, Shandong"
    assert event.theme is not None and event.theme.source == "Standardized Diagnosis and Treatment, Innovation-Driven Progress"


def test_speakers(article: Article) -> None:
    assert list(article.speakers) == ["OF", "MJ"]
    of, mj = article.speakers["OF"], article.speakers["MJ"]
    assert (of.key, of.name.source, of.role, of.honorific) == ("OF", "Oncology Frontier – Hematology Frontier", Role.INTERVIEWER, None)
    assert (mj.key, mj.name.source, mj.role) == ("MJ", "Ma Jun", Role.INTERVIEWEE)
    assert mj.honorific is not None and mj.honorific.source == "Prof."
    assert mj.affiliation is not None and mj.affiliation.source == "Harbin Institute of Hematology & Oncology"
    assert article.interviewees == (mj,)


def test_article_identity(article: Article) -> None:
    assert Path(article.path).parts[-3:] == ("articles", "csco-2025-ma-jun", "article.md")
    assert re.fullmatch(r"[0-9a-f]{64}", article.source_hash)
    assert read(SEED_ARTICLE).source_hash == article.source_hash


# ---------------------------------------------------------------- source positions


def test_section_and_turn_lines(article: Article, source_lines: list[str]) -> None:
    q1, q2, q3 = article.questions
    assert q1.line == line_of(source_lines, "## Key Highlights in Hematologic Oncology")
    assert q2.line == line_of(source_lines, "## Landscape Shift")
    assert q3.line == line_of(source_lines, "## Cultivating Young Clinicians")
    assert article.sections[0].line == line_of(source_lines, "The 28th Annual Meeting of the Chinese Society of Clinical Oncology (CSCO) will be held")
    assert article.sections[-1].line == line_of(source_lines, "::: profile MJ")
    assert q1.turns[0].line == line_of(source_lines, "@OF: This year’s CSCO Annual Meeting")
    assert q1.turns[1].line == line_of(source_lines, "@MJ: CSCO has undergone 27 years")
    assert q2.turns[1].line == line_of(source_lines, "@MJ: This year’s CSCO will feature an Innovation Drug Forum")
    assert q3.turns[1].line == line_of(source_lines, "@MJ: Chinese hematology has a history")


def test_block_lines(article: Article, source_lines: list[str]) -> None:
    categories = article.questions[1].turns[1].blocks[1]
    assert isinstance(categories, ListBlock)
    assert categories.line == line_of(source_lines, "1. **Cell Therapy:**")
    assert [i.line for i in categories.items] == [
        line_of(source_lines, "1. **Cell Therapy:**"),
        line_of(source_lines, "2. **Gene Therapy:**"),
        line_of(source_lines, "3. **Stem Cell Therapy:**"),
    ]
    positions = article.sections[-1].blocks[0]
    assert isinstance(positions, ListBlock)
    assert positions.line == line_of(source_lines, "- Director, Harbin Institute")
    assert positions.items[-1].line == line_of(source_lines, "- Former Vice-Chair")
    q3_last = article.questions[2].blocks[-1]
    assert isinstance(q3_last, Paragraph)
    assert q3_last.line == line_of(source_lines, "Only then can we ensure")


def test_every_text_points_at_its_source(article: Article, source_lines: list[str]) -> None:
    """Every body text starts exactly at its (line, col); every metadata value is on its line."""
    body_texts = 0
    for unit in units(article):
        text: Text = unit.text
        line = source_lines[text.line - 1]
        if unit.field:  # front matter: the position of the YAML value (a quoted one starts at its quote)
            assert unit.text.source[:30] in line, unit.context
            assert line[text.col - 1 :].lstrip("\"'").startswith(text.source[:30]), unit.context
        else:
            body_texts += 1
            assert line[text.col - 1 :].startswith(text.source[:60]), (unit.context, text.line, text.col)
    assert body_texts == 2 + 3 + (1 + 7) + (1 + 1 + 3 + 3) + (1 + 5) + 8


# ---------------------------------------------------------------- nothing of the seed lost


def test_every_number_of_the_seed_is_in_the_model(article: Article, seed: str) -> None:
    """Each number is a fact every edition must carry. Question numbers ("Q1") and the flattened
    list's numbers ("categories:1. Cell Therapy") are structure: the model carries those as
    question numbers and the list's start."""
    without_questions, questions = re.subn(r"(?m)^Q([0-9]+): ", "", seed)
    prose, list_numbers = SEED_LIST_NUMBER_RE.subn("", without_questions)
    assert (questions, list_numbers) == (3, 3)
    assert [q.number for q in article.questions] == [1, 2, 3]
    categories = article.questions[1].turns[1].blocks[1]
    assert isinstance(categories, ListBlock)
    assert (categories.start, len(categories.items)) == (1, 3)

    seed_numbers = Counter(DIGITS_RE.findall(prose))
    model_numbers = Counter(n for u in units(article) for n in DIGITS_RE.findall(u.text.source))
    assert seed_numbers - model_numbers == Counter()
    # the ones the README names, to be sure the counting above saw them
    for number in ("27", "17", "24", "40", "54", "120", "3", "10", "12", "2025", "28", "14"):
        assert seed_numbers[number] >= 1 and model_numbers[number] >= seed_numbers[number]


def test_every_word_of_the_seed_is_in_the_source(seed: str) -> None:
    source = SEED_ARTICLE.read_text(encoding="utf-8")
    missing = set(WORD_RE.findall(seed)) - set(WORD_RE.findall(source))
    # "Q1:"…"Q3:" are question numbers, "Expert Profile" the profile's rendered heading
    # ("::: profile" in the source); the turn labels' words are all in the front matter
    assert missing == {"Q1", "Q2", "Q3", "Profile"}


def test_every_word_of_the_seed_text_is_in_the_body(seed: str) -> None:
    """Stronger: without its labels, every word of the seed, as often as it occurs there, is in the body."""
    source = SEED_ARTICLE.read_text(encoding="utf-8")
    body = source.split("\n---\n", 1)[1]
    text, labels = SEED_LABEL_RE.subn("", seed)
    # Q1–Q3, three questions, three answers, the profile's heading and its name line (from the speaker entry)
    assert labels == 3 + 3 + 3 + 1 + 1
    assert Counter(WORD_RE.findall(text)) - Counter(WORD_RE.findall(body)) == Counter()
