"""Bad sources: every problem is reported as one exact ``path:line:col: error: message — hint`` line,
all problems of a file in one run. Positions are computed from the file written, not hard-coded."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from colloquy.reader import MAX_NESTING, MAX_SOURCE_BYTES
from conftest import DELETE, ArticleFactory, col_of, diagnostics, front_matter_text, line_of, read

pytestmark = pytest.mark.usefixtures("in_tmp")

#: the article's path as diagnostics show it, working from the project folder
P = "articles/test-article/article.md"

SPEAKER_HINT = "use a key from 'speakers' in the front matter"
HTML_INLINE_HINT = "write Markdown instead (*emphasis*, **strong**, ^sup^, ~sub~)"
LINK_HINT = "links may use http://, https:// or mailto: only"
IMAGE_HINT = "copy the image next to article.md and write its file name"

#: an introduction and a question heading, for bodies that go on with turns
HEAD = "Intro.\n\n## Q\n\n"


def test_the_default_article_is_valid(make_article: ArticleFactory) -> None:
    """The base every case below breaks in one place."""
    assert read(make_article()).questions


# ---------------------------------------------------------------- speakers and turns


def test_unknown_speaker(make_article: ArticleFactory) -> None:
    path = make_article(body=HEAD + "@OF: Question?\n\n@XYZ: An answer.\n")
    assert diagnostics(path) == [f"{P}:{line_of(path, '@XYZ:')}:1: error: unknown speaker 'XYZ' (declared: OF, MJ) — {SPEAKER_HINT}"]


def test_text_in_a_question_before_any_label(make_article: ArticleFactory) -> None:
    path = make_article(body=HEAD + "Who says this?\n\n@MJ: An answer.\n")
    assert diagnostics(path) == [
        f"{P}:{line_of(path, 'Who says this?')}:1: error: text in a question before any speaker label — start the turn with a label such as '@MJ: ' (or '@: ' for an answer with no label)"
    ]


def test_label_in_the_introduction(make_article: ArticleFactory) -> None:
    path = make_article(body="@MJ: Said before any question.\n\n## Q\n\n@OF: Question?\n")
    assert diagnostics(path) == [
        f"{P}:{line_of(path, '@MJ: Said')}:1: error: a speaker turn ('@MJ:') outside a question — turns belong under a '## ' question heading"
    ]


def test_bare_label_without_at(make_article: ArticleFactory) -> None:
    path = make_article(body=HEAD + "@OF: Question?\n\nMJ: The answer, without its @.\n")
    assert diagnostics(path) == [
        f"{P}:{line_of(path, 'MJ: The answer')}:1: error: 'MJ:' looks like a speaker label without its '@' — write '@MJ: ' to start a turn"
    ]


def test_duplicate_speaker_key(make_article: ArticleFactory) -> None:
    front = front_matter_text().replace("  MJ:\n", "  MJ:\n    name: Ma Jun\n    role: interviewee\n  MJ:\n", 1)
    path = make_article(raw=front + "\n" + HEAD + "@OF: Question?\n\n@MJ: Answer.\n")
    second = line_of(path, "  MJ:", 2)
    # the key is declared, so the labels using it are not reported as unknown too
    assert diagnostics(path) == [f"{P}:{second}:3: error: speaker 'MJ' is declared twice — give each speaker its own key"]


def test_unknown_speaker_in_profile(make_article: ArticleFactory) -> None:
    path = make_article(body=HEAD + "@OF: Question?\n\n@MJ: Answer.\n\n::: profile XX\nSomebody\n:::\n")
    assert diagnostics(path) == [
        f"{P}:{line_of(path, '::: profile XX')}:1: error: unknown speaker 'XX' in '::: profile' (declared: OF, MJ) — "
        "write '::: profile KEY' with a key from 'speakers'"
    ]


# ---------------------------------------------------------------- front matter


def test_missing_required_field(make_article: ArticleFactory) -> None:
    path = make_article({"title": DELETE})
    # reported where the front matter mapping starts; the labels below are not reported as unknown
    assert diagnostics(path) == [f"{P}:{line_of(path, 'slug:')}:1: error: missing required field 'title' — add 'title: …'"]


def test_unknown_field_with_did_you_mean(make_article: ArticleFactory) -> None:
    path = make_article({"title": DELETE, "tittle": "A test interview"})
    assert diagnostics(path) == [
        f"{P}:{line_of(path, 'tittle:')}:1: error: unknown field 'tittle' — did you mean 'title'?",
        f"{P}:{line_of(path, 'slug:')}:1: error: missing required field 'title' — add 'title: …'",
    ]


def test_slug_not_the_folder_name(make_article: ArticleFactory) -> None:
    path = make_article({"slug": "another-article"})
    assert diagnostics(path) == [
        f"{P}:{line_of(path, 'slug:')}:7: error: slug 'another-article' does not match the folder name 'test-article' — "
        "rename the folder or write 'slug: test-article'"
    ]


@pytest.mark.parametrize("slug", ["Test_Article", "test--article", "-test"])
def test_invalid_slug(make_article: ArticleFactory, slug: str) -> None:
    path = make_article({"slug": slug})
    assert diagnostics(path) == [
        f"{P}:{line_of(path, 'slug:')}:7: error: slug '{slug}' is not valid — use lowercase letters, digits and single hyphens, e.g. csco-2025-ma-jun"
    ]


def test_unknown_locale(make_article: ArticleFactory) -> None:
    path = make_article({"locale": "fr"})
    assert diagnostics(path) == [f"{P}:{line_of(path, 'locale:')}:9: error: unknown locale 'fr' — use one of: en, zh_CN"]


def test_locale_written_as_bcp47(make_article: ArticleFactory) -> None:
    path = make_article({"locale": "zh-CN"})
    assert diagnostics(path) == [
        f"{P}:{line_of(path, 'locale:')}:9: error: locale 'zh-CN' is written as a BCP 47 tag — write the gettext name 'zh_CN'"
    ]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("2025-09-31", "2025-09-31"),  # looks like a date to YAML, which used to crash the reader
        ("'2025-13-01'", "2025-13-01"),
        ("9 September 2025", "9 September 2025"),
    ],
)
def test_bad_date(make_article: ArticleFactory, written: str, shown: str) -> None:
    path = make_article(raw=front_matter_text().replace("date: 2025-09-09\n", f"date: {written}\n") + "\n" + HEAD + "@MJ: Answer.\n")
    if shown[:4].isdigit():  # the right shape, but no such day: the hint says what to check
        expected = f"'date' is not a real date: '{shown}' — check the day and the month"
    else:
        expected = f"'date' is not a date: '{shown}' — write it as YYYY-MM-DD, e.g. 2025-09-10"
    assert diagnostics(path) == [f"{P}:{line_of(path, 'date:')}:7: error: {expected}"]


def test_event_ending_before_it_starts(make_article: ArticleFactory) -> None:
    path = make_article({"event": {"name": "CSCO 2025", "start": dt.date(2025, 9, 14), "end": dt.date(2025, 9, 10)}})
    assert diagnostics(path) == [
        f"{P}:{line_of(path, 'end:')}:{col_of(path, '2025-09-10')}: error: the event ends (2025-09-10) before it starts (2025-09-14) — "
        "check the start and end dates"
    ]


def test_yaml_syntax_error(make_article: ArticleFactory) -> None:
    front = front_matter_text().replace("title: A test interview\n", "title: CSCO 2025: a preview\n")
    path = make_article(raw=front + "\n" + HEAD + "@OF: Question?\n\n@MJ: Answer.\n")
    # PyYAML's position: the second ': ' of the line (1-based, in the file)
    line, col = line_of(path, "title:"), len("title: CSCO 2025") + 1
    assert diagnostics(path) == [
        f"{P}:{line}:{col}: error: front matter is not valid YAML: mapping values are not allowed here — "
        "check the indentation and quote values that contain ': '"
    ]


def test_no_front_matter(make_article: ArticleFactory) -> None:
    path = make_article(raw=HEAD + "@MJ: Answer.\n")
    assert diagnostics(path) == [
        f"{P}:1:1: error: the article has no front matter — start the file with a '---' line, the metadata, and another '---' line"
    ]


def test_empty_article(make_article: ArticleFactory) -> None:
    path = make_article(body="")
    after_front_matter = line_of(path, "---", 2) + 1
    assert diagnostics(path) == [
        f"{P}:{after_front_matter}:1: error: the article has no text — write the introduction and the questions below the front matter"
    ]


# ---------------------------------------------------------------- Markdown outside the format


def test_raw_html_block_and_inline_html(make_article: ArticleFactory) -> None:
    path = make_article(body="<div class=\"note\">Boxed</div>\n\n## Q\n\n@OF: Question?\n\n@MJ: A <b>bold</b> answer.\n")
    answer = line_of(path, "@MJ:")
    col = len("@MJ: ") + 1  # reported at the start of the text
    assert diagnostics(path) == [
        f"{P}:{line_of(path, '<div')}:1: error: raw HTML is not allowed — write Markdown instead; see docs/source-format.md",
        f"{P}:{answer}:{col}: error: raw HTML '<b>' is not allowed — {HTML_INLINE_HINT}",
        f"{P}:{answer}:{col}: error: raw HTML '</b>' is not allowed — {HTML_INLINE_HINT}",
    ]


def test_indented_code_block(make_article: ArticleFactory) -> None:
    path = make_article(body="Intro.\n\n    An indented paragraph.\n\n## Q\n\n@MJ: Answer.\n")
    assert diagnostics(path) == [
        f"{P}:{line_of(path, 'An indented')}:1: error: indented text is read as a code block — "
        "remove the indentation (4 spaces or a tab) at the start of the line"
    ]


def test_level_1_headings_and_sub_headings_outside_a_question(make_article: ArticleFactory) -> None:
    path = make_article(body="# A title\n\nIntro.\n\n### A sub-heading\n\n## Q\n\n@MJ: Answer.\n")
    hint = "questions start with '## ', questions under a topic with '### '; other heading levels are not part of the format"
    assert diagnostics(path) == [
        f"{P}:{line_of(path, '# A title')}:1: error: a level-1 heading (#) — {hint}",
        f"{P}:{line_of(path, '### A sub')}:1: error: a sub-heading (###) outside a question — a ### sub-heading stands under a ## heading: one of several questions on its topic",
    ]


def test_list_nested_too_deep(make_article: ArticleFactory) -> None:
    assert MAX_NESTING == 4
    levels = "".join(f"{'  ' * n}- level {n + 1}\n" for n in range(MAX_NESTING + 1))
    path = make_article(body=HEAD + "@MJ: A deep list:\n\n" + levels)
    deepest = line_of(path, "- level 5")
    assert diagnostics(path) == [
        f"{P}:{deepest}:{col_of(path, 'level 5')}: error: lists and quotes are nested more than 4 levels deep — flatten the list"
    ]


def test_list_nested_four_deep_is_fine(make_article: ArticleFactory) -> None:
    levels = "".join(f"{'  ' * n}- level {n + 1}\n" for n in range(MAX_NESTING))
    assert read(make_article(body=HEAD + "@MJ: A deep list:\n\n" + levels)).questions


# ---------------------------------------------------------------- images and links


def test_image_missing(make_article: ArticleFactory) -> None:
    path = make_article(body="Intro.\n\n![A photo](photo.png)\n\n## Q\n\n@MJ: Answer.\n")
    assert diagnostics(path) == [
        f"{P}:{line_of(path, '![A photo]')}:1: error: image 'photo.png' does not exist — put the file in articles/test-article/ or fix the name"
    ]


def test_image_outside_the_folder(make_article: ArticleFactory, tmp_path: Path) -> None:
    (tmp_path / "articles" / "x.png").parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "articles" / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    path = make_article(body="Intro.\n\n![A photo](../x.png)\n\n## Q\n\n@MJ: Answer.\n")
    assert diagnostics(path) == [
        f"{P}:{line_of(path, '![A photo]')}:1: error: image '../x.png' points outside the article's folder — {IMAGE_HINT}"
    ]


def test_image_without_alt_text(make_article: ArticleFactory) -> None:
    path = make_article(body="Intro.\n\n![](photo.png)\n\n## Q\n\n@MJ: Answer.\n")
    (path.parent / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert diagnostics(path) == [
        f"{P}:{line_of(path, '![](photo.png)')}:1: error: the image has no alt text — "
        "describe the image between the brackets: ![a description](file.jpg)"
    ]


@pytest.mark.parametrize(
    ("href", "message"),
    [
        ("javascript:alert(1)", "link scheme 'javascript:' is not allowed"),
        ("JavaScript:alert(1)", "link scheme 'JavaScript:' is not allowed"),
        ("ftp://example.org/file", "link scheme 'ftp:' is not allowed"),
        ("/relative/page", "link '/relative/page' is not an absolute URL"),
    ],
)
def test_link_scheme_not_allowed(make_article: ArticleFactory, href: str, message: str) -> None:
    path = make_article(body=f"Read [this]({href}) first.\n\n## Q\n\n@MJ: Answer.\n")
    assert diagnostics(path) == [f"{P}:{line_of(path, 'Read [this]')}:1: error: {message} — {LINK_HINT}"]


# ---------------------------------------------------------------- bytes and characters


def test_invalid_utf8(make_article: ArticleFactory) -> None:
    text = front_matter_text() + "\n" + "Intro “quoted” café.\n\n## Q\n\n@MJ: Answer.\n"
    data = text.encode("utf-8").replace("é".encode(), b"\xe9")  # Latin-1 in a UTF-8 file
    path = make_article(raw=data)
    line = text.split("\n").index("Intro “quoted” café.") + 1
    col = len("Intro “quoted” caf") + 1  # in characters
    assert diagnostics(path) == [f"{P}:{line}:{col}: error: the file is not valid UTF-8 (byte 0xE9) — save it as UTF-8 in your editor"]


def test_nul_and_bidi_override(make_article: ArticleFactory) -> None:
    path = make_article(body="Intro with a \x00 NUL.\n\n## Q\n\n@MJ: Shown \u202ereversed.\n")
    assert diagnostics(path) == [
        f"{P}:{line_of(path, 'Intro with')}:{col_of(path, chr(0))}: error: control character U+0000 in the text — "
        "delete it (it often comes from copying out of Word or a PDF)",
        f"{P}:{line_of(path, '@MJ: Shown')}:{col_of(path, chr(0x202E))}: error: bidirectional control character U+202E in the text — "
        "delete it: it can reorder what readers see",
    ]


def test_file_over_the_size_limit(make_article: ArticleFactory) -> None:
    head = (front_matter_text() + "\n" + HEAD + "@MJ: Answer.\n\n").encode()
    path = make_article(raw=head + b"x" * (MAX_SOURCE_BYTES + 1 - len(head)))
    assert path.stat().st_size == MAX_SOURCE_BYTES + 1
    assert diagnostics(path) == [
        f"{P}:1:1: error: the file is 2.0 MB, over the 2 MB limit for an article — split it or remove pasted material"
    ]


# ---------------------------------------------------------------- all at once


def test_three_errors_reported_in_one_run(make_article: ArticleFactory) -> None:
    path = make_article(
        {"title": DELETE, "tittle": "A test interview"},
        HEAD + "@OF: Question?\n\n@XYZ: Answer.\n\n<p>Raw</p>\n",
    )
    assert diagnostics(path) == [
        f"{P}:{line_of(path, 'tittle:')}:1: error: unknown field 'tittle' — did you mean 'title'?",
        f"{P}:{line_of(path, 'slug:')}:1: error: missing required field 'title' — add 'title: …'",
        f"{P}:{line_of(path, '@XYZ:')}:1: error: unknown speaker 'XYZ' (declared: OF, MJ) — {SPEAKER_HINT}",
        f"{P}:{line_of(path, '<p>Raw')}:1: error: raw HTML is not allowed — write Markdown instead; see docs/source-format.md",
    ]


def test_yaml_error_does_not_hide_body_errors(make_article: ArticleFactory) -> None:
    """Without readable front matter the labels cannot be checked, but everything else is."""
    front = front_matter_text().replace("title: A test interview\n", "title: [unclosed\n")
    path = make_article(raw=front + "\n" + HEAD + "@OF: Question?\n\n@XX: Answer.\n\n#### Sub-heading\n")
    lines = diagnostics(path)
    assert len(lines) == 2
    assert lines[0].startswith(f"{P}:") and ": error: front matter is not valid YAML: " in lines[0]
    assert lines[1] == (
        f"{P}:{line_of(path, '#### Sub')}:1: error: a level-4 heading (####) — "
        "questions start with '## ', questions under a topic with '### '; other heading levels are not part of the format"
    )


def test_setext_underline_is_refused(make_article: ArticleFactory) -> None:
    path = make_article(body=HEAD + "@MJ: An answer.\n---\n")
    assert diagnostics(path) == [
        f"{P}:{line_of(path, '---', occurrence=3)}:1: error: a line of '---' under text makes that text a heading"
        " — questions start with '## '; remove the line, or leave a blank line above it and use no rule at all"
    ]


def test_unknown_fenced_section(make_article: ArticleFactory) -> None:
    path = make_article(body=HEAD + "@MJ: An answer.\n\n::: sidebar\nText\n:::\n")
    assert diagnostics(path) == [
        f"{P}:{line_of(path, '::: sidebar')}:1: error: unknown fenced section '::: sidebar' — known sections: '::: editors-note', '::: summary', '::: only LOCALE', '::: video URL' and '::: profile KEY'"
    ]


def test_hand_numbered_question(make_article: ArticleFactory) -> None:
    path = make_article(body="## Q1: Key Highlights\n\n@MJ: An answer.\n")
    assert diagnostics(path) == [
        f"{P}:{line_of(path, '## Q1')}:4: error: the question heading is numbered by hand ('Q1:')"
        " — remove the number: Colloquy numbers questions (Q1 / 01) itself; write '## Heading {-}' for a heading with no number"
    ]


def test_unclosed_strong_next_to_chinese(make_article: ArticleFactory) -> None:
    path = make_article(body=HEAD + "@MJ: **细胞治疗：**包括T细胞疗法。\n")
    (line,) = diagnostics(path)
    assert line.startswith(f"{P}:{line_of(path, '**细胞')}:") and "'**' would be printed literally" in line
