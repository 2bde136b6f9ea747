"""XLIFF 1.2 and 2.0 (core): an article's catalog for one locale, for a CAT tool, and back.

Writing. One ``<file>`` per catalog; one unit per catalog entry, keyed by the entry's stable
unit id (``u12``); the source and the translation as plain text (the texts are Markdown: their
markers are text for the translator to keep, not inline codes); the unit's context and kind in
notes; in Colloquy's own attributes, a digest of the source (``colloquy:digest``), so that an
import can tell a unit whose source changed since the export, and a digest of the translation
and its state as exported (``colloquy:target-digest``, ``colloquy:state``), so that a unit the
tool left as it was does not overwrite a newer translation in the catalog. A tool that drops
these attributes loses only that: the import then compares the ``<source>`` with the catalog.

====================  =========================================  ===================================
catalog entry         XLIFF 1.2 ``<trans-unit>``                 XLIFF 2.0 ``<segment>``
====================  =========================================  ===================================
translated            ``approved="yes"``,                        ``state="translated"``
                      ``<target state="translated">``
fuzzy                 ``approved="no"``,                         ``state="initial"`` with a target
                      ``<target state="needs-review-translation">``
untranslated          no ``<target>``                            ``state="initial"``, no target
====================  =========================================  ===================================

Reading is tolerant of what CAT tools do to a file: any namespace prefixes (or none), indentation,
``xml:space``, groups, extra attributes and elements, inline markup (its text is taken; native
codes are left out, with a warning), a 2.0 unit split into several segments. A file that is not
well-formed, or not XLIFF, is refused at its line. The state read back:

* 1.2: a target whose ``state`` is ``new`` or ``needs-…`` is fuzzy; otherwise a target of a unit
  with ``approved="yes"``, or whose state is ``translated``, ``signed-off`` or ``final``, is
  translated; any other target is fuzzy.
* 2.0: a target in a segment whose state is ``translated``, ``reviewed`` or ``final`` is
  translated; ``initial`` (the default when a tool writes no state) is fuzzy. A unit of several
  segments is as fuzzy as its least finished segment.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from lxml import etree

from colloquy import __version__
from colloquy.diagnostics import Report
from colloquy.i18n.exchange import NAMESPACE, InUnit, OutUnit, State, source_digest

XLIFF12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF20 = "urn:oasis:names:tc:xliff:document:2.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_SPACE = f"{{{XML_NS}}}space"
DIGEST = f"{{{NAMESPACE}}}digest"
TARGET_DIGEST = f"{{{NAMESPACE}}}target-digest"
EXPORTED_STATE = f"{{{NAMESPACE}}}state"
VERSIONS = ("1.2", "2.0")
#: an XLIFF file larger than this is refused (an article's, with its notes, is far smaller)
MAX_XLIFF_BYTES = 64 * 1024 * 1024
_UNIT_ID = re.compile(r"^u\d+$")
#: 1.2 elements whose content is native code, not text
_CODE_CONTENT = {"bpt", "ept", "it", "ph"}
#: placeholders and code markers (1.2 and 2.0): no text of their own
_CODE_MARKERS = {"x", "bx", "ex", "sc", "ec", "ph"}
#: annotation markers of 2.0: neither text nor code
_MARKERS = {"sm", "em"}
#: 1.2 target states that say the translation is not finished
_UNFINISHED_12 = {
    "new",
    "needs-translation",
    "needs-adaptation",
    "needs-l10n",
    "needs-review-translation",
    "needs-review-adaptation",
    "needs-review-l10n",
}
_DONE_12 = {"translated", "signed-off", "final"}
_DONE_20 = {"translated", "reviewed", "final"}

Version = Literal["1.2", "2.0"]


@dataclass(frozen=True)
class FileInfo:
    """What the ``<file>`` of an export says: the catalog it is from and its languages."""

    slug: str
    original: str  # the catalog's path in the project
    source_language: str  # BCP 47 tags
    target_language: str


# ------------------------------------------------------------------ writing


def _notes(unit: OutUnit) -> list[tuple[str, str]]:
    """(category, text) of the notes of a unit."""
    notes = [("context", "\n".join(unit.context))] if unit.context else []
    notes.append(("kind", f"kind: {unit.kind}"))
    if unit.previous:
        notes.append(("previous-source", f"previous source: {unit.previous}"))
    comments = [c for c in unit.comments if c.strip()]
    if comments:
        notes.append(("translator", "\n".join(comments)))
    return notes


def _stamp(el: etree._Element, unit: OutUnit) -> None:
    """Colloquy's attributes: the digests of the source and the translation, and the state, as exported."""
    el.set(DIGEST, unit.digest)
    el.set(TARGET_DIGEST, source_digest(unit.target))
    el.set(EXPORTED_STATE, str(unit.state))


def write_xliff(info: FileInfo, units: list[OutUnit], version: Version = "1.2") -> bytes:
    """The XLIFF file of a catalog's units."""
    root = _write_12(info, units) if version == "1.2" else _write_20(info, units)
    etree.indent(root, space="  ")
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


def _write_12(info: FileInfo, units: list[OutUnit]) -> etree._Element:
    x = f"{{{XLIFF12}}}"
    root = etree.Element(f"{x}xliff", nsmap={None: XLIFF12, "colloquy": NAMESPACE})
    root.set("version", "1.2")
    file = etree.SubElement(root, f"{x}file")
    file.set("original", info.original)
    file.set("source-language", info.source_language)
    file.set("target-language", info.target_language)
    file.set("datatype", "plaintext")
    header = etree.SubElement(file, f"{x}header")
    etree.SubElement(header, f"{x}tool", {"tool-id": "colloquy", "tool-name": "Colloquy", "tool-version": __version__})
    body = etree.SubElement(file, f"{x}body")
    for unit in units:
        tu = etree.SubElement(body, f"{x}trans-unit")
        tu.set("id", unit.unit_id)
        tu.set("resname", unit.unit_id)
        tu.set(XML_SPACE, "preserve")
        _stamp(tu, unit)
        if unit.state is State.TRANSLATED:
            tu.set("approved", "yes")
        elif unit.state is State.FUZZY:
            tu.set("approved", "no")
        etree.SubElement(tu, f"{x}source").text = unit.source
        if unit.state is not State.UNTRANSLATED:
            target = etree.SubElement(tu, f"{x}target")
            target.set("state", "translated" if unit.state is State.TRANSLATED else "needs-review-translation")
            target.text = unit.target
        for category, text in _notes(unit):
            note = etree.SubElement(tu, f"{x}note")
            note.set("from", "translator" if category == "translator" else "developer")
            note.text = text
    return root


def _write_20(info: FileInfo, units: list[OutUnit]) -> etree._Element:
    x = f"{{{XLIFF20}}}"
    root = etree.Element(f"{x}xliff", nsmap={None: XLIFF20, "colloquy": NAMESPACE})
    root.set("version", "2.0")
    root.set("srcLang", info.source_language)
    root.set("trgLang", info.target_language)
    file = etree.SubElement(root, f"{x}file")
    file.set("id", info.slug)
    file.set("original", info.original)
    for unit in units:
        el = etree.SubElement(file, f"{x}unit")
        el.set("id", unit.unit_id)
        el.set("canResegment", "no")
        el.set(XML_SPACE, "preserve")
        _stamp(el, unit)
        notes = etree.SubElement(el, f"{x}notes")
        for category, text in _notes(unit):
            note = etree.SubElement(notes, f"{x}note")
            note.set("category", category)
            note.text = text
        segment = etree.SubElement(el, f"{x}segment")
        segment.set("state", "translated" if unit.state is State.TRANSLATED else "initial")
        etree.SubElement(segment, f"{x}source").text = unit.source
        if unit.state is not State.UNTRANSLATED:
            etree.SubElement(segment, f"{x}target").text = unit.target
    return root


# ------------------------------------------------------------------ reading


@dataclass
class XliffFile:
    """One ``<file>`` of an XLIFF document that came back."""

    line: int
    version: str
    original: str
    file_id: str
    source_language: str
    target_language: str
    units: list[InUnit] = field(default_factory=list)

    @property
    def slug(self) -> str:
        """The article the file is for: the name of its catalog (``original``), else the file id."""
        name = self.original.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
        for suffix in (".po", ".pot"):
            if name.endswith(suffix):
                return name[: -len(suffix)]
        if name == "article.md" and "/" in self.original:
            return self.original.replace("\\", "/").rsplit("/", 2)[-2]
        return self.file_id or name


def _local(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if _local(c) == name]


def _descendants(el: etree._Element, name: str) -> Iterator[etree._Element]:
    return (d for d in el.iter() if _local(d) == name)


def _preserved(el: etree._Element) -> bool:
    """Whether ``xml:space="preserve"`` is in effect on an element."""
    for node in (el, *el.iterancestors()):
        value = node.get(XML_SPACE)
        if value is not None:
            return bool(value == "preserve")
    return False


def _text(el: etree._Element) -> tuple[str, bool]:
    """The text of a source or target, and whether it had inline codes (left out)."""
    codes = False

    def walk(node: etree._Element) -> str:
        nonlocal codes
        parts = [node.text or ""]
        for child in node:
            name = _local(child)
            if not name:  # a comment or processing instruction
                pass
            elif name == "cp":  # 2.0: a code point XML cannot carry
                try:
                    parts.append(chr(int(child.get("hex", ""), 16)))
                except ValueError:
                    codes = True
            elif name in _CODE_CONTENT or name in _CODE_MARKERS:
                codes = True
            elif name not in _MARKERS:
                parts.append(walk(child))
            parts.append(child.tail or "")
        return "".join(parts)

    text = walk(el)
    return (text if _preserved(el) else text.strip()), codes


def _ours(el: etree._Element, name: str) -> str | None:
    """One of Colloquy's attributes (in its namespace, or in another one with "colloquy" in its name:
    a tool that rewrote the namespace)."""
    value = el.get(f"{{{NAMESPACE}}}{name}")
    if value is None:
        value = next((str(v) for k, v in el.attrib.items() if str(k).endswith(f"}}{name}") and "colloquy" in str(k)), None)
    return value.strip() or None if value is not None else None


def _unit_id(el: etree._Element) -> str | None:
    for key in ("id", "resname", "name"):
        value = (el.get(key) or "").strip()
        if _UNIT_ID.match(value):
            return value
    return None


def read_xliff(data: bytes, shown: str, report: Report) -> list[XliffFile] | None:
    """The files of an XLIFF 1.x or 2.x document; problems are reported at their line
    (``shown:line: error``) and give None."""
    if len(data) > MAX_XLIFF_BYTES:
        report.error(
            shown,
            1,
            None,
            f"the file is {len(data) / 1048576:.1f} MB, over the {MAX_XLIFF_BYTES // 1048576} MB limit",
            "check that it is the right file",
        )
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_blank_text=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (exc.lineno or 1, 0)
        message = re.sub(r"(,? line \d+(, column \d+)?)+\s*$", "", str(exc.msg or exc)).strip()
        report.error(
            shown, line or 1, col or None, f"the file is not well-formed XML: {message}", "save it again from the CAT tool, or fix the line"
        )
        return None
    if _local(root) != "xliff":
        report.error(
            shown,
            root.sourceline or 1,
            None,
            f"not an XLIFF file: its root element is <{_local(root) or root.tag}>",
            "export the translation as XLIFF 1.2 or 2.0",
        )
        return None
    namespace = etree.QName(root).namespace or ""
    version = (root.get("version") or "").strip()
    major = version.split(".")[0] if version else ("2" if namespace == XLIFF20 else "1" if "xliff:document:1." in namespace else "")
    if major not in ("1", "2"):
        report.error(
            shown,
            root.sourceline or 1,
            None,
            f"XLIFF version '{version or '?'}' is not supported",
            "export the translation as XLIFF 1.2 or 2.0",
        )
        return None
    files = _children(root, "file")
    if not files:
        report.error(shown, root.sourceline or 1, None, "the XLIFF file has no <file> element", "export the translation again")
        return None
    out: list[XliffFile] = []
    for file in files:
        line = file.sourceline or 1
        if major == "1":
            source_language = file.get("source-language") or ""
            target_language = file.get("target-language") or ""
        else:
            source_language = root.get("srcLang") or ""
            target_language = root.get("trgLang") or ""
        found = XliffFile(line, version or major, file.get("original") or "", file.get("id") or "", source_language, target_language)
        units = _units_12(file, shown, report) if major == "1" else _units_20(file, shown, report)
        found.units = units
        if not units:
            report.warning(
                shown, line, None, "the <file> has no unit of a Colloquy export", "export the catalog with 'colloquy xliff export'"
            )
        out.append(found)
    return out


def _skipped(el: etree._Element, shown: str, report: Report) -> None:
    report.warning(
        shown,
        el.sourceline or 1,
        None,
        f"a <{_local(el)}> without a Colloquy unit id (u1, u2 …) was skipped",
        "the units of an export keep their id: export the catalog again",
    )


def _codes_warning(unit_id: str, line: int, shown: str, report: Report) -> None:
    report.warning(
        shown,
        line,
        None,
        f"unit {unit_id}: inline codes in the translation were left out",
        "Colloquy's texts are plain text with Markdown: write the markers as text",
    )


def _in_unit(unit_id: str, line: int, source: str, target: str, fuzzy: bool, el: etree._Element) -> InUnit:
    state = _ours(el, "state")
    return InUnit(
        unit_id,
        line,
        source,
        _ours(el, "digest"),
        target,
        fuzzy,
        exported_target=_ours(el, "target-digest"),
        exported_state=State(state) if state in {s.value for s in State} else None,
    )


def _units_12(file: etree._Element, shown: str, report: Report) -> list[InUnit]:
    units: list[InUnit] = []
    for tu in _descendants(file, "trans-unit"):
        if (tu.get("translate") or "yes").lower() == "no":
            continue
        unit_id = _unit_id(tu)
        if unit_id is None:
            _skipped(tu, shown, report)
            continue
        line = tu.sourceline or 1
        sources = _children(tu, "source")
        source, _ = _text(sources[0]) if sources else ("", False)
        targets = _children(tu, "target")
        target, codes = _text(targets[0]) if targets else ("", False)
        if codes:
            _codes_warning(unit_id, line, shown, report)
        state = (targets[0].get("state") or "").strip() if targets else ""
        approved = (tu.get("approved") or "").strip().lower() == "yes"
        done = state not in _UNFINISHED_12 and (approved or state in _DONE_12)
        units.append(_in_unit(unit_id, line, source, target, not done, tu))
    return units


def _units_20(file: etree._Element, shown: str, report: Report) -> list[InUnit]:
    units: list[InUnit] = []
    for el in _descendants(file, "unit"):
        if (el.get("translate") or "yes").lower() == "no":
            continue
        unit_id = _unit_id(el)
        if unit_id is None:
            _skipped(el, shown, report)
            continue
        line = el.sourceline or 1
        sources: list[str] = []
        targets: list[str] = []
        done = True
        with_target = False
        codes = False
        for part in el:
            name = _local(part)
            if name not in ("segment", "ignorable"):
                continue
            source_el = _children(part, "source")
            target_el = _children(part, "target")
            source, _ = _text(source_el[0]) if source_el else ("", False)
            sources.append(source)
            if target_el:
                target, had_codes = _text(target_el[0])
                codes = codes or had_codes
                targets.append(target)
                with_target = with_target or (name == "segment" and bool(target.strip()))
            else:
                targets.append(source if name == "ignorable" else "")
            if name == "segment" and (part.get("state") or "initial").strip() not in _DONE_20:
                done = False
        if codes:
            _codes_warning(unit_id, line, shown, report)
        target = "".join(targets) if with_target else ""
        units.append(_in_unit(unit_id, line, "".join(sources), target, not done, el))
    return units
