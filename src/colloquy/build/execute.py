"""The executor: runs a plan's jobs, in this process or spread over worker processes.

Workers are started from a fork server that has already imported WeasyPrint
(:mod:`colloquy.build.preload`): a worker is ready as soon as it is forked. Each worker prepares
an article once (:mod:`colloquy.build.prepare`) and returns, with each output, the article's
index entries and its diagnostics: the main process reads no article again (it prepares a few
itself while the workers start, ships them with their jobs and writes their light outputs).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from colloquy.build.plan import MEDIA, WECHAT_MEDIA, Job
from colloquy.build.prepare import PreparedArticle, adopt, prepare, validate
from colloquy.diagnostics import Diagnostic, Report
from colloquy.project import Project

#: a worker process is replaced after about this many outputs (the pool runs in rounds), to bound
#: its memory: a worker holds about 220 MB however many outputs it built (build/bench.json)
TASKS_PER_WORKER = 150


@dataclass
class Result:
    """What a job (or the preparation of an article) gives back to the main process."""

    slug: str
    job: Job | None
    error: str | None = None
    seconds: float = 0.0
    entries: dict[str, dict[str, Any]] | None = None  # edition id → index entry
    diagnostics: list[Diagnostic] = field(default_factory=list)


#: the project of each root this process builds (a worker loads it once; the main process
#: registers the one it has, so that a build in this process uses exactly that configuration)
_projects: dict[str, Project] = {}


def use_project(project: Project) -> None:
    _projects[str(project.root)] = project


def _project(root: str) -> Project:
    if root not in _projects:
        _projects[root] = Project.load(Path(root))
    return _projects[root]


_glyphs: dict[tuple[int, str], list[str]] = {}


def glyph_problems(prepared: PreparedArticle, edition_id: str, project: Project) -> list[str]:
    """Characters of an edition its fonts cannot draw, as messages with their source line
    (memoised: the three formats of an edition draw the same characters)."""
    key = (id(prepared), edition_id)
    if key not in _glyphs:
        from colloquy.fonts import missing_glyphs
        from colloquy.markup import plain_text
        from colloquy.walk import units

        doc = prepared.edition(project.edition(edition_id))
        problems = []
        for article, ui in zip(doc.articles, doc.uis, strict=True):
            for unit in units(article):
                locale = doc.source if unit.text.missing else ui.locale
                for ch in missing_glyphs(plain_text(unit.text.source), locale):
                    problems.append(f"line {unit.text.line}: character '{ch}' (U+{ord(ch):04X}) has no glyph in the {locale.tag} fonts")
        if len(_glyphs) > 256:
            _glyphs.clear()
        _glyphs[key] = problems
    return _glyphs[key]


def prepare_article(root: str, slug: str, strict: bool) -> Result:
    """Read and check one article (in a worker, which keeps it prepared for its outputs)."""
    return check_article(_project(root), slug, strict)[0]


def check_article(project: Project, slug: str, strict: bool) -> tuple[Result, PreparedArticle | None]:
    report = Report()
    prepared = prepare(project, slug, report)
    if strict:  # the source lint's warnings are errors too
        from colloquy.lint import make_strict

        make_strict(report)
    if prepared is None:
        return Result(slug, None, diagnostics=report.items), None
    validate(project, prepared, strict, report)
    return Result(slug, None, entries=prepared.index_entries(project), diagnostics=report.items), prepared


def run_job(root: str, job: Job, shipped: PreparedArticle | None = None) -> Result:
    """Build one output (in a worker process or in the main one). ``shipped``: the article as the
    main process prepared it (a worker adopts it instead of reading the article again)."""
    t0 = time.perf_counter()
    project = _project(root)
    report = Report()
    try:
        if shipped is not None:
            adopt(project, shipped)
        prepared = prepare(project, job.slug, report)
        if prepared is None:
            error = "; ".join(d.format() for d in report.errors) or "the article could not be read"
            return Result(job.slug, job, error, time.perf_counter() - t0)
        entries = prepared.index_entries(project)
        if job.fmt == MEDIA:
            _copy_media(project, prepared, job.out)
        elif job.fmt == WECHAT_MEDIA:
            from colloquy.writers.wechat import write_media

            write_media(project, prepared.edition(project.edition(job.edition)), project.articles_dir / job.slug, job.out, prepared.uis)
        else:
            problems = glyph_problems(prepared, job.edition, project)
            if problems:
                return Result(job.slug, job, "missing glyphs: " + "; ".join(problems[:5]), time.perf_counter() - t0, entries)
            write_output(project, prepared, job)
    except Exception as exc:  # one failed output must not stop the others
        return Result(job.slug, job, f"{type(exc).__name__}: {exc}", time.perf_counter() - t0)
    return Result(job.slug, job, None, time.perf_counter() - t0, entries)


def write_output(project: Project, prepared: PreparedArticle, job: Job) -> None:
    from colloquy.writers.base import Output, writers

    edition = project.edition(job.edition)
    output = Output(
        project=project,
        doc=prepared.edition(edition),
        path=job.out,
        article_dir=project.articles_dir / job.slug,
        uis=prepared.uis,
        editions=project.editions,
        name=job.name,
    )
    writers()[job.fmt].write(output)


def _copy_media(project: Project, prepared: PreparedArticle, folder: Path) -> None:
    """The article's images, beside the web editions; images no longer used are removed."""
    from colloquy.fsutil import write_atomic
    from colloquy.walk import images

    wanted = {image.src for image in images(prepared.article)}
    if prepared.article.meta.image is not None:  # the lead image, for the pages' previews
        wanted.add(prepared.article.meta.image)
    for src in sorted(wanted):
        write_atomic(folder / src, (project.articles_dir / prepared.slug / src).read_bytes())
    if folder.is_dir():
        for old in sorted(folder.rglob("*"), reverse=True):
            rel = old.relative_to(folder).as_posix()
            if old.is_file() and rel not in wanted:
                old.unlink()
            elif old.is_dir() and not any(old.iterdir()):
                old.rmdir()
        if not any(folder.iterdir()):
            shutil.rmtree(folder, ignore_errors=True)


def _init_worker() -> None:
    """WeasyPrint's font configuration, once per worker."""
    from colloquy.writers.pdf import font_config

    font_config()


class Executor:
    """Runs tasks in this process (one worker) or in a pool of worker processes."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self._pool: ProcessPoolExecutor | None = None
        self._starting: threading.Thread | None = None
        self._start_error: BaseException | None = None

    def _new_pool(self) -> ProcessPoolExecutor:
        context = get_context("forkserver")
        context.set_forkserver_preload(["colloquy.build.preload"])
        return ProcessPoolExecutor(self.workers, mp_context=context, initializer=_init_worker)

    def start(self) -> None:
        """Start the workers now, from a thread: they import WeasyPrint while this process checks
        the articles (starting a worker waits for the fork server's imports)."""
        if self.workers > 1 and self._pool is None and self._starting is None:
            self._starting = threading.Thread(target=self._start, name="colloquy-workers", daemon=True)
            self._starting.start()

    def _start(self) -> None:
        try:
            pool = self._new_pool()
            for _ in range(self.workers):
                pool.submit(os.getpid)
            self._pool = pool
        except BaseException as exc:  # reported where the pool is used
            self._start_error = exc

    def _started(self) -> None:
        if self._starting is not None:
            self._starting.join()
            self._starting = None
            if self._start_error is not None:
                error, self._start_error = self._start_error, None
                raise error

    def map(
        self, fn: Callable[..., Result], calls: list[tuple[Any, ...]], *, local: Callable[[tuple[Any, ...]], bool] | None = None
    ) -> Iterator[Result]:
        """``fn(*call)`` for each call, in order of the calls. Workers are replaced by running the
        pool in rounds of TASKS_PER_WORKER tasks per worker, not with max_tasks_per_child: on
        Python 3.11 that deadlocks as soon as a worker reaches its limit with work still queued
        (CPython gh-115634).

        ``local``: the calls this process may run itself while the workers are still starting
        (its CPU is idle then); it takes them from the end of the list (the shortest jobs come
        last), and their results come first."""
        if self.workers == 1:
            for call in calls:
                yield fn(*call)
            return
        calls = list(calls)
        while local is not None and self._starting is not None and self._starting.is_alive():
            picked = next((i for i in range(len(calls) - 1, -1, -1) if local(calls[i])), None)
            if picked is None:
                break
            yield fn(*calls.pop(picked))
        self._started()
        per_round = self.workers * TASKS_PER_WORKER
        for start in range(0, len(calls), per_round):
            batch = calls[start : start + per_round]
            if self._pool is None:
                self._pool = self._new_pool()
            futures: list[Future[Result]] = [self._pool.submit(fn, *call) for call in batch]
            for call, fut in zip(batch, futures, strict=True):
                try:
                    yield fut.result()
                except Exception as exc:  # a worker died
                    job = next((c for c in call if isinstance(c, Job)), None)
                    yield Result(job.slug if job else str(call[1]), job, f"worker failed: {exc}")
            if start + per_round < len(calls):
                self.close()

    def close(self) -> None:
        with contextlib.suppress(Exception):  # a pool that failed to start built nothing
            self._started()
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
