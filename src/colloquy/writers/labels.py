"""Interface strings of the editions and each locale's house style (``../shared/HOUSE-STYLE.md``).

Every string a reader sees that is not part of an article comes from the ``ui`` gettext
domain: the msgids are marked here with :func:`N_` (extracted by Babel's python
extractor) or in the templates with ``_()`` (Babel's jinja2 extractor). Placeholders use
``str.format`` syntax (``python-brace-format``, checked by ``msgfmt -c``) so that a
translation may reorder them; GNU gettext accepts no format specs in them, so number
formats that differ by locale (zero-padded question numbers) are house style here.
"""

from __future__ import annotations

import io
import re
import string
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.support import Translations

from colloquy.diagnostics import Report
from colloquy.i18n.pofile import UI_DOMAIN, load_catalog
from colloquy.project import bcp47


def N_(message: str) -> str:
    """Mark a string for extraction into the ``ui`` catalog; translated where it is used."""
    return message


# Strings used by the Python writers; the templates mark their own with _() and pgettext().
EDITORS_NOTE = N_("Editor's Note:")
EXPERT_PROFILE = N_("Expert Profile")
QUESTION_NUMBER = N_("Q{number}")
QUESTION_HEADING = N_("{number}: {heading}")
SPEAKER_WITH_HONORIFIC = N_("{honorific} {name}")
SPEAKER_LABEL = N_("{speaker}:")
PAGE_X_OF_Y = N_("Page {page} of {pages}")
BYLINE = N_("{outlet} · {date}")
EVENT_LINE = N_("{event}, {city}, {dates}")
COPYRIGHT = N_("© {outlet}. All rights reserved. No reproduction in any form without permission.")
NOT_TRANSLATED = N_("Not yet translated")
BILINGUAL_EDITION = N_("Bilingual edition")
LANGUAGE_NAME = N_("English")


@dataclass(frozen=True)
class HouseStyle:
    """What differs between the editions beyond words (HOUSE-STYLE.md)."""

    question_number_above: bool  # zh: "01" on its own line above the question
    byline: bool  # zh: byline under the title
    copyright: bool  # zh: copyright line at the end
    question_digits: int = 0  # zh: zero-padded to two digits ("01")


HOUSE_STYLES = {
    "en": HouseStyle(question_number_above=False, byline=False, copyright=False),
    "zh_CN": HouseStyle(question_number_above=True, byline=True, copyright=True, question_digits=2),
}


@dataclass(frozen=True)
class Ui:
    """The interface strings of one locale."""

    locale: str
    translations: Translations | None

    @property
    def tag(self) -> str:
        return bcp47(self.locale)

    @property
    def house(self) -> HouseStyle:
        return HOUSE_STYLES.get(self.locale, HOUSE_STYLES["en"])

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message) if self.translations is not None else message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        if self.translations is not None:
            return self.translations.ngettext(singular, plural, n)
        return singular if n == 1 else plural

    def pgettext(self, context: str, message: str) -> str:
        return self.translations.pgettext(context, message) if self.translations is not None else message

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        if self.translations is not None:
            return self.translations.npgettext(context, singular, plural, n)
        return singular if n == 1 else plural

    def fmt(self, message: str, **values: object) -> str:
        return self.gettext(message).format(**values)


_PERCENT = re.compile(r"%(?:\(([^)]*)\))?(.?)")


def _brace_fields(text: str) -> list[tuple[str, str, str]]:
    """(name, format spec, conversion) of each ``{…}`` of ``text``; ValueError when malformed."""
    return [(name, spec or "", conv or "") for _lit, name, spec, conv in string.Formatter().parse(text) if name is not None]


def format_problems(msg: Message) -> list[tuple[str, str]]:
    """What in a translated interface string would break the editions or reach beyond its
    values when formatted: ``{name}`` placeholders (``str.format``) must be plain names of the
    source's; the templates' strings are also ``%``-formatted (Jinja2), where a '%' must be
    '%%' or a placeholder of the source."""
    msgid = msg.id if isinstance(msg.id, str) else msg.id[0]
    msgstr = msg.string if isinstance(msg.string, str) else (msg.string[0] if msg.string else "")
    problems: list[tuple[str, str]] = []
    names = {name for name, _spec, _conv in _brace_fields(msgid)}
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
    in_template = "%(" in msgid or any(str(path).endswith(".html") for path, _line in msg.locations)
    if in_template:
        allowed = {m.group(1) for m in _PERCENT.finditer(msgid) if m.group(1) and m.group(2) == "s"}
        for m in _PERCENT.finditer(msgstr):
            if m.group(0) == "%%" or (m.group(1) in allowed and m.group(2) == "s"):
                continue
            problems.append((f"'{m.group(0)}' in the translation is not a placeholder of the source", "write a percent sign as '%%'"))
    return problems


def translations_from_catalog(cat: Catalog) -> Translations:
    buf = io.BytesIO()
    write_mo(buf, cat, use_fuzzy=False)
    buf.seek(0)
    return Translations(buf, domain=UI_DOMAIN)


def load_ui(locales_dir: Path, locale: str, report: Report) -> Ui:
    """The ``ui`` catalog of ``locale`` (English is the msgids themselves)."""
    if locale == "en":
        return Ui(locale, None)
    path = locales_dir / locale / "LC_MESSAGES" / f"{UI_DOMAIN}.po"
    if not path.exists():
        report.warning(
            str(path),
            1,
            None,
            f"no interface catalog for {locale}",
            "run 'make update' and translate it; English labels are used meanwhile",
        )
        return Ui(locale, None)
    cat = load_catalog(path, report, locale)
    if cat is None:
        return Ui(locale, None)
    for msg in cat:
        if msg.id and msg.string and not msg.fuzzy:
            problems = format_problems(msg)
            for message, hint in problems:
                report.error(path, msg.lineno or 1, None, message, hint)
            if problems:  # never used: the English text stands in
                msg.string = "" if isinstance(msg.string, str) else tuple("" for _ in msg.string)
    return Ui(locale, translations_from_catalog(cat))
