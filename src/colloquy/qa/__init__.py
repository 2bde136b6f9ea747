"""Translation QA: the checks a careful medical reviewer makes, run over every catalog.

``base``         the check interface (:class:`Check`, :class:`Pair`, :class:`Finding` with its severity)
``registry``     Colloquy's checks and those other packages declare (entry points ``colloquy.checks``)
``run``          running the checks over catalogs (a project's, or any with ``check_po``), waivers, reporting
``numbers``      every figure of the source, with the same value
``meaning``      time units, lines of therapy, comparatives and approximations, negations
``markup``       the same emphasis, links, URLs and placeholders
``terminology``  the glossary's agreed translations, no forbidden term
``typography``   the house style's typography (the rules are :mod:`colloquy.textrules`')
``glossary``     the glossary (CSV, the master): concepts, statuses, notes; ``tbx`` its TBX-Basic form
``report``       the report as JSON or HTML
plus ``untranslated`` and ``fuzzy`` units (warnings; errors with ``--strict``), stale and
orphaned catalogs.
"""

from colloquy.qa.base import Check, Finding, Pair
from colloquy.qa.run import check_catalog, check_entry, check_pair, check_project

__all__ = ["Check", "Finding", "Pair", "check_catalog", "check_entry", "check_pair", "check_project"]
