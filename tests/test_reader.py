"""Tests for align.reader and align.language: bytes on disk → Document.

Every test writes its own small file under tmp_path, in the encoding and with
the line ends a translator's file really comes with.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from align.errors import AlignError, TooLargeError
from align.language import detect_language
from align.pipeline import segment
from align.reader import MAX_BYTES, decode, normalise, paragraphs, read_document

ZH_1 = "外交部副部长马朝旭28日接受媒体采访，介绍联合国人权事务高级专员巴切莱特访华情况。"
ZH_2 = "马朝旭说，双方本着相互尊重、开放的精神，进行了广泛、深入、坦诚的交流。"
EN_1 = (
    "Chinese Vice Foreign Minister Ma Zhaoxu on Saturday gave a briefing on the trip "
    "of Michelle Bachelet to China."
)
EN_2 = "The two sides had extensive, in-depth and candid discussions, Ma said."
FR_1 = (
    "Le président de la République a reçu mercredi à l'Élysée les représentants des "
    "syndicats."
)
FR_2 = "Ils ont évoqué la réforme des retraites, déjà très contestée à l'Assemblée."
DE_1 = (
    "Die Bundesregierung hat am Mittwoch einen Gesetzentwurf zur Förderung erneuerbarer "
    "Energien beschlossen."
)
DE_2 = "Die Opposition übte scharfe Kritik an den Plänen des Ministers für Wirtschaft."


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- encodings --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encodings"),
    [
        pytest.param(f"{ZH_1}\n{ZH_2}\n".encode(), {"utf-8"}, id="utf-8"),
        pytest.param(
            codecs.BOM_UTF8 + f"{ZH_1}\n{ZH_2}\n".encode(), {"utf-8-sig"}, id="utf-8-bom"
        ),
        pytest.param(
            codecs.BOM_UTF16_LE + f"{ZH_1}\n{ZH_2}\n".encode("utf-16-le"),
            {"utf-16", "utf-16-le"},
            id="utf-16-le-bom",
        ),
        pytest.param(
            codecs.BOM_UTF16_BE + f"{ZH_1}\n{ZH_2}\n".encode("utf-16-be"),
            {"utf-16", "utf-16-be"},
            id="utf-16-be-bom",
        ),
        pytest.param(f"{ZH_1}\n{ZH_2}\n".encode("gb18030"), {"gb18030"}, id="gb18030"),
        pytest.param(f"{ZH_1}\n{ZH_2}\n".encode("gbk"), {"gb18030", "gbk"}, id="gbk"),
    ],
)
def test_chinese_in_every_supported_encoding_reads_the_same(tmp_path, data, encodings):
    doc = read_document(write(tmp_path, "doc.txt", data))
    assert doc.paragraphs == [ZH_1, ZH_2]
    assert doc.lang == "zh"
    assert doc.encoding in encodings


def test_bom_never_reaches_the_text(tmp_path):
    doc = read_document(write(tmp_path, "doc.txt", codecs.BOM_UTF8 + EN_1.encode()))
    assert doc.paragraphs == [EN_1]
    assert not doc.paragraphs[0].startswith("\ufeff")


def test_utf16_english_with_bom(tmp_path):
    doc = read_document(write(tmp_path, "doc.txt", f"\ufeff{EN_1}\r\n".encode("utf-16-le")))
    assert doc.paragraphs == [EN_1]
    assert doc.lang == "en"


@pytest.mark.parametrize(("first", "second", "lang"), [(FR_1, FR_2, "fr"), (DE_1, DE_2, "de")])
def test_windows_1252_accented_text_is_not_mistaken_for_gb18030(tmp_path, first, second, lang):
    # Most cp1252 byte pairs are also valid GB18030: a wrong guess gives Chinese mojibake.
    doc = read_document(write(tmp_path, "doc.txt", f"{first}\r\n{second}\r\n".encode("cp1252")))
    assert doc.paragraphs == [first, second]
    assert doc.encoding == "cp1252"
    assert doc.lang == lang


def test_utf8_wins_over_legacy_encodings():
    text = "Élysée 爱丽舍宫 — déjà"
    assert decode(text.encode("utf-8")) == (text, "utf-8")


def test_bytes_valid_in_no_supported_encoding_are_refused_with_advice():
    # 0x81 followed by a space is invalid GB18030, and 0x81 is undefined in cp1252.
    with pytest.raises(AlignError, match=r"some\.txt: .*re-save it as UTF-8"):
        decode(b"abc \x81 def \x8d ghi", "some.txt")


def test_utf16_bom_with_truncated_body_is_refused_not_garbled(tmp_path):
    path = write(tmp_path, "cut.txt", codecs.BOM_UTF16_LE + "你好".encode("utf-16-le") + b"\x4f")
    with pytest.raises(AlignError, match="byte-order mark") as info:
        read_document(path)
    assert str(path) in str(info.value)


# --- line ends and normalisation --------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_line_ends_do_not_matter(tmp_path, newline):
    text = newline.join([EN_1, "", EN_2, "", ""])
    doc = read_document(write(tmp_path, "doc.txt", text.encode()))
    assert doc.paragraphs == [EN_1, EN_2]
    assert not any("\r" in p for p in doc.paragraphs)


def test_lines_are_stripped_and_invisible_characters_dropped():
    raw = "\u3000 (Web editor:\tKou\u00a0Jie,\u200b Bianji)\u00ad \x07"
    assert normalise(raw) == "(Web editor:\tKou\u00a0Jie, Bianji)"


def test_spaces_inside_a_line_are_kept_for_cat_tools():
    # OmegaT and other CAT tools match TUs character for character against the
    # file they segment themselves: an ideographic space must stay one.
    assert normalise("2022年05月29日10:12\u3000来源：新华网") == "2022年05月29日10:12\u3000来源：新华网"
    assert normalise("Two  spaces.") == "Two  spaces."


def test_unicode_is_composed_nfc():
    assert normalise("E\u0301le\u0300ve") == "\u00c9l\u00e8ve"


# --- paragraphs -------------------------------------------------------------------


def test_blank_lines_separate_paragraphs():
    text = f"{ZH_1}\n\n\n{ZH_2}\n   \n{ZH_1}"
    assert paragraphs(normalise(text)) == [ZH_1, ZH_2, ZH_1]


def test_single_newlines_separate_paragraphs_when_lines_are_complete():
    # The layout of seed 002: no blank lines at all, one paragraph per line.
    text = f"{EN_1}\n{EN_2}\n{ZH_1}\n{ZH_2}\n短行"
    assert paragraphs(normalise(text)) == [EN_1, EN_2, ZH_1, ZH_2, "短行"]


def test_hard_wrapped_english_block_is_rejoined_with_single_spaces():
    wrapped = (
        "The two sides had extensive, in-depth and candid discussions in\n"
        "the spirit of mutual respect and openness, Ma said, adding that\n"
        "the Chinese side gave the High Commissioner a comprehensive\n"
        "introduction on the path of China's human rights development."
    )
    text = f"{wrapped}\n\nShort heading\n{EN_2}"
    assert paragraphs(normalise(text)) == [
        wrapped.replace("\n", " "),
        "Short heading",
        EN_2,
    ]


def test_hard_wrapped_chinese_block_is_rejoined_without_spaces():
    sentence = (
        "马朝旭说，双方本着相互尊重、开放的精神，进行了广泛、深入、坦诚的交流，中方向高专全面"
        "介绍了中国人权发展的道路、理念和成就。"
    )
    wrapped = sentence[:42] + "\n" + sentence[42:]
    assert "\n" in wrapped and len(wrapped.split("\n")[0]) >= 30
    text = f"{wrapped}\n\n{ZH_1}"
    assert paragraphs(normalise(text)) == [sentence, ZH_1]


def test_document_read_from_disk_rejoins_wrapped_chinese(tmp_path):
    sentence = (
        "他说，在广州，巴切莱特高专考察了体现中国基层民主、脱贫攻坚、"
        "司法保障、环境保护、民生福祉的有关项目。"
    )
    data = (sentence[:31] + "\r\n" + sentence[31:] + "\r\n").encode("gb18030")
    doc = read_document(write(tmp_path, "wrapped.txt", data))
    assert doc.paragraphs == [sentence]


# --- errors -----------------------------------------------------------------------


def test_missing_file(tmp_path):
    path = tmp_path / "nope.txt"
    with pytest.raises(AlignError, match="no such file") as info:
        read_document(path)
    assert str(path) in str(info.value)


def test_folder_instead_of_file(tmp_path):
    with pytest.raises(AlignError, match="folder") as info:
        read_document(tmp_path)
    assert str(tmp_path) in str(info.value)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n\n\t\r\n  \n",
        "\u3000\u00a0\n\u200b\n".encode(),
        codecs.BOM_UTF8,
        codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"),
    ],
    ids=["empty", "whitespace", "unicode-spaces", "bom-only", "utf16-blank"],
)
@pytest.mark.parametrize("presplit", [False, True], ids=["paragraphs", "presplit"])
def test_empty_or_blank_file_is_refused(tmp_path, data, presplit):
    path = write(tmp_path, "blank.txt", data)
    with pytest.raises(AlignError, match="empty") as info:
        read_document(path, presplit=presplit)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06",
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + b"word/document.xml" * 10,
        b"plain start\x00\x00\x00 then NUL bytes",
        bytes(range(1, 9)) * 100,
    ],
    ids=["png", "docx-zip", "nul-bytes", "control-bytes"],
)
def test_binary_file_is_refused(tmp_path, data):
    path = write(tmp_path, "picture.txt", data)
    with pytest.raises(AlignError, match="binary") as info:
        read_document(path)
    assert str(path) in str(info.value)


def test_file_over_max_size_is_refused_with_the_option_to_raise_it(tmp_path):
    path = write(tmp_path, "big.txt", (EN_1 + "\n").encode() * 10)
    with pytest.raises(TooLargeError, match="raise the limit to 1 MB") as info:
        read_document(path, max_bytes=100)
    assert (info.value.setting, info.value.value) == ("max_bytes", 1)
    assert str(path) in str(info.value)
    assert read_document(path, max_bytes=10_000).paragraphs == [EN_1] * 10


def test_default_size_limit_is_checked_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: costs no disk and no read time
        handle.truncate(MAX_BYTES + 2**20)
    with pytest.raises(AlignError, match="limit"):
        read_document(path)


def test_text_without_letters_is_refused(tmp_path):
    path = write(tmp_path, "numbers.txt", b"1234 5678\n-- 42 --\n")
    with pytest.raises(AlignError, match="no letters"):
        read_document(path)


# --- language ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (ZH_1 + ZH_2, "zh"),
        (EN_1 + " " + EN_2, "en"),
        (DE_1 + " " + DE_2, "de"),
        (FR_1 + " " + FR_2, "fr"),
        # Latin names inside Chinese running text must not turn it into English.
        ("联合国人权事务高级专员米歇尔·巴切莱特（Michelle Bachelet）于5月23日至28日访问中国。", "zh"),
        ("Ma said the visit of the UN High Commissioner 巴切莱特 was a success for both sides.", "en"),
    ],
)
def test_language_detection_on_realistic_sentences(text, lang):
    assert detect_language(text) == lang


def test_no_letters_means_no_language():
    assert detect_language("2022-05-29 10:12 ... 123") == ""


def test_document_language_is_detected_and_can_be_overridden(tmp_path):
    path = write(tmp_path, "doc.txt", f"{FR_1}\n{FR_2}\n".encode())
    assert read_document(path).lang == "fr"
    assert read_document(path, lang="en").lang == "en"


@pytest.mark.parametrize("name", ["zhdoc", "README", "source.zh", ".hidden", "notes.md"])
def test_any_file_name_works(tmp_path, name):
    doc = read_document(write(tmp_path, name, f"{ZH_1}\n".encode()))
    assert doc.paragraphs == [ZH_1]
    assert doc.lang == "zh"
    assert doc.name == name


# --- presplit ---------------------------------------------------------------------


@pytest.mark.parametrize("ending", ["", "\n"], ids=["no-final-newline", "final-newline"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_presplit_keeps_one_sentence_per_line(tmp_path, newline, ending):
    lines = [
        EN_1,
        "Two sentences. On one line.",  # must not be split
        "a line of more than thirty characters without a stop",  # must not be rejoined
        "with the next one, which would look hard-wrapped otherwise",
        EN_2,
    ]
    path = write(tmp_path, "doc.en", (newline.join(lines) + ending).encode())
    doc = read_document(path, presplit=True)
    assert doc.paragraphs == lines
    sentences = segment(doc, presplit=True)
    assert sentences.texts == lines
    assert sentences.paragraph == list(range(len(lines)))


def test_presplit_keeps_blank_lines_so_gold_indices_stay_valid(tmp_path):
    path = write(tmp_path, "doc.zh", f"{ZH_1}\n\n{ZH_2}\n".encode())
    doc = read_document(path, presplit=True)
    assert len(doc.paragraphs) == 3
    assert doc.paragraphs[0] == ZH_1 and doc.paragraphs[2] == ZH_2


# --- hard wraps (issue 14) ----------------------------------------------------------

DEMO = Path(__file__).resolve().parents[1] / "seeds" / "demo"


def wrap_file(text: str, width: int, keep_blank_lines: bool = True) -> str:
    """``text`` as an editor's hard wrap leaves it: every paragraph cut at ``width``."""
    import textwrap

    lines: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            lines += textwrap.wrap(line, width)
        elif keep_blank_lines:
            lines.append("")
    return "\r\n".join(lines) + "\r\n"


@pytest.mark.parametrize(("name", "width", "encoding"), [
    ("bachelet-visit.en.txt", 70, "utf-8"),
    ("bachelet-visit.en.txt", 80, "utf-8"),
    ("bachelet-visit.zh.txt", 35, "gb18030"),
])
def test_hard_wrapped_demo_gives_the_sentences_of_the_unwrapped_file(tmp_path, name, width, encoding):
    original = read_document(DEMO / name)
    text = (DEMO / name).read_text(encoding="utf-8")
    wrapped = wrap_file(text, width)
    # The defect: a wrapped line that happens to end in a full stop kept its block apart.
    assert any(line.endswith((".", "。")) for line in wrapped.split("\r\n")[:-1]
               if len(line) > width * 0.8 / (2 if encoding == "gb18030" else 1))
    doc = read_document(write(tmp_path, "wrapped.txt", wrapped.encode(encoding)))
    assert doc.paragraphs == original.paragraphs
    assert segment(doc).texts == segment(original).texts


def test_hard_wrapped_english_without_blank_lines_keeps_its_sentences(tmp_path):
    text = (DEMO / "bachelet-visit.en.txt").read_text(encoding="utf-8")
    path = write(tmp_path, "wrapped.txt", wrap_file(text, 70, keep_blank_lines=False).encode())
    assert segment(read_document(path)).texts == segment(read_document(DEMO / "bachelet-visit.en.txt")).texts


def test_wrapped_block_among_long_unwrapped_paragraphs_is_rejoined():
    import textwrap

    long_para = " ".join([EN_1, EN_2, EN_1])  # far wider than any wrap
    block = " ".join([EN_1, EN_2, EN_2, EN_1])
    text = "\n\n".join([long_para, "\n".join(textwrap.wrap(block, 72)), long_para, long_para])
    assert paragraphs(normalise(text)) == [long_para, block, long_para, long_para]


def test_title_over_a_short_line_is_no_wrap():
    # Seed 003: a headline, then the section name on the next line.
    title = "China urges certain countries to stop using human rights to meddle in others' affairs"
    assert paragraphs(normalise(f"{title}\nChina\n\n{EN_1}")) == [title, "China", EN_1]


def test_wrap_inside_a_hyphenated_word_is_rejoined_without_a_space():
    wrapped = (
        "The two sides had extensive, in-depth and candid discussions in the in-\n"
        "depth spirit of mutual respect and openness, Ma said, adding that the\n"
        "Chinese side gave the High Commissioner a comprehensive introduction."
    )
    assert paragraphs(normalise(wrapped)) == [wrapped.replace("in-\n", "in-").replace("\n", " ")]


POEM = """The Road Not Taken

Two roads diverged in a yellow wood,
And sorry I could not travel both
And be one traveler, long I stood
And looked down one as far as I could
To where it bent in the undergrowth;"""

LIST = """Main results of the visit
- It enhanced understanding of the path of human rights development in China.
- It deepened exchanges and cooperation between the two sides on the matter.
- It expanded consensus on multilateral human rights work and governance.
1. The first point of the programme, which all delegations approved today
2. The second point of the programme, which the delegations sent back now"""

MARKDOWN = """# Visit of the High Commissioner to China, May 2022, a summary of the talks

The two sides had extensive, in-depth and candid discussions in the spirit
of mutual respect and openness, Ma said, adding that the Chinese side gave

* the High Commissioner a comprehensive introduction to the path and ideas
* the philosophy and achievements of human rights development in the land

| side | talks held with the High Commissioner during the visit to China |
| ---- | --------------------------------------------------------------- |"""


@pytest.mark.parametrize("text", [
    "\n".join([EN_1, EN_2, EN_1.upper(), FR_1, DE_1, ZH_1, ZH_2]),  # one paragraph a line
    "\n".join(f"{EN_2[:60]} {i}." for i in range(10)),  # sentences of equal length
    POEM,
    LIST,
], ids=["paragraph-per-line", "equal-sentences", "poem", "list"])
def test_lines_that_are_not_wrapped_stay_apart(text):
    assert paragraphs(normalise(text)) == [line for line in normalise(text).split("\n") if line]


def test_markdown_lists_and_tables_are_not_joined(tmp_path):
    doc = read_document(write(tmp_path, "notes.md", MARKDOWN.encode()))
    assert [p[:12] for p in doc.paragraphs] == [  # heading, paragraph, two items, two cells
        "Visit of the", "The two side", "the High Com", "the philosop", "side", "talks held w"]
    assert doc.paragraphs[1].endswith("openness, Ma said, adding that the Chinese side gave")
    as_text = read_document(write(tmp_path, "notes.txt", MARKDOWN.encode()))
    assert not any(p.count("* ") > 1 or "| |" in p for p in as_text.paragraphs)
    assert sum(p.startswith("* ") for p in as_text.paragraphs) == 2


# --- UTF-16 without a byte-order mark -----------------------------------------------


@pytest.mark.parametrize("text", [f"{ZH_1}\n{ZH_2}\n", f"{EN_1}\r\n{EN_2}\r\n", "外交部发言人。" * 1500])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read_in_either_byte_order(tmp_path, text, encoding):
    assert not text.encode(encoding).startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    doc = read_document(write(tmp_path, "windows.txt", text.encode(encoding)))
    assert doc.encoding == encoding
    assert doc.paragraphs == paragraphs(normalise(text))


def test_random_bytes_are_still_binary_not_utf16(tmp_path):
    import random

    rng = random.Random(14)
    for size in (64, 1000, 20_000):
        data = bytes(rng.randrange(256) for _ in range(size))
        with pytest.raises(AlignError, match="binary"):
            decode(data)


# --- a huge line without sentence ends -----------------------------------------------


@pytest.mark.parametrize("line", ["word " * 40_000, "字" * 200_000, "a, b" * 50_000])
@pytest.mark.parametrize("presplit", [False, True])
def test_huge_line_without_sentence_end_is_refused_naming_it(tmp_path, line, presplit):
    path = write(tmp_path, "dump.txt", f"{EN_1}\n{line}\n{EN_2}\n".encode())
    with pytest.raises(AlignError, match=r"paragraph 2 .* without a sentence end") as info:
        read_document(path, presplit=presplit)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_long_paragraph_of_real_sentences_is_read(tmp_path):
    para = " ".join([EN_1] * 200)  # 22,000 characters, every sentence ended
    assert read_document(write(tmp_path, "long.txt", para.encode())).paragraphs == [para]
