"""Document pairing (align.docpair) and the corpus folder (align.collection), on small
synthetic collections with the instant HashingEncoder.

Each synthetic sentence carries a random Latin code (as product codes or names
do in real text), the same in a sentence and its translation; the hashing
encoder sees those characters, so translations share sentence-level signal
while documents on the same template do not.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import lxml.html
import pytest
from lxml import etree
from typer.testing import CliRunner, Result

import cli
from align.collection import Settings, Summary, find_files, summarise
from align.docpair import PairingConfig, assign, pair_documents
from align.encoders import CachedEncoder
from align.errors import AlignError
from align.pipeline import PairOptions
from align.profile import numbers_in, sample_blocks
from align.reader import read_document
from align.retrieval import shared_tokens
from align.types import Document
from align.verdict import Verdict
from tests.conftest import HashingEncoder
from tmx.corpus_folder import CorpusFolder


def texts(n: int, seed: int) -> tuple[list[str], list[str]]:
    """n Chinese sentences and their English translations, one paragraph each."""
    rng = random.Random(seed)
    codes = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(6)) for _ in range(n)]
    zh = [f"第{i + 1}项记录的代号是{c}，已经登记。" for i, c in enumerate(codes)]
    en = [f"Record {i + 1} has the code {c} and is registered." for i, c in enumerate(codes)]
    return zh, en


def doc(path: str, lang: str, paragraphs: list[str]) -> Document:
    return Document(path=path, lang=lang, encoding="utf-8", paragraphs=paragraphs)


def translation(name: str, n: int, seed: int) -> list[Document]:
    zh, en = texts(n, seed)
    return [doc(f"{name}.zh.txt", "zh", zh), doc(f"{name}.en.txt", "en", en)]


def pairs_of(result) -> set[tuple[str, str]]:
    return {(p.src, p.tgt) for p in result.pairs}


def test_translations_are_paired_one_to_one(hashing_encoder):
    docs = [d for k in range(4) for d in translation(f"t{k}", 30, k)]
    random.Random(1).shuffle(docs)
    result = pair_documents(docs, CachedEncoder(hashing_encoder))
    assert pairs_of(result) == {(f"t{k}.zh.txt", f"t{k}.en.txt") for k in range(4)}
    assert result.unpaired == []
    assert all(p.score >= 0.5 and p.coverage > 0.8 and not p.partial for p in result.pairs)


def test_documents_that_translate_nothing_stay_unpaired(hashing_encoder):
    zh, _ = texts(30, 10)
    _, en = texts(30, 11)  # same template and topic, different content
    docs = [*translation("t", 30, 0), doc("lone.zh.txt", "zh", zh), doc("lone.en.txt", "en", en)]
    result = pair_documents(docs, CachedEncoder(hashing_encoder))
    assert pairs_of(result) == {("t.zh.txt", "t.en.txt")}
    unpaired = {u.path: u for u in result.unpaired}
    assert set(unpaired) == {"lone.zh.txt", "lone.en.txt"}
    assert unpaired["lone.zh.txt"].lang == "zh"
    for u in unpaired.values():  # the best candidate it had is reported with its score
        assert u.best is not None and 0.0 <= u.best_score <= 1.0


def test_partial_translation_is_paired_with_its_coverage(hashing_encoder):
    zh, en = texts(90, 3)
    docs = [*translation("t", 40, 4), doc("book.zh.txt", "zh", zh), doc("third.en.txt", "en", en[:30])]
    result = pair_documents(docs, CachedEncoder(hashing_encoder))
    pair = next(p for p in result.pairs if p.src == "book.zh.txt")
    assert pair.tgt == "third.en.txt"
    assert pair.partial
    assert 0.2 < pair.src_coverage < 0.5  # the English covers about a third of the Chinese
    assert pair.tgt_coverage > 0.9


def test_other_languages_are_skipped_not_paired(hashing_encoder):
    docs = [*translation("t", 20, 0), doc("brief.de.txt", "de", ["Ein Brief über nichts."])]
    result = pair_documents(docs, CachedEncoder(hashing_encoder))
    assert [s.path for s in result.skipped] == ["brief.de.txt"]
    assert "'de'" in result.skipped[0].reason
    assert len(result.pairs) == 1


def test_one_language_only_gives_no_pairs_and_encodes_nothing(hashing_encoder):
    zh, _ = texts(10, 0)
    result = pair_documents([doc("a.zh.txt", "zh", zh)], CachedEncoder(hashing_encoder))
    assert result.pairs == [] and [u.path for u in result.unpaired] == ["a.zh.txt"]
    assert result.unpaired[0].best is None
    assert hashing_encoder.calls == 0


def test_pairing_embeds_a_bounded_sample_of_each_document(hashing_encoder):
    config = PairingConfig(head=12, tail=8)
    docs = [d for k in range(3) for d in translation(f"t{k}", 200, k)]
    result = pair_documents(docs, CachedEncoder(hashing_encoder), config)
    assert len(result.pairs) == 3
    assert result.encoded == hashing_encoder.calls <= len(docs) * (config.head + config.tail)


def test_sample_blocks_are_head_and_tail_or_everything():
    assert sample_blocks(10, 8, 4) == [range(10)]
    assert sample_blocks(100, 8, 4) == [range(8), range(96, 100)]
    assert sample_blocks(100, 8, 0) == [range(8)]


def test_assignment_is_globally_best_not_greedy():
    # Greedy takes (0, 0) = 0.9 and leaves 1 alone; the best total pairs both.
    weights = {(0, 0): 0.9, (0, 1): 0.8, (1, 0): 0.85}
    assert assign(weights) == [(0, 1), (1, 0)]


def test_assignment_solves_separate_groups_and_pairs_only_candidates():
    weights = {(0, 0): 2.0, (1, 0): 3.0, (5, 7): 1.0, (6, 7): 0.5, (6, 8): 0.2}
    assert assign(weights) == [(1, 0), (5, 7), (6, 8)]
    assert assign({}) == []


def test_numbers_and_dates_match_across_languages():
    zh = numbers_in("2022年5月28日，外交部发言人说，共有1,200人参加。")
    en = numbers_in("On May 28, 2022, the spokesperson said 1200 people took part.")
    assert {"2022", "5-28", "1200"} <= zh & en
    assert "28" in en and "5" not in en  # single digits are not evidence


def test_shared_tokens_weigh_rare_tokens_of_the_smaller_document():
    src = [frozenset({"who", "covid-19"}), frozenset({"nato"})]
    tgt = [frozenset({"who", "covid-19", "geneva", "said"}), frozenset({"nato", "brussels"})]
    scores = shared_tokens(src, tgt)
    assert scores[0, 0] == pytest.approx(1.0)
    assert scores[1, 1] == pytest.approx(1.0)
    assert (0, 1) not in scores and (1, 0) not in scores


# --- reading a collection and writing the corpus --------------------------------------------


def write_docs(folder: Path, docs: list[Document]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for d in docs:
        (folder / d.path).write_text("\n".join(d.paragraphs) + "\n", encoding="utf-8")


SETTINGS = Settings(encoder=HashingEncoder, encoder_id="hashing", store=None,
                    pairing=PairingConfig(), options=PairOptions(), max_bytes=2**20)


def read_collection(inputs, exclude=None) -> tuple[list[Summary], list]:
    """Summaries and skipped inputs, as ``align docs`` reads them."""
    found = [summarise(str(p), lang, SETTINGS) for p, lang in find_files(inputs, exclude)]
    return ([s for s in found if isinstance(s, Summary)],
            [s for s in found if not isinstance(s, Summary)])


def test_collection_reads_folders_recursively_and_skips_unreadable(tmp_path):
    write_docs(tmp_path / "in" / "a", translation("t", 5, 0)[:1])
    write_docs(tmp_path / "in" / "b", translation("t", 5, 0)[1:])
    (tmp_path / "in" / "bad.txt").write_bytes(b"\x00\x01binary\x00" * 10)
    (tmp_path / "in" / "data.csv").write_text("not searched", encoding="utf-8")
    (tmp_path / "in" / ".hidden.txt").write_text("hidden", encoding="utf-8")
    documents, skipped = read_collection([(tmp_path / "in", None)])
    assert sorted(Path(d.path).name for d in documents) == ["t.en.txt", "t.zh.txt"]
    assert {d.lang for d in documents} == {"zh", "en"}
    assert [Path(s.path).name for s in skipped] == ["bad.txt"]
    assert "binary" in skipped[0].reason
    # The manifest row: size and content hash of the file as read.
    entry = documents[0].entry
    assert entry.size == Path(entry.path).stat().st_size and len(entry.sha256) == 64


def test_collection_forced_language_and_output_folder_excluded(tmp_path):
    write_docs(tmp_path / "in", translation("t", 5, 0))
    write_docs(tmp_path / "in" / "out", translation("old", 5, 1))
    documents, _ = read_collection([(tmp_path / "in", "en")], exclude=tmp_path / "in" / "out")
    assert sorted(Path(d.path).name for d in documents) == ["t.en.txt", "t.zh.txt"]
    assert {d.lang for d in documents} == {"en"}


def test_collection_without_documents_is_an_error(tmp_path):
    (tmp_path / "in").mkdir()
    with pytest.raises(AlignError, match=re.escape("no documents (.txt, .md, .html, .docx) found")):
        find_files([(tmp_path / "in", None)])


def test_dry_run_corpus_files(tmp_path, hashing_encoder):
    result = pair_documents([*translation("t", 20, 0), doc("x.zh.txt", "zh", texts(20, 5)[0])],
                            CachedEncoder(hashing_encoder))
    CorpusFolder(tmp_path).write_summary(result, aligned=False, date="20260101T000000Z")
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [
        "pairs.tsv", "skipped.tsv", "unpaired.tsv"]
    pairs = (tmp_path / "pairs.tsv").read_text(encoding="utf-8").splitlines()
    assert pairs[0].split("\t") == ["zh", "en", "score", "zh_coverage", "en_coverage", "tus", "tmx",
                                     "verdict"]
    row = pairs[1].split("\t")
    assert row[:2] == ["t.zh.txt", "t.en.txt"] and row[5:] == ["", "", ""]
    unpaired = (tmp_path / "unpaired.tsv").read_text(encoding="utf-8").splitlines()
    assert unpaired[1].split("\t")[:3] == ["x.zh.txt", "zh", "t.en.txt"]
    assert not (tmp_path / "corpus.tmx").exists()


# --- the command ----------------------------------------------------------------------------


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli.app, [str(a) for a in args])


@pytest.fixture
def collection(tmp_path) -> Path:
    """Two translations, a partial one, a lone document and a German one, names shuffled."""
    folder = tmp_path / "downloads"
    zh, en = texts(45, 9)
    write_docs(folder, [*translation("a", 20, 1), *translation("b", 25, 2),
                        doc("book.zh.txt", "zh", zh), doc("third.en.txt", "en", en[:15]),
                        doc("lone.zh.txt", "zh", texts(20, 7)[0]),
                        doc("brief.txt", "de", ["Sehr geehrte Damen und Herren, wir schreiben Ihnen "
                                                "wegen der Sitzung am Montag."])])
    return folder


def tsv(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]]


def test_docs_writes_pairs_and_a_valid_corpus_tmx(collection, fake_encoder, tmp_path, tmx_dtd):
    out = tmp_path / "corpus"
    result = run("docs", collection, "-o", out)
    assert result.exit_code == 0, result.output
    pairs = {(Path(r[0]).name, Path(r[1]).name): r for r in tsv(out / "pairs.tsv")}
    assert set(pairs) == {("a.zh.txt", "a.en.txt"), ("b.zh.txt", "b.en.txt"),
                          ("book.zh.txt", "third.en.txt")}
    assert float(pairs["book.zh.txt", "third.en.txt"][3]) < 0.5  # measured zh coverage
    assert [Path(r[0]).name for r in tsv(out / "unpaired.tsv")] == ["lone.zh.txt"]
    skipped = tsv(out / "skipped.tsv")
    assert [Path(r[0]).name for r in skipped] == ["brief.txt"] and "'de'" in skipped[0][1]
    corpus = etree.parse(str(out / "corpus.tmx")).getroot()
    assert tmx_dtd.validate(corpus), tmx_dtd.error_log.filter_from_errors()
    docs_of_tus = Counter(
        (tu.findtext("prop[@type='x-source-doc']"), tu.findtext("prop[@type='x-target-doc']"))
        for tu in corpus.iter("tu"))
    assert {(Path(s).name, Path(t).name) for s, t in docs_of_tus} == set(pairs)
    for row in pairs.values():  # one TMX per pair, with the TUs pairs.tsv announces
        assert row[7] == "translation"  # align pair's verdict, on the aligned pair
        tmx = etree.parse(str(out / row[6])).getroot()
        assert tmx_dtd.validate(tmx)
        assert (out / row[6]).with_suffix(".align.json").is_file()  # its review project
        assert len(tmx.findall("body/tu")) == int(row[5]) == docs_of_tus[row[0], row[1]]
    assert "3 pairs (1 partial), 1 unpaired, 1 skipped" in result.stderr
    report = lxml.html.parse(str(out / "report.html")).getroot()  # one row and page per pair
    rows = report.xpath("//table[@class='corpus']/tbody/tr")
    assert [r.xpath("string(td[2])") for r in rows] == [f"{p[0]} ↔ {p[1]}" for p in tsv(out / "pairs.tsv")]
    for row, pair in zip(rows, tsv(out / "pairs.tsv"), strict=True):
        page_file = out / row.xpath("string(td[2]/a/@href)")
        assert page_file == (out / pair[6]).with_suffix(".html")  # beside the pair's TMX
        page = lxml.html.parse(str(page_file)).getroot()
        assert (page_file.parent / page.xpath("string(//h1/a/@href)")).resolve() == \
            (out / "report.html").resolve()
        assert row.xpath("string(td[5])") == page.xpath("string(//*[@data-stat='tus'])").strip()
        beads = page.xpath("//table[contains(@class, 'all')]/tbody/tr")
        assert len(beads) >= int(row.xpath("string(td[5])")) > 0
    assert [r.xpath("string(td[1])") for r in report.xpath("//table[@class='unpaired']/tbody/tr")] == [
        r[0] for r in tsv(out / "unpaired.tsv")]
    assert [r.xpath("string(td[1])") for r in report.xpath("//table[@class='skipped']/tbody/tr")] == [
        r[0] for r in skipped]


def test_docs_dry_run_writes_only_the_tsv_files(collection, fake_encoder, tmp_path):
    out = tmp_path / "corpus"
    result = run("docs", collection, "-o", out, "--dry-run", "-q")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == [
        "pairs.tsv", "skipped.tsv", "unpaired.tsv"]
    assert not any((out / "tmx").iterdir())
    assert len(tsv(out / "pairs.tsv")) == 3
    assert result.stderr == ""


def test_docs_language_folders(tmp_path, fake_encoder):
    zh, en = texts(20, 3)
    write_docs(tmp_path / "zh", [doc("001.txt", "zh", zh)])
    write_docs(tmp_path / "en", [doc("001.txt", "en", en)])
    out = tmp_path / "out"
    result = run("docs", "--zh", tmp_path / "zh", "--en", tmp_path / "en", "-o", out, "--dry-run")
    assert result.exit_code == 0, result.output
    assert [r[:2] for r in tsv(out / "pairs.tsv")] == [
        [str(tmp_path / "zh" / "001.txt"), str(tmp_path / "en" / "001.txt")]]


@pytest.mark.parametrize("setup, message", [
    (lambda p: (p / "in").mkdir(), "no documents (.txt, .md, .html, .docx) found"),
    (lambda p: ((p / "in").mkdir(), (p / "in" / "a.txt").write_bytes(b"\x00\x01" * 50)),
     "none of the 1 documents could be read"),
    (lambda p: ((p / "in").mkdir(), (p / "out").write_text("x")), "is a file"),
    (lambda p: None, "no such file or folder"),
])
def test_docs_input_errors_are_one_line(tmp_path, fake_encoder, setup, message):
    setup(tmp_path)
    result = run("docs", tmp_path / "in", "-o", tmp_path / "out")
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], lines
    assert not (tmp_path / "out").is_dir()  # nothing created on error


def test_docs_needs_inputs(tmp_path, fake_encoder):
    result = run("docs", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "give documents or folders" in result.stderr


@pytest.mark.slow
def test_real_seeds_pair_only_the_demo_translation(e5_encoder, demo_pair):
    """The five seeds share topics but translate nothing; the demo's Chinese translates seed 001."""
    seeds = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("0*.txt"))
    documents = [read_document(p) for p in [*seeds, demo_pair[0]]]
    result = pair_documents(documents, CachedEncoder(e5_encoder))
    assert [(Path(p.src).name, Path(p.tgt).name) for p in result.pairs] == [
        (demo_pair[0].name, "001_b8cac50b22ff4f78.txt")]
    assert {Path(u.path).name for u in result.unpaired} == {p.name for p in seeds} - {
        "001_b8cac50b22ff4f78.txt"}
    assert all(u.best_score < 0.5 for u in result.unpaired)


def test_docs_refuses_a_pair_that_is_no_translation_once_aligned(collection, fake_encoder, tmp_path,
                                                                  monkeypatch, tmx_dtd):
    """Pairing only samples; the full alignment gets align pair's verdict, and a refused
    pair gives no TMX and no TUs in corpus.tmx, only a row saying so."""
    def judge(result):
        refused = Path(result.src.name).name == "a.zh.txt"
        return Verdict(not refused, 0.1 if refused else 1.0, 0.1 if refused else 1.0, 0)

    monkeypatch.setattr("align.collection.judge_alignment", judge)
    out = tmp_path / "corpus"
    result = run("docs", collection, "-o", out, "--workers", "0")
    assert result.exit_code == 0, result.output
    rows = {Path(r[0]).name: r for r in tsv(out / "pairs.tsv")}
    assert rows["a.zh.txt"][5:] == ["0", "", "not a translation"]
    assert rows["b.zh.txt"][7] == "translation" and (out / rows["b.zh.txt"][6]).is_file()
    corpus = etree.parse(str(out / "corpus.tmx")).getroot()
    assert tmx_dtd.validate(corpus)
    sources = {Path(tu.findtext("prop[@type='x-source-doc']")).name for tu in corpus.iter("tu")}
    assert "a.zh.txt" not in sources and "b.zh.txt" in sources
    assert "1 not translations once aligned" in result.stderr


def test_docs_on_other_inputs_moves_the_earlier_pairs_files_aside(collection, fake_encoder, tmp_path):
    """A second run on the same folder with other inputs leaves in tmx/ only its own pairs'
    files; the earlier ones (a review project among them) are kept under .align/replaced/."""
    out = tmp_path / "corpus"
    assert run("docs", collection, "-o", out, "-q").exit_code == 0
    before = sorted(p.name for p in (out / "tmx").iterdir())
    (collection / "b.en.txt").unlink()
    result = run("docs", collection, "-o", out, "-q")
    assert result.exit_code == 0, result.output
    rows = tsv(out / "pairs.tsv")
    assert "b.zh.txt" not in {Path(r[0]).name for r in rows}
    assert {p.name for p in (out / "tmx").iterdir()} == {
        Path(r[6]).name.removesuffix(".tmx") + suffix for r in rows
        for suffix in (".tmx", ".align.json", ".html")}
    kept = [p.name for p in (out / ".align" / "replaced").rglob("*") if p.is_file()]
    assert sorted(kept) == before  # the first run's files, moved, none lost
