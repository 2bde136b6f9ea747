#!/usr/bin/env python3
"""The translation checks against the labelled corpus (tests/qa_corpus): recall per category
and false positives per 100 good pairs, overall and per direction, against issue 13's targets
(recall >= 95 % in every category, <= 1 false positive per 100 good pairs).

    .venv/bin/python tools/qa_bench.py            # the table; the figures into build/bench.json ("qa")
    make bench                                     # the same first, then the build benchmark

A few seconds: every good pair and every planted error is checked once, in this process.
Exit status: 0 when every target is met, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RECALL_TARGET = 95.0  # per cent, in every category
FP_TARGET = 1.0  # false positives per 100 good pairs


def measure() -> dict[str, Any]:
    """The corpus figures of today's checks, each with its target and whether it is met."""
    for path in (ROOT / "src", ROOT / "tests"):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))
    from qa_corpus import score

    t0 = time.perf_counter()
    result = score.score()
    seconds = time.perf_counter() - t0
    recall = {
        c: {**r, "target": RECALL_TARGET, "ok": r["recall"] is not None and r["recall"] >= RECALL_TARGET} for c, r in result["recall"].items()
    }
    fp = {d: {**r, "target": FP_TARGET if d == "all" else None, "ok": (r["per_100"] or 0) <= FP_TARGET if d == "all" else None} for d, r in result["false_positives"].items()}
    pairs = sum(r["good"] for d, r in result["false_positives"].items() if d == "all") + sum(r["planted"] for r in result["recall"].values())
    return {
        "recall": recall,
        "false_positives": fp,
        "false_positive_pairs": result["false_positive_pairs"],
        "missed": result["missed"],
        "rules": result["rules"],
        "seconds": round(seconds, 2),
        "pairs_checked": pairs,
    }


def table(qa: dict[str, Any]) -> str:
    lines = ["| category | planted | caught | recall | target | en → zh_CN | zh_CN → en |", "|---|---:|---:|---:|---:|---:|---:|"]
    for c, r in qa["recall"].items():
        mark = "" if r["ok"] else " MISSED"
        lines.append(f"| {c} | {r['planted']} | {r['caught']} | {r['recall']:.1f} %{mark} | ≥ {RECALL_TARGET:.0f} % | {r['en>zh_CN']} | {r['zh_CN>en']} |")
    lines += ["", "| good pairs | pairs | with a finding | false positives per 100 | target |", "|---|---:|---:|---:|---:|"]
    for d, r in qa["false_positives"].items():
        name = {"all": "overall"}.get(d, d.replace(">", " → "))
        target = f"≤ {FP_TARGET:.0f}" if r["target"] is not None else ""
        mark = " MISSED" if r["ok"] is False else ""
        lines.append(f"| {name} | {r['good']} | {r['flagged']} | {r['per_100']:.1f}{mark} | {target} |")
    return "\n".join(lines)


def ok(qa: dict[str, Any]) -> bool:
    return all(r["ok"] for r in qa["recall"].values()) and all(r["ok"] is not False for r in qa["false_positives"].values())


def save(qa: dict[str, Any], path: Path) -> None:
    """Keep the figures under "qa" in the bench report (other figures stay as they are)."""
    data: dict[str, Any] = {}
    if path.exists():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, OSError):
            data = {}
    data["qa"] = qa
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="tools/qa_bench.py", description=__doc__.split("\n\n")[0])
    p.add_argument("--json", type=Path, default=ROOT / "build" / "bench.json", metavar="PATH", help="where to keep the figures (default build/bench.json)")
    args = p.parse_args(argv)
    qa = measure()
    save(qa, args.json)
    print(table(qa))
    print(f"\nqa: {qa['pairs_checked']} pairs checked in {qa['seconds']:.1f} s; figures under \"qa\" in {args.json}")
    return 0 if ok(qa) else 1


if __name__ == "__main__":
    sys.exit(main())
