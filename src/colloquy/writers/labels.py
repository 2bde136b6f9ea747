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
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
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
    return Ui(locale, translations_from_catalog(cat) if cat is not None else None)
