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

from colloquy.diagnostics import Severity
from colloquy.editions import Locale

if TYPE_CHECKING:
    from colloquy.qa.glossary import Glossary


@dataclass(frozen=True)
class Finding:
    """What a check found in one translated string. An error must be fixed (or waived); a
    warning asks for a look (``colloquy check --strict`` makes warnings errors)."""

    code: str  # the check's code: numbers, markup, terminology, typography, meaning, untranslated, fuzzy, …
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    @property
    def warning(self) -> bool:
        return self.severity is Severity.WARNING


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
    #: proper names of the article (event name, affiliations, titles …, in the source language):
    #: a glossary term inside one of them is part of a name, not a term to translate
    names: tuple[str, ...] = ()
    #: the catalog's own conventions where they differ from the house style: "cjk-latin-space"
    #: (a space between Chinese and Latin letters or digits, as many zh_CN projects write)
    conventions: frozenset[str] = frozenset()


@runtime_checkable
class Check(Protocol):
    """A translation check. ``code`` names it in findings and waivers (``# qa-waive CODE: …``);
    ``domains`` says which catalogs it applies to. Each :class:`Finding` carries its severity
    (an error by default; a warning for what needs a reviewer's look rather than a fix)."""

    code: str
    description: str
    domains: tuple[str, ...]

    def check(self, pair: Pair) -> Iterable[Finding]: ...
