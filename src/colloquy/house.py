"""House style: what differs between the editions of each language beyond words.

The conventions of Oncology Frontier's English and Chinese sites (``HOUSE-STYLE.md``): how a
question is numbered, whether a byline and the copyright line are printed, how a text not yet
translated is marked, which text rules the checks apply. Every behaviour that depends on the
language or the script of an edition is decided here or in :mod:`colloquy.typography` (fonts),
and nowhere else: code asks an edition's :class:`HouseStyle`, never its locale name.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Script(StrEnum):
    """ISO 15924 code of the script an edition is written in."""

    LATIN = "Latn"
    SIMPLIFIED = "Hans"
    TRADITIONAL = "Hant"

    @property
    def cjk(self) -> bool:
        """Written with Chinese characters: CJK fonts, no spaces between words, no hyphenation."""
        return self is not Script.LATIN


class TextRules(StrEnum):
    """Which language's text rules (typography, numbers, terminology matching) apply."""

    ENGLISH = "en"
    CHINESE = "zh"


@dataclass(frozen=True)
class HouseStyle:
    """The conventions of one language's editions."""

    rules: TextRules
    #: the question number on its own line above the question ("01"), not before it ("Q1: ")
    question_number_above: bool
    #: question numbers zero-padded to this many digits ("01")
    question_digits: int
    #: a byline (outlet · date) under the title
    byline: bool
    #: the house copyright line at the end
    copyright: bool
    #: how a text shown in the source language is marked; ``{label}`` is "Not yet translated"
    untranslated: str
    #: justified, hyphenated body text in print (Latin scripts)
    justify: bool
    #: what joins the two ends of a range of dates or figures: "September 10–14, 2025" (an en dash,
    #: no spaces), "2025年9月10日—14日" (an em dash)
    range_dash: str = "–"
    #: the editor's note's label runs into its first paragraph ("Editor's Note: …")
    editors_note_run_in: bool = True

    @property
    def chinese(self) -> bool:
        return self.rules is TextRules.CHINESE


ENGLISH = HouseStyle(
    rules=TextRules.ENGLISH,
    question_number_above=False,
    question_digits=0,
    byline=False,
    copyright=False,
    untranslated="[{label}] ",
    justify=True,
)

CHINESE = HouseStyle(
    rules=TextRules.CHINESE,
    question_number_above=True,
    question_digits=2,
    byline=True,
    copyright=True,
    untranslated="【{label}】",
    justify=False,
    range_dash="—",
)

HOUSE_STYLES: dict[str, HouseStyle] = {"en": ENGLISH, "zh": CHINESE}


@dataclass(frozen=True)
class LanguageProfile:
    """What Colloquy knows of a locale before any configuration: its script, its house style and
    the region its text is tagged with (English text is American: ``en-US``)."""

    script: Script
    house: str
    text_region: str | None = None


#: by gettext locale name, then by language; a locale not listed is configured in
#: ``[tool.colloquy.language.<name>]`` (script, house, text-language)
PROFILES: dict[str, LanguageProfile] = {
    "en": LanguageProfile(Script.LATIN, "en", "US"),
    "zh_CN": LanguageProfile(Script.SIMPLIFIED, "zh"),
    "zh_SG": LanguageProfile(Script.SIMPLIFIED, "zh"),
    "zh_Hans": LanguageProfile(Script.SIMPLIFIED, "zh", "CN"),
    "zh_TW": LanguageProfile(Script.TRADITIONAL, "zh"),
    "zh_HK": LanguageProfile(Script.TRADITIONAL, "zh"),
    "zh_Hant": LanguageProfile(Script.TRADITIONAL, "zh", "TW"),
    "zh": LanguageProfile(Script.SIMPLIFIED, "zh", "CN"),
}


def profile(locale: str) -> LanguageProfile | None:
    """The built-in profile of a gettext locale name, by the name or its language."""
    return PROFILES.get(locale) or PROFILES.get(locale.split("_")[0])
