"""Digests of a build's inputs: what each output, each article's index entries and the indexes
depend on. Each file is read once a run. A digest depends on contents and relative paths only —
never on the project's folder, the machine's name or a file's time — so that machines that share
the work (``--shard``) and the one that joins it agree on what is up to date.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

from colloquy import __version__
from colloquy.editions import Edition
from colloquy.project import UI_DOMAIN, Project

_LOCALE_RE = re.compile(rb"^locale:\s*['\"]?([A-Za-z_-]+)", re.M)
#: the interface strings every page takes from every locale: the editions' names in the language
#: switcher (:data:`colloquy.i18n.ui.LANGUAGE_NAME`, :data:`~colloquy.i18n.ui.BILINGUAL_EDITION`)
SWITCHER_MSGIDS = ("English", "Bilingual edition")
_SWITCHER_RE = re.compile(rb'(?:^|\n)((?:#[^\n]*\n)*)msgid "(' + b"|".join(m.encode() for m in SWITCHER_MSGIDS) + rb')"\nmsgstr ("(?:[^"\\]|\\.)*")')
#: the package whose code every output depends on
_PACKAGE = Path(__file__).resolve().parent.parent


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

    @cache  # noqa: B019 - one Fingerprints per build; a folder is walked once, not per output
    def tree(self, folder: Path) -> str:
        h = hashlib.sha256()
        if folder.is_dir():
            for p in sorted(folder.rglob("*")):
                if p.is_file() and "__pycache__" not in p.parts:
                    h.update(p.relative_to(folder).as_posix().encode() + b"\0" + self.file(p).encode())
        return h.hexdigest()

    @cache  # noqa: B019
    def code(self) -> str:
        """Colloquy's version and own code: a change to a writer rebuilds its outputs."""
        return hashlib.sha256((__version__ + self.tree(_PACKAGE)).encode()).hexdigest()

    @cache  # noqa: B019
    def templates(self) -> str:
        return self.tree(self.project.templates_dir)

    @cache  # noqa: B019
    def fonts(self) -> str:
        """The fonts' contents (their files are found by fontconfig; a font replaced by another
        version rebuilds the PDFs)."""
        from colloquy.fonts import content_digest, font_file
        from colloquy.typography import TYPOGRAPHY

        parts = []
        for family in TYPOGRAPHY.families():
            path = font_file(family)
            parts.append(f"{family}={content_digest(path) if path else 'missing'}")
        return hashlib.sha256("|".join(parts).encode()).hexdigest()

    @cache  # noqa: B019 - read once per article, not once per output
    def source_locale(self, slug: str) -> str | None:
        try:
            head = self.source(slug).read_bytes()[:4096]
        except OSError:
            return None
        m = _LOCALE_RE.search(head)
        return m.group(1).decode() if m else None

    def source(self, slug: str) -> Path:
        return self.project.articles_dir / slug / "article.md"

    def _catalogs(self, slug: str, locales: tuple[str, ...]) -> str:
        p = self.project
        source_locale = self.source_locale(slug)
        parts = []
        for loc in locales:
            parts.append(f"{loc}:{self.file(p.catalog_path(loc, UI_DOMAIN))}")
            if loc != source_locale:
                parts.append(f"{loc}/{slug}:{self.file(p.catalog_path(loc, slug))}")
        return "|".join(parts)

    def output(self, slug: str, edition: Edition, fmt: str, options: str, *, uses_fonts: bool) -> str:
        """An output's digest: the article (and its folder's images), the catalogs its edition
        reads, the templates, the code, the site's address, the fonts when it embeds them, the options."""
        h = hashlib.sha256()
        h.update(f"{edition.id}|{fmt}|{options}|{self.code()}|{self.templates()}|{self.project.site_url or ''}".encode())
        h.update(self.tree(self.source(slug).parent).encode())
        locales = self.project.locale_names if self.source_locale(slug) is None else tuple(loc.name for loc in edition.locales)
        h.update(self._catalogs(slug, locales).encode())
        # the language switchers name every edition in its own language
        h.update(self.switcher_names().encode())
        if uses_fonts:
            h.update(self.fonts().encode())
        return h.hexdigest()

    @cache  # noqa: B019
    def switcher_names(self) -> str:
        """What every page takes from every locale's interface catalog: the editions' names (read
        from the catalogs' bytes; the whole catalog when they cannot be found that way)."""
        parts = []
        for loc in self.project.locale_names:
            path = self.project.catalog_path(loc, UI_DOMAIN)
            try:
                data = path.read_bytes()
            except OSError:
                parts.append(f"{loc}:absent")
                continue
            found = sorted((b"fuzzy" in comments.split(b"#,")[-1].split(b"\n")[0] if b"#," in comments else False, msgid, msgstr) for comments, msgid, msgstr in _SWITCHER_RE.findall(data))
            parts.append(f"{loc}:{found!r}" if len(found) == len(SWITCHER_MSGIDS) else f"{loc}:{self.file(path)}")
        return "|".join(parts)

    def media(self, slug: str) -> str:
        """The digest of an article's images, as copied beside the web editions."""
        return hashlib.sha256(f"media|{self.code()}|{self.tree(self.source(slug).parent)}".encode()).hexdigest()

    def article(self, slug: str) -> str:
        """What an article's index entries depend on: its source, every catalog of it, the code."""
        h = hashlib.sha256(f"entries|{self.code()}".encode())
        h.update(self.file(self.source(slug)).encode())
        h.update(self._catalogs(slug, self.project.locale_names).encode())
        return h.hexdigest()

    def indexes(self, entries: str, outputs: list[str]) -> str:
        """The indexes' digest (and the feeds' and sitemap's): every article's entries, the outputs
        they link, the interface catalogs, the templates, the site's address and the code."""
        h = hashlib.sha256(f"indexes|{self.code()}|{self.templates()}|{self.project.site_url or ''}|{','.join(outputs)}".encode())
        h.update(entries.encode())
        for loc in self.project.locale_names:
            h.update(self.file(self.project.catalog_path(loc, UI_DOMAIN)).encode())
        return h.hexdigest()
