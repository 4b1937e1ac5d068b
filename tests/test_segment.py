"""Tests for align.segment: one case per rule, join-back, robustness, real data."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from align.segment import split_sentences

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


# --- Chinese ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "美国入境和海关执法局的数据库覆盖2.18亿用户。此外，该局还有3.5%的记录。",
            ["美国入境和海关执法局的数据库覆盖2.18亿用户。", "此外，该局还有3.5%的记录。"],
        ),
        ("他说：“我们来了。”然后走了。", ["他说：“我们来了。”", "然后走了。"]),
        (
            "真的吗？！我不信。。。你走吧……”他说。",
            ["真的吗？！", "我不信。。。", "你走吧……”", "他说。"],
        ),
        ("她问：「为什么？」我答：『不知道！』", ["她问：「为什么？」", "我答：『不知道！』"]),
        ("书名是《大海。》（完。）下一句。", ["书名是《大海。》", "（完。）", "下一句。"]),
        ("他说：“好吧。 ”随后离开。", ["他说：“好吧。 ”", "随后离开。"]),
        (
            '他说："我们来了。"然后走了。"好吗？"她问。',
            ['他说："我们来了。"', "然后走了。", '"好吗？"', "她问。"],
        ),
        ("你好!我们走吧?好的。", ["你好!", "我们走吧?", "好的。"]),
        ("他在Yahoo!工作。", ["他在Yahoo!工作。"]),
        ("售价２．１８亿元。", ["售价２．１８亿元。"]),
        ("价格是1.5倍。 第二句。", ["价格是1.5倍。", "第二句。"]),
        # Measured: ；and a mid-sentence …… are not boundaries in the gold data.
        ("闪烁着；远处的星也闪烁着。", ["闪烁着；远处的星也闪烁着。"]),
        ("“我…… 我不知道。”", ["“我…… 我不知道。”"]),
        # An ellipsis before a quote, and two quotes in a row, do end one.
        ("苍蝇……“小娘子！”", ["苍蝇……", "“小娘子！”"]),
        ("“咚——咚——”“猛捅——”轿前有人说。", ["“咚——咚——”", "“猛捅——”轿前有人说。"]),
        # No cut before a comma or colon that continues the sentence.
        ("“走吧！”，他说。", ["“走吧！”，他说。"]),
    ],
)
def test_chinese_rules(text: str, expected: list[str]) -> None:
    assert split_sentences(text, "zh") == expected


def test_chinese_language_tags() -> None:
    assert split_sentences("你好。再见。", "zh-Hans") == ["你好。", "再见。"]


# --- English ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. and Mr. Smith met No. 5 at 3.5 p.m. today. Then they left.",
            ["The U.S. and Mr. Smith met No. 5 at 3.5 p.m. today.", "Then they left."],
        ),
        (
            "Mrs. Lee, Dr. Wu and St. John's Gen. Ray, Sen. Poe and Rep. Kim came. Done.",
            ["Mrs. Lee, Dr. Wu and St. John's Gen. Ray, Sen. Poe and Rep. Kim came.", "Done."],
        ),
        (
            "The U.N. Security Council met. He lives in the U.S. He likes it.",
            ["The U.N. Security Council met.", "He lives in the U.S.", "He likes it."],
        ),
        (
            "Use tools, e.g. Hammers, i.e. Heavy ones, etc. and more. Fine.",
            ["Use tools, e.g. Hammers, i.e. Heavy ones, etc. and more.", "Fine."],
        ),
        (
            "Bring fruit, nuts, etc. The rest is here.",
            ["Bring fruit, nuts, etc.", "The rest is here."],
        ),
        (
            "It was Jan. 5 or Feb. 7 at Acme Inc. Ltd. Co. Then rain.",
            ["It was Jan. 5 or Feb. 7 at Acme Inc. Ltd. Co.", "Then rain."],
        ),
        ("Pi is 3.14 exactly. Yes.", ["Pi is 3.14 exactly.", "Yes."]),
        (
            "J. R. R. Tolkien wrote it. Michelle B. Obama read it.",
            ["J. R. R. Tolkien wrote it.", "Michelle B. Obama read it."],
        ),
        ("I met Michelle B. She was kind.", ["I met Michelle B.", "She was kind."]),
        (
            "He paused... Then he spoke. Wait . . . what?",
            ["He paused...", "Then he spoke.", "Wait . . . what?"],
        ),
        (
            '"It is over," he said. "We go." Then silence.',
            ['"It is over," he said.', '"We go."', "Then silence."],
        ),
        (
            "'I'm done.' She left. 'Why?' he asked.",
            ["'I'm done.'", "She left.", "'Why?' he asked."],
        ),
        (
            "“We won!” They cheered. Really?! Yes!!",
            ["“We won!”", "They cheered.", "Really?!", "Yes!!"],
        ),
        (
            "(He left.) She stayed (quietly). Done.",
            ["(He left.)", "She stayed (quietly).", "Done."],
        ),
        ("'But I—' 'You what?' he snapped.", ["'But I—'", "'You what?' he snapped."]),
        ("See www.example.com today.Next is glued.", ["See www.example.com today.Next is glued."]),
    ],
)
def test_english_rules(text: str, expected: list[str]) -> None:
    assert split_sentences(text, "en") == expected


# --- Other Latin-script languages ------------------------------------------


def test_german_abbreviations_and_ordinals() -> None:
    text = "Am 3. Mai kam er z. B. mit Dr. Meier an. Es kostet ca. 5 Fr. pro Tag. Gut."
    assert split_sentences(text, "de") == [
        "Am 3. Mai kam er z. B. mit Dr. Meier an.",
        "Es kostet ca. 5 Fr. pro Tag.",
        "Gut.",
    ]


def test_french_guillemets_and_spaced_punctuation() -> None:
    text = "M. Dupont a dit : « Bonjour. » Puis il est parti. Quoi ? Oui !"
    assert split_sentences(text, "fr") == [
        "M. Dupont a dit : « Bonjour. »",
        "Puis il est parti.",
        "Quoi ?",
        "Oui !",
    ]


def test_tokenised_text_splits_on_detached_period() -> None:
    text = "Die Wand ( 600 m ) ist hoch . Wir steigen ab ."
    assert split_sentences(text, "de") == ["Die Wand ( 600 m ) ist hoch .", "Wir steigen ab ."]


def test_unknown_language_uses_generic_rules() -> None:
    assert split_sentences("Hola, Sr. Mr. Pérez. ¿Qué tal? Bien.", "es") == [
        "Hola, Sr. Mr. Pérez.",
        "¿Qué tal?",
        "Bien.",
    ]


# --- Properties ------------------------------------------------------------

_ZH_PIECES = [
    "我们",
    "2.18亿",
    "3.5%",
    "“",
    "”",
    "。",
    "！",
    "？",
    "……",
    "，",
    "；",
    "（",
    "）",
    "!",
    "?",
    "A.",
    " ",
]
_EN_PIECES = [
    "word",
    "U.S.",
    "Mr.",
    "3.14",
    '"',
    "'",
    ".",
    "!",
    "?",
    "...",
    ",",
    "(",
    ")",
    "The",
    "e.g.",
]


def _random_text(rng: random.Random, pieces: list[str], sep: str) -> str:
    return sep.join(rng.choice(pieces) for _ in range(rng.randrange(1, 40)))


def test_chinese_join_back_loses_only_boundary_whitespace() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        text = _random_text(rng, _ZH_PIECES, "")
        parts = split_sentences(text, "zh")
        assert all(p and p == p.strip() for p in parts)
        pos = 0
        for part in parts:
            found = text.find(part, pos)
            assert found >= 0 and not text[pos:found].strip(), (text, parts)
            pos = found + len(part)
        assert not text[pos:].strip()
        if " " not in text:
            assert "".join(parts) == text


def test_english_join_back_is_whitespace_normalised_paragraph() -> None:
    rng = random.Random(11)
    for _ in range(2000):
        text = _random_text(rng, _EN_PIECES, " ")
        parts = split_sentences(text, "en")
        assert all(p and p == p.strip() for p in parts)
        assert " ".join(parts) == " ".join(text.split()), (text, parts)


def test_never_raises_on_arbitrary_unicode() -> None:
    rng = random.Random(3)
    alphabet = list("。！？!?.…“”\"' \t\x00\x1b\u3000\u00a0\u200b😀") + [
        chr(rng.randrange(0x20, 0x3FFFF)) for _ in range(200)
    ]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 80)))
        for lang in ("zh", "en", "de", "fr", "xx", ""):
            parts = split_sentences(text, lang)
            assert all(p and p == p.strip() for p in parts)


def test_long_run_without_boundary_is_kept_whole() -> None:
    word = "字" * 5000
    assert split_sentences(word, "zh") == [word]
    words = " ".join(["lorem"] * 2000)
    assert split_sentences(words, "en") == [words]


@pytest.mark.parametrize("lang", ["zh", "en", "fr"])
def test_pathological_input_is_fast(lang: str) -> None:
    import time

    start = time.perf_counter()
    for text in (". " * 100_000, "." * 200_000 + "x", "。”" * 100_000, "a" * 1_000_000):
        split_sentences(text, lang)
    assert time.perf_counter() - start < 10


# --- Real data -------------------------------------------------------------


def _boundary_f1(gold: list[str], pred: list[str]) -> float:
    """F1 of sentence starts, counted in non-space characters."""

    def starts(sents: list[str]) -> set[int]:
        out, pos = set(), 0
        for s in sents[:-1]:
            pos += sum(not c.isspace() for c in s)
            out.add(pos)
        return out

    g, p = starts(gold), starts(pred)
    tp = len(g & p)
    return 2 * tp / (len(g) + len(p)) if g or p else 1.0


# Measured on chapter 001: 0.997 for both (bench/segmentation.py), minus margin.
@pytest.mark.parametrize(("lang", "sep", "floor"), [("zh", "", 0.98), ("en", " ", 0.98)])
def test_mac_dev_chapter_one_boundary_f1(lang: str, sep: str, floor: float) -> None:
    path = DATA / "mac-dev-zh-en" / lang / "001"
    if not path.is_file():
        pytest.skip(f"gold data not found at {path}")
    gold = [s for s in (line.strip() for line in path.open(encoding="utf-8")) if s]
    pred = split_sentences(sep.join(gold), lang)
    assert _boundary_f1(gold, pred) >= floor
