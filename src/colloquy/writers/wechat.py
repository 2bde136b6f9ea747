"""The WeChat edition: a page the web desk pastes into the WeChat Official Account (公众号) editor.

That editor keeps what a paste brings only in part: no ``<style>`` element, no class, no script,
no web font, no link out of WeChat, no image it cannot fetch — only elements of a small set, each
styled by its own ``style`` attribute. So this writer renders the edition document
(:mod:`colloquy.writers.edition`) with Jinja2 templates (``templates/wechat/``) into elements of
:data:`TAGS` only, every style inline and made of the properties of :data:`PROPERTIES` only;
links become numbered notes printed at the end (a video's address is printed under its poster);
images are files beside the page (``dist/wechat/<slug>/``), listed, with the title, digest and
cover, on the desk's page of the article (``dist/wechat/<slug>/index.html``), to upload.

:func:`whitelist_problems` checks a page against the whitelist: the writer refuses to write a page
that breaks it, and ``tests/test_wechat.py`` checks the written pages with a conforming parser.
docs/web-desk.md documents the whitelist (a test keeps the two equal).

Files: ``dist/wechat/<slug>.html`` (the Simplified Chinese edition) and
``dist/wechat/<slug>.bilingual.html`` (its bilingual edition, Chinese first) — see
:func:`colloquy.writers.base.wechat_editions`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from colloquy.fsutil import write_atomic
from colloquy.markup import Span, link_problem, parse_inline, plain_text
from colloquy.model import Block, Image, ListBlock, Only, Quote, SectionKind, Text, Video
from colloquy.typography import TYPOGRAPHY, pieces
from colloquy.writers.base import WECHAT, Output

if TYPE_CHECKING:
    from colloquy.i18n.ui import Ui
    from colloquy.project import Project
    from colloquy.writers.edition import Cell, EditionDoc, Row

# ---------------------------------------------------------------- the whitelist

#: the elements a WeChat page's body may hold
TAGS = frozenset({"section", "p", "span", "strong", "em", "sup", "sub", "br", "img"})
#: the attributes, by element ("*": every element)
ATTRIBUTES: dict[str, frozenset[str]] = {"*": frozenset({"style"}), "img": frozenset({"style", "src", "alt"})}
#: the CSS properties a style attribute may set
PROPERTIES = frozenset(
    {
        "color",
        "background-color",
        "font-size",
        "font-weight",
        "font-family",
        "line-height",
        "letter-spacing",
        "text-align",
        "text-indent",
        "word-break",
        "margin",
        "padding",
        "padding-left",
        "border",
        "border-left",
        "border-bottom",
        "border-radius",
        "display",
        "width",
        "max-width",
        "height",
        "flex-shrink",
        "align-items",
        "box-sizing",
    }
)
#: values a style may never carry: resources (url()), variables, expressions, priorities
FORBIDDEN_VALUES = re.compile(r"url\(|var\(|expression|!\s*important|@import|javascript:|\\", re.I)
#: the elements outside the body a page may have (its head)
HEAD_TAGS = frozenset({"html", "head", "meta", "title", "body"})


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.in_body = True
            if attrs:
                self.problems.append("<body> has attributes")
            return
        if not self.in_body:
            if tag not in HEAD_TAGS:
                self.problems.append(f"<{tag}> in the page's head")
            return
        if tag not in TAGS:
            self.problems.append(f"<{tag}> is not in the whitelist")
        allowed = ATTRIBUTES.get(tag, frozenset()) | ATTRIBUTES["*"]
        for name, value in attrs:
            if name not in allowed:
                self.problems.append(f"<{tag} {name}=…>: the attribute is not in the whitelist")
            elif name == "style":
                self.problems += [f"<{tag}>: {p}" for p in style_problems(value or "")]
            elif name == "src" and (value is None or ":" in value.split("/")[0] or value.startswith("/")):
                self.problems.append(f"<img src='{value}'>: an image is a file beside the page")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def style_problems(style: str) -> list[str]:
    """What in a ``style`` attribute breaks the whitelist (properties, values)."""
    problems = []
    if FORBIDDEN_VALUES.search(style):
        problems.append(f"style '{style}' carries a resource, a variable or a priority")
    for declaration in (d.strip() for d in style.split(";")):
        if not declaration:
            continue
        name, sep, value = declaration.partition(":")
        name = name.strip().lower()
        if not sep or not value.strip():
            problems.append(f"style declaration '{declaration}' has no value")
        elif name not in PROPERTIES:
            problems.append(f"CSS property '{name}' is not in the whitelist")
    return problems


def whitelist_problems(html: str) -> list[str]:
    """Every way a WeChat page breaks the whitelist (an empty list: none)."""
    scan = _Scan()
    scan.feed(html)
    scan.close()
    return scan.problems


# ---------------------------------------------------------------- the look

#: the faces of Latin text: the readers' systems' own (a web font never reaches WeChat)
LATIN_SYSTEM_FONTS = "-apple-system,BlinkMacSystemFont,'Helvetica Neue',Helvetica,Roboto,'Noto Sans',Arial,sans-serif"


def _css(**properties: str | int | float) -> str:
    return ";".join(f"{k.replace('_', '-')}:{v}" for k, v in properties.items())


def styles() -> dict[str, str]:
    """Every inline style of the WeChat pages, from the house typography (``typography.py``).

    Each paragraph's style is complete — size, line height, colour, spacing, alignment — and
    inherits nothing: a browser's copy keeps only some inherited properties (Chromium pushes
    the colour and the size down into what it copies, not the line height), and a paste keeps
    what the pasted elements carry. Widths are in pixels or 100%: a copy turns a percentage
    into the pixels of the copying window, which would not fit a phone."""
    T = TYPOGRAPHY
    ink, muted, accent, rule = f"#{T.ink}", f"#{T.muted}", f"#{T.accent}", f"#{T.rule}"
    dark = "#3B4150"  # the interviewer's questions, set apart from the answers

    def text(size: int, color: str, *, lh: float = T.cjk_line_height, weight: int = 400, align: str = "justify", spacing: str = "0.5px", margin: str = "0 0 16px", **more: str) -> str:
        return _css(margin=margin, font_size=f"{size}px", line_height=lh, color=color, font_weight=weight, letter_spacing=spacing, text_align=align, **more)

    return {
        "root": _css(max_width="677px", margin="0 auto", padding="16px 14px", box_sizing="border-box"),
        "event": text(13, accent, lh=1.6, align="left", spacing="1px", margin="0 0 20px"),
        "series": text(14, muted, lh=1.6, align="left", margin="0 0 20px"),
        "p": text(16, ink),
        "p-secondary": text(15, muted, align="left"),
        "interviewer": _css(color=dark),
        "label": _css(color=accent, font_weight=700),
        "qnum": text(28, accent, lh=1.2, weight=700, align="left", spacing="1px", margin="36px 0 4px"),
        "qhead": text(18, ink, lh=1.5, weight=700, align="left", margin="0 0 18px", padding="0 0 8px", border_bottom=f"1px solid {rule}"),
        "qhead-secondary": text(15, muted, lh=1.5, weight=700, align="left", margin="-10px 0 18px"),
        "subheading": text(17, ink, lh=1.5, weight=700, align="left", margin="28px 0 12px"),
        "subheading-secondary": text(15, muted, lh=1.5, weight=700, align="left", margin="-6px 0 12px"),
        "box": _css(margin="0 0 24px", padding="12px 14px", background_color="#F6F6F7", border_left=f"3px solid {accent}"),
        "box-p": text(16, muted, margin="6px 0"),
        "box-p-secondary": text(15, muted, align="left", margin="6px 0"),
        "summary-p": text(16, dark, weight=700, margin="6px 0"),
        "summary-p-secondary": text(15, muted, weight=700, align="left", margin="6px 0"),
        "item": text(16, ink, align="left", margin="0 0 8px", padding_left="1.6em", text_indent="-1.6em"),
        "item-secondary": text(15, muted, align="left", margin="0 0 8px", padding_left="1.6em", text_indent="-1.6em"),
        "item-bare": text(16, ink, align="left", margin="0 0 6px"),
        "position-bare": text(14, dark, lh=1.6, align="left", margin="0 0 4px"),
        "position-bare-secondary": text(13, muted, lh=1.6, align="left", margin="0 0 4px"),
        "item-bare-secondary": text(15, muted, align="left", margin="0 0 6px"),
        "quote": _css(margin="16px 0", padding="4px 0 4px 14px", border_left=f"3px solid {rule}"),
        "quote-p": text(16, muted),
        "figure": _css(margin="20px 0", text_align="center"),
        "img": _css(display="block", max_width="100%", height="auto", margin="0 auto"),
        "caption": text(13, muted, lh=1.6, align="center", margin="8px 0 0"),
        "caption-secondary": text(13, muted, lh=1.6, align="center", margin="-12px 0 20px"),
        "video-line": text(14, accent, lh=1.6, align="center", margin="8px 0 0"),
        "url": text(13, accent, lh=1.6, align="center", margin="0", word_break="break-all"),
        "profiles": _css(margin="36px 0 20px", padding="16px 14px 4px", border=f"1px solid {accent}", border_radius="4px", background_color="#FBF7F8"),
        "profiles-title": text(17, accent, lh=1.5, weight=700, align="center", spacing="2px", margin="0 0 14px"),
        "profiles-title-secondary": text(14, muted, lh=1.5, weight=700, align="center", margin="-10px 0 14px"),
        "profile-group": text(15, muted, lh=1.5, weight=700, align="left", margin="8px 0 10px"),
        "profile-group-secondary": _css(font_weight=400),
        "profile": _css(display="flex", align_items="flex-start", margin="0 0 16px"),
        # a portrait of a fixed width beside the text, which takes the rest of the line
        "portrait": _css(width="88px", flex_shrink=0, margin="0 12px 0 0"),
        "portrait-img": _css(display="block", width="88px", height="auto", border_radius="2px"),
        "profile-text": _css(margin="0"),
        "profile-name": text(16, ink, lh=1.5, weight=700, align="left", margin="0 0 6px"),
        "profile-name-secondary": text(14, muted, lh=1.5, weight=700, align="left", margin="0 0 6px"),
        "position": text(14, dark, lh=1.6, align="left", margin="0 0 4px"),
        "position-secondary": text(13, muted, lh=1.6, align="left", margin="0 0 4px"),
        "hanging": _css(padding_left="1em", text_indent="-1em"),
        "series-current": _css(color=accent, font_weight=700),
        "marker": _css(background_color=f"#{T.highlight}", font_size="12px", font_weight=700, color="#7A5A00"),
        "untranslated": _css(background_color=f"#{T.highlight}"),
        "code": _css(background_color="#F2F3F5", padding="0 3px", font_size="14px"),
        "note-ref": _css(font_size="11px", color=accent),
        "notes": _css(margin="36px 0 0", padding="12px 0 0"),
        "notes-title": text(13, muted, lh=1.6, weight=700, align="left", margin="0 0 8px"),
        "note": text(12, muted, lh=1.6, align="left", margin="0 0 4px", word_break="break-all"),
        "copyright": text(12, "#8A8F98", lh=1.6, align="center", margin="32px 0 0"),
        # the system's Latin faces for Latin text (no web font: WeChat loads none); Chinese text keeps WeChat's own
        "latin": _css(font_family=LATIN_SYSTEM_FONTS, letter_spacing="0"),
    }


# ---------------------------------------------------------------- rendering


@dataclass
class Group:
    """Rows rendered together: a box (the editor's note, the summary, the profiles) or plain rows."""

    kind: str  # rows, editors-note, summary, profiles
    rows: list[Row] = field(default_factory=list)


def groups(rows: list[Row]) -> list[Group]:
    """The document's rows, the consecutive rows of a box gathered."""
    out: list[Group] = []
    for row in rows:
        kind = row.section.kind
        if row.kind in ("profile-title", "profile-group", "profile"):
            name = "profiles"
        elif kind in (SectionKind.EDITORS_NOTE, SectionKind.SUMMARY):
            name = kind.value
        else:
            name = "rows"
        if out and out[-1].kind == name and (name in ("rows", "profiles") or out[-1].rows[-1].section is row.section):
            out[-1].rows.append(row)
        else:
            out.append(Group(name, [row]))
    return out


class Renderer:
    """What the templates call: inline Markdown to whitelisted elements, links to numbered notes,
    image addresses, the order of a bilingual row's cells (Chinese first)."""

    def __init__(self, doc: EditionDoc, slug: str, wechat_locale: str, site_url: str | None) -> None:
        self.doc = doc
        self.slug = slug
        self.S = styles()
        self.notes: list[str] = []
        self.site_url = site_url
        #: the columns in the WeChat edition's order: its Chinese first
        self.order = sorted(range(len(doc.uis)), key=lambda i: doc.uis[i].locale.name != wechat_locale)

    # -- cells and heads in order

    def cells(self, row: Row) -> list[tuple[Cell, bool]]:
        """(cell, secondary): a bilingual row's cells, Chinese first, the other one secondary."""
        return [(row.cells[i], n > 0) for n, i in enumerate(self.order)]

    @property
    def heads(self) -> list[Any]:
        return [self.doc.heads[i] for i in self.order]

    def s(self, name: str, cell: Cell | None = None, secondary: bool = False, *more: str) -> str:
        """The style ``name`` (its ``-secondary`` variant in a bilingual row's second cell), with
        the styles ``more`` after it, in the system's Latin faces for a cell of Latin text."""
        from colloquy.house import Script

        key = f"{name}-secondary" if secondary and f"{name}-secondary" in self.S else name
        parts = [self.S[key], *more]
        if secondary and cell is not None and cell.ui.locale.script is Script.LATIN:
            parts.append(self.S["latin"])
        return ";".join(p for p in parts if p)

    def marker(self, cell: Cell) -> str:
        """"【尚未翻译】": what precedes a text of the cell still in the source language."""
        from colloquy.i18n.ui import untranslated_marker

        return untranslated_marker(cell.ui).strip()

    def image_src(self, image: Image) -> str:
        return f"{self.slug}/{image.src}"

    # -- notes

    def note(self, url: str) -> int:
        if url not in self.notes:
            self.notes.append(url)
        return self.notes.index(url) + 1

    def series_note(self, part: str, edition: str) -> int | None:
        """A note with the address of another part of a series (with a site address)."""
        if self.site_url is None:
            return None
        return self.note(f"{self.site_url}{edition}/{part}.html")

    # -- inline text

    def inline(self, text: Text | str | None) -> Markup:
        if text is None:
            return Markup("")
        source = text.source if isinstance(text, Text) else text
        return Markup(self._spans(parse_inline(source)))

    def _text(self, text: str) -> str:
        """Plain text; in Chinese text, a Latin word with punctuation inside (O’Connor, CAR-T) in
        the system's Latin faces: in a Chinese face its apostrophe is a full-width mark
        ("O’ Connor") and its hyphen a wide dash."""
        return "".join(f'<span style="{self.S["latin"]}">{escape(p.text)}</span>' if p.latin else str(escape(p.text)) for p in pieces(text))

    def _spans(self, spans: tuple[Span, ...]) -> str:
        out: list[str] = []
        for s in spans:
            if s.kind == "text":
                out.append(self._text(s.text))
            elif s.kind == "br":
                out.append("<br>")
            elif s.kind in ("em", "strong", "sup", "sub"):
                out.append(f"<{s.kind}>{self._spans(s.children)}</{s.kind}>")
            elif s.kind == "code":
                out.append(f'<span style="{self.S["code"]}">{escape(s.text)}</span>')
            elif s.kind == "link":
                inner = self._spans(s.children)
                label = "".join(c.plain() for c in s.children)
                if link_problem(s.href) is not None or label.strip() == s.href or label.strip() == s.href.removeprefix("mailto:"):
                    out.append(inner)  # the address is the text: it needs no note
                else:
                    out.append(f'{inner}<sup style="{self.S["note-ref"]}">[{self.note(s.href)}]</sup>')
            else:  # image, html: never passed through
                out.append(str(escape(s.text)))
        return "".join(out)


def wechat_locale(doc: EditionDoc) -> str:
    """The locale the WeChat edition is written for: the edition's Simplified Chinese one."""
    from colloquy.house import Script

    return next((ui.locale.name for ui in doc.uis if ui.locale.script is Script.SIMPLIFIED), doc.uis[0].locale.name)


def render_wechat(output: Output) -> str:
    from colloquy.writers.html import _install, environment

    doc = output.doc
    locale = wechat_locale(doc)
    ui = next(u for u in doc.uis if u.locale.name == locale)
    env = environment(output.project.templates_dir)
    _install(env, ui)
    wx = Renderer(doc, doc.slug, locale, output.project.site_url)
    from colloquy.i18n import ui as L

    return env.get_template("wechat/article.html").render(
        doc=doc,
        wx=wx,
        S=wx.S,
        ui=ui,
        L=L,
        lang=ui.tag,
        groups=groups(doc.rows),
        title=plain_text(doc.heads[wx.order[0]].title.source),
        edition=doc.edition,
    )


class WechatWriter:
    format = WECHAT
    uses_fonts = False

    def write(self, output: Output) -> None:
        html = render_wechat(output)
        problems = whitelist_problems(html)
        if problems:  # a template that breaks the whitelist: the page would not survive the paste
            raise ValueError("the WeChat page breaks its whitelist: " + "; ".join(sorted(set(problems))[:5]))
        write_atomic(output.path, html.encode())


# ---------------------------------------------------------------- the images and the desk's page


@dataclass(frozen=True)
class Upload:
    """An image to upload into the WeChat editor, where the pasted page shows it."""

    number: int
    src: str  # its file, relative to the desk's folder
    alt: str
    caption: str
    where: str  # the section it stands in ("01 …", the profiles …)
    cover: bool = False


def uploads(doc: EditionDoc, lead: str | None) -> list[Upload]:
    """The images of the WeChat edition in reading order (the Chinese column's), the lead image
    (the cover) first when it is not one of them."""
    locale = wechat_locale(doc)
    column = next(i for i, ui in enumerate(doc.uis) if ui.locale.name == locale)
    found: list[tuple[Image, str]] = []
    where = ""
    for row in doc.rows:
        cell = row.cells[column]
        if row.kind == "question":
            where = " ".join(x for x in (cell.number or "", plain_text(cell.text.source) if cell.text else "") if x)
        elif row.kind == "profile-title":
            where = cell.heading or ""
        for image in _cell_images(cell):
            found.append((image, where))
    out: list[Upload] = []
    seen: set[str] = set()
    if lead is not None and lead not in {i.src for i, _ in found}:
        out.append(Upload(1, lead, "", "", "", cover=True))
        seen.add(lead)
    for image, place in found:
        if image.src in seen:
            continue
        seen.add(image.src)
        caption = plain_text(image.caption.source) if image.caption else ""
        out.append(Upload(len(out) + 1, image.src, plain_text(image.alt.source), caption, place, cover=image.src == lead))
    return out


def _cell_images(cell: Cell) -> list[Image]:
    found: list[Image] = []
    if cell.profile is not None:
        if cell.profile.portrait is not None:
            found.append(cell.profile.portrait)
        for block in cell.profile.blocks:
            found += _block_images(block)
    if cell.block is not None:
        found += _block_images(cell.block)
    return found


def _block_images(block: Block) -> list[Image]:
    """The images of a block, its inner blocks' included, in reading order."""
    if isinstance(block, Image):
        return [block]
    if isinstance(block, Video):
        return [block.poster] if block.poster is not None else []
    if isinstance(block, ListBlock):
        return [i for item in block.items for inner in item.blocks for i in _block_images(inner)]
    if isinstance(block, Quote | Only):
        return [i for inner in block.blocks for i in _block_images(inner)]
    return []


def write_media(project: Project, doc: EditionDoc, article_dir: Path, folder: Path, uis: dict[str, Ui]) -> None:
    """``dist/wechat/<slug>/``: the images the WeChat editions show and the cover, and the desk's
    page (``index.html``) that lists them with the title, digest and cover to enter."""
    from colloquy.i18n import ui as L
    from colloquy.writers.html import _install, environment, lead_image

    lead = lead_image(doc.articles[0], doc.slug)
    lead_src = lead.split("/", 2)[2] if lead else None
    files = uploads(doc, lead_src)
    wanted = {u.src for u in files}
    for src in sorted(wanted):
        write_atomic(folder / src, (article_dir / src).read_bytes())
    for old in sorted(folder.rglob("*"), reverse=True) if folder.is_dir() else []:
        rel = old.relative_to(folder).as_posix()
        if old.is_file() and rel not in wanted and rel != "index.html":
            old.unlink()
        elif old.is_dir() and not any(old.iterdir()):
            old.rmdir()
    locale = wechat_locale(doc)
    ui = uis[locale]
    column = next(i for i, u in enumerate(doc.uis) if u.locale.name == locale)
    head = doc.heads[column]
    env = environment(project.templates_dir)
    _install(env, ui)
    digest = plain_text(head.subtitle.source) if head.subtitle is not None else _summary(doc, column) or plain_text(head.event_line or "")
    html = env.get_template("wechat/desk.html").render(
        doc=doc,
        head=head,
        ui=ui,
        L=L,
        lang=ui.tag,
        title=plain_text(head.title.source),
        author=plain_text(head.outlet.source),
        digest=digest,
        original=project.url(f"{doc.edition.id}/{doc.slug}.html"),
        uploads=files,
        slug=doc.slug,
        wechat=WECHAT,
    )
    write_atomic(folder / "index.html", html.encode())


def _summary(doc: EditionDoc, column: int) -> str:
    """The first paragraph of the summary (导语), if the article has one."""
    for row in doc.rows:
        cell = row.cells[column]
        if row.section.kind is SectionKind.SUMMARY and cell.text is not None:
            return plain_text(cell.text.source)
    return ""
