"""``colloquy stats``: units and words per article × locale; fuzzy is not translated."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from catalog_support import PO_REL, SLUG, colloquy, copy_project, msgid_line, set_msgstr
from colloquy.diagnostics import Report
from colloquy.i18n.catalog import Catalog
from colloquy.i18n.pofile import read_catalog
from colloquy.i18n.stats import Progress, count_words, format_table, progress

FUZZY = "Hematology Frontier"  # 2 words
UNTRANSLATED = "Jinan, Shandong"  # 2 words
OBSOLETE = "An old paragraph that was removed."  # 6 words


def test_stats_counts_fuzzy_apart_from_translated(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    po = project / PO_REL
    set_msgstr(po, UNTRANSLATED, "")
    lines = po.read_text(encoding="utf-8").split("\n")
    lines.insert(msgid_line(po, FUZZY) - 1, "#, fuzzy")
    lines += [f'#~ msgid "{OBSOLETE}"', '#~ msgstr "一个已删除的旧段落。"', ""]
    po.write_text("\n".join(lines), encoding="utf-8")

    entries = [e for e in polib.pofile(str(po)) if not e.obsolete]
    assert len(entries) == 51
    assert [e.msgid for e in entries if e.fuzzy] == [FUZZY]
    total_words = sum(count_words(e.msgid) for e in entries)

    run = colloquy(project, "stats")
    head, rule, *rows = run.stdout.splitlines()
    assert head.split() == ["article", "locale", "translated", "fuzzy", "untranslated", "obsolete", "done"]
    assert set(rule) <= {"-", " "}
    rows = [row for row in rows if row.startswith(SLUG)]
    assert len(rows) == 1, run.stdout
    cells = rows[0].split()
    assert cells == [
        SLUG,
        "zh_CN",
        "49",
        f"({total_words - 4}w)",
        "1",
        "(2w)",
        "1",
        "(2w)",
        "1",
        "(6w)",
        "96%",  # 49 of 51: the fuzzy unit is not translated (50 of 51 would be 98%)
    ]


def test_stats_for_an_article_without_a_catalog_warns(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / PO_REL).unlink()
    run = colloquy(project, "stats")
    assert f"{PO_REL}:1: warning: no catalog yet" in run.stderr
    assert SLUG not in run.stdout


def _catalog(states: list[str], tail: str = "") -> Catalog:
    """A catalog with one entry per state: translated, fuzzy, untranslated, blank (a msgstr of one space)."""
    text = 'msgid ""\nmsgstr "Language: zh_CN\\n"\n\n'
    for n, state in enumerate(states):
        flags = "#, fuzzy\n" if state.startswith("fuzzy") else ""
        msgstr = {"untranslated": "", "blank": " ", "fuzzy-untranslated": ""}.get(state, f"第{n}个单元")
        text += f'{flags}msgid "Unit number {n}"\nmsgstr "{msgstr}"\n\n'
    cat = read_catalog((text + tail).encode(), "test.po", Report(), "zh_CN", SLUG)
    assert cat is not None
    return cat


def test_progress_counts_units_and_source_words() -> None:
    cat = _catalog(["translated"] * 7 + ["fuzzy", "untranslated", "fuzzy"], '#~ msgid "Gone away"\n#~ msgstr "已删除"\n')
    p = progress(cat, SLUG, "zh_CN")
    assert (p.translated, p.fuzzy, p.untranslated, p.obsolete, p.total) == (7, 2, 1, 1, 10)
    assert (p.translated_words, p.fuzzy_words, p.untranslated_words, p.obsolete_words) == (21, 6, 3, 2)
    assert p.percent == 70.0
    assert format_table([p]).splitlines()[-1].endswith(" 70%")


def test_a_fuzzy_entry_without_a_translation_is_untranslated() -> None:
    cat = _catalog(["translated", "fuzzy-untranslated"])
    p = progress(cat, SLUG, "zh_CN")
    assert (p.translated, p.fuzzy, p.untranslated) == (1, 0, 1)


def test_a_translation_of_white_space_only_is_untranslated() -> None:
    cat = _catalog(["translated", "blank"])
    p = progress(cat, SLUG, "zh_CN")
    assert (p.translated, p.fuzzy, p.untranslated) == (1, 0, 1)


@pytest.mark.parametrize(
    ("translated", "untranslated", "shown"),
    [(199, 1, "99%"), (1, 2, "33%"), (2, 1, "66%"), (0, 0, "100%"), (5, 0, "100%")],
)
def test_the_percentage_shown_is_rounded_down(translated: int, untranslated: int, shown: str) -> None:
    """ "100%" only when every unit is translated (199 of 200 is not done)."""
    p = Progress(SLUG, "zh_CN", translated=translated, untranslated=untranslated)
    assert format_table([p]).splitlines()[-1].endswith(" " + shown)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("血液恶性肿瘤", 6),
        ("马军教授", 4),
        ("CAR-T细胞治疗", 5),
        ("CSCO年会", 3),
        ("中国血液学120年", 7),
        ("in the field of hematologic malignancies", 6),
        ("17–24% of presentations", 3),
        ("CSCO 2025 | Professor Ma Jun", 5),  # the bar is no word
        ("《肿瘤瞭望》：规范诊疗，创新驱动。", 12),  # nor is Chinese punctuation
        ("Oncology Frontier – Hematology Frontier", 4),
        ("", 0),
        ("  ", 0),
    ],
)
def test_count_words_counts_each_cjk_character_as_a_word(text: str, words: int) -> None:
    assert count_words(text) == words
