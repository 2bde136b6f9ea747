"""The project's locales and editions, typed, made once from ``[tool.colloquy]``.

A :class:`Locale` is one language of the project: its gettext name (``zh_CN``: catalogs,
front matter), the BCP 47 tag of its edition (``zh-CN``: ``dist/zh-CN/``, ``hreflang``), the tag
of its text (``en-US`` for English: ``lang``, hyphenation, Word's language), its script, fonts
and house style. An :class:`Edition` is what ``dist/`` holds a folder for: one locale, or a
configured pair of locales printed side by side (the bilingual editions).

Adding a locale is configuration only::

    [tool.colloquy]
    locales = ["en", "zh_CN", "zh_TW"]
    bilingual = [["en", "zh_CN"], ["en", "zh_TW"]]   # default: the first locale with each other one

and, for a locale Colloquy has no profile of, ``[tool.colloquy.language.<name>]`` with
``script`` (Latn, Hans, Hant), ``house`` (en, zh) and ``text-language`` (a BCP 47 tag).
"""

from __future__ import annotations

from dataclasses import dataclass

from colloquy.house import HOUSE_STYLES, HouseStyle, Script, profile
from colloquy.typography import TYPOGRAPHY, ScriptFonts

#: the folder of the first bilingual edition; others are ``bilingual-<tag of their second locale>``
BILINGUAL = "bilingual"


@dataclass(frozen=True)
class Locale:
    """One language of the project."""

    name: str  # gettext locale name: zh_CN
    tag: str  # BCP 47 tag of the edition: zh-CN
    text_tag: str  # BCP 47 tag of the text: en-US, zh-CN
    script: Script
    house: HouseStyle

    @property
    def fonts(self) -> ScriptFonts:
        return TYPOGRAPHY.fonts[self.script]

    @property
    def word_lang(self) -> str:
        """The language Word is told (``w:lang``): region-qualified, as Word expects."""
        return self.text_tag

    def __str__(self) -> str:
        return self.name


def bcp47(name: str) -> str:
    """gettext locale name → BCP 47 tag (``zh_CN`` → ``zh-CN``, ``zh_Hant_TW`` → ``zh-Hant-TW``)."""
    return name.replace("_", "-")


class LocaleError(ValueError):
    """A locale Colloquy cannot set up: the message says what to configure."""


def make_locale(name: str, settings: dict[str, object] | None = None) -> Locale:
    """The typed locale of a gettext name, from Colloquy's built-in profiles and ``settings``
    (the locale's ``[tool.colloquy.language.<name>]`` table: script, house, text-language)."""
    settings = settings or {}
    known = profile(name)
    script_value = settings.get("script", known.script if known else None)
    house_value = settings.get("house", known.house if known else None)
    if script_value is None or house_value is None:
        raise LocaleError(
            f"Colloquy has no profile for the locale '{name}'",
            f'configure it: [tool.colloquy.language.{name}] script = "Latn", house = "en"',
        )
    try:
        script = Script(str(script_value))
    except ValueError:
        raise LocaleError(
            f"[tool.colloquy.language.{name}] script '{script_value}' is not known", "use one of: " + ", ".join(s.value for s in Script)
        ) from None
    house = HOUSE_STYLES.get(str(house_value))
    if house is None:
        raise LocaleError(f"[tool.colloquy.language.{name}] house '{house_value}' is not known", "use one of: " + ", ".join(HOUSE_STYLES))
    tag = bcp47(name)
    text_tag = settings.get("text-language")
    if text_tag is None:
        region = known.text_region if known else None
        text_tag = f"{tag}-{region}" if region and "-" not in tag else tag
    return Locale(name, tag, str(text_tag), script, house)


@dataclass(frozen=True)
class Edition:
    """One folder of ``dist/``: a single-language edition, or a bilingual one."""

    id: str  # the folder: en, zh-CN, bilingual
    locales: tuple[Locale, ...]  # one; or the pair, in the configured order

    @property
    def bilingual(self) -> bool:
        return len(self.locales) > 1

    @property
    def locale(self) -> Locale:
        """A single-language edition's locale (the first column's for a bilingual one)."""
        return self.locales[0]

    def columns(self, source: str) -> tuple[Locale, ...]:
        """The locales of an article's columns: the article's own language first when it is one of them."""
        first = [loc for loc in self.locales if loc.name == source]
        return (*first, *(loc for loc in self.locales if loc.name != source))

    def __str__(self) -> str:
        return self.id


def make_editions(locales: tuple[Locale, ...], pairs: list[tuple[str, str]] | None) -> tuple[Edition, ...]:
    """One edition per locale, then the bilingual ones (``pairs`` of locale names; by default
    the first locale with each other one)."""
    by_name = {loc.name: loc for loc in locales}
    if pairs is None:
        pairs = [(locales[0].name, other.name) for other in locales[1:]]
    singles = tuple(Edition(loc.tag, (loc,)) for loc in locales)
    bilingual = tuple(
        Edition(BILINGUAL if n == 0 else f"{BILINGUAL}-{by_name[b].tag}", (by_name[a], by_name[b])) for n, (a, b) in enumerate(pairs)
    )
    return singles + bilingual
