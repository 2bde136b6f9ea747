"""The registry of translation checks: Colloquy's own, then those other packages declare.

A package adds checks with an entry point in the ``colloquy.checks`` group naming an object
with the :class:`~colloquy.qa.base.Check` interface (or a class whose instances have it)::

    [project.entry-points."colloquy.checks"]
    units-of-measure = "my_checks:UnitsCheck"

``colloquy check`` then runs it on every translated entry, reports its findings under its code
and honours waivers of that code. A check that cannot be loaded is reported, not fatal.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import entry_points

from colloquy.qa.base import Check

ENTRY_POINT_GROUP = "colloquy.checks"
#: codes that are not checks of a pair, but of the entry's state
STATE_CODES = ("untranslated", "fuzzy")


def builtin_checks() -> tuple[Check, ...]:
    from colloquy.qa.markup import MARKUP, PLACEHOLDERS
    from colloquy.qa.meaning import MEANING
    from colloquy.qa.numbers import NUMBERS
    from colloquy.qa.terminology import TERMINOLOGY
    from colloquy.qa.typography import TYPOGRAPHY

    return (NUMBERS, MEANING, MARKUP, PLACEHOLDERS, TERMINOLOGY, TYPOGRAPHY)


@cache
def plugin_checks() -> tuple[tuple[Check, ...], tuple[str, ...]]:
    """The checks declared by other packages, and the problems loading them."""
    found: list[Check] = []
    problems: list[str] = []
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        try:
            obj = ep.load()
            check = obj() if isinstance(obj, type) else obj
        except Exception as exc:  # a broken plugin must not stop the checks
            problems.append(f"the check '{ep.name}' ({ep.value}) cannot be loaded: {type(exc).__name__}: {exc}")
            continue
        if not isinstance(check, Check):
            problems.append(f"the check '{ep.name}' ({ep.value}) has not the check interface (code, description, domains, check())")
            continue
        found.append(check)
    return tuple(found), tuple(problems)


def all_checks() -> tuple[Check, ...]:
    return builtin_checks() + plugin_checks()[0]


def check_codes() -> tuple[str, ...]:
    """Every code a waiver may name."""
    return tuple(dict.fromkeys([*(c.code for c in all_checks()), *STATE_CODES]))
