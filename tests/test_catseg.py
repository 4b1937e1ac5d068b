"""TUs fit OmegaT's segments: ``align.catseg`` cuts where OmegaT's default SRX rules cut.

The rules are read from the OmegaT jar itself (``defaultRules.srx``), so the test
checks our reading of them, not a copy; it skips where OmegaT is not installed.
"""

from __future__ import annotations

import itertools
import zipfile
from pathlib import Path

import pytest
import regex
from lxml import etree

from align.catseg import cat_break, merge_beads
from align.types import Bead

OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")
RULES_IN_JAR = "org/omegat/core/segmentation/defaultRules.srx"


@pytest.fixture(scope="module")
def chinese_rules() -> list[tuple[bool, str, str]]:
    """(break?, before, after) in the order OmegaT tries them on zh-CN text: the
    Chinese rules, then the Default ones (its language maps cascade ZH.* then .*)."""
    if not OMEGAT_JAR.is_file():
        pytest.skip("OmegaT not installed (apt-get install omegat)")
    with zipfile.ZipFile(OMEGAT_JAR) as jar:
        root = etree.fromstring(jar.read(RULES_IN_JAR))
    rules = {}
    for languagerule in root.iter("{*}languagerule"):
        rules[languagerule.get("languagerulename")] = [
            (rule.get("break", "yes") == "yes", rule.findtext("{*}beforebreak") or "",
             rule.findtext("{*}afterbreak") or "")
            for rule in languagerule.iter("{*}rule")
        ]
    return rules["Chinese"] + rules["Default"]


def srx_cuts(rules: list[tuple[bool, str, str]], text: str, at: int) -> bool:
    """Whether SRX ``rules`` cut ``text`` at ``at``: the first rule whose before-pattern
    ends there and whose after-pattern starts there decides (Java regex syntax)."""
    for cut, before, after in rules:
        if regex.search(f"(?:{before})\\Z", text[:at]) and regex.match(after, text[at:]):
            return cut
    return False


ENDINGS = ["他说。", "“是的。”", "真的？", "走！", "不是吧……", "等等——", "价格是3.", "中文.", "是吗?",
           "Really?", "好，", "（见上文。）"]
OPENINGS = ["他说。", "”他说。", "？", "！", "——", "（注）", "Then", "then", "“走吧。”"]


def test_cat_break_cuts_where_omegat_cuts_chinese(chinese_rules):
    disagreements = [
        (before, spacing, after)
        for before, spacing, after in itertools.product(ENDINGS, ["", " "], OPENINGS)
        if cat_break(before, spacing, after, "zh")
        != srx_cuts(chinese_rules, before + spacing + after, len(before))
    ]
    assert not disagreements


def test_dialogue_beads_merge_into_the_segment_omegat_sees():
    texts = ["“是的。”", "汪淼说。", "他走了。"]  # OmegaT: “是的。”汪淼说。 | 他走了。
    beads = [Bead((0,), (0,), 0.9), Bead((), (1,), 0.0), Bead((1,), (2,), 0.7),
             Bead((2,), (3,), 0.8)]
    merged = merge_beads(beads, texts, [0, 0, 0], ["", "", ""], "zh")
    assert merged == [Bead((0, 1), (0, 1, 2), 0.7), Bead((2,), (3,), 0.8)]
