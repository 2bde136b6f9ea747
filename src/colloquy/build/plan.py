"""The planner: from the project, the options and the manifest, what a build must do — which
outputs to write, which to remove, which articles' index entries to make — without rendering
anything. Pure apart from reading the inputs' bytes for their digests: testable on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from colloquy.build.digests import Fingerprints
from colloquy.build.manifest import Manifest
from colloquy.build.options import BuildOptions
from colloquy.diagnostics import InputError, Report
from colloquy.project import Project
from colloquy.writers.base import FONT_FORMATS, WECHAT, targets

#: the job that copies an article's images beside the web editions (``dist/media/<slug>/``)
MEDIA = "media"
#: the job that puts an article's images beside its WeChat editions, with the list of what to
#: upload (``dist/wechat/<slug>/``)
WECHAT_MEDIA = "wechat-media"
#: the jobs whose output is a folder
FOLDER_JOBS = (MEDIA, WECHAT_MEDIA)
_SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: the order outputs are started in: the longest first, so that the workers finish together
_COST = {"pdf": 0, "docx": 2, "html": 3, WECHAT: 3, MEDIA: 4, WECHAT_MEDIA: 4}


@dataclass(frozen=True)
class Job:
    slug: str
    edition: str  # the edition's folder ("" for the media job)
    fmt: str  # html, pdf, docx, or media
    out: Path
    key: str  # the output's project-relative path, its key in the manifest
    digest: str

    @property
    def name(self) -> str:
        if self.fmt == MEDIA:
            return f"media/{self.slug}/"
        if self.fmt == WECHAT_MEDIA:
            return f"{WECHAT}/{self.slug}/"
        if self.fmt == WECHAT:
            return f"{WECHAT}/{self.out.name}"
        return f"{self.edition}/{self.slug}.{self.fmt}"

    @property
    def order(self) -> tuple[int, int, str]:
        """Sort key: the bilingual PDFs first (the longest outputs), then the other PDFs, …"""
        return (_COST[self.fmt], 0 if self.edition.startswith("bilingual") else 1, self.name)


@dataclass
class Plan:
    jobs: list[Job] = field(default_factory=list)
    up_to_date: int = 0
    #: manifest keys of outputs whose article is gone (their files are removed)
    removals: list[str] = field(default_factory=list)
    #: every live article, and the digest its index entries depend on
    articles: dict[str, str] = field(default_factory=dict)
    #: articles whose index entries are stale and that no job reads (a prepare-only task each)
    entries_only: list[str] = field(default_factory=list)
    #: the keys of the outputs this build owns (every output, or a shard's share)
    owned: set[str] = field(default_factory=set)

    @property
    def slugs(self) -> list[str]:
        """The articles the build reads: those with a job, and those whose entries are stale."""
        return sorted({j.slug for j in self.jobs} | set(self.entries_only))


def plan(project: Project, options: BuildOptions, manifest: Manifest, fp: Fingerprints) -> Plan:
    report = Report()
    sources = project.select_sources(list(options.slugs), report)
    if report.errors:
        raise InputError(report)
    result = Plan()
    live = [p.parent.name for p in project.article_sources()]
    result.articles = {slug: fp.article(slug) for slug in live}

    candidates: list[tuple[str, str, str, Path]] = []  # (slug, edition, format, out)
    for source in sources:
        slug = source.parent.name
        for fmt in options.formats:
            for edition, out in targets(project, slug, fmt):
                candidates.append((slug, edition.id, fmt, out))
        if "html" in options.formats:
            candidates.append((slug, "", MEDIA, project.dist_dir / MEDIA / slug))
        if WECHAT in options.formats and any(c[2] == WECHAT and c[0] == slug for c in candidates):
            edition_id = next(c[1] for c in candidates if c[2] == WECHAT and c[0] == slug)
            candidates.append((slug, edition_id, WECHAT_MEDIA, project.dist_dir / WECHAT / slug))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    for position, (slug, edition_id, fmt, out) in enumerate(candidates):
        if options.shard is not None and not options.shard.owns(position):
            continue
        key = project.rel(out)
        result.owned.add(key)
        if fmt == MEDIA:
            digest = fp.media(slug)
        elif fmt == WECHAT_MEDIA:  # the images, and the list that names them in the edition's language
            digest = fp.output(slug, project.edition(edition_id), fmt, options.fingerprint, uses_fonts=False)
        else:
            digest = fp.output(slug, project.edition(edition_id), fmt, options.fingerprint, uses_fonts=fmt in FONT_FORMATS)
        # (an article without images has no media folder)
        if not options.force and manifest.outputs.get(key) == digest and (out.exists() or fmt == MEDIA):
            result.up_to_date += 1
            continue
        result.jobs.append(Job(slug, edition_id, fmt, out, key, digest))
    result.jobs.sort(key=lambda j: j.order)

    # the outputs of articles that no longer exist: only outputs a build could have written
    # (the manifest is a file like any other)
    editions = {e.id for e in project.editions} | {MEDIA, WECHAT}
    alive = set(live)
    for key in sorted(manifest.outputs):
        parts = Path(key).parts
        if len(parts) < 3 or parts[-2] not in editions:
            continue
        slug = parts[-1].split(".", 1)[0]  # slug.html, slug.bilingual.html, or a media folder
        if slug in alive:
            continue
        if _SLUG_RE.fullmatch(slug) and (project.root / key).parent.resolve() == (project.dist_dir / parts[-2]).resolve():
            result.removals.append(key)
        else:
            del manifest.outputs[key]

    with_jobs = {j.slug for j in result.jobs}
    if options.shard is None:
        result.entries_only = sorted(
            slug
            for slug, digest in result.articles.items()
            if slug not in with_jobs and (slug not in manifest.articles or manifest.articles[slug].digest != digest)
        )
    return result
