"""``colloquy serve``: the live preview (:mod:`colloquy.serve`), until Ctrl-C."""

from __future__ import annotations

import sys
import time

from colloquy.diagnostics import EXIT_OK, InputError, Report
from colloquy.project import Project


def serve(project: Project, port: int) -> int:
    from colloquy.serve.server import PreviewServer

    try:
        server = PreviewServer(project, port)
    except OSError as exc:
        report = Report()
        report.error("colloquy serve", 1, None, f"cannot listen on 127.0.0.1:{port}: {exc.strerror}", "another program uses the port: give another with --port")
        raise InputError(report) from None
    server.start()
    print(f"serve: the preview is on {server.url} (pages in {server.preview.folder}; dist/ is not touched) — Ctrl-C stops it", file=sys.stderr, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        print("serve: stopped", file=sys.stderr)
    finally:
        server.stop()
    return EXIT_OK
