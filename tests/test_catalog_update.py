"""``colloquy extract`` / ``update``: diff-stable files and an update that never loses a
translation — end to end on a copy of the project, and as a property of :func:`merge`."""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog_support import (
    ARTICLE_REL,
    PO_REL,
    POT_REL,
    REPO,
    SLUG,
    colloquy,
    copy_project,
    entry_span,
    msgid_line,
    replace_once,
    snapshot,
)
from colloquy.diagnostics import Report
from colloquy.i18n.extract import article_template
from colloquy.i18n.pofile import load_catalog, read_catalog
from colloquy.i18n.update import merge
from colloquy.model import Article
from colloquy.reader.source import read_text

# paragraphs of the seed, as the article writes them (each on one line)
Q1_MJ_27 = "CSCO has undergone 27 years of development, adhering to the mission of “unity, collaboration, innovation, and pragmatism.” It has remained patient-centered and committed to advancing innovation in cancer diagnosis and treatment."
Q1_THEME = "This year’s theme emphasizes both standardization and innovation. Hematologic malignancies have consistently played a pioneering role in oncology: the world’s first small-molecule targeted drugs, monoclonal antibodies, bispecific antibodies, CAR-T cell therapy, and hematopoietic stem cell transplantation all originated from hematology, collectively ushering oncology treatment into a new era combining standardization, personalization, precision, and immune targeting."
Q1_PROGRAM = "The hematology program at CSCO 2025 will feature dedicated tracks for leukemia, lymphoma, myeloma, and drug innovation, as well as a special session for young physicians. Young investigators will be encouraged to present their work in concise five-minute talks, with expert commentary and interactive discussions, fostering deep academic exchange and professional growth."
Q3_LOOKING = "Looking ahead, we must continue to align patients, medicine, and policy, achieving synergy between clinical practice, pharmaceutical innovation, and healthcare governance."


@dataclass(frozen=True)
class Entry:
    msgstr: str
    flags: tuple[str, ...]
    previous: str | None
    comments: str
    obsolete: bool


def entries(project: Path, rel: str = PO_REL) -> dict[str, Entry]:
    """The catalog as polib reads it (an independent PO reader), by msgid."""
    po = polib.pofile(str(project / rel), wrapwidth=0)
    return {e.msgid: Entry(e.msgstr, tuple(sorted(e.flags)), e.previous_msgid, e.tcomment, bool(e.obsolete)) for e in po}


def assert_valid_po(path: Path) -> None:
    """GNU msgfmt accepts the file (a wrapped ``#| msgid`` or a lost quote would fail here)."""
    proc = subprocess.run(["msgfmt", "-c", "--check-format", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project, extracted and updated once (outside the repository the ``ui``
    template locates the labels differently; everything else is as committed)."""
    project = copy_project(tmp_path_factory.mktemp("prepared") / "project")
    colloquy(project, "update")
    return project


@pytest.fixture
def proj(prepared: Path, tmp_path: Path) -> Path:
    """A fresh copy of the prepared project for one test."""
    return Path(shutil.copytree(prepared, tmp_path / "project"))


def article(project: Path) -> Path:
    return project / ARTICLE_REL


def po(project: Path) -> Path:
    return project / PO_REL


def _without_locations_and_date(data: bytes) -> list[bytes]:
    return [line for line in data.splitlines() if not line.startswith((b"#: ", b'"POT-Creation-Date: '))]


# ------------------------------------------------------------------ diff-stable files


def test_extract_and_update_twice_leave_every_file_byte_identical(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    committed = snapshot(project / "locales")
    colloquy(project, "extract")
    colloquy(project, "update")
    first = snapshot(project / "locales")
    assert set(first) == set(committed)
    # the article's template and catalog are exactly as committed: a fresh clone stays clean
    for rel in (POT_REL, PO_REL):
        key = rel.removeprefix("locales/")
        assert first[key] == committed[key], f"{rel} changed on extract/update of an unchanged project"
    # the ui files differ only where the labels module is located (outside the repository here)
    for key in ("templates/ui.pot", "zh_CN/LC_MESSAGES/ui.po"):
        assert _without_locations_and_date(first[key]) == _without_locations_and_date(committed[key])

    run = colloquy(project, "update")
    assert "updated" not in run.output
    assert snapshot(project / "locales") == first
    run = colloquy(project, "extract")
    assert "0 template(s) written" in run.output
    assert snapshot(project / "locales") == first


# ------------------------------------------------------------------ edits, deletions, insertions, moves


def test_edited_paragraph_becomes_fuzzy_with_its_previous_msgid_and_nothing_else_changes(proj: Path) -> None:
    before_text = po(proj).read_text(encoding="utf-8")
    before = entries(proj)
    old_line = msgid_line(po(proj), Q1_MJ_27)
    edited = Q1_MJ_27.replace("27 years", "28 years")
    replace_once(article(proj), Q1_MJ_27, edited)

    run = colloquy(proj, "update")
    assert f"{PO_REL}: updated (1 fuzzy)" in run.output
    after = entries(proj)
    assert_valid_po(po(proj))

    entry = after[edited]
    assert entry.flags == ("fuzzy",)
    assert entry.previous == Q1_MJ_27
    assert entry.msgstr == before[Q1_MJ_27].msgstr
    assert Q1_MJ_27 not in after  # neither kept active nor made obsolete: it became the fuzzy entry
    assert set(after) == (set(before) - {Q1_MJ_27}) | {edited}
    for msgid, old in before.items():
        if msgid != Q1_MJ_27:
            assert after[msgid] == old, f"the entry {msgid[:50]!r} changed"

    # the raw diff is confined to that entry (and the header's POT-Creation-Date, which a
    # catalog takes from its template when the template changes)
    before_lines = before_text.split("\n")
    after_lines = po(proj).read_text(encoding="utf-8").split("\n")
    old_span = entry_span(before_lines, old_line)
    new_span = entry_span(after_lines, msgid_line(po(proj), edited))
    matcher = difflib.SequenceMatcher(None, before_lines, after_lines, autojunk=False)
    changed = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    assert changed
    for _tag, i1, i2, j1, j2 in changed:
        removed, added = before_lines[i1:i2], after_lines[j1:j2]
        if all(line.startswith('"POT-Creation-Date: ') for line in removed + added):
            continue
        assert all(n + 1 in old_span for n in range(i1, i2)), f"lines outside the entry removed: {removed}"
        assert all(n + 1 in new_span for n in range(j1, j2)), f"lines outside the entry added: {added}"
    assert "#| msgid " + '"' + Q1_MJ_27.replace('"', '\\"') + '"' in after_lines


def test_deleted_paragraph_becomes_obsolete_with_its_translation(proj: Path) -> None:
    before = entries(proj)
    replace_once(article(proj), Q3_LOOKING + "\n\n", "")
    run = colloquy(proj, "update")
    assert "1 obsolete" in run.output
    after = entries(proj)
    assert_valid_po(po(proj))
    assert after[Q3_LOOKING].obsolete
    assert after[Q3_LOOKING].msgstr == before[Q3_LOOKING].msgstr
    assert msgid_line(po(proj), Q3_LOOKING, obsolete=True)
    for msgid, old in before.items():
        if msgid != Q3_LOOKING:
            assert after[msgid] == old


def test_inserted_paragraph_comes_in_empty_and_its_neighbours_keep_their_translations(proj: Path) -> None:
    before = entries(proj)
    new = "This year’s program also emphasizes the training of young hematologists in standardization and innovation."
    replace_once(article(proj), Q1_THEME + "\n\n", Q1_THEME + "\n\n" + new + "\n\n")
    run = colloquy(proj, "update")
    assert "1 new" in run.output and "fuzzy" not in run.output
    after = entries(proj)
    assert after[new] == Entry("", (), None, "", False)
    for neighbour in (Q1_THEME, Q1_PROGRAM):
        assert after[neighbour] == before[neighbour]
    assert {m: e for m, e in after.items() if m != new} == before
    assert not any("fuzzy" in e.flags for e in after.values())


def test_two_edited_paragraphs_with_one_inserted_between_are_each_paired_with_their_own_text(proj: Path) -> None:
    before = entries(proj)
    theme2 = Q1_THEME.replace("emphasizes both", "stresses both")
    program2 = Q1_PROGRAM.replace("will feature dedicated", "will offer dedicated")
    # close in wording to both neighbours: similarity alone could pair it with either
    new = "This year’s hematology program at CSCO 2025 will feature innovation and standardization sessions for young physicians."
    replace_once(article(proj), Q1_THEME + "\n\n" + Q1_PROGRAM, theme2 + "\n\n" + new + "\n\n" + program2)
    run = colloquy(proj, "update")
    assert "2 fuzzy" in run.output and "1 new" in run.output
    after = entries(proj)
    assert_valid_po(po(proj))
    for old, edited in ((Q1_THEME, theme2), (Q1_PROGRAM, program2)):
        assert after[edited].flags == ("fuzzy",)
        assert after[edited].previous == old
        assert after[edited].msgstr == before[old].msgstr
    assert after[new] == Entry("", (), None, "", False)
    assert not any(e.obsolete for e in after.values())


def test_paragraph_moved_to_another_question_keeps_its_translation(proj: Path) -> None:
    before = entries(proj)
    replace_once(article(proj), Q3_LOOKING + "\n\n", "")
    replace_once(article(proj), Q1_THEME + "\n\n", Q1_THEME + "\n\n" + Q3_LOOKING + "\n\n")
    run = colloquy(proj, "update")
    assert "fuzzy" not in run.output and "obsolete" not in run.output and "new" not in run.output
    after = entries(proj)
    assert after == before
    cat = polib.pofile(str(po(proj)))
    assert cat.find(Q3_LOOKING).comment.split("\n")[1] == "Q1, speaker MJ, paragraph"


def test_translation_memory_prefills_a_new_article_from_the_seed_catalog(proj: Path) -> None:
    """A copied article: its units are pre-filled from the seed's catalog, exact matches and the
    edited paragraph too (a near match), each fuzzy with a comment naming the article."""
    other = "csco-2025-ma-jun-reprint"
    folder = proj / "articles" / other
    shutil.copytree(proj / "articles" / SLUG, folder)
    replace_once(folder / "article.md", f"slug: {SLUG}\n", f"slug: {other}\n")
    changed = Q1_PROGRAM.replace("special session", "dedicated session")
    replace_once(folder / "article.md", Q1_PROGRAM, changed)
    seed_before = po(proj).read_bytes()

    run = colloquy(proj, "update")
    rel = f"locales/zh_CN/LC_MESSAGES/{other}.po"
    assert f"{rel}: updated (51 from memory)" in run.output
    assert po(proj).read_bytes() == seed_before
    assert_valid_po(proj / rel)
    seed = entries(proj)
    new = entries(proj, rel)
    assert set(new) == (set(seed) - {Q1_PROGRAM}) | {changed}
    for msgid, entry in new.items():
        source = Q1_PROGRAM if msgid == changed else msgid
        assert entry.msgstr == seed[source].msgstr
        assert entry.flags == ("fuzzy",)
        assert SLUG in entry.comments and "translation memory" in entry.comments
    # the near match says how near, and shows the text it was translated from (#|)
    assert new[changed].previous == Q1_PROGRAM
    assert re.fullmatch(rf"colloquy: pre-filled from translation memory \({SLUG}, 9\d% similar\); check it and remove the fuzzy flag", new[changed].comments)
    # the comment is the translator's to read and delete: one line, not wrapped
    comment = f"# colloquy: pre-filled from translation memory ({SLUG}); check it and remove the fuzzy flag"
    assert (proj / rel).read_text(encoding="utf-8").split("\n").count(comment) == 50


def test_fuzzy_entry_edited_again_keeps_its_original_previous_msgid(proj: Path) -> None:
    before = entries(proj)
    first = Q1_MJ_27.replace("27 years", "28 years")
    second = first.replace("patient-centered", "patient-focused")
    replace_once(article(proj), Q1_MJ_27, first)
    colloquy(proj, "update")
    replace_once(article(proj), first, second)
    colloquy(proj, "update")
    after = entries(proj)
    assert_valid_po(po(proj))
    assert after[second].flags == ("fuzzy",)
    assert after[second].previous == Q1_MJ_27
    assert after[second].msgstr == before[Q1_MJ_27].msgstr
    assert after[second].comments == ""  # no stray comment left by an unread "#|" line
    assert first not in after and Q1_MJ_27 not in after


def test_obsolete_entry_whose_text_comes_back_is_restored_with_its_translation(proj: Path) -> None:
    before = entries(proj)
    original = article(proj).read_bytes()
    replace_once(article(proj), Q3_LOOKING + "\n\n", "")
    colloquy(proj, "update")
    assert entries(proj)[Q3_LOOKING].obsolete
    article(proj).write_bytes(original)
    run = colloquy(proj, "update")
    assert "fuzzy" not in run.output
    assert entries(proj) == before


def test_fuzzy_entry_made_obsolete_comes_back_still_fuzzy(proj: Path) -> None:
    """An unreviewed translation must not come back from the obsolete entries as a reviewed one."""
    before = entries(proj)
    edited = Q3_LOOKING.replace("Looking ahead", "Looking further ahead")
    replace_once(article(proj), Q3_LOOKING, edited)
    colloquy(proj, "update")
    with_edit = article(proj).read_bytes()
    replace_once(article(proj), edited + "\n\n", "")
    colloquy(proj, "update")
    gone = entries(proj)[edited]
    assert gone.obsolete and gone.flags == ("fuzzy",)
    assert_valid_po(po(proj))
    article(proj).write_bytes(with_edit)
    colloquy(proj, "update")
    back = entries(proj)[edited]
    assert not back.obsolete
    assert back.flags == ("fuzzy",)
    assert back.previous == Q3_LOOKING
    assert back.msgstr == before[Q3_LOOKING].msgstr


@pytest.mark.parametrize(
    ("what", "old", "new", "at"),
    [
        ("misspelt keyword", 'msgstr "血液瞭望"', 'msgtsr "血液瞭望"', "msgstr"),
        ("unterminated string", 'msgstr "血液瞭望"', 'msgstr "血液瞭望', "msgstr"),
        ("missing msgstr", 'msgstr "血液瞭望"\n', "", "msgid"),
    ],
)
def test_update_refuses_a_catalog_with_a_syntax_error(proj: Path, what: str, old: str, new: str, at: str) -> None:
    path = po(proj)
    msgid_at = path.read_text(encoding="utf-8").split("\n").index('msgid "Hematology Frontier"') + 1
    replace_once(path, old, new)
    planted = path.read_bytes()
    line = msgid_at if at == "msgid" else msgid_at + 1
    run = colloquy(proj, "update", expect=2)
    assert re.search(rf"^{re.escape(PO_REL)}:{line}: error: the catalog is not valid PO", run.stderr, re.M), run.output
    assert path.read_bytes() == planted, f"a catalog with a {what} was rewritten"


# ------------------------------------------------------------------ property: no translation is ever lost


@dataclass
class Question:
    heading: str
    interviewer: str
    answer: list[str]  # blocks of the interviewee's turn: paragraphs, or one list


@dataclass
class Doc:
    front: str
    intro: list[str]
    questions: list[Question]
    tail: str
    removed: list[str] = field(default_factory=list)
    inserted: int = 0

    @classmethod
    def parse(cls, text: str) -> Doc:
        front, _, body = text.partition("\n---\n")
        body, sep, profile = body.partition("::: profile")
        blocks = [b.strip() for b in body.strip().split("\n\n")]
        intro: list[str] = []
        questions: list[Question] = []
        for block in blocks:
            if block.startswith("## "):
                questions.append(Question(block[3:], "", []))
            elif not questions:
                intro.append(block)
            elif block.startswith("@OF: "):
                questions[-1].interviewer = block.removeprefix("@OF: ")
            else:
                questions[-1].answer.append(block.removeprefix("@MJ: "))
        return cls(front + "\n---\n", intro, questions, sep + profile)

    def render(self) -> str:
        parts = [self.front, *self.intro]
        for q in self.questions:
            first, *rest = q.answer
            label = "@MJ:\n\n" if first[:1].isdigit() else "@MJ: "  # a list cannot follow the label on its line
            parts += [f"## {q.heading}", f"@OF: {q.interviewer}", label + first, *rest]
        return "\n\n".join(parts) + "\n\n" + self.tail

    def paragraphs(self) -> list[tuple[list[str], int]]:
        """Every editable text as (its list, its index)."""
        out = [(self.intro, i) for i in range(len(self.intro))]
        for q in self.questions:
            out += [(q.answer, i) for i in range(len(q.answer))]
        return out

    # the operations; integers pick among what there is (modulo), so that any draw applies

    def edit(self, a: int, b: int, word: str) -> None:
        texts = self.paragraphs()
        if a % 7 == 0:  # now and then a heading or a question
            q = self.questions[b % len(self.questions)]
            if a % 2:
                q.heading = _change_word(q.heading, b, word)
            else:
                q.interviewer = _change_word(q.interviewer, b, word)
            return
        owner, i = texts[a % len(texts)]
        owner[i] = _change_word(owner[i], b, word)

    def insert(self, a: int, b: int, word: str) -> None:
        if self.removed and a % 2:
            text = self.removed.pop(b % len(self.removed))  # an undo: the old text comes back
        else:
            self.inserted += 1
            text = f"An inserted remark number {self.inserted} on {word} therapy for lymphoma patients."
        target = self.intro if a % 5 == 0 and not text[:1].isdigit() else self.questions[b % len(self.questions)].answer
        target.insert(a % (len(target) + 1), text)

    def delete(self, a: int, b: int, word: str) -> None:
        owners = [o for o in (self.intro, *(q.answer for q in self.questions)) if len(o) > 1]
        if owners:
            owner = owners[a % len(owners)]
            self.removed.append(owner.pop(b % len(owner)))

    def move(self, a: int, b: int, word: str) -> None:
        owners = [q.answer for q in self.questions if len(q.answer) > 1]
        if owners:
            source = owners[a % len(owners)]
            block = source.pop(b % len(source))
            target = self.questions[(a + b) % len(self.questions)].answer
            target.insert(b % (len(target) + 1), block)

    def move_section(self, a: int, b: int, word: str) -> None:
        q = self.questions.pop(a % len(self.questions))
        self.questions.insert(b % (len(self.questions) + 1), q)


def _change_word(text: str, n: int, word: str) -> str:
    words = list(re.finditer(r"(?<![\w*])[A-Za-z]{4,}(?![\w*])", text))
    if not words:
        return text + f" {word}"
    m = words[n % len(words)]
    replacement = word if word != m.group(0) else word + "s"
    return text[: m.start()] + replacement + text[m.end() :]


SEED_TEXT = (REPO / ARTICLE_REL).read_text(encoding="utf-8")
OPERATIONS = ("edit", "edit", "insert", "delete", "move", "move_section")
WORDS = ("novel", "robust", "durable", "clinical", "modern", "global", "targeted", "curative")


def _read(text: str) -> Article:
    report = Report()
    parsed = read_text(text, ARTICLE_REL, Path("articles") / SLUG, report)
    assert parsed is not None and not report.errors, "\n".join(d.format() for d in report.items) + "\n\n" + text
    return parsed


SEED_CATALOG = (REPO / PO_REL).read_bytes()
SEED_TEMPLATE = (REPO / POT_REL).read_bytes()


def _split_at_sentence(text: str) -> tuple[str, str] | None:
    """A paragraph cut in two at a sentence end, or None when it has one sentence."""
    m = re.search(r"(?<=[a-z][.?])\s+(?=[A-Z])", text)
    if m is None or m.start() < 30 or len(text) - m.end() < 30:
        return None
    return text[: m.start()], text[m.end() :]


class Tracked(Doc):
    """The property test's document, remembering the splits and moved edits it made."""

    splits: list[tuple[str, str, str]]
    moved_edits: list[tuple[str, str]]

    def split(self, a: int, b: int, word: str) -> None:
        texts = [(o, i) for o, i in self.paragraphs() if _split_at_sentence(o[i]) is not None]
        if texts:
            owner, i = texts[a % len(texts)]
            first, second = _split_at_sentence(owner[i]) or ("", "")
            self.splits.append((owner[i], first, second))
            owner[i : i + 1] = [first, second]

    def move_edit(self, a: int, b: int, word: str) -> None:
        """A paragraph edited and moved with its whole section."""
        q = self.questions[a % len(self.questions)]
        candidates = [i for i, t in enumerate(q.answer) if not t[:1].isdigit()]
        if candidates and len(self.questions) > 1:
            i = candidates[b % len(candidates)]
            old = q.answer[i]
            q.answer[i] = _change_word(old, b, word)
            self.moved_edits.append((old, q.answer[i]))
            self.move_section(a, b + 1, word)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    steps=st.lists(
        st.tuples(st.sampled_from((*OPERATIONS, "split", "move_edit")), st.integers(0, 10_000), st.integers(0, 10_000), st.sampled_from(WORDS)),
        min_size=3,
        max_size=6,
    )
)
def test_random_edit_update_cycles_never_lose_or_hide_a_translation(steps: list[tuple[str, int, int, str]]) -> None:
    report = Report()
    cat = read_catalog(SEED_CATALOG, PO_REL, report, "zh_CN", SLUG)
    previous = read_catalog(SEED_TEMPLATE, POT_REL, report, None, SLUG)
    assert cat is not None and previous is not None
    # every (msgid, msgstr) a translator approved, and every msgstr ever seen
    approved = {(e.msgid, e.string) for e in cat if e.usable}
    seen = {s for _, s in approved}
    assert len(approved) == 51
    ids = {e.unit_id for e in previous}  # every unit id ever given
    doc = Tracked.parse(SEED_TEXT)
    doc.splits, doc.moved_edits = [], []
    for op, a, b, word in steps:
        doc.splits.clear()
        doc.moved_edits.clear()
        translated = {e.msgid: e for e in cat if e.usable}
        getattr(doc, op)(a, b, word)
        template = article_template(_read(doc.render()), ARTICLE_REL, previous)
        # unit ids: a continued unit keeps its id, a new one gets one never given before
        old_ids = {e.msgid: e.unit_id for e in previous}
        for e in template:
            if e.msgid in old_ids:
                assert e.unit_id == old_ids[e.msgid], f"{e.msgid[:50]!r} changed its id"
            elif e.unit_id not in {x.unit_id for x in previous}:
                assert e.unit_id not in ids, f"id {e.unit_id} given twice"
        ids |= {e.unit_id for e in template}
        assert len({e.unit_id for e in template}) == len(template.entries), "two units share an id"
        result = merge(template, cat, "zh_CN", ["test"])
        # what the next update reads is what this one wrote
        data = result.catalog.to_bytes()
        cat = read_catalog(data, PO_REL, report, "zh_CN", SLUG)
        assert cat is not None and not report.errors, [d.format() for d in report.items]
        previous = template

        active = cat.entries
        kept = {e.string for e in active} | {e.string for e in cat.obsolete}
        assert seen <= kept, f"lost after {op}: {sorted(seen - kept)}"
        seen |= {s for s in kept if s}
        assert [e.msgid for e in active] == [e.msgid for e in template], "entries are not in article order"
        by_msgid = {e.msgid: e for e in active}
        for e in active:
            if e.usable:
                # a translation shown as done is one a translator approved for this very text
                assert (e.msgid, e.string) in approved, f"{e.msgid[:60]!r} marked translated with another text's translation"
            if e.fuzzy:
                # a fuzzy entry points at the text its translation was made for
                assert e.previous and (e.previous, e.string) in approved, e.msgid
            assert e.unit_id is not None and e.kind
        for e in cat.obsolete:
            if not e.fuzzy:
                assert (e.msgid, e.string) in approved
        # nothing hidden: a split paragraph shows its old translation on both parts, an edited
        # paragraph moved with its section shows its old one
        for old, first, second in doc.splits:
            if old in translated:
                for part in (first, second):
                    assert by_msgid[part].string == translated[old].string and by_msgid[part].fuzzy, (op, part[:50])
        for old, new in doc.moved_edits:
            if old in translated and new != old and new in by_msgid:
                assert by_msgid[new].string == translated[old].string, f"the moved edit {new[:50]!r} lost its translation"


def test_load_catalog_reads_what_it_writes(tmp_path: Path) -> None:
    """Previous msgids, long translator comments and obsolete flags survive a write and a read,
    unwrapped, as GNU gettext writes them with --no-wrap."""
    report = Report()
    cat = load_catalog(REPO / PO_REL, report, "zh_CN")
    assert cat is not None
    first = next(e for e in cat if e.msgid == Q1_MJ_27)
    first.fuzzy = True
    previous = 'An older text with a\nline break and a “quote” and "straight" quotes, long enough to be wrapped by Babel at 76.'
    first.set_previous(previous)
    waiver = ("qa-waive numbers: " + "a reason long enough to be wrapped at seventy-six columns by Babel's writer " * 2).strip()
    first.set_translator_comments([waiver])
    gone = next(e for e in cat if e.msgid == Q3_LOOKING)
    gone.fuzzy = True
    gone.set_previous("The text it was translated from, also long enough to be wrapped at seventy-six columns.")
    gone.make_obsolete()
    cat.store.units.remove(gone.unit)
    cat.store.units.append(gone.unit)  # obsolete entries last, as msgcat writes them
    path = tmp_path / f"{SLUG}.po"
    path.write_bytes(cat.to_bytes())
    assert_valid_po(path)
    again = load_catalog(path, report, "zh_CN")
    assert again is not None and not report.errors
    back = next(e for e in again if e.msgid == Q1_MJ_27)
    assert back.previous == previous
    assert back.translator_comments == [waiver]
    assert back.fuzzy
    obsolete = next(e for e in again.obsolete if e.msgid == Q3_LOOKING)
    assert obsolete.fuzzy and obsolete.previous == gone.previous and obsolete.string == gone.string
    assert again.to_bytes() == path.read_bytes()
    # GNU gettext reads it the same way, and would write it the same way
    gnu = polib.pofile(str(path))
    assert gnu.find(Q1_MJ_27).previous_msgid == previous
    assert "fuzzy" in gnu.find(Q3_LOOKING, by="msgid", include_obsolete_entries=True).flags
    no_wrap = subprocess.run(["msgcat", "--no-wrap", str(path)], capture_output=True, check=True).stdout
    assert no_wrap.split(b"\n#. colloquy: id=u1 ")[1] == path.read_bytes().split(b"\n#. colloquy: id=u1 ")[1]


def test_the_property_tests_article_model_renders_the_seed_unit_for_unit() -> None:
    committed = load_catalog(REPO / POT_REL, Report())
    assert committed is not None
    template = article_template(_read(Doc.parse(SEED_TEXT).render()), ARTICLE_REL, committed)
    assert [(e.msgid, e.auto_comments) for e in template] == [(e.msgid, e.auto_comments) for e in committed]


def test_article_units_are_not_format_strings(make_article: Callable[..., Path], tmp_path: Path) -> None:
    """Prose is not a format string: no python-format flag for "40% of", none for "{…}", and
    msgfmt -c accepts a good translation of it."""
    path = make_article(body="An introduction.\n\n## Q\n\n@OF: Give {dose} to 40% of patients?\n\n@MJ: Yes, and 17% of old text.\n")
    report = Report()
    from colloquy.reader import read_article

    template = article_template(read_article(path, report), "articles/test-article/article.md")
    result = merge(template, None, "zh_CN", ["test"])
    for e in result.catalog:
        e.set_strings(["给予40%的患者该剂量。"] if "dose" in e.msgid else ["译文"])
    out = tmp_path / "test-article.po"
    out.write_bytes(result.catalog.to_bytes())
    assert b"python-" not in out.read_bytes()
    assert_valid_po(out)


# ------------------------------------------------------------------ an update with nothing to do


def test_an_update_with_nothing_to_do_reads_no_article_and_a_change_is_seen(proj: Path) -> None:
    run = colloquy(proj, "update")
    assert "1 article(s) up to date" in run.output and f"{PO_REL}:" not in run.output
    # a translator's save: the article is read and merged again
    po(proj).write_text(po(proj).read_text(encoding="utf-8").replace('msgstr "血液瞭望"', 'msgstr "血液瞭望频道"'), encoding="utf-8")
    run = colloquy(proj, "update")
    assert f"{PO_REL}: unchanged" in run.output
    assert "1 article(s) up to date" in colloquy(proj, "update").output
    # the code or the configuration changed: every article is read again
    config = proj / "pyproject.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert f"{PO_REL}: unchanged" in colloquy(proj, "update").output


def test_an_untranslated_unit_is_filled_from_memory_when_another_catalog_translates_it(proj: Path) -> None:
    """The record of the last update knows which catalogs translation memory could still fill."""
    other = "csco-2025-ma-jun-reprint"
    folder = proj / "articles" / other
    shutil.copytree(proj / "articles" / SLUG, folder)
    replace_once(folder / "article.md", f"slug: {SLUG}\n", f"slug: {other}\n")
    new = "A closing remark that no catalog has translated yet, about access to cell therapy."
    replace_once(folder / "article.md", Q3_LOOKING, Q3_LOOKING + "\n\n" + new)
    colloquy(proj, "update")
    rel = f"locales/zh_CN/LC_MESSAGES/{other}.po"
    assert entries(proj, rel)[new].msgstr == ""
    assert "2 article(s) up to date" in colloquy(proj, "update").output
    # the seed's article gains the paragraph and its catalog its translation
    replace_once(article(proj), Q3_LOOKING, Q3_LOOKING + "\n\n" + new)
    colloquy(proj, "update")
    set_po = po(proj).read_text(encoding="utf-8").replace(f'msgid "{new}"\nmsgstr ""', f'msgid "{new}"\nmsgstr "关于细胞治疗可及性的结束语。"')
    po(proj).write_text(set_po, encoding="utf-8")
    run = colloquy(proj, "update")
    assert f"{rel}: updated (1 from memory)" in run.output
    assert entries(proj, rel)[new].msgstr == "关于细胞治疗可及性的结束语。"
