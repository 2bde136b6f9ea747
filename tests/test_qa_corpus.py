"""The labelled translation-QA corpus (tests/qa_corpus) is well-formed: counts, ids, the
examples the issue lists, deterministic mutations, and a scorer that scores. The checks'
recall and false positives are *reported* by tests/qa_corpus/score.py, not asserted here."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from qa_corpus import mutations, score

CATEGORIES = score.CATEGORIES
ORIGINS = re.compile(r"^(seed|house|external:[a-z0-9_.-]+)$")


@pytest.fixture(scope="module")
def good() -> list[dict]:
    return score.load_good()


@pytest.fixture(scope="module")
def good_by_id(good: list[dict]) -> dict[str, dict]:
    return {p["id"]: p for p in good}


@pytest.fixture(scope="module")
def hand() -> list[dict]:
    return score.load_hand()


@pytest.fixture(scope="module")
def mutated(good: list[dict]) -> list[dict]:
    return mutations.generate(good)


# ------------------------------------------------------------------ counts and shape


def test_good_pairs_count_and_directions(good: list[dict]) -> None:
    directions = Counter(score.direction(p) for p in good)
    assert len(good) >= 300
    assert directions["zh_CN>en"] >= 80
    assert set(directions) == {"en>zh_CN", "zh_CN>en"}
    assert sum(p["origin"] == "seed" for p in good) == 52


def test_good_pairs_are_well_formed(good: list[dict]) -> None:
    for p in good:
        assert {"id", "source_locale", "target_locale", "source", "target", "origin"} <= p.keys(), p
        assert {p["source_locale"], p["target_locale"]} == {"en", "zh_CN"}, p["id"]
        assert ORIGINS.match(p["origin"]), p["id"]
        assert p["source"].strip() and p["target"].strip(), p["id"]
        if p["origin"].startswith("external:"):
            assert p["categories"] == ["numbers", "markup", "meaning"], p["id"]
            assert "licen" in p["note"].lower() or "public domain" in p["note"] or "BSD" in p["note"], p["id"]
        else:
            assert "categories" not in p, p["id"]
        if "targets" in p:
            assert p["plural"] and p["targets"][0] == p["target"], p["id"]


def test_ids_are_unique(good: list[dict], hand: list[dict], mutated: list[dict]) -> None:
    ids = [p["id"] for p in good + hand + mutated]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]


def test_hand_planted_errors(hand: list[dict], good_by_id: dict[str, dict]) -> None:
    per_category = Counter(e["category"] for e in hand)
    assert set(per_category) == set(CATEGORIES)
    assert min(per_category.values()) >= 10, per_category
    for e in hand:
        base = good_by_id[e["base"]]
        assert e["what"].strip(), e["id"]
        assert (e["source_locale"], e["target_locale"], e["source"]) == (base["source_locale"], base["target_locale"], base["source"])
        assert e["target"] != base["target"], e["id"]
        assert e["category"] in score.pair_categories(base), e["id"]


def test_mutation_rules_per_category() -> None:
    per_category = Counter(r.category for r in mutations.RULES)
    assert set(per_category) == set(CATEGORIES)
    assert min(per_category.values()) >= 3, per_category
    assert len({r.name for r in mutations.RULES}) == len(mutations.RULES)
    for r in mutations.RULES:
        assert r.directions and set(r.directions) <= {"en>zh_CN", "zh_CN>en"}, r.name
        if r.category == "typography":
            assert r.directions == ("en>zh_CN",), r.name


def test_every_rule_plants_something(mutated: list[dict]) -> None:
    fired = Counter(m["rule"] for m in mutated)
    assert all(fired[r.name] > 0 for r in mutations.RULES), fired
    assert set(Counter(m["category"] for m in mutated)) == set(CATEGORIES)


def test_mutations_are_deterministic_and_differ(good: list[dict], good_by_id: dict[str, dict], mutated: list[dict]) -> None:
    assert mutations.generate(good) == mutated
    rules = {r.name: r for r in mutations.RULES}
    for m in mutated:
        base = good_by_id[m["base"]]
        assert m["target"] != base["target"], m["id"]
        assert m["source"] == base["source"], m["id"]
        assert m["category"] == rules[m["rule"]].category
        assert m["category"] in score.pair_categories(base), m["id"]  # third-party pairs: no typography, no terminology
        assert score.direction(m) in rules[m["rule"]].directions
        if "targets" in m:
            assert m["targets"][0] == m["target"] and m["targets"][1:] == base["targets"][1:]


# ------------------------------------------------------------------ the examples


def _good_with(good: list[dict], source: str, target: str, direction: str | None = None) -> list[dict]:
    return [p for p in good if source in p["source"] and target in p["target"] and (direction is None or score.direction(p) == direction)]


GOOD_EXAMPLES = [
    # (in the source, in the target, direction or None) — the false positives of today, and the house style
    ("second only to", "位居第二", "en>zh_CN"),
    ("first batch", "第一批", "en>zh_CN"),
    ("Over ten years", "十余年", "en>zh_CN"),
    ("ten to twelve years", "十至十二年", "en>zh_CN"),
    ("two decades", "二十余年", "en>zh_CN"),
    ("Two decades", "廿载", "en>zh_CN"),
    ("Decades ago", "几十年前", "en>zh_CN"),
    ("(Part 1)", "（上）", "en>zh_CN"),
    ("（上）", "(Part 1)", "zh_CN>en"),
    ("位居第二", "second only to", "zh_CN>en"),
    ("十余年", "over ten years", "zh_CN>en"),
    ("廿载", "Two decades", "zh_CN>en"),
    ("%1$s", "%1$s", None),
    ("CSCO Annual Meeting", "CSCO学术年会", "en>zh_CN"),
    ("CSCO Annual Meeting", "CSCO年会", "en>zh_CN"),
    ("Best of CSCO (BOC)", "中国临床肿瘤学会年度进展研讨会（BOC）", "en>zh_CN"),
    ("中国临床肿瘤学会年度进展研讨会（BOC）", "Best of CSCO (BOC)", "zh_CN>en"),
    ("aploidentical hematopoietic stem cell transplantation", "单倍型造血干细胞移植", "en>zh_CN"),
    ("chronic myeloid leukemia", "慢性髓系白血病", "en>zh_CN"),
    ("《肿瘤瞭望》", "Oncology Frontier", "zh_CN>en"),
    ("September 10–14, 2025", "2025年9月10日—14日", "en>zh_CN"),
    ("17–24%", "17%～24%", "en>zh_CN"),
    ("28th", "第二十八届", "en>zh_CN"),
    ("five generations", "五代血液人", "en>zh_CN"),
    ("54 novel drugs", "54种新药", "en>zh_CN"),
    (" — ", "——", "en>zh_CN"),
    ("Prof. Michael Gnant", "Michael Gnant教授", "en>zh_CN"),
    ("马军教授：", "Prof. Ma Jun:", "zh_CN>en"),
    ("**Cell Therapy:**", "**细胞治疗**：", "en>zh_CN"),
    ("*Journal of Leukemia & Lymphoma*", "《白血病·淋巴瘤》", "en>zh_CN"),
]


@pytest.mark.parametrize(("source", "target", "direction"), GOOD_EXAMPLES, ids=[f"{s}→{t}" for s, t, _ in GOOD_EXAMPLES])
def test_good_set_has_the_example(good: list[dict], source: str, target: str, direction: str | None) -> None:
    assert _good_with(good, source, target, direction)


def test_good_set_has_the_other_forms(good: list[dict]) -> None:
    assert any(re.search(r"https?://\S*\d", p["target"]) and p["origin"] in ("seed", "house") for p in good), "digits inside a URL"
    assert any(re.search(r"https?://\S*\bten\b", p["target"]) for p in good), "a number word inside a URL"
    external = [p for p in good if p["origin"].startswith("external:")]
    han = "\u4e00-\u9fff"
    assert any(re.search(rf"[{han}] [A-Za-z%]|[A-Za-z] [{han}]", p["target"]) for p in external), "CJK–Latin spaces (their convention)"
    assert any(re.match(r"\s+-\S*, --\S+\s{2,}\S", p["source"]) for p in external), "aligned --help columns"
    assert any("%(" in p["source"] for p in external) and any(re.search(r"\{\w+\}", p["source"]) for p in external)
    assert any(re.search(r"%\d\$", p["target"]) for p in external), "positional placeholders in a third-party catalog"
    assert any(len(p.get("targets", [])) >= 2 for p in good), "a plural entry with msgstr[0] and msgstr[1]"
    assert any(p.get("targets") and p["origin"] == "house" for p in good), "a plural interface string of the house"
    assert {p["origin"].split(":")[1] for p in external} >= {"django"}


def _planted_from(planted: list[dict], good_by_id: dict[str, dict], category: str, before: str, after: str) -> list[dict]:
    """Planted errors of ``category`` whose target turned ``before`` (in the good pair) into ``after``."""
    out = []
    for e in planted:
        base = good_by_id[e["base"]]["target"]
        if e["category"] != category or before not in base:
            continue
        added = bool(after) and after in e["target"] and after not in base
        removed = not after and e["target"].count(before) < base.count(before)
        if added or removed:
            out.append(e)
    return out


PLANTED_EXAMPLES = [
    # (category, in the good target, in the planted target; "" = removed)
    ("meaning", "约3年", "约3个月"),
    ("meaning", "若在二线使用", "若在一线使用"),
    ("meaning", "后线淋巴瘤", "一线淋巴瘤"),
    ("meaning", "超过40%", "约40%"),
    ("meaning", "10年以上", ""),
    ("meaning", "可实现", "尚无法实现"),
    ("typography", "10～12年", "10-12年"),
    ("typography", "10～12年", "10~12年"),
    ("typography", "40%", "40 %"),
    ("typography", "40%", "４０％"),
    ("typography", "——", ""),
    ("typography", "“", '"'),
    ("typography", "54种新药", "五十四种新药"),
    ("typography", "，", "\u3000"),
    ("terminology", "慢性髓系白血病", "慢性粒细胞白血病"),
    ("terminology", "单倍型造血干细胞移植", "单倍体造血干细胞移植"),
    ("terminology", "CSCO年会", "CSCO大会"),
    ("markup", "](https://", ""),
    ("markup", "part-1/", "part-2/"),
    ("markup", "指南。", "](https://"),
    ("markup", "**细胞治疗**", ""),
    ("markup", "{pages}", ""),
]


@pytest.mark.parametrize(("category", "before", "after"), PLANTED_EXAMPLES, ids=[f"{c}:{b}→{a}" for c, b, a in PLANTED_EXAMPLES])
def test_planted_set_has_the_example(
    hand: list[dict], mutated: list[dict], good_by_id: dict[str, dict], category: str, before: str, after: str
) -> None:
    assert _planted_from(hand + mutated, good_by_id, category, before, after)


def test_the_lone_dash_example_leaves_no_double_dash(hand: list[dict], good_by_id: dict[str, dict]) -> None:
    lone = [e for e in hand if e["category"] == "typography" and "——" in good_by_id[e["base"]]["target"] and "——" not in e["target"]]
    assert lone and all("—" in e["target"] for e in lone)


# ------------------------------------------------------------------ the scorer


def test_scorer_counts_with_a_silent_and_an_oracle_check(good: list[dict], hand: list[dict], mutated: list[dict]) -> None:
    planted = hand + mutated
    silent = score.score(lambda pair: set(), good, planted)
    assert all(r["recall"] == 0 for r in silent["recall"].values())
    assert silent["false_positives"]["all"] == {"good": len(good), "flagged": 0, "per_100": 0.0}

    oracle = score.score(lambda pair: {pair["category"]} if "category" in pair else set(), good, planted)
    assert all(r["recall"] == 100.0 for r in oracle["recall"].values())
    assert sum(r["planted"] for r in oracle["recall"].values()) == len(planted)

    # a good third-party pair is not a false positive for typography (other conventions)
    external = next(p for p in good if p["origin"].startswith("external:"))
    only_typo = score.score(lambda pair: {"typography"} if pair is external else set(), good, [])
    assert only_typo["false_positives"]["all"]["flagged"] == 0
    table = score.report_table(oracle)
    assert "| meaning |" in table and "false positives per 100 good pairs" in table


def test_plural_units_pair_each_form_with_its_msgid() -> None:
    one_form = {"source": "an hour ago", "plural": ["%(count)s hours ago"], "target": "%(count)s小时之前", "targets": ["%(count)s小时之前"]}
    assert score.units(one_form) == [("%(count)s hours ago", "%(count)s小时之前")]
    two_forms = {"source": "%d object", "plural": ["%d objects"], "target": "a", "targets": ["a", "b"]}
    assert score.units(two_forms) == [("%d object", "a"), ("%d objects", "b")]
    assert score.units({"source": "x", "target": "y"}) == [("x", "y")]
