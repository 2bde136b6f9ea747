"""Translation QA: the checks a careful medical reviewer makes, run over every catalog.

``base``         the check interface (:class:`Check`, :class:`Pair`, :class:`Finding`)
``registry``     Colloquy's checks and those other packages declare (entry points ``colloquy.checks``)
``run``          running the checks over catalogs, waivers, reporting
``numbers``      every figure of the source, with the same value
``markup``       the same emphasis, links and URLs (and placeholders in interface strings)
``terminology``  the glossary's agreed translations
``typography``   punctuation and spacing of the house style
plus ``untranslated`` and ``fuzzy`` units (warnings; errors with ``--strict``), stale and
orphaned catalogs.
"""

from colloquy.qa.base import Check, Finding, Pair
from colloquy.qa.run import check_catalog, check_entry, check_pair, check_project

__all__ = ["Check", "Finding", "Pair", "check_catalog", "check_entry", "check_pair", "check_project"]
