"""A manuscript's paragraphs read as an interview: title and masthead, lead, editor's note,
questions and turns, profiles, speakers — with what was guessed and what was not found.

What tells the parts apart is what reporters use: the Title style or the first line for the
title; Heading styles, bold lines and numbers typed by hand ("01", "Q1:") for questions; a label
at the start of a paragraph ("马军教授：", "Prof. Ma Jun:", "Q:", "答：", "主持人：", bold or not)
for turns (:mod:`colloquy.labels`); "专家介绍" / "Expert Profile" for the profiles; "编者按" /
"Editor's Note" for the note; Word lists and lines typed with "1." or "•" for lists; pictures
and the short line under them for images and captions.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from colloquy.intake.dates import Dates, find_dates
from colloquy.intake.docx import Manuscript, Para, Picture
from colloquy.labels import TypedLabel, key_for_name, squeeze, typed_label
from colloquy.model import NameOrder, Role
from colloquy.textrules import HAN, strip_title_marks

_PROFILE_HEADING = re.compile(r"^\s*(?:\*\*)?\s*(专家介绍|专家简介|嘉宾介绍|Expert Profiles?|About the Experts?|Profiles?)\s*[:：]?\s*(?:\*\*)?\s*$", re.I)
_GROUP_HEADING = re.compile(r"^\s*(?:\*\*)?\s*(主持人|嘉宾|Hosts?|Guests?|Moderators?|Panelists?)\s*[:：]?\s*(?:\*\*)?\s*$", re.I)
_NOTE_LABEL = re.compile(r"^\s*(?:\*\*)?\s*(编者按|编者的话|Editor[’']?s[’']? Note)\s*(?:\*\*)?\s*[:：]?\s*(?:\*\*)?\s*", re.I)
_SUMMARY_LABEL = re.compile(r"^\s*(?:\*\*)?\s*(导语|导读|Summary)\s*(?:\*\*)?\s*[:：]\s*(?:\*\*)?\s*", re.I)
#: a question number typed by hand: "01", "Q1:", "Q1.", "1.", "一、", "第一问"
_NUMBER = re.compile(r"^\s*(?:\*\*)?\s*(?:Q\s*\d{1,2}\s*[:：.、)）]?|\d{1,2}\s*[:：.、)）]|\d{2}(?=\s)|[一二三四五六七八九十]{1,3}\s*、|第[一二三四五六七八九十]{1,3}[问题部分]\s*[:：]?)\s*(?:\*\*)?\s*", re.I)
_NUMBER_ALONE = re.compile(r"^\s*(?:\*\*)?\s*(?:Q\s*\d{1,2}|\d{1,2})\s*[:：.]?\s*(?:\*\*)?\s*$", re.I)
#: list markers typed by hand
_TYPED_ITEM = re.compile(r"^\s*(?:(?P<num>\d{1,2})\s*[.、)）]|[（(](?P<pnum>\d{1,2})[)）]|(?P<bullet>[•·●○▪■◆\-–*]))\s*")
_COPYRIGHT = re.compile(r"版权所有|All rights reserved|未经授权|谢绝任何形式转载", re.I)
_SENTENCE_END = re.compile(r"[。.!！;；]\s*$")
_QUESTION_END = re.compile(r"[?？]\s*(?:\*\*)?\s*$")
_CAPTION = re.compile(r"^(?:图\s*\d*|Figure\s*\d*|Fig\.|Photo|▲|△)", re.I)
_EVENT_WORDS = re.compile(r"Annual Meeting|Congress|Conference|Symposium|Forum|Summit|年会|大会|会议|论坛|峰会")
_ZH_EVENT = re.compile(r"(第[一二三四五六七八九十百\d]+届[^，。；、“”\s]{2,40}?(?:学术年会|年会|大会|会议|论坛|峰会))")
_EN_EVENT = re.compile(r"((?:[Tt]he )?(?:\d+(?:st|nd|rd|th)|\d{4}) [A-Z][^,;.]{3,120}?(?:Meeting|Congress|Conference|Symposium|Forum|Summit)(?: of (?:the )?[A-Z][^,;.()]{3,100}(?: \([A-Z]+\))?)?)(?=[\s,;.])")
_ZH_CITY = re.compile(r"在([\u4e00-\u9fff]{2,8}?)(?:隆重)?(?:举行|举办|召开|开幕)")
_EN_CITY = re.compile(r"\bin ([A-Z][a-z]+(?:, [A-Z][a-z]+)?)(?=[\s,.])")
_SHORT_NAME = re.compile(r"^\s*([A-Z][A-Za-z-]{1,15}\s?\d{4})\s*[|｜丨]")


@dataclass
class DraftSpeaker:
    key: str
    name: str
    role: Role
    honorific: str = ""
    order: NameOrder | None = None
    #: found in a label, or made for a role label (Q:, 答：) whose person is not known
    known: bool = True


@dataclass
class DraftImage:
    file: str
    alt: str
    caption: str = ""


@dataclass
class DraftList:
    ordered: bool
    items: list[str]
    start: int = 1
    bare: bool = False  # lines typed without markers (a profile's positions)


DraftBlock = str | DraftList | DraftImage


@dataclass
class DraftTurn:
    speaker: str  # "" for an answer printed with no label
    blocks: list[DraftBlock] = field(default_factory=list)
    own_line: bool = False


@dataclass
class DraftSection:
    kind: str  # "lead", "note", "summary", "question", "profile"
    heading: str | None = None
    turns: list[DraftTurn] = field(default_factory=list)
    speaker: str = ""  # a profile's

    @property
    def blocks(self) -> list[DraftBlock]:
        return [b for t in self.turns for b in t.blocks]


@dataclass
class DraftEvent:
    name: str
    dates: Dates | None
    city: str = ""
    short_name: str = ""


@dataclass
class Draft:
    """What the import found, ready to be written as ``article.md``."""

    locale: str
    title: str = ""
    short_title: str = ""
    outlet: str = ""
    column: str = ""
    date: str = ""
    event: DraftEvent | None = None
    numbering: str = ""
    speakers: dict[str, DraftSpeaker] = field(default_factory=dict)
    sections: list[DraftSection] = field(default_factory=list)
    images: list[tuple[str, bytes]] = field(default_factory=list)
    guessed: list[str] = field(default_factory=list)


def script_locale(paragraphs: list[Para], chinese: str, other: str) -> str:
    """The locale the text is written in: Chinese when Han characters outnumber a third of the letters."""
    text = " ".join(p.plain for p in paragraphs)
    han = len(re.findall(f"[{HAN}]", text))
    latin = len(re.findall("[A-Za-z]", text))
    return chinese if han > latin / 3 else other


def _strip_number(text: str) -> tuple[str, str]:
    """A heading without the number typed before it: (number, heading)."""
    m = _NUMBER.match(text)
    if not m:
        return "", text.strip()
    rest = text[m.end() :].strip()
    if rest.startswith("**") and text.lstrip().startswith("**") and rest.count("**") % 2:  # "**01 Heading**" → keep the pair
        rest = rest[2:] if rest.endswith("**") is False else rest
    return m.group(0).strip(" *"), rest.strip()


def _unbold(text: str) -> str:
    t = text.strip()
    if t.startswith("**") and t.endswith("**") and t.count("**") == 2:
        return t[2:-2].strip()
    return t


class _Reader:
    def __init__(self, manuscript: Manuscript, locale: str, chinese: bool, outlet: str) -> None:
        self.paras = [p for p in manuscript.paragraphs if not p.empty]
        self.header = manuscript.header
        self.draft = Draft(locale)
        self.chinese = chinese
        self.default_outlet = outlet
        self.section: DraftSection | None = None
        self.turn: DraftTurn | None = None
        self.phase = "front"
        self.images = 0
        self.pending_number = False
        self.expect_heading = False

    # ---------------------------------------------------------------- speakers

    def speaker(self, label: TypedLabel, shown: str) -> str:
        """The key of the speaker a label names, declared if new."""
        d = self.draft
        typed = squeeze(label.text)
        for key, sp in d.speakers.items():
            forms = {squeeze(sp.name), squeeze(f"{sp.honorific} {sp.name}"), squeeze(f"{sp.name}{sp.honorific}")}
            if typed in forms or (label.name and squeeze(label.name) == squeeze(sp.name)):
                return key
        if label.role is not None:
            return self.role_speaker(label.role)
        outlet = d.outlet or self.default_outlet
        if label.person:
            order = NameOrder.GIVEN_FIRST if label.name_first and re.match("[A-Za-z]", label.name) else None
            key = key_for_name(label.name, d.speakers)
            d.speakers[key] = DraftSpeaker(key, label.name, Role.INTERVIEWEE, label.honorific, order)
            return key
        # the outlet, or a name without an honorific
        is_outlet = bool(outlet) and squeeze(strip_title_marks(label.text)).startswith(squeeze(strip_title_marks(outlet)))
        first_asker = not any(s.role in (Role.INTERVIEWER, Role.HOST) for s in d.speakers.values())
        role = Role.INTERVIEWER if is_outlet or first_asker else Role.INTERVIEWEE
        key = key_for_name(strip_title_marks(outlet) if is_outlet else label.text, d.speakers)
        d.speakers[key] = DraftSpeaker(key, shown, role)
        return key

    def experts(self) -> list[DraftSpeaker]:
        return [s for s in self.draft.speakers.values() if s.role in (Role.INTERVIEWEE, Role.GUEST)]

    def role_speaker(self, role: Role) -> str:
        d = self.draft
        wanted = (Role.INTERVIEWER, Role.HOST) if role in (Role.INTERVIEWER, Role.HOST) else (Role.INTERVIEWEE, Role.GUEST)
        found = [s for s in d.speakers.values() if s.role in wanted and (role is not Role.HOST or s.role is Role.HOST)]
        if len(found) == 1 or (found and role is Role.INTERVIEWER):
            return found[0].key
        if role in (Role.INTERVIEWEE, Role.GUEST):
            named = self.expert_in_title()
            if named is not None:
                return named
        if role is Role.INTERVIEWER:
            outlet = d.outlet or self.default_outlet
            name = outlet or "FIXME"
            key = key_for_name(strip_title_marks(outlet), d.speakers) if outlet else "Q"
            d.speakers[key] = DraftSpeaker(key, name, Role.INTERVIEWER, known=bool(outlet))
            if outlet:
                d.guessed.append(f"the interviewer (Q) is the outlet, {outlet}")
            return key
        key = {Role.HOST: "HOST", Role.GUEST: "GUEST"}.get(role, "A")
        key = key_for_name(key, d.speakers) if key in d.speakers else key
        d.speakers[key] = DraftSpeaker(key, "FIXME", role, known=False)
        return key

    def expert_in_title(self) -> str | None:
        """The expert the title names ("王磊教授：…", "Professor Ma Jun: …"), declared."""
        for chunk in re.split(r"[|｜丨]", self.draft.title):
            label = typed_label(chunk.strip())
            if label is not None and label.person:
                key = self.speaker(label, label.text)
                self.draft.guessed.append(f"'A:'/'答：' is {label.text}, named in the title")
                return key
        return None

    # ---------------------------------------------------------------- sections and blocks

    def open(self, kind: str, heading: str | None = None, speaker: str = "") -> DraftSection:
        self.section = DraftSection(kind, heading, speaker=speaker)
        self.draft.sections.append(self.section)
        self.turn = None
        return self.section

    def add(self, block: DraftBlock) -> None:
        if self.section is None or self.section.kind not in ("lead", "note", "summary", "question", "profile"):
            self.open("lead")
        assert self.section is not None
        if self.turn is None:
            self.turn = DraftTurn("" if self.section.kind == "question" else "-")
            self.section.turns.append(self.turn)
        last = self.turn.blocks[-1] if self.turn.blocks else None
        if isinstance(block, DraftList) and isinstance(last, DraftList) and last.ordered == block.ordered and last.bare == block.bare:
            last.items += block.items
            return
        self.turn.blocks.append(block)

    def picture(self, picture: Picture, caption: str) -> DraftImage:
        self.images += 1
        name = f"image-{self.images}{picture.suffix}"
        self.draft.images.append((name, picture.data))
        alt = picture.description or caption
        if not alt:
            alt = "FIXME"
        return DraftImage(name, alt, caption)

    # ---------------------------------------------------------------- reading

    def read(self) -> Draft:
        paras = self.paras
        i = self.masthead()
        self.has_headings = any(self.heading_text(p) is not None for p in paras[i:])
        while i < len(paras):
            i = self.paragraph(i)
        self.finish()
        return self.draft

    def masthead(self) -> int:
        """Title, outlet and column, event line, byline: the paragraphs before the lead."""
        d, paras = self.draft, self.paras
        if not paras:
            return 0
        at = next((n for n, p in enumerate(paras[:6]) if p.title), None)
        if at is None:
            first = paras[0]
            at = 0 if (first.bold or first.heading or first.centered or len(first.plain) < 160) and not _SENTENCE_END.search(first.plain) else -1
        for p in paras[: max(at, 0)]:
            self.meta_line(p, before_title=True)
        if at < 0:
            return 0
        d.title = _unbold(paras[at].markdown)
        if self.header and self.header != paras[at].plain and paras[at].plain.startswith(self.header[:12]):
            d.short_title = self.header
        i = at + 1
        while i < len(paras) and i <= at + 3 and self.meta_line(paras[i], before_title=False):
            i += 1
        return i

    def meta_line(self, p: Para, *, before_title: bool) -> bool:
        """A short line of the masthead: outlet · column, the event, a byline with the date."""
        d = self.draft
        text = p.plain.strip()
        if len(text) > 220 or p.heading or _SENTENCE_END.search(text):
            return False
        if before_title:
            parts = [x.strip() for x in re.split(r"\s+[·|｜]\s+", text) if x.strip()]
            if parts and not find_dates(text):
                d.outlet, d.column = parts[0], (parts[1] if len(parts) > 1 else "")
                return True
            return False
        dates = find_dates(text)
        if dates is None:
            return False
        rest = (text[: dates.span[0]] + text[dates.span[1] :]).strip(" ,，\u3000·")
        if not _EVENT_WORDS.search(rest):  # a byline: the outlet and the publication date
            d.date = dates.start.isoformat()
            if rest and not d.outlet:
                d.outlet = rest
            return True
        parts = [x.strip() for x in re.split(r"[,，]\s*", rest) if x.strip()]
        d.event = DraftEvent(parts[0], dates, "，".join(parts[1:]) if self.chinese else ", ".join(parts[1:]))
        return True

    def heading_text(self, p: Para) -> str | None:
        """The heading a paragraph is (without a number typed before it), or None."""
        if p.list_kind or p.pictures or _PROFILE_HEADING.match(p.markdown) or (_NOTE_LABEL.match(p.markdown) and not p.heading):
            return None
        label = typed_label(p.markdown)
        if label is not None and (label.role is not None or label.person or label.key):
            return None
        if p.heading and not p.title:
            return _strip_number(_unbold(p.markdown))[1]
        if _NUMBER_ALONE.match(p.markdown):
            return ""
        if p.bold and len(p.plain) <= 120 and not _QUESTION_END.search(p.plain) and not _SENTENCE_END.search(p.plain) and label is None:
            return _strip_number(_unbold(p.markdown))[1]
        number, rest = _strip_number(p.markdown)
        if number and p.bold:
            return _unbold(rest)
        return None

    def paragraph(self, i: int) -> int:
        p = self.paras[i]
        md = p.markdown
        if _COPYRIGHT.search(p.plain) and i >= len(self.paras) - 2:
            return i + 1
        if _PROFILE_HEADING.match(md) and not p.list_kind:
            self.phase = "profiles"
            self.section = None
            self.turn = None
            return i + 1
        if self.phase == "profiles":
            return self.profile_paragraph(i)
        summary = _SUMMARY_LABEL.match(md)
        if summary and self.phase == "front" and not p.list_kind:
            self.open("summary")
            self.add(md[summary.end() :].strip())
            self.open("lead")
            return i + 1
        note = _NOTE_LABEL.match(md)
        if note and not p.list_kind:
            rest = md[note.end() :].strip()
            if self.section is None or self.section.kind != "note":
                self.open("note")
            if rest:
                self.add(rest)
                return i + 1
            # the label alone: the paragraphs up to the next heading or label are the note
            j = i + 1
            while j < len(self.paras) and self.heading_text(self.paras[j]) is None and typed_label(self.paras[j].markdown) is None and not self.paras[j].list_kind:
                self.add(self.paras[j].markdown)
                j += 1
            self.open("lead")
            return j
        heading = self.heading_text(p)
        if heading is not None:
            if heading == "" and i + 1 < len(self.paras):  # "01" alone: the next line is the heading
                nxt = self.paras[i + 1]
                following = self.heading_text(nxt)
                if following is None and typed_label(nxt.markdown) is None and len(nxt.plain) <= 160:
                    following = _unbold(nxt.markdown)
                if following is not None:
                    self.open("question", following or None)
                    self.phase = "questions"
                    return i + 2
            self.open("question", heading or None)
            self.phase = "questions"
            return i + 1
        if p.pictures:
            caption = ""
            after = self.paras[i + 1] if i + 1 < len(self.paras) else None
            taken = 1
            if p.plain:
                caption = p.markdown
            elif after is not None and not after.pictures and len(after.plain) <= 160 and (after.italic or after.centered or "caption" in after.style.lower() or _CAPTION.match(after.plain)):
                caption, taken = after.markdown, 2
            for n, picture in enumerate(p.pictures):
                self.add(self.picture(picture, caption if n == len(p.pictures) - 1 else ""))
            return i + taken
        if self.list_item(p):
            return i + 1
        label = typed_label(md)
        if label is not None and self.is_label(label, md, p):
            key = self.speaker(label, _unbold(label.text))
            rest = md[label.end :].strip()
            if rest.startswith("**") and md.lstrip().startswith("**") and md[: label.end].count("**") % 2:
                rest = rest[2:].lstrip()
            self.start_turn(key, rest)
            return i + 1
        if p.bold and _QUESTION_END.search(p.plain) and self.phase in ("front", "questions") and (self.phase == "questions" or self.draft.sections):
            self.start_turn(self.role_speaker(Role.INTERVIEWER), _unbold(md))
            return i + 1
        if self.phase == "questions" and self.turn is None:
            if _QUESTION_END.search(p.plain):
                self.start_turn(self.role_speaker(Role.INTERVIEWER), md)
            else:
                self.start_turn("", md)
            return i + 1
        self.add(md)
        return i + 1

    def is_label(self, label: TypedLabel, md: str, p: Para) -> bool:
        """Whether a text before a colon is a speaker's label here: a role, a person (honorific and
        name), a speaker already met, the outlet, or any short text in bold."""
        if label.role is not None or label.person or label.key:
            return True
        typed = squeeze(label.text)
        if any(typed in (squeeze(s.name), squeeze(f"{s.honorific} {s.name}"), squeeze(f"{s.name}{s.honorific}")) for s in self.draft.speakers.values()):
            return True
        outlet = self.draft.outlet or self.default_outlet
        if outlet and typed.startswith(squeeze(strip_title_marks(outlet))):
            return True
        return md.lstrip().startswith("**") and len(label.text) <= 48 and self.phase != "front" and not p.list_kind

    def start_turn(self, key: str, text: str) -> None:
        sp = self.draft.speakers.get(key)
        asks = sp is not None and sp.role in (Role.INTERVIEWER, Role.HOST)
        section = self.section
        if section is None or section.kind != "question":
            self.open("question")
        elif asks and not self.has_headings and any(t.speaker for t in section.turns):
            self.open("question")  # no headings: each question of the interviewer is a section of its own
        assert self.section is not None
        self.phase = "questions"
        self.turn = DraftTurn(key, [], own_line=not text)
        self.section.turns.append(self.turn)
        if text:
            self.turn.blocks.append(text)

    def list_item(self, p: Para) -> bool:
        if p.list_kind:
            self.add(DraftList(p.list_kind == "number", [p.markdown], p.list_start))
            return True
        m = _TYPED_ITEM.match(p.plain)
        if m is None or len(p.plain) - m.end() < 2:
            return False
        unescaped = re.sub(r"^\\", "", p.markdown)
        md = _TYPED_ITEM.sub("", unescaped, count=1) if not p.markdown.startswith("**") else p.markdown
        if p.markdown.startswith("**"):
            inner = _TYPED_ITEM.match(p.markdown[2:])
            if inner is None:
                return False
            md = "**" + p.markdown[2 + inner.end() :]
        number = m.group("num") or m.group("pnum")
        self.add(DraftList(number is not None, [md.strip()], int(number) if number else 1))
        return True

    # ---------------------------------------------------------------- profiles

    def profile_paragraph(self, i: int) -> int:
        d, p = self.draft, self.paras[i]
        if _GROUP_HEADING.match(p.markdown):
            return i + 1
        heading = self.heading_text(p) if p.heading else None
        if heading is not None and p.heading:  # the questions come after profiles at the top
            self.phase = "questions"
            return self.paragraph(i)
        name = self.profile_name(p)
        if name is not None:
            self.open("profile", speaker=name)
            return i + 1
        if p.pictures:
            if self.section is None or self.section.kind != "profile":
                self.open("profile", speaker=self.single_expert())
            assert self.section is not None
            sp = d.speakers.get(self.section.speaker)
            portrait = self.picture(p.pictures[0], p.plain)
            if portrait.alt == "FIXME" and sp is not None:  # a portrait: its description is the expert's name
                portrait.alt = f"{sp.name}{sp.honorific}" if self.chinese else f"{sp.honorific} {sp.name}".strip()
            self.add(portrait)
            return i + 1
        if self.section is None or self.section.kind != "profile":
            self.open("profile", speaker=self.single_expert())
        if p.list_kind or _TYPED_ITEM.match(p.plain):
            if not self.list_item(p):
                self.add(DraftList(False, [p.markdown], bare=True))
        else:
            self.add(DraftList(False, [p.markdown], bare=True))
        return i + 1

    def single_expert(self) -> str:
        experts = self.experts()
        if len(experts) == 1:
            return experts[0].key
        return self.role_speaker(Role.INTERVIEWEE)

    def profile_name(self, p: Para) -> str | None:
        """The speaker a profile's first line names ("Prof. Ma Jun", "马军教授", bold), or None."""
        text = _unbold(p.markdown).rstrip(":：").strip()
        if len(text) > 60 or p.list_kind:
            return None
        typed = squeeze(text)
        for key, sp in self.draft.speakers.items():
            forms = {squeeze(sp.name), squeeze(f"{sp.honorific} {sp.name}"), squeeze(f"{sp.name}{sp.honorific}"), squeeze(f"Professor {sp.name}")}
            if typed in forms:
                return key
        label = typed_label(text + "：")
        if label is not None and label.person and (p.bold or p.heading):
            return self.speaker(label, label.text)
        return None

    # ---------------------------------------------------------------- what is left

    def finish(self) -> None:
        d = self.draft
        hosts = [s for s in d.speakers.values() if s.role is Role.HOST]
        if hosts:
            for s in d.speakers.values():
                if s.role is Role.INTERVIEWEE:
                    s.role = Role.GUEST
        d.sections = [s for s in d.sections if s.turns or s.kind == "question"]
        if d.title:
            m = _SHORT_NAME.match(d.title)
            if m and d.event is not None and not d.event.short_name:
                d.event.short_name = m.group(1)
                d.guessed.append(f"the event's short name, {m.group(1)}, from the title")
        if d.event is None:
            self.event_from_lead()
        if not d.outlet and self.default_outlet:
            d.outlet = self.default_outlet
            d.guessed.append(f"the outlet, {self.default_outlet}, as the project's other articles have it")

    def event_from_lead(self) -> None:
        d = self.draft
        lead = " ".join(b for s in d.sections if s.kind in ("lead", "note", "summary") for b in s.blocks if isinstance(b, str))
        m = (_ZH_EVENT if self.chinese else _EN_EVENT).search(lead)
        if m is None:
            return
        ends = [e.end() for e in re.finditer(r"[。！？]|[.!?](?=\s)", lead)]
        begin = max((e for e in ends if e <= m.start()), default=0)
        finish = min((e for e in ends if e >= m.end()), default=len(lead))
        sentence = lead[begin:finish]
        dates = find_dates(sentence)
        city = (_ZH_CITY if self.chinese else _EN_CITY).search(sentence)
        name = m.group(1)
        if name.startswith("the "):
            name = "The " + name[4:]
        d.event = DraftEvent(name, dates, city.group(1) if city else "")
        short = _SHORT_NAME.match(d.title)
        if short:
            d.event.short_name = short.group(1)
        d.guessed.append(f"the event, {name}, from the lead" + (f" ({city.group(1)}, {dates.start}…{dates.end})" if city and dates else ""))


def read_draft(manuscript: Manuscript, locale: str, *, chinese: bool, outlet: str = "") -> Draft:
    """The interview a manuscript holds (``locale``: the language it is written in)."""
    return _Reader(manuscript, locale, chinese, outlet).read()


def common_outlet(outlets: list[str]) -> str:
    """The outlet most of the project's articles name."""
    counted = Counter(o for o in outlets if o)
    return counted.most_common(1)[0][0] if counted else ""
