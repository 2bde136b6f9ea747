"""The glossary as TBX-Basic (ISO 30042's TBX-Basic dialect, as CAT tools and Weblate exchange
terminology): :func:`export_tbx` and :func:`import_tbx`, through Translate Toolkit's TBX store
(``translate.storage.tbx``). The CSV stays the master; a TBX is read back after it is written.

Mapping: a concept (rows that share a term) is a ``termEntry``; each locale a ``langSet``
(``xml:lang`` = the BCP 47 tag, zh-CN); each term a ``tig`` with its ``termNote
type="administrativeStatus"`` (preferredTerm-admn-sts, admittedTerm-admn-sts,
deprecatedTerm-admn-sts for a forbidden term). A preferred row's ``note`` is the concept's
``note``, its ``note_<locale>`` the ``langSet``'s; a variant row's note is its term's.
"""

from __future__ import annotations

from colloquy.diagnostics import Report
from colloquy.qa.glossary import Concept, Glossary, Status, Term, concepts

TBX_STATUS: dict[Status, str] = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "forbidden": "deprecatedTerm-admn-sts",
}
_FROM_TBX: dict[str, Status] = {
    "preferredterm-admn-sts": "preferred",
    "admittedterm-admn-sts": "admitted",
    "deprecatedterm-admn-sts": "forbidden",
    "supersededterm-admn-sts": "forbidden",
    "notrecommendedterm-admn-sts": "forbidden",
}

TBX_SKELETON = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic-V1" xml:lang="en">
<martifHeader>
<fileDesc>
<titleStmt><title>Colloquy glossary</title></titleStmt>
<sourceDesc><p>Exported by Colloquy from its glossary (CSV), the master of the project's terminology.</p></sourceDesc>
</fileDesc>
<encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>
</martifHeader>
<text><body></body></text>
</martif>"""


def _tag(locale: str) -> str:
    return locale.replace("_", "-")


def export_tbx(glossary: Glossary) -> bytes:
    """The glossary as TBX-Basic: one ``termEntry`` per concept, a ``langSet`` per locale, a
    ``tig`` per term with its ``administrativeStatus``; a preferred row's note on the concept,
    its language notes on the ``langSet``, a variant row's note on its term. Read back with
    Translate Toolkit to check it."""
    from lxml import etree
    from translate.storage import tbx

    class BasicTbx(tbx.tbxfile):
        XMLskeleton = TBX_SKELETON

    store = BasicTbx(sourcelanguage=_tag(glossary.locales[0]))
    for n, concept in enumerate(glossary.concepts, 1):
        unit = store.addsourceunit(concept.first.forms.get(glossary.locales[0], ""))
        unit.setid(f"c{n}")
        entry = unit.xmlelement
        for loc in glossary.locales:
            terms: list[tuple[str, Status, str]] = [(form, "preferred", "") for form in concept.preferred.get(loc, [])]
            terms += [(form, "admitted", _variant_note(concept, loc, form)) for form in concept.admitted.get(loc, [])]
            terms += [(form, "forbidden", row.note) for form, row in concept.forbidden.get(loc, [])]
            if not terms:
                continue
            if loc == glossary.locales[0]:
                unit.set_source_terms([t for t, _s, _n in terms])
                langset = unit.source_dom
            else:
                unit.set_target_terms([t for t, _s, _n in terms], _tag(loc))
                langset = unit.get_target_dom(_tag(loc))
            for tig, (_term, status, note) in zip(langset.findall(unit.namespaced("tig")), terms, strict=True):
                etree.SubElement(tig, unit.namespaced("termNote"), type="administrativeStatus").text = TBX_STATUS[status]
                if note:
                    etree.SubElement(tig, unit.namespaced("note")).text = note
            lang_note = concept.first.notes.get(loc, "")
            if lang_note:
                node = etree.Element(unit.namespaced("note"))
                node.text = lang_note
                langset.insert(0, node)
        if concept.first.note:
            node = etree.Element(unit.namespaced("note"))
            node.text = concept.first.note
            entry.insert(0, node)
    data = bytes(store)
    _validate(data, glossary)
    return data


def _variant_note(concept: Concept, loc: str, form: str) -> str:
    return next((r.note for r in concept.rows if r.status == "admitted" and r.forms.get(loc) == form), "")


def _validate(data: bytes, glossary: Glossary) -> None:
    """Read the TBX back with Translate Toolkit: every concept and term must be there."""
    back = import_tbx(data, glossary.locales, Report())
    want = sorted((loc, form) for c in glossary.concepts for loc in glossary.locales for form in c.allowed(loc))
    got = sorted((loc, form) for c in back.concepts for loc in back.locales for form in c.allowed(loc))
    if len(back.concepts) != len(glossary.concepts) or want != got:  # pragma: no cover - a bug, not bad input
        raise RuntimeError("the TBX written does not read back as the glossary")


def import_tbx(data: bytes, locales: tuple[str, ...], report: Report, shown: str = "TBX") -> Glossary:
    """A glossary from a TBX file (TBX-Basic, or any TBX Translate Toolkit reads): a row per
    preferred term pairing, a row per admitted or deprecated term; terms without a status are
    preferred (the first of a language) or admitted (the others)."""
    from lxml import etree
    from translate.misc.xml_helpers import getXMLlang
    from translate.storage import tbx

    try:
        store = tbx.tbxfile.parsestring(data)
    except (etree.XMLSyntaxError, ValueError) as exc:
        report.error(shown, 1, None, f"not a TBX file: {exc}", "export it as TBX (TBX-Basic) from your terminology tool")
        return Glossary([], shown, locales=locales)
    by_tag = {_tag(loc).lower(): loc for loc in locales} | {loc.lower(): loc for loc in locales}
    terms: list[Term] = []
    note_locales: set[str] = set()
    line = 1
    for unit in store.units:
        per_locale: dict[str, list[tbx.TBXTerm]] = {}
        lang_notes: dict[str, str] = {}
        for node in unit.getlanguageNodes():
            tag = (getXMLlang(node) or "").lower()
            loc = by_tag.get(tag) or by_tag.get(tag.split("-")[0])
            if loc is None:
                continue
            found = unit.get_target_terms(getXMLlang(node))
            per_locale.setdefault(loc, []).extend(t for t in found if t.text.strip())
            for t in found:
                for note in t.notes:
                    if note.scope == "language" and note.text.strip():
                        lang_notes[loc] = note.text.strip()
        if len([loc for loc in per_locale if per_locale[loc]]) < 2:
            continue
        concept_note = ""
        statuses: dict[str, list[tuple[str, Status, str]]] = {}
        for loc, found_terms in per_locale.items():
            for i, t in enumerate(found_terms):
                status = _FROM_TBX.get((t.administrative_status or "").strip().lower())
                if status is None:
                    status = "preferred" if i == 0 else "admitted"
                term_note = "; ".join(n.text.strip() for n in t.notes if n.scope == "term" and n.text.strip())
                concept_note = concept_note or "; ".join(n.text.strip() for n in t.notes if n.scope == "concept" and n.text.strip())
                statuses.setdefault(loc, []).append((t.text.strip(), status, term_note))
        preferred = {loc: next((t for t, s, _n in items if s == "preferred"), None) for loc, items in statuses.items()}
        for loc, items in statuses.items():  # a language without a preferred term: its first admitted one
            if preferred[loc] is None:
                preferred[loc] = next((t for t, s, _n in items if s == "admitted"), None)
        first = {loc: t for loc, t in preferred.items() if t is not None}
        if len(first) < 2:
            continue
        ordered = [loc for loc in locales if loc in first]
        line += 1
        notes = {loc: lang_notes[loc] for loc in ordered if loc in lang_notes}
        note_locales.update(notes)
        terms.append(Term({loc: first[loc] for loc in ordered}, concept_note, line, "preferred", notes))
        for loc in ordered:
            for text, status, note in statuses[loc]:
                if text == first[loc] and status in ("preferred", "admitted"):
                    continue
                line += 1
                forms = {other: (text if other == loc else first[other]) for other in ordered}
                terms.append(Term(forms, note, line, status))
    grouped = concepts(terms, report, shown)
    return Glossary(terms, shown, grouped, locales, tuple(loc for loc in locales if loc in note_locales))
