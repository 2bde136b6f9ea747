"""Crash safety: a build or an update killed at any moment (SIGKILL to the whole process group:
the command, the forkserver and its workers) leaves every file whole — the old version or
the new one, never half of one — and the next run cleans up what it left behind.

Every output goes through ``fsutil.write_atomic`` (a temporary file beside the target,
fsync, rename). The kill moments are uniformly random between 0.2 s and the duration of a
normal run; the seed is printed (``COLLOQUY_KILL_SEED=…`` replays a run). Before each
killed run the article is changed, so that every output it writes differs from the one on
disk (an unchanged output is not rewritten, and would prove nothing).
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from catalog_support import ARTICLE_REL, copy_project
from hardening_support import leftovers, no_traceback, output_problems, run, start

polib = pytest.importorskip("polib")
pytestmark = pytest.mark.skipif(not all(os.path.exists(f"/usr/bin/{t}") for t in ("pdfinfo", "msgfmt")), reason="needs pdfinfo and msgfmt")

KILLS = 4


def seed() -> int:
    value = int(os.environ.get("COLLOQUY_KILL_SEED") or random.SystemRandom().randrange(2**32))
    print(f"COLLOQUY_KILL_SEED={value}")
    return value


def group_members(pgid: int) -> list[int]:
    """Live (not zombie) processes of a process group."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(stat.parent.name))
    return members


def kill_after(proc: subprocess.Popen[str], delay: float) -> bool:
    """SIGKILL the process group of ``proc`` after ``delay`` seconds (unless it ended first);
    returns whether it was killed. Waits until no process of the group is left."""
    try:
        proc.wait(timeout=delay)
        killed = False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        killed = True
    proc.communicate()
    deadline = time.monotonic() + 10
    while group_members(proc.pid):
        assert time.monotonic() < deadline, f"processes of the killed run still alive: {group_members(proc.pid)}"
        time.sleep(0.05)
    return killed


def set_date(project: Path, day: int) -> None:
    source = project / ARTICLE_REL
    text, n = re.subn(r"^date: \d{4}-\d{2}-\d{2}$", f"date: 2025-09-{day:02d}", source.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert n == 1
    source.write_text(text, encoding="utf-8")


def test_build_killed_at_random_moments_leaves_every_output_whole(tmp_path: Path) -> None:
    rng = random.Random(seed())
    project = copy_project(tmp_path / "project")
    dist = project / "dist"
    t0 = time.monotonic()
    first = run(project, "build", "-j", "2")
    duration = time.monotonic() - t0
    no_traceback(first)
    assert first.returncode == 0, first.stderr
    assert output_problems(dist) == []
    outputs = sorted(str(p.relative_to(dist)) for p in dist.rglob("*") if p.is_file())

    kills = []
    for i in range(KILLS):
        set_date(project, i + 1)  # every output this run writes differs from the one on disk
        delay = rng.uniform(0.2, duration)
        killed = kill_after(start(project, "build", "--force", "-j", "2"), delay)
        kills.append(f"{delay:.2f}s{'' if killed else ' (finished first)'}")
        assert output_problems(dist) == [], f"after kill {i + 1} at {kills[-1]}"
        assert sorted(str(p.relative_to(dist)) for p in dist.rglob("*") if p.is_file() and not p.name.startswith(".colloquy-tmp-")) == outputs
    print("kills:", ", ".join(kills))

    final = run(project, "build", "-j", "2")
    no_traceback(final)
    assert final.returncode == 0, final.stderr
    assert leftovers(dist, project / "build") == []
    assert output_problems(dist) == []
    again = run(project, "build")
    assert "0 built, 13 up to date" in again.stderr  # the manifest is whole too


def catalogs(project: Path) -> list[Path]:
    return sorted((project / "locales").rglob("*.po")) + sorted((project / "locales").rglob("*.pot"))


def catalog_problems(project: Path) -> list[str]:
    problems = []
    for path in catalogs(project):
        try:
            polib.pofile(str(path))
        except Exception as exc:  # any parse error is a broken file
            problems.append(f"{path.name}: polib: {exc}")
        if path.suffix == ".po":
            check = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True, text=True, check=False)
            if check.returncode != 0:
                problems.append(f"{path.name}: msgfmt -c: {check.stderr.strip()}")
    return problems


def test_update_killed_at_random_moments_leaves_every_catalog_whole(tmp_path: Path) -> None:
    rng = random.Random(seed())
    project = copy_project(tmp_path / "project")
    source = project / ARTICLE_REL
    original = source.read_text(encoding="utf-8")
    t0 = time.monotonic()
    first = run(project, "update")
    duration = time.monotonic() - t0
    assert first.returncode == 0, first.stderr
    assert catalog_problems(project) == []

    kills = []
    for i in range(KILLS):
        # a changed paragraph: the template changes, the catalog gets a fuzzy entry
        source.write_text(original.replace("CSCO has undergone 27 years", f"CSCO has undergone, in round {i}, 27 years", 1), encoding="utf-8")
        delay = rng.uniform(0.2, max(duration, 0.3))
        killed = kill_after(start(project, "update"), delay)
        kills.append(f"{delay:.2f}s{'' if killed else ' (finished first)'}")
        assert catalog_problems(project) == [], f"after kill {i + 1} at {kills[-1]}"
    print("kills:", ", ".join(kills))

    final = run(project, "update")
    no_traceback(final)
    assert final.returncode == 0, final.stderr
    assert leftovers(project / "locales") == []
    assert catalog_problems(project) == []
    po = (project / "locales/zh_CN/LC_MESSAGES/csco-2025-ma-jun.po").read_text(encoding="utf-8")
    assert f"in round {KILLS - 1}" in po  # the last change made it, as a fuzzy entry


def test_a_write_killed_before_its_rename_leaves_the_old_file_and_a_leftover(tmp_path: Path) -> None:
    """The deterministic version of the above: a process killed inside ``write_atomic``, after
    the new bytes are written and synced but before the rename, leaves the old file whole and
    a temporary file beside it, which ``clean_leftovers`` removes."""
    import sys

    from colloquy.fsutil import clean_leftovers

    target = tmp_path / "out" / "edition.html"
    target.parent.mkdir()
    target.write_bytes(b"<!DOCTYPE html>old")
    code = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from colloquy import fsutil\n"
        "fsutil.os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)\n"
        "fsutil.write_atomic(Path(sys.argv[1]), b'<!DOCTYPE html>new' * 1000)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(target)], capture_output=True, check=False)
    assert proc.returncode == -signal.SIGKILL
    assert target.read_bytes() == b"<!DOCTYPE html>old"
    (leftover,) = leftovers(target.parent)
    assert leftover.read_bytes() == b"<!DOCTYPE html>new" * 1000  # written and synced, never renamed
    assert clean_leftovers(target.parent) == 1
    assert leftovers(target.parent) == []
