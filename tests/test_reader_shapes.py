"""The source syntax of real interviews (issue 11), read into the model, and each of its refusals
as one exact ``path:line:col: error: message — hint`` line: the front (lead, editor's note,
summary), ``::: only``, ``::: video``, roles and unlabelled turns, sub-headings, unnumbered
sections, numbering, profiles at the top or the end, events by day, month or range, series,
name order. Positions are computed from the file written, not hard-coded."""

from __future__ import annotations

import pytest

from colloquy.diagnostics import Report
from colloquy.model import ListBlock, Paragraph
from colloquy.reader import read_article
from conftest import ArticleFactory, diagnostics, line_of

pytestmark = pytest.mark.usefixtures("in_tmp")

#: the article's path as diagnostics show it, working from the project folder
P = "articles/test-article/article.md"

#: an introduction and a question with its two turns
QUESTION = "Intro.\n\n## Q\n\n@OF: Question?\n\n@MJ: Answer.\n"

NAME_LEFT_OUT = "it is left out — remove it: the editions print the name line from the speaker entry (name and honorific)"
NOT_TOGETHER = "the profiles are not together — write the profiles one after the other, after the front of the article or after the last question"


# ---------------------------------------------------------------- profiles


def test_profiles_split_between_the_top_and_the_end_are_refused(make_article: ArticleFactory) -> None:
    path = make_article(body="Intro.\n\n::: profile OF\n- Editor\n:::\n\n" + QUESTION.removeprefix("Intro.\n\n") + "\n::: profile MJ\n- Director\n:::\n")
    assert diagnostics(path) == [f"{P}:{line_of(path, '::: profile MJ')}:1: error: {NOT_TOGETHER}"]



def test_a_typed_name_above_positions_typed_one_per_line_is_left_out_with_a_warning(make_article: ArticleFactory) -> None:
    path = make_article(body=QUESTION + "\n::: profile MJ\nProfessor Ma Jun\nDirector, Harbin Institute of Hematology & Oncology\nChair, CSCO\n:::\n")
    report = Report()
    (profile,) = read_article(path, report).profiles
    assert [d.format() for d in report.items] == [f"{P}:{line_of(path, 'Professor Ma Jun')}:1: warning: the profile's first line repeats the name of 'MJ': {NAME_LEFT_OUT}"]
    (positions,) = profile.blocks
    assert isinstance(positions, ListBlock) and positions.bare
    assert positions.line == line_of(path, "Director, Harbin")
    assert [(i.line, [b.text.source for b in i.blocks if isinstance(b, Paragraph)]) for i in positions.items] == [
        (line_of(path, "Director, Harbin"), ["Director, Harbin Institute of Hematology & Oncology"]),
        (line_of(path, "Chair, CSCO"), ["Chair, CSCO"]),
    ]


# ---------------------------------------------------------------- ::: only


def test_only_holding_a_note_and_other_text_is_refused(make_article: ArticleFactory) -> None:
    """The other text would be left out of every edition."""
    path = make_article(body=":::: only zh_CN\n::: editors-note\n编者按的内容。\n:::\n\n一段导语。\n::::\n\n" + QUESTION)
    assert diagnostics(path) == [
        f"{P}:{line_of(path, '一段导语')}:1: error: '::: only' holds an editor's note or a summary and other text"
        " — give the other text a '::: only zh_CN' section of its own, before or after this one"
    ]


# ---------------------------------------------------------------- sub-headings


def test_text_after_a_sub_heading_needs_a_label_even_after_an_unlabelled_turn(make_article: ArticleFactory) -> None:
    path = make_article(body="Intro.\n\n## Topic\n\n@OF: Question?\n\n@: An answer with no label.\n\n### Next question\n\nWho says this?\n")
    assert diagnostics(path) == [
        f"{P}:{line_of(path, 'Who says this?')}:1: error: text in a question before any speaker label"
        " — start the turn with a label such as '@MJ: ' (or '@: ' for an answer with no label)"
    ]
