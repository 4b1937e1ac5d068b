"""Glossary benchmarks: term translation quality, names, monolingual ranking, time and memory.

    python bench/glossary.py                # all, writes the "Glossary" section of BENCHMARKS.md
    python bench/glossary.py --tmx X.tmx    # also: top 50 of a Bible 5k TMX made by `align pair`
    python bench/glossary.py --tmx-size 1024  # also: time and memory on a ~1 GB TMX (hours)

Aligned segments come from the gold .align files in ../shared/data (the
bundled encoder aligns ~40 sentences/s, so aligning the Bible 30k here would
take an hour); the encoder is still used for term similarity. The Bible 30k
run goes through a TMX file and the `align glossary` command in a child
process, so its time and peak memory are those of a user's run.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from align.encoders import CachedEncoder, load_encoder  # noqa: E402
from align.evaluate import parse_beads  # noqa: E402
from align.pipeline import segment  # noqa: E402
from align.reader import read_document  # noqa: E402
from align.terms import Glossary, GlossaryOptions, Segment, build_glossary  # noqa: E402
from align.types import Alignment, Bead, Sentences  # noqa: E402
from tmx.formats import to_tmx  # noqa: E402

DATA = REPO.parent / "shared" / "data"
BENCHMARKS = REPO / "BENCHMARKS.md"

# How the Bible top 50 was judged: by reading each pair against the King James text
# (the English side) and CC-CEDICT. A pair counts as correct when the English is how
# this translation renders the term (LORD for 耶和华, "children of Israel" for 以色列人),
# wrong when it names something else or only a fragment of the rendering.
BIBLE_ACCEPTED = {
    "耶和华": {"LORD"}, "摩西": {"Moses"}, "以色列人": {"children of Israel", "Israelites"},
    "以色列": {"Israel"}, "亚伦": {"Aaron"}, "儿子": {"son", "sons"}, "亚伯拉罕": {"Abraham"},
    "雅各": {"Jacob"}, "祭司": {"priest", "priests"}, "约瑟": {"Joseph"}, "法老": {"Pharaoh"},
    "埃及": {"Egypt"}, "赎罪": {"atonement"}, "会幕": {"tabernacle of the congregation", "tabernacle"},
    "帐幕": {"tabernacle"}, "埃及人": {"Egyptians"}, "百姓": {"people"},
    "吩咐摩西": {"commanded Moses"}, "子孙": {"children", "sons", "seed"}, "以扫": {"Esau"},
    "利未人": {"Levites"}, "巴兰": {"Balaam"}, "父亲": {"father"}, "舍客勒": {"shekels", "shekel"},
    "牲畜": {"cattle", "beasts"}, "供物": {"offering", "oblation"}, "利亚": {"Leah"},
    "迦南": {"Canaan"}, "幔子": {"curtains", "vail"}, "脂油": {"fat"},
    "起名叫": {"called his name", "called her name"}, "羊羔": {"lamb", "lambs"}, "拉班": {"Laban"},
    "公绵羊": {"ram", "rams"}, "公牛": {"bullock", "bullocks"},
    "火祭": {"made by fire", "offering made by fire"},
    "灾病": {"plague"}, "会众": {"congregation"}, "没有残疾": {"without blemish"},
    "仆人": {"servant", "servants"}, "支派": {"tribe"},
    "以色列全会众": {"congregation of the children of Israel", "congregation of Israel"},
    "公山羊": {"goats", "he goats", "goat"}, "以弗得": {"ephod"}, "朱红色线": {"scarlet"},
    "拉结": {"Rachel"}, "公羊羔": {"he lambs", "lambs"}, "大麻疯": {"leprosy"},
    "旷野": {"wilderness"}, "利百加": {"Rebekah"}, "馨香": {"sweet savour"}, "羊群": {"flocks", "flock"},
    "帐棚": {"tent", "tents"}, "挪亚": {"Noah"}, "洗衣服": {"wash his clothes"},
    "世世代代": {"generations"}, "头生": {"firstborn", "firstlings"}, "巴勒": {"Balak"},
    "公羊": {"rams", "ram"}, "带卯": {"sockets"}, "灯台": {"candlestick"}, "撒拉": {"Sarah"},
    "弟兄": {"brethren", "brother"}, "族长": {"dukes", "duke"}, "亚比米勒": {"Abimelech"},
    "妻子": {"wife"}, "女儿": {"daughter", "daughters"}, "细面": {"fine flour", "flour"},
    "安息日": {"sabbath"}, "便雅悯": {"Benjamin"}, "玛拿西": {"Manasseh"}, "流便": {"Reuben"},
    "罗得": {"Lot"}, "以实玛利": {"Ishmael"}, "后裔": {"seed"}, "施恩座": {"mercy seat"},
    "皂荚木": {"shittim wood"}, "亚摩利人": {"Amorites"}, "祭司亚伦": {"Aaron the priest"},
    "成圣": {"sanctify", "sanctified", "hallow"}, "亚比": set(), "同献": set(), "晓谕": {"speak"},
}
# Main characters of the six MAC-Dev chapters (10+ mentions), with the spelling their published
# translations use; the translation of 三体 mostly says "Wang" and "Sha", which counts too.
MAC_NAMES = {
    "001": [("陈清扬", {"Chen Qingyang"})],
    "002": [("韦小宝", {"Trinket"})],
    "003": [("宝玉", {"Bao-yu"}), ("袭人", {"Aroma"})],
    "004": [("余占鳌", {"Yu Zhan'ao"}), ("单扁郎", {"Shan Bianlang"})],
    "005": [("王琦瑶", {"Wang Qiyao"}), ("吴佩珍", {"Wu Peizhen"})],
    "006": [("汪淼", {"Wang Miao", "Wang"}), ("沙瑞山", {"Sha Ruishan", "Sha"})],
}
SEED_TERMS = ["外交部发言人", "涉疆", "人权高专办", "美国政府有关部门"]
FURNITURE = ["详细报道", "阅读更多", "展示更多", "图片来源", "原标题", "责任编辑"]


def gold_segments(src: Path, tgt: Path, gold: Path, doc: str, swap: bool) -> list[Segment]:
    """Segments from a gold alignment: the sentences of each bead joined (zh first)."""
    src_lines, tgt_lines = src.read_text().splitlines(), tgt.read_text().splitlines()
    src_glue, tgt_glue = (" ", "") if swap else ("", " ")  # Chinese sentences join with no space
    out = []
    for bead in parse_beads(gold.read_text()):
        if bead.src and bead.tgt:
            a = src_glue.join(src_lines[i] for i in bead.src)
            b = tgt_glue.join(tgt_lines[i] for i in bead.tgt)
            out.append(Segment(b, a, doc) if swap else Segment(a, b, doc))
    return out


def bible(gold: str) -> list[Segment]:
    folder = DATA / "bible-zh-en"
    return gold_segments(folder / "bible.en", folder / "bible.zh", folder / "gold" / f"{gold}.align",
                         "bible", swap=True)


def top_bilingual(glossary: Glossary, n: int = 50) -> list:
    return [e for e in glossary.entries if not e.monolingual][:n]


def judge(entries) -> tuple[int, list[str]]:
    correct, lines = 0, []
    for rank, e in enumerate(entries, 1):
        accepted = BIBLE_ACCEPTED.get(e.src)
        verdict = "?" if accepted is None else ("ok" if e.tgt in accepted else "WRONG")
        correct += verdict == "ok"
        lines.append(f"| {rank} | {e.src} | {e.tgt} | {e.src_freq}/{e.tgt_freq} | {e.confidence:.2f} "
                     f"| {verdict} |")
    return correct, lines


def bible_5k(encoder) -> list[str]:
    started = time.perf_counter()
    glossary = build_glossary(bible("001"), GlossaryOptions(top=300), encoder)
    seconds = time.perf_counter() - started
    correct, table = judge(top_bilingual(glossary))
    print(f"Bible 5k (gold segments): {correct}/50 correct, {seconds:.0f} s")
    return ["### Bible zh-en, first 5,000 English sentences (segments from the gold alignment)\n",
            f"Top 50 bilingual entries: **{correct}/50 correct** ({seconds:.0f} s, encoder similarity on).\n",
            "| # | zh | en | freq zh/en | confidence | judged |", "|---|---|---|---|---|---|", *table, ""]


def bible_tmx(path: Path, encoder) -> list[str]:
    from tmx.glossary import tmx_segments

    glossary = build_glossary(tmx_segments([path], "zh", "en"), GlossaryOptions(top=300), encoder)
    correct, table = judge(top_bilingual(glossary))
    print(f"Bible 5k ({path.name}, aligned by align pair): {correct}/50 correct")
    return [f"### Bible zh-en 5k aligned by `align pair --presplit` ({path.name})\n",
            f"Top 50 bilingual entries: **{correct}/50 correct** (same judging).\n",
            "| # | zh | en | freq zh/en | confidence | judged |", "|---|---|---|---|---|---|", *table, ""]


def mac_dev(encoder) -> list[str]:
    folder = DATA / "mac-dev-zh-en"
    segments = [s for gold in sorted((folder / "gold").glob("*.align"))
                for s in gold_segments(folder / "zh" / gold.stem, folder / "en" / gold.stem, gold,
                                       gold.stem, swap=False)]
    glossary = build_glossary(segments, GlossaryOptions(top=500), encoder)
    found = {e.src: (e.tgt, rank) for rank, e in enumerate(glossary.entries, 1)}
    lines = ["### MAC-Dev (six novel chapters, gold segments): main characters\n",
             "| chapter | name | expected | glossary (rank) |", "|---|---|---|---|"]
    hits = total = 0
    for chapter, names in MAC_NAMES.items():
        for zh, spellings in names:
            got, rank = found.get(zh, ("(not listed)", "-"))
            total += 1
            hits += got in spellings
            lines.append(f"| {chapter} | {zh} | {' or '.join(sorted(spellings))} | {got or '-'} ({rank}) |")
    print(f"MAC-Dev names: {hits}/{total} with the expected English spelling")
    return [*lines, f"\n{hits}/{total} main characters listed with the translation's spelling.\n"]


def seeds(encoder) -> list[str]:
    docs = [read_document(p) for p in sorted((REPO / "seeds").glob("*.txt"))]
    segments = [Segment(t, "", d.name) for d in docs if d.lang == "zh" for t in segment(d).texts]
    glossary = build_glossary(segments, GlossaryOptions(top=300), encoder)
    ranks = {e.src: rank for rank, e in enumerate(glossary.entries, 1)}
    top = [e.src for e in glossary.entries[:30]]
    furniture = [f for f in FURNITURE if f in ranks]
    print("seeds:", {t: ranks.get(t) for t in SEED_TERMS}, "furniture:", furniture)
    return ["### Chinese seeds alone (three documents, monolingual)\n",
            "| term | rank |", "|---|---|", *(f"| {t} | {ranks.get(t, 'not listed')} |" for t in SEED_TERMS),
            f"\nPage furniture listed: {', '.join(furniture) or 'none'} (checked: {', '.join(FURNITURE)}).\n",
            f"Top 30: {' · '.join(top)}\n"]


def run_glossary(tmx: Path, out: Path) -> tuple[float, float]:
    """`align glossary TMX -o OUT` in a child process: wall seconds and the peak RSS (MB) of
    the largest child so far (so call this for growing inputs)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, str(REPO / "cli.py"), "glossary", str(tmx), "-o", str(out), "-q"],
                   check=True)
    return time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def bible_30k() -> list[str]:
    """`align glossary` on a 30k-sentence TMX, in a child process: wall time and peak RSS."""
    segments = bible("006")
    alignment = Alignment(Sentences("zh", [s.src for s in segments], [0] * len(segments), "bible.zh"),
                          Sentences("en", [s.tgt for s in segments], [0] * len(segments), "bible.en"),
                          [Bead((i,), (i,), 1.0) for i in range(len(segments))])
    with tempfile.TemporaryDirectory() as tmp:
        tmx = Path(tmp) / "bible30k.tmx"
        tmx.write_bytes(to_tmx(alignment))
        size = tmx.stat().st_size / 2**20
        seconds, rss = run_glossary(tmx, Path(tmp) / "g.tbx")
    print(f"Bible 30k: {len(segments)} TUs, {size:.1f} MB TMX, {seconds:.0f} s, peak RSS {rss:.0f} MB")
    return ["### Bible 30k: time and memory\n",
            f"`align glossary bible30k.tmx -o g.tbx` ({len(segments):,} TUs from the gold alignment, "
            f"{size:.1f} MB TMX, top 500, encoder e5): **{seconds:.0f} s, peak RSS {rss:.0f} MB** "
            "(child process, 2 cores). The TMX is streamed and candidates go to a temporary "
            "file; the count tables are capped, so memory tracks the number of distinct "
            "candidates, not the file size.\n"]


def write_big_tmx(path: Path, megabytes: float) -> int:
    """A TMX 1.4 of about ``megabytes``, streamed to disk: each TU joins two random verse
    pairs of the Bible 30k, so nearly all segments differ. Returns the number of TUs."""
    pairs = [(s.src, s.tgt) for s in bible("006")]
    rng = random.Random(5)
    n = 0
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header creationtool='
                  '"bench-glossary" creationtoolversion="1" segtype="sentence" o-tmf="none" '
                  'adminlang="en" srclang="zh-CN" datatype="plaintext"/>\n<body>\n')
        while out.tell() < megabytes * 2**20:
            (zh1, en1), (zh2, en2) = rng.choice(pairs), rng.choice(pairs)
            out.write(f'<tu tuid="{n}"><prop type="x-source-doc">book{n // 500}</prop>'
                      f'<tuv xml:lang="zh-CN"><seg>{escape(zh1 + zh2)}</seg></tuv>'
                      f'<tuv xml:lang="en-US"><seg>{escape(en1 + " " + en2)}</seg></tuv></tu>\n')
            n += 1
        out.write("</body>\n</tmx>\n")
    return n


def big_tmx(megabytes: float) -> list[str]:
    """Time and peak memory of `align glossary` on a TMX of about ``megabytes``."""
    with tempfile.TemporaryDirectory() as tmp:
        tmx = Path(tmp) / "big.tmx"
        units = write_big_tmx(tmx, megabytes)
        size = tmx.stat().st_size / 2**20
        seconds, rss = run_glossary(tmx, Path(tmp) / "g.tsv")
    print(f"big TMX: {units} TUs, {size:.0f} MB, {seconds:.0f} s, peak RSS {rss:.0f} MB")
    return [f"### A {size:.0f} MB TMX: time and memory\n",
            f"`align glossary big.tmx -o g.tsv` ({units:,} TUs, each two random Bible verse pairs "
            f"joined, {units // 500 + 1:,} documents, top 500, encoder e5): **{seconds:.0f} s, peak "
            f"RSS {rss:.0f} MB** (child process).\n"]


def write_section(lines: list[str]) -> None:
    section = "## Glossary\n\n" + "\n".join(lines).rstrip() + "\n"
    text = BENCHMARKS.read_text(encoding="utf-8") if BENCHMARKS.exists() else ""
    pattern = re.compile(r"^## Glossary\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda m: section + ("\n" if m.end() < len(text) else ""), text)
    else:
        text = text.rstrip() + "\n\n" + section
    BENCHMARKS.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tmx", type=Path, help="Bible 5k TMX aligned by `align pair` to judge too")
    parser.add_argument("--tmx-size", type=float, metavar="MB", help="also time a TMX of this size")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"{DATA} not present: nothing to measure")
        return
    encoder = CachedEncoder(load_encoder("e5"))
    lines = ["Measured by `python bench/glossary.py` (2 cores, bundled e5 encoder for term "
             "similarity). Correctness of the Bible entries was judged by hand against the "
             "King James text and CC-CEDICT; the judgements are in the script (`BIBLE_ACCEPTED`).\n"]
    lines += bible_5k(encoder)
    if args.tmx:
        lines += bible_tmx(args.tmx, encoder)
    lines += mac_dev(encoder) + seeds(encoder) + bible_30k()
    if args.tmx_size:
        lines += big_tmx(args.tmx_size)
    if not args.no_write:
        write_section(lines)


if __name__ == "__main__":
    main()
