"""Fit the bead-confidence model on dev gold and check it on a held-out split.

    python bench/calibrate.py            # fit, report, write align/calibration.py
    python bench/calibrate.py --check    # report the shipped model only

Every dev document (vectors cached by bench/vectors.py) is aligned; each pair
bead is labelled 1 when it is exactly a gold bead. Split: MAC-Dev chapters
1, 3, 5 and Text+Berg documents 1, 3, 5, 7 and the first half of the Bible
beads train; MAC-Dev 2, 4, 6, Text+Berg 2, 4, 6 and the second half of the
Bible are held out. The logistic model is fitted on the training beads alone
(each set weighted equally, a small L2 penalty) and that fit is shipped; the
figures reported are on the held-out beads: expected calibration error over 10
bins and the share of beads at confidence ≥ 0.9 that are exactly right. Writes
the reliability diagram to bench/reliability.png and its section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import write_section  # noqa: E402
from vectors import SETS, align, load_set  # noqa: E402

from align.confidence import FEATURES, feature_matrix, probabilities  # noqa: E402

NAMES = {"mac-dev": "MAC-Dev zh→en", "textberg": "Text+Berg de→fr", "bible-5k": "Bible en→zh"}


def labelled(set_name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, exact-match labels and held-out flags of every pair bead of one set."""
    xs, ys, held = [], [], []
    for number, doc in enumerate(load_set(set_name)):
        beads, evidence = align(doc.src, doc.tgt, doc.src_vecs, doc.tgt_vecs, doc.langs,
                                evidence=True)
        gold = {(b.src, b.tgt) for b in doc.gold}
        pairs = [b for b in beads if b.is_pair]
        xs.append(feature_matrix(beads, evidence))
        ys.append(np.array([(b.src, b.tgt) in gold for b in pairs], dtype=float))
        if set_name == "bible-5k":
            held.append(np.arange(len(pairs)) >= len(pairs) // 2)
        else:
            held.append(np.full(len(pairs), number % 2 == 1))
    return np.concatenate(xs), np.concatenate(ys), np.concatenate(held)


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float = 1e-3) -> np.ndarray:
    """Weighted logistic regression (intercept unpenalised)."""
    mask = np.ones(x.shape[1])
    mask[-1] = 0.0

    def loss(beta: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ beta
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        ll = -(w * (y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z))).sum() / w.sum()
        grad = x.T @ (w * (p - y)) / w.sum()
        return -ll + l2 * (mask * beta**2).sum(), grad + 2 * l2 * mask * beta

    return minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B").x


def reliability(p: np.ndarray, y: np.ndarray, bins: int = 10) -> tuple[float, list[tuple]]:
    """Expected calibration error and (mean confidence, accuracy, count) per bin."""
    which = np.minimum((p * bins).astype(int), bins - 1)
    rows, ece = [], 0.0
    for b in range(bins):
        sel = which == b
        if sel.any():
            rows.append((p[sel].mean(), y[sel].mean(), int(sel.sum())))
            ece += sel.sum() / len(p) * abs(p[sel].mean() - y[sel].mean())
    return ece, rows


def plot(curves: dict[str, list[tuple]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 5), dpi=100)
    ax.plot([0, 1], [0, 1], color="grey", linestyle=":", label="perfect calibration")
    for name, rows in curves.items():
        conf, acc, _count = zip(*rows, strict=True)
        ax.plot(conf, acc, marker="o", label=name)
    ax.set_xlabel("confidence (mean per bin of 0.1)")
    ax.set_ylabel("share of beads exactly right")
    ax.set_title("Reliability on the held-out split")
    ax.legend(loc="upper left")
    fig.tight_layout()
    fig.savefig(path)


def write_weights(weights: np.ndarray) -> None:
    text = ('"""Fitted parameters of the bead-confidence model; written by ``bench/calibrate.py``."""\n\n'
            "#: Logistic weights, in the order of ``align.confidence.FEATURES``.\n"
            "WEIGHTS = (\n"
            + "".join(f"    {w:.4f},  # {name}\n" for name, w in zip(FEATURES, weights, strict=True))
            + ")\n")
    (ROOT / "align" / "calibration.py").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report the shipped model, fit nothing")
    args = parser.parse_args()
    data = {name: labelled(name) for name in SETS}
    if not args.check:
        x = np.concatenate([d[0][~d[2]] for d in data.values()])
        y = np.concatenate([d[1][~d[2]] for d in data.values()])
        w = np.concatenate([np.full((~d[2]).sum(), 1.0 / (~d[2]).sum()) for d in data.values()])
        weights = fit(x, y, w * len(w))
        write_weights(weights)
        print("weights:", dict(zip(FEATURES, np.round(weights, 3).tolist(), strict=True)))
    else:
        from align.calibration import WEIGHTS
        weights = np.array(WEIGHTS)
    head = ("| gold set | held-out beads | exactly right | ECE (10 bins) | beads ≥ 0.9 | "
            "right among ≥ 0.9 | beads < 0.5 | right among < 0.5 |\n|---|" + "---:|" * 7 + "\n")
    body, curves = "", {}
    for name, (x, y, held) in data.items():
        p, t = probabilities(x[held], weights), y[held]
        ece, rows = reliability(p, t)
        curves[NAMES[name]] = rows
        hi, lo = p >= 0.9, p < 0.5
        body += (f"| {NAMES[name]} | {len(t)} | {t.mean():.3f} | **{ece:.3f}** | {hi.sum()} | "
                 f"**{t[hi].mean() if hi.any() else float('nan'):.3f}** | {lo.sum()} | "
                 f"{t[lo].mean() if lo.any() else float('nan'):.3f} |\n")
    print(head + body)
    plot(curves, ROOT / "bench" / "reliability.png")
    write_section("Confidence calibration", (
        "`python bench/calibrate.py`: the logistic confidence model (`align/confidence.py`, "
        "weights in `align/calibration.py`) fitted on the training split of the dev gold "
        "(MAC-Dev chapters 1, 3, 5; Text+Berg 1, 3, 5, 7; first half of the Bible beads) and "
        "measured on the held-out rest. A bead counts as right only when it is exactly the "
        "gold bead. Bible: the beads of the first 1,000 English sentences of the 5k gold.\n\n"
        + head + body + "\n![Reliability diagram](bench/reliability.png)\n"))


if __name__ == "__main__":
    main()
