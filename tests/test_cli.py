"""The real ``colloquy`` command, run as a subprocess on throw-away projects: exit statuses and
what an editor sees (one located line per problem, never a traceback)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DEFAULT_BODY, REPO, write_article

SUBCOMMANDS = ["build", "extract", "update", "check", "stats"]
ERROR_LINE_RE = re.compile(r"^(?P<path>[^\s:]+):(?P<line>\d+):(?P<col>\d+): error: ")


def colloquy_command() -> list[str]:
    """The installed console script next to this Python, else the module."""
    script = Path(sys.executable).parent / "colloquy"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "colloquy.cli"]


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "COLLOQUY_DEBUG"}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [*colloquy_command(), "-C", str(project), *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


@pytest.fixture
def seed_project(tmp_path: Path) -> Path:
    """A copy of the repository's project: the seed article, its catalogs, the configuration."""
    for name in ("articles", "locales", "templates", "glossary"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy2(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr
    assert "Traceback" not in result.stdout
    assert "internal error" not in result.stderr


# ---------------------------------------------------------------- check


def test_check_passes_on_the_seed_project(seed_project: Path) -> None:
    result = run(seed_project, "check")
    assert result.returncode == 0, result.stderr
    no_traceback(result)
    assert not [line for line in result.stderr.splitlines() if ERROR_LINE_RE.match(line)]
    assert "check: 1 article(s), 0 error(s)" in result.stderr


def test_check_reports_every_error_of_a_bad_source(project: Path) -> None:
    body = DEFAULT_BODY.replace("@MJ: Everything.", "@MJX: Everything.") + "\n<div>raw HTML</div>\n"
    path = write_article(project, {"tittle": "A typo"}, body)
    text = path.read_text(encoding="utf-8").split("\n")

    def line_of(needle: str) -> int:
        return next(n for n, line in enumerate(text, 1) if needle in line)

    result = run(project, "check")
    assert result.returncode == 2, result.stderr
    no_traceback(result)
    errors = [line for line in result.stderr.splitlines() if ERROR_LINE_RE.match(line)]
    p = "articles/test-article/article.md"
    assert errors == [
        f"{p}:{line_of('tittle:')}:1: error: unknown field 'tittle' — did you mean 'title'?",
        f"{p}:{line_of('@MJX:')}:1: error: unknown speaker 'MJX' (declared: OF, MJ) — did you mean '@MJ:'? Otherwise use a key from 'speakers' in the front matter",
        f"{p}:{line_of('<div>')}:1: error: raw HTML is not allowed — write Markdown instead; see docs/source-format.md",
    ]


def test_check_reports_the_errors_of_every_article(project: Path) -> None:
    write_article(project, {"locale": "fr"}, slug="first-article")
    write_article(project, {}, DEFAULT_BODY.replace("@OF:", "@XX:"), slug="second-article")
    write_article(project, slug="a-good-one")
    result = run(project, "check")
    assert result.returncode == 2
    no_traceback(result)
    paths = [ERROR_LINE_RE.match(line)["path"] for line in result.stderr.splitlines() if ERROR_LINE_RE.match(line)]
    assert paths == ["articles/first-article/article.md", "articles/second-article/article.md"]


# ---------------------------------------------------------------- usage


def test_help(seed_project: Path) -> None:
    result = run(seed_project, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: colloquy")
    for name in SUBCOMMANDS:
        assert name in result.stdout


@pytest.mark.parametrize("subcommand", SUBCOMMANDS)
def test_help_of_every_subcommand(seed_project: Path, subcommand: str) -> None:
    result = run(seed_project, subcommand, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: colloquy {subcommand}")
    assert result.stderr == ""


def test_version(seed_project: Path) -> None:
    result = run(seed_project, "--version")
    assert result.returncode == 0
    assert re.fullmatch(r"colloquy \d+\.\d+\.\d+\S*\n", result.stdout)


def test_unknown_subcommand(seed_project: Path) -> None:
    result = run(seed_project, "publish-everything")
    assert result.returncode == 2
    no_traceback(result)
    assert "invalid choice: 'publish-everything'" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("colloquy: error: ")


def test_no_subcommand(seed_project: Path) -> None:
    result = run(seed_project)
    assert result.returncode == 2
    no_traceback(result)
    assert "usage: colloquy" in result.stderr


@pytest.mark.parametrize("subcommand", ["check", "stats", "extract"])
def test_nonexistent_slug(seed_project: Path, subcommand: str) -> None:
    before = sorted(p.relative_to(seed_project) for p in seed_project.rglob("*"))
    result = run(seed_project, subcommand, "no-such-article")
    assert result.returncode == 2, result.stderr
    no_traceback(result)
    assert result.stderr.splitlines() == [
        "articles/no-such-article:1: error: no article 'no-such-article' (articles: csco-2025-ma-jun) — "
        "create articles/no-such-article/article.md or fix the name"
    ]
    assert sorted(p.relative_to(seed_project) for p in seed_project.rglob("*")) == before  # nothing written


def test_outside_a_project(tmp_path: Path) -> None:
    result = run(tmp_path, "check")
    assert result.returncode == 2
    no_traceback(result)
    assert "not inside a Colloquy project (no pyproject.toml with [tool.colloquy])" in result.stderr
