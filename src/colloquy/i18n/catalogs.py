"""The project's catalogs as one run sees them: each file read once, with its state on disk.

A command that reads catalogs asks this object, never the files: the update reads every
catalog of a locale once (the old catalogs it merges into, and the translation memory over all
of them), and compares each file's state again before replacing it (an edit saved meanwhile is
kept, see :func:`colloquy.fsutil.write_atomic`).
"""

from __future__ import annotations

from pathlib import Path

from colloquy.diagnostics import Report
from colloquy.fsutil import file_state
from colloquy.i18n.catalog import Catalog
from colloquy.i18n.pofile import load_catalog
from colloquy.project import UI_DOMAIN, Project


class Catalogs:
    def __init__(self, project: Project, report: Report) -> None:
        self.project = project
        self.report = report
        self._read: dict[Path, tuple[Catalog | None, str]] = {}

    def _load(self, path: Path, locale: str | None) -> tuple[Catalog | None, str]:
        if path not in self._read:
            state = file_state(path)
            cat = load_catalog(path, self.report, locale) if state != "absent" else None
            self._read[path] = (cat, state)
        return self._read[path]

    def catalog(self, locale: str, domain: str) -> Catalog | None:
        """``locales/<locale>/LC_MESSAGES/<domain>.po`` (None when absent or broken: reported)."""
        return self._load(self.project.catalog_path(locale, domain), locale)[0]

    def state(self, locale: str, domain: str) -> str:
        """The file's state when it was read (see :func:`colloquy.fsutil.file_state`)."""
        return self._load(self.project.catalog_path(locale, domain), locale)[1]

    def template(self, domain: str) -> Catalog | None:
        return self._load(self.project.template_path(domain), None)[0]

    def article_catalogs(self, locale: str) -> dict[str, Catalog]:
        """Every article catalog of a locale (not ``ui``), by domain."""
        folder = self.project.locales_dir / locale / "LC_MESSAGES"
        out: dict[str, Catalog] = {}
        if folder.is_dir():
            for po in sorted(folder.glob("*.po")):
                if po.stem != UI_DOMAIN:
                    cat = self._load(po, locale)[0]
                    if cat is not None:
                        out[po.stem] = cat
        return out
