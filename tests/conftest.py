"""Shared fixtures: article sources written into a throw-away project folder."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from colloquy.diagnostics import InputError, Report
from colloquy.model import Article
from colloquy.reader import read_article

REPO = Path(__file__).resolve().parent.parent
SEED_ARTICLE = REPO / "articles" / "csco-2025-ma-jun" / "article.md"
SEED_DIR = REPO.parent / "shared" / "seed"
SEED_TEXT = SEED_DIR / "csco-2025-ma-jun.txt"

#: the smallest project configuration the CLI accepts
PYPROJECT = """\
[project]
name = "colloquy-test-project"
version = "0"

[tool.colloquy]
locales = ["en", "zh_CN"]
"""

#: remove a key from the default front matter: ``make_article(tmp_path, {"title": DELETE}, body)``
DELETE = object()

SLUG = "test-article"

DEFAULT_FRONT_MATTER: dict[str, Any] = {
    "slug": SLUG,
    "locale": "en",
    "date": dt.date(2025, 9, 9),
    "outlet": "Oncology Frontier",
    "column": "Hematology Frontier",
    "title": "A test interview",
    "speakers": {
        "OF": {"name": "Oncology Frontier – Hematology Frontier", "role": "interviewer"},
        "MJ": {"name": "Ma Jun", "honorific": "Prof.", "role": "interviewee"},
    },
}

#: a small valid body: introduction, one question with two turns
DEFAULT_BODY = """\
An introduction.

## A question

@OF: What is new?

@MJ: Everything.
"""


def front_matter_text(overrides: dict[str, Any] | None = None, *, slug: str = SLUG) -> str:
    """The front matter (with its ``---`` lines) of the default article, with ``overrides`` applied:
    each top-level field is replaced (``"speakers": {...}`` declares exactly those speakers),
    added, or removed with :data:`DELETE`. Fields keep the default order; new ones come last."""
    data = {"slug": slug, **{k: v for k, v in DEFAULT_FRONT_MATTER.items() if k != "slug"}}
    for key, value in (overrides or {}).items():
        if value is DELETE:
            data.pop(key, None)
        else:
            data[key] = value
    dumped = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10_000)
    return f"---\n{dumped}---\n"


ArticleFactory = Callable[..., Path]


def write_article(
    root: Path,
    front_matter_overrides: dict[str, Any] | None = None,
    body: str = DEFAULT_BODY,
    *,
    slug: str = SLUG,
    raw: str | bytes | None = None,
    newline: str = "\n",
) -> Path:
    """Write ``root/articles/<slug>/article.md`` and return its (absolute) path.

    ``raw`` replaces the whole file (text or bytes); otherwise the file is the default front
    matter with the overrides, a blank line and ``body``. ``newline`` converts line endings.
    """
    folder = root / "articles" / slug
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "article.md"
    if raw is None:
        raw = front_matter_text(front_matter_overrides, slug=slug) + "\n" + body
    if isinstance(raw, str):
        raw = raw.replace("\n", newline).encode("utf-8")
    path.write_bytes(raw)
    return path


@pytest.fixture
def make_article(tmp_path: Path) -> ArticleFactory:
    """``make_article(front_matter_overrides=None, body=DEFAULT_BODY, *, slug=..., raw=..., newline=...)``
    writes an article into ``tmp_path/articles/<slug>/`` and returns the path of its ``article.md``."""

    def factory(front_matter_overrides: dict[str, Any] | None = None, body: str = DEFAULT_BODY, **kwargs: Any) -> Path:
        return write_article(tmp_path, front_matter_overrides, body, **kwargs)

    return factory


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """``tmp_path`` made a Colloquy project: a minimal pyproject.toml with ``[tool.colloquy]``."""
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (tmp_path / "articles").mkdir(exist_ok=True)
    return tmp_path


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work from ``tmp_path`` so that diagnostics show paths relative to it."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def read(path: Path) -> Article:
    """Read an article that must be valid; on failure show every diagnostic."""
    report = Report()
    try:
        return read_article(path, report)
    except InputError as exc:  # pragma: no cover - a failing test explains itself
        pytest.fail("the article should read without errors:\n" + str(exc))


def diagnostics(path: Path) -> list[str]:
    """The formatted diagnostics of reading an article that must be refused."""
    report = Report()
    with pytest.raises(InputError) as info:
        read_article(path, report)
    assert info.value.report is report
    return [d.format() for d in report.items]


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """1-based line number of the ``occurrence``-th line of ``path`` that contains ``needle``."""
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not found in {path}")


def col_of(path: Path, needle: str) -> int:
    """1-based column of ``needle`` on the first line that contains it."""
    line = path.read_text(encoding="utf-8-sig").splitlines()[line_of(path, needle) - 1]
    return line.index(needle) + 1


def rel(path: Path) -> str:
    """``path`` as diagnostics show it when working from its project folder."""
    return os.path.relpath(path)


WORD_RE = re.compile(r"[^\W_]+(?:[’'][^\W_]+)*")


@pytest.fixture(scope="session")
def site_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with a site address and the roundtable of :mod:`web_support` beside the seed,
    built once (HTML and WeChat editions)."""
    from web_support import build_site

    return build_site(tmp_path_factory.mktemp("site") / "project")
