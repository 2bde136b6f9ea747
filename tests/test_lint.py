"""The source lint (issue 12): the warning corpus of ``tests/lint_corpus``, and what the reader now
reads as written.

The errors of the lint (a pasted label, an unclosed ``:::``, a tab in the front matter …) are
cases of the bad-input corpus (``tests/bad_input/lint-*``): they stop ``build`` and ``check``
and must leave the project untouched. The warnings are here: each case is an article overlaid
on the minimal project, ``expected.txt`` lists the steps (``$ colloquy check -> 0``) and the
diagnostics each prints about the article (the catalog's own warnings — a changed text is
untranslated — are not the lint's and are left out).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from cli_support import run_cli
from colloquy.diagnostics import Report
from colloquy.labels import key_for_name, speaker_for, typed_label
from colloquy.lint import Source
from colloquy.lint.plausibility import plausibility
from colloquy.model import Role, Speaker, Text
from colloquy.textrules import english_spacing, fullwidth_punctuation, unbalanced_at, without_artefacts
from conftest import read
from hardening_support import diagnostics, minimal_project
from test_bad_input import overlay, parse_expected

CORPUS = Path(__file__).resolve().parent / "lint_corpus"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return minimal_project(tmp_path_factory.mktemp("lint") / "base")


def test_the_corpus_covers_every_warning() -> None:
    from colloquy.lint import CODES

    codes = set()
    for name in CASES:
        text = (CORPUS / name / "expected.txt").read_text(encoding="utf-8")
        codes |= {code for code in CODES if f"[{code}]" in text}
    assert codes == set(CODES)


@pytest.mark.parametrize("name", CASES)
def test_lint_warning(name: str, base: Path, tmp_path: Path) -> None:
    case = parse_expected((CORPUS / name / "expected.txt").read_text(encoding="utf-8"))
    project = tmp_path / name
    shutil.copytree(base, project)
    overlay(CORPUS / name, project)
    for step in case.steps:
        code, out, err = run_cli(project, *step.args)
        shown = f"colloquy {' '.join(step.args)}"
        assert "Traceback" not in out + err, f"{shown}:\n{err}"
        found = [d for d in diagnostics(out + err) if d.startswith("articles/")]
        assert found == step.lines, f"{shown}:\n{out}{err}"
        assert code == step.status, f"{shown}: exit {code}\n{err}"


# ---------------------------------------------------------------- the front matter read as written


def test_front_matter_values_are_read_as_written(make_article: object) -> None:
    assert callable(make_article)
    path = make_article(
        body="Intro.\n\n## Q\n\n@OF: Why?\n\n@MJ: Because.\n",
        raw=None,
        front_matter_overrides={"title": "CSCO 2025 | 1.10 and NO"},
    )
    text = path.read_text(encoding="utf-8").replace("speakers:", "tags:\n- NO\n- 2025\n- 2025-09-10\n- on\nspeakers:", 1)
    text = text.replace("title: CSCO 2025 | 1.10 and NO", "title: 1.10")
    path.write_text(text, encoding="utf-8")
    article = read(path)
    assert [t.source for t in article.meta.tags] == ["NO", "2025", "2025-09-10", "on"]
    assert article.meta.title.source == "1.10"


def test_a_quoted_title_keeps_its_hash(make_article: object) -> None:
    assert callable(make_article)
    path = make_article(front_matter_overrides={"title": "CSCO BC巅峰对话 #2丨马军教授"})
    assert "'CSCO BC巅峰对话 #2丨马军教授'" in path.read_text(encoding="utf-8")  # PyYAML quotes it
    assert read(path).meta.title.source == "CSCO BC巅峰对话 #2丨马军教授"


def test_chinese_lines_wrapped_in_the_source_are_joined_without_a_space(make_article: object) -> None:
    assert callable(make_article)
    body = "引言第一行，\n第二行。\n\n## 问题\n\n@OF: 问题？\n\n@MJ: 近年来取得了巨大进步。\n随着新药上市，\nCAR-T细胞治疗\n进入二线。English\nwords stay apart.\n"
    article = read(make_article(body=body))
    assert article.sections[0].blocks[0].text.source == "引言第一行，第二行。"  # type: ignore[union-attr]
    answer = article.questions[0].turns[1].blocks[0]
    assert answer.text.source == "近年来取得了巨大进步。随着新药上市，CAR-T细胞治疗进入二线。English words stay apart."  # type: ignore[union-attr]


# ---------------------------------------------------------------- labels


def _speakers() -> dict[str, Speaker | None]:
    return {
        "OF": Speaker("OF", Text("《肿瘤瞭望》", 1), Role.INTERVIEWER),
        "MJ": Speaker("MJ", Text("马军", 1), Role.INTERVIEWEE, Text("教授", 1)),
        "TYY": Speaker("TYY", Text("田浴阳", 1), Role.INTERVIEWEE, Text("教授", 1)),
        "MG": Speaker("MG", Text("Michael Gnant", 1), Role.INTERVIEWEE, Text("Prof.", 1)),
    }


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("马军教授：今年", "MJ"),
        ("**马军教授：**今年", "MJ"),
        ("田浴阳教授：", "TYY"),
        ("《肿瘤瞭望》：您好", "OF"),
        ("Prof. Michael Gnant: Yes.", "MG"),
        ("Professor Michael Gnant: Yes.", "MG"),
        ("Michael Gnant教授：是的", "MG"),
        ("＠MJ：好", "MJ"),
        ("问：为什么？", "OF"),
        ("答：因为。", None),  # two experts: 答 names neither
        ("目前：我们", None),
    ],
)
def test_typed_labels_name_their_speaker(typed: str, key: str | None) -> None:
    label = typed_label(typed)
    assert label is not None
    assert speaker_for(label, _speakers()) == key


@pytest.mark.parametrize("text", ["In 2025, the meeting: a review", "See https://example.org: the site", "“引号：不是标签”"])
def test_sentences_with_a_colon_are_no_labels(text: str) -> None:
    assert typed_label(text) is None


def test_keys_from_names() -> None:
    assert [key_for_name(n) for n in ("马军", "田浴阳", "Ma Jun", "Michael Gnant")] == ["MJ", "TYY", "MJ", "MG"]
    assert key_for_name("Ma Jun", ["MJ"]) == "MJ2"


# ---------------------------------------------------------------- text rules


def test_text_rules_of_the_lint_and_of_fix() -> None:
    assert [p.message for p in english_spacing("counterparts,sparking; Prof.Michael; 1,000; 3.5; e.g. U.S. Ph.D. mediamedic.co")] == [
        "no space after ',' in 'counterparts,sparking;'",
        "no space after '.' in 'Prof.Michael;'",
    ]
    assert unbalanced_at("他说“好") == (2, "'“' is never closed")
    assert without_artefacts("a\u200bb\u00a0c２０２５年ＣＳＣＯ\u00ad") == "ab c2025年CSCO"
    assert fullwidth_punctuation("进步,随着(中国)发展: 见 https://a.cn/x,y 3.5,好 CAR-T, ok") == "进步，随着（中国）发展：见 https://a.cn/x,y 3.5,好 CAR-T, ok"


def test_plausibility_against_a_given_day() -> None:
    from colloquy.model import Metadata

    meta = Metadata("s", "en", dt.date(2026, 3, 1), Text("O", 1), Text("T", 1))
    report = Report()
    source = Source("a.md", ["---", "date: 2026-03-01", "---"], [], meta, {}, 4, chinese=False)
    plausibility(source, report, today=dt.date(2025, 9, 1))
    assert [d.format() for d in report.items] == []
    plausibility(source, report, today=dt.date(2024, 9, 1))
    assert [d.format() for d in report.items] == [
        "a.md:2:7: warning: [date] the publication date 2026-03-01 is more than a year ahead — check the year (2025, not 2205)"
    ]


# ---------------------------------------------------------------- colloquy fix


def test_fix_shows_the_diff_then_writes_and_carries_the_translations(base: Path, tmp_path: Path) -> None:
    import subprocess

    from colloquy.i18n.pofile import load_catalog

    project = tmp_path / "fix"
    shutil.copytree(base, project)
    article = project / "articles" / "li-wei-2025" / "article.md"
    po = project / "locales" / "zh_CN" / "LC_MESSAGES" / "li-wei-2025.po"
    old, new = "Oncology Frontier spoke with Professor Li Wei about multiple myeloma.", "Oncology Frontier spoke with Professor\u00a0Li Wei about multiple\u200b myeloma in ２０２５."
    for path in (article, po):
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")
    before = article.read_bytes()
    code, out, err = run_cli(project, "fix")
    assert code == 0, err
    assert f"-{new}\n+Oncology Frontier spoke with Professor Li Wei about multiple myeloma in 2025.\n" in out
    assert article.read_bytes() == before  # only shown
    code, out, err = run_cli(project, "fix", "--write")
    assert code == 0, err
    assert "1 translation(s) carried over" in err
    fixed = "Oncology Frontier spoke with Professor Li Wei about multiple myeloma in 2025."
    assert fixed in article.read_text(encoding="utf-8")
    cat = load_catalog(po, Report(), "zh_CN")
    assert cat is not None
    entry = cat.get(fixed)
    assert entry is not None and entry.usable  # translated, not fuzzy
    assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], check=False).returncode == 0
    code, _out, err = run_cli(project, "check", "--strict")
    assert not [d for d in diagnostics(err) if d.startswith("articles/")], err
    code, out, err = run_cli(project, "fix")
    assert out == "" and "0 source(s) to normalise" in err


def test_fix_makes_punctuation_full_width_between_chinese_characters_only() -> None:
    from colloquy.lint.fix import normalise

    text = "@MJ: 进步,随着(新药)上市: 见[链接](https://a.cn/x,y) 3.5,1,000, CAR-T, ok;好?\nname: 马军\n"
    assert normalise(text) == "@MJ: 进步，随着（新药）上市：见[链接](https://a.cn/x,y) 3.5,1,000, CAR-T, ok;好？\nname: 马军\n"
