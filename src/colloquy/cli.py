"""The ``colloquy`` command: build, extract, update, check, stats, import, align, fix, serve, xliff, review, glossary.

Exit status: 0 fine, 1 findings or failed outputs, 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from colloquy import __version__
from colloquy.diagnostics import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, InputError
from colloquy.writers.base import FORMATS


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # usage errors: exit 2 with one line, like every input error
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_INPUT)


def _slugs(p: argparse.ArgumentParser) -> None:
    p.add_argument("slugs", nargs="*", metavar="SLUG", help="only these articles (default: all)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="colloquy",
        description="Publish bilingual (English / Simplified Chinese) expert interviews from structured sources.",
        epilog="Exit status: 0 fine, 1 findings or failed outputs, 2 bad input or usage. See docs/ for the workflows.",
    )
    parser.add_argument("--version", action="version", version=f"colloquy {__version__}")
    parser.add_argument(
        "-C", "--project", type=Path, default=None, metavar="DIR", help="the project folder (default: found from the current folder)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    p = sub.add_parser(
        "build",
        help="publish the editions (HTML, PDF, DOCX) into dist/",
        description="Read every article, localise it through its catalogs and write every edition into dist/. Outputs whose inputs did not change are not rebuilt.",
    )
    _slugs(p)
    p.add_argument("--strict", action="store_true", help="fail when a unit is not translated (otherwise: warn and mark it)")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N", help="parallel workers (default: the number of CPUs)")
    p.add_argument(
        "--format", dest="formats", action="append", choices=list(FORMATS), help="only these formats (repeatable; default: all)"
    )
    p.add_argument("--force", action="store_true", help="rebuild every output even when its inputs did not change")
    p.add_argument(
        "--shard",
        type=_shard,
        default=None,
        metavar="K/N",
        help="build only the K-th of N shares of the outputs, and no index (see docs/architecture.md: building on several machines)",
    )

    p = sub.add_parser(
        "extract",
        help="write the translation templates (locales/templates/*.pot)",
        description="Extract every translation unit of the articles, and the templates' interface strings, into POT files.",
    )
    _slugs(p)

    p = sub.add_parser(
        "update",
        help="merge the templates into every catalog, never losing a translation",
        description="Extract, then update every catalog: unchanged units keep their translation, changed ones become fuzzy with the previous text, removed ones obsolete.",
    )
    _slugs(p)

    p = sub.add_parser(
        "check",
        help="validate the sources and check the translations",
        description="Validate the article sources, then check every catalog: numbers, clinical meaning, markup and links, terminology, "
        "typography, untranslated and fuzzy units. With --po, check the given catalogs instead, from this project or from anywhere.",
    )
    _slugs(p)
    p.add_argument("--strict", action="store_true", help="every warning is an error (untranslated, fuzzy, meaning)")
    p.add_argument(
        "--po",
        action="append",
        type=Path,
        metavar="PATH",
        help="check this catalog (repeatable): its language from its Language header, its source's from X-Source-Language or the project",
    )
    p.add_argument("--format", dest="report_format", choices=("text", "json", "html"), default="text", help="the report's format (default: text on the console)")
    p.add_argument("-o", "--output", type=Path, default=None, metavar="FILE", help="write the json or html report to FILE (default: standard output)")

    p = sub.add_parser(
        "import",
        help="a Word manuscript → articles/<slug>/article.md and its images",
        description="Read a reporter's Word manuscript (.docx) and write articles/<slug>/article.md and its images: title, lead, editor's note, "
        "questions, speaker turns, lists, images, profiles, and the front matter it can fill. Prints what it guessed; what it could not find is "
        "written FIXME, which 'colloquy check' reports. Never overwrites an article.",
    )
    p.add_argument("manuscript", type=Path, metavar="MANUSCRIPT.docx", help="the Word manuscript")
    p.add_argument("--slug", default=None, metavar="S", help="the article's slug (default: from the English title, or the file name)")
    p.add_argument("--locale", default=None, metavar="L", help="the language it is written in (default: from the text's script)")

    p = sub.add_parser(
        "align",
        help="an existing translation (.docx) → the article's catalog, as fuzzy translations",
        description="Align a translated manuscript with the article's units (by length, numbers, names and Latin terms; one to one, one to two, "
        "two to one) and write each match into the catalog as a fuzzy translation, with a comment naming the file. A unit that has a "
        "translation is never overwritten. Prints what stayed unaligned.",
    )
    p.add_argument("slug", metavar="SLUG", help="the article")
    p.add_argument("translation", type=Path, metavar="TRANSLATION.docx", help="the translated manuscript")
    p.add_argument("--locale", default=None, metavar="L", help="the catalog's locale (default: the article's only target locale)")

    p = sub.add_parser(
        "fix",
        help="normalise what Word pasted into the sources (shows the diff; writes with --write)",
        description="Apply the normalisations that cannot change the meaning — zero-width characters and BOMs removed, non-breaking spaces made "
        "spaces, full-width digits and Latin letters made ASCII, ASCII , : ; ? ! ( ) between Chinese characters made full-width (never in "
        "URLs, numbers or Latin phrases) — and show the diff. With --write, save the sources and carry each changed unit's translation over "
        "to its new text, not fuzzy.",
    )
    _slugs(p)
    p.add_argument("--write", action="store_true", help="save the changes (default: only show the diff)")

    p = sub.add_parser(
        "serve",
        help="a live preview in the browser, rebuilt and reloaded on every save",
        description="Serve a preview of the HTML editions on 127.0.0.1, in a folder of its own (never dist/): every save of an article, "
        "catalog or template rebuilds the pages it affects and reloads the browser; errors are shown in the page with file:line. "
        "PDF and DOCX are built on demand, by link.",
    )
    p.add_argument("--port", type=int, default=8000, help="the port (default: 8000; 0 picks a free one)")

    p = sub.add_parser(
        "glossary",
        help="convert the glossary to and from TBX-Basic",
        description="The glossary (glossary/terminology.csv) stays the master; export it as TBX-Basic for CAT tools, or import a TBX file as CSV.",
    )
    gsub = p.add_subparsers(dest="glossary_command", metavar="ACTION", parser_class=_Parser)
    gsub.required = True
    g = gsub.add_parser("export", help="write the glossary as TBX-Basic", description="Write the project's glossary as TBX-Basic.")
    g.add_argument("-o", "--output", type=Path, default=None, metavar="FILE", help="the TBX file to write (default: standard output)")
    g = gsub.add_parser(
        "import",
        help="read a TBX file as glossary CSV",
        description="Read a TBX (TBX-Basic) file and write it as the glossary's CSV: to standard output, or to FILE with -o (e.g. -o glossary/terminology.csv to replace the glossary).",
    )
    g.add_argument("tbx", type=Path, metavar="TBX", help="the TBX file to read")
    g.add_argument("-o", "--output", type=Path, default=None, metavar="FILE", help="the CSV file to write (default: standard output)")

    p = sub.add_parser(
        "stats",
        help="translation progress per article and locale",
        description="Print translated, fuzzy, untranslated and obsolete units and words per article × locale. Fuzzy does not count as translated.",
    )
    _slugs(p)

    p = sub.add_parser(
        "xliff",
        help="exchange an article's catalog with a CAT tool, as XLIFF 1.2 or 2.0",
        description="Export an article's catalog for one locale as XLIFF, for a CAT tool; import the translated file back into the catalog. See docs/translator-guide.md.",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    actions.required = True
    e = actions.add_parser(
        "export",
        help="write an article's catalog as an XLIFF file",
        description="Write the units of an article's catalog for one locale as XLIFF: keyed by their unit ids, with their context in notes, translated ones approved, fuzzy ones to review.",
    )
    e.add_argument("slug", metavar="SLUG", help="the article")
    e.add_argument("--locale", metavar="L", help="the locale of the catalog (default: the article's only target locale)")
    e.add_argument("-o", "--output", type=Path, metavar="FILE", help="the file to write (default: SLUG.LOCALE.xlf)")
    e.add_argument("--xliff-version", choices=("1.2", "2.0"), default="1.2", help="the XLIFF version (default: 1.2, which most CAT tools read)")
    i = actions.add_parser(
        "import",
        help="apply the translations of an XLIFF file to its catalog",
        description="Apply the translations of an XLIFF file exported by 'colloquy xliff export' to its catalog (named by the file): translated or fuzzy as the file says; units whose source changed since the export are refused.",
    )
    i.add_argument("file", type=Path, metavar="FILE", help="the XLIFF file (1.2 or 2.0)")

    p = sub.add_parser(
        "review",
        help="a Word document for a reviewer, and the reviewer's edits back into the catalog",
        description="Export an article's catalog for one locale as a Word table for a reviewer; import the reviewed document: edited translations (tracked changes included) and comments. See docs/translator-guide.md.",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    actions.required = True
    e = actions.add_parser(
        "export",
        help="write an article's catalog as a review document (DOCX)",
        description="Write a Word document with one row per unit: id, source, translation, status, QA findings. Only the translation column is editable.",
    )
    e.add_argument("slug", metavar="SLUG", help="the article")
    e.add_argument("--locale", metavar="L", help="the locale of the catalog (default: the article's only target locale)")
    e.add_argument("-o", "--output", type=Path, metavar="FILE", help="the file to write (default: SLUG.LOCALE.review.docx)")
    i = actions.add_parser(
        "import",
        help="apply a reviewed document to its catalog",
        description="Apply the edited translations of a review document (tracked changes accepted) to its catalog, and its comments as translator comments; units whose source changed since the export are refused.",
    )
    i.add_argument("file", type=Path, metavar="FILE", help="the reviewed DOCX")
    i.add_argument("--fuzzy", action="store_true", help="mark the edited translations fuzzy (to be confirmed), not translated")
    return parser


def _shard(text: str) -> object:
    from colloquy.build.options import Shard

    try:
        return Shard.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _run(args: argparse.Namespace) -> int:
    """Run the parsed command (typed arguments below this point)."""
    from colloquy.project import Project

    if args.command == "check" and args.po:
        from colloquy.commands.check import check

        try:
            found: Project | None = Project.load(args.project)
        except InputError:
            if args.project is not None:
                raise
            found = None  # a catalog checked outside any project
        return check(found, [], strict=args.strict, po=list(args.po), fmt=args.report_format, output=args.output)
    project = Project.load(args.project)
    if args.command == "xliff":
        from colloquy.commands import xliff

        if args.action == "export":
            return xliff.export(project, args.slug, args.locale, args.output, args.xliff_version)
        return xliff.import_(project, args.file)
    if args.command == "review":
        from colloquy.commands import review

        if args.action == "export":
            return review.export(project, args.slug, args.locale, args.output)
        return review.import_(project, args.file, fuzzy=args.fuzzy)
    if args.command == "glossary":
        from colloquy.commands import glossary

        if args.glossary_command == "export":
            return glossary.export(project, args.output)
        return glossary.import_(project, args.tbx, args.output)
    if args.command == "import":
        from colloquy.commands.intake import import_

        return import_(project, args.manuscript, args.slug, args.locale)
    if args.command == "align":
        from colloquy.commands.intake import align

        return align(project, args.slug, args.translation, args.locale)
    if args.command == "serve":
        from colloquy.commands.serve import serve

        return serve(project, args.port)
    slugs: list[str] = list(args.slugs)
    if args.command == "fix":
        from colloquy.commands.fix import fix

        return fix(project, slugs, write=args.write)
    if args.command == "build":
        from colloquy.build import BuildOptions, run_build

        options = BuildOptions(
            slugs=tuple(slugs), formats=tuple(args.formats or FORMATS), strict=args.strict, jobs=args.jobs, force=args.force, shard=args.shard
        )
        return run_build(project, options)
    if args.command in ("extract", "update", "stats"):
        from colloquy.commands import catalogs

        handlers: dict[str, Callable[[Project, list[str]], int]] = {"extract": catalogs.extract, "update": catalogs.update, "stats": catalogs.stats}
        return handlers[args.command](project, slugs)
    from colloquy.commands.check import check

    return check(project, slugs, strict=args.strict, fmt=args.report_format, output=args.output)


#: the commands that write into the project: one at a time
WRITING = ("build", "extract", "update", "xliff import", "review import", "import", "align", "fix --write")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command = " ".join((args.command, *((args.action,) if getattr(args, "action", None) else ()), *(("--write",) if getattr(args, "write", False) else ())))
    if args.command == "check":
        if args.po and args.slugs:
            parser.error("check: give article slugs or --po catalogs, not both")
        if args.output is not None and args.report_format == "text":
            parser.error("check: -o writes a report file: add --format json or --format html")
    try:
        if command in WRITING:
            from colloquy.lock import project_lock
            from colloquy.project import Project

            with project_lock(Project.load(args.project).root, command):
                return _run(args)
        return _run(args)
    except InputError as exc:
        exc.report.print()
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("colloquy: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug, not bad input: say so in one line, details on request
        if os.environ.get("COLLOQUY_DEBUG"):
            traceback.print_exc()
        print(
            f"colloquy: internal error: {type(exc).__name__}: {exc} (set COLLOQUY_DEBUG=1 for details, and please report it)",
            file=sys.stderr,
        )
        return EXIT_FINDINGS


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
