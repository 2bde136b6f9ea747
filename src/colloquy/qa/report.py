"""The report of ``colloquy check`` as JSON or HTML (``--format json|html``): every diagnostic
with its catalog and line, and, for a finding on a catalog entry, the unit it is about (its id
and the context the translator reads), the source and the translation."""

from __future__ import annotations

import html
import json
from typing import Any

from colloquy.diagnostics import Diagnostic, Report
from colloquy.qa.run import Findings

FORMAT_VERSION = 1


def _item(d: Diagnostic, findings: Findings) -> dict[str, Any]:
    item: dict[str, Any] = {
        "path": d.path,
        "line": d.line,
        "severity": str(d.severity),
        "code": d.code or None,
        "message": d.message,
        "hint": d.hint or None,
    }
    info = findings.entries.get((d.path, d.line))
    if info is not None:
        item.update(unit=info.unit_id, context=list(info.context), msgctxt=info.msgctxt, source=info.source, translation=info.translation)
    return item


def summary(report: Report, findings: Findings, articles: int) -> dict[str, int]:
    return {"articles": articles, "errors": len(report.errors), "warnings": len(report.warnings), "waived": findings.waived}


def to_json(report: Report, findings: Findings, articles: int) -> str:
    data = {
        "format": "colloquy-check",
        "version": FORMAT_VERSION,
        "summary": summary(report, findings, articles),
        "catalogs": [{"path": path, "assumed": assumed} for path, assumed in findings.catalogs],
        "diagnostics": [_item(d, findings) for d in report.items],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


_STYLE = """
body { font: 15px/1.45 "Noto Sans", "Noto Sans CJK SC", sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: .4em .6em; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
.error { color: #b00020; font-weight: bold; } .warning { color: #8a5a00; font-weight: bold; } .note { color: #555; }
.text { white-space: pre-wrap; max-width: 28em; } .where { white-space: nowrap; font-family: monospace; }
.hint { color: #555; } .context { color: #555; font-size: 90%; }
"""


def to_html(report: Report, findings: Findings, articles: int) -> str:
    e = html.escape
    s = summary(report, findings, articles)
    rows = []
    for d in report.items:
        item = _item(d, findings)
        context = "<br>".join(e(c) for c in item.get("context") or [])
        unit = e(item.get("unit") or "")
        rows.append(
            "<tr>"
            f'<td class="where">{e(d.path)}:{d.line}</td>'
            f'<td class="{e(str(d.severity))}">{e(str(d.severity))}</td>'
            f"<td>{e(d.code)}</td>"
            f'<td>{e(d.message)}<div class="hint">{e(d.hint)}</div></td>'
            f'<td class="context">{unit}{"<br>" if unit and context else ""}{context}</td>'
            f'<td class="text" lang="und">{e(item.get("source") or "")}</td>'
            f'<td class="text" lang="und">{e(item.get("translation") or "")}</td>'
            "</tr>"
        )
    catalogs = "".join(f"<li><code>{e(p)}</code>: {e(a)}</li>" for p, a in findings.catalogs)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>colloquy check</title>\n'
        f"<style>{_STYLE}</style>\n</head>\n<body>\n<h1>colloquy check</h1>\n"
        f"<p>{s['articles']} article(s), {s['errors']} error(s), {s['warnings']} warning(s), {s['waived']} waived.</p>\n"
        + (f"<ul>{catalogs}</ul>\n" if catalogs else "")
        + "<table>\n<thead><tr><th>where</th><th>severity</th><th>check</th><th>message</th><th>unit</th><th>source</th><th>translation</th></tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n</body>\n</html>\n"
    )
