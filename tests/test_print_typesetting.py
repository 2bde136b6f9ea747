"""Dates as the house writes them, and what the writers must not break or must compress
(``typography.pieces``): the functions on their own, with the project's real ui catalogs."""

from __future__ import annotations

import datetime as dt

import pytest

from colloquy.diagnostics import Report
from colloquy.i18n.ui import Ui, load_ui
from colloquy.model import DatePrecision
from colloquy.project import Project
from colloquy.typography import halt_positions, pieces
from colloquy.writers.edition import format_days
from conftest import REPO

D = dt.date


@pytest.fixture(scope="module")
def uis() -> dict[str, Ui]:
    project = Project.load(REPO)
    return {loc.name: load_ui(project.locales_dir, loc, Report()) for loc in project.locales}


@pytest.mark.parametrize(
    ("start", "end", "precision", "en", "zh"),
    [
        (D(2025, 9, 10), D(2025, 9, 14), DatePrecision.DAY, "September 10–14, 2025", "2025年9月10日—14日"),
        (D(2025, 9, 28), D(2025, 10, 2), DatePrecision.DAY, "September 28–October 2, 2025", "2025年9月28日—10月2日"),
        (D(2025, 12, 30), D(2026, 1, 2), DatePrecision.DAY, "December 30, 2025–January 2, 2026", "2025年12月30日—2026年1月2日"),
        (D(2025, 9, 10), D(2025, 9, 10), DatePrecision.DAY, "September 10, 2025", "2025年9月10日"),
        (D(2025, 7, 1), D(2025, 7, 31), DatePrecision.MONTH, "July 2025", "2025年7月"),
        (D(2025, 7, 1), D(2025, 8, 31), DatePrecision.MONTH, "July–August 2025", "2025年7月—8月"),
    ],
)
def test_event_dates(uis: dict[str, Ui], start: dt.date, end: dt.date, precision: DatePrecision, en: str, zh: str) -> None:
    assert format_days(start, end, uis["en"], precision) == en
    assert format_days(start, end, uis["zh_CN"], precision) == zh


def _kept(text: str) -> list[str]:
    return [p.text for p in pieces(text) if p.keep]


def test_kept_pieces() -> None:
    text = "Prof. Ma Jun said CAR-T and TCR-T cells live 10–12 years, 17%～24% more, from September 10–14, 2025 (O’Connor)."
    kept = _kept(text)
    for piece in ("Prof. Ma", "CAR-T", "TCR-T", "10–12", "17%～24%", "September 10–14, 2025", "O’Connor"):
        assert piece in kept, (piece, kept)
    assert "".join(p.text for p in pieces(text)) == text  # nothing added: no U+2011, no NBSP
    assert _kept("2025年9月10日—14日在山东济南举行") == ["2025年9月10日—14日"]
    assert _kept("plain words only") == []


def test_latin_words_of_chinese_text() -> None:
    latin = [p.text for p in pieces("Owen A. O’Connor教授与CAR-T细胞治疗") if p.latin]
    assert latin == ["O’Connor", "CAR-T"]
    assert [p.text for p in pieces("Owen A. O’Connor said") if p.latin] == []  # English text: its own font already


@pytest.mark.parametrize(
    ("text", "compressed"),
    [("《肿瘤瞭望》：本届", "》"), ("“创新”。", "”"), ("【注】（一）", "】"), ("（《指南》）", "《"), ("说：“好”", "：")],
)
def test_the_mark_whose_blank_half_faces_the_other_is_compressed(text: str, compressed: str) -> None:
    positions = halt_positions(text)
    assert text[min(positions)] == compressed
    assert halt_positions("没有标点") == set()
