"""Score a translation check against the labelled corpus.

    .venv/bin/python tests/qa_corpus/score.py          # today's checks, Markdown table on stdout
    .venv/bin/python tests/qa_corpus/score.py --json   # the same figures as JSON

A *check* is a function ``check(pair) -> set[str]``: the finding codes for one pair (a good
pair or a planted error). :func:`score` runs it over

* every good pair: a good pair is a **false positive** when the check reports a code among
  the categories the pair counts for (all five; numbers, markup and meaning for third-party
  pairs), counted per 100 good pairs, per direction and overall;
* every planted error (hand-planted + mutations): it is **caught** when the check reports
  the planted error's category; recall is per category.

:func:`colloquy_check` is the adapter for today's ``colloquy.qa.check_entry``.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CATEGORIES = ("numbers", "markup", "terminology", "typography", "meaning")
DIRECTIONS = ("en>zh_CN", "zh_CN>en")

Check = Callable[[dict], set[str]]


def _mutations() -> ModuleType:
    if __package__:
        return importlib.import_module(f"{__package__}.mutations")
    if str(HERE.parent) not in sys.path:  # run as a script
        sys.path.insert(0, str(HERE.parent))
    return importlib.import_module("qa_corpus.mutations")


def _read(name: str) -> list[dict]:
    text = (HERE / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def load_good() -> list[dict]:
    """The known-good pairs (good.jsonl), in file order."""
    return _read("good.jsonl")


def load_hand() -> list[dict]:
    """The hand-planted errors (planted_hand.jsonl), in file order."""
    return _read("planted_hand.jsonl")


def load_mutations(good: list[dict] | None = None) -> list[dict]:
    """The errors the mutation rules plant in the good pairs (deterministic)."""
    return _mutations().generate(load_good() if good is None else good)


def load_planted() -> list[dict]:
    """Every planted error: the hand-planted ones, then the mutations."""
    return load_hand() + load_mutations()


def direction(pair: dict) -> str:
    return f"{pair['source_locale']}>{pair['target_locale']}"


def pair_categories(pair: dict) -> tuple[str, ...]:
    """The categories a good pair counts for."""
    return tuple(pair.get("categories") or CATEGORIES)


def units(pair: dict) -> list[tuple[str, str]]:
    """The (source, translation) units a check sees for a pair. A plural entry gives one per
    msgstr[n]: msgstr[0] against the msgid and the others against msgid_plural; where the
    target language has one form only (Chinese: nplurals=1), that form serves every count and
    is read against msgid_plural (the general form: '%(count)s hours ago', not 'an hour ago')."""
    targets = pair.get("targets")
    if not targets:
        return [(pair["source"], pair["target"])]
    forms = [pair["source"], *pair.get("plural", [])]
    if len(targets) == 1:
        return [(forms[-1], targets[0])]
    return [(forms[min(i, len(forms) - 1)], t) for i, t in enumerate(targets)]


def colloquy_check(glossary_path: Path | None = None) -> Check:
    """Today's checks: ``colloquy.qa.check_entry`` on every unit of the pair with the project's
    glossary, plus ``check_placeholders`` for interface strings (``domain: ui``)."""
    from colloquy.diagnostics import Report
    from colloquy.qa import check_entry
    from colloquy.qa.markup import check_placeholders
    from colloquy.qa.terminology import load_glossary

    glossary = load_glossary(glossary_path or REPO / "glossary" / "terminology.csv", ("en", "zh_CN"), Report())

    def check(pair: dict) -> set[str]:
        codes: set[str] = set()
        for source, target in units(pair):
            found = check_entry(source, target, pair["source_locale"], pair["target_locale"], glossary)
            if pair.get("domain") == "ui":
                found += check_placeholders(source, target)
            codes |= {f.code for f in found}
        return codes

    return check


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def score(check: Check | None = None, good: list[dict] | None = None, planted: list[dict] | None = None) -> dict:
    """Recall per category and false positives per 100 good pairs (per direction and overall)."""
    check = check or colloquy_check()
    good = load_good() if good is None else good
    if planted is None:
        planted = load_hand() + load_mutations(good)

    fp: dict[str, Counter[str]] = {d: Counter() for d in (*DIRECTIONS, "all")}
    fp_codes: Counter[str] = Counter()
    fp_ids: list[dict] = []
    for pair in good:
        codes = check(pair) & set(pair_categories(pair))
        for d in (direction(pair), "all"):
            fp[d]["pairs"] += 1
            fp[d]["flagged"] += bool(codes)
        fp_codes.update(codes)
        if codes:
            fp_ids.append({"id": pair["id"], "codes": sorted(codes)})

    caught: dict[str, Counter[str]] = {c: Counter() for c in CATEGORIES}
    by_rule: dict[str, Counter[str]] = {}
    missed: list[str] = []
    for err in planted:
        cat = err["category"]
        hit = cat in check(err)
        kind = "hand" if "rule" not in err else "mutation"
        for key in ("planted", f"{kind}_planted", f"{direction(err)}_planted"):
            caught[cat][key] += 1
        for key in ("caught", f"{kind}_caught", f"{direction(err)}_caught"):
            caught[cat][key] += hit
        if "rule" in err:
            rule = by_rule.setdefault(err["rule"], Counter(category=0))
            rule["planted"] += 1
            rule["caught"] += hit
        if not hit:
            missed.append(err["id"])

    rules = _mutations().RULES
    return {
        "recall": {
            c: {
                "planted": caught[c]["planted"],
                "caught": caught[c]["caught"],
                "recall": _rate(caught[c]["caught"], caught[c]["planted"]),
                "hand": f"{caught[c]['hand_caught']}/{caught[c]['hand_planted']}",
                "mutations": f"{caught[c]['mutation_caught']}/{caught[c]['mutation_planted']}",
                **{d: f"{caught[c][f'{d}_caught']}/{caught[c][f'{d}_planted']}" for d in DIRECTIONS},
            }
            for c in CATEGORIES
        },
        "false_positives": {
            d: {"good": fp[d]["pairs"], "flagged": fp[d]["flagged"], "per_100": _rate(fp[d]["flagged"], fp[d]["pairs"])} for d in fp
        },
        "false_positive_codes": dict(sorted(fp_codes.items())),
        "false_positive_pairs": fp_ids,
        "rules": {
            r.name: {
                "category": r.category,
                "planted": by_rule.get(r.name, Counter())["planted"],
                "caught": by_rule.get(r.name, Counter())["caught"],
                "recall": _rate(by_rule.get(r.name, Counter())["caught"], by_rule.get(r.name, Counter())["planted"]),
            }
            for r in rules
        },
        "missed": missed,
    }


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.1f} %"


def report_table(result: dict | None = None) -> str:
    """The scores as Markdown tables."""
    result = result or score()
    lines = [
        "| category | planted | caught | recall | hand-planted caught | mutations caught | en → zh_CN caught | zh_CN → en caught |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for c, r in result["recall"].items():
        lines.append(
            f"| {c} | {r['planted']} | {r['caught']} | {_pct(r['recall'])} | {r['hand']} | {r['mutations']} | {r['en>zh_CN']} | {r['zh_CN>en']} |"
        )
    lines += [
        "",
        "| good pairs | pairs | with a finding | false positives per 100 good pairs |",
        "|---|---:|---:|---:|",
    ]
    for d, r in result["false_positives"].items():
        name = {"all": "overall"}.get(d, d.replace(">", " → "))
        lines.append(f"| {name} | {r['good']} | {r['flagged']} | {r['per_100'] if r['per_100'] is not None else '—'} |")
    codes = ", ".join(f"{k} {v}" for k, v in result["false_positive_codes"].items()) or "none"
    lines += ["", f"False positives by check (good pairs flagged by each code): {codes}.", ""]
    lines += ["| mutation rule | category | planted | caught | recall |", "|---|---|---:|---:|---:|"]
    for name, r in result["rules"].items():
        lines.append(f"| {name} | {r['category']} | {r['planted']} | {r['caught']} | {_pct(r['recall'])} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    result = score()
    if "--json" in argv:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(report_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
