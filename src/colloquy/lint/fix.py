"""The normalisations ``colloquy fix`` applies: only those that cannot change the meaning.

* invisible characters (zero-width spaces and joiners, a BOM inside the text, soft hyphens) removed;
* look-alike spaces (NBSP, narrow NBSP, figure space) made spaces;
* full-width digits and Latin letters (２０２５, ＣＳＣＯ) made ASCII;
* ASCII ``, : ; ? !`` and ``( )`` between Chinese characters made full-width (，：；？！（）) —
  never inside a URL, a number (3.5, 1,000) or a Latin phrase, and never on the front matter's
  structure (keys, the ``---`` lines) or a turn's ``@KEY:`` label.

The rules are :mod:`colloquy.textrules`' (:func:`~colloquy.textrules.without_artefacts`,
:func:`~colloquy.textrules.fullwidth_punctuation`), the same the lint reports with.
"""

from __future__ import annotations

import re

from colloquy.textrules import fullwidth_punctuation, without_artefacts

#: what is not prose on a line: link targets, autolinks, inline code
_CODE = re.compile(r"\]\([^)]*\)|<[a-z]+:[^>\s]*>|`[^`]*`")


def _punctuation(line: str) -> str:
    """Full-width punctuation between Chinese characters, outside link targets and code."""
    out, last = [], 0
    for m in _CODE.finditer(line):
        out.append(fullwidth_punctuation(line[last : m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(fullwidth_punctuation(line[last:]))
    return "".join(out)


def normalise(text: str) -> str:
    """The source with what Word pasted normalised (line structure kept: the diff is line for line)."""
    return "\n".join(_punctuation(without_artefacts(line)) for line in text.split("\n"))
