"""PDF/UA-1 checks after the Matterhorn Protocol, with pikepdf: the machine-checkable failure
conditions that apply to Colloquy's PDFs (no validator such as veraPDF installs here).

:func:`check` opens a PDF and returns a :class:`Finding` per failed condition, each with its
Matterhorn checkpoint. The list of what is checked, and what is not and why, is
docs/print.md ("PDF/UA-1: the Matterhorn checks"). The tests run it on every edition.

The text of each structure element is read from the marked content of the pages, through the
fonts' ToUnicode maps, so that the languages can be checked against what the text is: a
structure element holding Chinese text must be in Chinese (11-001).
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: ISO 32000-1, 14.8.4: the standard structure types
STANDARD_TYPES = frozenset(
    ["Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index", "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form"]
)
_HEADING = re.compile(r"^H([1-6])$")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TEXT_OPS = frozenset({"Tj", "TJ", "'", '"'})
_PAINT_OPS = frozenset({"Tj", "TJ", "'", '"', "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "Do", "BI"})
_XMP_NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}


@dataclass(frozen=True)
class Finding:
    checkpoint: str  # "06-002"; "colloquy" for the house's own structural rules
    message: str

    def __str__(self) -> str:
        return f"{self.checkpoint}: {self.message}"


#: the checkpoints :func:`check` tests, with the Matterhorn Protocol's wording
CHECKPOINTS: dict[str, str] = {
    "01-003": "Content marked as Artifact is present inside tagged content.",
    "01-004": "Tagged content is present inside content marked as Artifact.",
    "01-005": "Content is neither marked as Artifact nor tagged as real content.",
    "01-007": "Suspects entry has a value of true.",
    "02-001": "One or more non-standard tag's mapping does not terminate with a standard type.",
    "02-004": "One or more standard types are remapped.",
    "06-001": "Document does not contain an XMP metadata stream.",
    "06-002": "The XMP metadata stream in the Catalog dictionary does not include the PDF/UA identifier.",
    "06-003": "XMP metadata stream does not contain dc:title.",
    "07-001": "ViewerPreferences dictionary of the Catalog dictionary does not contain a DisplayDocTitle entry.",
    "07-002": "ViewerPreferences dictionary of the Catalog dictionary contains a DisplayDocTitle entry with a value of false.",
    "09-005": "A list-related structure element is used in a way that does not conform to Table 336 in ISO 32000-1.",
    "10-001": "Character code cannot be mapped to Unicode.",
    "11-001": "Natural language for text in page content cannot be determined.",
    "11-006": "Natural language for document metadata cannot be determined.",
    "13-004": "<Figure> tag alternative or replacement text missing.",
    "14-002": "Does use numbered headings, but the first heading tag is not <H1>.",
    "14-003": "Numbered heading levels in descending sequence are skipped.",
    "14-007": "Document uses both <H> and <H#> tags.",
    "28-008": "A page containing an annotation does not contain a Tabs key.",
    "28-009": "A page containing an annotation has a Tabs key with a value other than S.",
    "28-011": "A link annotation is not nested within a <Link> tag.",
    "28-012": "A link annotation does not include an alternate description in its Contents entry.",
    "31-009": "For a font used by text intended to be rendered the font program is not embedded.",
    "31-027": "A font dictionary does not contain the ToUnicode entry (and none of the exceptions applies).",
}


@dataclass
class Element:
    """A structure element as the checks see it."""

    kind: str  # "P", "H2" (without the slash)
    lang: str | None  # its own /Lang
    parent: Element | None
    children: list[Element] = field(default_factory=list)
    mcids: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID)
    alt: str | None = None
    obj: Any = None

    def effective_lang(self, default: str) -> str:
        el: Element | None = self
        while el is not None:
            if el.lang:
                return el.lang
            el = el.parent
        return default

    def walk(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            yield from child.walk()


# ---------------------------------------------------------------- reading the file


def _cmap(stream: Any) -> dict[bytes, str]:
    """A ToUnicode CMap's mappings (bfchar and bfrange), by character code."""
    text = bytes(stream.read_bytes()).decode("latin-1")
    out: dict[bytes, str] = {}

    def uni(hexstr: str) -> str:
        raw = bytes.fromhex(hexstr)
        return raw.decode("utf-16-be", errors="replace")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            out[bytes.fromhex(src)] = uni(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, dst in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            width = len(lo) // 2
            start, end, first = int(lo, 16), int(hi, 16), int(dst, 16)
            for code in range(start, end + 1):
                out[code.to_bytes(width, "big")] = chr(first + code - start)
    return out


def _decode(raw: bytes, cmap: dict[bytes, str], width: int) -> tuple[str, int]:
    """Text of a string operand, and how many codes had no mapping."""
    out, unmapped = [], 0
    for i in range(0, len(raw), width):
        ch = cmap.get(raw[i : i + width])
        if ch is None:
            unmapped += 1
        else:
            out.append(ch)
    return "".join(out), unmapped


@dataclass
class _PageContent:
    text_by_mcid: dict[int, str]
    unmapped: int
    findings: list[Finding]
    mcids: set[int] = field(default_factory=set)  # every MCID the page's content marks


def _page_content(pikepdf: Any, page: Any, number: int) -> _PageContent:
    """The text of each marked-content sequence of a page, and the marked-content findings."""
    fonts: dict[str, tuple[dict[bytes, str], int]] = {}
    resources = page.obj.get("/Resources")
    font_dict = resources.get("/Font") if resources is not None else None
    for name, font in (font_dict.items() if font_dict is not None else ()):
        tounicode = font.get("/ToUnicode")
        width = 2 if font.get("/Subtype") == "/Type0" else 1
        fonts[str(name)] = (_cmap(tounicode) if tounicode is not None else {}, width)
    findings: list[Finding] = []
    text_by_mcid: dict[int, str] = {}
    stack: list[tuple[bool, int | None]] = []  # (artifact?, MCID)
    current: tuple[dict[bytes, str], int] = ({}, 1)
    unmapped = 0
    naked = 0
    seen: set[int] = set()
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BMC", "BDC"):
            tag = str(operands[0])
            artifact = tag == "/Artifact"
            mcid = None
            if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                mcid = int(operands[1].MCID)
            if mcid is not None:
                seen.add(mcid)
            inside_artifact = any(a for a, _ in stack)
            inside_content = any(m is not None for _, m in stack)
            if artifact and inside_content:
                findings.append(Finding("01-003", f"page {number}: an artifact inside tagged content"))
            if mcid is not None and inside_artifact:
                findings.append(Finding("01-004", f"page {number}: tagged content (MCID {mcid}) inside an artifact"))
            stack.append((artifact, mcid))
        elif op == "EMC":
            if stack:
                stack.pop()
        elif op == "Tf":
            current = fonts.get(str(operands[0]), ({}, 1))
        elif op in _PAINT_OPS:
            if not stack:
                naked += 1
            if op in _TEXT_OPS:
                mcid = next((m for _, m in reversed(stack) if m is not None), None)
                strings = operands[0] if op == "TJ" else [operands[-1]]
                for s in strings:
                    if isinstance(s, pikepdf.String):
                        text, missing = _decode(bytes(s), *current)
                        unmapped += missing
                        if mcid is not None:
                            text_by_mcid[mcid] = text_by_mcid.get(mcid, "") + text
    if naked:
        findings.append(Finding("01-005", f"page {number}: {naked} operator(s) drawing outside any marked content"))
    return _PageContent(text_by_mcid, unmapped, findings, seen)


def _structure(pikepdf: Any, pdf: Any) -> tuple[Element | None, dict[int, int]]:
    """The structure tree, and each page object's index."""
    page_index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return None, {}

    def build(obj: Any, parent: Element | None, page: int | None) -> Element:
        pg = obj.get("/Pg")
        if pg is not None:
            page = page_index.get(pg.objgen, page)
        lang = obj.get("/Lang")
        alt = obj.get("/Alt")
        el = Element(str(obj.get("/S", "/")).lstrip("/"), str(lang) if lang is not None else None, parent, alt=str(alt) if alt is not None else None, obj=obj)
        kids = obj.get("/K")
        items = list(kids) if isinstance(kids, pikepdf.Array) else ([] if kids is None else [kids])
        for kid in items:
            if isinstance(kid, int):
                if page is not None:
                    el.mcids.append((page, int(kid)))
            elif isinstance(kid, pikepdf.Dictionary):
                if "/S" in kid:
                    el.children.append(build(kid, el, page))
                elif kid.get("/Type") == "/MCR":
                    kpg = kid.get("/Pg")
                    el.mcids.append((page_index.get(kpg.objgen, page or 0) if kpg is not None else page or 0, int(kid.MCID)))
        return el

    top = Element("StructTreeRoot", None, None)
    kids = root.get("/K")
    for kid in list(kids) if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary):
            top.children.append(build(kid, top, None))
    return top, page_index


def _xmp(pdf: Any) -> ET.Element | None:
    metadata = pdf.Root.get("/Metadata")
    if metadata is None:
        return None
    data = bytes(metadata.read_bytes())
    start, end = data.find(b"<x:xmpmeta"), data.rfind(b"</x:xmpmeta>")
    if start < 0 or end < 0:
        return None
    return ET.fromstring(data[start : end + len(b"</x:xmpmeta>")])


# ---------------------------------------------------------------- the checks


def check(path: Path) -> list[Finding]:
    """Every Matterhorn failure condition of :data:`CHECKPOINTS` found in the PDF at ``path``."""
    import pikepdf

    findings: list[Finding] = []
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        # 01-007
        mark_info = root.get("/MarkInfo")
        if mark_info is not None and bool(mark_info.get("/Suspects", False)):
            findings.append(Finding("01-007", CHECKPOINTS["01-007"]))
        # 02-001, 02-004
        struct_root = root.get("/StructTreeRoot")
        role_map = struct_root.get("/RoleMap") if struct_root is not None else None
        for key, value in (role_map.items() if role_map is not None else ()):
            if key.lstrip("/") in STANDARD_TYPES:
                findings.append(Finding("02-004", f"{key} is remapped to {value}"))
            elif str(value).lstrip("/") not in STANDARD_TYPES:
                findings.append(Finding("02-001", f"{key} maps to {value}"))
        # 06-001, 06-002, 06-003
        xmp = _xmp(pdf)
        if xmp is None:
            findings.append(Finding("06-001", CHECKPOINTS["06-001"]))
        else:
            parts = [d.get(f"{{{_XMP_NS['pdfuaid']}}}part") for d in xmp.iter(f"{{{_XMP_NS['rdf']}}}Description")]
            parts += [p.text for p in xmp.iter(f"{{{_XMP_NS['pdfuaid']}}}part")]
            if "1" not in parts:
                findings.append(Finding("06-002", f"pdfuaid:part is {[p for p in parts if p]}"))
            titles = [li.text for t in xmp.iter(f"{{{_XMP_NS['dc']}}}title") for li in t.iter(f"{{{_XMP_NS['rdf']}}}li")]
            if not any(titles):
                findings.append(Finding("06-003", CHECKPOINTS["06-003"]))
        # 07-001, 07-002
        prefs = root.get("/ViewerPreferences")
        display = prefs.get("/DisplayDocTitle") if prefs is not None else None
        if display is None:
            findings.append(Finding("07-001", CHECKPOINTS["07-001"]))
        elif not bool(display):
            findings.append(Finding("07-002", CHECKPOINTS["07-002"]))
        # 11-006
        doc_lang = str(root.get("/Lang", ""))
        if not doc_lang:
            findings.append(Finding("11-006", CHECKPOINTS["11-006"]))

        contents = [_page_content(pikepdf, page, n) for n, page in enumerate(pdf.pages, 1)]
        for n, content in enumerate(contents, 1):
            findings.extend(content.findings)
            if content.unmapped:
                findings.append(Finding("10-001", f"page {n}: {content.unmapped} character code(s) without a Unicode mapping"))

        tree, _pages = _structure(pikepdf, pdf)
        if tree is not None:
            findings.extend(_check_tree(tree, contents, doc_lang))
        findings.extend(_check_annotations(pikepdf, pdf, tree))
        findings.extend(_check_fonts(pdf))
    return findings


def element_text(el: Element, contents: list[_PageContent]) -> str:
    """The text an element's own marked content shows (not its children's)."""
    return "".join(contents[page].text_by_mcid.get(mcid, "") for page, mcid in el.mcids if page < len(contents))


def _check_tree(tree: Element, contents: list[_PageContent], doc_lang: str) -> list[Finding]:
    findings: list[Finding] = []
    headings: list[int] = []
    plain_h = False
    for el in tree.walk():
        if el is tree:
            continue
        if el.kind not in STANDARD_TYPES:
            findings.append(Finding("02-001", f"non-standard structure type {el.kind} without a role mapping"))
        m = _HEADING.match(el.kind)
        if m:
            headings.append(int(m.group(1)))
            if el.parent is not None and _HEADING.match(el.parent.kind):
                findings.append(Finding("colloquy", f"heading {el.kind} nested in heading {el.parent.kind}"))
        elif el.kind == "H":
            plain_h = True
        if el.kind == "Figure" and not el.alt:
            findings.append(Finding("13-004", "a Figure without Alt"))
        if el.kind == "L":
            kinds = [c.kind for c in el.children if c.kind != "Caption"]
            if not kinds or any(k not in ("LI", "L") for k in kinds):
                findings.append(Finding("09-005", f"an L holding {kinds}"))
        if el.kind == "LI":
            kinds = [c.kind for c in el.children]
            if not kinds or any(k not in ("Lbl", "LBody") for k in kinds):
                findings.append(Finding("09-005", f"an LI holding {kinds}"))
        text = element_text(el, contents)
        if text.strip():
            lang = el.effective_lang(doc_lang)
            if not lang:
                findings.append(Finding("11-001", f"no language for {text[:30]!r}"))
            elif _CJK.search(text) and not lang.lower().startswith("zh"):
                findings.append(Finding("11-001", f"Chinese text {text[:30]!r} tagged {lang}"))
    reachable = {ref for el in tree.walk() for ref in el.mcids}
    for page, content in enumerate(contents):
        orphans = sorted(m for m in content.mcids if (page, m) not in reachable)
        if orphans:
            findings.append(Finding("01-005", f"page {page + 1}: marked content {orphans[:5]} belongs to no structure element of the tree"))
    if headings and headings[0] != 1:
        findings.append(Finding("14-002", f"the first heading is H{headings[0]}"))
    for before, after in itertools.pairwise(headings):
        if after > before + 1:
            findings.append(Finding("14-003", f"H{after} follows H{before}"))
    if plain_h and headings:
        findings.append(Finding("14-007", CHECKPOINTS["14-007"]))
    return findings


def _check_annotations(pikepdf: Any, pdf: Any, tree: Element | None) -> list[Finding]:
    findings: list[Finding] = []
    link_annotations: set[tuple[int, int]] = set()
    if tree is not None:
        for el in tree.walk():
            if el.kind == "Link" and el.obj is not None:
                kids = el.obj.get("/K")
                for kid in list(kids) if isinstance(kids, pikepdf.Array) else [kids]:
                    if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR" and "/Obj" in kid:
                        link_annotations.add(kid.Obj.objgen)
    for n, page in enumerate(pdf.pages, 1):
        annots = page.obj.get("/Annots")
        if not annots:
            continue
        tabs = page.obj.get("/Tabs")
        if tabs is None:
            findings.append(Finding("28-008", f"page {n}"))
        elif str(tabs) != "/S":
            findings.append(Finding("28-009", f"page {n}: /Tabs {tabs}"))
        for annot in annots:
            if annot.get("/Subtype") != "/Link":
                continue
            if not str(annot.get("/Contents", "")).strip():
                findings.append(Finding("28-012", f"page {n}: a link without Contents"))
            if annot.objgen not in link_annotations:
                findings.append(Finding("28-011", f"page {n}: a link annotation outside a Link element"))
    return findings


def _check_fonts(pdf: Any) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        resources = page.obj.get("/Resources")
        fonts = resources.get("/Font") if resources is not None else None
        for _name, font in (fonts.items() if fonts is not None else ()):
            if font.objgen in seen:
                continue
            seen.add(font.objgen)
            base = str(font.get("/BaseFont", "?"))
            descendants = font.get("/DescendantFonts")
            descriptor_owner = descendants[0] if descendants is not None else font
            descriptor = descriptor_owner.get("/FontDescriptor")
            if font.get("/Subtype") != "/Type3" and (descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))):
                findings.append(Finding("31-009", f"{base} is not embedded"))
            if "/ToUnicode" not in font and font.get("/Encoding") not in ("/WinAnsiEncoding", "/MacRomanEncoding", "/MacExpertEncoding"):
                findings.append(Finding("31-027", f"{base} has no ToUnicode map"))
    return findings


def structure(path: Path) -> tuple[Element | None, list[_PageContent], str]:
    """The structure tree, the pages' marked content and the document's language (for tests)."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        contents = [_page_content(pikepdf, page, n) for n, page in enumerate(pdf.pages, 1)]
        tree, _pages = _structure(pikepdf, pdf)
        return tree, contents, str(pdf.Root.get("/Lang", ""))
