"""A draft written as ``article.md``: the front matter (every text in double quotes, so that YAML
reads it as written), the lead, the editor's note, the questions and turns, the profiles.
What was not found is written ``FIXME``, which ``colloquy check`` reports until the editor fills
it in (or deletes the line of an optional field)."""

from __future__ import annotations

import json
import re

from colloquy.intake.manuscript import Draft, DraftBlock, DraftImage, DraftList, DraftSection
from colloquy.model import NameOrder, Role
from colloquy.reader.frontmatter import IMPORT_MISSING

FIXME = IMPORT_MISSING


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _block(block: DraftBlock) -> str:
    if isinstance(block, DraftImage):
        alt = block.alt.replace("]", "\\]")
        caption = f' "{block.caption}"' if block.caption else ""
        caption = caption if '"' not in block.caption else ""
        return f"![{alt}]({block.file}{caption})"
    if isinstance(block, DraftList):
        if block.bare:
            return "\n".join(block.items)
        if block.ordered:
            return "\n".join(f"{block.start + n}. {item}" for n, item in enumerate(block.items))
        return "\n".join(f"- {item}" for item in block.items)
    return block


def _section(section: DraftSection) -> list[str]:
    out: list[str] = []
    if section.kind in ("note", "summary", "profile"):
        opening = {"note": "::: editors-note", "summary": "::: summary"}.get(section.kind, f"::: profile {section.speaker}")
        return [opening + "\n" + "\n\n".join(_block(b) for b in section.blocks) + "\n:::"]
    if section.kind == "question":
        out.append(f"## {section.heading}" if section.heading else "##")
        for turn in section.turns:
            blocks = [_block(b) for b in turn.blocks]
            label = f"@{turn.speaker}:" if turn.speaker else "@:"
            if turn.own_line or not blocks or not isinstance(turn.blocks[0], str):
                out.append(label)
                out += blocks
            else:
                out.append(f"{label} {blocks[0]}")
                out += blocks[1:]
        return out
    return [_block(b) for b in section.blocks]


def render(draft: Draft, slug: str) -> tuple[str, list[str]]:
    """The text of ``article.md``, and the fields left FIXME (as the front matter names them)."""
    missing: list[str] = []

    def value(key: str, text: str, *, optional: bool = False) -> str:
        if not text:
            missing.append(key)
            return FIXME
        return _q(text)

    lines = ["---", f"slug: {slug}", f"locale: {draft.locale}"]
    lines.append(f"date: {draft.date}" if draft.date else f"date: {value('date', '')}")
    lines.append(f"outlet: {value('outlet', draft.outlet)}")
    if draft.column:
        lines.append(f"column: {_q(draft.column)}")
    lines.append(f"title: {value('title', draft.title)}")
    if draft.short_title:
        lines.append(f"short_title: {_q(draft.short_title)}")
    if draft.numbering:
        lines.append(f'numbering: "{draft.numbering}"')
    ev = draft.event
    if ev is not None:
        lines.append("event:")
        lines.append(f"  name: {_q(ev.name)}")
        if ev.short_name:
            lines.append(f"  short_name: {_q(ev.short_name)}")
        if ev.city:
            lines.append(f"  city: {_q(ev.city)}")
        if ev.dates is not None:
            lines += [f"  {k}: {v}" for k, v in ev.dates.yaml.items()]
        else:
            missing.append("event.date")
            lines.append(f"  date: {FIXME}")
        missing.append("event.theme")
        lines.append(f"  theme: {FIXME}")
    lines.append("speakers:")
    for key, sp in draft.speakers.items():
        lines.append(f"  {key}:")
        lines.append(f"    name: {value(f'speakers.{key}.name', '' if sp.name == FIXME else sp.name)}")
        if sp.honorific:
            lines.append(f"    honorific: {_q(sp.honorific)}")
        lines.append(f"    role: {sp.role.value}")
        if sp.order is NameOrder.GIVEN_FIRST:
            lines.append("    name_order: given-first")
        if sp.role in (Role.INTERVIEWEE, Role.GUEST, Role.HOST) and sp.known:
            missing.append(f"speakers.{key}.affiliation")
            lines.append(f"    affiliation: {FIXME}")
    missing.append("tags")
    lines += ["tags:", f"  - {FIXME}", "---", ""]
    body: list[str] = []
    profiles_first = bool(draft.sections) and any(s.kind == "profile" for s in draft.sections) and (
        next(n for n, s in enumerate(draft.sections) if s.kind == "profile") < next((n for n, s in enumerate(draft.sections) if s.kind == "question"), len(draft.sections))
    )
    ordered = [s for s in draft.sections if s.kind != "profile"]
    profiles = [s for s in draft.sections if s.kind == "profile"]
    if profiles_first:
        first_question = next((n for n, s in enumerate(ordered) if s.kind == "question"), len(ordered))
        ordered = ordered[:first_question] + profiles + ordered[first_question:]
    else:
        ordered += profiles
    for section in ordered:
        body += _section(section)
    text = "\n".join(lines) + "\n" + "\n\n".join(part for part in body if part.strip()) + "\n"
    return re.sub(r"\n{3,}", "\n\n", text), missing
