"""The one walker over the article model, and the stable unit ids of the catalogs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from catalog_support import ARTICLE_REL, POT_REL, colloquy, copy_project, replace_once
from colloquy.diagnostics import Report
from colloquy.i18n.catalog import LAST_ID_HEADER
from colloquy.i18n.extract import article_template
from colloquy.i18n.pofile import load_catalog
from colloquy.model import Image, ListBlock, Paragraph, Quote, Text
from colloquy.walk import Place, Visitor, dispatch, images, map_texts, units, walk
from conftest import SEED_ARTICLE, ArticleFactory, read

BODY = """\
An introduction.

## A question

@OF: What is new?

@MJ: First:

- an item
- > a quoted item

  ![A chart](chart.png "The chart")
"""


def test_the_walk_visits_every_text_in_reading_order_and_rebuilds_nothing_unchanged(make_article: ArticleFactory) -> None:
    path = make_article(body=BODY)
    (path.parent / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    article = read(path)
    seen: list[tuple[str, str]] = []
    blocks: list[str] = []

    class Record(Visitor):
        def text(self, text: Text, place: Place) -> Text:
            seen.append((str(place.kind), text.source))
            return text

        def block(self, block: object, place: Place) -> None:
            blocks.append(type(block).__name__)

    assert walk(article, Record()) is article  # nothing changed: the same object
    assert [(str(u.kind), u.text.source) for u in units(article)] == seen
    body = [s for k, s in seen if k in ("paragraph", "list-item", "quotation", "image-alt-text", "caption")]
    assert body == ["An introduction.", "What is new?", "First:", "an item", "a quoted item", "A chart", "The chart"]
    assert blocks == ["Paragraph", "Paragraph", "Paragraph", "ListBlock", "Paragraph", "Quote", "Paragraph", "Image"]
    assert [i.src for i in images(article)] == ["chart.png"]
    upper = map_texts(article, lambda t: t.with_source(t.source.upper()))
    assert [u.text.source for u in units(upper)] == [u.text.source.upper() for u in units(article)]


def test_dispatch_by_block_kind() -> None:
    text = Text("x", 1)
    handlers = {"paragraph": lambda b: "p", "list": lambda b: "l", "quote": lambda b: "q", "image": lambda b: "i"}
    blocks = [Paragraph(text), ListBlock(False, (), 1), Quote((), 1), Image("a.png", text, None, 1)]
    assert [dispatch(b, handlers) for b in blocks] == ["p", "l", "q", "i"]


def test_the_seed_template_gives_every_unit_an_id_and_a_kind() -> None:
    template = article_template(read(SEED_ARTICLE), ARTICLE_REL)
    ids = [e.unit_id for e in template]
    assert ids == [f"u{n}" for n in range(1, len(ids) + 1)]
    assert template.header[LAST_ID_HEADER] == str(len(ids))
    assert {e.kind for e in template} >= {"title", "paragraph", "list-item", "question-heading", "speaker-name", "tag"}
    # the human context line stays beside the machine one
    assert template.entries[0].auto_comments == ["colloquy: id=u1 kind=title", "front matter: title"]


def test_ids_survive_edits_and_moves_and_are_never_given_twice(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    pot = project / POT_REL

    def ids() -> dict[str, str]:
        cat = load_catalog(pot, Report())
        assert cat is not None
        return {e.msgid: e.unit_id or "" for e in cat}

    before = ids()
    article = project / ARTICLE_REL
    looking = "Looking ahead, we must continue to align patients, medicine, and policy, achieving synergy between clinical practice, pharmaceutical innovation, and healthcare governance."
    edited = looking.replace("Looking ahead", "Looking further ahead")
    replace_once(article, looking + "\n\n", "")  # moved to the first question, and edited
    replace_once(article, "## Landscape Shift", edited + "\n\n## Landscape Shift")
    colloquy(project, "extract")
    after = ids()
    assert after[edited] == before[looking]
    # a unit deleted: its id is not given to the next new unit, even once it is gone from every file
    last = max(int(i[1:]) for i in after.values())
    replace_once(article, edited + "\n\n", "")
    colloquy(project, "extract")
    replace_once(article, "## Landscape Shift", "A brand new remark on global access to cell therapy.\n\n## Landscape Shift")
    colloquy(project, "extract")
    new = ids()["A brand new remark on global access to cell therapy."]
    assert new == f"u{last + 1}"
    assert set(ids().values()) - {new} <= set(before.values())


def test_an_unchanged_project_keeps_its_ids_when_the_template_is_lost(tmp_path: Path) -> None:
    """The catalogs carry the ids too: a template deleted and extracted again gives the same ones."""
    project = copy_project(tmp_path / "project")
    committed = load_catalog(project / POT_REL, Report())
    assert committed is not None
    (project / POT_REL).unlink()
    colloquy(project, "extract")
    again = load_catalog(project / POT_REL, Report())
    assert again is not None
    assert [(e.msgid, e.unit_id) for e in again] == [(e.msgid, e.unit_id) for e in committed]


def test_a_unit_kind_changes_nothing_in_the_context_line() -> None:
    article = read(SEED_ARTICLE)
    contexts = [u.context for u in units(article)]
    assert "Q2, speaker MJ, list item" in contexts and "front matter: event.name, event name" in contexts
    assert replace(next(iter(units(article))), field="").context == "title"
