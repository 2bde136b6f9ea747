"""The DOCX styles: every named style from the typography, document defaults and settings,
and what python-docx's template must lose (theme fonts, leftovers)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.styles.style import BaseStyle, StyleFactory

from colloquy.house import Script
from colloquy.typography import TYPOGRAPHY
from colloquy.writers.docx.xml import Languages, autospace_off, insert_in_order, twips, w

# ---------------------------------------------------------------- style names

TITLE = "Colloquy Title"
SUBTITLE = "Colloquy Subtitle"
META = "Colloquy Meta"
NOTE_HEADING = "Colloquy Note Heading"
NOTE = "Colloquy Note"
BODY = "Colloquy Body"
QUESTION_NUMBER = "Colloquy Question Number"
QUESTION = "Colloquy Question"
QUESTION_TEXT = "Colloquy Question Text"
ANSWER = "Colloquy Answer"
LIST_BULLET = "Colloquy List Bullet"
LIST_NUMBER = "Colloquy List Number"
LIST_CONTINUE = "Colloquy List Continue"
QUOTE = "Colloquy Quote"
FIGURE = "Colloquy Figure"
CAPTION = "Colloquy Caption"
PROFILE_HEADING = "Colloquy Profile Heading"
PROFILE = "Colloquy Profile"
PROFILE_NAME = "Colloquy Profile Name"
PROFILE_GROUP = "Colloquy Profile Group"
SUBHEADING = "Colloquy Subheading"
SUMMARY = "Colloquy Summary"
VIDEO = "Colloquy Video"
COPYRIGHT = "Colloquy Copyright"
EVENT = "Colloquy Event"
TAGS = "Colloquy Tags"
HEADER = "Colloquy Header"
FOOTER = "Colloquy Footer"
TABLE_HEADER = "Colloquy Table Header"
SPEAKER_LABEL = "Colloquy Speaker Label"
UNTRANSLATED = "Colloquy Untranslated"
CODE = "Colloquy Code"
SUPERSCRIPT = "Colloquy Superscript"
SUBSCRIPT = "Colloquy Subscript"
STRONG = "Strong"  # Word's built-in character styles (present in python-docx's template)
EMPHASIS = "Emphasis"
HYPERLINK = "Hyperlink"
BILINGUAL_TABLE = "Colloquy Bilingual Table"

#: when several character styles apply to one run, the first of these becomes its style;
#: the others that have a direct equivalent (bold, italic, vertical alignment) are set directly
CHAR_PRIORITY = (HYPERLINK, CODE, UNTRANSLATED, SPEAKER_LABEL, STRONG, EMPHASIS, SUPERSCRIPT, SUBSCRIPT)
DIRECT_EQUIVALENT = {STRONG: ("b", None), EMPHASIS: ("i", None), SUPERSCRIPT: ("vertAlign", "superscript"), SUBSCRIPT: ("vertAlign", "subscript")}
SPAN_STYLE = {"em": EMPHASIS, "strong": STRONG, "sup": SUPERSCRIPT, "sub": SUBSCRIPT}

#: styles Word itself knows by these names (defined here, but not "custom")
_WORD_BUILTIN = (HYPERLINK,)
#: character styles that only highlight or raise text: they name no fonts, so that an untranslated
#: heading stays in the heading's sans-serif font (the paragraph styles name the fonts, never the theme)
INHERIT_FONTS = (UNTRANSLATED, SUPERSCRIPT, SUBSCRIPT)
#: theme font attributes: they override the explicit fonts and map Chinese to the template's Japanese fonts
_THEME_FONT_ATTRS = tuple(qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"))
#: template parts that must not reach the output (relationship types)
_DROPPED_DOCUMENT_RELS = ("http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects", RT.CUSTOM_XML)
_DROPPED_PACKAGE_RELS = (RT.THUMBNAIL, RT.EXTENDED_PROPERTIES)

_PAGE_SIZES_MM = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "Letter": (215.9, 279.4)}


# ---------------------------------------------------------------- styles


@dataclass(frozen=True)
class StyleSpec:
    """One named style; sizes and spacing in points, colours as hex without '#'."""

    name: str
    kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH
    base: str | None = None
    fonts: str | None = "body"  # "body", "heading", "mono"; None: the paragraph's fonts (see INHERIT_FONTS)
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    color: str | None = None
    before: float | None = None
    after: float | None = None
    line: float | None = None  # line height factor: "at least" size × line
    keep_next: bool = False
    outline: int | None = None  # 0-based outline level (1 = Heading 2), shown in the navigation pane
    indent: float | None = None
    align: str | None = None  # w:jc value
    border: tuple[str, str, float] | None = None  # (side, colour, width pt)
    shading: str | None = None
    underline: bool = False
    vert_align: str | None = None
    next: str | None = None


def style_specs(langs: Languages) -> tuple[StyleSpec, ...]:
    """Every Colloquy style, from :data:`TYPOGRAPHY`; the document's script picks the line height."""
    t = TYPOGRAPHY
    lh = t.line_height_of(langs.script)
    gap = t.paragraph_space_pt
    P = WD_STYLE_TYPE.PARAGRAPH
    C = WD_STYLE_TYPE.CHARACTER
    return (
        StyleSpec(BODY, P, "Normal", size=t.body_pt, color=t.ink, before=0, after=gap, line=lh),
        StyleSpec(TITLE, P, BODY, "heading", t.title_pt * (t.bilingual_title_scale if langs.columns > 1 else 1), bold=True, color=t.ink, after=gap, line=lh, keep_next=True, outline=0, next=SUBTITLE),
        StyleSpec(SUBTITLE, P, BODY, "heading", t.subtitle_pt, color=t.muted, after=gap, line=lh, keep_next=True),
        StyleSpec(META, P, BODY, "heading", t.small_pt, color=t.muted, after=gap / 2, line=lh),
        StyleSpec(EVENT, P, BODY, "heading", t.small_pt, color=t.accent, after=gap / 2, line=lh, keep_next=True),
        StyleSpec(NOTE_HEADING, P, BODY, "heading", t.label_pt, bold=True, color=t.accent, before=gap, after=gap / 2, keep_next=True),
        StyleSpec(NOTE, P, BODY, color=t.muted, border=("left", t.rule, 2.25), indent=t.body_pt),
        StyleSpec(QUESTION_NUMBER, P, BODY, "heading", t.heading_pt, bold=True, color=t.accent, before=3 * gap, after=0, keep_next=True),
        StyleSpec(
            QUESTION, P, "Heading 2", "heading", t.heading_pt, bold=True, italic=False, color=t.ink,
            before=3 * gap, after=gap, line=lh, keep_next=True, outline=1, next=QUESTION_TEXT,
        ),
        StyleSpec(QUESTION_TEXT, P, BODY, bold=True, next=ANSWER),
        StyleSpec(ANSWER, P, BODY),
        StyleSpec(LIST_BULLET, P, BODY, after=gap / 2),
        StyleSpec(LIST_NUMBER, P, BODY, after=gap / 2),
        StyleSpec(LIST_CONTINUE, P, BODY, after=gap / 2, indent=list_indent(0)),
        StyleSpec(QUOTE, P, BODY, color=t.muted, indent=2 * t.body_pt, border=("left", t.accent, 1.5)),
        StyleSpec(FIGURE, P, BODY, before=gap, after=gap / 2, align="center", keep_next=True),
        StyleSpec(CAPTION, P, BODY, "heading", t.small_pt, color=t.muted, align="center", after=2 * gap),
        StyleSpec(
            PROFILE_HEADING, P, "Heading 2", "heading", t.heading_pt, bold=True, italic=False, color=t.accent,
            before=4 * gap, after=gap, line=lh, keep_next=True, outline=1, border=("top", t.rule, 0.75), next=PROFILE,
        ),
        StyleSpec(PROFILE, P, BODY),
        StyleSpec(PROFILE_NAME, P, BODY, "heading", t.label_pt, bold=True, color=t.ink, before=gap, after=gap / 2, keep_next=True, next=PROFILE),
        StyleSpec(PROFILE_GROUP, P, BODY, "heading", t.label_pt, bold=True, color=t.muted, before=2 * gap, after=0, keep_next=True),
        StyleSpec(
            SUBHEADING, P, "Heading 3", "heading", t.body_pt + 1, bold=True, italic=False, color=t.ink,
            before=2 * gap, after=gap / 2, line=lh, keep_next=True, outline=2, next=QUESTION_TEXT,
        ),
        StyleSpec(SUMMARY, P, BODY, bold=True, color=t.muted),
        StyleSpec(VIDEO, P, BODY, "heading", t.small_pt, color=t.muted, align="center", after=2 * gap),
        StyleSpec(COPYRIGHT, P, BODY, "heading", t.small_pt, color=t.muted, before=3 * gap, border=("top", t.rule, 0.75)),
        StyleSpec(TAGS, P, BODY, "heading", t.small_pt, color=t.muted, before=gap),
        StyleSpec(HEADER, P, "Header", "heading", t.small_pt, color=t.muted, before=0, after=0, border=("bottom", t.rule, 0.5)),
        StyleSpec(FOOTER, P, "Footer", "heading", t.small_pt, color=t.muted, before=0, after=0, align="center"),
        StyleSpec(TABLE_HEADER, P, BODY, "heading", t.label_pt, bold=True, color=t.muted, after=0, keep_next=True),
        StyleSpec(SPEAKER_LABEL, C, fonts="heading", bold=True, color=t.accent),
        StyleSpec(UNTRANSLATED, C, fonts=None, shading=t.highlight),
        StyleSpec(CODE, C, fonts="mono"),
        StyleSpec(SUPERSCRIPT, C, fonts=None, vert_align="superscript"),
        StyleSpec(SUBSCRIPT, C, fonts=None, vert_align="subscript"),
        StyleSpec(HYPERLINK, C, fonts=None, color=t.accent, underline=True),
        StyleSpec(BILINGUAL_TABLE, WD_STYLE_TYPE.TABLE),
    )


def list_indent(level: int) -> float:
    """Left indent (pt) of a list level: two body characters a level, plus the hanging number."""
    return (level + 1) * 2 * TYPOGRAPHY.body_pt


def _font_pair(fonts: str, langs: Languages) -> tuple[str, str]:
    """(Latin font, East Asian font) of a style's font role: body, heading or mono (code, set in
    the Latin sans-serif: the typography has no monospace font), from the fonts Word users have
    (:attr:`Typography.word_fonts`)."""
    word = TYPOGRAPHY.word_fonts
    latin, cjk = word[Script.LATIN], word[langs.cjk_script]
    if fonts in ("heading", "mono"):
        return latin.heading.primary, cjk.heading.primary
    return latin.body.primary, cjk.body.primary


def _rfonts(latin: str, east_asian: str) -> Any:
    return w("rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asian, cs=latin)


def _border(side: str, color: str, width_pt: float) -> Any:
    # w:sz is in eighths of a point; w:space in points
    return w(side, val="single", sz=str(round(width_pt * 8)), space="4", color=color)


def _style_ppr(spec: StyleSpec) -> Any | None:
    """The style's paragraph properties, children in schema order."""
    if spec.kind is not WD_STYLE_TYPE.PARAGRAPH:
        return None
    ppr = w("pPr")
    if spec.keep_next:
        ppr.append(w("keepNext"))
        ppr.append(w("keepLines"))
    if spec.border is not None:
        side, color, width = spec.border
        pbdr = w("pBdr")
        pbdr.append(_border(side, color, width))
        ppr.append(pbdr)
    ppr.append(w("autoSpaceDE", val="0"))
    ppr.append(w("autoSpaceDN", val="0"))
    spacing: dict[str, str] = {}
    if spec.before is not None:
        spacing["before"] = twips(spec.before)
    if spec.after is not None:
        spacing["after"] = twips(spec.after)
    if spec.line is not None:
        spacing["line"] = twips((spec.size or TYPOGRAPHY.body_pt) * spec.line)
        spacing["lineRule"] = "atLeast"
    if spacing:
        ppr.append(w("spacing", **spacing))
    if spec.indent is not None:
        ppr.append(w("ind", left=twips(spec.indent)))
    if spec.align is not None:
        ppr.append(w("jc", val=spec.align))
    if spec.outline is not None:
        ppr.append(w("outlineLvl", val=str(spec.outline)))
    return ppr


def _style_rpr(spec: StyleSpec, langs: Languages) -> Any:
    """The style's run properties, children in schema order; fonts named explicitly (Latin + East Asian),
    except for the character styles of :data:`INHERIT_FONTS`."""
    rpr = w("rPr")
    if spec.fonts is not None:
        rpr.append(_rfonts(*_font_pair(spec.fonts, langs)))
    for tag, value in (("b", spec.bold), ("i", spec.italic)):
        if value is not None:
            rpr.append(w(tag, val="1" if value else "0"))
            rpr.append(w(f"{tag}Cs", val="1" if value else "0"))
    if spec.color is not None:
        rpr.append(w("color", val=spec.color))
    if spec.size is not None:
        half_points = str(round(spec.size * 2))
        rpr.append(w("sz", val=half_points))
        rpr.append(w("szCs", val=half_points))
    if spec.underline:
        rpr.append(w("u", val="single"))
    if spec.shading is not None:
        rpr.append(w("shd", val="clear", color="auto", fill=spec.shading))
    if spec.vert_align is not None:
        rpr.append(w("vertAlign", val=spec.vert_align))
    return rpr


def _table_style_props(style_el: Any) -> None:
    """Rules between rows and columns in the rule colour, a heavier rule under the header row."""
    t = TYPOGRAPHY
    tblpr = w("tblPr")
    borders = w("tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):  # schema order
        borders.append(w(side, val="nil") if side in ("left", "right") else _border(side, t.rule, 0.5))
    tblpr.append(borders)
    margins = w("tblCellMar")
    for side, pt in (("top", t.paragraph_space_pt / 2), ("left", t.body_pt / 2), ("bottom", 0.0), ("right", t.body_pt / 2)):
        margins.append(w(side, w=twips(pt), type="dxa"))
    tblpr.append(margins)
    style_el.append(tblpr)
    first = w("tblStylePr", type="firstRow")
    tcpr = w("tcPr")
    tcb = w("tcBorders")
    tcb.append(_border("bottom", t.muted, 1.0))
    tcpr.append(tcb)
    first.append(tcpr)
    style_el.append(first)


def define_styles(document: DocxDocument, langs: Languages) -> dict[str, BaseStyle]:
    """Create (or redefine) every style of :func:`style_specs`; returns them by name."""
    styles = document.styles
    existing = {s.name: s for s in styles}
    by_name: dict[str, BaseStyle] = {}
    specs = style_specs(langs)
    for spec in specs:
        style = existing.get(spec.name)
        if style is None:  # (styles.add_style would scan every style again for each new one)
            style = StyleFactory(styles.element.add_style_of_type(spec.name, spec.kind, spec.name in _WORD_BUILTIN))
        el = style.element
        for tag in ("w:pPr", "w:rPr", "w:tblPr", "w:tblStylePr"):
            for child in el.findall(qn(tag)):
                el.remove(child)
        if spec.base is not None:
            cast(Any, style).base_style = by_name.get(spec.base) or existing[spec.base]
        style.quick_style = spec.kind is not WD_STYLE_TYPE.TABLE
        ppr = _style_ppr(spec)
        if ppr is not None:
            el.append(ppr)
        el.append(_style_rpr(spec, langs))
        if spec.kind is WD_STYLE_TYPE.TABLE:
            _table_style_props(el)
        by_name[spec.name] = style
    for spec in specs:  # after the loop: a style may name a "next" style defined after it
        if spec.next is not None and spec.kind is WD_STYLE_TYPE.PARAGRAPH:
            by_name[spec.name].next_paragraph_style = by_name[spec.next]  # type: ignore[attr-defined]
    for name in (STRONG, EMPHASIS):
        by_name[name] = existing[name]
    return by_name


def strip_theme_fonts(styles_el: Any) -> None:
    """Remove theme font attributes everywhere in ``styles.xml`` (explicit fonts then apply)."""
    for rfonts in styles_el.iter(qn("w:rFonts")):
        for attr in _THEME_FONT_ATTRS:
            if attr in rfonts.attrib:
                del rfonts.attrib[attr]


def set_doc_defaults(styles_el: Any, langs: Languages) -> None:
    """Document defaults: body fonts (Latin + CJK), body size, the document language and the East Asian one."""
    t = TYPOGRAPHY
    defaults = styles_el.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    for child in list(rpr):
        rpr.remove(child)
    rpr.append(_rfonts(*_font_pair("body", langs)))
    half_points = str(round(t.body_pt * 2))
    rpr.append(w("sz", val=half_points))
    rpr.append(w("szCs", val=half_points))
    rpr.append(w("lang", val=langs.lang, eastAsia=langs.east_asia, bidi="ar-SA"))
    ppr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    for child in list(ppr):
        ppr.remove(child)
    # no automatic gap between Chinese and Latin letters or digits: the house style prints none
    # (here, and on every paragraph style and paragraph: LibreOffice reads those)
    ppr.append(w("autoSpaceDE", val="0"))
    ppr.append(w("autoSpaceDN", val="0"))
    ppr.append(w("spacing", after=twips(t.paragraph_space_pt), line="240", lineRule="auto"))


def set_settings(document: DocxDocument, langs: Languages) -> None:
    """``themeFontLang`` (the document language and the East Asian one); drop the template's proof state."""
    settings = document.settings.element
    tfl = settings.find(qn("w:themeFontLang"))
    if tfl is None:  # pragma: no cover - python-docx's template has one
        tfl = w("themeFontLang")
        clr = settings.find(qn("w:clrSchemeMapping"))
        if clr is not None:
            clr.addprevious(tfl)
        else:
            settings.append(tfl)
    tfl.set(qn("w:val"), langs.lang)
    tfl.set(qn("w:eastAsia"), langs.east_asia)
    for stale in (*settings.findall(qn("w:proofState")), *settings.findall(qn("w:savePreviewPicture"))):
        settings.remove(stale)
    t = TYPOGRAPHY
    if langs.hyphenate:  # the Latin text of the document: hyphenated, never more than two lines in a row
        insert_in_order(settings, w("autoHyphenation", val="1"), SETTINGS_ORDER)
        insert_in_order(settings, w("consecutiveHyphenLimit", val=str(t.max_hyphen_ladder)), SETTINGS_ORDER)
        insert_in_order(settings, w("hyphenationZone", val=twips(t.body_pt * 3)), SETTINGS_ORDER)
    # adjacent CJK marks set in half their width (Word's "compress punctuation")
    insert_in_order(settings, w("characterSpacingControl", val="compressPunctuation"), SETTINGS_ORDER)


#: the part of the sequence of ``w:settings``' children (ECMA-376 CT_Settings) these functions touch
SETTINGS_ORDER = (
    "w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation", "w:removeDateAndTime",
    "w:doNotDisplayPageBoundaries", "w:displayBackgroundShape", "w:printPostScriptOverText",
    "w:printFractionalCharacterWidth", "w:printFormsData", "w:embedTrueTypeFonts", "w:embedSystemFonts",
    "w:saveSubsetFonts", "w:saveFormsData", "w:mirrorMargins", "w:alignBordersAndEdges",
    "w:bordersDoNotSurroundHeader", "w:bordersDoNotSurroundFooter", "w:gutterAtTop", "w:hideSpellingErrors",
    "w:hideGrammaticalErrors", "w:activeWritingStyle", "w:proofState", "w:formsDesign", "w:attachedTemplate",
    "w:linkStyles", "w:stylePaneFormatFilter", "w:stylePaneSortMethod", "w:documentType", "w:mailMerge",
    "w:revisionView", "w:trackRevisions", "w:doNotTrackMoves", "w:doNotTrackFormatting", "w:documentProtection",
    "w:autoFormatOverride", "w:styleLockTheme", "w:styleLockQFSet", "w:defaultTabStop", "w:autoHyphenation",
    "w:consecutiveHyphenLimit", "w:hyphenationZone", "w:doNotHyphenateCaps", "w:showEnvelope", "w:summaryLength",
    "w:clickAndTypeStyle", "w:defaultTableStyle", "w:evenAndOddHeaders", "w:bookFoldRevPrinting", "w:bookFold",
    "w:bookFoldPrinting", "w:displayHorizontalDrawingGridEvery", "w:displayVerticalDrawingGridEvery",
    "w:doNotUseMarginsForDrawingGridOrigin", "w:drawingGridHorizontalOrigin", "w:drawingGridVerticalOrigin",
    "w:doNotShadeFormData", "w:noPunctuationKerning", "w:characterSpacingControl", "w:printTwoOnOne",
    "w:strictFirstAndLastChars", "w:noLineBreaksAfter", "w:noLineBreaksBefore", "w:savePreviewPicture",
    "w:doNotValidateAgainstSchema", "w:saveInvalidXml", "w:ignoreMixedContent", "w:alwaysShowPlaceholderText",
    "w:doNotDemarcateInvalidXml", "w:saveXmlDataOnly", "w:useXSLTWhenSaving", "w:saveThroughXslt",
    "w:showXMLTags", "w:alwaysMergeEmptyNamespace", "w:updateFields", "w:hdrShapeDefaults", "w:footnotePr",
    "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang",
    "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
    "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults",
    "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)


def prune_styles(document: DocxDocument) -> None:
    """Keep only the styles the document uses — in its body, headers, footers and numbering, and
    the styles those are based on, linked to or followed by — and the defaults; drop the latent
    style list. python-docx's template brings ~200 styles (350 KB) a reader never sees."""
    styles_el = document.styles.element
    used: set[str] = set()
    for part in document.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None or element is styles_el:
            continue
        for tag in ("w:pStyle", "w:rStyle", "w:tblStyle"):
            used.update(el.get(qn("w:val")) for el in element.iter(qn(tag)))
    by_id = {s.get(qn("w:styleId")): s for s in styles_el.findall(qn("w:style"))}
    keep = {sid for sid, s in by_id.items() if s.get(qn("w:default")) in ("1", "true")}
    todo = [sid for sid in used if sid in by_id]
    while todo:
        sid = todo.pop()
        if sid in keep:
            continue
        keep.add(sid)
        for tag in ("w:basedOn", "w:link", "w:next"):
            ref = by_id[sid].find(qn(tag))
            if ref is not None and ref.get(qn("w:val")) in by_id:
                todo.append(ref.get(qn("w:val")))
    for sid, style in by_id.items():
        if sid not in keep:
            styles_el.remove(style)
        elif style.get(qn("w:type")) == "paragraph":
            ppr = style.find(qn("w:pPr"))
            if ppr is None:
                ppr = insert_in_order(style, w("pPr"), _STYLE_ORDER)
            autospace_off(ppr)
    for latent in styles_el.findall(qn("w:latentStyles")):
        styles_el.remove(latent)


#: the sequence of ``w:style``'s children (ECMA-376 CT_Style)
_STYLE_ORDER = (
    "w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:autoRedefine", "w:hidden", "w:uiPriority",
    "w:semiHidden", "w:unhideWhenUsed", "w:qFormat", "w:locked", "w:personal", "w:personalCompose",
    "w:personalReply", "w:rsid", "w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr",
)


def drop_template_leftovers(document: DocxDocument) -> None:
    """Drop the template's thumbnail, app.xml, stylesWithEffects.xml and bibliography customXml."""
    rels = document.part.rels
    for rid in [rid for rid, rel in rels.items() if rel.reltype in _DROPPED_DOCUMENT_RELS]:
        del rels[rid]
    pkg_rels = document.part.package.rels
    for rid in [rid for rid, rel in pkg_rels.items() if rel.reltype in _DROPPED_PACKAGE_RELS]:
        del pkg_rels[rid]



def page_setup(document: DocxDocument) -> int:
    """Page size and margins from :data:`TYPOGRAPHY`; returns the text width (EMU)."""
    t = TYPOGRAPHY
    width, height = _PAGE_SIZES_MM[t.page_size]
    top, right, bottom, left = t.margin_mm
    section = document.sections[0]
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    section.header_distance, section.footer_distance = Mm(top / 2), Mm(bottom / 2)
    return int(Mm(width - left - right))
