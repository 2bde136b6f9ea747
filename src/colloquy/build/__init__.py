"""The build engine: every (article, edition, format) output, incremental, parallel, shardable.

``options``  what a build is asked to do (:class:`BuildOptions`, :class:`Shard`)
``digests``  what each output depends on (contents only: no path, no time, no host)
``manifest`` what was built from what, and each article's index entries
``plan``     the pure planner: jobs, removals, stale index entries
``prepare``  an article read, checked and localised once per process
``execute``  the executor: jobs in this process or over worker processes
``indexes``  the index pages, from the entries the workers returned
``progress`` the progress bar

:func:`run_build` runs them in that order. A build with nothing to do reads only file bytes: it
parses nothing and imports neither WeasyPrint nor python-docx.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Iterable

from colloquy.build.digests import Fingerprints
from colloquy.build.execute import Executor, Result, check_article, prepare_article, run_job, use_project
from colloquy.build.manifest import ArticleRecord, Manifest
from colloquy.build.options import BuildOptions, Shard
from colloquy.build.plan import Job, Plan, plan
from colloquy.build.prepare import PreparedArticle
from colloquy.build.progress import Progress
from colloquy.diagnostics import Report, display_path
from colloquy.fsutil import clean_leftovers
from colloquy.project import Project

__all__ = ["BuildOptions", "Job", "Plan", "Shard", "plan", "run_build"]


def _remove(project: Project, plan_: Plan, manifest: Manifest) -> None:
    for key in plan_.removals:
        path = project.root / key
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        del manifest.outputs[key]
    for slug in [s for s in manifest.articles if s not in plan_.articles]:
        del manifest.articles[slug]


def _record(manifest: Manifest, plan_: Plan, result: Result) -> None:
    if result.entries is not None:
        manifest.articles[result.slug] = ArticleRecord(plan_.articles.get(result.slug, ""), result.entries)
    job = result.job
    if job is None:
        return
    if result.error is None:
        manifest.outputs[job.key] = job.digest
    else:
        manifest.outputs.pop(job.key, None)


def _warn_subsetter(jobs: list[Job]) -> None:
    from colloquy.writers.pdf import subsetter

    if any(j.fmt == "pdf" for j in jobs) and subsetter() != "harfbuzz":
        print(
            "colloquy: WARNING: WeasyPrint is subsetting fonts with fontTools, not HarfBuzz: CJK PDFs will be about 10x slower."
            " Install libharfbuzz-subset0 (make does this as root).",
            file=sys.stderr,
        )


def run_build(project: Project, options: BuildOptions) -> int:
    """Build what is out of date; returns the exit status (0, 1 findings or failed outputs, 2 bad input)."""
    t0 = time.perf_counter()
    use_project(project)
    build_dir = project.root / "build"
    clean_leftovers(project.dist_dir)
    clean_leftovers(build_dir)
    manifest = Manifest.load(build_dir)
    fp = Fingerprints(project)
    todo = plan(project, options, manifest, fp)
    report = Report()
    slugs = todo.slugs
    workers = max(1, min(options.jobs or os.cpu_count() or 1, len(todo.jobs) + len(todo.entries_only)))
    executor = Executor(workers)
    if todo.jobs:
        executor.start()  # the workers import WeasyPrint while the articles are checked
    shipped: dict[str, PreparedArticle] = {}
    try:
        # 1. read and check every article to rebuild: bad input stops the build before any output
        # is written. A few articles are read here while the workers start, and sent to them with
        # their jobs; many are read by the workers.
        if len(slugs) <= executor.workers:
            results: Iterable[Result] = []
            for slug in slugs:
                result, prepared = check_article(project, slug, options.strict)
                results = [*results, result]
                if prepared is not None and executor.workers > 1:
                    shipped[slug] = prepared
        else:
            results = executor.map(prepare_article, [(str(project.root), slug, options.strict) for slug in slugs])
        for result in results:
            report.items.extend(result.diagnostics)
            _record(manifest, todo, result)
        report.print()
        if report.errors:
            return report.exit_status()
        shown = len(report.items)
        _remove(project, todo, manifest)
        # 2. the outputs
        failed: list[Result] = []
        if todo.jobs:
            _warn_subsetter(todo.jobs)
            progress = Progress(len(todo.jobs))
            calls = [(str(project.root), job, shipped.get(job.slug)) for job in todo.jobs]
            # while the workers import WeasyPrint, this process writes the light outputs (HTML,
            # DOCX, media) of the articles it has prepared: never a PDF, which would import it here
            local = lambda call: call[1].fmt != "pdf" and call[1].slug in shipped  # noqa: E731
            for result in executor.map(run_job, calls, local=local):
                assert result.job is not None
                _record(manifest, todo, result)
                if result.error is not None:
                    failed.append(result)
                progress.step(result.job.name, result.error is None, result.seconds)
    finally:
        executor.close()
    # 3. the manifest (or this shard's part of it) and the indexes
    indexes = False
    if options.shard is not None:
        part = Manifest(
            {k: v for k, v in manifest.outputs.items() if k in todo.owned},
            {s: r for s, r in manifest.articles.items() if s in slugs},
        )
        part.save(build_dir, options.shard.name)
    else:
        digest = fp.indexes(manifest.entries_json(), sorted(manifest.outputs))
        written = [project.dist_dir / "index.html", *([project.dist_dir / "sitemap.xml"] if project.site_url else [])]
        stale = manifest.indexes != digest or not all(p.exists() for p in written) or options.force
        if stale and not failed:
            from colloquy.build.indexes import write_indexes

            write_indexes(project, manifest, report)
            manifest.indexes = digest
            indexes = True
        manifest.save(build_dir)
    if project.site_url is None and options.shard is None and (todo.jobs or indexes):
        # said once a build, not once a page
        print(
            "colloquy: note: [tool.colloquy] has no site_url: the pages link each other relatively and claim no address"
            " (no canonical link, og:url or JSON-LD @id), and no sitemap.xml or Atom feed is written",
            file=sys.stderr,
        )
    Report(report.items[shown:]).print()
    for result in failed:
        assert result.job is not None
        report.error(display_path(project.articles_dir / result.slug / "article.md"), 1, None, f"{result.job.name} failed: {result.error}", code="output")
        print(report.items[-1].format(), file=sys.stderr)
    seconds = time.perf_counter() - t0
    built = len(todo.jobs) - len(failed)
    print(
        f"build: {built} built, {todo.up_to_date} up to date, {len(failed)} failed"
        + (f", {len(todo.removals)} removed" if todo.removals else "")
        + (", indexes written" if indexes else "")
        + (f" ({options.shard.name})" if options.shard else "")
        + f" ({seconds:.2f}s)",
        file=sys.stderr,
    )
    return report.exit_status()
