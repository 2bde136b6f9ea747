"""The build engine: every (article, edition, format) output, incremental and parallel.

Each output records the digest of what it depends on (the article source, the catalogs of
its edition's locales, the ``ui`` catalogs, the templates, Colloquy's own code, the fonts
for PDF, the build options) in ``build/manifest.json``. An output whose digest did not
change is not rebuilt, and a no-op build reads only file bytes: it parses nothing and
imports neither WeasyPrint nor python-docx.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from multiprocessing import get_context
from pathlib import Path

from colloquy import __version__
from colloquy.diagnostics import InputError, Report, display_path
from colloquy.fsutil import clean_leftovers, write_atomic
from colloquy.project import UI_DOMAIN, Project, bcp47

FORMATS = ("html", "pdf", "docx")
MANIFEST = "manifest.json"
#: a worker process is replaced after about this many outputs (the pool runs in rounds), to bound
#: its memory: a worker holds about 220 MB however many outputs it built (build/bench.json)
TASKS_PER_WORKER = 150
_LOCALE_RE = re.compile(rb"^locale:\s*['\"]?([A-Za-z_-]+)", re.M)
_SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Job:
    slug: str
    edition: str
    fmt: str
    out: Path
    digest: str

    @property
    def name(self) -> str:
        return f"{self.edition}/{self.slug}.{self.fmt}"


# ---------------------------------------------------------------- digests


class Fingerprints:
    """Digests of the build's inputs, each file read once."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._files: dict[Path, str] = {}

    def file(self, path: Path) -> str:
        if path not in self._files:
            try:
                self._files[path] = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                self._files[path] = "absent"
        return self._files[path]

    @cache  # noqa: B019 - one Fingerprints per build; an article folder is walked once, not per output
    def tree(self, folder: Path) -> str:
        h = hashlib.sha256()
        if folder.is_dir():
            for p in sorted(folder.rglob("*")):
                if p.is_file() and "__pycache__" not in p.parts:
                    h.update(str(p.relative_to(folder)).encode() + b"\0" + self.file(p).encode())
        return h.hexdigest()

    @cache  # noqa: B019 - one Fingerprints per build
    def code(self) -> str:
        """Colloquy's version and own code: a change to a writer rebuilds its outputs."""
        return hashlib.sha256((__version__ + self.tree(Path(__file__).parent)).encode()).hexdigest()

    @cache  # noqa: B019
    def templates(self) -> str:
        return self.tree(self.project.templates_dir)

    @cache  # noqa: B019
    def fonts(self) -> str:
        from colloquy.fonts import font_file, identity
        from colloquy.typography import TYPOGRAPHY as T

        parts = []
        for stack in (T.latin_serif, T.latin_sans, T.cjk_serif, T.cjk_sans):
            for family in stack.families:
                path = font_file(family)
                parts.append(f"{family}={identity(path) if path else 'missing'}")
        return hashlib.sha256("|".join(parts).encode()).hexdigest()

    @cache  # noqa: B019 - read once per article, not twice per output
    def source_locale(self, source: Path) -> str | None:
        try:
            head = source.read_bytes()[:4096]
        except OSError:
            return None
        m = _LOCALE_RE.search(head)
        return m.group(1).decode() if m else None

    def edition_locales(self, source: Path, edition: str) -> tuple[str, ...]:
        """The locales whose catalogs an edition of this article reads."""
        src = self.source_locale(source)
        if src is None:
            return self.project.locales
        if edition == "bilingual":
            return self.project.locales
        return tuple(loc for loc in self.project.locales if bcp47(loc) == edition)

    def job_digest(self, source: Path, edition: str, fmt: str, options: str) -> str:
        p = self.project
        slug = source.parent.name
        src_locale = self.source_locale(source)
        h = hashlib.sha256()
        h.update(f"{__version__}|{edition}|{fmt}|{options}|{self.code()}|{self.templates()}".encode())
        h.update(self.file(source).encode())
        h.update(self.tree(source.parent).encode())  # images beside the article
        for loc in self.edition_locales(source, edition):
            h.update(loc.encode() + self.file(p.catalog_path(loc, UI_DOMAIN)).encode())
            if loc != src_locale:
                h.update(self.file(p.catalog_path(loc, slug)).encode())
        if fmt == "pdf":
            h.update(self.fonts().encode())
        return h.hexdigest()

    def index_digest(self, sources: list[Path], outputs: list[str]) -> str:
        p = self.project
        h = hashlib.sha256(f"{self.code()}|{self.templates()}|{','.join(outputs)}".encode())
        for source in sources:
            h.update(str(source.parent.name).encode() + self.file(source).encode())
            for loc in p.locales:
                h.update(self.file(p.catalog_path(loc, source.parent.name)).encode())
        for loc in p.locales:
            h.update(self.file(p.catalog_path(loc, UI_DOMAIN)).encode())
        return h.hexdigest()


class Manifest:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError):
            data = {}
        ok = isinstance(data, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in data.items())
        self.entries: dict[str, str] = data if ok else {}  # anything else: rebuild everything

    def save(self) -> None:
        write_atomic(self.path, (json.dumps(self.entries, indent=1, sort_keys=True) + "\n").encode())


# ---------------------------------------------------------------- progress


class Progress:
    """A progress bar on a terminal; one plain line per output elsewhere (CI logs)."""

    def __init__(self, total: int, stream=sys.stderr) -> None:  # type: ignore[no-untyped-def]
        self.total = total
        self.done = 0
        self.stream = stream
        self.tty = stream.isatty() and os.environ.get("TERM") != "dumb"

    def step(self, name: str, ok: bool, seconds: float) -> None:
        self.done += 1
        if self.tty:
            width = 28
            filled = int(width * self.done / max(self.total, 1))
            bar = "█" * filled + "·" * (width - filled)
            self.stream.write(f"\r  [{bar}] {self.done}/{self.total} {name[:40]:<40}")
            if self.done == self.total:
                self.stream.write("\n")
        else:
            status = "built" if ok else "FAILED"
            self.stream.write(f"  {status} {name} ({seconds:.2f}s)\n")
        self.stream.flush()

    def message(self, text: str) -> None:
        if self.tty:
            self.stream.write("\r" + " " * 78 + "\r")
        self.stream.write(text + "\n")


# ---------------------------------------------------------------- worker side


@cache
def _project(root: str) -> Project:
    return Project.load(Path(root))


#: prepared articles of this process, by slug and the identity of the files they were read from:
#: the nine outputs of an article built in one process read and localise it once
_prepared: dict[tuple[str, tuple[tuple[str, int, int], ...]], tuple[object, dict[str, object], dict[str, object]]] = {}


def _stamp(project: Project, slug: str) -> tuple[tuple[str, int, int], ...]:
    paths = [project.articles_dir / slug / "article.md"]
    for loc in project.locales:
        paths += [project.catalog_path(loc, slug), project.catalog_path(loc, UI_DOMAIN)]
    out = []
    for path in paths:
        try:
            st = path.stat()
            out.append((str(path), st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((str(path), 0, -1))
    return tuple(out)


def prepare(project: Project, slug: str, report: Report) -> tuple[object, dict[str, object], dict[str, object]] | None:
    """Read one article and localise it into every locale: (article, localised, uis).
    Memoised per process while its files are unchanged."""
    key = (slug, _stamp(project, slug))
    if key in _prepared:
        return _prepared[key]
    result = _prepare(project, slug, report)
    if result is not None:
        _prepared[key] = result
    return result


def _prepare(project: Project, slug: str, report: Report) -> tuple[object, dict[str, object], dict[str, object]] | None:
    from colloquy.i18n.localise import localise
    from colloquy.i18n.pofile import load_catalog
    from colloquy.reader import read_article
    from colloquy.writers.labels import load_ui

    source = project.articles_dir / slug / "article.md"
    before = len(report.errors)
    try:
        article = read_article(source, report, project.locales)
    except InputError:
        return None
    localised = {}
    for loc in project.locales:
        cat = None
        if loc != article.meta.locale:
            path = project.catalog_path(loc, slug)
            if path.exists():
                cat = load_catalog(path, report, loc)
                if cat is not None:
                    refuse_translations(article, cat, display_path(path), report)
        localised[loc], _missing = localise(article, cat, loc)
    uis = {loc: load_ui(project.locales_dir, loc, report) for loc in project.locales}
    if len(report.errors) > before:  # a bad catalog: no edition (and no "not translated" warnings about it)
        return None
    return article, localised, uis


def refuse_translations(article: object, cat: object, shown: str, report: Report) -> None:
    """The translations an edition would print must pass the source's refusals: no raw HTML, no
    image, no link other than http, https, mailto (the writers escape them anyway)."""
    from colloquy.markup import inline_problems
    from colloquy.model import units

    wanted = {u.text.source for u in units(article)}  # type: ignore[arg-type]
    for msg in cat:  # type: ignore[attr-defined]
        if msg.id in wanted and not msg.fuzzy and isinstance(msg.string, str) and msg.string:
            for message, hint in inline_problems(msg.string, translation=True, refusals_only=True):
                report.error(shown, msg.lineno or 1, None, message, hint)


def _edition_doc(project: Project, job: Job, report: Report):  # type: ignore[no-untyped-def]
    from colloquy.writers.edition import make_edition

    prepared = prepare(project, job.slug, report)
    if prepared is None:
        return None
    article, localised, uis = prepared
    return make_edition(job.edition, article, localised, uis), uis  # type: ignore[arg-type]


_glyphs: dict[tuple[str, str, tuple[tuple[str, int, int], ...]], list[str]] = {}


def glyph_problems(doc, cache_dir: Path) -> list[str]:  # type: ignore[no-untyped-def]
    """Characters of an edition its fonts cannot draw, as messages with their source line."""
    from colloquy.fonts import missing_glyphs
    from colloquy.markup import plain_text
    from colloquy.model import units

    problems = []
    source_tag = bcp47(doc.source_locale)
    for article, ui in zip(doc.articles, doc.uis, strict=True):
        for unit in units(article):
            lang = source_tag if unit.text.missing else ui.tag
            for ch in missing_glyphs(plain_text(unit.text.source), lang, cache_dir):
                problems.append(f"line {unit.text.line}: character '{ch}' (U+{ord(ch):04X}) has no glyph in the {lang} fonts")
    return problems


def run_job(root: str, job: Job) -> tuple[Job, str | None, float]:
    """Build one output (in a worker process or in the main one)."""
    t0 = time.perf_counter()
    project = _project(root)
    report = Report()
    try:
        built = _edition_doc(project, job, report)
        if built is None:
            return job, "; ".join(d.format() for d in report.errors) or "the article could not be read", time.perf_counter() - t0
        doc, uis = built
        glyph_key = (job.slug, job.edition, _stamp(project, job.slug))
        if glyph_key not in _glyphs:  # the same edition's three formats draw the same characters
            _glyphs[glyph_key] = glyph_problems(doc, project.root / "build" / ".cache")
        problems = _glyphs[glyph_key]
        if problems:
            return job, "missing glyphs: " + "; ".join(problems[:5]), time.perf_counter() - t0
        write_output(project, doc, job, {bcp47(k): v for k, v in uis.items()})
    except Exception as exc:  # one failed output must not stop the others
        return job, f"{type(exc).__name__}: {exc}", time.perf_counter() - t0
    return job, None, time.perf_counter() - t0


def write_output(project: Project, doc, job: Job, uis_by_tag: dict) -> None:  # type: ignore[no-untyped-def]
    article_dir = project.articles_dir / job.slug
    if job.fmt == "html":
        from colloquy.writers.html import render_article

        html = render_article(doc, project.templates_dir, uis_by_tag)
        write_atomic(job.out, html.encode())
        media = project.dist_dir / "media" / job.slug
        for b in _images(doc):
            write_atomic(media / b, (article_dir / b).read_bytes())
    elif job.fmt == "pdf":
        from colloquy.writers.html import render_article
        from colloquy.writers.pdf import render_pdf

        html = render_article(doc, project.templates_dir, uis_by_tag, for_print=True)
        refused = render_pdf(html, job.out, base_dir=article_dir, identifier=job.name)
        if refused:
            raise ValueError("refused resources: " + ", ".join(refused))
    elif job.fmt == "docx":
        from colloquy.writers.docx import write_docx

        write_docx(doc, job.out, article_dir=article_dir)


def _images(doc) -> list[str]:  # type: ignore[no-untyped-def]
    from colloquy.model import Image, ListBlock, Quote

    found: list[str] = []

    def walk(blocks: Iterable[object]) -> None:
        for b in blocks:
            if isinstance(b, Image):
                found.append(b.src)
            elif isinstance(b, ListBlock):
                for item in b.items:
                    walk(item.blocks)
            elif isinstance(b, Quote):
                walk(b.blocks)

    for section in doc.articles[0].sections:
        walk(section.blocks)
    return found


def _init_worker() -> None:
    """Heavy imports and WeasyPrint's font configuration, once per worker."""
    import colloquy.writers.docx  # noqa: F401
    from colloquy.writers.pdf import font_config

    font_config()


# ---------------------------------------------------------------- the build


def validate(project: Project, slugs: list[str], strict: bool, report: Report) -> None:
    """Read every article to rebuild and its catalogs; report untranslated units."""
    for slug in slugs:
        prepared = prepare(project, slug, report)
        if prepared is None:
            continue
        _article, localised, _uis = prepared
        for loc, art in localised.items():
            from colloquy.model import units

            missing = {u.text.source for u in units(art) if u.text.missing}  # type: ignore[arg-type]
            if missing:
                path = display_path(project.catalog_path(loc, slug))
                if strict:
                    report.error(path, 1, None, f"{len(missing)} unit(s) not translated into {loc}", "translate them, or build without --strict (make stats shows progress)")
                else:
                    msg = f"{len(missing)} unit(s) not translated into {loc}: the {bcp47(loc)} and bilingual editions show them marked, in the source language"
                    report.warning(path, 1, None, msg, "translate them (make stats shows progress)")


def _validate_slug(root: str, slug: str, strict: bool) -> Report:
    """:func:`validate` for one article, in a worker (which keeps the article prepared for its outputs)."""
    report = Report()
    validate(_project(root), [slug], strict, report)
    return report


def _new_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=get_context("forkserver"), initializer=_init_worker)


def run_build(project: Project, args: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    report = Report()
    formats = tuple(args.formats) if args.formats else FORMATS
    options = f"strict={bool(args.strict)}"
    clean_leftovers(project.dist_dir)
    clean_leftovers(project.root / "build")
    sources = project.select_sources(args.slugs, report)
    if report.errors:
        raise InputError(report)
    all_sources = project.article_sources()
    editions = (*tuple(bcp47(loc) for loc in project.locales), "bilingual")
    fp = Fingerprints(project)
    manifest = Manifest(project.root / "build" / MANIFEST)

    jobs: list[Job] = []
    skipped = 0
    for source in sources:
        for edition in editions:
            for fmt in formats:
                out = project.dist_dir / edition / f"{source.parent.name}.{fmt}"
                digest = fp.job_digest(source, edition, fmt, options)
                key = project.rel(out)
                if not args.force and manifest.entries.get(key) == digest and out.exists():
                    skipped += 1
                    continue
                jobs.append(Job(source.parent.name, edition, fmt, out, digest))

    # outputs of articles that no longer exist
    live = {s.parent.name for s in all_sources}
    removed = 0
    for key in sorted(manifest.entries):
        parts = Path(key).parts
        if len(parts) >= 3 and parts[-2] in editions and Path(parts[-1]).stem not in live:
            # only an output this build could have written (the manifest is a file like any other)
            if not _SLUG_RE.fullmatch(Path(parts[-1]).stem) or (project.root / key).parent.resolve() != (project.dist_dir / parts[-2]).resolve():
                del manifest.entries[key]
                continue
            (project.root / key).unlink(missing_ok=True)
            del manifest.entries[key]
            removed += 1
            media = project.dist_dir / "media" / Path(parts[-1]).stem
            if media.is_dir():
                shutil.rmtree(media, ignore_errors=True)

    failed: list[tuple[Job, str]] = []
    shown = 0  # the diagnostics printed after validation are not printed again with the indexes'
    if jobs:
        workers = max(1, min(args.jobs or os.cpu_count() or 1, len(jobs)))
        root = str(project.root)
        slugs = sorted({j.slug for j in jobs})
        pool = _new_pool(workers) if workers > 1 else None
        if pool is None:
            validate(project, slugs, bool(args.strict), report)
        else:  # reading and checking the articles is parallel too: it is a tenth of a cold build
            for part in pool.map(_validate_slug, [root] * len(slugs), slugs, [bool(args.strict)] * len(slugs)):
                report.extend(part)
        report.print()
        if report.errors:
            if pool is not None:
                pool.shutdown()
            return 1 if not any("not translated" not in d.message for d in report.errors) else 2
        shown = len(report.items)
        from colloquy.writers.pdf import subsetter

        if "pdf" in formats and any(j.fmt == "pdf" for j in jobs) and subsetter() != "harfbuzz":
            print(
                "colloquy: WARNING: WeasyPrint is subsetting fonts with fontTools, not HarfBuzz: CJK PDFs will be about 10x slower."
                " Install libharfbuzz-subset0 (make does this as root).",
                file=sys.stderr,
            )
        progress = Progress(len(jobs))
        if pool is None:
            for job in jobs:
                _, error, seconds = run_job(root, job)
                _record(job, error, seconds, manifest, failed, progress, project)
        else:
            # Workers are replaced by running the pool in rounds of TASKS_PER_WORKER outputs per
            # worker, not with max_tasks_per_child: on Python 3.11 that deadlocks as soon as a
            # worker reaches its limit with work still queued (CPython gh-115634).
            per_round = workers * TASKS_PER_WORKER
            for start in range(0, len(jobs), per_round):
                batch = jobs[start : start + per_round]
                pool = pool or _new_pool(workers)
                with pool:
                    futures: list[Future[tuple[Job, str | None, float]]] = [pool.submit(run_job, root, job) for job in batch]
                    for job, fut in zip(batch, futures, strict=True):
                        try:
                            _, error, seconds = fut.result()
                        except Exception as exc:  # a worker died
                            error, seconds = f"worker failed: {exc}", 0.0
                        _record(job, error, seconds, manifest, failed, progress, project)
                pool = None

    # the indexes
    index_built = False
    index_key = project.rel(project.dist_dir / "index.html")
    # the indexes link every output that exists, whichever formats this run built
    idx_digest = fp.index_digest(all_sources, sorted(k for k in manifest.entries if k != index_key))
    if (manifest.entries.get(index_key) != idx_digest or not (project.dist_dir / "index.html").exists() or args.force) and not failed:
        write_indexes(project, all_sources, editions, report)
        if not report.errors:
            manifest.entries[index_key] = idx_digest
            index_built = True
    manifest.save()
    already = set(report.items[:shown])  # the indexes read the articles again: say nothing twice
    Report([d for d in report.items[shown:] if d not in already]).print()
    for job, error in failed:
        print(f"{display_path(project.articles_dir / job.slug / 'article.md')}:1: error: {job.name} failed: {error}", file=sys.stderr)
    seconds = time.perf_counter() - t0
    print(
        f"build: {len(jobs) - len(failed)} built, {skipped} up to date, {len(failed)} failed"
        + (f", {removed} removed" if removed else "")
        + (", indexes written" if index_built else "")
        + f" ({seconds:.2f}s)",
        file=sys.stderr,
    )
    return 1 if failed or report.errors else 0


def _record(job: Job, error: str | None, seconds: float, manifest: Manifest, failed: list, progress: Progress, project: Project) -> None:  # type: ignore[type-arg]
    key = project.rel(job.out)
    if error is None:
        manifest.entries[key] = job.digest
    else:
        manifest.entries.pop(key, None)
        failed.append((job, error))
    progress.step(job.name, error is None, seconds)


def write_indexes(project: Project, sources: list[Path], editions: tuple[str, ...], report: Report) -> None:
    from colloquy.writers.edition import make_head
    from colloquy.writers.html import IndexEntry, render_home, render_index
    from colloquy.writers.labels import load_ui

    per_edition: dict[str, list[IndexEntry]] = {e: [] for e in editions}
    uis_by_tag: dict[str, object] = {bcp47(loc): load_ui(project.locales_dir, loc, report) for loc in project.locales}
    for source in sources:
        prepared = prepare(project, source.parent.name, report)
        if prepared is None:
            continue
        article, localised, uis = prepared
        for edition in editions:
            loc = article.meta.locale if edition == "bilingual" else next(x for x in project.locales if bcp47(x) == edition)  # type: ignore[attr-defined]
            formats = tuple(f for f in FORMATS if (project.dist_dir / edition / f"{source.parent.name}.{f}").exists())
            per_edition[edition].append(IndexEntry(source.parent.name, make_head(localised[loc], uis[loc]), formats))  # type: ignore[arg-type]
    if report.errors:
        return
    rows = []
    for edition in editions:
        entries = sorted(per_edition[edition], key=lambda e: (e.head.date_iso, e.slug), reverse=True)
        ui = uis_by_tag.get(edition) or uis_by_tag.get("en") or next(iter(uis_by_tag.values()))
        html = render_index(edition, ui, entries, project.templates_dir, uis_by_tag)  # type: ignore[arg-type]
        write_atomic(project.dist_dir / edition / "index.html", html.encode())
        rows.append((edition, ui, entries))
    write_atomic(project.dist_dir / "index.html", render_home(rows, project.templates_dir).encode())  # type: ignore[arg-type]
