"""The web and WeChat editions' test project: the real project copied with the shapes of
tests/shapes/, a site address, and a two-part roundtable of this module that has every shape the
web and WeChat editions render together — a
video with its poster first, a summary and an editor's note, a lead with a link, a passage for
the Chinese editions only, host and guest profiles at the top (portraits beside two of them),
numbered questions with a sub-heading, a list, a quotation, an unlabelled answer, a figure, the
lead image in the front matter, an event known by its month, a series of two. Its zh_CN
catalogs are made by ``colloquy update`` and translated from :data:`ZH`.

Built once per session, in this process, with ``--format html --format wechat`` (no PDF: the
print tests build those), by :func:`build_site` — the ``site_project`` fixture of
tests/conftest.py, shared by tests/test_site.py, tests/test_wechat.py and tests/clients.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from catalog_support import colloquy
from shapes_support import SHAPE_SLUGS

#: the test project's site address (a made-up name under a real top-level domain: no placeholder)
SITE = "https://oncology-frontier.net/interviews/"
SEED = "csco-2025-ma-jun"
PART1 = "icml-2025-roundtable-part-1"
PART2 = "icml-2025-roundtable-part-2"
VIDEO = "https://v.qq.com/x/page/icml2025rt1.html"
ICML = "https://www.icml.ch"
TRIALS = "https://clinicaltrials.gov"
#: every article of the test project: the seed, the shapes of tests/shapes/, the roundtable
SLUGS = (SEED, *SHAPE_SLUGS, PART1, PART2)


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A PNG of one colour (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + bytes(rgb) * width
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b"")


FRONT = """\
---
slug: {slug}
locale: en
date: {date}
outlet: Oncology Frontier
column: Hematology Frontier
title: "ICML 2025 | Roundtable: Bispecific Antibodies in Lymphoma ({part})"
subtitle: Three experts on what changed in second-line treatment
{image}event:
  name: International Conference on Malignant Lymphoma (ICML)
  city: Lugano
  date: "2025-06"
speakers:
  HOST:
    name: Zhu Jun
    honorific: Prof.
    role: host
  MJ:
    name: Ma Jun
    honorific: Prof.
    role: guest
  MG:
    name: Michael Gnant
    honorific: Prof.
    role: guest
    name_order: given-first
series:
  - {part1}
  - {part2}
tags:
  - ICML 2025
  - lymphoma
---
"""

BODY1 = f"""
::: video {VIDEO}
![The roundtable in Lugano](poster.png "The roundtable, recorded in Lugano")
:::

::: summary
Bispecific antibodies have moved into second-line treatment.
:::

::: editors-note
This roundtable was recorded on the last day of the conference.
:::

The conference's program is on [the ICML site]({ICML}). Three experts discussed it.

::: only zh_CN
本文为中文版独有的导读。
:::

::: profile HOST
![Portrait of Prof. Zhu Jun](zhu.png)

- Director, Department of Lymphoma, Peking University Cancer Hospital
:::

::: profile MJ
![Portrait of Prof. Ma Jun](ma.png)

- Director, Harbin Institute of Hematology & Oncology
:::

::: profile MG
- Professor of Surgery, Medical University of Vienna
:::

## Bispecific antibodies in second line

@HOST: What changed this year?

@MJ: Two trials changed practice:

1. the first trial;
2. the second trial.

> Survival improved in both.

### Safety

@HOST: And safety?

@: Cytokine release syndrome was mostly mild.

@MG: We agree, and the data are on [ClinicalTrials.gov]({TRIALS}).

![Survival curves](chart.png "Figure 1. Overall survival")
"""

BODY2 = """
The second part of the roundtable.

## What comes next

@HOST: What comes next?

@MJ: Earlier lines of treatment.
"""

#: the Chinese translation of every unit of the two parts
ZH = {
    "ICML 2025 | Roundtable: Bispecific Antibodies in Lymphoma (Part 1)": "ICML 2025丨圆桌会议：双特异性抗体与淋巴瘤（上篇）",
    "ICML 2025 | Roundtable: Bispecific Antibodies in Lymphoma (Part 2)": "ICML 2025丨圆桌会议：双特异性抗体与淋巴瘤（下篇）",
    "Three experts on what changed in second-line treatment": "三位专家谈二线治疗的变化",
    "Oncology Frontier": "《肿瘤瞭望》",
    "Hematology Frontier": "血液瞭望",
    "International Conference on Malignant Lymphoma (ICML)": "国际恶性淋巴瘤会议（ICML）",
    "Lugano": "卢加诺",
    "ICML 2025": "ICML 2025",
    "lymphoma": "淋巴瘤",
    "Zhu Jun": "朱军",
    "Ma Jun": "马军",
    "Michael Gnant": "Michael Gnant",
    "Prof.": "教授",
    "The roundtable in Lugano": "卢加诺圆桌会议现场",
    "The roundtable, recorded in Lugano": "圆桌会议录制于卢加诺",
    "Bispecific antibodies have moved into second-line treatment.": "双特异性抗体已进入二线治疗。",
    "This roundtable was recorded on the last day of the conference.": "本次圆桌会议录制于会议最后一天。",
    f"The conference's program is on [the ICML site]({ICML}). Three experts discussed it.": f"会议日程见[ICML官网]({ICML})。三位专家对此进行了讨论。",
    "Portrait of Prof. Zhu Jun": "朱军教授照片",
    "Portrait of Prof. Ma Jun": "马军教授照片",
    "Director, Department of Lymphoma, Peking University Cancer Hospital": "北京大学肿瘤医院淋巴瘤科主任",
    "Director, Harbin Institute of Hematology & Oncology": "哈尔滨血液病肿瘤研究所所长",
    "Professor of Surgery, Medical University of Vienna": "维也纳医科大学外科教授",
    "Bispecific antibodies in second line": "二线治疗中的双特异性抗体",
    "What changed this year?": "今年有哪些变化？",
    "Two trials changed practice:": "两项试验改变了临床实践：",
    "the first trial;": "第一项试验；",
    "the second trial.": "第二项试验。",
    "Survival improved in both.": "两项试验的生存均有改善。",
    "Safety": "安全性",
    "And safety?": "安全性如何？",
    "Cytokine release syndrome was mostly mild.": "细胞因子释放综合征多为轻度。",
    f"We agree, and the data are on [ClinicalTrials.gov]({TRIALS}).": f"我们同意，数据见[ClinicalTrials.gov]({TRIALS})。",
    "Survival curves": "生存曲线",
    "Figure 1. Overall survival": "图1. 总生存",
    "The second part of the roundtable.": "圆桌会议的下篇。",
    "What comes next": "下一步",
    "What comes next?": "下一步是什么？",
    "Earlier lines of treatment.": "更早线的治疗。",
}

#: the images of part 1, each its own colour (their bytes differ)
IMAGES = {"cover.png": (155, 27, 48), "poster.png": (40, 40, 60), "zhu.png": (200, 180, 160), "ma.png": (180, 160, 140), "chart.png": (30, 90, 160)}


def write_shapes(root: Path) -> None:
    """The two parts of the roundtable, their images and their translated zh_CN catalogs."""
    import polib

    for slug, body, part, date, image in ((PART1, BODY1, "Part 1", "2025-07-02", "image: cover.png\n"), (PART2, BODY2, "Part 2", "2025-07-03", "")):
        folder = root / "articles" / slug
        folder.mkdir(parents=True)
        front = FRONT.format(slug=slug, date=date, part=part, image=image, part1=PART1, part2=PART2)
        (folder / "article.md").write_text(front + body, encoding="utf-8")
    for name, colour in IMAGES.items():
        (root / "articles" / PART1 / name).write_bytes(png(48, 32, colour))
    colloquy(root, "update", PART1, PART2)
    for slug in (PART1, PART2):
        path = root / "locales/zh_CN/LC_MESSAGES" / f"{slug}.po"
        catalog = polib.pofile(str(path))
        missing = [e.msgid for e in catalog if e.msgid not in ZH]
        assert not missing, f"the fixture has no translation of {missing}"
        for entry in catalog:
            entry.msgstr = ZH[entry.msgid]
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
        catalog.save()


def set_site_url(root: Path, url: str | None) -> None:
    config = root / "pyproject.toml"
    text = config.read_text(encoding="utf-8")
    lines = [line for line in text.split("\n") if not line.startswith("site_url")]
    text = "\n".join(lines)
    if url is not None:
        text = text.replace("[tool.colloquy]\n", f'[tool.colloquy]\nsite_url = "{url}"\n', 1)
    config.write_text(text, encoding="utf-8")


def build_site(root: Path) -> Path:
    """The project, with the site address, the roundtable of this module and the shapes of
    tests/shapes/ (a roundtable with grouped profiles, a Chinese-source article, a series with a
    video), built."""
    from shapes_support import shapes_project

    shapes_project(root)
    set_site_url(root, SITE)
    write_shapes(root)
    run = colloquy(root, "build", "--format", "html", "--format", "wechat")
    assert " error:" not in run.output and "warning" not in run.output, run.output
    return root
