"""YAML front matter with the file position of every value, and its schema.

PyYAML's SafeLoader is used with mappings built as :class:`Located` dicts, so that
every error can name the line and column of the key or value at fault.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Any

import yaml

from colloquy.diagnostics import Report
from colloquy.model import DatePrecision, Event, Metadata, NameOrder, Numbering, Role, Speaker, Text


class Located(dict[str, Any]):
    """A mapping that remembers where each key and value stood (1-based file line, column)."""

    def __init__(self) -> None:
        super().__init__()
        self.key_pos: dict[str, tuple[int, int]] = {}
        self.value_pos: dict[str, tuple[int, int]] = {}
        self.pos: tuple[int, int] = (1, 1)
        self.duplicates: list[tuple[str, int, int]] = []
        #: where each value written without quotes ends
        self.plain_end: dict[str, tuple[int, int]] = {}


class _Loader(yaml.SafeLoader):
    line_offset = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        # Anchors and aliases (&a, *a) have no use in metadata, and a few lines of them make a
        # value of billions of items (the "billion laughs"): refuse them where they stand.
        event = self.peek_event()  # type: ignore[no-untyped-call]  # (PyYAML's stubs leave it untyped)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _AliasError(event.start_mark)
        return super().compose_node(parent, index)


class _AliasError(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__("YAML anchor or alias")
        self.mark = mark


def _mark(loader: _Loader, mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1 + loader.line_offset, mark.column + 1


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Located:
    loader.flatten_mapping(node)
    result = Located()
    result.pos = _mark(loader, node.start_mark)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key = str(key)
        if key in result:
            result.duplicates.append((key, *_mark(loader, key_node.start_mark)))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_pos[key] = _mark(loader, key_node.start_mark)
        result.value_pos[key] = _mark(loader, value_node.start_mark)
        if isinstance(value_node, yaml.ScalarNode) and value_node.style is None:
            result.plain_end[key] = _mark(loader, value_node.end_mark)
    return result


class LocatedList(list[Any]):
    """A sequence that remembers where each item stood."""

    def __init__(self) -> None:
        super().__init__()
        self.item_pos: list[tuple[int, int]] = []
        #: where each item written without quotes ends (None for the others)
        self.plain_end: list[tuple[int, int] | None] = []


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList()
    for item in node.value:
        result.append(loader.construct_object(item, deep=True))
        result.item_pos.append(_mark(loader, item.start_mark))
        plain = isinstance(item, yaml.ScalarNode) and item.style is None
        result.plain_end.append(_mark(loader, item.end_mark) if plain else None)
    return result


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    """A date such as 2025-09-31 looks like one to YAML but raises ValueError: keep it as text,
    so that the schema check reports it at its position instead of the reader crashing."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


def _construct_text(loader: _Loader, node: yaml.ScalarNode) -> str | None:
    """Every scalar is read as the text written: ``NO`` stays NO (not False), ``2025`` and
    ``2025-09-10`` stay text (the schema reads the dates), ``1.10`` keeps its zero. Only a value
    left empty (``column:``) is no value."""
    value = loader.construct_scalar(node)
    return None if value == "" and node.style is None else str(value)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG, _construct_text)
# no implicit typing: a plain scalar is text (YAML 1.1 reads yes/no/on/off as booleans, 0.10 as 0.1)
_Loader.yaml_implicit_resolvers = {}

#: a plain value followed by `` #`` on its line: YAML reads the rest as a comment
_COMMENT_AFTER = re.compile(r"^[ \t]+#")
#: what ``colloquy import`` writes where it found nothing
IMPORT_MISSING = "FIXME"


SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEY_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,15}$")

TOP_FIELDS = {
    "slug": True,
    "locale": True,
    "date": True,
    "outlet": True,
    "title": True,
    "speakers": True,
    "column": False,
    "short_title": False,
    "subtitle": False,
    "event": False,
    "tags": False,
    "numbering": False,
    "series": False,
    "image": False,
}
EVENT_FIELDS = {"name": True, "date": False, "start": False, "end": False, "short_name": False, "city": False, "theme": False}
SPEAKER_FIELDS = {"name": True, "role": True, "honorific": False, "affiliation": False, "name_order": False}
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass
class FrontMatter:
    meta: Metadata
    speakers: dict[str, Speaker]
    #: where the lead image's file name is written (the reader checks the file, knowing the folder)
    image_pos: tuple[int, int] | None = None


class _Checker:
    def __init__(self, path: str, report: Report, first_line: int, lines: list[str] | None = None) -> None:
        self.path = path
        self.report = report
        self.first_line = first_line
        self.ok = True
        #: the front matter's lines (its first is the file's line ``first_line``)
        self.lines = lines or []

    def cut_at_comment(self, end: tuple[int, int] | None, what: str, value: str) -> bool:
        """A value written without quotes that YAML cut at `` #`` (the rest of the line is read
        as a comment): reported, and True."""
        if end is None:
            return False
        line, col = end
        index = line - self.first_line
        rest = self.lines[index][col - 1 :] if 0 <= index < len(self.lines) else ""
        if not _COMMENT_AFTER.match(rest):
            return False
        lost = rest.strip()
        self.error(
            (line, col + len(rest) - len(rest.lstrip())),
            f"{what} is cut at ' #': YAML reads '{lost[:40]}' as a comment, and the value as '{value[:40]}'",
            "put the whole value in double quotes: \"… #2丨…\"",
        )
        return True

    def missing_import(self, pos: tuple[int, int], key: str, value: object, *, required: bool = False) -> bool:
        """A value ``colloquy import`` left for the editor (FIXME): reported, and True."""
        if value != IMPORT_MISSING:
            return False
        what = key.replace("_", " ")
        hint = f"write the {what}" if required else f"write the {what}, or delete the line if the article has none"
        self.error(pos, f"'{key}' is still FIXME: the import did not find it in the manuscript", hint)
        return True

    def error(self, pos: tuple[int, int], message: str, hint: str = "") -> None:
        self.ok = False
        self.report.error(self.path, pos[0], pos[1], message, hint)

    def fields(self, mapping: Located, schema: dict[str, bool], where: str) -> None:
        for key, line, col in mapping.duplicates:
            self.error((line, col), f"'{key}' is given twice{where}", "keep one of them")
        for key in mapping:
            if key not in schema:
                close = difflib.get_close_matches(key, list(schema), n=1)
                hint = f"did you mean '{close[0]}'?" if close else "known fields: " + ", ".join(schema)
                self.error(mapping.key_pos[key], f"unknown field '{key}'{where}", hint)
        for key, required in schema.items():
            if required and key not in mapping:
                self.error(mapping.pos, f"missing required field '{key}'{where}", f"add '{key}: …'")

    def text(self, mapping: Located, key: str, *, required: bool = False) -> Text | None:
        if key not in mapping or mapping[key] is None:
            if required and key in mapping:
                self.error(mapping.value_pos[key], f"'{key}' is empty", f"write a value after '{key}:'")
            return None
        value = mapping[key]
        line, col = mapping.value_pos[key]
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error((line, col), f"'{key}' must be text", "write it on one line, in quotes if it has a colon")
            return None
        if self.missing_import((line, col), key, value, required=required) or self.cut_at_comment(mapping.plain_end.get(key), f"'{key}'", str(value)):
            return None
        source = str(value).strip()
        if not source:
            self.error((line, col), f"'{key}' is empty", f"write a value after '{key}:'")
            return None
        return Text(source, line, col)

    def date(self, mapping: Located, key: str) -> dt.date | None:
        if key not in mapping:
            return None
        value = mapping[key]
        pos = mapping.value_pos[key]
        if self.missing_import(pos, key, value, required=True):
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            text = str(value).strip()
            if len(text) == 10 and text[4] == text[7] == "-" and text.replace("-", "").isdigit():
                self.error(pos, f"'{key}' is not a real date: '{value}'", "check the day and the month")
            else:
                self.error(pos, f"'{key}' is not a date: '{value}'", "write it as YYYY-MM-DD, e.g. 2025-09-10")
            return None


def _event_dates(c: _Checker, ev: Located) -> tuple[dt.date, dt.date, DatePrecision] | None:
    """An event's dates: ``date`` (a day, or a month: ``2025-07``), or ``start`` and ``end``."""
    if "date" in ev:
        if "start" in ev or "end" in ev:
            c.error(ev.value_pos["date"], "an event has a 'date' or a 'start' and an 'end', not both", "keep 'date' for one day or a month, or 'start' and 'end' for several days")
            return None
        value = ev["date"]
        month = _MONTH.match(str(value).strip()) if isinstance(value, str) else None
        if month:
            year, number = int(month.group(1)), int(month.group(2))
            if not 1 <= number <= 12:
                c.error(ev.value_pos["date"], f"'date' is not a month: '{value}'", "write a month as YYYY-MM, e.g. 2025-07")
                return None
            first = dt.date(year, number, 1)
            last = (dt.date(year + (number == 12), number % 12 + 1, 1)) - dt.timedelta(days=1)
            return first, last, DatePrecision.MONTH
        if isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{1,2}\s*", value):  # 2025-7: a month, mistyped
            c.error(ev.value_pos["date"], f"'date' is not a month: '{value}'", "write a month as YYYY-MM, with two digits: 2025-07")
            return None
        day = c.date(ev, "date")
        return (day, day, DatePrecision.DAY) if day else None
    if "start" not in ev:
        if "end" in ev:
            c.error(ev.pos, "the event has an 'end' but no 'start'", "add 'start: YYYY-MM-DD' (or write 'date:' for one day or a month)")
            return None
        c.error(ev.pos, "the event has no date", "add 'date: YYYY-MM-DD' (one day), 'date: YYYY-MM' (a month), or 'start:' and 'end:'")
        return None
    start = c.date(ev, "start")
    end = c.date(ev, "end") if "end" in ev else start
    if start and end and end < start:
        c.error(ev.value_pos["end"], f"the event ends ({end}) before it starts ({start})", "check the start and end dates")
        return None
    return (start, end, DatePrecision.DAY) if start and end else None


def declared_speaker_keys(yaml_text: str) -> list[str] | None:
    """The keys under 'speakers' of a front matter that may have other errors; None when they
    cannot be read (invalid YAML, no 'speakers' mapping)."""
    try:
        data = yaml.load(yaml_text, Loader=_Loader)
    except (yaml.YAMLError, _AliasError):
        return None
    speakers = data.get("speakers") if isinstance(data, dict) else None
    return [str(key) for key in speakers] if isinstance(speakers, dict) else None


def parse_front_matter(
    yaml_text: str, first_line: int, path: str, folder_name: str, locales: tuple[str, ...], report: Report
) -> FrontMatter | None:
    """Parse and validate the front matter; ``first_line`` is the file line of its first YAML line."""
    lines = yaml_text.split("\n")
    tabs = [(n, line.index("\t")) for n, line in enumerate(lines) if "\t" in line]
    for n, col in tabs:  # YAML says "found character '\t' that cannot start any token"
        what = "indents the line" if not lines[n][:col].strip() else "stands in the value"
        report.error(path, first_line + n, col + 1, f"a tab in the front matter ({what})", "indent with spaces, and write spaces for tabs: YAML does not allow tabs")
    if tabs:
        return None
    loader = _Loader(yaml_text)
    loader.line_offset = first_line - 1
    try:
        data = loader.get_single_data()
    except _AliasError as exc:
        line, col = _mark(loader, exc.mark)
        report.error(path, line, col, "YAML anchors and aliases (&name, *name) are not allowed in the front matter", "write each value out")
        return None
    except yaml.constructor.ConstructorError as exc:  # a tag: !!python/object, !!binary …
        line, col = _mark(loader, exc.problem_mark) if exc.problem_mark else (first_line, 1)
        tag = re.sub(r"^tag:yaml\.org,2002:", "!!", re.sub(r"^.*?'([^']*)'.*$", r"\1", exc.problem or ""))
        report.error(path, line, col, f"YAML tags such as '{tag[:60]}' are not allowed in the front matter", "write the value as plain text, in quotes")
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        hint = "check the indentation and quote values that contain ': '"
        if "end of stream" in problem and exc.context and exc.context_mark:
            # an unclosed quote or bracket runs to the end: point at where it opens
            mark, problem, hint = exc.context_mark, f"{problem} {exc.context.strip()}", "close the quote or bracket that opens here"
        line, col = _mark(loader, mark) if mark else (first_line, 1)
        report.error(path, line, col, f"front matter is not valid YAML: {problem}", hint)
        return None
    except yaml.YAMLError as exc:
        report.error(path, first_line, 1, f"front matter is not valid YAML: {exc}", "check the front matter")
        return None
    finally:
        loader.dispose()
    if not isinstance(data, Located):
        report.error(path, first_line, 1, "front matter must be a list of 'field: value' lines", "see docs/source-format.md")
        return None

    c = _Checker(path, report, first_line, lines)
    c.fields(data, TOP_FIELDS, "")

    slug = data.get("slug")
    if "slug" in data:
        pos = data.value_pos["slug"]
        if not isinstance(slug, str) or not SLUG_RE.match(slug):
            c.error(pos, f"slug '{slug}' is not valid", "use lowercase letters, digits and single hyphens, e.g. csco-2025-ma-jun")
        elif slug != folder_name:
            c.error(pos, f"slug '{slug}' does not match the folder name '{folder_name}'", f"rename the folder or write 'slug: {folder_name}'")

    locale = data.get("locale")
    if "locale" in data:
        pos = data.value_pos["locale"]
        if str(locale).replace("-", "_") in locales and str(locale) not in locales:
            c.error(pos, f"locale '{locale}' is written as a BCP 47 tag", f"write the gettext name '{str(locale).replace('-', '_')}'")
        elif locale not in locales:
            c.error(pos, f"unknown locale '{locale}'", "use one of: " + ", ".join(locales))

    date = c.date(data, "date")
    title = c.text(data, "title", required=True)
    outlet = c.text(data, "outlet", required=True)
    column = c.text(data, "column")
    short_title = c.text(data, "short_title")
    subtitle = c.text(data, "subtitle")

    event: Event | None = None
    if "event" in data:
        ev = data["event"]
        if not isinstance(ev, Located):
            c.error(data.value_pos["event"], "'event' must be a group of fields", "indent name, date (or start and end), … under 'event:'")
        else:
            c.fields(ev, EVENT_FIELDS, " in 'event'")
            name = c.text(ev, "name", required=True)
            when = _event_dates(c, ev)
            if name and when:
                start, end, precision = when
                event = Event(name, c.text(ev, "short_name"), c.text(ev, "city"), start, end, c.text(ev, "theme"), precision)

    numbering: Numbering | None = None
    if "numbering" in data:
        value = str(data["numbering"]).strip().lower()
        aliases = {"inline": Numbering.INLINE, "q1": Numbering.INLINE, "above": Numbering.ABOVE, "01": Numbering.ABOVE, "1": Numbering.ABOVE}
        if value in aliases:
            numbering = aliases[value]
        else:
            c.error(data.value_pos["numbering"], f"unknown numbering '{data['numbering']}'", 'write numbering: "Q1" (Q1: on the heading\'s line) or numbering: "01" (01 above the heading)')

    series: tuple[str, ...] = ()
    if "series" in data and data["series"] is not None:
        raw_series = data["series"]
        pos = data.value_pos["series"]
        if not isinstance(raw_series, LocatedList) or not all(isinstance(x, str) and SLUG_RE.match(x) for x in raw_series):
            c.error(pos, "'series' must be the list of the parts' slugs, in order", "write one '- slug' per part under 'series:', this article's included")
        elif folder_name not in raw_series:
            c.error(pos, f"'series' does not list this article ('{folder_name}')", "list every part of the series, this one included, in order")
        elif len(set(raw_series)) != len(raw_series):
            c.error(pos, "'series' lists a part twice", "list each part once")
        else:
            series = tuple(raw_series)

    image: str | None = None
    image_pos: tuple[int, int] | None = None
    if "image" in data and data["image"] is not None:
        image_pos = data.value_pos["image"]
        if not isinstance(data["image"], str) or not data["image"].strip():
            c.error(image_pos, "'image' must be the file name of an image in the article's folder", "write image: photo.jpg (the lead image of the web pages' previews)")
        else:
            image = data["image"].strip()

    tags: list[Text] = []
    if "tags" in data and data["tags"] is not None:
        raw = data["tags"]
        line, col = data.value_pos["tags"]
        if not isinstance(raw, LocatedList) or not all(isinstance(t, str | int) and str(t).strip() for t in raw):
            c.error((line, col), "'tags' must be a list of words", "write one '- tag' per line under 'tags:'")
        else:
            for tag, (tline, tcol), tag_end in zip(raw, raw.item_pos, raw.plain_end, strict=True):
                if not c.missing_import((tline, tcol), "tags", tag) and not c.cut_at_comment(tag_end, "the tag", str(tag)):
                    tags.append(Text(str(tag).strip(), tline, tcol))

    speakers: dict[str, Speaker] = {}
    if "speakers" in data:
        raw_sp = data["speakers"]
        if not isinstance(raw_sp, Located) or not raw_sp:
            c.error(data.value_pos["speakers"], "'speakers' must declare at least one speaker", "write 'KEY:' with name and role under 'speakers:'")
        else:
            for key, info in raw_sp.items():
                kpos = raw_sp.key_pos[key]
                if not KEY_RE.match(key):
                    c.error(kpos, f"speaker key '{key}' is not valid", "use a short key of letters and digits, e.g. MJ")
                    continue
                if not isinstance(info, Located):
                    c.error(raw_sp.value_pos[key], f"speaker '{key}' must be a group of fields", "indent name and role under the key")
                    continue
                c.fields(info, SPEAKER_FIELDS, f" of speaker '{key}'")
                role_value = info.get("role")
                role: Role | None = None
                if "role" in info:
                    try:
                        role = Role(str(role_value))
                    except ValueError:
                        c.error(info.value_pos["role"], f"unknown role '{role_value}' for speaker '{key}'", "use one of: " + ", ".join(r.value for r in Role))
                sp_name = c.text(info, "name", required=True)
                order = NameOrder.FAMILY_FIRST  # the outlet's experts are mostly Chinese: Ma Jun, 马军
                if "name_order" in info:
                    try:
                        order = NameOrder(str(info["name_order"]).strip())
                    except ValueError:
                        c.error(info.value_pos["name_order"], f"unknown name order '{info['name_order']}'", "use family-first (马军, Ma Jun) or given-first (Michael Gnant)")
                if sp_name and role:
                    speakers[key] = Speaker(key, sp_name, role, c.text(info, "honorific"), c.text(info, "affiliation"), kpos[0], order)
            for key, line, col in raw_sp.duplicates:
                c.error((line, col), f"speaker '{key}' is declared twice", "give each speaker its own key")

    if not c.ok or not (isinstance(slug, str) and date and title and outlet and isinstance(locale, str)):
        return None
    meta = Metadata(
        slug=slug,
        locale=locale,
        date=date,
        outlet=outlet,
        title=title,
        column=column,
        short_title=short_title,
        subtitle=subtitle,
        event=event,
        tags=tuple(tags),
        numbering=numbering,
        series=series,
        image=image,
    )
    return FrontMatter(meta, speakers, image_pos)
