"""The preview server: the standard library's threading HTTP server on 127.0.0.1, server-sent
events for the reload, watchfiles for the watching."""

from __future__ import annotations

import mimetypes
import queue
import sys
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from colloquy.project import Project
from colloquy.serve.preview import EVENTS, Preview, build_on_demand

#: how long the watcher waits for a save to settle (watchfiles' step), and at most (its debounce), in ms
STEP_MS = 30
DEBOUNCE_MS = 400


class Events:
    """The reload events, fanned out to every open page."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queues: list[queue.Queue[str | None]] = []

    def subscribe(self) -> queue.Queue[str | None]:
        q: queue.Queue[str | None] = queue.Queue()
        with self._lock:
            self._queues.append(q)
        return q

    def unsubscribe(self, q: queue.Queue[str | None]) -> None:
        with self._lock:
            if q in self._queues:
                self._queues.remove(q)

    def publish(self, data: str | None) -> None:
        with self._lock:
            for q in self._queues:
                q.put(data)


class PreviewServer:
    """The server, its watcher and its preview; ``start()`` runs both in threads."""

    def __init__(self, project: Project, port: int = 8000, *, log: Callable[[str], None] | None = None) -> None:
        self.project = project
        self.preview = Preview(project)
        self.events = Events()
        self.stop_event = threading.Event()
        self.log = log or (lambda message: print(message, file=sys.stderr, flush=True))
        self.build_lock = threading.Lock()
        handler = _handler(self)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.port = int(self.httpd.server_address[1])
        self.threads: list[threading.Thread] = []
        #: when the watcher last saw a change, and when its reload was sent (for make bench)
        self.last_change = 0.0
        self.last_reload = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def rebuild(self, slugs: set[str] | None) -> None:
        with self.build_lock:
            t0 = time.perf_counter()
            outcomes = self.preview.build(slugs)
            for o in outcomes:
                state = "ok" if o.ok else "cannot be read"
                self.log(f"serve: {o.slug}: {state} ({(time.perf_counter() - t0) * 1000:.0f} ms)")
                for line in o.diagnostics:
                    self.log(line)
        self.last_reload = time.time()
        self.events.publish("*" if slugs is None else ",".join(sorted(slugs)) if len(slugs) != 1 else next(iter(slugs)))

    def watch(self) -> None:
        import watchfiles

        folders = [str(p) for p in (self.project.articles_dir, self.project.locales_dir, self.project.templates_dir) if p.is_dir()]
        for changes in watchfiles.watch(*folders, stop_event=self.stop_event, step=STEP_MS, debounce=DEBOUNCE_MS, raise_interrupt=False):
            self.last_change = time.time()
            paths = [Path(path) for _change, path in changes if "/." not in path and not Path(path).name.startswith((".", "~$"))]
            if not paths:
                continue
            slugs = self.preview.affected(paths)  # the templates are read again on every page
            if slugs is None or slugs:
                self.rebuild(slugs)

    def start(self) -> None:
        self.rebuild(None)
        for target in (self.httpd.serve_forever, self.watch):
            thread = threading.Thread(target=target, daemon=True)
            thread.start()
            self.threads.append(thread)

    def stop(self) -> None:
        self.stop_event.set()
        self.events.publish(None)
        self.httpd.shutdown()
        self.httpd.server_close()
        for thread in self.threads:
            thread.join(timeout=5)


def _handler(server: PreviewServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def send_bytes(self, status: HTTPStatus, data: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        def do_HEAD(self) -> None:
            self.do_GET()

        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path)
            if path == EVENTS:
                self.stream()
                return
            rel = PurePosixPath(path.lstrip("/") or "index.html")
            if ".." in rel.parts or rel.is_absolute():
                self.send_bytes(HTTPStatus.NOT_FOUND, b"not found", "text/plain")
                return
            folder = server.preview.folder
            target = folder / rel
            if rel.suffix in (".pdf", ".docx") and len(rel.parts) == 2:
                edition, slug = rel.parts[0], rel.stem
                if edition not in {e.id for e in server.project.editions} or not (server.project.articles_dir / slug / "article.md").is_file():
                    self.send_bytes(HTTPStatus.NOT_FOUND, b"not found", "text/plain")
                    return
                try:
                    with server.build_lock:
                        built = build_on_demand(server.project, slug, edition, rel.suffix[1:], folder)
                except Exception as exc:  # shown, never a traceback
                    self.send_bytes(HTTPStatus.INTERNAL_SERVER_ERROR, f"the {rel.suffix[1:].upper()} could not be built: {exc}".encode(), "text/plain; charset=utf-8")
                    return
                if built is None:
                    self.send_bytes(HTTPStatus.CONFLICT, b"the article has errors: see its page", "text/plain; charset=utf-8")
                    return
                target = built
            if not target.is_file():
                self.send_bytes(HTTPStatus.NOT_FOUND, b"not found", "text/plain")
                return
            content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if content_type.startswith("text/"):
                content_type += "; charset=utf-8"
            self.send_bytes(HTTPStatus.OK, target.read_bytes(), content_type)

        def stream(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "keep-alive")
            self.end_headers()
            q = server.events.subscribe()
            try:
                self.wfile.write(b": connected\n\n")
                self.wfile.flush()
                while not server.stop_event.is_set():
                    try:
                        data = q.get(timeout=15)
                    except queue.Empty:
                        self.wfile.write(b": keep-alive\n\n")
                        self.wfile.flush()
                        continue
                    if data is None:
                        break
                    self.wfile.write(f"event: reload\ndata: {data}\n\n".encode())
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                server.events.unsubscribe(q)
                self.close_connection = True

    return Handler
