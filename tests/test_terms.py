"""Term extraction and translation (align.terms) and the `align glossary` command.

The corpora are synthetic and small, with known terms and translations: each
segment names three of five terms, so only the right pairs always co-occur.
"""

from __future__ import annotations

import csv
import io
import random
import re
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cli
from align.errors import AlignError
from align.terms import GlossaryOptions, Segment, UserEntry, build_glossary, transliteration
from align.terms.cooccurrence import PairCounts
from align.terms.counting import Counts
from align.terms.wordalign import PhraseTable, bracketed, conjunct, extract_phrases
from tmx.formats import to_tmx

TERMS = [
    ("张伟", "Zhang Wei"),
    ("联合国", "United Nations"),
    ("人权理事会", "Human Rights Council"),
    ("气候变化", "climate change"),
    ("外交部发言人", "Foreign Ministry spokesperson"),
]
ANSI = re.compile(r"\x1b\[[0-9;]*m")
FILLERS = [("今天", "today"), ("昨天", "yesterday"), ("上午", "in the morning"), ("再次", "again")]


def corpus(n: int = 90, docs: int = 3, terms: list[tuple[str, str]] = TERMS) -> list[Segment]:
    """Aligned segments naming three terms each, in varied order, over ``docs`` documents."""
    rng = random.Random(1)
    out = []
    for i in range(n):
        a, b, c = rng.sample(terms, 3)
        when_zh, when_en = rng.choice(FILLERS)
        out.append(Segment(f"{a[0]}和{b[0]}{when_zh}讨论了{c[0]}。",
                           f"{a[1]} and {b[1]} discussed {c[1]} {when_en}.", f"doc{i * docs // n}"))
    return out


def translations(glossary) -> dict[str, str]:
    return {e.src: e.tgt for e in glossary.entries}


def test_finds_each_term_with_its_translation():
    glossary = build_glossary(corpus(), GlossaryOptions(top=20))
    found = translations(glossary)
    for zh, en in TERMS:
        assert found.get(zh) == en, (zh, found)
    entry = next(e for e in glossary.entries if e.src == "人权理事会")
    assert entry.src_freq == entry.tgt_freq > 30 and entry.docs == 3
    assert entry.confidence > 0.8
    assert "人权理事会" in entry.example_src and "Human Rights Council" in entry.example_tgt


def test_parts_of_a_term_are_not_listed_on_their_own():
    found = translations(build_glossary(corpus(), GlossaryOptions(top=20)))
    assert "理事会" not in found and "发言人" not in found  # only ever inside the longer terms


def test_a_term_without_translation_is_listed_as_monolingual():
    segments = corpus() + [Segment(f"秘书处{w}发表了声明。", "", "notes") for w in ("今天", "昨天", "再次")]
    entry = next(e for e in build_glossary(segments, GlossaryOptions(top=30)).entries if e.src == "秘书处")
    assert entry.monolingual and entry.tgt == "" and entry.confidence == 0.0 and entry.src_freq == 3


def test_monolingual_corpus_lists_terms_only():
    segments = [Segment(s.src, "", s.doc) for s in corpus()]
    glossary = build_glossary(segments, GlossaryOptions(top=10))
    assert {"张伟", "人权理事会", "外交部发言人"} <= {e.src for e in glossary.entries}
    assert all(e.monolingual for e in glossary.entries) and glossary.bilingual_segments == 0


def test_page_furniture_is_not_a_term():
    furniture = [Segment(line, "", f"doc{i}") for i in range(3) for line in
                 ("详细报道", "(Web editor: Kou Jie, Bianji)", "阅读更多»")]
    entries = build_glossary(corpus() + furniture, GlossaryOptions(top=50)).entries
    assert not any(e.src in ("详细报道", "报道", "阅读") for e in entries)


def test_user_entries_are_kept_and_anchor_the_linking():
    user = (UserEntry("气候变化", "climate"), UserEntry("不存在的词", "no such term"))
    glossary = build_glossary(corpus(), GlossaryOptions(top=20, user_entries=user))
    by_src = {e.src: e for e in glossary.entries}
    assert by_src["气候变化"].tgt == "climate" and by_src["气候变化"].user
    assert by_src["不存在的词"].user and by_src["不存在的词"].src_freq == 0
    # "climate change" contains the anchored "climate": no unrelated term may take it
    assert all(e.tgt != "climate change" for e in glossary.entries)


def test_stop_list_min_freq_and_top():
    glossary = build_glossary(corpus(), GlossaryOptions(top=3, stop_words=frozenset({"张伟"})))
    assert len(glossary.entries) == 3 and "张伟" not in translations(glossary)
    rare = build_glossary(corpus(n=12), GlossaryOptions(min_freq=50))
    assert rare.entries == []


def test_english_source_direction():
    segments = [Segment(s.tgt, s.src, s.doc) for s in corpus()]
    found = translations(build_glossary(segments, GlossaryOptions(src_lang="en", tgt_lang="zh", top=30)))
    assert found.get("Human Rights Council") == "人权理事会"
    assert found.get("United Nations") == "联合国"


def test_name_cut_by_jieba_is_mended():
    # jieba's dictionary knows 亚伯 but not 亚伯兰, so it cuts the name in two.
    found = translations(build_glossary(corpus(terms=[("亚伯兰", "Abram"), *TERMS[1:]]),
                                        GlossaryOptions(top=10)))
    assert found.get("亚伯兰") == "Abram" and "亚伯" not in found


def test_counts_stay_under_their_cap():
    counts = Counts(cap=100)
    for i in range(5000):
        counts.add(f"rare{i}", "n", 0)
        counts.add("frequent", "n", 0)
    assert len(counts.table) <= 100 and counts.freq("frequent") == 5000


def test_pair_counts_stay_under_their_cap():
    pairs = PairCounts(cap=100)
    for i in range(5000):
        pairs.add([7, 1000 + i, 8])
    keys, counts = pairs.totals()
    found = dict(zip(keys.tolist(), counts.tolist(), strict=True))
    assert len(keys) <= 100 and found[7] == found[8] == 5000


@pytest.mark.parametrize(("zh", "en", "share"), [
    ("王琦瑶", "Wang Qiyao", 1.0), ("余占鳌", "Yu Zhan'ao", 1.0), ("单扁郎", "Shan Bianlang", 1.0),
    ("汪淼", "Wang", 0.5), ("陈清扬", "Qingyang", 2 / 3), ("周瑞家", "Zhou Rui's wife", 2 / 3),
    ("汪淼", "Sha", 0.0), ("门徒", "men", 0.0), ("亚伯拉罕", "Abraham", 0.0),
])
def test_transliteration_of_names(zh, en, share):
    # a lone syllable counts only as the surname of a name the dictionary does not list
    assert transliteration(zh, en) == pytest.approx(share)


PLACES = [("家里", "at home"), ("实验室", "in the lab"), ("车上", "in the car"), ("楼下", "downstairs"),
          ("门口", "at the door"), ("窗前", "by the window"), ("街上", "in the street"), ("屋里", "inside"),
          ("床上", "in bed"), ("院子里", "in the yard")]


def test_name_spelled_by_its_surname_alone_is_linked():
    # As in a novel: the translation calls 汪淼 "Wang" half the time ("He" otherwise), and
    # "Wang" stands in "Wang Qiyao" (王琦瑶) more often still. Co-occurrence alone is too weak
    # (Dice 0.35: no translation); the pinyin of the surname supports it.
    segments = corpus(n=300)
    segments += [Segment(f"汪淼在{zh}。", f"{'Wang' if i % 2 else 'He'} was {en}.", "novel")
                 for i, (zh, en) in enumerate(PLACES * 3)]
    segments += [Segment(f"王琦瑶在{zh}。", f"Wang Qiyao was {en}.", "novel") for zh, en in PLACES * 4]
    found = translations(build_glossary(segments, GlossaryOptions(top=40)))
    assert found.get("汪淼") == "Wang" and found.get("王琦瑶") == "Wang Qiyao"


@pytest.mark.parametrize(("options", "message"), [
    (GlossaryOptions(src_lang="de", tgt_lang="fr"), "support zh and en"),
    (GlossaryOptions(src_lang="en", tgt_lang="zh"), "no en text"),
])
def test_errors(options, message):
    with pytest.raises(AlignError, match=message):
        build_glossary([Segment("", "x")], options)


# --- the command --------------------------------------------------------------------------


@pytest.fixture
def corpus_tmx(tmp_path, make_alignment):
    """The synthetic corpus as a TMX written by `align pair`'s writer."""
    segments = corpus()
    alignment = make_alignment([s.src for s in segments], [s.tgt for s in segments],
                               [((i,), (i,), 0.9) for i in range(len(segments))])
    path = tmp_path / "corpus.tmx"
    path.write_bytes(to_tmx(alignment))
    return path


def run(*args: str):
    return CliRunner().invoke(cli.app, ["glossary", *args])


def test_cli_tmx_to_omegat_tsv(corpus_tmx, tmp_path):
    out = tmp_path / "glossary.txt"
    result = run(str(corpus_tmx), "-o", str(out), "--encoder", "none", "--top", "20")
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(len(row) == 3 for row in rows)  # source, target, comment: what OmegaT reads
    assert ["人权理事会", "Human Rights Council"] in [row[:2] for row in rows]
    assert re.search(r"\d+ terms, \d+ with a translation; 90 segments \(90 aligned\)", result.stderr)


def test_cli_csv_has_header_and_figures(corpus_tmx, tmp_path):
    out = tmp_path / "glossary.csv"
    assert run(str(corpus_tmx), "-o", str(out), "--encoder", "none").exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    row = next(r for r in rows if r["zh"] == "张伟")
    assert row["en"] == "Zhang Wei" and int(row["zh_frequency"]) > 30 and row["status"] == "extracted"


def test_cli_user_glossary_and_stop_list(corpus_tmx, tmp_path):
    user = tmp_path / "mine.tsv"
    user.write_text("联合国\tUN\tour house style\n", encoding="utf-8")
    stop = tmp_path / "stop.txt"
    stop.write_text("# names we do not want\n张伟\n", encoding="utf-8")
    out = tmp_path / "g.tsv"
    result = run(str(corpus_tmx), "-o", str(out), "--encoder", "none", "--glossary", str(user),
                 "--stop-list", str(stop))
    assert result.exit_code == 0, result.output
    rows = {line.split("\t")[0]: line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()}
    assert rows["联合国"][1] == "UN" and "user glossary" in rows["联合国"][2]
    assert "张伟" not in rows


def test_cli_aligns_a_document_pair_first(tmp_path, fake_encoder):
    segments = corpus(n=40)
    zh, en = tmp_path / "a.zh.txt", tmp_path / "a.en.txt"
    # numbers both sides share give the fake (bag-of-characters) encoder something to align on
    zh.write_text("\n".join(f"{i}{i}{i}. {s.src}" for i, s in enumerate(segments)), encoding="utf-8")
    en.write_text("\n".join(f"{i}{i}{i}. {s.tgt}" for i, s in enumerate(segments)), encoding="utf-8")
    out = tmp_path / "g.tsv"
    result = run(str(zh), str(en), "-o", str(out), "--presplit")
    assert result.exit_code == 0, result.output
    assert fake_encoder.calls > 0  # the documents were aligned
    assert "张伟\tZhang Wei\t" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "message"), [
    (["missing.tmx"], "no such file"),
    (["{tmx}", "--lang-pair", "zh"], "give two languages"),
    (["{tmx}", "--lang-pair", "de-fr"], "support zh and en"),
    (["{tmp}/de-fr.tmx"], r"no zh text in .*de-fr\.tmx \(languages: de, fr\); give the language pair"),
    (["{tmx}", "-o", "{tmp}/out.xlsx", "--format", "xlsx"], "unknown glossary format"),
    (["{tmx}", "{tmp}/notes.txt"], "either TMX files or documents"),
    (["{tmp}/broken.tmx"], r"broken\.tmx:1: not a well-formed"),
    (["{tmx}", "--glossary", "{tmp}/nothere.tsv"], "cannot read the glossary"),
])
def test_cli_errors_are_one_line(corpus_tmx, tmp_path, args, message):
    (tmp_path / "notes.txt").write_text("笔记", encoding="utf-8")
    (tmp_path / "broken.tmx").write_text("<tmx><body><tu>", encoding="utf-8")
    (tmp_path / "de-fr.tmx").write_text(
        '<tmx version="1.4"><header/><body><tu><tuv xml:lang="de-DE"><seg>Haus</seg></tuv>'
        '<tuv xml:lang="fr-FR"><seg>maison</seg></tuv></tu></body></tmx>', encoding="utf-8")
    args = [a.format(tmx=corpus_tmx, tmp=tmp_path) for a in args]
    result = run(*args, "--encoder", "none")
    assert result.exit_code == 2, result.output
    lines = [line for line in ANSI.sub("", result.stderr).splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:") and re.search(message, lines[0]), lines


# --- whole terms, general words, word alignment ----------------------------------------------

NAMES = [("巴切莱特", "Bachelet"), ("联合国人权高专办", "OHCHR"),
         ("联合国人权理事会", "Human Rights Council"), ("气候变化", "climate change"),
         ("生物多样性", "biodiversity")]


def test_names_and_institutions_are_whole_terms():
    # jieba cuts 巴切莱特 into 巴切 | 莱特, and 莱特高专 or 会见巴切 straddle the name's edges;
    # 联合国人权 only ever modifies the two institutions it is part of
    segments = [Segment(f"{a[0]}高专会见了{b[0]}代表，讨论{c[0]}。", f"High Commissioner {a[1]} met {b[1]} "
                        f"representatives and discussed {c[1]}.", s.doc)
                for s, (a, b, c) in zip(corpus(60), ((NAMES[0], *random.Random(i).sample(NAMES[1:], 2))
                                                     for i in range(60)), strict=True)]
    found = {e.src for e in build_glossary(segments, GlossaryOptions(top=40)).entries}
    assert {"巴切莱特", "联合国人权高专办", "联合国人权理事会"} <= found
    assert not found & {"巴切", "莱特", "莱特高专", "会见巴切", "联合国人权"}


def test_general_words_rank_below_terms():
    # 问题 occurs in every other segment, but it is common in general Chinese too: the terms,
    # rarer here but rare in general language, come first
    segments = [Segment(f"各方讨论了{zh}{'的问题' if i % 2 else ''}。", "", f"doc{i % 3}")
                for i, (zh, _) in enumerate(TERMS * 8)]
    ranked = [e.src for e in build_glossary(segments, GlossaryOptions(top=20)).entries]
    assert {zh for zh, _ in TERMS} <= set(ranked)
    assert "问题" not in ranked[: len(TERMS)]


def test_confidence_is_a_probability_not_a_certainty():
    segments = corpus() + [Segment(f"秘书处{zh}发表了声明。", f"The Secretariat spoke {en}.", "x")
                           for zh, en in FILLERS[:2]]
    entries = build_glossary(segments, GlossaryOptions(top=30)).entries
    assert all(0 < e.confidence < 1 for e in entries if e.tgt)
    rare = next((e for e in entries if e.src == "秘书处"), None)
    assert rare is None or rare.confidence < 0.99  # two co-occurrences in one document prove little


def test_a_translation_below_the_cut_is_kept_apart_with_its_evidence():
    # 秘书处 meets "Secretariat spoke" twice in one document: too little to list it, but the
    # guess and its evidence stay on the entry, so the confidence model is fitted on the same
    # entries whatever weights it had (a fit that depends on its own output does not settle)
    segments = corpus() + [Segment(f"秘书处{zh}发表了声明。", f"The Secretariat spoke {en}.", "x")
                           for zh, en in FILLERS[:2]]
    rare = next(e for e in build_glossary(segments, GlossaryOptions(top=30)).entries if e.src == "秘书处")
    assert rare.monolingual and rare.confidence == 0.0
    assert "secretariat" in rare.unsure and len(rare.evidence) == 6


@pytest.mark.parametrize(("links", "span", "expected"), [
    ({(0, 1), (1, 2), (2, 0)}, (0, 1), [(1, 2)]),  # both words, both targets
    ({(0, 1), (1, 2), (2, 2)}, (0, 1), []),  # a word outside the term links inside: inconsistent
    ({(0, 1), (1, 0)}, (0, 0), [(1, 1), (1, 2)]),  # Ma + the unaligned Zhaoxu after it
])
def test_phrase_extraction_is_consistent(links, span, expected):
    assert extract_phrases(links, *span, ["Minister", "Ma", "Zhaoxu", "said"]) == expected


def test_an_aligned_article_is_no_part_of_the_phrase():
    # 联合国 links to "the" as well as to "United Nations": the translation is still found
    words = ["of", "the", "United", "Nations", "Council", "("]
    assert extract_phrases({(0, 1), (0, 2), (0, 3), (1, 4), (1, 5)}, 0, 1, words) == [(2, 4)]


@pytest.mark.parametrize(("span", "second", "expected"), [
    ((1, 1), True, (3, 3)),  # 去极端化 of 反恐和去极端化 aligned to "counter-terrorism": the second conjunct
    ((3, 3), True, (3, 3)),  # aligned to its own conjunct: kept
    ((1, 3), True, (3, 3)),  # the whole coordination: the term's side of it
    ((1, 3), False, (1, 1)),
    ((3, 3), False, (1, 1)),  # the first conjunct aligned to the second
    ((5, 5), True, (5, 5)),  # no coordination next to it: kept
])
def test_a_conjunct_translates_as_the_conjunct_in_its_place(span, second, expected):
    words = ["on", "counter-terrorism", "and", "deradicalization", "in", "Xinjiang"]
    assert conjunct(span, words, second) == expected


def test_variants_of_an_aligned_rendering_count_together():
    table = PhraseTable()
    table.aligned["人权发展道路"] = Counter({"paths of human rights development": 1,
                                          "human rights development path": 1, "human rights": 1})
    table.occurrences["人权发展道路"] = 4
    assert table.share("人权发展道路", "path of human rights development") == 0.5
    assert table.share("人权发展道路", "human rights") == 0.2
    assert table.candidates("人权发展道路", 2) == ["paths of human rights development"]


def test_a_rendering_written_with_initials_is_a_variant():
    from align.terms.wordalign import _contractions

    shorter = set(_contractions("united nations human rights council"))
    assert "un human rights council" in shorter
    assert "united nations" not in shorter and not set(_contractions("the people"))


def test_a_persons_name_known_to_cedict_is_still_spelled_by_its_surname():
    # 习近平 is listed in CC-CEDICT, so "Xi" alone is no evidence for it as a word; as the
    # name of a person (jieba's tag), the surname spells a third of it and the whole name all
    assert transliteration("习近平", "President Xi") == 0.0
    assert transliteration("习近平", "President Xi", person=True) == pytest.approx(1 / 3)
    assert transliteration("习近平", "Xi Jinping", person=True) == 1.0


def test_a_fixed_phrase_is_read_as_its_dictionary_words():
    from align.terms.evidence import compound_parts, dictionary_support

    assert compound_parts("相互尊重") == ["相互", "尊重"]
    assert compound_parts("暴力") == []  # no word of two characters or more inside
    assert dictionary_support("相互尊重", "mutual respect", ["相互尊重"])[1] == 1.0


def test_the_glossary_library_reads_no_files_of_tmx():
    package = Path(__file__).resolve().parents[1] / "align" / "terms"
    for module in package.glob("*.py"):
        source = module.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import) tmx\b", source, re.MULTILINE), module


def test_candidates_are_whole_terms_despite_the_dictionary():
    from align.terms.candidates import ChineseTerms

    chinese = ChineseTerms([], frozenset())

    def terms(text: str) -> set[str]:
        return {t for t, _ in chinese.candidates(text)}

    # jieba calls 小岛屿 a person's name and leaves 最 | 不 standing before 发达国家
    assert {"最不发达国家", "小岛屿发展中国家"} <= terms("最不发达国家和小岛屿发展中国家")
    assert "发达国家" in terms("发达国家") and "小岛屿" in terms("小岛屿")
    # jieba cuts 可 | 持续, a word of CC-CEDICT (sustainable): no term starts inside it
    assert "可持续发展目标" in terms("实现可持续发展目标") and "发展目标" not in terms("实现可持续发展目标")
    # 有权 is a verb (to have the right to), 人人 a reduplicated pronoun, 经 a preposition here
    assert not terms("人人有权享受")
    assert "大会经安全理事会" not in terms("大会经安全理事会之推荐")


def test_a_name_is_never_cut_in_its_translation():
    # the English names 马朝旭 in full once, by his surname after that
    segments = [*corpus(), Segment("马朝旭介绍了情况。", "Vice Foreign Minister Ma Zhaoxu briefed.", "m")]
    segments += [Segment(f"马朝旭{zh}说。", f"Ma said {en}.", "m") for zh, en in FILLERS * 2]
    assert translations(build_glossary(segments, GlossaryOptions(top=30))).get("马朝旭") == "Ma Zhaoxu"


def test_a_translation_is_whole_for_its_term():
    from align.terms.linking import Candidate, _drop_partial

    def cand(src: int, tgt: str) -> Candidate:
        return Candidate(src, tgt, 2, 0.8, len(tgt.split()))

    src_terms = ["去极端化", "信息和通信技术", "国际和平及安全", "维持国际和平及安全"]
    by_term = {0: [cand(0, "counter-terrorism and deradicalization"), cand(0, "deradicalization")],
               1: [cand(1, "information and communications technology")],
               2: [cand(2, "international peace and security")],
               3: [cand(3, "international peace and security"),
                   cand(3, "maintain international peace and security")]}
    _drop_partial(by_term, src_terms, {"维持国际和平及安全": "v+an"}, "zh", "en")
    # no more coordination than the term's own; a verb phrase is not its object alone
    assert [c.tgt for c in by_term[0]] == ["deradicalization"]
    assert [c.tgt for c in by_term[1]] == ["information and communications technology"]
    assert [c.tgt for c in by_term[3]] == ["maintain international peace and security"]


def test_an_aligned_phrase_is_not_lost_in_a_longer_neighbour():
    from align.terms.candidates import ChineseTerms
    from align.terms.linking import Candidate, _add_aligned
    from align.terms.wordalign import PhraseTable

    src_terms = ["利用遗传资源", "基本药品和疫苗"]
    aligned = {"利用遗传资源": "utilization of genetic resources", "基本药品和疫苗": "medicines and vaccines"}
    longer = {"利用遗传资源": "benefits arising from the utilization of genetic resources",
              "基本药品和疫苗": "essential medicines and vaccines"}
    table = PhraseTable()
    for term, phrase in aligned.items():
        table.aligned[term] = Counter({phrase: 2})
        table.occurrences[term] = table.segments[term] = table.segments["\0" + phrase] = 2
        table.cooc[term, phrase] = 2
    by_term = {i: [Candidate(i, longer[t], 2, 1.0, len(longer[t].split()))] for i, t in enumerate(src_terms)}
    _add_aligned(by_term, src_terms, table, GlossaryOptions(), {}, ChineseTerms([], frozenset()))
    # the words of a neighbouring phrase ("benefits arising from") do not swallow the aligned
    # phrase; a modifier left out before the same head ("essential") does
    first = {c.tgt: c.aligned for c in by_term[0]}
    assert first == {longer["利用遗传资源"]: 0.0, aligned["利用遗传资源"]: 1.0}
    assert {c.tgt: c.aligned for c in by_term[1]} == {longer["基本药品和疫苗"]: 1.0}


def test_a_dictionary_word_jieba_lacks_is_still_a_general_word():
    from align.terms.candidates import ChineseTerms

    chinese = ChineseTerms([], frozenset())
    # 生活方式 (lifestyle) is missing from jieba's dictionary, not from the language
    assert chinese.general_frequency("生活方式") > 100 * chinese.general_frequency("小岛屿发展中国家")



@pytest.mark.parametrize(("aligned", "expected"), [(0.6, "tabernacle"), (0.0, "tent")])
def test_a_taken_target_is_shared_only_on_direct_evidence(aligned, expected):
    from align.terms.linking import Candidate, link

    # 会幕 links "tabernacle" first; 帐幕 meets it too, perhaps only through 会幕 (an indirect
    # association: competitive linking says no), unless its own words align to it
    candidates = [Candidate(0, "tabernacle", 90, 0.9, 1, aligned=0.9),
                  Candidate(1, "tabernacle", 88, 0.6, 1, aligned=aligned),
                  Candidate(1, "tent", 17, 0.2, 1, support=1.0)]
    assert link(candidates, ["会幕", "帐幕"], [], "zh", "en")[1].tgt == expected


def test_a_span_with_an_abbreviation_in_brackets_is_two_renderings():
    words = ["the", "United", "Nations", "High", "Commissioner", "for", "Human", "Rights", "(", "OHCHR", ")"]
    assert bracketed(words) == [words[1:8], ["OHCHR"]]
    assert bracketed(["OHCHR"]) == [["OHCHR"]]
