"""The project: where articles, catalogs, templates and outputs live, from ``[tool.colloquy]``."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

from colloquy.diagnostics import InputError, Report, display_path, utf8_error
from colloquy.editions import Edition, Locale, LocaleError, make_editions, make_locale

DEFAULTS: dict[str, object] = {
    "locales": ["en", "zh_CN"],
    "bilingual": None,  # pairs of locales; default: the first locale with each other one
    "language": {},  # per-locale settings: [tool.colloquy.language.<name>]
    "articles": "articles",
    "locales-dir": "locales",
    "templates": "templates",
    "dist": "dist",
    "glossary": "glossary/terminology.csv",
    "site_url": None,  # the address the editions are published at: canonical links, sitemap, feeds
}


#: the gettext domain of the templates' interface strings; every other domain is one article
UI_DOMAIN = "ui"


#: a gettext locale name: language, optional script or territory (it becomes a folder name)
LOCALE_RE = re.compile(r"^[a-z]{2,3}(?:_[A-Z][a-z]{3})?(?:_[A-Z]{2})?$")
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
PATH_KEYS = ("articles", "locales-dir", "templates", "dist", "glossary")
#: names reserved for examples and tests (RFC 2606, RFC 6761): a site is never published there
_RESERVED_TLDS = ("example", "invalid", "localhost", "test", "local")
_RESERVED_DOMAINS = ("example.com", "example.net", "example.org")


def site_url_problem(value: object) -> str | None:
    """Why ``value`` cannot be the site's address, or None. An address is absolute (``https://`` or
    ``http://``), has a real host name (no placeholder such as example.com or .invalid), and no
    query, fragment or credentials."""
    if not isinstance(value, str) or not value.strip():
        return "must be the address dist/ is published at, written in full (https://…/)"
    parts = urlsplit(value.strip())
    host = (parts.hostname or "").lower().rstrip(".")
    if parts.scheme not in ("https", "http") or not host:
        return f"'{value}' is not an absolute http(s) address"
    if parts.query or parts.fragment or parts.username or parts.password:
        return f"'{value}' must not carry a query, a fragment or credentials"
    if host.rsplit(".", 1)[-1] in _RESERVED_TLDS or any(host == d or host.endswith("." + d) for d in _RESERVED_DOMAINS):
        return f"'{host}' is a name reserved for examples: no site is published there"
    if "." not in host:
        return f"'{host}' is not a public host name"
    return None


def normalise_site_url(value: str) -> str:
    """The site's address with exactly one trailing slash (every page's address is it + a path)."""
    parts = urlsplit(value.strip())
    path = parts.path.rstrip("/") + "/"
    return f"{parts.scheme}://{parts.netloc.lower()}{path}"


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


@dataclass(frozen=True)
class Project:
    root: Path
    #: the project's languages, in the configured order (the first is the house's own)
    locales: tuple[Locale, ...]
    #: one edition per locale, then the bilingual ones
    editions: tuple[Edition, ...]
    articles_dir: Path
    locales_dir: Path
    templates_dir: Path
    dist_dir: Path
    glossary: Path
    #: the address ``dist/`` is published at, ending with "/" (``[tool.colloquy] site_url``); None:
    #: the pages link each other relatively and claim no address (no canonical link, sitemap or feed)
    site_url: str | None = None

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
        names = _locale_names(settings["locales"], shown, text, rep)
        typed = _typed_locales(names, settings["language"], shown, text, rep)
        pairs = _bilingual_pairs(settings["bilingual"], names, shown, text, rep)
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
        site_url = settings["site_url"]
        if site_url is not None:
            problem = site_url_problem(site_url)
            if problem is not None:
                rep.error(shown, _line_of(text, "site_url"), None, f"[tool.colloquy] site_url {problem}", 'write site_url = "https://…/" (the address dist/ is published at), or leave it out')
                site_url = None
        if rep.items:
            raise InputError(rep)
        return cls(
            root=root,
            locales=typed,
            editions=make_editions(typed, pairs),
            articles_dir=paths["articles"],
            locales_dir=paths["locales-dir"],
            templates_dir=paths["templates"],
            dist_dir=paths["dist"],
            glossary=paths["glossary"],
            site_url=normalise_site_url(str(site_url)) if site_url is not None else None,
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

    def target_locales(self, source_locale: str) -> tuple[Locale, ...]:
        """The locales an article written in ``source_locale`` is translated into."""
        return tuple(loc for loc in self.locales if loc.name != source_locale)

    @property
    def locale_names(self) -> tuple[str, ...]:
        return tuple(loc.name for loc in self.locales)

    def locale(self, name: str) -> Locale:
        return self._locales_by_name[name]

    def edition(self, edition_id: str) -> Edition:
        return self._editions_by_id[edition_id]

    @cached_property
    def _locales_by_name(self) -> dict[str, Locale]:
        return {loc.name: loc for loc in self.locales}

    @cached_property
    def _editions_by_id(self) -> dict[str, Edition]:
        return {e.id: e for e in self.editions}

    @property
    def single_editions(self) -> tuple[Edition, ...]:
        """The single-language editions, one per locale, in the locales' order."""
        return tuple(e for e in self.editions if not e.bilingual)

    def url(self, path: str) -> str | None:
        """The absolute address of a file of ``dist/`` (``en/<slug>.html``), or None without a site address."""
        return None if self.site_url is None else self.site_url + path

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)


def _locale_names(value: object, shown: str, text: str, rep: Report) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(x, str) for x in value):
        rep.error(shown, _line_of(text, "locales"), None, "[tool.colloquy] locales must be a list of locale names", 'write locales = ["en", "zh_CN"]')
        return ("en", "zh_CN")
    names: list[str] = []
    for locale in value:
        if not LOCALE_RE.match(locale) or not _known_language(locale):
            rep.error(shown, _line_of(text, "locales"), None, f"[tool.colloquy] '{locale[:40]}' is not a locale name", 'write gettext names such as "en" or "zh_CN"')
        elif locale in names:
            rep.error(shown, _line_of(text, "locales"), None, f"[tool.colloquy] locale '{locale}' is listed twice", "list each locale once")
        else:
            names.append(locale)
    return tuple(names) or ("en", "zh_CN")


def _typed_locales(names: tuple[str, ...], languages: object, shown: str, text: str, rep: Report) -> tuple[Locale, ...]:
    if not isinstance(languages, dict):
        rep.error(shown, _line_of(text, "language"), None, "[tool.colloquy] language must be a table of locales", "write [tool.colloquy.language.zh_TW]")
        languages = {}
    for name in languages:
        if name not in names:
            rep.error(shown, _line_of(text, "language"), None, f"[tool.colloquy.language.{name}] names a locale that is not in 'locales'", "add it to locales, or remove the table")
    typed: list[Locale] = []
    for name in names:
        settings = languages.get(name, {})
        unknown = sorted(set(settings) - {"script", "house", "text-language"}) if isinstance(settings, dict) else ["(not a table)"]
        if unknown:
            rep.error(shown, _line_of(text, "language"), None, f"[tool.colloquy.language.{name}] unknown settings: {', '.join(unknown)}", "known settings: script, house, text-language")
            continue
        try:
            typed.append(make_locale(name, settings))
        except LocaleError as exc:
            message, hint = exc.args
            rep.error(shown, _line_of(text, "locales"), None, str(message), str(hint))
    return tuple(typed) or (make_locale("en"),)


def _bilingual_pairs(value: object, names: tuple[str, ...], shown: str, text: str, rep: Report) -> list[tuple[str, str]] | None:
    if value is None:
        return None
    line = _line_of(text, "bilingual")
    if not isinstance(value, list) or not all(isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in value):
        rep.error(shown, line, None, "[tool.colloquy] bilingual must be a list of pairs of locales", 'write bilingual = [["en", "zh_CN"]]')
        return None
    pairs: list[tuple[str, str]] = []
    for a, b in value:
        if a not in names or b not in names or a == b:
            rep.error(shown, line, None, f"[tool.colloquy] bilingual pair [{a!r}, {b!r}] must name two different locales of 'locales'", f"locales: {', '.join(names)}")
        elif (a, b) in pairs or (b, a) in pairs:
            rep.error(shown, line, None, f"[tool.colloquy] bilingual pair [{a!r}, {b!r}] is listed twice", "list each pair once")
        else:
            pairs.append((a, b))
    return pairs
