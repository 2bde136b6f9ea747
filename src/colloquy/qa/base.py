"""What a check reports: a finding on one catalog entry."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    code: str  # numbers, markup, terminology, typography, untranslated, fuzzy, …
    message: str
    hint: str = ""
