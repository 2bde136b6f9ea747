"""Speaker labels as reporters type them: "马军教授：", "Prof. Ma Jun:", "Q:", "答：", "主持人：",
"《肿瘤瞭望》：", "＠MJ：".

One recognition for the two places that meet them: the source lint (a label pasted into
``article.md`` instead of ``@KEY:``, or typed after one) and the import of a Word manuscript,
where they are how turns are told apart. A label is matched to a declared speaker on the
speaker's name and honorific (马军 + 教授, Ma Jun + Prof.), in either order and with or without
spaces, or — for Q/A, 问/答, 主持人 — on the speaker's role.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from colloquy.model import Role, Speaker
from colloquy.textrules import HAN, strip_title_marks

#: honorifics written before an English name (the longest first)
EN_HONORIFICS = ("Professor", "Academician", "Doctor", "Prof.", "Prof", "Dr.", "Dr", "Mr.", "Mrs.", "Ms.", "Mr", "Mrs", "Ms")
#: honorifics written after a Chinese name (or a Western name kept in Latin letters: Michael Gnant教授)
ZH_HONORIFICS = ("主任医师", "副主任", "副教授", "研究员", "教授", "主任", "院士", "博士", "医生", "老师", "先生", "女士", "院长", "医师")
#: labels that name a role, not a person (Latin ones compared without case)
ROLE_LABELS: dict[str, Role] = {
    "q": Role.INTERVIEWER,
    "问": Role.INTERVIEWER,
    "记者": Role.INTERVIEWER,
    "interviewer": Role.INTERVIEWER,
    "a": Role.INTERVIEWEE,
    "答": Role.INTERVIEWEE,
    "主持人": Role.HOST,
    "host": Role.HOST,
    "moderator": Role.HOST,
    "嘉宾": Role.GUEST,
    "guest": Role.GUEST,
}
#: the longest text a label may have before its colon
MAX_LABEL = 48

_COLON = "[:：]"
#: a label at the start of a text: optional bold markers, the label, a colon (inside or outside the markers)
_AT_START = re.compile(rf"^[ \t]*(?P<open>\*\*|__)?(?P<label>[^:：\n*]{{1,{MAX_LABEL}}}?)[ \t]*(?:(?P=open){_COLON}|{_COLON}(?P=open)|{_COLON})[ \t]*")
#: a Colloquy label written with a full-width at sign: ＠MJ：
_FULLWIDTH_AT = re.compile(r"^[ \t]*＠[ \t]*(?P<key>[A-Za-z][A-Za-z0-9_-]{0,15})?[ \t]*[:：][ \t]*")
_EN_NAME = r"[A-Z][\w’'.-]*(?:[ \t]+[A-Z][\w’'.-]*){0,3}"
_EN_LABEL = re.compile(rf"^(?P<hon>{'|'.join(re.escape(h) for h in EN_HONORIFICS)})(?:[ \t]+|(?<=\.))(?P<name>{_EN_NAME})$")
_ZH_LABEL = re.compile(rf"^(?P<name>[{HAN}·]{{2,5}}|[A-Z][A-Za-z’'.-]*(?:[ \t]+[A-Z][A-Za-z’'.-]*){{0,3}})[ \t]*(?P<hon>{'|'.join(ZH_HONORIFICS)})$")
#: what a label never contains: sentence punctuation (a sentence with a colon is no label)
_NOT_IN_LABEL = re.compile(r"[,，。;；!！?？、（）()\"“”「」]")


@dataclass(frozen=True)
class TypedLabel:
    """A label typed at the start of a text."""

    text: str  # as typed, without markers and colon: "马军教授"
    end: int  # where the text after the label (its colon and spaces) starts
    name: str = ""  # the person's name: "马军", "Ma Jun" ("" for a role label)
    honorific: str = ""  # "教授", "Prof." …
    role: Role | None = None  # Q/A, 问/答, 主持人 …
    key: str = ""  # ＠MJ： — a Colloquy label with a full-width at sign
    #: the name comes before the honorific (马军教授, Michael Gnant教授)
    name_first: bool = False

    @property
    def person(self) -> bool:
        return bool(self.name)


def squeeze(text: str) -> str:
    """A name for comparison: NFKC, no spaces, title marks and dashes, case folded."""
    text = unicodedata.normalize("NFKC", strip_title_marks(text.strip()))
    return re.sub(r"[\s\-–—·.]+", "", text).casefold()


def _classify(label: str, end: int) -> TypedLabel:
    role = ROLE_LABELS.get(label.casefold()) or ROLE_LABELS.get(label)
    if role is not None:
        return TypedLabel(label, end, role=role)
    m = _EN_LABEL.match(label)
    if m:
        return TypedLabel(label, end, m.group("name").strip(), m.group("hon"))
    m = _ZH_LABEL.match(label)
    if m:
        return TypedLabel(label, end, m.group("name").strip(), m.group("hon"), name_first=True)
    return TypedLabel(label, end)


def typed_label(text: str) -> TypedLabel | None:
    """The label a text starts with, or None: a short text before a colon, with no sentence
    punctuation. The label may be recognised (a role, honorific and name, ＠KEY) or not (any
    short text: :func:`speaker_for` decides whether it names a declared speaker)."""
    at = _FULLWIDTH_AT.match(text)
    if at:
        return TypedLabel(text[: at.end()].strip(), at.end(), key=at.group("key") or "")
    m = _AT_START.match(text)
    if m is None or text[m.start("label") :].startswith("@"):
        return None
    label = m.group("label").strip()
    if not label or _NOT_IN_LABEL.search(strip_title_marks(label)[1:-1] if label.startswith("《") else label) or "://" in text[: m.end() + 2]:
        return None
    if len(label.split()) > 6:
        return None
    return _classify(label, m.end())


def label_forms(speaker: Speaker) -> set[str]:
    """How a speaker's label may be typed, squeezed: the name, with the honorific before or after,
    and a title-marked name without its marks (《肿瘤瞭望》)."""
    name = speaker.name.source
    forms = {squeeze(name)}
    if speaker.honorific is not None:
        hon = speaker.honorific.source
        forms |= {squeeze(f"{hon} {name}"), squeeze(f"{name}{hon}"), squeeze(f"{name} {hon}")}
        if squeeze(hon) in ("prof", "professor"):
            forms |= {squeeze(f"Professor {name}"), squeeze(f"Prof {name}")}
    return {f for f in forms if f}


def speaker_for(label: TypedLabel, speakers: Mapping[str, Speaker | None]) -> str | None:
    """The key of the declared speaker a typed label names, or None."""
    known = {k: s for k, s in speakers.items() if s is not None}
    if label.key:
        return label.key if label.key in speakers else next((k for k in speakers if k.casefold() == label.key.casefold()), None)
    if label.role is not None:
        wanted = {Role.INTERVIEWER: (Role.INTERVIEWER, Role.HOST), Role.HOST: (Role.HOST, Role.INTERVIEWER)}.get(label.role, (label.role,))
        if label.role is Role.INTERVIEWEE:
            wanted = (Role.INTERVIEWEE, Role.GUEST)
        matching = [k for k, s in known.items() if s.role in wanted]
        return matching[0] if len(matching) == 1 else None
    typed = squeeze(label.text)
    for key, sp in known.items():
        if typed in label_forms(sp):
            return key
    if label.name:
        name = squeeze(label.name)
        found = [k for k, s in known.items() if squeeze(s.name.source) == name]
        if len(found) == 1:
            return found[0]
    # a key typed without its @ (MJ：)
    return next((k for k in speakers if k == label.text), None)


def looks_like_label(label: TypedLabel) -> bool:
    """Whether a typed label is recognisably a speaker's even when it names no declared speaker:
    a role, an honorific and a name, or ＠KEY."""
    return label.role is not None or label.person or bool(label.key) or label.text.startswith("＠")


def key_for_name(name: str, taken: Iterable[str] = ()) -> str:
    """A speaker key for a name: the initials of its words (Ma Jun → MJ; 马军 → MJ through its
    pinyin), made unique against ``taken`` with a digit."""
    words = re.findall(r"[A-Za-z][A-Za-z’'-]*", name)
    if re.search(f"[{HAN}]", name):
        from pypinyin import Style, lazy_pinyin

        han = re.findall(f"[{HAN}]", name)
        initials = "".join(p[0] for p in lazy_pinyin("".join(han), style=Style.NORMAL) if p)
        key = "".join(w[0] for w in words).upper() + initials.upper()  # 马军 → MJ, 田浴阳 → TYY
    else:
        key = "".join(w[0] for w in words).upper()
    key = re.sub(r"[^A-Z0-9]", "", key)[:8] or "S"
    if not key[0].isalpha():
        key = "S" + key
    taken_set = set(taken)
    if key not in taken_set:
        return key
    n = 2
    while f"{key}{n}" in taken_set:
        n += 1
    return f"{key}{n}"
