"""The source syntax of real interviews (issue 11), read into the model, and each of its refusals
as one exact ``path:line:col: error: message — hint`` line: the front (lead, editor's note,
summary), ``::: only``, ``::: video``, roles and unlabelled turns, sub-headings, unnumbered
sections, numbering, profiles at the top or the end, events by day, month or range, series,
name order. Positions are computed from the file written, not hard-coded. docs/source-format.md
documents each of them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from colloquy.diagnostics import Report
from colloquy.editions import make_locale
from colloquy.i18n.ui import load_ui
from colloquy.model import (
    DatePrecision,
    Image,
    ListBlock,
    NameOrder,
    Numbering,
    Only,
    Paragraph,
    Role,
    SectionKind,
    SubHeading,
    UnitKind,
    Video,
    name_parts,
)
from colloquy.reader import read_article
from colloquy.walk import images, units
from colloquy.writers.edition import numbering, question_heading
from conftest import REPO, ArticleFactory, col_of, diagnostics, front_matter_text, line_of, read
from test_reader_format import tiny_png

pytestmark = pytest.mark.usefixtures("in_tmp")

#: the article's path as diagnostics show it, working from the project folder
P = "articles/test-article/article.md"

#: an introduction and a question with its two turns
QUESTION = "Intro.\n\n## Q\n\n@OF: Question?\n\n@MJ: Answer.\n"
#: the same without the introduction
ONLY_QUESTION = QUESTION.removeprefix("Intro.\n\n")

ROUNDTABLE = {
    "speakers": {
        "HOST": {"name": "Zhang Min", "honorific": "Prof.", "role": "host"},
        "G1": {"name": "Wang Fang", "honorific": "Prof.", "role": "guest"},
        "G2": {"name": "Liu Yang", "honorific": "Dr.", "role": "guest"},
        "ALL": {"name": "All guests", "role": "panel"},
    }
}

NAME_LEFT_OUT = "it is left out — remove it: the editions print the name line from the speaker entry (name and honorific)"
NOT_TOGETHER = "the profiles are not together — write the profiles one after the other, after the front of the article or after the last question"
NO_LABEL = "text in a question before any speaker label — start the turn with a label such as '@MJ: ' (or '@: ' for an answer with no label)"
VIDEO_HINT = "write '::: video https://…' with the video's full address"
SUBHEADING_OUTSIDE = "a sub-heading (###) outside a question — a ### sub-heading stands under a ## heading: one of several questions on its topic"
SERIES_NOT_A_LIST = "'series' must be the list of the parts' slugs, in order — write one '- slug' per part under 'series:', this article's included"


def texts(blocks: tuple[Any, ...]) -> list[str]:
    return [b.text.source for b in blocks if isinstance(b, Paragraph)]


def with_png(path: Path, *names: str) -> Path:
    for name in names:
        (path.parent / name).write_bytes(tiny_png())
    return path


# ---------------------------------------------------------------- the front


def test_lead_editors_note_and_summary_in_any_order_before_the_questions(make_article: ArticleFactory) -> None:
    body = (
        "A first lead paragraph.\n\nA second one.\n\n"
        "::: editors-note\nThe note, which repeats the lead.\n:::\n\n"
        "::: summary\n**Key points**: one, two.\n:::\n\n"
        "A lead paragraph after the summary.\n\n" + ONLY_QUESTION
    )
    path = make_article(body=body)
    article = read(path)
    assert [(s.kind, s.line) for s in article.sections] == [
        (SectionKind.INTRODUCTION, line_of(path, "A first lead")),
        (SectionKind.EDITORS_NOTE, line_of(path, "::: editors-note")),
        (SectionKind.SUMMARY, line_of(path, "::: summary")),
        (SectionKind.INTRODUCTION, line_of(path, "A lead paragraph after")),
        (SectionKind.QUESTION, line_of(path, "## Q")),
    ]
    assert [texts(s.blocks) for s in article.sections[:4]] == [
        ["A first lead paragraph.", "A second one."],
        ["The note, which repeats the lead."],
        ["**Key points**: one, two."],
        ["A lead paragraph after the summary."],
    ]
    assert [u.context for u in units(article) if u.section is not None][:5] == [
        "introduction, paragraph",
        "introduction, paragraph",
        "editors-note, paragraph",
        "summary, paragraph",
        "introduction, paragraph",
    ]


def test_summary_first_then_the_note_and_no_lead(make_article: ArticleFactory) -> None:
    path = make_article(body="::: summary\nThe summary.\n:::\n\n::: editors-note\nThe note.\n:::\n\n" + ONLY_QUESTION)
    assert [s.kind for s in read(path).sections] == [SectionKind.SUMMARY, SectionKind.EDITORS_NOTE, SectionKind.QUESTION]


@pytest.mark.parametrize(("name", "what"), [("editors-note", "editor's note"), ("summary", "summary")])
def test_a_note_or_summary_after_the_questions_is_refused(make_article: ArticleFactory, name: str, what: str) -> None:
    path = make_article(body=QUESTION + f"\n::: {name}\nToo late.\n:::\n")
    assert diagnostics(path) == [
        f"{P}:{line_of(path, f'::: {name}')}:1: error: the {what} comes after the questions or the profiles"
        f" — move the '::: {name}' section to the front, before the first question"
    ]


def test_a_summary_after_profiles_at_the_top_is_refused(make_article: ArticleFactory) -> None:
    path = make_article(body="Intro.\n\n::: profile MJ\n- Director\n:::\n\n::: summary\nToo late.\n:::\n\n" + ONLY_QUESTION)
    assert diagnostics(path) == [
        f"{P}:{line_of(path, '::: summary')}:1: error: the summary comes after the questions or the profiles"
        " — move the '::: summary' section to the front, before the first question"
    ]


# ---------------------------------------------------------------- ::: only


def test_only_blocks_in_the_lead_and_in_a_turn_are_not_translated(make_article: ArticleFactory) -> None:
    body = (
        "The lead.\n\n::: only zh_CN\n只在中文版出现的导语。\n\n- 一项\n:::\n\n"
        "## Q\n\n@OF: Question?\n\n@MJ: Answer.\n\n::: only en\nAn English-only aside.\n:::\n\nMore of the answer.\n"
    )
    path = make_article(body=body)
    article = read(path)
    intro, question = article.sections
    lead_only = intro.blocks[1]
    assert isinstance(lead_only, Only)
    assert (lead_only.locale, lead_only.line) == ("zh_CN", line_of(path, "::: only zh_CN"))
    assert [type(b).__name__ for b in lead_only.blocks] == ["Paragraph", "ListBlock"]
    assert texts(lead_only.blocks) == ["只在中文版出现的导语。"]
    assert [(t.speaker, [type(b).__name__ for b in t.blocks]) for t in question.turns] == [
        ("OF", ["Paragraph"]),
        ("MJ", ["Paragraph", "Only", "Paragraph"]),  # the answer goes on after it
    ]
    answer_only = question.turns[1].blocks[1]
    assert isinstance(answer_only, Only) and (answer_only.locale, texts(answer_only.blocks)) == ("en", ["An English-only aside."])
    translated = [u.text.source for u in units(article) if u.section is not None]
    assert translated == ["The lead.", "Q", "Question?", "Answer.", "More of the answer."]


def test_only_wrapping_a_summary_and_a_note_with_four_colons(make_article: ArticleFactory) -> None:
    body = (
        ":::: only zh_CN\n::: summary\n**要点速览**：缓解率超过60%。\n:::\n::::\n\n"
        ":::: only en\n::: editors-note\nAn English-only note.\n:::\n::::\n\n" + QUESTION
    )
    path = make_article(body=body)
    article = read(path)
    assert [(s.kind, s.only, s.line) for s in article.sections] == [
        (SectionKind.SUMMARY, "zh_CN", line_of(path, "::: summary")),
        (SectionKind.EDITORS_NOTE, "en", line_of(path, "::: editors-note")),
        (SectionKind.INTRODUCTION, None, line_of(path, "Intro.")),
        (SectionKind.QUESTION, None, line_of(path, "## Q")),
    ]
    assert texts(article.sections[0].blocks) == ["**要点速览**：缓解率超过60%。"]
    assert [u.section.kind for u in units(article) if u.section is not None] == [SectionKind.INTRODUCTION, *[SectionKind.QUESTION] * 3]


@pytest.mark.parametrize(
    ("opening", "message"),
    [
        ("::: only fr", "'::: only fr' names no locale of the project"),
        ("::: only zh-CN", "'::: only zh-CN' names no locale of the project"),
        ("::: only", "'::: only' names no locale"),
    ],
)
def test_only_naming_no_locale_of_the_project(make_article: ArticleFactory, opening: str, message: str) -> None:
    path = make_article(body=f"Intro.\n\n{opening}\nText.\n:::\n\n" + ONLY_QUESTION)
    assert diagnostics(path) == [
        f"{P}:{line_of(path, opening)}:1: error: {message} — write '::: only LOCALE' with one of: en, zh_CN (gettext names: zh_CN)"
    ]


def test_a_question_heading_inside_only_is_refused(make_article: ArticleFactory) -> None:
    heading = "## 只在中文版的标题"
    path = make_article(body=QUESTION + f"\n::: only zh_CN\n{heading}\n:::\n")
    assert diagnostics(path) == [
        f"{P}:{line_of(path, heading)}:1: error: a heading inside '::: only'"
        " — a question (##) is written for every edition; inside a question, a '### ' sub-heading may be written for one edition only"
    ]


def test_a_sub_heading_for_one_edition_only(make_article: ArticleFactory) -> None:
    """A '### ' sub-heading inside '::: only' in a question: printed in that edition only, not
    translated; what follows it starts with a label, as after any sub-heading."""
    path = make_article(body=QUESTION + "\n::: only zh_CN\n### 只在中文版的小标题\n:::\n\n@MJ: More.\n")
    article = read(path)
    turns = article.sections[-1].turns
    only = turns[-2].blocks[0]
    assert (turns[-2].speaker, type(only).__name__, only.locale) == (None, "Only", "zh_CN")
    assert [type(b).__name__ for b in only.blocks] == ["SubHeading"]
    assert only.blocks[0].text.source == "只在中文版的小标题"
    assert "只在中文版的小标题" not in [u.text.source for u in units(article)]
    unlabelled = make_article(body=QUESTION + "\n::: only zh_CN\n### 小标题\n:::\n\nNo label.\n")
    assert diagnostics(unlabelled) == [
        f"{P}:{line_of(unlabelled, 'No label.')}:1: error: text in a question before any speaker label"
        " — start the turn with a label such as '@MJ: ' (or '@: ' for an answer with no label)"
    ]


def test_only_right_under_a_question_heading_needs_a_label_first(make_article: ArticleFactory) -> None:
    path = make_article(body="Intro.\n\n## Q\n\n::: only en\nText.\n:::\n\n@OF: Question?\n")
    assert diagnostics(path) == [f"{P}:{line_of(path, '::: only en')}:1: error: {NO_LABEL}"]


def test_only_holding_a_note_and_other_text_is_refused(make_article: ArticleFactory) -> None:
    """The other text would be left out of every edition."""
    path = make_article(body=":::: only zh_CN\n::: editors-note\n编者按的内容。\n:::\n\n一段导语。\n::::\n\n" + QUESTION)
    assert diagnostics(path) == [
        f"{P}:{line_of(path, '一段导语')}:1: error: '::: only' holds an editor's note or a summary and other text"
        " — give the other text a '::: only zh_CN' section of its own, before or after this one"
    ]


def test_only_with_three_colons_around_a_summary_leaves_a_stray_closing_line(make_article: ArticleFactory) -> None:
    """The first ':::' closes the outer section: the doc says to open it with '::::'."""
    path = make_article(body="::: only zh_CN\n::: summary\n要点。\n:::\n:::\n\n" + QUESTION)
    assert diagnostics(path) == [
        f"{P}:{line_of(path, '::: only')}:1: error: '::: only zh_CN' is never closed: it takes in what follows, up to the ':::'"
        f" of line {line_of(path, ':::', occurrence=3)} (which closes '::: summary' too)"
        " — a '::: only' that holds a '::: summary' or '::: editors-note' opens and closes with four colons: '::::'",
        f"{P}:{line_of(path, ':::', occurrence=4)}:1: error: a ':::' line that closes no fenced section"
        " — remove it, or open its section above it (a section inside '::: only' needs the '::: only' opened and closed with '::::')",
    ]


# ---------------------------------------------------------------- ::: video


def test_video_with_its_poster_in_the_lead(make_article: ArticleFactory) -> None:
    url = "https://v.qq.com/x/page/e3561a7kq2d.html"
    path = with_png(
        make_article(body=f'The lead.\n\n::: video {url}\n![The interview](poster.png "The interview in full (8 minutes)")\n:::\n\n' + ONLY_QUESTION),
        "poster.png",
    )
    article = read(path)
    video = article.sections[0].blocks[1]
    assert isinstance(video, Video)
    assert (video.url, video.line) == (url, line_of(path, "::: video"))
    assert isinstance(video.poster, Image)
    assert (video.poster.src, video.poster.alt.source, video.poster.line) == ("poster.png", "The interview", line_of(path, "![The interview]"))
    assert video.poster.caption is not None and video.poster.caption.source == "The interview in full (8 minutes)"
    assert images(article) == [video.poster]
    assert [(u.kind, u.text.source) for u in units(article) if u.kind in (UnitKind.IMAGE_ALT, UnitKind.CAPTION)] == [
        (UnitKind.IMAGE_ALT, "The interview"),
        (UnitKind.CAPTION, "The interview in full (8 minutes)"),
    ]


def test_video_without_a_poster_in_a_turn(make_article: ArticleFactory) -> None:
    article = read(make_article(body=QUESTION + "\n::: video https://example.org/v/1\n:::\n"))
    (block,) = article.questions[0].turns[1].blocks[1:]
    assert block == Video("https://example.org/v/1", None, block.line)


@pytest.mark.parametrize(
    ("opening", "message"),
    [
        ("::: video", "the video has no address"),
        ("::: video ftp://example.org/v.mp4", "link scheme 'ftp:' is not allowed"),
        ("::: video javascript:alert(1)", "link scheme 'javascript:' is not allowed"),
        ("::: video v.qq.com/x/page/e3561a7kq2d.html", "link 'v.qq.com/x/page/e3561a7kq2d.html' is not an absolute URL"),
    ],
)
def test_video_without_a_valid_address(make_article: ArticleFactory, opening: str, message: str) -> None:
    path = with_png(make_article(body=f"Intro.\n\n{opening}\n![A poster](poster.png)\n:::\n\n" + ONLY_QUESTION), "poster.png")
    assert diagnostics(path) == [f"{P}:{line_of(path, opening)}:1: error: {message} — {VIDEO_HINT}"]


@pytest.mark.parametrize(
    "inside",
    ["![A poster](poster.png)\n\nWatch the interview.\n", "![A poster](poster.png)\n\n![Another](poster.png)\n", "- a list\n"],
    ids=["poster-and-text", "two-posters", "a-list"],
)
def test_video_holding_anything_but_one_poster(make_article: ArticleFactory, inside: str) -> None:
    path = with_png(make_article(body=f"Intro.\n\n::: video https://example.org/v\n{inside}:::\n\n" + ONLY_QUESTION), "poster.png")
    assert diagnostics(path) == [
        f"{P}:{line_of(path, '::: video')}:1: error: a video holds its poster image and nothing else"
        " — write one image, ![a description](poster.jpg \"caption\"), between '::: video' and ':::'"
    ]


# ---------------------------------------------------------------- roles, unlabelled turns


def test_panel_answers_and_unlabelled_turns(make_article: ArticleFactory) -> None:
    body = (
        "Intro.\n\n## Round table\n\n@HOST: Do you all agree?\n\n@ALL: Yes.\n\n"
        "@HOST: One word for young clinicians?\n\n@: Learn the biology first.\n\nThen the protocols.\n\n"
        "@:\n\nRead the trials.\n\n@G1: And I add this.\n\nA paragraph that goes on with Prof. Wang's turn.\n"
    )
    path = make_article(ROUNDTABLE, body)
    article = read(path)
    (q,) = article.questions
    assert [(t.speaker, t.unlabelled, t.label_on_own_line, texts(t.blocks), t.line) for t in q.turns] == [
        ("HOST", False, False, ["Do you all agree?"], line_of(path, "@HOST: Do you")),
        ("ALL", False, False, ["Yes."], line_of(path, "@ALL:")),
        ("HOST", False, False, ["One word for young clinicians?"], line_of(path, "@HOST: One word")),
        (None, True, False, ["Learn the biology first.", "Then the protocols."], line_of(path, "@: Learn")),
        (None, True, False, ["Read the trials."], line_of(path, "@:", occurrence=2)),
        ("G1", False, False, ["And I add this.", "A paragraph that goes on with Prof. Wang's turn."], line_of(path, "@G1:")),
    ]
    assert article.speakers["ALL"].role is Role.PANEL
    assert not Role.PANEL.expert and not Role.PANEL.asks
    assert [s.key for s in article.interviewees] == ["G1", "G2"]  # neither the host nor the panel
    # an unlabelled answer's paragraphs are said by nobody in the catalog
    assert [u.context for u in units(article) if u.text.source == "Learn the biology first."] == ["Q1, paragraph"]


@pytest.mark.parametrize(
    ("body", "needle", "label"),
    [
        ("@: Said before any question.\n\n" + QUESTION, "@: Said", "@:"),
        (QUESTION + "\n::: profile MJ\n- Director\n:::\n\n@MJ: After the profiles.\n", "@MJ: After", "@MJ:"),
    ],
    ids=["unlabelled-in-the-lead", "after-the-profiles"],
)
def test_a_turn_outside_a_question(make_article: ArticleFactory, body: str, needle: str, label: str) -> None:
    path = make_article(body=body)
    assert diagnostics(path) == [
        f"{P}:{line_of(path, needle)}:1: error: a speaker turn ('{label}') outside a question — turns belong under a '## ' question heading"
    ]


def test_unknown_role_lists_panel(make_article: ArticleFactory) -> None:
    path = make_article({"speakers": {"OF": {"name": "Oncology Frontier", "role": "moderator"}}}, "Intro.\n\n## Q\n\n@OF: Question?\n")
    assert diagnostics(path) == [
        f"{P}:{line_of(path, 'role: moderator')}:{col_of(path, 'moderator')}: error: unknown role 'moderator' for speaker 'OF'"
        " — use one of: interviewer, interviewee, host, guest, panel"
    ]


# ---------------------------------------------------------------- speakers: name order, honorifics


def test_name_order(make_article: ArticleFactory) -> None:
    speakers = {
        "speakers": {
            "OF": {"name": "《肿瘤瞭望》", "role": "interviewer"},
            "CX": {"name": "Chen Xia", "honorific": "Prof.", "role": "interviewee"},
            "MB": {"name": "Michael Berger", "honorific": "Prof.", "role": "interviewee", "name_order": "given-first"},
            "ZL": {"name": "Zhang Li", "role": "interviewee", "name_order": "family-first"},
        }
    }
    article = read(make_article(speakers, "Intro.\n\n## Q\n\n@OF: Question?\n"))
    orders = {k: s.name_order for k, s in article.speakers.items()}
    assert orders == {"OF": NameOrder.FAMILY_FIRST, "CX": NameOrder.FAMILY_FIRST, "MB": NameOrder.GIVEN_FIRST, "ZL": NameOrder.FAMILY_FIRST}
    assert [name_parts(s.name.source, s.name_order) for s in article.speakers.values()] == [None, ("Chen", "Xia"), ("Berger", "Michael"), ("Zhang", "Li")]


def test_unknown_name_order(make_article: ArticleFactory) -> None:
    speakers = {"speakers": {"MB": {"name": "Michael Berger", "role": "interviewee", "name_order": "western"}}}
    path = make_article(speakers, "Intro.\n\n## Q\n\n@MB: Answer.\n")
    assert diagnostics(path) == [
        f"{P}:{line_of(path, 'name_order:')}:{col_of(path, 'western')}: error: unknown name order 'western'"
        " — use family-first (马军, Ma Jun) or given-first (Michael Gnant)"
    ]


def test_each_speakers_honorific_is_its_own_catalog_entry(make_article: ArticleFactory) -> None:
    article = read(make_article(ROUNDTABLE, "Intro.\n\n## Q\n\n@HOST: Question?\n\n@G1: Answer.\n"))
    honorifics = [(u.text.source, u.msgctxt, u.context) for u in units(article) if u.kind is UnitKind.SPEAKER_HONORIFIC]
    assert honorifics == [
        ("Prof.", "speakers.HOST.honorific", "front matter: speakers.HOST.honorific, speaker HOST, speaker honorific"),
        ("Prof.", "speakers.G1.honorific", "front matter: speakers.G1.honorific, speaker G1, speaker honorific"),
        ("Dr.", "speakers.G2.honorific", "front matter: speakers.G2.honorific, speaker G2, speaker honorific"),
    ]
    assert all(u.msgctxt is None for u in units(article) if u.kind is not UnitKind.SPEAKER_HONORIFIC)


# ---------------------------------------------------------------- headings and numbering


def test_sub_headings_under_a_topic_heading(make_article: ArticleFactory) -> None:
    body = "Intro.\n\n## Earlier lines\n\n### Second line\n\n@OF: Second line?\n\n@MJ: Yes.\n\n### Third line\n\n@OF: Third?\n\n@MJ: No.\n"
    path = make_article(body=body)
    (q,) = read(path).questions
    assert q.heading is not None and (q.number, q.heading.source) == (1, "Earlier lines")
    assert [(t.speaker, [type(b).__name__ for b in t.blocks]) for t in q.turns] == [
        (None, ["SubHeading"]),
        ("OF", ["Paragraph"]),
        ("MJ", ["Paragraph"]),
        (None, ["SubHeading"]),
        ("OF", ["Paragraph"]),
        ("MJ", ["Paragraph"]),
    ]
    sub = q.turns[0].blocks[0]
    assert isinstance(sub, SubHeading)
    assert (sub.text.source, sub.line, sub.text.line, sub.text.col) == ("Second line", line_of(path, "### Second"), line_of(path, "### Second"), 5)
    assert [(u.context, u.text.source) for u in units(read(path)) if u.kind is UnitKind.SUBHEADING] == [
        ("Q1, subheading", "Second line"),
        ("Q1, subheading", "Third line"),
    ]


@pytest.mark.parametrize(
    ("body", "needle", "message"),
    [
        ("### Too early\n\n" + QUESTION, "### Too early", SUBHEADING_OUTSIDE),
        (QUESTION + "\n::: profile MJ\n- Director\n:::\n\n### Too late\n", "### Too late", SUBHEADING_OUTSIDE),
        (QUESTION + "\n###\n\n@MJ: More.\n", "###", "a sub-heading (###) with no text — write the sub-heading after '### '"),
    ],
    ids=["in-the-lead", "after-the-profiles", "empty"],
)
def test_sub_heading_refused(make_article: ArticleFactory, body: str, needle: str, message: str) -> None:
    path = make_article(body=body)
    assert diagnostics(path) == [f"{P}:{line_of(path, needle)}:1: error: {message}"]


def test_unnumbered_sections_and_a_question_without_heading(make_article: ArticleFactory) -> None:
    body = "Intro.\n\n## First\n\n@OF: One?\n\n## A Closing Word {-}\n\n@OF: Two?\n\n## Other {.unnumbered}\n\n@OF: Three?\n\n##\n\n@OF: Four?\n"
    path = make_article(body=body)
    article = read(path)
    assert [(q.number, q.heading.source if q.heading else None) for q in article.questions] == [
        (1, "First"),
        (None, "A Closing Word"),
        (None, "Other"),
        (2, None),
    ]
    assert [u.context for u in units(article) if u.kind is UnitKind.HEADING] == [
        "Q1, question heading",
        "unnumbered section, question heading",
        "unnumbered section, question heading",
    ]


@pytest.mark.parametrize(
    ("heading", "found"),
    [("Q1: Key Highlights", "Q1:"), ("01 Key Highlights", "01"), ("1. Key Highlights", "1."), ("Q2 Key Highlights", "Q2"), ("01、要点", "01、")],
)
def test_hand_numbered_headings(make_article: ArticleFactory, heading: str, found: str) -> None:
    path = make_article(body=f"Intro.\n\n## {heading}\n\n@OF: Question?\n")
    assert diagnostics(path) == [
        f"{P}:{line_of(path, '## ')}:4: error: the question heading is numbered by hand ('{found}')"
        " — remove the number: Colloquy numbers questions (Q1 / 01) itself; write '## Heading {-}' for a heading with no number"
    ]


@pytest.mark.parametrize("heading", ["10 Years of CAR-T", "2025 in Review", "3. Way Forward {-}", "02 Closing {-}"])
def test_a_figure_that_is_not_the_questions_number_is_part_of_the_heading(make_article: ArticleFactory, heading: str) -> None:
    """A number is a typed question number only when it is this question's: the first question
    here; '{-}' says the heading is printed as written, with no number."""
    path = make_article(body=f"Intro.\n\n## {heading}\n\n@OF: Question?\n")
    article = read(path)
    assert article.sections[-1].heading is not None
    assert article.sections[-1].heading.source == heading.removesuffix(" {-}")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ('"Q1"', Numbering.INLINE),
        ("q1", Numbering.INLINE),
        ("inline", Numbering.INLINE),
        ('"01"', Numbering.ABOVE),
        ("01", Numbering.ABOVE),  # YAML reads 01 as the number 1
        ("1", Numbering.ABOVE),
        ("above", Numbering.ABOVE),
    ],
)
def test_numbering_values(make_article: ArticleFactory, written: str, expected: Numbering) -> None:
    front = "---\nslug: test-article\nlocale: en\ndate: 2025-09-09\noutlet: O\ntitle: T\nnumbering: " + written
    speakers = "\nspeakers:\n  OF:\n    name: O\n    role: interviewer\n---\n\n"
    assert read(make_article(raw=front + speakers + "## Q\n\n@OF: Question?\n")).meta.numbering is expected


def test_numbering_by_default_is_the_house_styles(make_article: ArticleFactory) -> None:
    assert read(make_article()).meta.numbering is None


@pytest.mark.parametrize(
    ("override", "english", "chinese"),
    [
        (None, ("Q1: ", "First", ""), ("", "First", "")),  # the house styles: Q1 in English, 01 above in Chinese
        ("Q1", ("Q1: ", "First", ""), ("01\u3000", "First", "")),
        ("01", ("", "First", ""), ("", "First", "")),
    ],
)
def test_numbering_in_the_editions(make_article: ArticleFactory, override: str | None, english: tuple[str, ...], chinese: tuple[str, ...]) -> None:
    article = read(make_article({"numbering": override} if override else None, "Intro.\n\n## First\n\n@OF: Question?\n"))
    (q,) = article.questions
    got = []
    for name in ("en", "zh_CN"):
        ui = load_ui(REPO / "locales", make_locale(name), Report())
        got.append(question_heading(q, ui, numbering(article, ui)))
    assert got == [english, chinese]


def test_unknown_numbering(make_article: ArticleFactory) -> None:
    path = make_article({"numbering": "roman"})
    assert diagnostics(path) == [
        f"{P}:{line_of(path, 'numbering:')}:{col_of(path, 'roman')}: error: unknown numbering 'roman'"
        ' — write numbering: "Q1" (Q1: on the heading\'s line) or numbering: "01" (01 above the heading)'
    ]


# ---------------------------------------------------------------- profiles


def test_profiles_at_the_top_with_portraits_and_positions_as_a_list_or_lines(make_article: ArticleFactory) -> None:
    body = (
        "The lead.\n\n"
        "::: profile HOST\n![Portrait of Prof. Zhang Min](zhang.png)\n\n- Director, Department of Hematology\n- Chief Physician\n:::\n\n"
        "::: profile G1\nChief Physician, Department of Oncology\nProfessor, Central Medical College\n:::\n\n"
        "::: profile G2\nProf. Liu Yang has led the unit since 2015.\n:::\n\n"
        "## Q\n\n@HOST: Question?\n\n@G1: Answer.\n"
    )
    path = with_png(make_article(ROUNDTABLE, body), "zhang.png")
    article = read(path)
    assert [(s.kind, s.speaker) for s in article.sections] == [
        (SectionKind.INTRODUCTION, None),
        (SectionKind.PROFILE, "HOST"),
        (SectionKind.PROFILE, "G1"),
        (SectionKind.PROFILE, "G2"),
        (SectionKind.QUESTION, None),
    ]
    host, g1, g2 = article.profiles
    assert [type(b).__name__ for b in host.blocks] == ["Image", "ListBlock"]
    portrait, listed = host.blocks
    assert isinstance(portrait, Image) and portrait.src == "zhang.png"
    assert isinstance(listed, ListBlock) and not listed.bare and not listed.ordered
    (lines,) = g1.blocks
    assert isinstance(lines, ListBlock) and lines.bare and not lines.ordered
    assert [(i.line, texts(i.blocks)) for i in lines.items] == [
        (line_of(path, "Chief Physician, Department of Oncology"), ["Chief Physician, Department of Oncology"]),
        (line_of(path, "Professor, Central Medical College"), ["Professor, Central Medical College"]),
    ]
    assert [type(b).__name__ for b in g2.blocks] == ["Paragraph"]  # one line is a paragraph; it names him in a sentence
    assert [u.context for u in units(article) if u.section is g1] == ["profile of G1, list item", "profile of G1, list item"]


def test_profiles_at_the_end(make_article: ArticleFactory) -> None:
    speakers = {"speakers": {"OF": {"name": "O", "role": "interviewer"}, "MJ": {"name": "Ma Jun", "role": "interviewee"}, "CX": {"name": "Chen Xia", "role": "interviewee"}}}
    path = make_article(speakers, QUESTION + "\n::: profile MJ\n- Director\n:::\n\n::: profile CX\n- Professor\n:::\n")
    article = read(path)
    assert [(s.kind, s.speaker, s.line) for s in article.sections[-3:]] == [
        (SectionKind.QUESTION, None, line_of(path, "## Q")),
        (SectionKind.PROFILE, "MJ", line_of(path, "::: profile MJ")),
        (SectionKind.PROFILE, "CX", line_of(path, "::: profile CX")),
    ]


def test_a_typed_name_above_positions_typed_one_per_line_is_left_out_with_a_warning(make_article: ArticleFactory) -> None:
    path = make_article(body=QUESTION + "\n::: profile MJ\nProfessor Ma Jun\nDirector, Harbin Institute of Hematology & Oncology\nChair, CSCO\n:::\n")
    report = Report()
    (profile,) = read_article(path, report).profiles
    assert [d.format() for d in report.items] == [f"{P}:{line_of(path, 'Professor Ma Jun')}:1: warning: the profile's first line repeats the name of 'MJ': {NAME_LEFT_OUT}"]
    (positions,) = profile.blocks
    assert isinstance(positions, ListBlock) and positions.bare
    assert positions.line == line_of(path, "Director, Harbin")
    assert [(i.line, texts(i.blocks)) for i in positions.items] == [
        (line_of(path, "Director, Harbin"), ["Director, Harbin Institute of Hematology & Oncology"]),
        (line_of(path, "Chair, CSCO"), ["Chair, CSCO"]),
    ]


@pytest.mark.parametrize("name_line", ["Professor Ma Jun", "Prof. Ma Jun:", "**Ma Jun**", "马军 教授"])
def test_a_typed_name_after_the_portrait_is_left_out_with_a_warning(make_article: ArticleFactory, name_line: str) -> None:
    speakers = {"speakers": {"OF": {"name": "O", "role": "interviewer"}, "MJ": {"name": "马军" if "马" in name_line else "Ma Jun", "role": "interviewee"}}}
    path = with_png(make_article(speakers, QUESTION + f"\n::: profile MJ\n![A portrait](ma.png)\n\n{name_line}\n\n- Director\n:::\n"), "ma.png")
    report = Report()
    (profile,) = read_article(path, report).profiles
    assert [d.format() for d in report.items] == [f"{P}:{line_of(path, name_line)}:1: warning: the profile's first line repeats the name of 'MJ': {NAME_LEFT_OUT}"]
    assert [type(b).__name__ for b in profile.blocks] == ["Image", "ListBlock"]


def test_a_second_profile_of_a_speaker(make_article: ArticleFactory) -> None:
    path = make_article(body=QUESTION + "\n::: profile MJ\n- Director\n:::\n\n::: profile MJ\n- Chair\n:::\n")
    assert diagnostics(path) == [f"{P}:{line_of(path, '::: profile MJ', occurrence=2)}:1: error: a second profile of 'MJ' — write one profile per speaker"]


def test_profiles_split_between_the_top_and_the_end_are_refused(make_article: ArticleFactory) -> None:
    path = make_article(body="Intro.\n\n::: profile OF\n- Editor\n:::\n\n" + ONLY_QUESTION + "\n::: profile MJ\n- Director\n:::\n")
    assert diagnostics(path) == [f"{P}:{line_of(path, '::: profile MJ')}:1: error: {NOT_TOGETHER}"]


def test_a_question_after_the_profiles(make_article: ArticleFactory) -> None:
    path = make_article(body=QUESTION + "\n::: profile MJ\n- Director\n:::\n\n## Another question\n\n@OF: Another?\n")
    assert diagnostics(path) == [
        f"{P}:{line_of(path, '## Another')}:1: error: a question after the profiles"
        " — profiles stand right after the front of the article or after the last question"
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Intro.\n\n::: profile MJ\n- Director\n:::\n\nStray text.\n\n" + ONLY_QUESTION, "text between the profiles and the first question — move this text before the profiles"),
        (QUESTION + "\n::: profile MJ\n- Director\n:::\n\nStray text.\n", "text after the profiles — profiles come last; move this text above them"),
    ],
    ids=["top", "end"],
)
def test_text_next_to_the_profiles(make_article: ArticleFactory, body: str, message: str) -> None:
    path = make_article(body=body)
    assert diagnostics(path) == [f"{P}:{line_of(path, 'Stray text.')}:1: error: {message}"]


def test_a_profile_naming_no_speaker(make_article: ArticleFactory) -> None:
    path = make_article(body=QUESTION + "\n::: profile\n- Director\n:::\n")
    assert diagnostics(path) == [
        f"{P}:{line_of(path, '::: profile')}:1: error: the profile names no speaker in '::: profile' (declared: OF, MJ)"
        " — write '::: profile KEY' with a key from 'speakers'"
    ]


# ---------------------------------------------------------------- events


@pytest.mark.parametrize(
    ("event", "start", "end", "precision"),
    [
        ({"date": dt.date(2025, 10, 19)}, dt.date(2025, 10, 19), dt.date(2025, 10, 19), DatePrecision.DAY),
        ({"date": "2025-06"}, dt.date(2025, 6, 1), dt.date(2025, 6, 30), DatePrecision.MONTH),
        ({"date": "2024-02"}, dt.date(2024, 2, 1), dt.date(2024, 2, 29), DatePrecision.MONTH),
        ({"date": "2025-12"}, dt.date(2025, 12, 1), dt.date(2025, 12, 31), DatePrecision.MONTH),
        ({"start": dt.date(2025, 9, 10), "end": dt.date(2025, 9, 14)}, dt.date(2025, 9, 10), dt.date(2025, 9, 14), DatePrecision.DAY),
        ({"start": dt.date(2025, 9, 10)}, dt.date(2025, 9, 10), dt.date(2025, 9, 10), DatePrecision.DAY),
    ],
    ids=["day", "month", "february-of-a-leap-year", "december", "range", "start-alone"],
)
def test_event_dates(make_article: ArticleFactory, event: dict[str, Any], start: dt.date, end: dt.date, precision: DatePrecision) -> None:
    ev = read(make_article({"event": {"name": "EHA 2025", **event}})).meta.event
    assert ev is not None and (ev.start, ev.end, ev.precision) == (start, end, precision)


@pytest.mark.parametrize(
    ("event", "at", "message"),
    [
        ("  date: 2025-13\n", "2025-13", "'date' is not a month: '2025-13' — write a month as YYYY-MM, e.g. 2025-07"),
        ("  date: 2025-7\n", "2025-7", "'date' is not a month: '2025-7' — write a month as YYYY-MM, with two digits: 2025-07"),
        (
            "  date: 2025-09-10\n  start: 2025-09-10\n  end: 2025-09-14\n",
            "2025-09-10",
            "an event has a 'date' or a 'start' and an 'end', not both — keep 'date' for one day or a month, or 'start' and 'end' for several days",
        ),
        ("  city: Berlin\n", "name: ESMO", "the event has no date — add 'date: YYYY-MM-DD' (one day), 'date: YYYY-MM' (a month), or 'start:' and 'end:'"),
        ("  end: 2025-10-19\n", "name: ESMO", "the event has an 'end' but no 'start' — add 'start: YYYY-MM-DD' (or write 'date:' for one day or a month)"),
    ],
    ids=["month-13", "month-without-zero", "date-and-start", "no-date", "end-alone"],
)
def test_event_date_refused(make_article: ArticleFactory, event: str, at: str, message: str) -> None:
    front = front_matter_text().removesuffix("---\n") + "event:\n  name: ESMO 2025\n" + event + "---\n"
    path = make_article(raw=front + "\n" + QUESTION)
    assert diagnostics(path) == [f"{P}:{line_of(path, at)}:{col_of(path, at)}: error: {message}"]


# ---------------------------------------------------------------- series


def test_series(make_article: ArticleFactory) -> None:
    meta = read(make_article({"series": ["test-article", "test-article-part-2"]})).meta
    assert meta.series == ("test-article", "test-article-part-2")
    assert read(make_article()).meta.series == ()


def test_a_part_of_the_series_not_in_the_articles_folder_is_a_warning(make_article: ArticleFactory) -> None:
    path = make_article({"series": ["test-article", "test-article-part-2"]})
    report = Report()
    read_article(path, report)
    assert [d.format() for d in report.items] == [
        f"{P}:{line_of(path, '- test-article-part-2')}: warning: [series] the series' part 'test-article-part-2' is not in the articles folder"
        " — check the slug; until that part is published, its link in the series leads nowhere"
    ]
    other = path.parent.parent / "test-article-part-2"
    other.mkdir()
    (other / "article.md").write_text("---\n---\n", encoding="utf-8")
    report = Report()
    read_article(path, report)
    assert report.items == []


@pytest.mark.parametrize(
    ("series", "at", "message"),
    [
        ("test-article", "series: test-article", SERIES_NOT_A_LIST),
        (["test-article", "Part_2"], "- test-article", SERIES_NOT_A_LIST),
        (["part-1", "part-2"], "- part-1", "'series' does not list this article ('test-article') — list every part of the series, this one included, in order"),
        (["test-article", "test-article"], "- test-article", "'series' lists a part twice — list each part once"),
        ([], "series:", "'series' does not list this article ('test-article') — list every part of the series, this one included, in order"),
    ],
    ids=["not-a-list", "not-a-slug", "not-itself", "twice", "empty"],
)
def test_series_refused(make_article: ArticleFactory, series: Any, at: str, message: str) -> None:
    path = make_article({"series": series})
    line = line_of(path, at)
    col = 1 if at.startswith("- ") else len("series: ") + 1
    assert diagnostics(path) == [f"{P}:{line}:{col}: error: {message}"]


# ---------------------------------------------------------------- the shapes' fixtures


SHAPES = Path(__file__).resolve().parent / "shapes" / "articles"


def test_the_roundtable_fixture() -> None:
    article = read(SHAPES / "ash-2025-car-t-roundtable" / "article.md")
    assert article.meta.numbering is Numbering.ABOVE
    assert [s.kind for s in article.sections] == [SectionKind.INTRODUCTION, *[SectionKind.PROFILE] * 5, *[SectionKind.QUESTION] * 3]
    assert [(q.number, q.heading.source if q.heading else None) for q in article.questions] == [
        (1, "Earlier Lines of Therapy"),
        (2, "Managing Toxicity"),
        (None, "A Closing Word"),
    ]
    assert [b.text.source for t in article.questions[0].turns for b in t.blocks if isinstance(b, SubHeading)] == ["Second line", "Third line and beyond"]
    assert [(t.speaker, t.unlabelled) for t in article.questions[2].turns] == [("HOST", False), (None, True), ("HOST", False)]
    assert [s.key for s in article.interviewees] == ["G1", "G2", "G3", "G4"]
    (positions,) = article.profiles[2].blocks  # G2's, typed one per line
    assert isinstance(positions, ListBlock) and positions.bare and len(positions.items) == 2


def test_the_chinese_fixture() -> None:
    article = read(SHAPES / "eha-2025-myeloma-two-experts" / "article.md")
    assert [(s.kind, s.only) for s in article.sections[:3]] == [
        (SectionKind.INTRODUCTION, None),
        (SectionKind.EDITORS_NOTE, None),
        (SectionKind.SUMMARY, "zh_CN"),
    ]
    ev = article.meta.event
    assert ev is not None and (ev.start, ev.end, ev.precision) == (dt.date(2025, 6, 1), dt.date(2025, 6, 30), DatePrecision.MONTH)
    assert article.speakers["MB"].name_order is NameOrder.GIVEN_FIRST


def test_the_series_fixture() -> None:
    article = read(SHAPES / "esmo-2025-breast-part-1" / "article.md")
    assert article.meta.series == ("esmo-2025-breast-part-1", "esmo-2025-breast-part-2")
    video = article.sections[0].blocks[1]
    assert isinstance(video, Video) and video.url == "https://v.qq.com/x/page/e3561a7kq2d.html" and video.poster is not None
    assert article.profiles == ()
