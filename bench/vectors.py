"""Dev gold sets as cached sentence vectors, so fitting and noise benchmarks never re-encode.

    python bench/vectors.py [SET ...]    # encode MAC-Dev, Text+Berg, Bible 5k once

Each document side is encoded once with the bundled encoder and stored as
``/work/cache/<encoder>/<set>/<doc>.<side>.npy`` (override with ``$ALIGN_CACHE``);
later runs load the file. ``load_set`` returns the documents with their
sentences, vectors and gold beads, in the order bench/run.py uses.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.evaluate import parse_beads  # noqa: E402
from align.types import Bead  # noqa: E402

#: ../shared/data beside the repository (or beside the folder of git worktrees).
DATA = next((p / "shared" / "data" for p in ROOT.parents[:2] if (p / "shared" / "data").is_dir()),
            ROOT.parent / "shared" / "data")
CACHE = Path(os.environ.get("ALIGN_CACHE", "/work/cache"))
SETS = {"mac-dev": ("zh", "en"), "textberg": ("de", "fr"), "bible-5k": ("en", "zh")}
#: English sentences of the Bible gold used: all 5,000 of the 5k gold (with the 6,301 Chinese
#: sentences they pair with), encoded once and cached.
BIBLE_EN = 5000
_encoder = None


@dataclass
class Doc:
    """One gold document pair with its vectors."""

    set: str
    name: str
    langs: tuple[str, str]
    src: list[str]
    tgt: list[str]
    src_vecs: np.ndarray
    tgt_vecs: np.ndarray
    gold: list[Bead]


def encode(texts: list[str], key: str) -> np.ndarray:
    """Vectors of ``texts``, from the cache when this exact list was encoded before."""
    global _encoder
    digest = hashlib.sha1("\n".join(texts).encode()).hexdigest()[:12]
    path = CACHE / "e5" / f"{key}.{digest}.npy"
    if path.exists():
        return np.load(path)
    if _encoder is None:
        from align.encoders import CachedEncoder, load_encoder
        _encoder = CachedEncoder(load_encoder("e5"))
    vecs = _encoder.encode(texts)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, vecs)
    return vecs


def _lines(path: Path, limit: int | None = None) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()[:limit]
    return [line.strip() for line in lines]


def _triples(name: str, data: Path) -> list[tuple[str, Path, Path, Path, int | None, int | None]]:
    if name == "mac-dev":
        d = data / "mac-dev-zh-en"
        return [(f"{n:03d}", d / "zh" / f"{n:03d}", d / "en" / f"{n:03d}",
                 d / "gold" / f"{n:03d}.align", None, None) for n in range(1, 7)]
    if name == "textberg":
        d = data / "textberg-de-fr"
        return [(f"{n:03d}", d / "de" / f"{n:03d}", d / "fr" / f"{n:03d}",
                 d / "gold" / f"{n:03d}.align", None, None) for n in range(1, 8)]
    d = data / "bible-zh-en"
    return [("001", d / "bible.en", d / "bible.zh", d / "gold" / "001.align", BIBLE_EN, None)]


def _last_target(gold: list[Bead], n_src: int) -> int:
    """Target sentences up to the last one paired with the first ``n_src`` source sentences."""
    return 1 + max(j for b in gold if b.src and b.src[-1] < n_src for j in b.tgt)


def load_set(name: str, data: Path = DATA) -> list[Doc]:
    """Every document of one dev gold set, encoded (or loaded from the cache)."""
    docs = []
    for doc, src_path, tgt_path, gold_path, n_src, n_tgt in _triples(name, data):
        gold = parse_beads(gold_path.read_text(encoding="utf-8"), str(gold_path))
        if n_src is not None:  # a prefix: the beads within it, and the target they cover
            gold = [b for b in gold if all(i < n_src for i in b.src)
                    and (b.src or (gold and b.tgt[0] < _last_target(gold, n_src)))]
            n_tgt = _last_target(gold, n_src)
        src, tgt = _lines(src_path, n_src), _lines(tgt_path, n_tgt)
        docs.append(Doc(name, doc, SETS[name], src, tgt, encode(src, f"{name}/{doc}.src"),
                        encode(tgt, f"{name}/{doc}.tgt"), gold))
    return docs


if __name__ == "__main__":
    for set_name in sys.argv[1:] or SETS:
        loaded = load_set(set_name)
        print(set_name, sum(len(d.src) + len(d.tgt) for d in loaded), "sentences", flush=True)


def lengths(texts: list[str]) -> np.ndarray:
    """Characters without spaces, as ``align.pipeline.sentence_lengths`` counts them."""
    return np.array([len(t.replace(" ", "")) for t in texts], dtype=float)


def align(src: list[str], tgt: list[str], src_vecs: np.ndarray, tgt_vecs: np.ndarray,
          langs: tuple[str, str], config=None, evidence: bool = False, background: bool = True):
    """Align presplit texts from their vectors with every input ``align pair --presplit``
    reads from the text (dictionary terms, page-furniture lines, the background sentences of a
    side too short to sample; not without ``background``): the beads (with confidences), or
    with ``evidence`` the uncalibrated beads and evidence."""
    from align.aligner import AlignConfig, align_vectors, align_with_evidence
    from align.background import background_texts
    from align.pipeline import text_evidence

    config = config or AlignConfig()
    run = align_with_evidence if evidence else align_vectors
    backgrounds = {f"{side}_background": encode(texts, f"background/{lang}")
                   for side, lang, size in (("src", langs[0], len(src)), ("tgt", langs[1], len(tgt)))
                   if background and (texts := background_texts(lang, size))}
    return run(src_vecs, tgt_vecs, lengths(src), lengths(tgt), config, **backgrounds,
               **text_evidence(src, tgt, langs[0], langs[1], config))
