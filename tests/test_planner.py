"""The build's planner, tested without rendering anything: which outputs a build writes for a
given state of the project and manifest, in what order; shards; and the shards' outputs joined
into one folder, where the indexes are written and nothing is rebuilt."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from catalog_support import ARTICLE_REL, PO_REL, SLUG, colloquy, copy_project, snapshot
from colloquy.build import BuildOptions, Shard, plan
from colloquy.build.digests import SWITCHER_MSGIDS, Fingerprints
from colloquy.build.execute import Executor, Result
from colloquy.build.manifest import Manifest
from colloquy.i18n import ui
from colloquy.project import Project

FAST = ("--format", "html", "--format", "docx")


def planned(root: Path, **options: object) -> list[str]:
    project = Project.load(root)
    todo = plan(project, BuildOptions(**options), Manifest.load(root / "build"), Fingerprints(project))  # type: ignore[arg-type]
    return [j.name for j in todo.jobs]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "p")


def test_a_cold_plan_has_every_output_the_bilingual_pdf_first(project: Path) -> None:
    names = planned(project)
    editions = ("en", "zh-CN", "bilingual")
    wechat = {f"wechat/{SLUG}.html", f"wechat/{SLUG}.bilingual.html", f"wechat/{SLUG}/"}  # the Chinese editions for WeChat, their images
    assert set(names) == {f"{e}/{SLUG}.{f}" for e in editions for f in ("html", "pdf", "docx")} | {f"media/{SLUG}/"} | wechat
    assert names[0] == f"bilingual/{SLUG}.pdf"  # the longest output starts first
    assert names[:3] == [f"bilingual/{SLUG}.pdf", f"en/{SLUG}.pdf", f"zh-CN/{SLUG}.pdf"]


def test_a_plan_after_a_build_is_empty_and_one_catalog_edit_plans_its_editions(project: Path) -> None:
    colloquy(project, "build", *FAST)
    assert planned(project, formats=("html", "docx")) == []
    po = project / PO_REL
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "血液瞭望"', 'msgstr "血液瞭望频道"', 1), encoding="utf-8")
    assert sorted(planned(project, formats=("html", "docx"))) == sorted(f"{e}/{SLUG}.{f}" for e in ("bilingual", "zh-CN") for f in ("docx", "html"))
    assert len(planned(project, formats=("html", "docx"), force=True)) == 7


def test_shards_share_the_outputs_without_overlap(project: Path) -> None:
    every = set(planned(project))
    shares = [set(planned(project, shard=Shard(k, 3))) for k in (1, 2, 3)]
    assert set().union(*shares) == every
    assert sum(len(s) for s in shares) == len(every)
    assert all(shares)


def test_shard_syntax() -> None:
    assert Shard.parse("2/4") == Shard(2, 4)
    for bad in ("0/4", "5/4", "1-4", "a/b", "1/0"):
        with pytest.raises(ValueError):
            Shard.parse(bad)


def test_two_shards_joined_build_the_same_bytes_as_one_machine(tmp_path: Path) -> None:
    """Two machines build a share each; their dist/ and build/ folders copied into one, a build
    there writes the indexes, rebuilds nothing, and the result is byte-identical to a build on
    one machine (in another folder: digests hold no path)."""
    one = copy_project(tmp_path / "one")
    colloquy(one, "build", *FAST)
    machines = []
    for k in (1, 2):
        machine = copy_project(tmp_path / f"machine{k}" / "project")
        run = colloquy(machine, "build", *FAST, "--shard", f"{k}/2")
        assert "indexes written" not in run.stderr
        assert not (machine / "dist" / "index.html").exists()
        machines.append(machine)
    joined = copy_project(tmp_path / "joined" / "project")
    written: set[str] = set()
    for machine in machines:
        for folder in ("dist", "build"):
            for path in (machine / folder).rglob("*"):
                if path.is_file():
                    rel = str(path.relative_to(machine))
                    assert rel not in written, f"{rel} written by two shards"
                    written.add(rel)
            shutil.copytree(machine / folder, joined / folder, dirs_exist_ok=True)
    run = colloquy(joined, "build", *FAST)
    assert "0 built, 7 up to date" in run.stderr and "indexes written" in run.stderr, run.stderr
    assert not list((joined / "build").glob("manifest.shard-*"))  # merged into the manifest
    a, b = snapshot(one / "dist"), snapshot(joined / "dist")
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []
    assert "0 built" in colloquy(joined, "build", *FAST).stderr


def test_an_article_removed_plans_the_removal_of_its_outputs(project: Path) -> None:
    second = project / "articles" / "second-interview"
    shutil.copytree(project / "articles" / SLUG, second)
    md = second / "article.md"
    md.write_text(md.read_text(encoding="utf-8").replace(f"slug: {SLUG}", "slug: second-interview"), encoding="utf-8")
    colloquy(project, "build", *FAST)
    shutil.rmtree(second)
    p = Project.load(project)
    todo = plan(p, BuildOptions(formats=("html", "docx")), Manifest.load(project / "build"), Fingerprints(p))
    assert todo.jobs == []
    assert sorted(todo.removals) == sorted(
        [f"dist/{e}/second-interview.{f}" for e in ("en", "zh-CN", "bilingual") for f in ("html", "docx")] + ["dist/media/second-interview"]
    )


def test_the_source_change_replans_every_edition_and_the_media(project: Path) -> None:
    colloquy(project, "build", *FAST)
    article = project / ARTICLE_REL
    article.write_text(article.read_text(encoding="utf-8").replace("27 years of development", "27 years of steady development"), encoding="utf-8")
    assert len(planned(project, formats=("html", "docx"))) == 7


def test_the_switcher_names_the_digests_read_are_the_interface_strings() -> None:
    assert SWITCHER_MSGIDS == (ui.LANGUAGE_NAME, ui.BILINGUAL_EDITION)


def _whose(n: int) -> Result:
    return Result(str(n), None, error=str(os.getpid()))


def test_the_executor_runs_only_the_calls_it_may_in_this_process_while_the_workers_start() -> None:
    """Every call gives one result; a call run here (not in a worker) is one ``local`` accepted."""
    executor = Executor(2)
    executor.start()
    try:
        results = list(executor.map(_whose, [(n,) for n in range(8)], local=lambda call: call[0] % 2 == 1))
    finally:
        executor.close()
    assert sorted(int(r.slug) for r in results) == list(range(8))
    here = [int(r.slug) for r in results if r.error == str(os.getpid())]
    assert all(n % 2 == 1 for n in here)
    assert here == sorted(here, reverse=True)  # taken from the end: the shortest jobs
