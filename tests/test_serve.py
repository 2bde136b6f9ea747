"""``colloquy serve``, over real HTTP on 127.0.0.1: pages with the reload script (and only preview
pages), a reload event after a save, errors in the page with file:line, the DOCX built when its
link is followed, dist/ never touched."""

from __future__ import annotations

import http.client
import threading
from pathlib import Path

import pytest

from colloquy.project import Project
from colloquy.serve.preview import EVENTS
from colloquy.serve.server import PreviewServer
from hardening_support import minimal_project

SLUG = "li-wei-2025"


@pytest.fixture
def server(tmp_path: Path) -> object:
    root = minimal_project(tmp_path / "project")
    srv = PreviewServer(Project.load(root), 0, log=lambda message: None)
    srv.start()
    yield srv
    srv.stop()


def get(srv: PreviewServer, path: str) -> tuple[int, str, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, response.getheader("Content-Type") or "", body


class Reloads:
    """An EventSource as the browser opens it: the reload events, as they arrive."""

    def __init__(self, srv: PreviewServer) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
        self.conn.request("GET", EVENTS)
        self.response = self.conn.getresponse()
        assert self.response.getheader("Content-Type") == "text/event-stream"
        assert self.response.readline() == b": connected\n"
        self.response.readline()
        self.events: list[str] = []
        self.arrived = threading.Event()
        threading.Thread(target=self.read, daemon=True).start()

    def read(self) -> None:
        try:
            while True:
                line = self.response.readline()
                if not line:
                    return
                if line.startswith(b"data: "):
                    self.events.append(line[6:].decode().strip())
                    self.arrived.set()
        except OSError:
            return

    def wait(self, timeout: float = 30) -> str:
        assert self.arrived.wait(timeout), "no reload event"
        self.arrived.clear()
        return self.events[-1]


def test_serve_previews_reloads_and_shows_errors(server: PreviewServer) -> None:
    srv = server
    root = srv.project.root
    status, kind, body = get(srv, "/")
    assert status == 200 and kind.startswith("text/html") and f"/en/{SLUG}.html".encode() in body
    status, kind, page = get(srv, f"/en/{SLUG}.html")
    assert status == 200 and b"colloquy serve: live reload" in page and b"Response rates above 60%" in page
    assert not (root / "dist").exists()  # the preview has a folder of its own
    assert srv.preview.folder == root / "build" / "preview"

    events = Reloads(srv)
    article = root / "articles" / SLUG / "article.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("Response rates above 60%", "Response rates above 70%"), encoding="utf-8")
    assert events.wait() == SLUG
    _status, _kind, page = get(srv, f"/en/{SLUG}.html")
    assert b"Response rates above 70%" in page

    article.write_text(text.replace("@LW: Response", "Prof. Li Wei: Response"), encoding="utf-8")
    assert events.wait() == SLUG
    _status, _kind, page = get(srv, f"/zh-CN/{SLUG}.html")
    assert f"articles/{SLUG}/article.md:27:1: error: the speaker label".encode() in page
    assert b"colloquy serve: live reload" in page  # it reloads once fixed

    article.write_text(text, encoding="utf-8")
    assert events.wait() == SLUG
    status, kind, data = get(srv, f"/en/{SLUG}.docx")
    assert (status, kind, data[:2]) == (200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK")
    status, _kind, _data = get(srv, "/../pyproject.toml")
    assert status == 404
    assert not (root / "dist").exists()


def test_the_published_pages_carry_no_reload_script(tmp_path: Path) -> None:
    from cli_support import run_cli

    root = minimal_project(tmp_path / "p")
    code, _out, err = run_cli(root, "build", "--format", "html")
    assert code == 0, err
    assert not [p for p in (root / "dist").rglob("*.html") if "live reload" in p.read_text(encoding="utf-8")]
