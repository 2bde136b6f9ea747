"""The project: where articles, catalogs, templates and outputs live, from ``[tool.colloquy]``."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from colloquy.diagnostics import InputError, Report, display_path, utf8_error

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


#: a gettext locale name: language, optional script or territory (it becomes a folder name)
LOCALE_RE = re.compile(r"^[a-z]{2,3}(?:_[A-Z][a-z]{3})?(?:_[A-Z]{2})?$")
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
PATH_KEYS = ("articles", "locales-dir", "templates", "dist", "glossary")


def _known_language(locale: str) -> bool:
    """Whether Babel has data for the locale's language (read from its files: importing Babel
    here would slow down every no-op build)."""
    spec = importlib.util.find_spec("babel")
    if spec is None or spec.origin is None:
        return True
    return (Path(spec.origin).parent / "locale-data" / f"{locale.split('_')[0]}.dat").is_file()


def _line_of(text: str, key: str) -> int:
    """The line of ``key`` in the [tool.colloquy] table of a pyproject.toml (or of the table)."""
    table, header = "", 1
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            table = stripped.strip("[] ").replace('"', "").replace("'", "").replace(" ", "")
            if table == "tool.colloquy":
                header = number
            continue
        name = stripped.split("=", 1)[0].strip().replace('"', "").replace("'", "").replace(" ", "")
        if (table, name) in (("tool.colloquy", key), ("tool", f"colloquy.{key}"), ("", f"tool.colloquy.{key}")):
            return number
        if key == "" and (table, name) in (("tool", "colloquy"), ("", "tool.colloquy")):
            return number
    return header


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
                rep = Report()
                try:
                    text = cfg.read_text(encoding="utf-8")
                    data = tomllib.loads(text)
                except UnicodeDecodeError as exc:
                    line, col, byte = utf8_error(cfg.read_bytes(), exc)
                    rep.error(display_path(cfg), line, col, f"pyproject.toml is not valid UTF-8 (byte {byte})", "save it as UTF-8")
                    raise InputError(rep) from None
                except tomllib.TOMLDecodeError as exc:
                    message = str(exc)
                    at = _TOML_POSITION.search(message)
                    line, col = (int(at.group(1)), int(at.group(2))) if at else (1, 1)
                    rep.error(display_path(cfg), line, col, f"pyproject.toml is not valid TOML: {_TOML_POSITION.sub('', message)}", 'fix the line (text values are written in quotes: dist = "dist")')
                    raise InputError(rep) from None
                except OSError as exc:
                    rep.error(display_path(cfg), 1, None, f"cannot read pyproject.toml: {exc.strerror}", "check that it is a readable file")
                    raise InputError(rep) from None
                tool = data.get("tool")
                table = tool.get("colloquy") if isinstance(tool, dict) else None
                if table is not None:
                    if not isinstance(table, dict):
                        rep.error(display_path(cfg), _line_of(text, ""), None, "[tool.colloquy] must be a table of settings", "write the settings under a '[tool.colloquy]' line")
                        raise InputError(rep)
                    return cls.from_table(folder, table, cfg, text)
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
    def from_table(cls, root: Path, table: dict[str, object], cfg: Path, text: str = "") -> Project:
        rep = Report()
        shown = display_path(cfg)
        unknown = sorted(set(table) - set(DEFAULTS))
        for key in unknown:
            rep.error(shown, _line_of(text, key), None, f"unknown setting '{key}' in [tool.colloquy]", "known settings: " + ", ".join(DEFAULTS))
        settings = {**DEFAULTS, **table}
        locales = settings["locales"]
        if not isinstance(locales, list) or not locales or not all(isinstance(x, str) for x in locales):
            rep.error(shown, _line_of(text, "locales"), None, "[tool.colloquy] locales must be a list of locale names", 'write locales = ["en", "zh_CN"]')
            locales = DEFAULTS["locales"]
        assert isinstance(locales, list)
        for n, locale in enumerate(locales):
            if not LOCALE_RE.match(locale) or not _known_language(locale):
                rep.error(
                    shown, _line_of(text, "locales"), None, f"[tool.colloquy] '{locale[:40]}' is not a locale name", "write gettext names such as \"en\" or \"zh_CN\""
                )
            elif locale in locales[:n]:
                rep.error(shown, _line_of(text, "locales"), None, f"[tool.colloquy] locale '{locale}' is listed twice", "list each locale once")
        paths: dict[str, Path] = {}
        real_root = root.resolve()
        for key in PATH_KEYS:
            value = settings[key]
            inside = isinstance(value, str) and not Path(value).is_absolute() and ".." not in Path(value).parts
            if inside:
                try:  # a symlink may not lead out either
                    (root / str(value)).resolve().relative_to(real_root)
                except ValueError:
                    inside = False
            if not inside:
                rep.error(shown, _line_of(text, key), None, f"[tool.colloquy] {key} must be a path inside the project", f'write {key} = "{DEFAULTS[key]}"')
                value = str(DEFAULTS[key])
            elif key == "articles" and not (root / str(value)).is_dir():
                # a typo here would otherwise read no article, and remove every output as stale
                rep.error(shown, _line_of(text, key), None, f"[tool.colloquy] {key}: there is no folder '{value}'", "create it, or fix the path")
            paths[key] = root / str(value)
        dist = paths["dist"].resolve()
        if dist == real_root:
            rep.error(shown, _line_of(text, "dist"), None, "[tool.colloquy] dist must not be the project folder itself", 'write dist = "dist"')
        else:
            for key, other in (*((k, paths[k]) for k in ("articles", "locales-dir", "templates")), ("build", root / "build")):
                other = other.resolve()
                if dist == other or dist in other.parents or other in dist.parents:
                    rep.error(
                        shown,
                        _line_of(text, "dist"),
                        None,
                        f"[tool.colloquy] dist must be a folder of its own: it overlaps {key} ('{display_path(other)}')",
                        'write dist = "dist"',
                    )
        if rep.items:
            raise InputError(rep)
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
