"""The source reader: ``article.md`` (YAML front matter + CommonMark body) → :class:`Article`.

Parsing is markdown-it-py's; this module maps its block tokens (each with its source
line) onto the interview structure and reports every problem of the file at once.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from markdown_it.token import Token

from colloquy.diagnostics import InputError, Report, display_path, utf8_error
from colloquy.labels import TypedLabel, looks_like_label, speaker_for, typed_label
from colloquy.markup import inline_problems, link_problem, lone_image, parser, plain_text
from colloquy.model import (
    Article,
    Block,
    Image,
    ListBlock,
    ListItem,
    Only,
    Paragraph,
    Quote,
    Section,
    SectionKind,
    Speaker,
    SubHeading,
    Text,
    Turn,
    Video,
)
from colloquy.reader.frontmatter import FrontMatter, declared_speaker_keys, parse_front_matter
from colloquy.textrules import HAN

#: an article source larger than this is refused (a long interview is about 50 KB)
MAX_SOURCE_BYTES = 2 * 1024 * 1024
#: lists and quotes nested deeper than this are refused
MAX_NESTING = 4
#: image files an article may show
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")
#: an image larger than this is refused (a print-quality photograph is a few MB)
MAX_IMAGE_BYTES = 20 * 1024 * 1024
#: what each raster type's file starts with (an SVG is checked as text, see _svg_problem)
_SIGNATURES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
}
#: what an SVG may not hold: scripts, event handlers, embedded documents, entities, and
#: references to anything but its own elements (#id) and data: URLs
_SVG_ACTIVE = re.compile(
    rb"<\s*(?:script|foreignObject|iframe|object|embed)\b|<!ENTITY|\son[a-z]+\s*=|@import"
    rb"|href\s*=\s*[\"'](?!\s*(?:#|data:))|url\(\s*[\"']?(?!\s*(?:#|data:))",
    re.I,
)

SELF_NUMBERED_RE = re.compile(r"^(?:Q\s*\d+|\d{1,2})\s*[:：.、)）]\s*|^Q\d+\s+|^\d{2}\s+", re.I)
#: a heading with no number (Pandoc's header attribute): ``## Topic {-}``
UNNUMBERED_RE = re.compile(r"\s*\{(?:-|\.unnumbered)\}\s*$")
CONTAINER_LINE_RE = re.compile(r"^:::")
LABEL_RE = re.compile(r"^@([^\s:：]*)\s*[:：][ \t]*")
BARE_LABEL_RE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]{0,15})[:：]\s")
_BIDI = {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"}

DEFAULT_LOCALES = ("en", "zh_CN")


#: what a source must not hold: C0 and C1 control characters (but tab and line feed) and bidi controls
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _control_problems(text: str, path: str, report: Report) -> None:
    """Characters that must not appear in a source: NUL and C0/C1 controls, bidi overrides."""
    if not _FORBIDDEN.search(text):  # the usual case, at the speed of one regular expression
        return
    for lineno, line in enumerate(text.split("\n"), 1):
        for m in _FORBIDDEN.finditer(line):
            ch, col = m.group(0), m.start() + 1
            if ch in _BIDI:
                report.error(
                    path,
                    lineno,
                    col,
                    f"bidirectional control character U+{ord(ch):04X} in the text",
                    "delete it: it can reorder what readers see",
                )
            else:
                report.error(
                    path,
                    lineno,
                    col,
                    f"control character U+{ord(ch):04X} in the text",
                    "delete it (it often comes from copying out of Word or a PDF)",
                )


def decode_source(data: bytes, path: str, report: Report, size: int | None = None) -> str | None:
    """UTF-8 (a BOM is allowed), CRLF or LF; problems are reported with their position.
    ``size``: the file's size, when only its first bytes were read."""
    size = len(data) if size is None else size
    if size > MAX_SOURCE_BYTES:
        report.error(
            path,
            1,
            1,
            f"the file is {size / 1048576:.1f} MB, over the {MAX_SOURCE_BYTES // 1048576} MB limit for an article",
            "split it or remove pasted material",
        )
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        report.error(path, 1, 1, "the file is UTF-16, not UTF-8", "save it as UTF-8 in your editor")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col, byte = utf8_error(data, exc)
        report.error(path, line, col, f"the file is not valid UTF-8 (byte {byte})", "save it as UTF-8 in your editor")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass
class _State:
    path: str
    folder: Path
    lines: list[str]
    #: the declared speaker keys (the Speaker when the front matter is valid)
    speakers: Mapping[str, Speaker | None]
    report: Report
    sections: list[Section] = field(default_factory=list)
    questions: int = 0
    #: False when the front matter is too broken to know its speakers: labels are not checked
    check_speakers: bool = True
    #: the project's locales (what ``::: only`` may name)
    locales: tuple[str, ...] = ()
    #: the line ranges of fenced sections never closed (first line, last line + 1)
    unclosed: list[tuple[int, int]] = field(default_factory=list)


def _line(tok: Token) -> int:
    return tok.map[0] + 1 if tok.map else 1


#: what stands before a block's text on its first line: indentation, quote and list markers
_CONTAINER_PREFIX_RE = re.compile(r"(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)))*[ \t]*")


def _indent_col(lines: list[str], line: int) -> int:
    """Column where the block's text starts (after ``> ``, ``- ``, ``1. `` …, not after ``**`` or ``2025``)."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    match = _CONTAINER_PREFIX_RE.match(text)
    return (match.end() if match else 0) + 1


def _close_index(tokens: list[Token], start: int) -> int:
    """Index of the token that closes ``tokens[start]`` (same nesting level)."""
    level = tokens[start].level
    for i in range(start + 1, len(tokens)):
        if tokens[i].level == level and tokens[i].nesting == -1:
            return i
    return len(tokens) - 1


#: Chinese characters, and the full-width punctuation no space stands beside: a Chinese line
#: wrapped in the source is joined to the next without a space
_HAN_CHAR = re.compile(f"[{HAN}]")
_CJK_PUNCT = re.compile("[\u3000-\u303f\uff00-\uffef“”‘’《》「」『』【】、…]")


def _normalise(source: str) -> str:
    """A paragraph's inline source on one line: soft line breaks become spaces — none between
    two Chinese characters (进步。 随着 would print a space in the middle of the sentence)."""
    lines = source.split("\n")
    out = lines[0]
    for nxt in lines[1:]:
        if out.endswith("  "):  # two trailing spaces: a hard line break, kept as a backslash one
            out = out.rstrip() + "\\"
        hard = out.endswith("\\")
        left, right = out.rstrip(), nxt.strip()
        a, b = left[-1:], right[:1]
        cjk = bool(a and b) and (bool(_HAN_CHAR.match(a) and _HAN_CHAR.match(b)) or bool(_CJK_PUNCT.match(a) or _CJK_PUNCT.match(b)))
        out = left + ("\n" if hard else "" if cjk else " ") + right
    return out.strip()


class _Reader:
    def __init__(self, st: _State) -> None:
        self.st = st

    def error(self, line: int, col: int | None, message: str, hint: str = "") -> None:
        if any(a < line < b for a, b in self.st.unclosed):
            return  # inside a fenced section that is never closed: that is the error (reported)
        self.st.report.error(self.st.path, line, col, message, hint)

    def text(self, source: str, line: int, col: int) -> Text:
        for message, hint in inline_problems(source):
            self.error(line, col, message, hint)
        return Text(source, line, col)

    # ------------------------------------------------------------ blocks

    def blocks(self, tokens: list[Token], depth: int) -> list[Block]:
        """Blocks of a token range (the inside of a list item, quote or container)."""
        out: list[Block] = []
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            end = _close_index(tokens, i) if tok.nesting == 1 else i
            block = self.block(tokens, i, end, depth)
            if block is not None:
                out.append(block)
            i = end + 1
        return out

    def block(self, tokens: list[Token], i: int, end: int, depth: int) -> Block | None:
        tok = tokens[i]
        line = _line(tok)
        col = _indent_col(self.st.lines, line)
        if tok.type == "paragraph_open":
            inline = tokens[i + 1]
            return self.paragraph(inline, line, col)
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            if depth >= MAX_NESTING:
                self.error(line, col, f"lists and quotes are nested more than {MAX_NESTING} levels deep", "flatten the list")
                return None
            items: list[ListItem] = []
            j = i + 1
            while j < end:
                item_end = _close_index(tokens, j)
                items.append(ListItem(tuple(self.blocks(tokens[j + 1 : item_end], depth + 1)), _line(tokens[j])))
                j = item_end + 1
            start = int(tok.attrGet("start") or 1) if tok.type == "ordered_list_open" else 1
            return ListBlock(tok.type == "ordered_list_open", tuple(items), line, start)
        if tok.type == "blockquote_open":
            if depth >= MAX_NESTING:
                self.error(line, col, f"lists and quotes are nested more than {MAX_NESTING} levels deep", "flatten the quotation")
                return None
            return Quote(tuple(self.blocks(tokens[i + 1 : end], depth + 1)), line)
        if tok.type == "heading_open":
            self.error(line, 1, "a heading inside a list, quote or fenced section", "headings (##) start questions and stand on their own")
            return None
        self.unsupported(tok, line)
        return None

    def unsupported(self, tok: Token, line: int) -> None:
        if tok.type == "html_block":
            self.error(line, 1, "raw HTML is not allowed", "write Markdown instead; see docs/source-format.md")
        elif tok.type == "code_block":
            self.error(
                line, 1, "indented text is read as a code block", "remove the indentation (4 spaces or a tab) at the start of the line"
            )
        elif tok.type == "fence":
            self.error(line, 1, "code blocks (```) are not part of the interview format", "remove the fence lines")
        elif tok.type == "hr":
            self.error(
                line, 1, "a horizontal rule (---, ***) is not part of the interview format", "remove the line; sections start with ##"
            )
        elif tok.type.startswith("container_"):
            self.error(line, 1, "a fenced section ':::' cannot be nested here", "close the previous ::: section first")
        else:
            self.error(line, 1, f"unexpected Markdown element ({tok.type})", "see docs/source-format.md")
        return None

    def paragraph(self, inline: Token, line: int, col: int) -> Block | None:
        if CONTAINER_LINE_RE.match(inline.content):
            name = inline.content[3:].split("\n", 1)[0].strip().split(" ", 1)[0]
            if name:
                self.error(line, col, f"unknown fenced section '::: {name}'", "known sections: '::: editors-note', '::: summary', '::: only LOCALE', '::: video URL' and '::: profile KEY'")
            else:
                self.error(line, col, "a ':::' line that closes no fenced section", "remove it, or open its section above it (a section inside '::: only' needs the '::: only' opened and closed with '::::')")
            return None
        source = _normalise(inline.content)
        children = [c for c in (inline.children or []) if not (c.type == "text" and not c.content.strip())]
        if len(children) == 1 and children[0].type == "image":
            return self.image(children[0], line, col)
        refused = lone_image(source)  # an image markdown-it leaves as text (file:, javascript: …): refuse it as an image
        if refused is not None:
            return self.image(refused, line, col)
        return Paragraph(self.text(source, line, col))

    def image(self, tok: Token, line: int, col: int) -> Image | None:
        src = str(tok.attrGet("src") or "")
        title = str(tok.attrGet("title") or "").strip()
        alt = tok.content.strip()
        ok = True
        if not alt:
            self.error(line, col, "the image has no alt text", "describe the image between the brackets: ![a description](file.jpg)")
            ok = False
        elif alt == "FIXME":
            self.error(line, col, "the image's description is still FIXME: the import found none in the manuscript", "describe the image between the brackets: ![a description](file.jpg)")
            ok = False
        problem = image_problem(src, self.st.folder)
        if problem:
            self.error(line, col, *problem)
            ok = False
        if not ok:
            return None
        return Image(src, self.text(alt, line, col), self.text(title, line, col) if title else None, line)

    # ------------------------------------------------------------ sections

    def body(self, tokens: list[Token]) -> None:
        """The body: a front (lead paragraphs, editor's notes, summaries, in any order), the
        questions, and the profiles — all together, right after the front or after the last
        question."""
        st = self.st
        current = _SectionBuilder(SectionKind.INTRODUCTION, None)
        #: front, questions; "profiles-top" after profiles that precede the questions,
        #: "profiles-end" after those that follow them
        self.phase = "front"
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            end = _close_index(tokens, i) if tok.nesting == 1 else i
            line = _line(tok)
            if tok.type == "front_matter":
                pass
            elif tok.type == "heading_open":
                current = self.heading(tok, tokens[i + 1], line, current)
            elif tok.type in ("container_editors-note_open", "container_summary_open"):
                current = self.front_section(tok, tokens[i + 1 : end], line, current, None)
            elif tok.type == "container_only_open":
                current = self.only(tok, tokens[i + 1 : end], line, current)
            elif tok.type == "container_profile_open":
                current = self.profile(tok, tokens[i + 1 : end], line, current)
            elif tok.type == "container_video_open":
                video = self.video(tok, tokens[i + 1 : end], line)
                if video is not None:
                    self.place(current, video, line)
            elif tok.type.startswith("container_"):
                self.unsupported(tok, line)
            elif tok.type == "paragraph_open":
                self.body_paragraph(tokens[i + 1], line, current)
            else:
                block = self.block(tokens, i, end, 0)
                if block is not None:
                    self.place(current, block, line)
            i = end + 1
        current.finish(st)

    def heading(self, tok: Token, inline: Token, line: int, current: _SectionBuilder) -> _SectionBuilder:
        st = self.st
        heading = _normalise(inline.content)
        if tok.markup in ("=", "-"):
            # Setext: a line of --- or === under a paragraph makes it a heading
            underline = tok.map[1] if tok.map else line + 1
            self.error(
                underline,
                1,
                f"a line of '{tok.markup * 3}' under text makes that text a heading",
                "questions start with '## '; remove the line, or leave a blank line above it and use no rule at all",
            )
            return current
        if tok.tag == "h3":
            if current.kind is not SectionKind.QUESTION or current.closed:
                self.error(line, 1, "a sub-heading (###) outside a question", "a ### sub-heading stands under a ## heading: one of several questions on its topic")
                return current
            if not heading:
                self.error(line, 1, "a sub-heading (###) with no text", "write the sub-heading after '### '")
                return current
            current.add_turn(Turn(None, (SubHeading(self.text(heading, line, 5), line),), line))
            current.speaker = None  # what follows a sub-heading starts with a speaker's label
            current.unlabelled = False
            return current
        if tok.tag != "h2":
            self.error(
                line,
                1,
                f"a level-{tok.tag[1]} heading ({'#' * int(tok.tag[1])})",
                "questions start with '## ', questions under a topic with '### '; other heading levels are not part of the format",
            )
            return current
        if self.phase == "profiles-end":
            self.error(line, 1, "a question after the profiles", "profiles stand right after the front of the article or after the last question")
        numbered = UNNUMBERED_RE.search(heading) is None
        heading = UNNUMBERED_RE.sub("", heading)
        hand = SELF_NUMBERED_RE.match(heading) if numbered else None
        if hand and not hand.group(0).lstrip()[:1].isalpha():
            # a figure that starts the heading is a typed number only when it is this question's
            # ("## 02 …" for the second): "## 10 Years of CAR-T" is a title
            figure = re.match(r"\d+", hand.group(0))
            if figure is None or int(figure.group(0)) != st.questions + 1:
                hand = None
        if hand:  # reported, and read on as a question so that no error follows from it
            self.error(
                line,
                4,
                f"the question heading is numbered by hand ('{hand.group(0).strip()}')",
                "remove the number: Colloquy numbers questions (Q1 / 01) itself; write '## Heading {-}' for a heading with no number",
            )
        current.finish(st)
        if numbered:
            st.questions += 1
        self.phase = "questions"
        return _SectionBuilder(
            SectionKind.QUESTION,
            line,
            number=st.questions if numbered else None,
            heading=self.text(heading, line, 4) if heading else None,
        )

    def front_section(self, tok: Token, inner: list[Token], line: int, current: _SectionBuilder, only: str | None) -> _SectionBuilder:
        """An editor's note or a summary: part of the front, before the questions and profiles."""
        st = self.st
        kind = SectionKind.EDITORS_NOTE if tok.type == "container_editors-note_open" else SectionKind.SUMMARY
        if self.phase != "front":
            name = "editor's note" if kind is SectionKind.EDITORS_NOTE else "summary"
            self.error(line, 1, f"the {name} comes after the questions or the profiles", f"move the '::: {kind.value}' section to the front, before the first question")
            return current
        current.finish(st)
        first = next((t for t in inner if t.type == "inline"), None)
        label = _NOTE_LABEL.match(first.content) if first is not None and kind is SectionKind.EDITORS_NOTE else None
        if first is not None and label is not None:
            at = _line(first)
            self.error(at, _indent_col(st.lines, at), f"the label '{label.group(1)}' is typed inside the note", "remove it: the editions print the editor's note's label (「编者按：」, \"Editor's Note:\") themselves")
        section = _SectionBuilder(kind, line, only=only)
        section.add(None, self.blocks(inner, 0), line)
        section.finish(st)
        return _SectionBuilder(SectionKind.INTRODUCTION, None)

    def only(self, tok: Token, inner: list[Token], line: int, current: _SectionBuilder) -> _SectionBuilder:
        """``::: only LOCALE``: blocks, or an editor's note or summary, for one locale's editions."""
        st = self.st
        locale = tok.info.strip().removeprefix("only").strip()
        if locale not in st.locales:
            what = f"'::: only {locale}' names no locale of the project" if locale else "'::: only' names no locale"
            self.error(line, 1, what, f"write '::: only LOCALE' with one of: {', '.join(st.locales)} (gettext names: zh_CN)")
            return current
        nested = [t for t in inner if t.level == tok.level + 1 and t.type in ("container_editors-note_open", "container_summary_open")]
        if nested:
            others = [t for t in inner if t.level == tok.level + 1 and t.nesting != -1 and all(t is not n for n in nested)]
            if others:  # it would be left out of every edition
                self.error(
                    _line(others[0]),
                    1,
                    "'::: only' holds an editor's note or a summary and other text",
                    f"give the other text a '::: only {locale}' section of its own, before or after this one",
                )
                return current
            for n in nested:
                at = inner.index(n)
                current = self.front_section(n, inner[at + 1 : _close_index(inner, at)], _line(n), current, locale)
            return current
        headings = [t for t in inner if t.type == "heading_open"]
        in_question = current.kind is SectionKind.QUESTION and not current.closed
        wrong = [t for t in headings if t.tag != "h3" or t.level != tok.level + 1 or not in_question]
        if wrong:
            self.error(
                _line(wrong[0]),
                1,
                "a heading inside '::: only'" if wrong[0].tag != "h3" or in_question else "a sub-heading (###) inside '::: only' outside a question",
                "a question (##) is written for every edition; inside a question, a '### ' sub-heading may be written for one edition only",
            )
            return current
        blocks: list[Block] = []
        start = 0
        for at, t in enumerate(inner):  # sub-headings for one edition, between the blocks
            if t in headings:
                blocks += self.blocks(inner[start:at], 0)
                text = _normalise(inner[at + 1].content)
                if not text:
                    self.error(_line(t), 1, "a sub-heading (###) with no text", "write the sub-heading after '### '")
                    return current
                blocks.append(SubHeading(self.text(text, _line(t), 5), _line(t)))
                start = at + 3
        blocks += self.blocks(inner[start:], 0)
        if blocks and headings:  # like a sub-heading: a turn of its own; what follows starts with a label
            current.add_turn(Turn(None, (Only(locale, tuple(blocks), line),), line))
            current.speaker = None
            current.unlabelled = False
        elif blocks:
            self.place(current, Only(locale, tuple(blocks), line), line)
        return current

    def video(self, tok: Token, inner: list[Token], line: int) -> Video | None:
        url = tok.info.strip().removeprefix("video").strip()
        problem = link_problem(url) if url else "the video has no address"
        if problem:
            self.error(line, 1, problem, "write '::: video https://…' with the video's full address")
            return None
        blocks = self.blocks(inner, 0)
        posters = [b for b in blocks if isinstance(b, Image)]
        if len(blocks) != len(posters) or len(posters) > 1:
            self.error(line, 1, "a video holds its poster image and nothing else", "write one image, ![a description](poster.jpg \"caption\"), between '::: video' and ':::'")
            return None
        return Video(url, posters[0] if posters else None, line)

    def profile(self, tok: Token, inner: list[Token], line: int, current: _SectionBuilder) -> _SectionBuilder:
        st = self.st
        key = tok.info.strip().removeprefix("profile").strip()
        if not key or (st.check_speakers and key not in st.speakers):
            declared = ", ".join(st.speakers) or "none"
            what = f"unknown speaker '{key}'" if key else "the profile names no speaker"
            self.error(line, 1, f"{what} in '::: profile' (declared: {declared})", "write '::: profile KEY' with a key from 'speakers'")
        if key and any(s.speaker == key for s in st.sections if s.kind is SectionKind.PROFILE):
            self.error(line, 1, f"a second profile of '{key}'", "write one profile per speaker")
        if self.phase == "questions" and any(s.kind is SectionKind.PROFILE for s in st.sections):
            # profiles before the questions, and this one after them
            self.error(line, 1, "the profiles are not together", "write the profiles one after the other, after the front of the article or after the last question")
        current.finish(st)
        if self.phase == "front" or self.phase == "profiles-top":
            self.phase = "profiles-top"
        else:
            self.phase = "profiles-end"
        profile = _SectionBuilder(SectionKind.PROFILE, line, speaker=key or None)
        profile.add(None, self.profile_blocks(inner, key), line)
        profile.finish(st)
        return _SectionBuilder(SectionKind.INTRODUCTION, None, closed=True)

    def profile_blocks(self, inner: list[Token], key: str) -> list[Block]:
        """A profile's blocks: a portrait, positions (a list, or lines typed one under the other),
        sentences. A first line that repeats the speaker's name is left out: the editions print
        the name line from the speaker entry."""
        st = self.st
        blocks: list[Block] = []
        i = 0
        while i < len(inner):
            tok = inner[i]
            end = _close_index(inner, i) if tok.nesting == 1 else i
            line = _line(tok)
            if tok.type == "paragraph_open" and "\n" in inner[i + 1].content and lone_image(inner[i + 1].content) is None:
                col = _indent_col(st.lines, line)
                lines = [x.strip() for x in inner[i + 1].content.split("\n") if x.strip()]
                items = tuple(ListItem((Paragraph(self.text(text, line + n, col)),), line + n) for n, text in enumerate(lines))
                blocks.append(ListBlock(False, items, line, bare=True))
            else:
                block = self.block(inner, i, end, 0)
                if block is not None:
                    blocks.append(block)
            i = end + 1
        speaker = st.speakers.get(key) if key else None
        first = next((b for b in blocks if not isinstance(b, Image)), None)
        # the name typed as a paragraph, or as the first of lines typed one under the other
        line1 = first.items[0].blocks[0] if isinstance(first, ListBlock) and first.bare else first
        if speaker is not None and isinstance(line1, Paragraph) and _repeats_name(line1.text.source, speaker):
            st.report.warning(
                st.path,
                line1.text.line,
                line1.text.col,
                f"the profile's first line repeats the name of '{key}': it is left out",
                "remove it: the editions print the name line from the speaker entry (name and honorific)",
            )
            if isinstance(first, ListBlock):
                rest = first.items[1:]  # lines typed one under the other are at least two
                blocks[blocks.index(first)] = replace(first, items=rest, line=rest[0].line)
            else:
                blocks.remove(line1)
        return blocks

    def typed_structure(self, source: str, line: int, col: int, current: _SectionBuilder) -> bool:
        """What the editions print themselves, typed into a paragraph: a speaker's label ("马军教授：",
        "＠MJ：", "Q:"), a question number ("01"), the profiles' heading, the editor's note's label.
        Reported (True), since each would be printed as text."""
        st = self.st
        first = source.split("\n", 1)[0]
        if _TYPED_NUMBER.match(first) and "\n" not in source:
            self.error(line, col, f"a question number typed by hand ('{first.strip('* ')}')", "remove the line: Colloquy numbers the questions (Q1 / 01) itself; start the question with '## '")
            return True
        heading = _TYPED_HEADING.match(first)
        if heading and "\n" not in source:
            self.error(line, col, f"the heading '{heading.group(1)}' typed as text", "remove it: the editions print the profiles' heading themselves; write each profile as '::: profile KEY'")
            return True
        note = _NOTE_LABEL.match(source)
        if note:
            self.error(line, col, f"an editor's note typed as a paragraph ('{note.group(1)}')", "write it between '::: editors-note' and ':::', without the label: the editions print it")
            return True
        typed = typed_label(source)
        if typed is None:
            return False
        key = speaker_for(typed, st.speakers)
        if key is None and not looks_like_label(typed):
            return False
        self.pasted_label(typed, source[: typed.end].strip(), key, line, col, current)
        return True

    def pasted_label(self, typed: TypedLabel, shown: str, key: str | None, line: int, col: int, current: _SectionBuilder) -> None:
        st = self.st
        in_turn = current.kind is SectionKind.QUESTION and not current.closed and (current.speaker is not None or current.unlabelled)
        printed = "printed as part of the turn before it" if in_turn else "printed as text"
        if typed.key or typed.text.startswith("＠"):
            wanted = key or typed.key or "KEY"
            self.error(line, col, f"'{typed.text}' is written with a full-width '＠'", f"write '@{wanted}: ' (half-width @ and colon)")
            return
        if key is not None:
            self.error(line, col, f"the speaker label '{shown}' is typed as text: it would be {printed}", f"write '@{key}: ' in its place")
            return
        declared = ", ".join(f"@{k}" for k in st.speakers) or "none"
        if typed.role is not None:
            hint = f"write '@KEY: ' with the key of the {typed.role.value} (declared: {declared})"
        else:
            hint = f"declare {typed.name} under 'speakers' (name: {typed.name}, honorific: {typed.honorific}) and write '@KEY: ' (declared: {declared})"
        self.error(line, col, f"'{shown}' looks like a speaker label typed as text: it would be {printed}", hint)

    def place(self, current: _SectionBuilder, block: Block, line: int) -> None:
        if current.closed:
            where = "after the profiles" if self.phase == "profiles-end" else "between the profiles and the first question"
            hint = "profiles come last; move this text above them" if self.phase == "profiles-end" else "move this text before the profiles"
            self.error(line, 1, f"text {where}", hint)
            return
        if current.kind is SectionKind.QUESTION and current.speaker is None and not current.unlabelled:
            example = list(self.st.speakers)[-1] if self.st.speakers else "MJ"
            self.error(line, 1, "text in a question before any speaker label", f"start the turn with a label such as '@{example}: ' (or '@: ' for an answer with no label)")
            return
        current.add(current.speaker, [block], line)

    def body_paragraph(self, inline: Token, line: int, current: _SectionBuilder) -> None:
        st = self.st
        source = inline.content
        col = _indent_col(st.lines, line)
        m = LABEL_RE.match(source)
        if m is None:
            bare = BARE_LABEL_RE.match(source)
            if bare and bare.group(1) in st.speakers and current.kind is SectionKind.QUESTION:
                self.error(
                    line,
                    col,
                    f"'{bare.group(1)}:' looks like a speaker label without its '@'",
                    f"write '@{bare.group(1)}: ' to start a turn",
                )
                return
            if self.typed_structure(source, line, col, current):
                return
            block = self.paragraph(inline, line, col)
            if block is not None:
                self.place(current, block, line)
            return
        key = m.group(1)
        if key and st.check_speakers and key not in st.speakers:
            declared = ", ".join(st.speakers) or "none"
            case = [k for k in st.speakers if k.casefold() == key.casefold()]
            close = difflib.get_close_matches(key, list(st.speakers), n=1)
            if case:
                hint = f"did you mean '@{case[0]}:'? Keys are written as declared, in capitals or not"
            elif close:
                hint = f"did you mean '@{close[0]}:'? Otherwise use a key from 'speakers' in the front matter"
            else:
                hint = "use a key from 'speakers' in the front matter"
            self.error(line, col, f"unknown speaker '{key}' (declared: {declared})", hint)
            return
        after = source[m.end() :].lstrip("\n")
        doubled = typed_label(after)
        if key and doubled is not None:
            other = speaker_for(doubled, st.speakers)
            typed = after[: doubled.end].strip()
            if other == key:
                self.error(line, col + m.end(), f"the label is typed twice: '@{key}:' and '{typed}'", f"remove '{typed}': the editions print the label of '@{key}:' themselves")
                return
            if other is not None or doubled.role is not None:
                hint = f"keep one label: '@{other}: ' if {other} says this" if other else f"remove '{typed}': a turn has one label"
                self.error(line, col + m.end(), f"'@{key}:' is followed by another label ('{typed}')", hint)
                return
        label = f"@{key}:"
        if current.kind is not SectionKind.QUESTION or current.closed:
            self.error(line, col, f"a speaker turn ('{label}') outside a question", "turns belong under a '## ' question heading")
            return
        rest = source[m.end() :]
        own_line = rest == "" or rest.startswith("\n")
        current.speaker = key or None
        current.unlabelled = not key
        current.new_turn(key or None, line, own_line)
        rest = _normalise(rest.lstrip("\n"))
        if rest:
            text_col = col + m.end() if not own_line else 1
            text_line = line if not own_line else line + 1
            current.add(key or None, [Paragraph(self.text(rest, text_line, text_col))], line)


#: a question's number typed on a line of its own ("01", "Q1:")
_TYPED_NUMBER = re.compile(r"^(?:\*\*)?(?:Q\s*\d{1,2}|\d{1,2}|第[一二三四五六七八九十]{1,3}[问题])(?:\*\*)?\s*[:：.、]?\s*(?:\*\*)?$", re.I)
#: the editions' own headings and run-in labels, typed by hand
_TYPED_HEADING = re.compile(r"^(?:\*\*)?\s*(专家介绍|专家简介|Expert Profiles?|About the Experts?)\s*[:：]?\s*(?:\*\*)?$", re.I)
_NOTE_LABEL = re.compile(r"^(?:\*\*)?\s*(编者按|编者的话|Editor[’']?s[’']? Note)\s*(?:\*\*)?\s*[:：]\s*(?:\*\*)?", re.I)


def _repeats_name(text: str, speaker: Speaker) -> bool:
    """Whether a line is the speaker's name with a title and little else ("Professor Ma Jun")."""
    plain = plain_text(text).strip().rstrip(":：")
    name = speaker.name.source.strip()
    return bool(name) and name in plain and len(plain) <= len(name) + 16


@dataclass
class _SectionBuilder:
    kind: SectionKind
    line: int | None
    number: int | None = None
    heading: Text | None = None
    speaker: str | None = None  # the speaker of the turn being read (a profile's: whose)
    closed: bool = False
    only: str | None = None
    #: the turn being read is an unlabelled one (``@:``)
    unlabelled: bool = False
    turns: list[Turn] = field(default_factory=list)
    #: the last turn ends: what follows is a new turn even with the same speaker
    _ended: bool = False

    def new_turn(self, speaker: str | None, line: int, own_line: bool) -> None:
        self.turns.append(Turn(speaker, (), line, own_line and speaker is not None, unlabelled=speaker is None))
        self._ended = False

    def add_turn(self, turn: Turn) -> None:
        if self.line is None:
            self.line = turn.line
        self.turns.append(turn)
        self._ended = True

    def add(self, speaker: str | None, blocks: list[Block], line: int) -> None:
        if self.line is None:
            self.line = line
        if self.turns and self.turns[-1].speaker == speaker and not self._ended:
            last = self.turns[-1]
            self.turns[-1] = Turn(last.speaker, last.blocks + tuple(blocks), last.line, last.label_on_own_line, last.unlabelled)
        else:
            self.turns.append(Turn(speaker, tuple(blocks), line, unlabelled=self.unlabelled and speaker is None))
            self._ended = False

    def finish(self, st: _State) -> None:
        if self.closed or self.line is None:
            return
        speaker = self.speaker if self.kind is SectionKind.PROFILE else None
        st.sections.append(Section(self.kind, tuple(self.turns), self.line, self.number, self.heading, speaker, self.only))
        self.closed = True


def _lint(st: _State, tokens: list[Token], front: FrontMatter | None, body_line: int) -> None:
    """The source lint's warnings (:mod:`colloquy.lint`), with the article's text rules."""
    from colloquy.house import HOUSE_STYLES, profile
    from colloquy.lint import Source, lint

    if front is not None:
        found = profile(front.meta.locale)
        chinese = found is not None and HOUSE_STYLES[found.house].chinese
    else:  # the front matter cannot be read: the text rules of the script most of the text is in
        body = "\n".join(st.lines[body_line - 1 :])
        chinese = len(re.findall(f"[{HAN}]", body)) > len(re.findall("[A-Za-z]", body)) / 3
    meta, speakers = (front.meta, front.speakers) if front is not None else (None, {})
    lint(Source(st.path, st.lines, tokens, meta, speakers, body_line, chinese), st.report)


def _series_parts(series: tuple[str, ...], folder: Path, lines: list[str], path: str, report: Report) -> None:
    """A part of the series that is not in the articles folder (yet): its link leads nowhere until
    it is published."""
    for slug in series:
        if slug != folder.name and not (folder.parent / slug / "article.md").is_file():
            line = next((n for n, text in enumerate(lines, 1) if re.fullmatch(rf"\s*-\s*['\"]?{re.escape(slug)}['\"]?\s*", text)), 1)
            report.warning(
                path,
                line,
                None,
                f"the series' part '{slug}' is not in the articles folder",
                "check the slug; until that part is published, its link in the series leads nowhere",
                code="series",
            )


def _unclosed_fences(tokens: list[Token], st: _State) -> None:
    """A ``:::`` section whose closing line is missing runs on, taking in what follows: to the end
    of the article (or of the list or quote it is in), or to the ``:::`` that closes the next
    section (sections are not nested: that line closes both). Reported at the line it opens on;
    the errors inside it follow from it and are not reported."""
    opens = [(i, tok) for i, tok in enumerate(tokens) if tok.type.startswith("container_") and tok.nesting == 1 and tok.map]
    for i, tok in opens:
        assert tok.map is not None
        start, end = tok.map  # a closed section's map ends before its closing line
        closing = st.lines[end] if end < len(st.lines) else ""
        closed = re.fullmatch(r"[>\s]*:{3,}\s*", closing) is not None
        close = _close_index(tokens, i)
        inner = [t for j, t in opens if i < j < close and t.map and t.map[1] == end]
        opened = st.lines[start].strip()
        if closed and not inner:
            continue
        if closed:  # a section opened inside it took its ':::'
            what = f"it takes in what follows, up to the ':::' of line {end + 1} (which closes '{st.lines[inner[0].map[0]].strip()[:30]}' too)"  # type: ignore[index]
        elif any(t.type == "heading_open" for t in tokens[i:close]):
            what = "it takes in the questions that follow"
        else:
            what = "it runs to the end of the article"
        if any(a < start + 1 < b for a, b in st.unclosed):
            continue  # inside one already reported
        hint = "end it with a line ':::' after its last paragraph"
        if closed and re.match(r":{3}\s*only\b", opened):
            hint = "a '::: only' that holds a '::: summary' or '::: editors-note' opens and closes with four colons: '::::'"
        st.report.error(st.path, start + 1, 1, f"'{opened[:40]}' is never closed: {what}", hint)
        st.unclosed.append((start + 1, end + 2))


def image_problem(src: str, folder: Path) -> tuple[str, str] | None:
    """Why an image reference is refused, or None: only files inside the article's folder."""
    if not src:
        return ("the image has no file name", "write ![alt text](file.jpg)")
    if ":" in src.split("/")[0] or src.startswith(("/", "\\")):
        return (f"image '{src}' is not a file in the article's folder", "copy the image next to article.md and write its file name")
    rel = PurePosixPath(src)
    if ".." in rel.parts:
        return (f"image '{src}' points outside the article's folder", "copy the image next to article.md and write its file name")
    if rel.suffix.lower() not in IMAGE_SUFFIXES:
        return (f"image '{src}' is not a supported image type", "use " + ", ".join(IMAGE_SUFFIXES))
    target = folder / rel
    if not target.is_file():
        return (f"image '{src}' does not exist", f"put the file in {display_path(folder)}/ or fix the name")
    try:
        target.resolve().relative_to(folder.resolve())
    except ValueError:
        return (f"image '{src}' resolves outside the article's folder", "copy the image itself into the folder instead of linking it")
    size = target.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return (
            f"image '{src}' is {size / 1048576:.1f} MB, over the {MAX_IMAGE_BYTES // 1048576} MB limit for an image",
            "export it smaller (a 2000-pixel-wide JPEG is plenty for print)",
        )
    suffix = rel.suffix.lower()
    if suffix == ".svg":
        return _svg_problem(src, target.read_bytes())
    with target.open("rb") as fh:
        data = fh.read(12)
    if not data.startswith(_SIGNATURES[suffix]) or (suffix == ".webp" and data[8:12] != b"WEBP"):
        kind = suffix[1:].upper().replace("JPG", "JPEG")
        return (f"image '{src}' is not a {kind} file (its content does not match its name)", f"export the image again as {kind}, or fix the extension")
    return None


def _svg_problem(src: str, data: bytes) -> tuple[str, str] | None:
    """An SVG is copied into the web edition as it is: it must be a plain drawing."""
    if b"<svg" not in data[:4096].lower():
        return (f"image '{src}' is not an SVG file (no <svg> element at its start)", "export the image again as SVG, or fix the extension")
    active = _SVG_ACTIVE.search(data)
    if active:
        rest = re.match(rb"[^\"')>\s]*", data[active.end() : active.end() + 60])
        found = (active.group(0) + (rest.group(0) if rest else b"")).decode("utf-8", "replace").strip()
        return (
            f"image '{src}' holds a script or a reference to another file ('{found}')",
            "export a plain SVG (no scripts, links or embedded files), or use a PNG",
        )
    return None


def read_text(text: str, path: str, folder: Path, report: Report, locales: tuple[str, ...] = DEFAULT_LOCALES) -> Article | None:
    """Read an article from its decoded text; problems go to ``report``."""
    start_errors = len(report.errors)
    _control_problems(text, path, report)
    tokens = parser().parse(text)
    if not tokens or tokens[0].type != "front_matter":
        if not text.strip():
            report.error(path, 1, 1, "the file is empty", "write the front matter and the interview; see docs/source-format.md")
        elif text.split("\n", 1)[0].rstrip() == "---":
            report.error(path, 1, 1, "the front matter is not closed", "end the metadata with a line of three hyphens '---'")
        else:
            report.error(
                path, 1, 1, "the article has no front matter", "start the file with a '---' line, the metadata, and another '---' line"
            )
        return None
    fm_tok = tokens[0]
    front = parse_front_matter(fm_tok.content, 2, path, folder.name, locales, report)
    if front is not None and front.meta.image is not None and front.image_pos is not None:
        problem = image_problem(front.meta.image, folder)
        if problem is not None:
            report.error(path, front.image_pos[0], front.image_pos[1], *problem)
    lines = text.split("\n")
    if front is not None:
        _series_parts(front.meta.series, folder, lines, path, report)
    if front is not None:
        st = _State(path, folder, lines, front.speakers, report, locales=locales)
    else:
        # the front matter has errors (reported): check the labels against the keys it declares,
        # or not at all when they cannot be known, rather than call every label unknown
        declared = declared_speaker_keys(fm_tok.content)
        st = _State(path, folder, lines, dict.fromkeys(declared or ()), report, check_speakers=declared is not None, locales=locales)
    body_tokens = tokens[1:]
    if not any(t.type == "inline" and t.content.strip() for t in body_tokens):
        report.error(
            path,
            (fm_tok.map[1] if fm_tok.map else 1) + 1,
            1,
            "the article has no text",
            "write the introduction and the questions below the front matter",
        )
        return None
    _unclosed_fences(body_tokens, st)
    _Reader(st).body(body_tokens)
    if len(report.errors) == start_errors:  # the errors first: the lint's warnings once they are fixed
        _lint(st, body_tokens, front, (fm_tok.map[1] if fm_tok.map else 1) + 1)
    if front is None or len(report.errors) > start_errors:
        return None
    return Article(
        meta=front.meta,
        speakers=front.speakers,
        sections=tuple(st.sections),
        path=path,
        source_hash=hashlib.sha256(text.encode()).hexdigest(),
    )


def read_article(path: Path, report: Report | None = None, locales: tuple[str, ...] = DEFAULT_LOCALES) -> Article:
    """Read ``articles/<slug>/article.md``; raise :class:`InputError` with every problem found."""
    from colloquy.diagnostics import display_path

    rep = report if report is not None else Report()
    shown = display_path(path)
    if path.is_symlink() or path.parent.is_symlink():  # it would publish a file from elsewhere
        rep.error(shown, 1, 1, "the article is a symbolic link", "copy the article into its folder instead of linking it")
        raise InputError(rep)
    try:
        with path.open("rb") as fh:  # never more than the limit in memory
            data = fh.read(MAX_SOURCE_BYTES + 1)
            size = os.fstat(fh.fileno()).st_size
    except OSError as exc:
        rep.error(shown, 1, 1, f"cannot read the file: {exc.strerror}", "check that it exists and is readable")
        raise InputError(rep) from None
    text = decode_source(data, shown, rep, max(size, len(data)))
    article = None if text is None else read_text(text, shown, path.parent, rep, locales)
    if article is None:
        raise InputError(rep)
    return article
