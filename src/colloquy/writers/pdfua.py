"""PDF/UA-1 for WeasyPrint's tagged PDFs: what its ``pdf/ua-1`` variant (XMP metadata with the
PDF/UA identifier, tags, ``DisplayDocTitle``) leaves to do, done on its own objects before they
are written (a ``finisher``), so that the file is still written once and byte-reproducible:

* ``/Lang`` on every structure element whose language differs from the one it inherits (the
  Chinese column of a bilingual edition, a text shown untranslated in its source language);
* the running header and the page footer (margin boxes, which WeasyPrint marks as content of no
  structure element) marked as pagination artifacts;
* no structure element nested in one of its own kind (a heading's anonymous block, H3 in H3);
* a link annotation's alternate description (``/Contents``: its address);
* the outline shown on opening (``/PageMode /UseOutlines``).

WeasyPrint builds the structure tree in ``weasyprint.pdf.tags._build_box_tree``, from the boxes;
:func:`install` wraps that function (once per process) to note each structure element's box
language and the marked content of the margin boxes: the one place this module depends on
WeasyPrint's internals (tests/test_pdfua.py fails if they change). The checks of the result,
after the Matterhorn Protocol, are :mod:`colloquy.pdfcheck`'s.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

#: struct types that must not be nested in one of their own kind
_NO_SELF_NESTING = frozenset({"/P", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6", "/Caption", "/Lbl"})


@dataclass
class _Recording:
    """What the wrapped tree builder saw while one document was tagged."""

    #: (element, its parent element, its box's language), in the order they were made
    elements: list[tuple[Any, Any, str | None]] = field(default_factory=list)
    #: (page index, MCID) of the margin boxes' text: pagination artifacts
    artifacts: set[tuple[int, int]] = field(default_factory=set)


class _Local(threading.local):
    recording: _Recording | None = None


#: the document being tagged, per thread (the live preview may write PDFs in several threads)
_local = _Local()
_installed = False
_install_lock = threading.Lock()


def install() -> None:
    """Wrap WeasyPrint's structure tree builder (idempotent)."""
    global _installed
    with _install_lock:
        if _installed:
            return
        _wrap()
        _installed = True


def _wrap() -> None:
    from weasyprint.formatting_structure import boxes
    from weasyprint.pdf import tags

    original = tags._build_box_tree

    def descendants(box: Any) -> Iterator[Any]:
        yield box
        for child in getattr(box, "children", ()):
            yield from descendants(child)

    def build(box: Any, parent: Any, pdf: Any, page_number: int, nums: Any, annotations: Any, marks: Any) -> Iterator[Any]:
        recording = _local.recording
        passthrough = (box.element is not None and box.element_tag in ("html", "body")) or isinstance(box, boxes.PageBox)
        if recording is not None and isinstance(box, boxes.MarginBox):
            for inner in descendants(box):
                if inner in marks:
                    recording.artifacts.add((page_number, marks[inner]["mcid"]))
        for element in original(box, parent, pdf, page_number, nums, annotations, marks):
            if recording is not None and not passthrough:
                recording.elements.append((element, parent, box.style["lang"]))
            yield element

    tags._build_box_tree = build


def start() -> None:
    """Begin recording the tagging of one document (call before ``write_pdf``, in its thread)."""
    install()
    _local.recording = _Recording()


def finisher(document: Any, pdf: Any) -> None:
    """WeasyPrint's ``finisher``: complete the PDF/UA structure on the pydyf objects."""
    import pydyf

    recording, _local.recording = _local.recording, None
    objects = {obj.number: obj for obj in pdf.objects if getattr(obj, "number", None) is not None}

    def deref(value: Any) -> Any:
        if isinstance(value, bytes) and value.endswith(b" R"):
            return objects.get(int(value.split()[0]))
        return value

    catalog = pdf.catalog
    doc_lang = str(getattr(catalog["Lang"], "string", catalog["Lang"])) if "Lang" in catalog else ""
    if recording is not None:
        _languages(recording, doc_lang, pydyf)
        _unnest(recording)
        _artifacts(recording, pdf, deref, pydyf)
    for page_ref in pdf.page_references:
        page = deref(page_ref)
        for annot_ref in page.get("Annots", ()) if page is not None else ():
            annot = deref(annot_ref)
            if annot is None or annot.get("Subtype") != "/Link" or "Contents" in annot:
                continue
            action = annot.get("A")
            uri = action.get("URI") if isinstance(action, dict) else None
            annot["Contents"] = uri if uri is not None else pydyf.String("Link")
    if "Outlines" in catalog:
        catalog["PageMode"] = "/UseOutlines"


def _languages(recording: _Recording, doc_lang: str, pydyf: Any) -> None:
    """``/Lang`` where an element's language differs from its parent's (the document's at the top)."""
    parent_of = {id(element): parent for element, parent, _ in recording.elements}
    lang_of: dict[int, str] = {}
    for element, _parent, lang in recording.elements:
        if lang:
            lang_of[id(element)] = lang

    def inherited(element: Any) -> str:
        parent = parent_of.get(id(element))
        while parent is not None:
            if id(parent) in lang_of:
                return lang_of[id(parent)]
            parent = parent_of.get(id(parent))
        return doc_lang

    for element, _parent, lang in recording.elements:
        if lang and lang != inherited(element):
            element["Lang"] = pydyf.String(lang)


def _unnest(recording: _Recording) -> None:
    """An element of the same kind as its parent (the anonymous block of a heading): NonStruct."""
    for element, parent, _lang in recording.elements:
        kind = element.get("S")
        if kind in _NO_SELF_NESTING and parent is not None and parent.get("S") == kind:
            element["S"] = "/NonStruct"


def _artifacts(recording: _Recording, pdf: Any, deref: Any, pydyf: Any) -> None:
    """The margin boxes' marked content becomes ``/Artifact`` (pagination), out of the parent tree."""
    if not recording.artifacts:
        return
    by_page: dict[int, set[int]] = {}
    for page, mcid in recording.artifacts:
        by_page.setdefault(page, set()).add(mcid)
    kids = pdf.page_references
    for page_index, mcids in by_page.items():
        page = deref(kids[page_index])
        stream = deref(page["Contents"]) if page is not None else None
        if stream is None:
            continue
        items = stream.stream
        for i in range(1, len(items) - 1):
            props = items[i]
            if isinstance(props, dict) and props.get("MCID") in mcids and items[i + 1] == b"BDC":
                items[i - 1], items[i], items[i + 1] = "/Artifact", b"", b"BMC"
    root = next((o for o in pdf.objects if isinstance(o, dict) and o.get("Type") == "/StructTreeRoot"), None)
    parent_tree = deref(root["ParentTree"]) if root is not None else None
    if parent_tree is None:
        return
    nums = parent_tree["Nums"]
    for i in range(0, len(nums) - 1, 2):
        if nums[i] in by_page and isinstance(nums[i + 1], list):
            refs = nums[i + 1]
            for mcid in by_page[nums[i]]:
                if mcid < len(refs):
                    refs[mcid] = "null"
