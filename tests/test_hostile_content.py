"""Hostile content stays inside: nothing in a source or a catalog makes the build read a file
outside the article's folder or reach the network, or puts a script into an edition.

A local HTTP server (127.0.0.1, a free port) records every request: sources, translations,
titles and interface strings point at it, and it must see none. The PDF writer's URL fetcher
and the DOCX writer's image lookup are tested directly with the same hostile references.
What the reader and the build refuse is also checked to be harmless in the writers (HTML
escaped, literal text in the PDF and the DOCX), by rendering a translation that carries it
with the build's own ``write_output``."""

from __future__ import annotations

import http.server
import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import pytest

from colloquy.writers.docx import image_path
from colloquy.writers.pdf import RefusedResource, make_fetcher, render_pdf
from colloquy.writers.wechat import whitelist_problems
from hardening_support import ARTICLE, CATALOG, SLUG, UI_CATALOG, diagnostics, minimal_project, no_traceback, run

html5lib = pytest.importorskip("html5lib")
pypdf = pytest.importorskip("pypdf")
docx = pytest.importorskip("docx")
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")

SCRIPT = "<script>alert(1)</script>"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"


# ---------------------------------------------------------------- the server that must hear nothing


@dataclass
class Server:
    port: int
    requests: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"


@pytest.fixture
def server() -> Iterator[Server]:
    record: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def handle(self) -> None:
            record.append("connection")  # even one that sends nothing
            super().handle()

        def do_GET(self) -> None:
            record.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(PNG)

        do_HEAD = do_POST = do_GET

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    srv = Server(httpd.server_address[1], record)
    try:
        yield srv
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_the_server_does_record_requests(server: Server) -> None:
    """The witness works: a request that does reach it is recorded."""
    import urllib.request

    with urllib.request.urlopen(server.url("probe.png"), timeout=5) as response:
        assert response.read() == PNG
    assert server.requests == ["connection", "/probe.png"]


# ---------------------------------------------------------------- the PDF fetcher and DOCX images


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An article folder with an image, beside a secret file and a symlink that leads to it."""
    article = tmp_path / "articles" / SLUG
    article.mkdir(parents=True)
    (article / "ok.png").write_bytes(PNG)
    (tmp_path / "secret.png").write_bytes(PNG)
    (article / "link.png").symlink_to(tmp_path / "secret.png")
    (article / "sub").mkdir()
    return article


def hostile_sources(server: Server) -> list[str]:
    """Image references an editor or a translator could write, none of which may be read."""
    return [
        "file:///etc/passwd",
        "/etc/passwd",
        "../../secret.png",
        "../secret.png",
        "sub/../../../secret.png",
        "link.png",  # a symlink out of the folder
        server.url("x.png"),
        "https://example.org/x.png",
        "ftp://127.0.0.1/x.png",
    ]


def test_fetcher_refuses_everything_outside_the_folder(folder: Path, server: Server) -> None:
    refused: list[str] = []
    fetcher = make_fetcher((folder,), refused)
    base = folder.as_uri() + "/"
    urls = [urljoin(base, src) for src in hostile_sources(server)]
    urls += [base + "%2e%2e/%2e%2e/secret.png", base + "sub/%2E%2E/%2E%2E/secret.png", "file://localhost/etc/passwd", "FILE:///etc/passwd"]
    for url in urls:
        with pytest.raises(RefusedResource):
            fetcher.fetch(url)
    assert refused == urls
    assert server.requests == []


def test_fetcher_reads_the_folder_and_data_urls(folder: Path) -> None:
    refused: list[str] = []
    fetcher = make_fetcher((folder,), refused)
    assert fetcher.fetch((folder / "ok.png").as_uri()).read() == PNG
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"
    assert refused == []


def test_docx_images_obey_the_same_confinement(folder: Path, server: Server) -> None:
    for src in hostile_sources(server):
        with pytest.raises(ValueError):
            image_path(folder, src)
    assert image_path(folder, "ok.png") == (folder / "ok.png").resolve()


def test_an_svg_cannot_fetch_while_the_pdf_is_drawn(folder: Path, server: Server) -> None:
    """WeasyPrint draws an SVG's own images when it writes the PDF, after the layout: those
    refusals are reported too, and no PDF is written."""
    (folder / "chart.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">'
        f'<image xlink:href="{server.url("svg.png")}" width="5" height="5"/><image href="file:///etc/passwd" width="5" height="5"/></svg>',
        encoding="utf-8",
    )
    out = folder.parent / "out.pdf"
    refused = render_pdf('<img src="chart.svg" alt="">', out, base_dir=folder, identifier="t")
    assert refused == [server.url("svg.png"), "file:///etc/passwd"]
    assert not out.exists()
    assert server.requests == []


# ---------------------------------------------------------------- whole builds


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return minimal_project(tmp_path / "project")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_images_in_a_source_are_refused_and_never_fetched(project: Path, server: Server) -> None:
    (project / "x.png").write_bytes(PNG)
    source = project / ARTICLE
    images = f"![x]({server.url('a.png')})\n\n![x](file:///etc/passwd)\n\n![x](../../x.png)\n\n"
    replace(source, "## New therapies", images + "## New therapies")
    result = run(project, "build")
    no_traceback(result)
    assert result.returncode == 2
    hint = "copy the image next to article.md and write its file name"
    assert diagnostics(result.stderr) == [
        f"{ARTICLE}:{line_of(source, 'a.png')}:1: error: image '{server.url('a.png')}' is not a file in the article's folder — {hint}",
        f"{ARTICLE}:{line_of(source, 'passwd')}:1: error: image 'file:///etc/passwd' is not a file in the article's folder — {hint}",
        f"{ARTICLE}:{line_of(source, '../../x.png')}:1: error: image '../../x.png' points outside the article's folder — {hint}",
    ]
    assert not (project / "dist").exists()
    assert server.requests == []


def test_images_and_html_in_a_translation_are_refused_and_never_fetched(project: Path, server: Server) -> None:
    catalog = project / CATALOG
    replace(catalog, 'msgstr "今年有哪些亮点？"', f'msgstr "今年有哪些亮点？<img src=\\"{server.url("b.png")}\\">"')
    replace(catalog, 'msgstr "新疗法"', f'msgstr "新疗法![x]({server.url("m.png")})"')
    result = run(project, "build")
    no_traceback(result)
    assert result.returncode == 2
    assert diagnostics(result.stderr) == [
        f"{CATALOG}:{line_of(catalog, 'New therapies')}:"
        f" error: an image ('{server.url('m.png')}') is not allowed in a translation — translate the text only; images come from the article",
        f"{CATALOG}:{line_of(catalog, 'What stood out')}:"
        f" error: raw HTML '<img src=\"{server.url('b.png')}\">' is not allowed — write Markdown instead (*emphasis*, **strong**, ^sup^, ~sub~)",
    ]
    assert not (project / "dist").exists()
    assert server.requests == []


def scripts(page: Path) -> list[str | None]:
    root = html5lib.parse(page.read_text(encoding="utf-8"), treebuilder="etree", namespaceHTMLElements=False)
    return [s.get("type") for s in root.iter("script")]


@needs_poppler
def test_injections_in_a_title_and_interface_strings_stay_text(project: Path, server: Server) -> None:
    """A title closing the stylesheet and opening a script, with a CSS url() (escaped in
    Markdown so that the reader takes it as text), and interface strings that try the same:
    built, every page has no script but its JSON-LD, and the server hears nothing."""
    injection = f"</style>{SCRIPT} url({server.url('c')})"
    escaped = injection.replace("<", "\\\\<").replace(">", "\\\\>")  # \< in Markdown, \\< in a YAML double-quoted string
    source = project / ARTICLE
    replace(source, 'title: "ASCO 2025 | Professor Li Wei on Multiple Myeloma"', f'title: "{escaped}"\nshort_title: "{escaped}"')
    ui = project / UI_CATALOG
    replace(ui, 'msgstr "跳至正文"', f'msgstr "{SCRIPT}"')
    replace(ui, 'msgstr "第{page}页 共{pages}页"', f'msgstr "第{{page}}页</style><script>alert(2)</script>url({server.url("d")}){{pages}}"')
    # the catalog follows the source: the English title is not translated (and shown marked)
    result = run(project, "build")
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    dist = project / "dist"
    pages = sorted(dist.rglob("*.html"))
    assert len(pages) == 10  # 3 editions and their indexes, the home page, 2 WeChat editions and the desk's page
    for page in pages:
        article = page.name != "index.html" and page.parent.name != "wechat"
        assert scripts(page) == (["application/ld+json"] if article else []), page
    for page in (dist / "wechat").glob("*.html"):  # the injection stays text: the WeChat pages keep their whitelist
        assert whitelist_problems(page.read_text(encoding="utf-8")) == [], page
    en = (dist / "en" / f"{SLUG}.html").read_text(encoding="utf-8")
    root = html5lib.parse(en, treebuilder="etree", namespaceHTMLElements=False)
    assert "".join(root.find(".//h1").itertext()) == injection
    ld = next(s for s in root.iter("script") if s.get("type") == "application/ld+json")
    assert json.loads(ld.text or "")["headline"] == injection
    zh = html5lib.parse((dist / "zh-CN" / f"{SLUG}.html").read_text(encoding="utf-8"), treebuilder="etree", namespaceHTMLElements=False)
    assert "".join(next(a for a in zh.iter("a") if a.get("class") == "skip").itertext()) == SCRIPT
    for edition in ("en", "zh-CN"):
        text = subprocess.run(["pdftotext", str(dist / edition / f"{SLUG}.pdf"), "-"], capture_output=True, text=True, check=True).stdout
        assert f"</style>{SCRIPT} url(" in text, edition  # the title, as text
    zh_text = subprocess.run(["pdftotext", str(dist / "zh-CN" / f"{SLUG}.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "</style><script>alert(2)</script>" in zh_text  # the page footer, as text
    assert server.requests == []


def test_a_script_in_a_paragraph_is_refused(project: Path) -> None:
    source = project / ARTICLE
    replace(source, "@OF: What stood out this year?", f"@OF: What stood out this year? {SCRIPT}")
    result = run(project, "build")
    no_traceback(result)
    assert result.returncode == 2
    line = line_of(source, "What stood out")
    hint = "write Markdown instead (*emphasis*, **strong**, ^sup^, ~sub~)"
    assert diagnostics(result.stderr) == [
        f"{ARTICLE}:{line}:6: error: raw HTML '<script>' is not allowed — {hint}",
        f"{ARTICLE}:{line}:6: error: raw HTML '</script>' is not allowed — {hint}",
    ]


# ---------------------------------------------------------------- the writers, behind the refusals


LINKS = (
    "[a](javascript:alert(1)) [b](file:///etc/passwd) [c](data:text/html,x) [d](vbscript:x) [e](/relative) [f](ftp://example.org/x)"
    " [g](https://example.org/ok) [h](mailto:editor@example.org) [i](http://example.org/ok)"
)
ALLOWED = {"https://example.org/ok", "mailto:editor@example.org", "http://example.org/ok"}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The zh-CN edition, in the three formats, of a translation holding a script and links of
    every scheme — written by the build's own writer, past the refusals that keep it out of
    a real build (check and build refuse it; this shows what would reach a reader if not)."""
    from colloquy.diagnostics import Report
    from colloquy.i18n.localise import localise
    from colloquy.i18n.pofile import load_catalog
    from colloquy.i18n.ui import load_ui
    from colloquy.project import Project
    from colloquy.reader import read_article
    from colloquy.writers.base import Output, writers
    from colloquy.writers.edition import make_edition

    root = minimal_project(tmp_path_factory.mktemp("writers") / "project")
    replace(root / CATALOG, 'msgstr "今年有哪些亮点？"', f'msgstr "今年有哪些亮点？{SCRIPT}"')
    replace(root / CATALOG, 'msgstr "血液科主任"', f'msgstr "血液科主任 {LINKS}"')
    project = Project.load(root)
    report = Report()
    article = read_article(root / ARTICLE, report, project.locale_names)
    catalog = load_catalog(root / CATALOG, report, "zh_CN")
    assert catalog is not None and not report.errors, report.items
    localised = {"en": localise(article, None, "en")[0], "zh_CN": localise(article, catalog, "zh_CN")[0]}
    uis = {loc.name: load_ui(project.locales_dir, loc, report) for loc in project.locales}
    doc = make_edition(project.edition("zh-CN"), article, localised, uis)
    outputs = {}
    for fmt, writer in writers().items():
        out = project.dist_dir / "zh-CN" / f"{SLUG}.{fmt}"
        writer.write(Output(project, doc, out, root / "articles" / SLUG, uis, project.editions, f"zh-CN/{SLUG}.{fmt}"))
        outputs[fmt] = out
    return outputs


def test_a_script_in_a_translation_is_flagged_by_check_and_refused_by_build(tmp_path: Path) -> None:
    root = minimal_project(tmp_path / "project")
    replace(root / CATALOG, 'msgstr "今年有哪些亮点？"', f'msgstr "今年有哪些亮点？{SCRIPT}"')
    line = line_of(root / CATALOG, "What stood out")
    hint = "write Markdown instead (*emphasis*, **strong**, ^sup^, ~sub~)"
    check = run(root, "check")
    no_traceback(check)
    assert check.returncode == 1
    assert f"{CATALOG}:{line}: error: [markup] raw HTML '<script>' is not allowed — {hint}" in diagnostics(check.stderr)
    build = run(root, "build")
    no_traceback(build)
    assert build.returncode == 2
    assert diagnostics(build.stderr) == [
        f"{CATALOG}:{line}: error: raw HTML '<script>' is not allowed — {hint}",
        f"{CATALOG}:{line}: error: raw HTML '</script>' is not allowed — {hint}",
    ]
    assert not (root / "dist").exists()


def test_html_escapes_the_script(rendered: dict[str, Path]) -> None:
    page = rendered["html"]
    assert scripts(page) == ["application/ld+json"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.read_text(encoding="utf-8")


@needs_poppler
def test_pdf_prints_the_script_as_text(rendered: dict[str, Path]) -> None:
    text = subprocess.run(["pdftotext", str(rendered["pdf"]), "-"], capture_output=True, text=True, check=True).stdout
    assert f"今年有哪些亮点？{SCRIPT}" in text


def test_docx_prints_the_script_as_text(rendered: dict[str, Path]) -> None:
    paragraphs = [p.text for p in docx.Document(str(rendered["docx"])).paragraphs]
    assert any(f"今年有哪些亮点？{SCRIPT}" in p for p in paragraphs), paragraphs


def test_html_links_only_to_http_https_mailto(rendered: dict[str, Path]) -> None:
    root = html5lib.parse(rendered["html"].read_text(encoding="utf-8"), treebuilder="etree", namespaceHTMLElements=False)
    body = next(div for div in root.iter("div") if "body" in div.get("class", "").split())
    assert {a.get("href") for a in body.iter("a")} == ALLOWED
    text = " ".join("".join(body.itertext()).split())
    assert "[a](javascript:alert(1))" in text  # refused links stay text, visibly


def test_pdf_links_only_to_http_https_mailto(rendered: dict[str, Path]) -> None:
    uris = set()
    for page in pypdf.PdfReader(rendered["pdf"]).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.add(str(action["/URI"]))
    assert uris == ALLOWED


def test_docx_hyperlinks_only_to_http_https_mailto(rendered: dict[str, Path]) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    document = docx.Document(str(rendered["docx"]))
    targets = {rel.target_ref for rel in document.part.rels.values() if rel.reltype == RT.HYPERLINK}
    assert targets == ALLOWED
    xml = document.element.xml
    assert "HYPERLINK" not in xml  # no hyperlink field either
    assert any("[a](javascript:alert(1))" in p.text for p in document.paragraphs)  # a refused link stays text, visibly
