"""Verdict benchmark: are unrelated pairs refused and true pairs (even partial) accepted?

    python bench/verdict.py

From the cached dev vectors (bench/vectors.py): every gold document pair
(true), the same pairs with the English side (target side for de-fr) cut to
its first third (partial, true), and every document's source against the
target of another text (unrelated: MAC-Dev chapter k against chapter k+1,
Text+Berg k against k+1, the Bible against a MAC-Dev chapter). From the files:
the seeds 000 ↔ 001 (unrelated), the demo pair and the demo's Chinese headline
alone against the English article (true). Each goes through the aligner as
``align pair`` does, then ``align.verdict.judge``. Writes its section of BENCHMARKS.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import write_section  # noqa: E402
from vectors import SETS, Doc, align, encode, lengths, load_set  # noqa: E402

from align.pipeline import segment  # noqa: E402
from align.reader import read_document  # noqa: E402
from align.verdict import Verdict, judge  # noqa: E402

SEEDS = ROOT / "seeds"


def verdict(src: list[str], tgt: list[str], src_vecs, tgt_vecs, langs) -> Verdict:
    beads = align(src, tgt, src_vecs, tgt_vecs, langs)
    return judge(beads, lengths(src).tolist(), lengths(tgt).tolist(), *langs)


def from_files(src_path: Path, tgt_path: Path, key: str, src_lines: int | None = None) -> Verdict:
    """A pair read and segmented as ``align pair`` does (optionally the source's first lines)."""
    sides = []
    for path, tag in ((src_path, "src"), (tgt_path, "tgt")):
        doc = read_document(str(path))
        if tag == "src" and src_lines:
            doc.paragraphs = doc.paragraphs[:src_lines]
        sentences = segment(doc)
        sides.append((sentences.texts, encode(sentences.texts, f"{key}.{tag}"), doc.lang))
    (s, sv, sl), (t, tv, tl) = sides
    return verdict(s, t, sv, tv, (sl, tl))


def _third(doc: Doc) -> Verdict:
    """The pair with its English side (the target when neither is English) cut to a third."""
    if doc.langs[0] == "en":
        n = len(doc.src) // 3
        return verdict(doc.src[:n], doc.tgt, doc.src_vecs[:n], doc.tgt_vecs, doc.langs)
    n = len(doc.tgt) // 3
    return verdict(doc.src, doc.tgt[:n], doc.src_vecs, doc.tgt_vecs[:n], doc.langs)


def cases() -> dict[str, list[tuple[str, Verdict]]]:
    sets = {name: load_set(name) for name in SETS}
    out: dict[str, list[tuple[str, Verdict]]] = {"true": [], "partial": [], "unrelated": []}
    for name, docs in sets.items():
        for k, doc in enumerate(docs):
            label = f"{name} {doc.name}"
            out["true"].append((label, verdict(doc.src, doc.tgt, doc.src_vecs, doc.tgt_vecs, doc.langs)))
            out["partial"].append((label + " (first third)", _third(doc)))
            other = docs[(k + 1) % len(docs)] if len(docs) > 1 else None
            if other is None:  # the Bible (en → zh) against a MAC-Dev chapter's Chinese
                other = Doc("mac-dev", "001 (Chinese)", ("", "zh"), [], sets["mac-dev"][0].src, None,
                            sets["mac-dev"][0].src_vecs, [])
            out["unrelated"].append((f"{label} vs {other.set} {other.name}", verdict(
                doc.src, other.tgt, doc.src_vecs, other.tgt_vecs, doc.langs)))
    seeds = sorted(SEEDS.glob("00[01]_*.txt"))
    out["unrelated"].append(("seeds 000 vs 001", from_files(seeds[0], seeds[1], "seeds/000-001")))
    zh, en = SEEDS / "demo" / "bachelet-visit.zh.txt", SEEDS / "demo" / "bachelet-visit.en.txt"
    out["true"].append(("demo pair", from_files(zh, en, "seeds/demo")))
    out["partial"].append(("demo headline vs article", from_files(zh, en, "seeds/headline", 1)))
    return out


def main() -> None:
    groups = cases()
    head = ("| pairs | count | refused | better-covered side: min | median | max |\n"
            "|---|---:|---:|---:|---:|---:|\n")
    body = ""
    for group, items in groups.items():
        best = sorted(max(v.src_coverage, v.tgt_coverage) for _, v in items)
        refused = sum(not v.translates for _, v in items)
        body += (f"| {group} | {len(items)} | **{refused}** | {best[0]:.0%} | "
                 f"{best[len(best) // 2]:.0%} | {best[-1]:.0%} |\n")
    detail = "".join(f"- {group}: {label}: {v.coverage_line()}{'' if v.translates else ' → refused'}\n"
                     for group, items in groups.items() for label, v in items)
    print(head + body + "\n" + detail)
    write_section("Verdict: translation or not", (
        "`python bench/verdict.py`: `align.verdict.judge` on true dev pairs, the same with "
        "the English (or target) side cut to its first third, and unrelated pairs (each dev "
        "document against another text; seeds 000 ↔ 001). Coverage: share of a side's "
        "characters in beads of confidence ≥ 0.5; a pair is refused when the better-covered "
        "side is below 45%, and never when a side has fewer than 8 sentences (a headline "
        "alone is too short to judge).\n\n" + head + body + "\n" + detail))


if __name__ == "__main__":
    main()
