"""Peak memory and time of `align pair` on large inputs, with an instant fake encoder.

    nice -n 10 python bench/large_input.py [--sizes 1,2,5] [--data PATH]

Each size builds a Chinese and an English file of about that many MB from the
MAC-Dev gold beads (one line per bead on each side, repeated; every line ends in
a numbered tag), then one subprocess per size runs the library pipeline as
`align pair` does (read, segment, encode, align, TMX) with an instant encoder
that gives the two tagged lines of a bead the same vector, as a real encoder
would give a sentence and its translation near ones. So the figures are the
pipeline's own: the bundled encoder would add about 5 minutes per MB and little
memory. Prints a Markdown table (peak RSS from getrusage in the child).
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.encoders import CachedEncoder  # noqa: E402
from align.evaluate import parse_beads  # noqa: E402
from align.pipeline import PairOptions, align_documents, read_pair  # noqa: E402
from tests.conftest import SHARED  # noqa: E402
from tmx.formats import to_tmx  # noqa: E402

TAG = re.compile(r"<(\d+)>$")


class TaggedEncoder:
    """Instant vectors: a sentence ending in tag <n> gets the vector of n (its translation
    ends in the same tag), slightly perturbed by its text; untagged ones a random one."""

    name = "bench/tagged"

    def encode(self, sentences: list[str]) -> np.ndarray:
        rows = []
        for text in sentences:
            tag = TAG.search(text)
            base = np.random.default_rng(int(tag.group(1)) if tag else zlib.crc32(text.encode()))
            noise = np.random.default_rng(zlib.crc32(text.encode()))
            rows.append(base.standard_normal(64) + 0.3 * noise.standard_normal(64))
        out = np.array(rows, dtype=np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def build_pair(data: Path, megabytes: float, zh: Path, en: Path) -> None:
    """One line per gold bead on each side, every line tagged, until ``megabytes`` a side."""
    beads = []
    for gold in sorted((data / "gold").glob("*.align")):
        zh_lines = (data / "zh" / gold.stem).read_text(encoding="utf-8").splitlines()
        en_lines = (data / "en" / gold.stem).read_text(encoding="utf-8").splitlines()
        beads += [("".join(zh_lines[i] for i in b.src), " ".join(en_lines[j] for j in b.tgt))
                  for b in parse_beads(gold.read_text(encoding="utf-8")) if b.is_pair]
    limit, written, tag = megabytes * 2**20, 0, 0
    with zh.open("w", encoding="utf-8") as zh_out, en.open("w", encoding="utf-8") as en_out:
        while written < limit:
            for zh_text, en_text in beads:
                tag += 1
                zh_out.write(f"{zh_text} <{tag}>\n")
                en_out.write(f"{en_text} <{tag}>\n")
                written += len(zh_text.encode("utf-8"))


def child(zh: str, en: str) -> None:
    """Runs in a subprocess: the pipeline on one pair; prints figures as JSON."""
    started = time.perf_counter()
    options = PairOptions(max_bytes=2**40)
    src, tgt = read_pair(zh, en, options)
    result = align_documents(src, tgt, CachedEncoder(TaggedEncoder()), options)
    tmx = to_tmx(result)
    print(json.dumps({
        "sentences": len(result.src) + len(result.tgt), "seconds": time.perf_counter() - started,
        **{k: round(v, 1) for k, v in result.seconds.items()}, "tmx_mb": len(tmx) / 2**20,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,2,5", help="MB per side, comma-separated")
    parser.add_argument("--data", type=Path, default=SHARED / "data" / "mac-dev-zh-en")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    print("| MB per side | sentences (both sides) | seconds (segment / encode / align) | "
          "TMX MB | peak RSS MB |\n|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as work:
        for size in (float(s) for s in args.sizes.split(",")):
            zh, en = Path(work, "big.zh.txt"), Path(work, "big.en.txt")
            build_pair(args.data, size, zh, en)
            out = subprocess.run([sys.executable, __file__, "--child", str(zh), str(en)],
                                 check=True, capture_output=True, text=True).stdout
            row = json.loads(out.strip().splitlines()[-1])
            print(f"| {size:g} | {row['sentences']} | {row['seconds']:.0f} ({row['segment']} / "
                  f"{row['encode']} / {row['align']}) | {row['tmx_mb']:.1f} | {row['peak_mb']:.0f} |",
                  flush=True)


if __name__ == "__main__":
    main()
