"""An example of a translation check that another package adds to Colloquy.

It declares itself under the ``colloquy.checks`` entry-point group (see the package metadata
beside it, ``colloquy_example_check-1.0.dist-info/entry_points.txt``; a real package writes
the same in its ``pyproject.toml``)::

    [project.entry-points."colloquy.checks"]
    dosage-units = "colloquy_example_check:DosageUnits"

``colloquy check`` then runs it on every translated article entry, reports its findings under
its code, and honours ``# qa-waive dosage-units: reason`` on an entry.
"""

from __future__ import annotations

import re

from colloquy.qa.base import Finding, Pair

_UNITS = re.compile(r"\b(mg/m2|mg/kg|mg)\b")


class DosageUnits:
    """Dosage units of the source are kept as they are in the translation."""

    code = "dosage-units"
    description = "dosage units (mg, mg/kg, mg/m2) are kept as the source writes them"
    domains: tuple[str, ...] = ("article",)

    def check(self, pair: Pair) -> list[Finding]:
        source = sorted(_UNITS.findall(pair.source))
        target = sorted(_UNITS.findall(pair.target))
        if source != target:
            return [Finding(self.code, f"dosage units {', '.join(source) or 'none'} in the source, {', '.join(target) or 'none'} in the translation", "keep each unit as written")]
        return []
