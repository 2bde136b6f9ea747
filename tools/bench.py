#!/usr/bin/env python3
"""Measure how fast `colloquy build` is, against raw WeasyPrint and pandoc.

Every figure is the min / median / max of several runs, all taken in one session so that
their ratios mean something. The builds run as subprocesses (`python -m colloquy.cli build`)
on copies of the project in a temporary folder; the real project is not touched, except
for the report written to build/bench.json.

  a. cold build of the seed (9 outputs, the 2 WeChat pages and the media folders, with the default worker count —
     the machine's CPUs; dist/ and build/manifest.json deleted before each run, the font
     caches kept warm) against the REFERENCE: one fresh Python process that imports WeasyPrint
     and renders the seed's three print documents (en, zh-CN, bilingual) one after the other,
     with the same options Colloquy uses. The runs alternate cold / reference, and the ratio
     is taken per pair.                                            target: ratio <= 0.9
     Also reported, as diagnostics: the same with -j 1, Colloquy building only those three
     PDFs (--format pdf), and the CPU-time ratio (from runs of their own: the timed ones are
     not watched, as polling /proc takes CPU from the build's workers).
  b. no-op rebuild of the seed (everything up to date): `colloquy build`, and the whole
     `make` (set-up checks included, its stamps in place).         target: make <= 0.3 s
  g. no-op `colloquy update` of a 200-article corpus (every catalog up to date).
                                                                   target: <= 3 s
  c. one msgstr of the zh_CN catalog changed (alternating between two values) then a
     rebuild: its time and which outputs were rebuilt.             target: zh-CN and bilingual only
  d. a synthetic corpus (copies of the seed under new slugs, each with its own zh_CN
     catalog): cold build with -j 1 and with -j 2 on a subset (--j-articles), the speedup
     (target >= 1.7 on 2 cores), the peak RSS of each worker process (target <= 500 MB), and
     the no-op rebuild of the whole corpus (target <= 1 s).
  e. HTML + DOCX of the seed (colloquy --format html --format docx, 6 outputs) against
     pandoc (`pandoc article.md -o x.html` and `-o x.docx`, one process each), per article.
  f. size of the bilingual seed PDF.                               target: <= 500 KB
  g. first, the translation checks against their labelled corpus (tools/qa_bench.py): recall
     per category (target >= 95 % each) and false positives per 100 good pairs, overall
     (target <= 1) and per direction; --qa-only measures only that.
  h. then the live preview (tools/serve_bench.py): from a save of the seed's article to the
     reload event reaching an EventSource client of `colloquy serve` (target <= 0.5 s, the
     median); --serve-only measures only that.

The code under test is a snapshot of src/colloquy taken when the bench starts (other people
may be editing the tree: a change to Colloquy's code changes every output's digest and would
turn a no-op build into a full one); --live-code uses the working tree instead.

For the no-op rebuild of the whole corpus, the corpus is first "primed" by the real build
engine with the rendering replaced by a copy of the seed's outputs: the manifest, the
indexes and the outputs' presence are exactly what a real build leaves (a no-op build only
hashes inputs and checks that outputs exist), at a fraction of the time. --full-corpus-build
builds the whole corpus for real instead (with -j 2; also reported).

Exit status: 0 when every figure met its target, 1 when one missed it or a build failed,
2 on a usage or set-up problem.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import math
import os
import platform
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("pyproject.toml", "articles", "locales", "templates", "glossary")
BUILT_RE = re.compile(r"^\s*(built|FAILED) (\S+)/([^/\s]+)\.(html|pdf|docx) \(([\d.]+)s\)\s*$")
SUMMARY_RE = re.compile(r"build: (\d+) built, (\d+) up to date, (\d+) failed")
ERROR_RE = re.compile(r"error: (\S+) failed: (.*)$")

# ------------------------------------------------------------------ helper programs
# They run in subprocesses with the snapshot of the code on PYTHONPATH, like the builds.

PRINT_HTML = r"""
import json, sys
from pathlib import Path
import colloquy
from colloquy.build.prepare import prepare
from colloquy.diagnostics import Report
from colloquy.project import Project
from colloquy.writers.base import Output
from colloquy.writers.html import render_article

root, slug, out = sys.argv[1:4]
project = Project.load(Path(root))
report = Report()
prepared = prepare(project, slug, report)
if prepared is None:
    report.print()
    sys.exit(2)
editions = [e.id for e in project.editions]
for edition in project.editions:
    output = Output(project, prepared.edition(edition), Path(out, edition.id + ".pdf"), project.articles_dir / slug, prepared.uis, project.editions, f"{edition.id}/{slug}.pdf")
    Path(out, edition.id + ".html").write_text(render_article(output, for_print=True), encoding="utf-8")
print(json.dumps({"editions": editions, "colloquy": colloquy.__file__}))
"""

# The reference: WeasyPrint alone, the options Colloquy passes (one FontConfiguration for
# the process, tagged PDF, a fixed identifier), no Colloquy code imported.
REFERENCE = r"""
import logging, sys
from pathlib import Path
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

logging.getLogger("weasyprint").setLevel(logging.ERROR)
base_url, *pairs = sys.argv[1:]
font_config = FontConfiguration()
for src, dst in zip(pairs[::2], pairs[1::2]):
    html = Path(src).read_text(encoding="utf-8")
    doc = HTML(string=html, base_url=base_url).render(font_config=font_config, pdf_tags=True)
    Path(dst).write_bytes(doc.write_pdf(pdf_identifier=b"0" * 32, pdf_tags=True))
"""

# Primes a corpus for the no-op measurement: the real build engine (job list, digests,
# manifest, validation, indexes) with each output copied from the seed's instead of rendered.
PRIME = r"""
import shutil, sys, time
from pathlib import Path
import colloquy.build as build
from colloquy.build.execute import Result
from colloquy.cli import main

seed_dist, seed_slug, root = Path(sys.argv[1]), sys.argv[2], sys.argv[3]

def copy_job(root_, job, shipped=None):
    # the seed's output at the same place in its dist/ (dist/<edition>/<slug>.<fmt>,
    # dist/wechat/<slug>.html and .bilingual.html, the folder dist/wechat/<slug>/)
    seed_out = seed_dist / str(job.out.relative_to(Path(root) / "dist")).replace(job.slug, seed_slug)
    if seed_out.is_dir():
        shutil.copytree(seed_out, job.out, dirs_exist_ok=True)
    elif job.fmt != "media":
        job.out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(seed_out, job.out)
    return Result(job.slug, job, None, 0.0)

build.run_job = copy_job
sys.exit(main(["-C", root, "build", "-j", "1"]))
"""


# ------------------------------------------------------------------ running things


@dataclass
class Proc:
    """One process tree's peak resident memory, as /proc says it (kB)."""

    pid: int
    ppid: int
    cmd: str
    hwm_kb: int = 0
    cpu_ticks: int = 0
    role: str = "other"


@dataclass
class Run:
    cmd: list[str]
    seconds: float
    cpu: float  # user + sys of the process and its waited-for children
    rc: int
    stderr: str
    load: float  # 1-minute load average when it started
    others: float  # CPU seconds the rest of the machine used meanwhile
    procs: list[Proc] = field(default_factory=list)
    hung: str = ""  # why the watchdog killed it

    @property
    def built(self) -> list[str]:
        """The outputs the build reports as built: "edition/slug.fmt"."""
        return [f"{m[2]}/{m[3]}.{m[4]}" for m in map(BUILT_RE.match, self.stderr.splitlines()) if m and m[1] == "built"]

    @property
    def failed(self) -> list[str]:
        return [f"{m[1]}: {m[2][:300]}" for m in map(ERROR_RE.search, self.stderr.splitlines()) if m]

    @property
    def summary(self) -> tuple[int, int, int] | None:
        m = SUMMARY_RE.search(self.stderr)
        return (int(m[1]), int(m[2]), int(m[3])) if m else None

    def peak_mb(self, role: str) -> float | None:
        values = [p.hwm_kb for p in self.procs if p.role == role]
        return max(values) / 1024 if values else None

    def raw(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "seconds": round(self.seconds, 4),
            # None: not known (a parallel build timed without the watcher: its workers' CPU is not counted)
            "cpu_seconds": None if math.isnan(self.cpu) else round(self.cpu, 3),
            "others_cpu_seconds": None if math.isnan(self.others) else round(self.others, 3),
            "rc": self.rc,
            "load1": self.load,
        }
        if self.summary:
            out["built"], out["up_to_date"], out["failed"] = self.summary
        if self.failed:
            out["failures"] = self.failed
        if self.hung:
            out["killed"] = self.hung
        if self.procs:
            out["peak_rss_mb"] = [{"pid": p.pid, "role": p.role, "mb": round(p.hwm_kb / 1024, 1)} for p in self.procs]
        return out


class RssWatcher(threading.Thread):
    """Polls the process tree under ``root`` every 50 ms and keeps each process's VmHWM
    (its peak resident set, which only grows, so a poll a little late loses nothing)."""

    def __init__(self, root: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.interval = interval
        self.seen: dict[int, Proc] = {}
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.is_set():
            self.sample()
            self.halt.wait(self.interval)

    def stop(self) -> list[Proc]:
        self.halt.set()
        self.join()
        procs = list(self.seen.values())
        # the forkserver is the main process's child; the pool's workers are forked from it
        # (same command line); a worker's own short-lived children (fc-match) are "other"
        servers = {p.pid for p in procs if p.ppid == self.root and "multiprocessing.forkserver" in p.cmd}
        for p in procs:
            if p.pid == self.root:
                p.role = "main"
            elif p.pid in servers:
                p.role = "forkserver"
            elif p.ppid in servers:
                p.role = "worker"
            elif "resource_tracker" in p.cmd:
                p.role = "resource-tracker"
            elif p.cmd.startswith("fc-match"):
                p.role = "fc-match"
        return sorted(procs, key=lambda p: p.pid)

    def _children(self, pid: int) -> list[int]:
        out: list[int] = []
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as fh:
                    out.extend(int(x) for x in fh.read().split())
        except OSError:
            pass
        return out

    def sample(self) -> None:
        todo = [self.root]
        while todo:
            pid = todo.pop()
            todo.extend(self._children(pid))
            try:
                with open(f"/proc/{pid}/status") as fh:
                    status = fh.read()
                with open(f"/proc/{pid}/cmdline", "rb") as fh:
                    cmd = fh.read().replace(b"\0", b" ").decode(errors="replace").strip()
                with open(f"/proc/{pid}/stat") as fh:
                    stat = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            hwm = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
            ppid = re.search(r"^PPid:\s+(\d+)", status, re.M)
            proc = self.seen.setdefault(pid, Proc(pid, int(ppid[1]) if ppid else 0, cmd))
            if cmd:
                proc.cmd = cmd
            if hwm:
                proc.hwm_kb = max(proc.hwm_kb, int(hwm[1]))
            proc.cpu_ticks = max(proc.cpu_ticks, int(stat[11]) + int(stat[12]))  # utime + stime


def kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Stop a run the bench started: SIGTERM to its process group (the build, its forkserver
    and workers; multiprocessing's resource tracker ignores it and cleans up after them),
    then SIGKILL to the build if it is still there."""
    with contextlib.suppress(OSError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class Watchdog(threading.Thread):
    """Kills a run whose output has not grown for ``stall`` seconds (a hung build) or that
    lasts longer than ``timeout`` seconds."""

    def __init__(self, proc: subprocess.Popen[bytes], log: Path, stall: float, timeout: float) -> None:
        super().__init__(daemon=True)
        self.proc, self.log, self.stall, self.timeout = proc, log, stall, timeout
        self.halt = threading.Event()
        self.fired = ""

    def run(self) -> None:
        t0 = last_change = time.monotonic()
        size = -1
        while not self.halt.wait(1.0):
            now = time.monotonic()
            with contextlib.suppress(OSError):
                if (new := self.log.stat().st_size) != size:
                    size, last_change = new, now
            if self.stall and now - last_change > self.stall:
                self.fired = f"no output for {self.stall:.0f} s (hung)"
            elif self.timeout and now - t0 > self.timeout:
                self.fired = f"still running after {self.timeout:.0f} s"
            if self.fired:
                kill_group(self.proc)
                return


TICK = os.sysconf("SC_CLK_TCK")


def machine_busy() -> float:
    """CPU seconds the whole machine has spent busy since boot (/proc/stat), 0 when unknown."""
    try:
        with open("/proc/stat") as fh:
            fields = [int(x) for x in fh.readline().split()[1:]]
    except (OSError, ValueError):
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / TICK


def wait_idle(limit: float) -> float:
    """Wait (at most ``limit`` seconds) for a second in which the rest of the machine uses
    under a fifth of one CPU; returns the seconds waited."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < limit:
        b0 = machine_busy()
        time.sleep(1.0)
        if machine_busy() - b0 < 0.2:
            break
    return time.perf_counter() - t0


class Bench:
    def __init__(self, args: argparse.Namespace, work: Path) -> None:
        self.args = args
        self.work = work
        self.python = sys.executable
        self.env = dict(os.environ)
        self.env.pop("COLLOQUY_DEBUG", None)
        # `make bench ARGS=…` passes its variables down through the environment: the `make` timed
        # in b must run as an editor's does, without the bench's ARGS (colloquy would refuse them)
        for name in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "ARGS"):
            self.env.pop(name, None)
        # Python caches bytecode by default; a sandbox that forbids it would make every
        # build recompile Colloquy from source, which no editor's machine does.
        self.env_changes = ["PYTHONDONTWRITEBYTECODE unset"] if self.env.pop("PYTHONDONTWRITEBYTECODE", None) is not None else []
        if not args.live_code:
            self.env["PYTHONPATH"] = os.pathsep.join(x for x in (str(work / "src"), self.env.get("PYTHONPATH", "")) if x)
        self.logs = work / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.figures: dict[str, dict[str, Any]] = {}
        self.raw: dict[str, Any] = {}
        self.notes: list[str] = []
        self.problems: list[str] = []
        self.count = 0
        self.waited = 0.0

    # -------------------------------------------------------------- processes

    def run(self, cmd: Sequence[str], cwd: Path, *, watch: bool = False, check: bool = False, timed: bool = True) -> Run:
        self.count += 1
        log = self.logs / f"{self.count:04d}.log"
        if timed and self.args.wait_idle:
            self.waited += wait_idle(self.args.wait_idle)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        busy0 = machine_busy()
        load = os.getloadavg()[0]
        with open(log, "w+", encoding="utf-8", errors="replace") as err:
            t0 = time.perf_counter()
            # its own process group, so that a hung build is killed with its forkserver and workers
            proc = subprocess.Popen(list(cmd), cwd=cwd, env=self.env, stdout=err, stderr=subprocess.STDOUT, start_new_session=True)
            watcher = RssWatcher(proc.pid) if watch else None
            if watcher:
                watcher.start()
            dog = Watchdog(proc, log, self.args.stall, self.args.timeout)
            dog.start()
            try:
                rc = proc.wait()  # blocking: exact to the millisecond, unlike a polling wait
            except BaseException:
                kill_group(proc)
                raise
            finally:
                dog.halt.set()
            seconds = time.perf_counter() - t0
            busy = machine_busy() - busy0
            procs = watcher.stop() if watcher else []
            err.seek(0)
            text = err.read()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        # pool workers are children of the forkserver, which nobody waits for: their CPU
        # time is not in RUSAGE_CHILDREN, take it from the last /proc sample
        cpu += sum(p.cpu_ticks for p in procs if p.role in ("worker", "forkserver")) / TICK
        if dog.fired:
            text += f"\nbench: {dog.fired}: killed\n"
        run = Run(list(cmd), seconds, cpu, rc, text, load, max(0.0, busy - cpu), procs, hung=dog.fired)
        if dog.fired:
            self.problems.append(f"{' '.join(cmd[-4:])} in {cwd.name}: {dog.fired} (after {len(run.built)} outputs); killed")
        if check and rc != 0:
            raise SystemExit(f"bench: set-up step failed ({' '.join(cmd)}), exit {rc}:\n{text[-3000:]}")
        return run

    def colloquy(self, project: Path, *args: str, watch: bool = False, check: bool = False, timed: bool = True) -> Run:
        return self.run([self.python, "-m", "colloquy.cli", "build", *args], project, watch=watch, check=check, timed=timed)

    def say(self, text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    def step(self, label: str, i: int, n: int, run: Run, extra: str = "") -> None:
        state = "" if run.rc == 0 else f"  [exit {run.rc}]"
        cpu = "cpu      — (workers not watched)" if math.isnan(run.cpu) else f"cpu {run.cpu:6.2f} s; others used {run.others:5.2f} cpu-s"
        self.say(f"  {label} {i}/{n}: {run.seconds:7.2f} s  ({cpu}){extra}{state}")

    def failures(self, what: str, runs: list[Run]) -> None:
        """Report failed outputs (e.g. an unfinished DOCX writer) once per figure, and keep going."""
        seen: dict[str, int] = {}
        for r in runs:
            for f in r.failed:
                seen[f] = seen.get(f, 0) + 1
            if r.rc != 0 and not r.failed:
                last = (r.stderr.strip().splitlines() or [""])[-1]
                key = f"exit status {r.rc}: {last[:300]}"
                seen[key] = seen.get(key, 0) + 1
        for text, n in seen.items():
            self.problems.append(f"{what}: {text} ({n}/{len(runs)} runs)")

    # -------------------------------------------------------------- figures

    def figure(
        self,
        key: str,
        label: str,
        values: list[float],
        unit: str,
        target: str = "",
        ok: Callable[[float], bool] | None = None,
        note: str = "",
    ) -> None:
        values = [v for v in values if v is not None]
        fig: dict[str, Any] = {"label": label, "unit": unit, "target": target, "runs": len(values), "values": [round(v, 4) for v in values]}
        if values:
            fig.update(min=min(values), median=statistics.median(values), max=max(values))
            fig["ok"] = ok(fig["median"]) if ok else None
        else:
            fig.update(min=None, median=None, max=None, ok=False if ok else None)
        if note:
            fig["note"] = note
        self.figures[key] = fig

    # -------------------------------------------------------------- set-up

    def copy_project(self, dest: Path) -> Path:
        dest.mkdir(parents=True)
        for part in PROJECT_PARTS:
            src = ROOT / part
            if src.is_dir():
                shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__", ".colloquy-tmp-*"))
            elif src.is_file():
                shutil.copy2(src, dest / part)
        cache = ROOT / "build" / ".cache"
        if cache.is_dir():
            shutil.copytree(cache, dest / "build" / ".cache")
        (dest / "build").mkdir(exist_ok=True)
        return dest

    def seed_slug(self, project: Path) -> str:
        slugs = sorted(p.name for p in (project / "articles").iterdir() if (p / "article.md").is_file())
        if not slugs:
            raise SystemExit("bench: no article in articles/")
        if self.args.slug:
            if self.args.slug not in slugs:
                raise SystemExit(f"bench: no article '{self.args.slug}' (articles: {', '.join(slugs)})")
            return self.args.slug
        return slugs[0]

    @staticmethod
    def clean(project: Path) -> None:
        """Back to a cold build: no outputs, no manifest; build/.cache (font cmaps) stays."""
        shutil.rmtree(project / "dist", ignore_errors=True)
        (project / "build" / "manifest.json").unlink(missing_ok=True)

    def make_corpus(self, dest: Path, seed: Path, slug: str, count: int) -> list[str]:
        """``count`` copies of the seed article under new slugs, each with the seed's zh_CN catalog."""
        project = self.copy_project(dest)
        source = (seed / "articles" / slug / "article.md").read_text(encoding="utf-8")
        shutil.rmtree(project / "articles")
        catalogs = sorted((seed / "locales").glob(f"*/LC_MESSAGES/{slug}.po"))
        for cat in catalogs:
            (project / cat.relative_to(seed)).unlink()
        slugs = [f"{slug}-{i:03d}" for i in range(1, count + 1)]
        slug_line = re.compile(rf"^slug:\s*['\"]?{re.escape(slug)}['\"]?\s*$", re.M)
        if not slug_line.search(source):
            raise SystemExit(f"bench: no 'slug: {slug}' line in the seed's front matter")
        for new in slugs:
            folder = project / "articles" / new
            folder.mkdir(parents=True)
            (folder / "article.md").write_text(slug_line.sub(f"slug: {new}", source, count=1), encoding="utf-8")
            for cat in catalogs:
                target = project / cat.relative_to(seed).parent / f"{new}.po"
                target.write_text(cat.read_text(encoding="utf-8").replace(slug, new), encoding="utf-8")
        return slugs

    # -------------------------------------------------------------- the measures

    def measure(self) -> None:
        a = self.args
        seed = self.copy_project(self.work / "seed")
        if not a.live_code:
            shutil.copytree(ROOT / "src" / "colloquy", self.work / "src" / "colloquy", ignore=shutil.ignore_patterns("__pycache__"))
        slug = self.seed_slug(seed)
        self.raw["seed"] = slug
        self.raw["code_digest"] = code_digest(self.work / "src" / "colloquy" if not a.live_code else ROOT / "src" / "colloquy")
        self.say(f"bench: seed article '{slug}', {a.runs} runs per figure, work folder {self.work}")

        # warm-up: compiles the snapshot's bytecode, fills build/.cache and the page cache
        self.say("  warm-up build (not timed) …")
        warm = self.colloquy(seed, "-j", "1", timed=False)
        if warm.rc != 0:
            self.say("  warm-up build reported failures:\n    " + "\n    ".join(warm.failed or warm.stderr.strip().splitlines()[-5:]))
            self.failures("warm-up build", [warm])
        if warm.summary is None:
            raise SystemExit(f"bench: the build did not run:\n{warm.stderr[-3000:]}")
        broken = [f for f in warm.failed if not f.split(":", 1)[0].endswith(".docx")]
        if broken:  # DOCX failures are reported and the bench goes on; without HTML and PDF it means nothing
            raise SystemExit("bench: the build fails on HTML or PDF outputs, nothing to measure:\n  " + "\n  ".join(broken))

        self.measure_cold(seed, slug)
        self.measure_noop(seed)
        self.measure_msgstr(seed, slug)
        self.measure_html_docx(seed, slug)
        self.measure_update_noop(seed, slug)
        self.measure_corpus(seed, slug)

    def measure_cold(self, seed: Path, slug: str) -> None:
        a = self.args
        self.say("a. cold build of the seed (-j 1) against WeasyPrint alone, alternating")
        ref = self.work / "reference"
        ref.mkdir()
        out = self.run([self.python, "-c", PRINT_HTML, str(seed), slug, str(ref)], seed, check=True, timed=False)
        info = json.loads(out.stderr.strip().splitlines()[-1])
        editions = info["editions"]
        self.raw["code_under_test"] = info["colloquy"]
        base_url = str(seed / "articles" / slug) + "/"
        pairs = [x for e in editions for x in (str(ref / f"{e}.html"), str(ref / f"{e}.pdf"))]
        reference_cmd = [self.python, "-c", REFERENCE, base_url, *pairs]
        self.run(reference_cmd, seed, check=True, timed=False)  # warm-up of the reference
        cold: list[Run] = []
        watched: list[Run] = []
        pdf_only: list[Run] = []
        refs: list[Run] = []
        sizes: list[dict[str, int]] = []
        serial: list[Run] = []
        for i in range(1, a.runs + 1):
            self.clean(seed)
            # timed without the process-tree watcher: polling /proc every 50 ms takes CPU the
            # build's two workers would use (the one-process reference would not feel it)
            r = self.colloquy(seed)
            r.cpu = r.others = math.nan  # its workers' CPU is not counted without the watcher
            cold.append(r)
            sizes.append(
                {e: (seed / "dist" / e / f"{slug}.pdf").stat().st_size for e in editions if (seed / "dist" / e / f"{slug}.pdf").exists()}
            )
            self.step("cold     ", i, a.runs, r, f"  {len(r.built)} outputs")
            self.clean(seed)
            w = self.colloquy(seed, watch=True, timed=False)  # the workers' CPU time, from /proc
            watched.append(w)
            self.step("cold, watched", i, a.runs, w, "  (for its CPU time)")
            self.clean(seed)
            r1 = self.colloquy(seed, "-j", "1")
            serial.append(r1)
            self.step("cold -j 1", i, a.runs, r1, f"  {len(r1.built)} outputs")
            # diagnostic: the same three PDFs as the reference, through Colloquy
            self.clean(seed)
            p = self.colloquy(seed, "-j", "1", "--format", "pdf")
            pdf_only.append(p)
            self.step("pdf only ", i, a.runs, p, f"  {len(p.built)} outputs")
            rr = self.run(reference_cmd, seed)
            refs.append(rr)
            self.step("reference", i, a.runs, rr)
            if rr.rc != 0:
                self.problems.append(f"reference run failed: {rr.stderr[-500:]}")
        self.failures("cold build", cold)
        self.failures("pdf-only build", pdf_only)
        ok_pairs = [(c, r) for c, r in zip(cold, refs, strict=True) if r.rc == 0]
        cores = os.cpu_count() or 1
        self.figure("cold_seed_s", f"a. cold build, seed, 9 outputs + 2 WeChat, {cores} workers", [r.seconds for r in cold], "s")
        self.figure("reference_s", "a. REFERENCE: WeasyPrint alone, 3 PDFs, one process", [r.seconds for r in refs if r.rc == 0], "s")
        self.figure(
            "cold_over_reference",
            "a. ratio cold / reference (per pair)",
            [c.seconds / r.seconds for c, r in ok_pairs],
            "x",
            "<= 0.9",
            lambda v: v <= 0.9,
            f"{cores} cores",
        )
        self.figure("cold_seed_j1_s", "a. (diagnostic) cold build, seed, -j 1", [r.seconds for r in serial], "s")
        self.figure(
            "cold_j1_over_reference",
            "a. (diagnostic) ratio cold -j 1 / reference (per pair)",
            [c.seconds / r.seconds for c, r in zip(serial, refs, strict=True) if r.rc == 0],
            "x",
        )
        self.figure("cold_pdf_only_s", "a. (diagnostic) cold, --format pdf only", [r.seconds for r in pdf_only], "s")
        self.figure(
            "pdf_only_over_reference",
            "a. (diagnostic) ratio pdf-only / reference",
            [p.seconds / r.seconds for p, r in zip(pdf_only, refs, strict=True) if r.rc == 0],
            "x",
            note="the same three PDFs as the reference: Colloquy's own cost, without the HTML and DOCX outputs",
        )
        self.figure("cold_seed_cpu_s", "a. cold build, CPU time (user+sys)", [r.cpu for r in watched], "s", note="runs of their own, watched")
        self.figure("reference_cpu_s", "a. REFERENCE, CPU time (user+sys)", [r.cpu for r in refs if r.rc == 0], "s")
        self.figure(
            "cold_over_reference_cpu",
            "a. ratio by CPU time (per pair)",
            [c.cpu / r.cpu for c, r in zip(watched, refs, strict=True) if r.rc == 0 and r.cpu > 0],
            "x",
            note="less sensitive than wall-clock to other processes on the machine",
        )
        per_output: dict[str, list[float]] = {}
        for r in cold:
            for m in map(BUILT_RE.match, r.stderr.splitlines()):
                if m and m[1] == "built":
                    per_output.setdefault(f"{m[2]}/{m[4]}", []).append(float(m[5]))
        ref_sizes = {e: (ref / f"{e}.pdf").stat().st_size for e in editions if (ref / f"{e}.pdf").exists()}
        self.raw["cold_seed"] = [r.raw() for r in cold]
        self.raw["cold_seed_watched"] = [r.raw() for r in watched]
        self.raw["cold_pdf_only"] = [r.raw() for r in pdf_only]
        self.raw["reference"] = {"runs": [r.raw() for r in refs], "pdf_bytes": ref_sizes}
        self.raw["cold_seed_per_output_s"] = per_output
        self.raw["seed_pdf_bytes"] = sizes
        kb = [s["bilingual"] / 1024 for s in sizes if "bilingual" in s]
        self.figure("bilingual_pdf_kb", "f. bilingual seed PDF size", kb, "KB", "<= 500", lambda v: v <= 500)

    def measure_noop(self, seed: Path) -> None:
        a = self.args
        self.say("b. no-op rebuild of the seed")
        self.colloquy(seed, "-j", "1", timed=False)  # whatever a failed output left to do
        runs = []
        for i in range(1, a.runs + 1):
            r = self.colloquy(seed)
            runs.append(r)
            self.step("no-op", i, a.runs, r, f"  {len(r.built)} rebuilt")
        rebuilt = sum(len(r.built) for r in runs)
        note = f"{rebuilt} output(s) rebuilt during no-op runs: not a no-op" if rebuilt else ""
        self.figure(
            "noop_seed_s", "b. no-op rebuild, seed", [r.seconds for r in runs], "s", "<= 0.3", lambda v: v <= 0.3 and not rebuilt, note
        )
        self.raw["noop_seed"] = [r.raw() for r in runs]
        self.measure_make_noop(seed)

    def measure_make_noop(self, seed: Path) -> None:
        """The editor's `make` when everything is done: make's set-up checks (stamps), then the build."""
        a = self.args
        make = shutil.which("make")
        venv = ROOT / ".venv"
        if make is None or not (venv / ".colloquy-installed").exists():
            self.notes.append("b. make or the project's .venv (run `make` once) is missing: the make figure is skipped")
            return
        for name in ("Makefile", "tools"):
            src = ROOT / name
            if src.is_dir():
                shutil.copytree(src, seed / name, dirs_exist_ok=True)
            else:
                shutil.copy2(src, seed / name)
        for name, target in ((".venv", venv), ("src", ROOT / "src")):  # the stamps compare with the code's files
            link = seed / name
            if not link.exists():
                link.symlink_to(target)
        self.say("b. no-op `make` in the seed (set-up checks included)")
        self.run([make, "-s"], seed, timed=False)
        runs = []
        for i in range(1, a.runs + 1):
            r = self.run([make, "-s"], seed)
            runs.append(r)
            self.step("make", i, a.runs, r, f"  {len(r.built)} rebuilt")
        rebuilt = sum(len(r.built) for r in runs)
        failed = sum(r.rc != 0 for r in runs)
        note = f"{rebuilt} output(s) rebuilt: not a no-op" if rebuilt else "stamps of the system packages, the .venv and the bytecode"
        if failed:
            note = f"{failed} run(s) of make failed (see {self.logs})"
            self.problems.append(f"b. `make` failed in {failed} of {len(runs)} runs: {runs[-1].stderr[-500:]}")
        self.figure(
            "make_noop_s", "b. no-op `make`, seed", [r.seconds for r in runs], "s", "<= 0.3", lambda v: v <= 0.3 and not rebuilt and not failed, note
        )
        self.raw["make_noop"] = [r.raw() for r in runs]

    def measure_update_noop(self, seed: Path, slug: str) -> None:
        a = self.args
        count = a.update_corpus
        self.say(f"g. no-op `colloquy update` of a {count}-article corpus")
        corpus = self.work / "corpus-update"
        self.make_corpus(corpus, seed, slug, count)
        first = self.run([self.python, "-m", "colloquy.cli", "update"], corpus, timed=False)
        if first.rc != 0:
            self.problems.append(f"g. the first update failed: {first.stderr[-1000:]}")
            return
        self.run([self.python, "-m", "colloquy.cli", "update"], corpus, timed=False)  # converged, page cache warm
        runs = []
        for i in range(1, a.runs + 1):
            r = self.run([self.python, "-m", "colloquy.cli", "update"], corpus)
            runs.append(r)
            changed = r.stderr.count(": updated")
            self.step("update", i, a.runs, r, f"  {changed} catalog(s) rewritten")
        rewritten = sum(r.stderr.count(": updated") for r in runs)
        note = f"{count} articles and catalogs" + (f"; {rewritten} catalog(s) rewritten: not a no-op" if rewritten else "")
        self.figure("update_noop_s", f"g. no-op update, {count} articles", [r.seconds for r in runs], "s", "<= 3", lambda v: v <= 3 and not rewritten, note)
        self.raw["update_noop"] = [r.raw() for r in runs]
        shutil.rmtree(corpus, ignore_errors=True)

    def measure_msgstr(self, seed: Path, slug: str) -> None:
        a = self.args
        self.say("c. one msgstr changed in the zh_CN catalog, then a rebuild")
        catalog = seed / "locales" / "zh_CN" / "LC_MESSAGES" / f"{slug}.po"
        if not catalog.exists():
            self.problems.append(f"c. skipped: no {catalog.relative_to(seed)}")
            return
        text = catalog.read_text(encoding="utf-8")
        # the first one-line, non-empty msgstr after the header
        m = re.compile(r'^msgstr "((?:[^"\\]|\\.)+)"$', re.M).search(text, text.find("\n\n"))
        if m is None:
            self.problems.append("c. skipped: no one-line msgstr in the catalog")
            return
        values = (m[1], m[1] + "（修订）")
        self.raw["msgstr_changed"] = {"line": text.count("\n", 0, m.start()) + 1, "values": list(values)}
        runs = []
        rebuilt_sets = []
        for i in range(1, a.runs + 1):
            value = values[i % 2]
            catalog.write_text(text[: m.start(1)] + value + text[m.end(1) :], encoding="utf-8")
            r = self.colloquy(seed, "-j", "1")
            runs.append(r)
            rebuilt_sets.append(sorted(r.built))
            self.step(
                "msgstr", i, a.runs, r, f"  rebuilt {', '.join(x.split('/')[0] + '.' + x.rsplit('.', 1)[1] for x in sorted(r.built))}"
            )
        catalog.write_text(text, encoding="utf-8")
        self.colloquy(seed, "-j", "1", timed=False)
        self.failures("msgstr rebuild", runs)
        # the WeChat editions are the zh-CN one (wechat/<slug>.html) and the bilingual one (.bilingual.html)
        def edition_of(out: str) -> str:
            folder = out.split("/")[0]
            return folder if folder != "wechat" else ("bilingual" if out.endswith(".bilingual.html") else "zh-CN")

        wrong = [s for s in rebuilt_sets if sorted({edition_of(x) for x in s}) != ["bilingual", "zh-CN"]]
        editions = [sorted({x.split("/")[0] for x in s}) for s in rebuilt_sets]
        en = sum(1 for s in rebuilt_sets for x in s if x.startswith("en/"))
        kinds = {
            " + ".join(f"{e}: {', '.join(sorted(x.rsplit('.', 1)[1] for x in s if x.startswith(e + '/')))}" for e in ed)
            for s, ed in zip(rebuilt_sets, editions, strict=True)
        }
        note = "rebuilt " + " | ".join(sorted(kinds)) + f"; en: {en or 'none'}"
        self.figure(
            "msgstr_rebuild_s",
            "c. one msgstr changed → rebuild",
            [r.seconds for r in runs],
            "s",
            "zh-CN + bilingual only",  # their WeChat editions too
            lambda v: not wrong,
            note,
        )
        self.raw["msgstr_rebuild"] = [{**r.raw(), "rebuilt": s} for r, s in zip(runs, rebuilt_sets, strict=True)]

    def measure_html_docx(self, seed: Path, slug: str) -> None:
        a = self.args
        self.say("e. HTML + DOCX per article: colloquy (3 editions, 6 outputs) against pandoc (1 source, 2 outputs)")
        runs = []
        for i in range(1, a.runs + 1):
            self.clean(seed)
            r = self.colloquy(seed, "-j", "1", "--format", "html", "--format", "docx")
            runs.append(r)
            self.step("colloquy", i, a.runs, r, f"  {len(r.built)} outputs")
        self.failures("html+docx build", runs)
        self.figure("html_docx_colloquy_s", "e. colloquy html+docx, per article", [r.seconds for r in runs], "s")
        self.raw["html_docx_colloquy"] = [r.raw() for r in runs]
        self.clean(seed)
        self.colloquy(seed, "-j", "1", timed=False)  # back to a complete build for what follows

        pandoc = shutil.which("pandoc")
        if pandoc is None:
            self.notes.append("e. pandoc not installed (apt-get install pandoc): comparison skipped")
            return
        version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
        self.raw["pandoc_version"] = version
        out = self.work / "pandoc"
        out.mkdir()
        article = seed / "articles" / slug
        self.run([pandoc, "article.md", "-o", str(out / "warm.html")], article, timed=False)
        pruns = []
        for i in range(1, a.runs + 1):
            h = self.run([pandoc, "article.md", "-o", str(out / "x.html")], article)
            d = self.run([pandoc, "article.md", "-o", str(out / "x.docx")], article)
            pruns.append((h, d))
            self.say(f"  pandoc   {i}/{a.runs}: {h.seconds + d.seconds:7.2f} s  (html {h.seconds:.2f} s + docx {d.seconds:.2f} s)")
            for x in (h, d):
                if x.rc != 0:
                    self.problems.append(f"pandoc failed: {x.stderr[-300:]}")
        self.figure("html_docx_pandoc_s", f"e. pandoc html+docx, per article ({version})", [h.seconds + d.seconds for h, d in pruns], "s")
        self.figure(
            "html_docx_ratio",
            "e. ratio colloquy / pandoc (per pair)",
            [r.seconds / (h.seconds + d.seconds) for r, (h, d) in zip(runs, pruns, strict=True)],
            "x",
        )
        self.raw["html_docx_pandoc"] = [{"html": h.raw(), "docx": d.raw()} for h, d in pruns]

    def measure_corpus(self, seed: Path, slug: str) -> None:
        a = self.args
        n_sub = min(a.j_articles, a.corpus)
        self.say(f"d. synthetic corpus: -j 1 against -j 2 on {n_sub} articles ({9 * n_sub} outputs), {a.j_runs} runs each, alternating")
        sub = self.work / "corpus-j"
        self.make_corpus(sub, seed, slug, n_sub)
        self.clean(sub)
        self.colloquy(sub, "-j", "2", "--format", "html", timed=False)  # warm-up: bytecode, page cache, forkserver path
        j1: list[Run] = []
        j2: list[Run] = []
        for i in range(1, a.j_runs + 1):
            for jobs, runs in (("1", j1), ("2", j2)):
                self.clean(sub)
                r = self.colloquy(sub, "-j", jobs, watch=True)
                runs.append(r)
                role = "main" if jobs == "1" else "worker"
                workers = [p for p in r.procs if p.role == role]
                peak = max((p.hwm_kb for p in workers), default=0) / 1024
                self.step(f"-j {jobs}", i, a.j_runs, r, f"  {len(r.built)} outputs, {len(workers)} worker process(es), peak {peak:.0f} MB")
        self.failures(f"corpus of {n_sub}, -j 1", j1)
        self.failures(f"corpus of {n_sub}, -j 2", j2)
        runs_note = f"{a.j_runs} runs, {n_sub} articles"
        self.figure("corpus_j1_s", f"d. cold build, {n_sub} articles, -j 1", [r.seconds for r in j1], "s", note=runs_note)
        self.figure("corpus_j2_s", f"d. cold build, {n_sub} articles, -j 2", [r.seconds for r in j2], "s", note=runs_note)
        self.figure(
            "speedup_j2",
            "d. speedup -j 2 over -j 1 (per pair)",
            [x.seconds / y.seconds for x, y in zip(j1, j2, strict=True)],
            "x",
            ">= 1.7",
            lambda v: v >= 1.7,
            runs_note,
        )
        self.figure(
            "worker_peak_rss_mb",
            "d. peak RSS per worker (-j 2)",
            [r.peak_mb("worker") for r in j2],
            "MB",
            "<= 500",
            lambda v: v <= 500,
            f"max over the workers of each run; a worker lives for at most 40 outputs; {runs_note}",
        )
        self.figure("main_peak_rss_mb", "d. peak RSS of the -j 1 process", [r.peak_mb("main") for r in j1], "MB", note=runs_note)
        self.raw["corpus_j1"] = [r.raw() for r in j1]
        self.raw["corpus_j2"] = [r.raw() for r in j2]
        self.raw["ru_maxrss_children_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)

        # diagnostic for e: HTML + DOCX per article when one process builds many articles
        self.say(f"e. (diagnostic) HTML + DOCX of {n_sub} articles in one process (-j 1)")
        batch: list[Run] = []
        for i in range(1, a.j_runs + 1):
            self.clean(sub)
            r = self.colloquy(sub, "-j", "1", "--format", "html", "--format", "docx")
            batch.append(r)
            self.step("batch", i, a.j_runs, r, f"  {len(r.built)} outputs, {r.seconds / n_sub:.3f} s per article")
        self.failures(f"html+docx build of {n_sub} articles", batch)
        self.figure(
            "html_docx_batch_s",
            f"e. (diagnostic) colloquy html+docx, per article in a {n_sub}-article build",
            [r.seconds / n_sub for r in batch],
            "s",
            note=f"{a.j_runs} runs: start-up and imports shared by {n_sub} articles",
        )
        pandoc = self.figures.get("html_docx_pandoc_s", {}).get("median")
        if pandoc:
            self.figure(
                "html_docx_batch_ratio", "e. (diagnostic) ratio batch / pandoc median", [r.seconds / n_sub / pandoc for r in batch], "x"
            )
        self.raw["html_docx_batch"] = [r.raw() for r in batch]
        shutil.rmtree(sub, ignore_errors=True)

        self.say(f"d. no-op rebuild of a {a.corpus}-article corpus ({9 * a.corpus} outputs)")
        corpus = self.work / "corpus"
        self.make_corpus(corpus, seed, slug, a.corpus)
        if a.full_corpus_build:
            self.say("  full build of the corpus, -j 2 (not primed) …")
            r = self.colloquy(corpus, "-j", "2", watch=True)
            self.failures(f"full build of {a.corpus} articles", [r])
            self.figure("corpus_full_j2_s", f"d. cold build, {a.corpus} articles, -j 2", [r.seconds], "s", note="1 run")
            self.raw["corpus_full_j2"] = r.raw()
            how = "built for real with -j 2"
        else:
            t0 = time.perf_counter()
            prime = self.run([self.python, "-c", PRIME, str(seed / "dist"), slug, str(corpus)], corpus, timed=False)
            self.say(f"  primed in {time.perf_counter() - t0:.1f} s (real build engine, outputs copied from the seed's)")
            if prime.rc != 0:
                self.problems.append(f"priming the corpus failed: {prime.stderr[-1000:]}")
            how = "primed: real engine, outputs copied from the seed's"
        self.colloquy(corpus, "-j", "2", timed=False)  # anything left (a failed output) and the page cache
        runs = []
        for i in range(1, a.runs + 1):
            r = self.colloquy(corpus)
            runs.append(r)
            s = r.summary
            self.step("no-op", i, a.runs, r, f"  {s[0] if s else '?'} built, {s[1] if s else '?'} up to date")
        rebuilt = sum(len(r.built) for r in runs)
        note = f"{a.corpus} articles, {how}" + (f"; {rebuilt} output(s) rebuilt: not a no-op" if rebuilt else "")
        self.figure(
            "noop_corpus_s",
            f"d. no-op rebuild, {a.corpus} articles",
            [r.seconds for r in runs],
            "s",
            "<= 1",
            lambda v: v <= 1 and not rebuilt,
            note,
        )
        self.raw["noop_corpus"] = [r.raw() for r in runs]


# ------------------------------------------------------------------ report

ORDER = (
    "cold_seed_s",
    "reference_s",
    "cold_over_reference",
    "cold_pdf_only_s",
    "pdf_only_over_reference",
    "cold_seed_cpu_s",
    "reference_cpu_s",
    "cold_over_reference_cpu",
    "cold_seed_j1_s",
    "cold_j1_over_reference",
    "noop_seed_s",
    "make_noop_s",
    "update_noop_s",
    "msgstr_rebuild_s",
    "corpus_j1_s",
    "corpus_j2_s",
    "speedup_j2",
    "noop_corpus_s",
    "corpus_full_j2_s",
    "worker_peak_rss_mb",
    "main_peak_rss_mb",
    "html_docx_colloquy_s",
    "html_docx_pandoc_s",
    "html_docx_ratio",
    "html_docx_batch_s",
    "html_docx_batch_ratio",
    "bilingual_pdf_kb",
)


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit in ("MB", "KB"):
        return f"{value:.0f} {unit}"
    if unit == "x":
        return f"{value:.2f}×"
    return f"{value:.3f} s" if value < 1 else f"{value:.2f} s"


def table(figures: dict[str, dict[str, Any]]) -> str:
    rows = [("figure", "runs", "min", "median", "max", "target", "ok?")]
    for key in (*ORDER, *(k for k in figures if k not in ORDER)):
        f = figures.get(key)
        if f is None:
            continue
        ok = "—" if f["ok"] is None else ("yes" if f["ok"] else "NO")
        rows.append(
            (
                f["label"],
                str(f["runs"]),
                fmt(f["min"], f["unit"]),
                fmt(f["median"], f["unit"]),
                fmt(f["max"], f["unit"]),
                f["target"] or "—",
                ok,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, r in enumerate(rows):
        lines.append(
            "  ".join(c.ljust(w) if i == 0 or i == 5 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))).rstrip()
        )
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def code_digest(package: Path) -> dict[str, Any]:
    """Which code was measured: sha256 of every .py file of the package, and of them all."""
    import hashlib

    files = {str(p.relative_to(package)): hashlib.sha256(p.read_bytes()).hexdigest()[:16] for p in sorted(package.rglob("*.py"))}
    return {"all": hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()[:16], "files": files}


def versions() -> dict[str, str]:
    out = {"python": platform.python_version(), "platform": platform.platform(), "cpus": str(os.cpu_count())}
    with contextlib.suppress(Exception):
        from importlib.metadata import version

        out["weasyprint"] = version("weasyprint")
        out["python-docx"] = version("python-docx")
    with contextlib.suppress(OSError):
        head = (ROOT / ".git" / "HEAD").read_text().strip()
        if head.startswith("ref: "):
            head = (ROOT / ".git" / head[5:]).read_text().strip()
        out["git_head"] = head
    return out


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="tools/bench.py",
        description=__doc__.split("\n\n")[0],
        epilog="\n\n".join(__doc__.split("\n\n")[1:]),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--runs", type=int, default=None, metavar="N", help="runs per figure (default 5; 3 with --quick)")
    p.add_argument("--quick", action="store_true", help="smoke run: 3 runs, a 40-article corpus, -j comparison on 4 articles")
    p.add_argument("--corpus", type=int, default=None, metavar="N", help="articles in the synthetic corpus (default 200; 40 with --quick)")
    p.add_argument(
        "--j-articles", type=int, default=None, metavar="N", help="articles in the -j 1 / -j 2 comparison (default 40; 4 with --quick)"
    )
    p.add_argument("--j-runs", type=int, default=3, metavar="N", help="runs of the -j 1 / -j 2 comparison (default 3)")
    p.add_argument("--update-corpus", type=int, default=None, metavar="N", help="articles of the no-op update figure (default 200; 40 with --quick)")
    p.add_argument("--slug", default=None, help="the seed article (default: the first one)")
    p.add_argument(
        "--full-corpus-build", action="store_true", help="build the whole corpus for real before its no-op (slow) instead of priming it"
    )
    p.add_argument("--live-code", action="store_true", help="run the working tree's src/colloquy, not a snapshot taken at start")
    p.add_argument(
        "--wait-idle",
        type=float,
        default=0,
        metavar="S",
        help="before each timed run, wait up to S seconds for the rest of the machine to go quiet (default 0: don't wait)",
    )
    p.add_argument("--timeout", type=float, default=3600, metavar="S", help="kill a build after S seconds (default 3600)")
    p.add_argument(
        "--stall", type=float, default=180, metavar="S", help="kill a build whose output has not grown for S seconds, as hung (default 180)"
    )
    p.add_argument(
        "--json",
        type=Path,
        default=ROOT / "build" / "bench.json",
        metavar="PATH",
        help="where to write the raw figures (default build/bench.json)",
    )
    p.add_argument("--keep", action="store_true", help="keep the temporary work folder (its logs/ has every command's output)")
    p.add_argument("--serve-only", action="store_true", help="only the live preview's save → reload latency (h below): a few seconds")
    p.add_argument("--qa-only", action="store_true", help="only the translation checks against their corpus (g below): a few seconds")
    args = p.parse_args(argv)
    args.runs = args.runs or (3 if args.quick else 5)
    args.corpus = args.corpus or (40 if args.quick else 200)
    args.j_articles = args.j_articles or (4 if args.quick else 40)
    args.update_corpus = args.update_corpus or (40 if args.quick else 200)
    if min(args.runs, args.corpus, args.j_articles, args.j_runs) < 1:
        p.error("--runs, --corpus, --j-articles and --j-runs must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not (ROOT / "src" / "colloquy").is_dir() or not (ROOT / "articles").is_dir():
        print(f"bench: {ROOT} is not the Colloquy project", file=sys.stderr)
        return 2
    import qa_bench  # the translation checks against their labelled corpus: a few seconds, first

    qa = qa_bench.measure()
    print("Translation QA against tests/qa_corpus (issue 13):\n" + qa_bench.table(qa) + "\n")
    import serve_bench  # the live preview's save → reload latency (issue 12): a few seconds

    serve = serve_bench.measure(args.runs or 7)
    print("Live preview (colloquy serve):\n" + serve_bench.table(serve) + "\n")
    if args.serve_only:
        return 0 if serve["ok"] else 1
    if args.qa_only:
        qa_bench.save(qa, args.json)
        print(f"bench: QA figures only; under \"qa\" in {display(args.json)}")
        return 0 if qa_bench.ok(qa) else 1
    started = dt.datetime.now(dt.UTC)
    at_start = versions()  # the commit checked out when the code was snapshot
    load = os.getloadavg()
    if load[0] > 0.5:
        print(f"bench: WARNING: load average {load[0]:.2f} — other processes share the CPUs; timings will be noisy", file=sys.stderr)
    work = Path(tempfile.mkdtemp(prefix="colloquy-bench-"))
    signal.signal(signal.SIGTERM, _terminated)  # clean up the work folder and the running build
    bench = Bench(args, work)
    t0 = time.perf_counter()
    try:
        bench.measure()
    except KeyboardInterrupt:
        print("bench: interrupted", file=sys.stderr)
        return 130
    finally:
        if args.keep:
            print(f"bench: work folder kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    report = {
        "started": started.isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - t0, 1),
        "arguments": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "load_average_at_start": load,
        "load_average_at_end": os.getloadavg(),
        "versions": at_start,
        "environment_changes_for_the_builds": bench.env_changes,
        "seconds_waited_for_idle": round(bench.waited, 1),
        "figures": bench.figures,
        "qa": qa,
        "serve": serve,
        "notes": bench.notes,
        "problems": bench.problems,
        "raw": bench.raw,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    print()
    print(table(bench.figures))
    if args.quick:
        print("note: --quick is a smoke run (3 runs, small corpora): its figures are not meant to be held against the targets")
    for note in bench.notes:
        print(f"note: {note}")
    for key in ("msgstr_rebuild_s", "speedup_j2", "noop_corpus_s"):
        f = bench.figures.get(key)
        if f and f.get("note"):
            print(f"note: {f['label']}: {f['note']}")
    shares = [r["others_cpu_seconds"] / (r["seconds"] * (os.cpu_count() or 1)) for r in timed_runs(bench.raw) if r.get("seconds") and r["others_cpu_seconds"] is not None]
    if shares:
        print(
            f"note: other processes used {statistics.median(shares):.0%} of the machine's CPU during the median timed run"
            f" (max {max(shares):.0%}); the CPU-time figures are the steadier ones when that is high"
        )
    if bench.env_changes:
        print(f"note: for the builds: {', '.join(bench.env_changes)} (Python caches bytecode by default)")
    for problem in bench.problems:
        print(f"PROBLEM: {problem}")
    code = bench.raw.get("code_digest", {}).get("all", "?")
    where = "the working tree" if args.live_code else "a snapshot of the working tree"
    print(f"\nbench: code measured: {where}, digest {code}, git HEAD {report['versions'].get('git_head', '?')[:10]}")
    print(
        f"bench: {report['seconds']:.0f} s; load average {load[0]:.2f} at start, {report['load_average_at_end'][0]:.2f} at end; raw figures in {display(args.json)}"
    )
    missed = [f["label"] for f in bench.figures.values() if f["ok"] is False]
    if not qa_bench.ok(qa):
        missed.append("translation QA targets")
    if not serve["ok"]:
        missed.append(serve["label"])
    return 1 if missed or bench.problems else 0


def _terminated(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def timed_runs(raw: Any) -> list[dict[str, Any]]:
    """Every run record (a dict with "others_cpu_seconds") anywhere in ``raw``."""
    if isinstance(raw, dict):
        if "others_cpu_seconds" in raw:
            return [raw]
        return [r for v in raw.values() for r in timed_runs(v)]
    if isinstance(raw, list):
        return [r for v in raw for r in timed_runs(v)]
    return []


def display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
