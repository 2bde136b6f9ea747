"""The writer interface: what the build gives a writer, and the registry of writers.

A writer turns one :class:`~colloquy.writers.edition.EditionDoc` into one file. The build
dispatches to the writer of each output's format, so a new output format is a new writer
registered here, not another branch in the build.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # the command line imports this module: it must stay light
    from colloquy.editions import Edition
    from colloquy.i18n.ui import Ui
    from colloquy.project import Project
    from colloquy.writers.edition import EditionDoc


@dataclass(frozen=True)
class Output:
    """One output to write, and what its writer may need beside the document."""

    project: Project
    doc: EditionDoc
    path: Path  # where to write it (atomically)
    article_dir: Path  # the article's folder: its images
    #: the interface strings of every locale, by locale name (to name each edition in its own language)
    uis: dict[str, Ui]
    #: the project's editions (language switchers, links between editions)
    editions: tuple[Edition, ...]
    name: str  # "en/<slug>.pdf": a stable identifier of the output


class Writer(Protocol):
    #: the file suffix and the name of the format (``--format``)
    format: str
    #: whether the output depends on the installed fonts (their digest is part of its own)
    uses_fonts: bool

    def write(self, output: Output) -> None:
        """Write the output file, atomically; raise on failure (the build reports it)."""


def writers() -> dict[str, Writer]:
    """Every writer, by format, in the order the formats are listed."""
    from colloquy.writers.docx import DocxWriter
    from colloquy.writers.html import HtmlWriter
    from colloquy.writers.pdf import PdfWriter
    from colloquy.writers.wechat import WechatWriter

    return {w.format: w for w in (HtmlWriter(), PdfWriter(), DocxWriter(), WechatWriter())}


#: the formats of the writers above, without importing them
FORMATS = ("html", "pdf", "docx", "wechat")
#: the formats whose outputs depend on the fonts
FONT_FORMATS = ("pdf",)
#: the formats an edition's folder holds (``dist/<edition>/<slug>.<format>``), listed by the indexes
EDITION_FORMATS = ("html", "pdf", "docx")
#: the folder of the WeChat editions in ``dist/`` (``wechat/<slug>.html``, ``wechat/<slug>.bilingual.html``)
WECHAT = "wechat"


def wechat_editions(editions: tuple[Edition, ...]) -> tuple[tuple[Edition, str], ...]:
    """The editions the WeChat format renders, with their file's suffix: the first Simplified
    Chinese edition (WeChat Official Accounts' readers), ``.html``; the first bilingual edition
    that holds it, ``.bilingual.html``. None in a project without Simplified Chinese."""
    from colloquy.house import Script

    chinese = next((e for e in editions if not e.bilingual and e.locale.script is Script.SIMPLIFIED), None)
    if chinese is None:
        return ()
    pair = next((e for e in editions if e.bilingual and chinese.locale in e.locales), None)
    return ((chinese, ".html"), *(((pair, ".bilingual.html"),) if pair is not None else ()))


def targets(project: Project, slug: str, fmt: str) -> tuple[tuple[Edition, Path], ...]:
    """Where each edition's output of an article in a format goes: ``dist/<edition>/<slug>.<fmt>``,
    or, for WeChat, ``dist/wechat/<slug>.html`` and ``<slug>.bilingual.html``."""
    if fmt == WECHAT:
        return tuple((e, project.dist_dir / WECHAT / f"{slug}{suffix}") for e, suffix in wechat_editions(project.editions))
    return tuple((e, project.dist_dir / e.id / f"{slug}.{fmt}") for e in project.editions)
