"""The preview's pages: the HTML editions of the affected articles, rebuilt into ``build/preview``."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from colloquy.diagnostics import Report, display_path
from colloquy.fsutil import write_atomic
from colloquy.project import UI_DOMAIN, Project

#: the path of the event stream the reload script listens to
EVENTS = "/__colloquy/events"
#: what preview pages carry (and only they): reload when this article, or every article, changed
RELOAD_SCRIPT = (
    "<script>/* colloquy serve: live reload */(function(){{var s={slug};"
    "var e=new EventSource('" + EVENTS + "');"
    "e.addEventListener('reload',function(m){{if(m.data==='*'||m.data===s){{location.reload();}}}});}})();</script>"
)


def reload_script(slug: str) -> str:
    return RELOAD_SCRIPT.format(slug=html.escape(repr(slug)))


def _inject(page: str, slug: str) -> str:
    script = reload_script(slug)
    at = page.rfind("</body>")
    return page[:at] + script + page[at:] if at >= 0 else page + script


@dataclass
class Outcome:
    slug: str
    ok: bool
    diagnostics: list[str] = field(default_factory=list)


class Preview:
    """Rebuilds pages into ``folder`` (the project's ``build/preview`` by default)."""

    def __init__(self, project: Project, folder: Path | None = None) -> None:
        self.project = project
        self.folder = folder or project.root / "build" / "preview"

    def slugs(self) -> list[str]:
        return [p.parent.name for p in self.project.article_sources()]

    def affected(self, paths: Iterable[Path]) -> set[str] | None:
        """The articles changed files affect (None: every article — a template, the ui catalog)."""
        out: set[str] = set()
        project = self.project
        for path in paths:
            path = path.resolve()
            for folder in (project.templates_dir,):
                if folder.resolve() in path.parents:
                    return None
            if project.articles_dir.resolve() in path.parents:
                rel = path.relative_to(project.articles_dir.resolve())
                out.add(rel.parts[0])
            elif project.locales_dir.resolve() in path.parents and path.suffix == ".po":
                if path.stem == UI_DOMAIN:
                    return None
                out.add(path.stem)
        return out

    def build(self, slugs: Iterable[str] | None = None) -> list[Outcome]:
        from colloquy.build.execute import _copy_media
        from colloquy.build.prepare import prepare
        from colloquy.writers.base import Output
        from colloquy.writers.html import render_article

        wanted = sorted(set(self.slugs()) if slugs is None else set(slugs))
        outcomes = []
        for slug in wanted:
            report = Report()
            source = self.project.articles_dir / slug / "article.md"
            if not source.exists():
                for edition in self.project.editions:
                    (self.folder / edition.id / f"{slug}.html").unlink(missing_ok=True)
                continue
            try:
                prepared = prepare(self.project, slug, report)
            except Exception as exc:  # a bug must not stop the server: show it in the page
                report.error(display_path(source), 1, None, f"internal error: {type(exc).__name__}: {exc}", "please report it")
                prepared = None
            lines = [d.format() for d in report.items]
            if prepared is None or report.errors:
                for edition in self.project.editions:
                    write_atomic(self.folder / edition.id / f"{slug}.html", self.error_page(slug, lines).encode())
                outcomes.append(Outcome(slug, False, lines))
                continue
            for edition in self.project.editions:
                out = self.folder / edition.id / f"{slug}.html"
                output = Output(self.project, prepared.edition(edition), out, self.project.articles_dir / slug, prepared.uis, self.project.editions, f"{edition.id}/{slug}.html")
                page = render_article(output)
                if lines:  # warnings: shown above the article
                    page = page.replace("<body", "<body", 1)
                    page = _warnings(page, lines)
                write_atomic(out, _inject(page, slug).encode())
            _copy_media(self.project, prepared, self.folder / "media" / slug)
            outcomes.append(Outcome(slug, True, lines))
        self.index()
        return outcomes

    def index(self) -> None:
        rows = []
        for slug in self.slugs():
            links = " · ".join(f'<a href="/{e.id}/{slug}.html">{html.escape(e.id)}</a>' for e in self.project.editions)
            rows.append(f"<li><strong>{html.escape(slug)}</strong> — {links}</li>")
        page = (
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Colloquy preview</title></head><body>"
            "<h1>Colloquy preview</h1><p>Every save rebuilds the pages it affects and reloads them. The published editions are "
            "in <code>dist/</code>, made by <code>make</code>.</p><ul>" + "".join(rows) + "</ul>" + reload_script("*") + "</body></html>"
        )
        write_atomic(self.folder / "index.html", page.encode())

    def error_page(self, slug: str, lines: list[str]) -> str:
        items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines) or "<li>the article cannot be read</li>"
        return (
            f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(slug)}: problems</title></head>"
            f"<body style=\"font-family:sans-serif;margin:2em\"><h1>{html.escape(slug)} cannot be previewed</h1>"
            f"<p>Fix these lines and save: the page reloads by itself.</p><ul class=\"colloquy-problems\">{items}</ul>"
            + reload_script(slug)
            + "</body></html>"
        )


def _warnings(page: str, lines: list[str]) -> str:
    box = (
        '<aside class="colloquy-problems" style="border:2px solid #c60;padding:.5em 1em;margin:1em;font-family:sans-serif">'
        "<strong>colloquy serve</strong><ul>" + "".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines) + "</ul></aside>"
    )
    at = page.find(">", page.find("<body")) + 1
    return page[:at] + box + page[at:] if at > 0 else box + page


def build_on_demand(project: Project, slug: str, edition_id: str, fmt: str, folder: Path) -> Path | None:
    """The PDF or DOCX of an article's edition, built into the preview folder when asked for."""
    from colloquy.build.prepare import prepare
    from colloquy.writers.base import Output, writers

    report = Report()
    prepared = prepare(project, slug, report)
    if prepared is None or report.errors:
        return None
    edition = project.edition(edition_id)
    out = folder / edition_id / f"{slug}.{fmt}"
    output = Output(project, prepared.edition(edition), out, project.articles_dir / slug, prepared.uis, project.editions, f"{edition_id}/{slug}.{fmt}")
    writers()[fmt].write(output)
    return out
