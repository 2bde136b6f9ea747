"""Inline markup: the one Markdown dialect Colloquy reads, and its inline nodes.

Sources and translations both use it: CommonMark plus ``^sup^`` and ``~sub~``
(markdown-it-py with mdit-py-plugins). The writers render :class:`Span` trees; the
reader and the translation checks use :func:`parse_inline` to validate texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin

#: fenced sections (``::: name …``) the source format knows
CONTAINERS = ("editors-note", "summary", "profile", "only", "video")
#: link schemes a text may use
LINK_SCHEMES = ("http", "https", "mailto")
#: emphasis, links, sup and sub nested deeper than this are refused (and never rendered nested)
MAX_INLINE_NESTING = 8


def _make_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"typographer": False})
    md.use(front_matter_plugin).use(superscript_plugin).use(sub_plugin)
    for name in CONTAINERS:
        md.use(container_plugin, name=name)
    return md


@cache
def parser() -> MarkdownIt:
    return _make_parser()


@cache
def _checking_parser() -> MarkdownIt:
    """The same dialect, but every link target makes a link: markdown-it leaves a link it
    refuses (``javascript:``, ``vbscript:``, ``file:`` …) as plain text, silently, so the checks
    parse with this one to report it. Only for checking; rendering uses :func:`parser`."""
    md = _make_parser()
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


@dataclass(frozen=True)
class Span:
    """An inline node: ``text``, ``em``, ``strong``, ``link``, ``sup``, ``sub``, ``code``, ``br``,
    ``image`` (not allowed inside text; kept so that it can be reported) or ``html`` (likewise)."""

    kind: str
    text: str = ""
    href: str = ""
    children: tuple[Span, ...] = ()

    def plain(self) -> str:
        if self.kind in ("text", "code", "html"):
            return self.text
        if self.kind == "br":
            return "\n"
        return "".join(c.plain() for c in self.children)


_PAIRS = {"em_open": "em", "strong_open": "strong", "link_open": "link", "sup_open": "sup", "sub_open": "sub"}


def _build(tokens: list[Token]) -> tuple[Span, ...]:
    out: list[Span] = []
    stack: list[tuple[str, str, list[Span]]] = []
    cur = out
    for tok in tokens:
        if tok.type in _PAIRS:
            if len(stack) >= MAX_INLINE_NESTING:  # too deep (refused by inline_problems): keep the text, drop the markup
                stack.append(("", "", cur))
                continue
            href = str(tok.attrGet("href") or "") if tok.type == "link_open" else ""
            stack.append((_PAIRS[tok.type], href, cur))
            cur = []
        elif tok.type.endswith("_close") and stack:
            kind, href, parent = stack.pop()
            if not kind:
                continue
            parent.append(Span(kind, href=href, children=tuple(cur)))
            cur = parent
        elif tok.type == "text":
            if not tok.content:  # markdown-it leaves empty text tokens around emphasis delimiters
                continue
            if cur and cur[-1].kind == "text":
                cur[-1] = Span("text", cur[-1].text + tok.content)
            else:
                cur.append(Span("text", tok.content))
        elif tok.type == "softbreak":
            cur.append(Span("text", " "))
        elif tok.type == "hardbreak":
            cur.append(Span("br"))
        elif tok.type == "code_inline":
            cur.append(Span("code", tok.content))
        elif tok.type == "image":
            cur.append(Span("image", tok.content, href=str(tok.attrGet("src") or "")))
        elif tok.type == "html_inline":
            cur.append(Span("html", tok.content))
    while stack:  # unbalanced (cannot happen with markdown-it, but never lose text)
        kind, href, parent = stack.pop()
        if kind:
            parent.append(Span(kind, href=href, children=tuple(cur)))
            cur = parent
    return tuple(out)


def _parse_inline_with(md: MarkdownIt, source: str) -> tuple[Span, ...]:
    tokens = md.parseInline(source)
    children = tokens[0].children if tokens and tokens[0].children else []
    return _build(children)


@cache
def parse_inline(source: str) -> tuple[Span, ...]:
    """Parse one text's inline Markdown into spans."""
    return _parse_inline_with(parser(), source)


def plain_text(source: str) -> str:
    """The text without its markup: what a reader reads."""
    return "".join(s.plain() for s in parse_inline(source))


def walk(spans: tuple[Span, ...]) -> list[Span]:
    """Every span, depth first."""
    result: list[Span] = []
    for s in spans:
        result.append(s)
        result.extend(walk(s.children))
    return result


def link_problem(href: str) -> str | None:
    """Why a link target is refused, or None when it is fine."""
    scheme, sep, rest = href.partition(":")
    if not sep or "/" in scheme:
        return f"link '{href}' is not an absolute URL"
    if scheme.lower() not in LINK_SCHEMES:
        return f"link scheme '{scheme}:' is not allowed"
    if scheme.lower() in ("http", "https") and not rest.startswith("//"):
        return f"link '{href}' is not an absolute URL"
    return None


@lru_cache(maxsize=64)
def _checked(source: str) -> tuple[Token, ...]:
    """The inline tokens of ``source`` as the checks see them (read only: shared by the
    reader's calls on one text)."""
    tokens = _checking_parser().parseInline(source)
    return tuple(tokens[0].children or []) if tokens else ()


def lone_image(source: str) -> Token | None:
    """The image token when a paragraph is one image whatever its target, including those
    markdown-it refuses to parse as an image (``file:``, ``javascript:`` …), so that the reader
    reports them as images rather than as text."""
    children = [c for c in _checked(source) if not (c.type == "text" and not c.content.strip())]
    return children[0] if len(children) == 1 and children[0].type == "image" else None


def _depth(tokens: tuple[Token, ...]) -> int:
    depth = deepest = 0
    for tok in tokens:
        depth += tok.nesting
        deepest = max(deepest, depth)
    return deepest


def inline_problems(source: str, *, translation: bool = False, refusals_only: bool = False) -> list[tuple[str, str]]:
    """Problems of one text's inline markup, as (message, hint) pairs. ``translation``: the
    text is a translation (a msgstr), where an image cannot stand alone; ``refusals_only``:
    only what is never rendered (raw HTML, images, refused links, too deep nesting), not the
    markup that merely prints wrong."""
    problems: list[tuple[str, str]] = []
    tokens = _checked(source)
    if _depth(tokens) > MAX_INLINE_NESTING:
        problems.append(
            (f"emphasis, links, ^sup^ and ~sub~ are nested more than {MAX_INLINE_NESTING} levels deep", "simplify the markup")
        )
    for span in walk(_build(list(tokens))):
        if span.kind == "html":
            problems.append(
                (f"raw HTML '{span.text}' is not allowed", "write Markdown instead (*emphasis*, **strong**, ^sup^, ~sub~)")
            )
        elif span.kind == "image" and translation:
            problems.append((f"an image ('{span.href}') is not allowed in a translation", "translate the text only; images come from the article"))
        elif span.kind == "image":
            problems.append(("an image must stand alone in its own paragraph", "put a blank line before and after it"))
        elif span.kind == "link":
            why = link_problem(span.href)
            if why:
                problems.append((why, "links may use http://, https:// or mailto: only"))
        elif span.kind == "text" and "**" in span.text and not refusals_only:
            problems.append(
                (
                    "'**' would be printed literally: the emphasis does not close",
                    "put punctuation outside the markers next to Chinese text (**细胞治疗**：), or escape a literal star as \\*",
                )
            )
    return problems
