"""What a build is asked to do: typed options, made by the CLI (or a test) below the command line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from colloquy.writers.base import FORMATS

_SHARD = re.compile(r"^(\d+)/(\d+)$")


@dataclass(frozen=True)
class Shard:
    """``K/N``: this build makes the K-th of N deterministic shares of the outputs."""

    index: int  # K, from 1
    count: int  # N

    @classmethod
    def parse(cls, text: str) -> Shard:
        m = _SHARD.match(text.strip())
        if m is None or not 1 <= int(m.group(1)) <= int(m.group(2)):
            raise ValueError(f"'{text}' is not a shard: write K/N with 1 ≤ K ≤ N, e.g. 1/4")
        return cls(int(m.group(1)), int(m.group(2)))

    def owns(self, position: int) -> bool:
        """Whether the output at ``position`` in the sorted list of every output is this shard's."""
        return position % self.count == self.index - 1

    @property
    def name(self) -> str:
        return f"shard-{self.index}-of-{self.count}"


@dataclass(frozen=True)
class BuildOptions:
    slugs: tuple[str, ...] = ()  # only these articles (default: all)
    formats: tuple[str, ...] = FORMATS
    strict: bool = False  # an untranslated unit is an error
    jobs: int | None = None  # worker processes (default: the CPUs)
    force: bool = False  # rebuild what is up to date
    shard: Shard | None = None

    @property
    def fingerprint(self) -> str:
        """The options an output's digest depends on."""
        return f"strict={self.strict}"
