"""The interviews of other shapes than the seed (tests/shapes/), in a copy of the project."""

from __future__ import annotations

import shutil
from pathlib import Path

from catalog_support import copy_project

SHAPES = Path(__file__).resolve().parent / "shapes"
ROUND = "ash-2025-car-t-roundtable"
TWO = "eha-2025-myeloma-two-experts"
PART1, PART2 = "esmo-2025-breast-part-1", "esmo-2025-breast-part-2"
SHAPE_SLUGS = (ROUND, TWO, PART1, PART2)
VIDEO = "https://v.qq.com/x/page/e3561a7kq2d.html"


def shapes_project(dest: Path) -> Path:
    """The repository's project (the seed included) with the shapes' articles and catalogs added."""
    copy_project(dest)
    for part in ("articles", "locales"):
        shutil.copytree(SHAPES / part, dest / part, dirs_exist_ok=True)
    return dest
