"""The project: where articles, catalogs, templates and outputs live, from ``[tool.colloquy]``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from colloquy.diagnostics import InputError, Report, display_path

DEFAULTS: dict[str, object] = {
    "locales": ["en", "zh_CN"],
    "articles": "articles",
    "locales-dir": "locales",
    "templates": "templates",
    "dist": "dist",
    "glossary": "glossary/terminology.csv",
}


#: the gettext domain of the templates' interface strings; every other domain is one article
UI_DOMAIN = "ui"


def bcp47(locale: str) -> str:
    """gettext locale name → BCP 47 tag (``zh_CN`` → ``zh-CN``)."""
    return locale.replace("_", "-")


@dataclass(frozen=True)
class Project:
    root: Path
    locales: tuple[str, ...]
    articles_dir: Path
    locales_dir: Path
    templates_dir: Path
    dist_dir: Path
    glossary: Path

    @classmethod
    def load(cls, start: Path | None = None) -> Project:
        """Find the project whose ``pyproject.toml`` has a ``[tool.colloquy]`` table, upwards from ``start``."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            cfg = folder / "pyproject.toml"
            if cfg.is_file():
                try:
                    data = tomllib.loads(cfg.read_text(encoding="utf-8"))
                except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                    rep = Report()
                    rep.error(display_path(cfg), 1, 1, f"pyproject.toml is not valid TOML: {exc}", "fix the file")
                    raise InputError(rep) from None
                table = data.get("tool", {}).get("colloquy")
                if table is not None:
                    return cls.from_table(folder, table, cfg)
        rep = Report()
        rep.error(
            display_path(here),
            1,
            None,
            "not inside a Colloquy project (no pyproject.toml with [tool.colloquy])",
            "run the command from the project folder",
        )
        raise InputError(rep)

    @classmethod
    def from_table(cls, root: Path, table: dict[str, object], cfg: Path) -> Project:
        rep = Report()
        unknown = sorted(set(table) - set(DEFAULTS))
        for key in unknown:
            rep.error(display_path(cfg), 1, None, f"unknown setting '{key}' in [tool.colloquy]", "known settings: " + ", ".join(DEFAULTS))
        settings = {**DEFAULTS, **table}
        locales = settings["locales"]
        if not isinstance(locales, list) or not locales or not all(isinstance(x, str) for x in locales):
            rep.error(
                display_path(cfg), 1, None, "[tool.colloquy] locales must be a list of locale names", 'write locales = ["en", "zh_CN"]'
            )
            locales = DEFAULTS["locales"]
        paths = {}
        for key in ("articles", "locales-dir", "templates", "dist", "glossary"):
            value = settings[key]
            if not isinstance(value, str) or Path(value).is_absolute() or ".." in Path(value).parts:
                rep.error(
                    display_path(cfg),
                    1,
                    None,
                    f"[tool.colloquy] {key} must be a path inside the project",
                    f'write {key} = "{DEFAULTS[key]}"',
                )
                value = str(DEFAULTS[key])
            paths[key] = root / value
        if rep.items:
            raise InputError(rep)
        assert isinstance(locales, list)
        return cls(
            root=root,
            locales=tuple(locales),
            articles_dir=paths["articles"],
            locales_dir=paths["locales-dir"],
            templates_dir=paths["templates"],
            dist_dir=paths["dist"],
            glossary=paths["glossary"],
        )

    # ------------------------------------------------------------ places

    def article_sources(self) -> list[Path]:
        """Every ``articles/<slug>/article.md``, sorted by slug."""
        if not self.articles_dir.is_dir():
            return []
        return sorted(p / "article.md" for p in self.articles_dir.iterdir() if (p / "article.md").is_file())

    def select_sources(self, slugs: list[str] | None, report: Report) -> list[Path]:
        """The sources of the named articles (all when ``slugs`` is empty); unknown names are reported."""
        sources = self.article_sources()
        if not slugs:
            return sources
        by_slug = {p.parent.name: p for p in sources}
        chosen = []
        for slug in slugs:
            if slug in by_slug:
                chosen.append(by_slug[slug])
            else:
                known = ", ".join(by_slug) or "none"
                report.error(
                    display_path(self.articles_dir / slug),
                    1,
                    None,
                    f"no article '{slug}' (articles: {known})",
                    f"create {self.rel(self.articles_dir)}/{slug}/article.md or fix the name",
                )
        return chosen

    def template_path(self, domain: str) -> Path:
        return self.locales_dir / "templates" / f"{domain}.pot"

    def catalog_path(self, locale: str, domain: str) -> Path:
        return self.locales_dir / locale / "LC_MESSAGES" / f"{domain}.po"

    def target_locales(self, source_locale: str) -> tuple[str, ...]:
        return tuple(loc for loc in self.locales if loc != source_locale)

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)
