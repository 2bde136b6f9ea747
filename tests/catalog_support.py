"""Helpers of the catalog and translation-QA tests: a copy of the real project in a
throw-away folder, the real CLI run on it, and PO files searched and edited as text."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from cli_support import run_cli

REPO = Path(__file__).resolve().parent.parent
SLUG = "csco-2025-ma-jun"
#: paths as the CLI shows them when run from the project folder
ARTICLE_REL = f"articles/{SLUG}/article.md"
PO_REL = f"locales/zh_CN/LC_MESSAGES/{SLUG}.po"
POT_REL = f"locales/templates/{SLUG}.pot"
PROJECT_ITEMS = ("pyproject.toml", "babel.cfg", "articles", "locales", "glossary", "templates")


def copy_project(dest: Path) -> Path:
    """Copy the project's sources and catalogs (not .venv, dist, tests) into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_ITEMS:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("*.mo", ".colloquy-tmp-*"))
        elif src.is_file():
            shutil.copy2(src, dest / name)
    return dest


@dataclass
class Run:
    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def lines(self) -> list[str]:
        return self.output.splitlines()


def colloquy(project: Path, *args: str, expect: int | None = 0) -> Run:
    """Run ``colloquy ARGS`` from ``project``, in this process (see :func:`cli_support.run_cli`);
    check the exit status unless ``expect`` is None."""
    code, out, err = run_cli(project, *args)
    run = Run(args, code, out, err)
    if expect is not None:
        assert run.returncode == expect, f"colloquy {' '.join(args)}: exit {run.returncode}, expected {expect}\n{run.output}"
    return run


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, by relative path, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def po_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def msgid_line(po: Path, needle: str, *, obsolete: bool = False) -> int:
    """1-based line of the (single-line) msgid that is ``needle``, or else the one that contains it."""
    prefix = '#~ msgid "' if obsolete else 'msgid "'
    lines = po.read_text(encoding="utf-8").splitlines()
    found = [n for n, line in enumerate(lines, 1) if line == f'{prefix}{po_escape(needle)}"']
    if not found:
        found = [n for n, line in enumerate(lines, 1) if line.startswith(prefix) and po_escape(needle) in line]
    assert len(found) == 1, f"{len(found)} msgids contain {needle!r} in {po}"
    return found[0]


def entry_span(lines: list[str], msgid_lineno: int) -> range:
    """1-based line numbers of the whole entry (comments to msgstr) around a msgid line."""
    start = msgid_lineno
    while start > 1 and lines[start - 2].strip():
        start -= 1
    end = msgid_lineno
    while end < len(lines) and lines[end].strip():
        end += 1
    return range(start, end + 1)


def set_msgstr(po: Path, needle: str, transform: str | None = None, *, old: str = "", new: str = "") -> int:
    """Edit the msgstr of the entry whose msgid contains ``needle``: replace ``old`` by ``new``
    in it (every occurrence; ``old`` must occur), or set it to ``transform`` when given.
    Returns the line of the entry's msgid."""
    lines = po.read_text(encoding="utf-8").split("\n")
    at = msgid_line(po, needle)
    assert lines[at].startswith("msgstr "), f"no single-line msgstr after line {at} of {po}"
    if transform is not None:
        lines[at] = f'msgstr "{po_escape(transform)}"'
    else:
        assert old in lines[at], f"{old!r} not in the msgstr of {needle!r}: {lines[at]}"
        lines[at] = lines[at].replace(old, new)
    po.write_text("\n".join(lines), encoding="utf-8")
    return at


def insert_before_entry(po: Path, needle: str, text: str) -> int:
    """Insert comment lines (``text``) at the top of the entry whose msgid contains ``needle``;
    returns the msgid's new line."""
    lines = po.read_text(encoding="utf-8").split("\n")
    span = entry_span(lines, msgid_line(po, needle))
    lines[span.start - 1 : span.start - 1] = text.rstrip("\n").split("\n")
    po.write_text("\n".join(lines), encoding="utf-8")
    return msgid_line(po, needle)


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def diagnostics_at(run: Run, path: str, severity: str) -> list[tuple[int, str]]:
    """(line, rest) of every ``path:LINE: severity: rest`` line of a run's output."""
    pattern = re.compile(rf"^{re.escape(path)}:(\d+): {severity}: (.*)$")
    return [(int(m.group(1)), m.group(2)) for line in run.lines() if (m := pattern.match(line))]
