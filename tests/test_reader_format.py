"""Each feature of the source format, read into the model (docs: the reader's module docstring
and the seed article): editor's note, questions, turns and labels, lists, quotes, images,
inline markup, several speakers, Chinese sources, translation units, line endings."""

from __future__ import annotations

import dataclasses
import struct
import zlib
from pathlib import Path

import pytest

from colloquy.diagnostics import Report, display_path
from colloquy.markup import Span, inline_problems, parse_inline, plain_text
from colloquy.model import (
    Image,
    ListBlock,
    Paragraph,
    Quote,
    Role,
    SectionKind,
    UnitKind,
)
from colloquy.reader import read_article
from colloquy.walk import units
from conftest import SLUG, ArticleFactory, line_of, read


def tiny_png() -> bytes:
    """A valid 1×1 grey PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b"")


def texts(blocks: tuple) -> list[str]:
    return [b.text.source for b in blocks if isinstance(b, Paragraph)]


def item_texts(block: ListBlock) -> list[str]:
    return [" / ".join(texts(item.blocks)) for item in block.items]


# ---------------------------------------------------------------- sections


def test_editors_note_comes_first(make_article: ArticleFactory) -> None:
    path = make_article(
        body="::: editors-note\nThis interview was *edited* for length.\n\nA second note paragraph.\n:::\n\n"
        "The introduction.\n\n## Q\n\n@OF: Why?\n\n@MJ: Because.\n"
    )
    article = read(path)
    assert [s.kind for s in article.sections] == [SectionKind.EDITORS_NOTE, SectionKind.INTRODUCTION, SectionKind.QUESTION]
    note = article.sections[0]
    assert note is article.section(SectionKind.EDITORS_NOTE)
    assert [t.speaker for t in note.turns] == [None]
    assert texts(note.blocks) == ["This interview was *edited* for length.", "A second note paragraph."]
    assert note.line == line_of(path, "::: editors-note")
    assert note.blocks[0].line == line_of(path, "This interview was")
    assert texts(article.sections[1].blocks) == ["The introduction."]


def test_questions_are_numbered_and_may_have_no_heading(make_article: ArticleFactory) -> None:
    article = read(make_article(body="Intro.\n\n##\n\n@OF: First?\n\n@MJ: One.\n\n## Second heading\n\n@OF: Second?\n\n@MJ: Two.\n\n##\n\n@OF: Third?\n\n@MJ: Three.\n"))
    assert [(q.number, q.heading.source if q.heading else None) for q in article.questions] == [
        (1, None),
        (2, "Second heading"),
        (3, None),
    ]
    assert [texts(q.blocks) for q in article.questions] == [["First?", "One."], ["Second?", "Two."], ["Third?", "Three."]]


def test_an_article_without_introduction(make_article: ArticleFactory) -> None:
    article = read(make_article(body="## Only a question\n\n@OF: Q?\n\n@MJ: A.\n"))
    assert [s.kind for s in article.sections] == [SectionKind.QUESTION]
    assert article.section(SectionKind.INTRODUCTION) is None


def test_profile_comes_last_and_names_its_speaker(make_article: ArticleFactory) -> None:
    """A typed name line is left out, with a warning: the editions print it from the speaker entry."""
    path = make_article(body="Intro.\n\n## Q\n\n@OF: Q?\n\n@MJ: A.\n\n::: profile MJ\nProfessor Ma Jun\n\n- Director\n- Chair\n:::\n")
    report = Report()
    profile = read_article(path, report).sections[-1]
    assert (profile.kind, profile.speaker, profile.line) == (SectionKind.PROFILE, "MJ", line_of(path, "::: profile MJ"))
    assert [d.format() for d in report.items] == [
        f"{display_path(path)}:{line_of(path, 'Professor Ma Jun')}:1: warning: the profile's first line repeats the name of 'MJ': it is left out"
        " — remove it: the editions print the name line from the speaker entry (name and honorific)"
    ]
    assert len(profile.blocks) == 1 and isinstance(profile.blocks[0], ListBlock)
    assert item_texts(profile.blocks[0]) == ["Director", "Chair"]


# ---------------------------------------------------------------- turns and labels


def test_label_followed_by_text(make_article: ArticleFactory) -> None:
    path = make_article(body="Intro.\n\n## Q\n\n@OF: A question\nthat goes on.\n\n@MJ: An answer.\n\nMore of the answer.\n")
    q = read(path).questions[0]
    assert [(t.speaker, t.label_on_own_line) for t in q.turns] == [("OF", False), ("MJ", False)]
    question = q.turns[0].blocks[0].text
    assert question.source == "A question that goes on."
    assert (question.line, question.col) == (line_of(path, "@OF:"), len("@OF: ") + 1)
    assert texts(q.turns[1].blocks) == ["An answer.", "More of the answer."]


def test_label_alone_on_its_line_then_paragraphs(make_article: ArticleFactory) -> None:
    path = make_article(body="Intro.\n\n## Q\n\n@OF: Question?\n\n@MJ:\n\nFirst paragraph.\n\nSecond paragraph.\n\n- and a list\n\n@OF: Next?\n")
    q = read(path).questions[0]
    assert [t.speaker for t in q.turns] == ["OF", "MJ", "OF"]
    mj = q.turns[1]
    assert mj.label_on_own_line is True
    assert mj.line == line_of(path, "@MJ:")
    assert texts(mj.blocks) == ["First paragraph.", "Second paragraph."]
    assert [type(b).__name__ for b in mj.blocks] == ["Paragraph", "Paragraph", "ListBlock"]
    assert mj.blocks[0].line == line_of(path, "First paragraph.")
    assert q.turns[0].label_on_own_line is False
    assert texts(q.turns[2].blocks) == ["Next?"]


def test_label_alone_on_its_line_directly_followed_by_text(make_article: ArticleFactory) -> None:
    path = make_article(body="Intro.\n\n## Q\n\n@OF: Question?\n\n@MJ:\nThe answer starts on the next line\nand continues.\n\nAnother paragraph.\n")
    mj = read(path).questions[0].turns[1]
    assert (mj.speaker, mj.label_on_own_line, mj.line) == ("MJ", True, line_of(path, "@MJ:"))
    assert texts(mj.blocks) == ["The answer starts on the next line and continues.", "Another paragraph."]
    first = mj.blocks[0].text
    assert (first.line, first.col) == (line_of(path, "The answer starts"), 1)


def test_full_width_colon_after_the_label(make_article: ArticleFactory) -> None:
    path = make_article(body="Intro.\n\n## Q\n\n@OF：Question?\n\n@MJ： The answer.\n")
    q = read(path).questions[0]
    assert [(t.speaker, texts(t.blocks)) for t in q.turns] == [("OF", ["Question?"]), ("MJ", ["The answer."])]
    answer = q.turns[1].blocks[0].text
    assert (answer.line, answer.col) == (line_of(path, "@MJ："), len("@MJ： ") + 1)


def test_consecutive_labels_of_the_same_speaker_make_two_turns(make_article: ArticleFactory) -> None:
    q = read(make_article(body="Intro.\n\n## Q\n\n@OF: One.\n\n@OF: Two.\n\n@MJ: Three.\n")).questions[0]
    assert [(t.speaker, texts(t.blocks)) for t in q.turns] == [("OF", ["One."]), ("OF", ["Two."]), ("MJ", ["Three."])]


# ---------------------------------------------------------------- blocks


def test_unordered_ordered_and_nested_lists(make_article: ArticleFactory) -> None:
    body = (
        "Intro.\n\n## Q\n\n@OF: Lists?\n\n@MJ: Here:\n\n"
        "- alpha\n- beta\n  - beta one\n  - beta two\n    1. deep\n- gamma\n\n"
        "3. third\n4. fourth\n"
    )
    path = make_article(body=body)
    mj = read(path).questions[0].turns[1]
    assert [type(b).__name__ for b in mj.blocks] == ["Paragraph", "ListBlock", "ListBlock"]
    bullets, numbered = mj.blocks[1], mj.blocks[2]
    assert isinstance(bullets, ListBlock) and isinstance(numbered, ListBlock)

    assert (bullets.ordered, bullets.start, bullets.line) == (False, 1, line_of(path, "- alpha"))
    assert item_texts(bullets) == ["alpha", "beta", "gamma"]
    nested = bullets.items[1].blocks[1]
    assert isinstance(nested, ListBlock)
    assert (nested.ordered, item_texts(nested), nested.line) == (False, ["beta one", "beta two"], line_of(path, "- beta one"))
    deepest = nested.items[1].blocks[1]
    assert isinstance(deepest, ListBlock)
    assert (deepest.ordered, deepest.start, item_texts(deepest)) == (True, 1, ["deep"])

    assert (numbered.ordered, numbered.start, item_texts(numbered)) == (True, 3, ["third", "fourth"])
    assert [i.line for i in numbered.items] == [line_of(path, "3. third"), line_of(path, "4. fourth")]
    third = numbered.items[0].blocks[0].text
    assert (third.line, third.col) == (line_of(path, "3. third"), 4)


def test_block_quote(make_article: ArticleFactory) -> None:
    path = make_article(body="Intro.\n\n## Q\n\n@OF: A quote?\n\n@MJ: As the guideline says:\n\n> Treat the patient,\n> not the number.\n>\n> - a listed point\n\nEnd.\n")
    mj = read(path).questions[0].turns[1]
    assert [type(b).__name__ for b in mj.blocks] == ["Paragraph", "Quote", "Paragraph"]
    quote = mj.blocks[1]
    assert isinstance(quote, Quote)
    assert quote.line == line_of(path, "> Treat the patient")
    assert texts(quote.blocks) == ["Treat the patient, not the number."]
    assert isinstance(quote.blocks[1], ListBlock) and item_texts(quote.blocks[1]) == ["a listed point"]
    assert quote.blocks[0].text.col == 3


def test_image_with_alt_text_and_caption(make_article: ArticleFactory) -> None:
    path = make_article(
        body='Intro.\n\n![Professor Ma Jun at CSCO 2025](portrait.png "Prof. Ma Jun in Jinan")\n\n## Q\n\n@OF: Q?\n\n@MJ: A.\n\n![A chart](chart.png)\n'
    )
    (path.parent / "portrait.png").write_bytes(tiny_png())
    (path.parent / "chart.png").write_bytes(tiny_png())
    article = read(path)
    portrait = article.sections[0].blocks[1]
    assert isinstance(portrait, Image)
    assert portrait.src == "portrait.png"
    assert portrait.alt.source == "Professor Ma Jun at CSCO 2025"
    assert portrait.caption is not None and portrait.caption.source == "Prof. Ma Jun in Jinan"
    assert portrait.line == line_of(path, "![Professor Ma Jun")
    chart = article.questions[0].turns[1].blocks[1]
    assert isinstance(chart, Image)
    assert (chart.src, chart.alt.source, chart.caption) == ("chart.png", "A chart", None)
    assert [(u.kind, u.text.source) for u in units(article) if u.kind in (UnitKind.IMAGE_ALT, UnitKind.CAPTION)] == [
        (UnitKind.IMAGE_ALT, "Professor Ma Jun at CSCO 2025"),
        (UnitKind.CAPTION, "Prof. Ma Jun in Jinan"),
        (UnitKind.IMAGE_ALT, "A chart"),
    ]


def test_image_in_a_subfolder_of_the_article(make_article: ArticleFactory) -> None:
    path = make_article(body="Intro.\n\n![A photo](images/photo.png)\n\n## Q\n\n@OF: Q?\n\n@MJ: A.\n")
    (path.parent / "images").mkdir()
    (path.parent / "images" / "photo.png").write_bytes(tiny_png())
    image = read(path).sections[0].blocks[1]
    assert isinstance(image, Image) and image.src == "images/photo.png"


# ---------------------------------------------------------------- inline markup


def test_inline_markup_is_kept_as_written(make_article: ArticleFactory) -> None:
    source = "The *first* **approved** [therapy](https://www.nmpa.gov.cn/) raised x^2^ and H~2~O, [mail](mailto:editor@example.org)."
    article = read(make_article(body=f"{source}\n\n## Q\n\n@OF: Q?\n\n@MJ: A.\n"))
    assert article.sections[0].blocks[0].text.source == source
    assert inline_problems(source) == []


def test_parse_inline() -> None:
    spans = parse_inline("Plain *em* **strong** [link](https://example.org/a?b=1) x^2^ H~2~O")
    assert spans == (
        Span("text", "Plain "),
        Span("em", children=(Span("text", "em"),)),
        Span("text", " "),
        Span("strong", children=(Span("text", "strong"),)),
        Span("text", " "),
        Span("link", href="https://example.org/a?b=1", children=(Span("text", "link"),)),
        Span("text", " x"),
        Span("sup", children=(Span("text", "2"),)),
        Span("text", " H"),
        Span("sub", children=(Span("text", "2"),)),
        Span("text", "O"),
    )
    assert plain_text("Plain *em* **strong** [link](https://example.org) x^2^ H~2~O") == "Plain em strong link x2 H2O"


def test_parse_inline_nested_markup() -> None:
    (strong,) = parse_inline("**bold with *em* and [a *link*](http://example.org)**")
    assert strong.kind == "strong"
    assert [s.kind for s in strong.children] == ["text", "em", "text", "link"]
    assert strong.children[3].href == "http://example.org"
    assert strong.plain() == "bold with em and a link"


@pytest.mark.parametrize("href", ["https://example.org", "http://example.org/x", "mailto:someone@example.org", "HTTPS://EXAMPLE.ORG"])
def test_allowed_link_schemes(href: str) -> None:
    assert inline_problems(f"[x]({href})") == []


# ---------------------------------------------------------------- several speakers


def test_two_experts_and_an_interviewer(make_article: ArticleFactory) -> None:
    speakers = {
        "speakers": {
            "OF": {"name": "Oncology Frontier", "role": "interviewer"},
            "MJ": {"name": "Ma Jun", "honorific": "Prof.", "role": "interviewee"},
            "ZL": {"name": "Zhang Li", "honorific": "Dr.", "role": "interviewee"},
        }
    }
    body = (
        "Intro.\n\n## First\n\n@OF: To both of you?\n\n@MJ: I think so.\n\n@ZL: I agree.\n\n@MJ: And more.\n\n"
        "## Second\n\n@OF: And you, Dr. Zhang?\n\n@ZL: Yes.\n\n::: profile MJ\nMa Jun\n:::\n\n::: profile ZL\nZhang Li\n:::\n"
    )
    article = read(make_article(speakers, body))
    assert [[t.speaker for t in q.turns] for q in article.questions] == [["OF", "MJ", "ZL", "MJ"], ["OF", "ZL"]]
    assert [s.key for s in article.interviewees] == ["MJ", "ZL"]
    assert [(s.kind, s.speaker) for s in article.sections[-2:]] == [(SectionKind.PROFILE, "MJ"), (SectionKind.PROFILE, "ZL")]


def test_a_host_and_four_guests(make_article: ArticleFactory) -> None:
    guests = {f"G{n}": {"name": f"Guest {n}", "honorific": "Prof.", "role": "guest"} for n in range(1, 5)}
    overrides = {"speakers": {"HO": {"name": "Wang Hong", "role": "host"}, **guests}}
    body = "Intro.\n\n## Round table\n\n@HO: Welcome.\n\n" + "".join(f"@G{n}: Thank you, I am guest {n}.\n\n" for n in range(1, 5)) + "@HO: Thank you all.\n"
    path = make_article(overrides, body)
    article = read(path)
    (q,) = article.questions
    assert [t.speaker for t in q.turns] == ["HO", "G1", "G2", "G3", "G4", "HO"]
    assert [t.line for t in q.turns] == [line_of(path, "@HO: Welcome")] + [line_of(path, f"@G{n}:") for n in range(1, 5)] + [line_of(path, "@HO: Thank you all")]
    assert article.speakers["HO"].role is Role.HOST
    assert [s.key for s in article.interviewees] == ["G1", "G2", "G3", "G4"]
    assert all(s.role is Role.GUEST for s in article.interviewees)


# ---------------------------------------------------------------- a Chinese source


def test_chinese_source_article(make_article: ArticleFactory) -> None:
    overrides = {
        "locale": "zh_CN",
        "outlet": "《肿瘤瞭望》",
        "column": "血液前沿",
        "title": "CSCO 2025｜马军教授：中国血液学120年",
        "event": {"name": "第二十八届全国临床肿瘤学大会", "city": "山东济南", "start": "2025-09-10", "end": "2025-09-14"},
        "speakers": {
            "OF": {"name": "《肿瘤瞭望》", "role": "interviewer"},
            "MJ": {"name": "马军", "honorific": "教授", "role": "interviewee", "affiliation": "哈尔滨血液病肿瘤研究所"},
        },
    }
    body = (
        "第二十八届全国临床肿瘤学大会将于2025年9月10日—14日在山东济南召开。\n\n"
        "## 血液肿瘤领域的亮点\n\n"
        "@OF：今年CSCO年会的主题是什么？\n\n"
        "@MJ：CSCO走过了27年的发展历程。\n\n"
        "中位生存期从3年延长至10～12年，**54种**新药。\n\n"
        "1. **细胞治疗**：CAR-T细胞治疗\n2. **基因治疗**\n\n"
        "::: profile MJ\n马军 教授\n\n- 哈尔滨血液病肿瘤研究所所长\n:::\n"
    )
    path = make_article(overrides, body)
    article = read(path)
    assert article.meta.locale == "zh_CN"
    assert article.meta.title.source == "CSCO 2025｜马军教授：中国血液学120年"
    assert article.speakers["MJ"].name.source == "马军"
    assert article.speakers["MJ"].honorific is not None and article.speakers["MJ"].honorific.source == "教授"
    (q,) = article.questions
    assert q.heading is not None and q.heading.source == "血液肿瘤领域的亮点"
    assert [t.speaker for t in q.turns] == ["OF", "MJ"]
    mj = q.turns[1]
    assert texts(mj.blocks) == ["CSCO走过了27年的发展历程。", "中位生存期从3年延长至10～12年，**54种**新药。"]
    assert mj.blocks[0].text.col == len("@MJ：") + 1  # columns count characters, not bytes
    assert item_texts(mj.blocks[2]) == ["**细胞治疗**：CAR-T细胞治疗", "**基因治疗**"]
    assert texts(article.sections[-1].blocks) == []  # the typed name line is left out (a warning)
    assert article.meta.event is not None and article.meta.event.city is not None
    assert article.meta.event.city.source == "山东济南"


# ---------------------------------------------------------------- translation units


def test_units_metadata_first_then_the_body_in_reading_order(make_article: ArticleFactory) -> None:
    overrides = {"short_title": "Short", "tags": ["CAR-T", "myeloma"]}
    body = (
        "::: editors-note\nA note.\n:::\n\n"
        "Intro.\n\n"
        "## Heading one\n\n@OF: Question one?\n\n@MJ: Answer one.\n\n> A quotation.\n\n"
        "##\n\n@OF: Question two?\n\n@MJ:\n\nAnswer two.\n\n1. First item\n2. Second item\n   - nested item\n\n"
        "::: profile MJ\nProfessor Ma Jun\n\n- Director\n:::\n"
    )
    article = read(make_article(overrides, body))
    assert [(u.context, u.text.source) for u in units(article)] == [
        ("front matter: title", "A test interview"),
        ("front matter: short_title", "Short"),
        ("front matter: outlet", "Oncology Frontier"),
        ("front matter: column", "Hematology Frontier"),
        ("front matter: tags, tag", "CAR-T"),
        ("front matter: tags, tag", "myeloma"),
        ("front matter: speakers.OF.name, speaker OF, speaker name", "Oncology Frontier – Hematology Frontier"),
        ("front matter: speakers.MJ.name, speaker MJ, speaker name", "Ma Jun"),
        ("front matter: speakers.MJ.honorific, speaker MJ, speaker honorific", "Prof."),
        ("editors-note, paragraph", "A note."),
        ("introduction, paragraph", "Intro."),
        ("Q1, question heading", "Heading one"),
        ("Q1, speaker OF, paragraph", "Question one?"),
        ("Q1, speaker MJ, paragraph", "Answer one."),
        ("Q1, speaker MJ, quotation", "A quotation."),
        ("Q2, speaker OF, paragraph", "Question two?"),
        ("Q2, speaker MJ, paragraph", "Answer two."),
        ("Q2, speaker MJ, list item", "First item"),
        ("Q2, speaker MJ, list item", "Second item"),
        ("Q2, speaker MJ, list item", "nested item"),
        ("profile of MJ, list item", "Director"),
    ]
    metadata = [u for u in units(article) if u.field]
    assert all(u.section is None for u in metadata)
    assert all(u.section is not None and not u.field for u in list(units(article))[len(metadata) :])


def test_units_carry_their_source_lines(make_article: ArticleFactory) -> None:
    path = make_article(body="Intro.\n\n## Heading\n\n@OF: Question?\n\n@MJ: Answer.\n")
    by_text = {u.text.source: u.text for u in units(read(path))}
    assert by_text["Intro."].line == line_of(path, "Intro.")
    assert (by_text["Heading"].line, by_text["Heading"].col) == (line_of(path, "## Heading"), 4)
    assert by_text["Answer."].line == line_of(path, "@MJ: Answer.")
    assert (by_text["A test interview"].line, by_text["A test interview"].col) == (line_of(path, "title:"), len("title: ") + 1)


# ---------------------------------------------------------------- encodings and line endings


@pytest.mark.parametrize(
    ("newline", "bom"),
    [("\r\n", b""), ("\n", b"\xef\xbb\xbf"), ("\r\n", b"\xef\xbb\xbf"), ("\r", b"")],
    ids=["crlf", "bom", "crlf+bom", "cr"],
)
def test_line_endings_and_bom_give_the_same_model(make_article: ArticleFactory, newline: str, bom: bytes) -> None:
    body = (
        "::: editors-note\nA note.\n:::\n\nIntro with a line\nbreak.\n\n## Q\n\n@OF: Question?\n\n@MJ:\n\nAnswer.\n\n"
        "- item\n  - nested\n\n> quoted\n\n::: profile MJ\nMa Jun\n:::\n"
    )
    path = make_article(body=body)
    expected = read(path)
    data = path.read_bytes()
    path.write_bytes(bom + data.replace(b"\n", newline.encode()))
    assert path.read_bytes() != data
    assert read(path) == expected


def test_the_model_does_not_depend_on_the_folder(tmp_path: Path, make_article: ArticleFactory) -> None:
    a = read(make_article())
    other = tmp_path / "elsewhere"
    other.mkdir()
    b_path = other / "articles" / SLUG / "article.md"
    b_path.parent.mkdir(parents=True)
    b_path.write_bytes((tmp_path / "articles" / SLUG / "article.md").read_bytes())
    b = read(b_path)
    assert dataclasses.replace(a, path="") == dataclasses.replace(b, path="")
