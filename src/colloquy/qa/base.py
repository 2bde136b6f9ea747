"""The interface every translation check implements, and what it reports.

A check looks at one translated string beside its source (:class:`Pair`) and returns
:class:`Finding` objects. Colloquy's own checks and those of other packages are found the
same way (:mod:`colloquy.qa.registry`): a package adds a check by declaring an object with
this interface under the ``colloquy.checks`` entry-point group.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

from colloquy.editions import Locale

if TYPE_CHECKING:
    from colloquy.qa.terminology import Glossary


@dataclass(frozen=True)
class Finding:
    code: str  # the check's code: numbers, markup, terminology, typography, untranslated, fuzzy, …
    message: str
    hint: str = ""


@dataclass(frozen=True)
class Pair:
    """One translated string and what a check may need to judge it."""

    source: str  # the msgid (the singular of a plural entry)
    target: str  # one msgstr (each plural form is checked as its own pair)
    source_locale: Locale
    target_locale: Locale
    #: "article" for an article's catalog, "ui" for the interface strings
    domain: Literal["article", "ui"] = "article"
    glossary: Glossary | None = None
    #: the msgid_plural of a plural entry, and which form ``target`` is
    plural: str | None = None
    form: int = 0


@runtime_checkable
class Check(Protocol):
    """A translation check. ``code`` names it in findings and waivers (``# qa-waive CODE: …``);
    ``domains`` says which catalogs it applies to."""

    code: str
    description: str
    domains: tuple[str, ...]

    def check(self, pair: Pair) -> Iterable[Finding]: ...
