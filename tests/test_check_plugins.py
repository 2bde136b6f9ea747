"""Checks from other packages: the ``colloquy.checks`` entry-point group, with the example
package of ``tests/plugins`` (its module and its installed metadata, found on ``sys.path`` as
an installed package would be)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from catalog_support import PO_REL, colloquy, copy_project, set_msgstr
from colloquy.qa import registry

PLUGINS = Path(__file__).resolve().parent / "plugins"
NEEDLE = "In multiple myeloma, the combined use"


@pytest.fixture
def plugin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.syspath_prepend(str(PLUGINS))
    registry.plugin_checks.cache_clear()
    yield
    sys.modules.pop("colloquy_example_check", None)
    registry.plugin_checks.cache_clear()


def test_a_declared_check_runs_and_can_be_waived(plugin: None, tmp_path: Path) -> None:
    assert "dosage-units" in registry.check_codes()
    project = copy_project(tmp_path / "project")
    source = project / "articles/csco-2025-ma-jun/article.md"
    source.write_text(source.read_text(encoding="utf-8").replace("totaling 54 novel drugs", "totaling 54 novel drugs at 10 mg/kg"), encoding="utf-8")
    colloquy(project, "update")
    line = set_msgstr(project / PO_REL, NEEDLE, old="共计54种新药", new="共计54种新药（10毫克/千克）")
    run = colloquy(project, "check", expect=1)
    assert f"{PO_REL}:{line}: error: [dosage-units] dosage units mg/kg in the source, none in the translation — keep each unit as written" in run.stderr
    lines = (project / PO_REL).read_text(encoding="utf-8").split("\n")
    at = lines.index(next(x for x in lines if x.startswith('msgid "' + NEEDLE)))
    while lines[at - 1].startswith("#"):
        at -= 1
    lines.insert(at, "# qa-waive dosage-units: the Chinese edition spells units out")
    (project / PO_REL).write_text("\n".join(lines), encoding="utf-8")
    run = colloquy(project, "check", expect=None)
    assert "[dosage-units]" in run.stderr and "(waived: the Chinese edition spells units out)" in run.stderr


def test_a_broken_check_is_reported_not_fatal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    broken = tmp_path / "broken-1.0.dist-info"
    broken.mkdir()
    (broken / "METADATA").write_text("Metadata-Version: 2.1\nName: broken\nVersion: 1.0\n")
    (broken / "entry_points.txt").write_text("[colloquy.checks]\nbroken = no_such_module:Check\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    registry.plugin_checks.cache_clear()
    try:
        checks, problems = registry.plugin_checks()
        assert [c.code for c in checks] == []
        assert problems and "the check 'broken' (no_such_module:Check) cannot be loaded" in problems[0]
    finally:
        registry.plugin_checks.cache_clear()
