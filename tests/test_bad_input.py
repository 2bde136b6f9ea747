"""The bad-input corpus: ``tests/bad_input/NAME/`` holds the files that break (or merely
stretch) the minimal valid project of ``tests/bad_input/_project``, and ``expected.txt``,
what Colloquy must answer. Each case is overlaid on a copy of that project whose ``dist/``
has been built, and the real ``colloquy`` command is run on it.

``expected.txt``::

    # comments: what the case is about
    ! pad articles/li-wei-2025/article.md 20971520     set-up the files cannot hold: grow a file
    ! symlink articles/li-wei-2025/p.png -> ../../s.png   (to this many bytes), make a symlink,
    ! mkdir glossary/terminology.csv                      a folder, or remove a file or folder
    ! delete glossary/terminology.csv                     (in the order written)
    $ colloquy build -> 2                              a command and its exit status, then
    articles/li-wei-2025/article.md:3:1: error: …      exactly the diagnostics it prints
    $ colloquy check -> 2
    …

Every command must exit as written and print exactly those ``path:line[:col]: severity:``
lines (paths as seen from the project folder), never a traceback, and leave every file of
the project but ``build/`` as it was — ``dist/`` byte for byte, even when the input is legal
and the build rebuilds (a BOM and CRLF line endings change nothing in the editions).

Each case runs the command in the test process (:mod:`cli_support`), as the editor's
``colloquy`` would; a few end-to-end tests elsewhere run the real program.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from cli_support import run_cli
from hardening_support import diagnostics, minimal_project, tree

CORPUS = Path(__file__).resolve().parent / "bad_input"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_"))


@dataclass
class Step:
    args: list[str]
    status: int
    lines: list[str] = field(default_factory=list)


@dataclass
class Case:
    setup: list[str]
    steps: list[Step]


def parse_expected(text: str) -> Case:
    case = Case([], [])
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("! "):
            case.setup.append(line[2:].strip())
        elif line.startswith("$ "):
            command, _, status = line[2:].rpartition(" -> ")
            words = command.split()
            assert words[0] == "colloquy", f"a step runs colloquy: {line!r}"
            case.steps.append(Step(words[1:], int(status)))
        else:
            assert case.steps, f"a diagnostic line before any '$ colloquy …' line: {line!r}"
            case.steps[-1].lines.append(line)
    assert case.steps, "no '$ colloquy …' line"
    return case


def apply_setup(project: Path, directive: str) -> None:
    verb, _, rest = directive.partition(" ")
    if verb == "pad":  # grow a file to SIZE bytes with paragraphs of filler (built here: never committed)
        rel, size = rest.split()
        path = project / rel
        data = path.read_bytes()
        line = b"\nPasted material, one paragraph after another.\n"
        filler = line * (int(size) // len(line) + 1)
        path.write_bytes((data + filler)[: int(size)])
    elif verb == "symlink":
        rel, target = (s.strip() for s in rest.split("->"))
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).symlink_to(target)
    elif verb == "mkdir":
        (project / rest).mkdir(parents=True)
    elif verb == "delete":
        path = project / rest
        shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    else:  # pragma: no cover - a typo in a case
        raise AssertionError(f"unknown set-up directive {directive!r}")


def overlay(case_dir: Path, project: Path) -> None:
    for src in sorted(case_dir.rglob("*")):
        rel = src.relative_to(case_dir)
        if src.is_file() and rel != Path("expected.txt"):
            dest = project / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)


@dataclass
class Outcome:
    case: Case
    results: list[subprocess.CompletedProcess[str]]
    before: dict[str, bytes]
    after: dict[str, bytes]


def run_case(name: str, built: Path, workdir: Path) -> Outcome:
    case = parse_expected((CORPUS / name / "expected.txt").read_text(encoding="utf-8"))
    project = workdir / name
    shutil.copytree(built, project, symlinks=True)
    overlay(CORPUS / name, project)
    for directive in case.setup:
        apply_setup(project, directive)
    before = tree(project, skip=("build",))
    results = []
    for step in case.steps:
        code, out, err = run_cli(project, *step.args)
        results.append(subprocess.CompletedProcess(["colloquy", *step.args], code, out, err))
    return Outcome(case, results, before, tree(project, skip=("build",)))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project, built once: each case starts from a copy of it."""
    root = minimal_project(tmp_path_factory.mktemp("bad-input") / "built")
    code, _out, err = run_cli(root, "build")
    assert code == 0 and not diagnostics(err), f"the minimal project must build cleanly:\n{err}"
    return root


def test_the_corpus_is_large_and_well_formed() -> None:
    assert len(CASES) >= 40
    for name in CASES:
        case = parse_expected((CORPUS / name / "expected.txt").read_text(encoding="utf-8"))
        assert all(step.status in (0, 1, 2) for step in case.steps), name
        for path in (CORPUS / name).rglob("*"):  # symlinks are made by '! symlink': git keeps them, copies may not
            assert not path.is_symlink(), f"{name}: a committed symlink ({path})"


@pytest.mark.parametrize("name", CASES)
def test_bad_input(name: str, built: Path, tmp_path: Path) -> None:
    outcome = run_case(name, built, tmp_path)
    for step, result in zip(outcome.case.steps, outcome.results, strict=True):
        shown = f"colloquy {' '.join(step.args)}"
        output = result.stdout + result.stderr
        assert "Traceback" not in output and "internal error" not in output, f"{shown}:\n{output}"
        assert diagnostics(output) == step.lines, f"{shown}: the diagnostics differ:\n{output}"
        assert result.returncode == step.status, f"{shown}: exit {result.returncode}, expected {step.status}\n{output}"
    changed = sorted(k for k in outcome.before.keys() | outcome.after.keys() if outcome.before.get(k) != outcome.after.get(k))
    assert not changed, f"files changed (nothing but build/ may): {changed}"
