"""docs/source-format.md tells the truth: each complete example (a ```markdown block that starts
with front matter) reads without an error or a warning; the worked example is the seed's text,
shortened; and every message the doc quotes — each located line in a code block, exactly, and
each `message — hint` in the text and the tables — is what the reader says for a real input,
made here from the seed article with one change. And the merge errors docs/translator-guide.md
quotes are what check says on the seed's catalog."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from catalog_support import set_msgstr
from colloquy.diagnostics import InputError, Report
from colloquy.i18n.localise import merges
from colloquy.i18n.pofile import load_catalog
from colloquy.reader import read_article
from conftest import REPO, SEED_ARTICLE, write_article
from test_reader_format import tiny_png

pytestmark = pytest.mark.usefixtures("in_tmp")

DOC = REPO / "docs" / "source-format.md"
SEED_SLUG = "csco-2025-ma-jun"
SEED = SEED_ARTICLE.read_text(encoding="utf-8")

#: a located diagnostic as the doc shows it in a code block
LOCATED_RE = re.compile(r"^\s*(articles/\S+?\.md:\d+:\d+: (?:error|warning): .*)$")
IMAGE_RE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)")


def fenced_blocks(text: str) -> list[tuple[int, str, str]]:
    """(line of the opening fence, info string, content) of every fenced block, indented ones too."""
    blocks: list[tuple[int, str, str]] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        m = re.match(r"^(\s*)```(\S*)\s*$", lines[i])
        if m:
            indent, info, start = m.group(1), m.group(2), i
            i += 1
            content: list[str] = []
            while i < len(lines) and lines[i].strip() != "```":
                content.append(lines[i].removeprefix(indent))
                i += 1
            blocks.append((start + 1, info, "\n".join(content) + "\n"))
        i += 1
    return blocks


def examples() -> list[tuple[int, str]]:
    """The complete examples: ```markdown blocks that start with front matter."""
    return [(line, content) for line, info, content in fenced_blocks(DOC.read_text(encoding="utf-8")) if info == "markdown" and content.startswith("---\n")]


def code_spans(line: str) -> list[str]:
    """The inline code spans of a line, as CommonMark reads them: a run of backticks opens one,
    the next run of the same length closes it (```` ``` ```` holds three backticks)."""
    runs = [(m.start(), m.end()) for m in re.finditer(r"`+", line)]
    spans: list[str] = []
    i = 0
    while i < len(runs):
        start, end = runs[i]
        close = next((j for j in range(i + 1, len(runs)) if runs[j][1] - runs[j][0] == end - start), None)
        if close is None:
            i += 1
            continue
        content = line[end : runs[close][0]]
        spans.append(content.strip() if content.strip() and content.startswith(" ") and content.endswith(" ") else content)
        i = close + 1
    return spans


def quoted_messages() -> tuple[set[str], set[str]]:
    """(located lines in code blocks, `message — hint` spans outside them) quoted by the doc."""
    text = DOC.read_text(encoding="utf-8")
    located = {m.group(1) for _line, _info, content in fenced_blocks(text) for raw in content.split("\n") if (m := LOCATED_RE.match(raw))}
    outside = re.sub(r"^\s*```\S*\s*$.*?^\s*```\s*$", "", text, flags=re.M | re.S)
    spans = {s for line in outside.split("\n") for s in code_spans(line) if " — " in s}
    return located, spans


def read_diagnostics(root: Path, source: str | bytes, slug: str = SEED_SLUG, *, other_parts: bool = False) -> list[str]:
    """Every diagnostic of reading ``source`` as ``articles/<slug>/article.md`` under ``root``
    (the working folder), its images made as tiny PNGs (but ``photo.png``, which the doc's
    example says is missing)."""
    path = write_article(root, raw=source, slug=slug)
    text = source if isinstance(source, str) else ""
    series = re.search(r"^series:\n((?:  - \S+\n)+)", text, re.M)
    for part in re.findall(r"- (\S+)", series.group(1)) if series and other_parts else ():
        if part != slug:  # the other parts of a series are published too
            (path.parent.parent / part).mkdir(exist_ok=True)
            (path.parent.parent / part / "article.md").write_text("(another part)\n", encoding="utf-8")
    for name in set(IMAGE_RE.findall(text)) - {"photo.png"}:
        (path.parent / name).parent.mkdir(parents=True, exist_ok=True)
        (path.parent / name).write_bytes(b"\xff\xd8\xff\xe0" + bytes(16) if name.endswith((".jpg", ".jpeg")) else tiny_png())
    report = Report()
    with contextlib.suppress(InputError):  # refused: the diagnostics say why
        read_article(path, report)
    return [d.format() for d in report.items]


# ---------------------------------------------------------------- the examples


def test_the_doc_has_its_examples() -> None:
    slugs = [re.search(r"^slug: (\S+)$", content, re.M) for _line, content in examples()]
    assert [m.group(1) if m else None for m in slugs] == [
        SEED_SLUG,
        "asco-2025-two-experts",
        "ash-2025-roundtable",
        "eha-2025-myeloma-zh",
        "esmo-2025-breast-part-1",
    ]


@pytest.mark.parametrize(("line", "content"), examples(), ids=lambda v: str(v) if isinstance(v, int) else "")
def test_each_example_reads_without_an_error_or_a_warning(in_tmp: Path, line: int, content: str) -> None:
    slug = re.search(r"^slug: (\S+)$", content, re.M)
    assert slug is not None, f"docs/source-format.md:{line}: the example has no slug"
    assert read_diagnostics(in_tmp, content, slug.group(1), other_parts=True) == [], f"docs/source-format.md:{line}: the example is refused"


def test_the_worked_example_is_the_seed_shortened() -> None:
    """Each line of it is a line of the seed, or pieces of one around '…'."""
    (_line, worked) = examples()[0]
    seed_lines = SEED.split("\n")
    for line in worked.split("\n"):
        if "…" not in line:
            assert line in seed_lines, f"not in the seed: {line!r}"
        else:
            pieces = [p.strip() for p in line.split("…") if p.strip()]
            assert any(all(p in s for p in pieces) for s in seed_lines), f"not in the seed, even shortened: {line!r}"


# ---------------------------------------------------------------- the messages

Edit = Callable[[str], str | bytes]


def sub(old: str, new: str) -> Edit:
    def edit(seed: str) -> str:
        assert seed.count(old) == 1, f"{old!r} occurs {seed.count(old)} times in the seed"
        return seed.replace(old, new)

    return edit


Q1 = "## Key Highlights in Hematologic Oncology at CSCO 2025\n"
Q2 = "## Landscape Shift in Hematologic Malignancy Treatment\n"
PROFILE = "::: profile MJ\n"
THEME = "This year’s theme emphasizes both"
EVENT_DAYS = "  start: 2025-09-10\n  end: 2025-09-14\n"


def before(anchor: str, text: str) -> Edit:
    return sub(anchor, text + anchor)


def appended(text: str) -> Edit:
    return lambda seed: seed + text


def unquoted_title(seed: str) -> str:
    lines = seed.split("\n")
    assert lines[6].startswith('title: "')
    lines[6] = lines[6].replace('"', "")
    return "\n".join(lines)


def padded_to(size: int) -> Edit:
    return lambda seed: seed + "x" * (size - len(seed.encode()))


#: each message the doc quotes, and the seed changed so that the reader says it
INPUTS: dict[str, Edit] = {
    # located lines, in code blocks
    f"articles/{SEED_SLUG}/article.md:7:36: error: front matter is not valid YAML: mapping values are not allowed here"
    " — check the indentation and quote values that contain ': '": unquoted_title,
    f"articles/{SEED_SLUG}/article.md:8:1: error: unknown field 'shorttitle' — did you mean 'short_title'?": sub("short_title:", "shorttitle:"),
    f"articles/{SEED_SLUG}/article.md:13:9: error: an event has a 'date' or a 'start' and an 'end', not both"
    " — keep 'date' for one day or a month, or 'start' and 'end' for several days": before(EVENT_DAYS, "  date: 2025-09\n"),
    f"articles/{SEED_SLUG}/article.md:13:9: error: 'date' is not a month: '2025-13' — write a month as YYYY-MM, e.g. 2025-07": sub(EVENT_DAYS, "  date: 2025-13\n"),
    f"articles/{SEED_SLUG}/article.md:10:3: error: the event has no date"
    " — add 'date: YYYY-MM-DD' (one day), 'date: YYYY-MM' (a month), or 'start:' and 'end:'": sub(EVENT_DAYS, ""),
    f"articles/{SEED_SLUG}/article.md:39:1: error: unknown speaker 'FO' (declared: OF, MJ) — use a key from 'speakers' in the front matter": sub(
        "@OF: This year’s CSCO", "@FO: This year’s CSCO"
    ),
    f"articles/{SEED_SLUG}/article.md:41:1: error: 'MJ:' looks like a speaker label without its '@' — write '@MJ: ' to start a turn": sub(
        "@MJ: CSCO has undergone", "MJ: CSCO has undergone"
    ),
    f"articles/{SEED_SLUG}/article.md:86:1: warning: the profile's first line repeats the name of 'MJ': it is left out"
    " — remove it: the editions print the name line from the speaker entry (name and honorific)": sub(PROFILE, PROFILE + "Professor Ma Jun\n"),
    # the body's structure
    "the editor's note comes after the questions or the profiles — move the '::: editors-note' section to the front, before the first question": before(
        PROFILE, "::: editors-note\nA note.\n:::\n\n"
    ),
    "the summary comes after the questions or the profiles — move the '::: summary' section to the front, before the first question": before(
        PROFILE, "::: summary\nA summary.\n:::\n\n"
    ),
    "the question heading is numbered by hand ('Q1:') — remove the number: Colloquy numbers questions (Q1 / 01) itself;"
    " write '## Heading {-}' for a heading with no number": sub("## Key Highlights", "## Q1: Key Highlights"),
    "the question heading is numbered by hand ('Q1:') — remove the number: …": sub("## Key Highlights", "## Q1: Key Highlights"),
    "a speaker turn ('@MJ:') outside a question — turns belong under a '## ' question heading": before(Q1, "@MJ: Said in the lead.\n\n"),
    "text in a question before any speaker label — start the turn with a label such as '@MJ: ' (or '@: ' for an answer with no label)": sub(
        Q1, Q1 + "\nWho says this?\n"
    ),
    "'MJ:' looks like a speaker label without its '@' — write '@MJ: ' to start a turn": sub("@MJ: CSCO has undergone", "MJ: CSCO has undergone"),
    # headings
    "a level-4 heading (####) — questions start with '## ', questions under a topic with '### '; other heading levels are not part of the format": before(
        Q2, "#### Sub\n\n"
    ),
    "a sub-heading (###) outside a question — a ### sub-heading stands under a ## heading: one of several questions on its topic": before(
        Q1, "### Sub\n\n"
    ),
    "a sub-heading (###) with no text — write the sub-heading after '### '": before(Q2, "###\n\n"),
    "a heading inside a list, quote or fenced section — headings (##) start questions and stand on their own": before(Q2, "> ## Quoted\n\n"),
    # profiles
    "the profiles are not together — write the profiles one after the other, after the front of the article or after the last question": before(
        Q1, "::: profile OF\n- Editor\n:::\n\n"
    ),
    "text between the profiles and the first question — move this text before the profiles": before(Q1, "::: profile OF\n- Editor\n:::\n\nStray.\n\n"),
    "text after the profiles — profiles come last; move this text above them": appended("\nStray.\n"),
    "a question after the profiles — profiles stand right after the front of the article or after the last question": appended(
        "\n## Another\n\n@OF: Another?\n"
    ),
    "a second profile of 'MJ' — write one profile per speaker": appended("\n::: profile MJ\n- Chair\n:::\n"),
    "unknown speaker 'XX' in '::: profile' (declared: OF, MJ) — write '::: profile KEY' with a key from 'speakers'": appended(
        "\n::: profile XX\n- Chair\n:::\n"
    ),
    # fenced sections
    "'::: only zh-CN' names no locale of the project — write '::: only LOCALE' with one of: en, zh_CN (gettext names: zh_CN)": before(
        Q1, "::: only zh-CN\nText.\n:::\n\n"
    ),
    "a heading inside '::: only' — a question (##) is written for every edition; inside a question, a '### ' sub-heading may be written for one edition only": before(
        Q2, "::: only zh_CN\n## 标题\n:::\n\n"
    ),
    "'::: only' holds an editor's note or a summary and other text — give the other text a '::: only zh_CN' section of its own, before or after this one": before(
        Q1, ":::: only zh_CN\n::: editors-note\n按。\n:::\n\n导语。\n::::\n\n"
    ),
    "the video has no address — write '::: video https://…' with the video's full address": before(Q1, "::: video\n:::\n\n"),
    "link scheme 'ftp:' is not allowed — write '::: video https://…' with the video's full address": before(Q1, "::: video ftp://example.org/v.mp4\n:::\n\n"),
    "a video holds its poster image and nothing else — write one image, ![a description](poster.jpg \"caption\"), between '::: video' and ':::'": before(
        Q1, "::: video https://example.org/v\nWatch it.\n:::\n\n"
    ),
    "a fenced section ':::' cannot be nested here — close the previous ::: section first": before(
        Q1, ":::: editors-note\n::: video https://example.org/v\n:::\n::::\n\n"
    ),
    "unknown fenced section '::: sidebar' — known sections: '::: editors-note', '::: summary', '::: only LOCALE', '::: video URL' and '::: profile KEY'": before(
        Q1, "::: sidebar\nText\n:::\n\n"
    ),
    "a ':::' line that closes no fenced section — remove it, or open its section above it (a section inside '::: only' needs the '::: only' opened and closed with '::::')": before(Q1, ":::\n\n"),
    # Markdown outside the format
    "raw HTML is not allowed — write Markdown instead; see docs/source-format.md": before(Q1, "<div>Boxed</div>\n\n"),
    "raw HTML '<b>' is not allowed — write Markdown instead (*emphasis*, **strong**, ^sup^, ~sub~)": sub(THEME, "This year’s <b>theme</b> emphasizes both"),
    "code blocks (```) are not part of the interview format — remove the fence lines": before(Q1, "```\ncode\n```\n\n"),
    "indented text is read as a code block — remove the indentation (4 spaces or a tab) at the start of the line": before(Q1, "    Indented.\n\n"),
    "a horizontal rule (---, ***) is not part of the interview format — remove the line; sections start with ##": before(Q2, "***\n\n"),
    "a line of '---' under text makes that text a heading — questions start with '## '; …": sub(
        "Together, these three categories form the cell and gene therapy (CGT) ecosystem.\n",
        "Together, these three categories form the cell and gene therapy (CGT) ecosystem.\n---\n",
    ),
    "'**' would be printed literally: the emphasis does not close — …": sub(THEME, "**细胞治疗：**包括 " + THEME),
    "image 'photo.png' does not exist — put the file in articles/csco-2025-ma-jun/ or fix the name": before(Q1, "![A photo](photo.png)\n\n"),
    "link scheme 'javascript:' is not allowed — links may use http://, https:// or mailto: only": sub(
        THEME, "This year’s [theme](javascript:alert(1)) emphasizes both"
    ),
    "lists and quotes are nested more than 4 levels deep — flatten the list": before(Q1, "- 1\n  - 2\n    - 3\n      - 4\n        - 5\n\n"),
    # characters and bytes
    "control character U+0007 in the text — delete it (it often comes from copying out of Word or a PDF)": sub("in Jinan, Shandong, from", "in Jinan,\x07 Shandong, from"),
    "bidirectional control character U+202E in the text — delete it: it can reorder what readers see": sub("top experts from China", "top\u202e experts from China"),
    "the file is not valid UTF-8 (byte 0xE9) — save it as UTF-8 in your editor": lambda seed: seed.encode().replace(b"Jinan, Shandong, from", b"Jin\xe9an, Shandong, from"),
    "the file is 2.2 MB, over the 2 MB limit for an article — split it or remove pasted material": padded_to(int(2.2 * 1048576)),
    # the front matter
    "unknown numbering 'roman' — write numbering: \"Q1\" (Q1: on the heading's line) or numbering: \"01\" (01 above the heading)": before(
        "event:\n", "numbering: roman\n"
    ),
    "'series' must be the list of the parts' slugs, in order — write one '- slug' per part under 'series:', this article's included": before(
        "event:\n", f"series: {SEED_SLUG}\n"
    ),
    "'series' does not list this article ('csco-2025-ma-jun') — list every part of the series, this one included, in order": before(
        "event:\n", "series:\n  - part-1\n  - part-2\n"
    ),
    "the series' part 'esmo-2025-breast-part-2' is not in the articles folder — check the slug; until that part is published, its link in the series leads nowhere": before(
        "event:\n", f"series:\n  - {SEED_SLUG}\n  - esmo-2025-breast-part-2\n"
    ),
    "'series' lists a part twice — list each part once": before("event:\n", f"series:\n  - {SEED_SLUG}\n  - {SEED_SLUG}\n"),
    "'date' is not a month: '2025-13' — write a month as YYYY-MM, e.g. 2025-07": sub(EVENT_DAYS, "  date: 2025-13\n"),
    "unknown role 'moderator' for speaker 'HOST' — use one of: interviewer, interviewee, host, guest, panel": sub(
        "  OF:\n    name: Oncology Frontier – Hematology Frontier\n    role: interviewer\n",
        "  HOST:\n    name: Oncology Frontier – Hematology Frontier\n    role: moderator\n",
    ),
    "unknown name order 'western' — use family-first (马军, Ma Jun) or given-first (Michael Gnant)": sub(
        "    role: interviewee\n", "    role: interviewee\n    name_order: western\n"
    ),
}


def test_every_message_the_doc_quotes_has_its_input_here() -> None:
    located, spans = quoted_messages()
    quoted = located | spans
    assert sorted(quoted - INPUTS.keys()) == [], "quoted in docs/source-format.md, with no input in INPUTS: add one"
    assert sorted(INPUTS.keys() - quoted) == [], "in INPUTS, no longer quoted in docs/source-format.md: remove it"


def said(quoted: str, lines: list[str]) -> bool:
    """Whether a diagnostic says ``quoted``: the whole line when the doc shows it located, else its
    'message — hint' part, where '…' stands for any text."""
    if LOCATED_RE.match(quoted):
        return quoted in lines
    pattern = ".*?".join(re.escape(piece) for piece in quoted.split("…"))
    return any(re.search(r": (?:error|warning): (?:\[[a-z-]+\] )?" + pattern, line) for line in lines)


@pytest.mark.parametrize("quoted", sorted(INPUTS))
def test_each_quoted_message_is_what_the_reader_says(in_tmp: Path, quoted: str) -> None:
    lines = read_diagnostics(in_tmp, INPUTS[quoted](SEED))
    assert said(quoted, lines), "\n".join(lines)


# ---------------------------------------------------------------- docs/translator-guide.md

GUIDE = REPO / "docs" / "translator-guide.md"
PO_REL = f"locales/zh_CN/LC_MESSAGES/{SEED_SLUG}.po"


def test_the_translator_guides_merge_errors_are_what_check_says(in_tmp: Path) -> None:
    """The guide's two refused merges, made in the seed's catalog: a heading merged into the
    paragraph before it, and a paragraph merged into one with no translation."""
    quoted = [m.group(1) for _l, _i, content in fenced_blocks(GUIDE.read_text(encoding="utf-8")) for raw in content.split("\n") if (m := re.match(r"^(\S+\.po:\d+: error: \[merge\] .*)$", raw))]
    assert len(quoted) == 2
    po = in_tmp / PO_REL
    po.parent.mkdir(parents=True)
    po.write_bytes((REPO / PO_REL).read_bytes())
    set_msgstr(po, "Landscape Shift in Hematologic Malignancy Treatment", "<<<")
    set_msgstr(po, "CSCO has undergone 27 years", "")
    set_msgstr(po, "This year’s theme emphasizes both", "<<<")
    catalog = load_catalog(po, Report(), "zh_CN")
    assert catalog is not None
    article = read_article(SEED_ARTICLE)
    # the hint is check's (src/colloquy/qa/run.py); the message and the line are the merges'
    hint = quoted[0].rsplit(" — ", 1)[1]
    assert f'hint = "{hint}"' in (REPO / "src" / "colloquy" / "qa" / "run.py").read_text(encoding="utf-8")
    refused = sorted((entry.line or 0, why) for entry, why in merges(article, catalog).refused)
    assert sorted(quoted, key=lambda q: int(q.split(":")[1])) == [f"{PO_REL}:{line}: error: [merge] {why} — {hint}" for line, why in refused]


def anchors(path: Path) -> set[str]:
    """The anchors of a Markdown file's headings, as GitHub makes them."""
    out: set[str] = set()
    for line in path.read_text(encoding="utf-8").split("\n"):
        m = re.match(r"^#{1,6} (.*)$", line)
        if m:
            out.add(re.sub(r"[^\w\- ]", "", m.group(1).strip().lower()).replace(" ", "-"))
    return out


@pytest.mark.parametrize("doc", [DOC, GUIDE], ids=lambda p: p.name)
def test_the_links_to_sections_lead_somewhere(doc: Path) -> None:
    text = doc.read_text(encoding="utf-8")
    links = re.findall(r"\]\(([\w./-]*)#([^)]+)\)", text)
    assert links
    missing = [f"{target}#{anchor}" for target, anchor in links if anchor not in anchors(doc.parent / target if target else doc)]
    assert missing == []
