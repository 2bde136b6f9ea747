#!/usr/bin/env python3
"""The live preview's latency, for `make bench`: from an article's save to the reload event
reaching the browser (an EventSource client over real HTTP on 127.0.0.1), for the seed.

A copy of the project is served by `colloquy serve`'s server (in this process, on a free port);
each run changes one word of the seed's article, saves it, and waits for the `reload` event.
The figure is the min / median / max of the runs.                       target: <= 0.5 s
"""

from __future__ import annotations

import http.client
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 0.5


def measure(runs: int = 7) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "src"))
    from colloquy.project import Project
    from colloquy.serve.preview import EVENTS
    from colloquy.serve.server import PreviewServer

    work = Path(tempfile.mkdtemp(prefix="colloquy-serve-bench-"))
    try:
        for name in ("articles", "locales", "templates", "glossary"):
            shutil.copytree(ROOT / name, work / name)
        shutil.copy(ROOT / "pyproject.toml", work / "pyproject.toml")
        server = PreviewServer(Project.load(work), 0, log=lambda message: None)
        server.start()
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        conn.request("GET", EVENTS)
        response = conn.getresponse()
        arrived: list[float] = []
        ready = threading.Event()

        def read() -> None:
            while True:
                line = response.readline()
                if not line:
                    return
                if line.startswith(b"data: "):
                    arrived.append(time.perf_counter())
                    ready.set()

        threading.Thread(target=read, daemon=True).start()
        time.sleep(1.0)  # the watcher is watching
        article = next((work / "articles").glob("*/article.md"))
        text = article.read_text(encoding="utf-8")
        times = []
        for n in range(runs + 1):
            ready.clear()
            changed = text.replace("27 years", f"27 years{' ' * (n % 2)}", 1) if n % 2 else text
            t0 = time.perf_counter()
            article.write_text(changed, encoding="utf-8")
            if not ready.wait(30):
                raise RuntimeError("no reload event within 30 s")
            if n:  # the first run warms the imports up
                times.append(arrived[-1] - t0)
            time.sleep(0.3)
        server.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {
        "label": "serve: save → reload event in the browser (seed)",
        "min": min(times),
        "median": statistics.median(times),
        "max": max(times),
        "runs": len(times),
        "target": TARGET_S,
        "ok": statistics.median(times) <= TARGET_S,
    }


def table(figure: dict[str, Any]) -> str:
    return (
        f"  {figure['label']}: min {figure['min']:.3f} s, median {figure['median']:.3f} s, max {figure['max']:.3f} s "
        f"({figure['runs']} runs) — target ≤ {figure['target']} s: {'ok' if figure['ok'] else 'MISSED'}"
    )


if __name__ == "__main__":
    result = measure()
    print(table(result))
    sys.exit(0 if result["ok"] else 1)
