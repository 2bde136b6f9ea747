"""Interface strings of the editions: the ``ui`` gettext domain.

Every string a reader sees that is not part of an article comes from here: the msgids are
marked in this module with :func:`N_` (extracted by Babel's Python extractor, with the
``# Translators:`` comment above each) or in the templates with ``_()`` and ``pgettext()``
(Babel's Jinja2 extractor). Placeholders use ``str.format`` syntax (``python-brace-format``,
checked by ``msgfmt -c``) so that a translation may reorder them; GNU gettext accepts no
format specs in them, so number formats that differ by language (zero-padded question
numbers) are house style (:mod:`colloquy.house`).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from colloquy.diagnostics import Report
from colloquy.editions import Locale
from colloquy.house import HouseStyle
from colloquy.i18n.catalog import Catalog, Entry
from colloquy.i18n.pofile import load_catalog, plural_expression
from colloquy.project import UI_DOMAIN

#: the language of the ``ui`` msgids: its edition needs no ``ui`` catalog
UI_SOURCE_LOCALE = "en"


def N_(message: str) -> str:
    """Mark a string for extraction into the ``ui`` catalog; translated where it is used."""
    return message


def NP_(context: str, message: str) -> str:
    """Mark a string with its context (``msgctxt``) for extraction; translated with ``pgettext``."""
    return message


# Strings used by the Python writers; the templates mark their own with _() and pgettext().
# Translators: the heading of the editor's note, run in before it: "编者按：" in Chinese
EDITORS_NOTE = N_("Editor's Note:")
# Translators: the heading above the expert's biography at the end (or the start) of an interview ("专家介绍")
EXPERT_PROFILE = N_("Expert Profile")
# Translators: the heading above several experts' biographies ("专家介绍")
EXPERT_PROFILES = N_("Expert Profiles")
# Translators: in a round table's profiles, the heading above the host's ("主持人")
HOST_GROUP = N_("Host")
# Translators: in a round table's profiles, the heading above the guests' ("嘉宾")
GUEST_GROUP = N_("Guests")
# Translators: the link under a video's poster, and the label before its address in print ("观看视频")
WATCH_VIDEO = N_("Watch the video")
# Translators: the label of a part of a series of interviews; {number} is 4, 5 … (series of two and three have their own)
SERIES_PART = N_("Part {number}")
# Translators: the heading of the links to the other parts of a series ("系列文章")
SERIES_TITLE = N_("In this series")
# Translators: a question's number; {number} is 1, 2, 3 (Chinese: "{number}", printed as 01, 02 above the question)
QUESTION_NUMBER = N_("Q{number}")
# Translators: a question's heading after its number, on one line: "Q1: Key Highlights"; {number} is the translated "Q{number}"
QUESTION_HEADING = N_("{number}: {heading}")
# Translators: a speaker's name with the honorific, in your language's order: "Prof. Ma Jun" / "马军教授"
SPEAKER_WITH_HONORIFIC = N_("{honorific} {name}")
# Translators: the label before a speaker's turn: "Prof. Ma Jun:" / "马军教授：" (use your language's colon)
SPEAKER_LABEL = N_("{speaker}:")
# Translators: the footer of every printed page; {page} and {pages} are page numbers
PAGE_X_OF_Y = N_("Page {page} of {pages}")
# Translators: the byline under the title (Chinese edition): the outlet and the publication date
BYLINE = N_("{outlet} · {date}")
# Translators: the line naming the event of the interview: its name, its city, its dates
EVENT_LINE = N_("{event}, {city}, {dates}")
# Translators: the line naming the event of the interview when it has no city: its name, its dates
EVENT_LINE_NO_CITY = N_("{event}, {dates}")
# Translators: the copyright line at the end of an interview; {name} is the outlet's name as a name, without title marks (肿瘤瞭望, not 《肿瘤瞭望》)
COPYRIGHT = N_("© {name}. All rights reserved. No reproduction in any form without permission.")
# Translators: the mark before a text still shown in the original language because it has no translation yet
NOT_TRANSLATED = N_("Not yet translated")
# Translators: the name of the edition that prints each paragraph beside its translation, in your language
BILINGUAL_EDITION = N_("Bilingual edition")
# Translators: the name of YOUR language, written in your language, as a language switcher shows it: "中文" for Chinese (not 英文)
LANGUAGE_NAME = N_("English")
# Translators: the title of the page listing every interview in every edition ("全部专访")
ALL_INTERVIEWS = N_("All interviews")
# Translators: the title of an edition's list of interviews ("专访"), also in the title of its news feed
INTERVIEWS = N_("Interviews")
# Translators: in the WeChat edition, the heading of the numbered notes at the end that print the addresses of its links ("参考链接")
LINKS = N_("Links")

# The parts of a series of two and of three, as the Chinese site names them (上篇, 下篇; 上篇, 中篇, 下篇)
# Translators: the first of the two parts of an interview ("上篇")
NP_("part of a series of two", "Part 1")
# Translators: the second of the two parts of an interview ("下篇")
NP_("part of a series of two", "Part 2")
# Translators: the first of the three parts of an interview ("上篇")
NP_("part of a series of three", "Part 1")
# Translators: the second of the three parts of an interview ("中篇")
NP_("part of a series of three", "Part 2")
# Translators: the third of the three parts of an interview ("下篇")
NP_("part of a series of three", "Part 3")


@cache
def _plural_function(expression: str) -> Callable[[int], int]:
    import gettext

    return gettext.c2py(expression)


@dataclass(frozen=True)
class Ui:
    """The interface strings of one locale: its catalog's confirmed translations (plain data:
    a prepared article travels to the build's workers with them)."""

    locale: Locale
    #: (context, msgid) → translations (one, or one per plural form)
    strings: dict[tuple[str | None, str], list[str]] = field(default_factory=dict)
    #: the catalog's plural expression (``n != 1``), checked when the catalog was read
    plural_expression: str = "n != 1"

    def plural(self, n: int) -> int:
        return int(_plural_function(self.plural_expression)(n))

    @property
    def tag(self) -> str:
        """The language of the strings (``lang``): the locale's text tag."""
        return self.locale.text_tag

    @property
    def house(self) -> HouseStyle:
        return self.locale.house

    def _get(self, context: str | None, message: str) -> list[str] | None:
        return self.strings.get((context, message))

    def gettext(self, message: str) -> str:
        found = self._get(None, message)
        return found[0] if found else message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        found = self._get(None, singular)
        if found:
            index = self.plural(n)
            return found[index] if 0 <= index < len(found) else found[-1]
        return singular if n == 1 else plural

    def pgettext(self, context: str, message: str) -> str:
        found = self._get(context, message)
        return found[0] if found else message

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        found = self._get(context, singular)
        if found:
            index = self.plural(n)
            return found[index] if 0 <= index < len(found) else found[-1]
        return singular if n == 1 else plural

    def fmt(self, message: str, **values: object) -> str:
        return self.gettext(message).format(**values)


_PERCENT = re.compile(r"%(?:\(([^)]*)\))?(.?)")


def _brace_fields(text: str) -> list[tuple[str, str, str]]:
    """(name, format spec, conversion) of each ``{…}`` of ``text``; ValueError when malformed."""
    return [(name, spec or "", conv or "") for _lit, name, spec, conv in string.Formatter().parse(text) if name is not None]


def format_problems(entry: Entry) -> list[tuple[str, str]]:
    """What in a translated interface string would break the editions or reach beyond its
    values when formatted: ``{name}`` placeholders (``str.format``) must be plain names of the
    source's; the templates' strings are also ``%``-formatted (Jinja2), where a '%' must be
    '%%' or a placeholder of the source. Every plural form is checked."""
    msgid = entry.msgid
    problems: list[tuple[str, str]] = []
    names = {name for name, _spec, _conv in _brace_fields(msgid)}
    in_template = "%(" in msgid or any(loc.split(":")[0].endswith(".html") for loc in entry.locations)
    allowed = {m.group(1) for m in _PERCENT.finditer(msgid) if m.group(1) and m.group(2) == "s"}
    for msgstr in entry.strings:
        if names:
            try:
                fields = _brace_fields(msgstr)
            except ValueError as exc:
                problems.append((f"the translation is not a valid format string ({exc})", "write each placeholder as {name}, a literal brace as {{ or }}"))
                fields = []
            for name, spec, conv in fields:
                if name not in names:
                    problems.append((f"placeholder {{{name}}} is not one of the source's ({', '.join(sorted(names))})", "keep every {name} exactly as in the source"))
                elif spec or conv:
                    problems.append((f"placeholder {{{name}}} has a format or a conversion", f"write it as {{{name}}}"))
        if in_template:
            for m in _PERCENT.finditer(msgstr):
                if m.group(0) == "%%" or (m.group(1) in allowed and m.group(2) == "s"):
                    continue
                problems.append((f"'{m.group(0)}' in the translation is not a placeholder of the source", "write a percent sign as '%%'"))
    return problems


def ui_from_catalog(locale: Locale, cat: Catalog, report: Report | None = None, shown: str = "") -> Ui:
    """The confirmed translations of a ``ui`` catalog. A translation that would break the
    editions is reported (when ``report`` is given) and never used: the English text stands in."""
    strings: dict[tuple[str | None, str], list[str]] = {}
    for entry in cat:
        if not entry.usable:
            continue
        problems = format_problems(entry)
        if problems:
            if report is not None:
                for message, hint in problems:
                    report.error(shown, entry.line, None, message, hint)
            continue
        strings[(entry.context, entry.msgid)] = entry.strings
    return Ui(locale, strings, plural_expression(cat.header) or "n != 1")


def load_ui(locales_dir: Path, locale: Locale, report: Report) -> Ui:
    """The ``ui`` catalog of ``locale`` (English is the msgids themselves)."""
    if locale.name == UI_SOURCE_LOCALE:
        return Ui(locale)
    path = locales_dir / locale.name / "LC_MESSAGES" / f"{UI_DOMAIN}.po"
    if not path.exists():
        report.warning(
            str(path),
            1,
            None,
            f"no interface catalog for {locale.name}",
            "run 'make update' and translate it; English labels are used meanwhile",
        )
        return Ui(locale)
    cat = load_catalog(path, report, locale.name)
    if cat is None:
        return Ui(locale)
    return ui_from_catalog(locale, cat, report, str(path))


def untranslated_marker(ui: Ui) -> str:
    """"[Not yet translated] " / "【尚未翻译】": what precedes a text shown in the source language."""
    return ui.house.untranslated.format(label=ui.gettext(NOT_TRANSLATED))
