"""Helpers of the hardening tests (bad input, hostile content, kills, concurrency): the minimal
project of ``tests/bad_input/_project``, the real CLI in a subprocess, and checks that an
output file is whole (a PDF that pypdf and pdfinfo read, a DOCX that python-docx opens, an
HTML page that a strict HTML5 parser reads to its end)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from colloquy.fsutil import TMP_PREFIX

REPO = Path(__file__).resolve().parent.parent
BASE = REPO / "tests" / "bad_input" / "_project"
SLUG = "li-wei-2025"
ARTICLE = f"articles/{SLUG}/article.md"
CATALOG = f"locales/zh_CN/LC_MESSAGES/{SLUG}.po"
UI_CATALOG = "locales/zh_CN/LC_MESSAGES/ui.po"
#: a diagnostic line: ``path:line[:col]: severity: …``
DIAGNOSTIC_RE = re.compile(r"^\S+?:\d+(?::\d+)?: (?:error|warning|note): ")


def minimal_project(dest: Path) -> Path:
    """The minimal valid project (one short article, its zh_CN catalog, a glossary) in ``dest``,
    with the repository's templates and interface catalog."""
    shutil.copytree(BASE, dest, symlinks=True)
    shutil.copytree(REPO / "templates", dest / "templates")
    shutil.copy2(REPO / UI_CATALOG, dest / UI_CATALOG)
    return dest


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "COLLOQUY_DEBUG")}
    env["COLLOQUY_DEBUG"] = "1"  # an internal error prints its traceback, which every test refuses
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "colloquy.cli", *args]


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``colloquy ARGS`` run from ``project``, in the test process (:mod:`cli_support`)."""
    from cli_support import run_cli

    code, out, err = run_cli(project, *args)
    return subprocess.CompletedProcess(["colloquy", *args], code, out, err)


def run_process(project: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``colloquy ARGS`` run from ``project`` as its own process."""
    return subprocess.run(
        command(*args), cwd=project, env=environment(), capture_output=True, text=True, encoding="utf-8", timeout=timeout, check=False
    )


def start(project: Path, *args: str) -> subprocess.Popen[str]:
    """``colloquy ARGS`` started in a session of its own (its workers share its process group)."""
    return subprocess.Popen(
        command(*args),
        cwd=project,
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        start_new_session=True,
    )


def diagnostics(output: str) -> list[str]:
    return [line for line in output.splitlines() if DIAGNOSTIC_RE.match(line)]


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream, stream
        assert "internal error" not in stream, stream


def tree(folder: Path, *, skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file under ``folder`` (symlinks as their target), by relative path, with its bytes;
    top-level entries named in ``skip`` are left out."""
    out: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if rel.parts[0] in skip:
            continue
        if path.is_symlink():
            out[str(rel)] = b"-> " + os.fsencode(os.readlink(path))
        elif path.is_file():
            out[str(rel)] = path.read_bytes()
    return out


def leftovers(*folders: Path) -> list[Path]:
    return [p for folder in folders if folder.is_dir() for p in folder.rglob(TMP_PREFIX + "*")]


# ---------------------------------------------------------------- whole outputs


def pdf_problem(path: Path) -> str | None:
    """Why ``path`` is not a whole PDF, or None."""
    import pypdf

    try:
        reader = pypdf.PdfReader(path, strict=True)
        if not reader.pages or not reader.pages[-1].extract_text():
            return "no text on its last page"
    except Exception as exc:  # any parse error means a broken file
        return f"pypdf: {type(exc).__name__}: {exc}"
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=False)
    if info.returncode != 0:
        return f"pdfinfo: exit {info.returncode}: {info.stderr.strip()}"
    return None


def docx_problem(path: Path) -> str | None:
    import docx

    try:
        document = docx.Document(str(path))
        if not any(p.text.strip() for p in document.paragraphs) and not document.tables:
            return "no text"
    except Exception as exc:
        return f"python-docx: {type(exc).__name__}: {exc}"
    return None


def html_problem(path: Path) -> str | None:
    import html5lib

    text = path.read_text(encoding="utf-8")
    if not text.rstrip().endswith("</html>"):
        return "does not end with </html>"
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        parser.parse(text)
    except html5lib.html5parser.ParseError:
        return f"HTML5 parse errors: {parser.errors[:3]}"
    return None


def output_problems(dist: Path) -> list[str]:
    """Every output of ``dist`` that is not whole, as ``path: why``."""
    checks = {".pdf": pdf_problem, ".docx": docx_problem, ".html": html_problem}
    problems = []
    for path in sorted(dist.rglob("*")):
        check = checks.get(path.suffix)
        if check is not None and path.is_file() and not path.name.startswith(TMP_PREFIX):
            why = check(path)
            if why:
                problems.append(f"{path.relative_to(dist)}: {why}")
    return problems
