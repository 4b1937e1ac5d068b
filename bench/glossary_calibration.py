"""The glossary confidence's fit and its calibration, from the judged entries
(``bench/glossary_judgements.py``): a logistic model of the entries' evidence, measured
leave-one-corpus-out. Used by ``bench/glossary.py``."""

from __future__ import annotations

import math

import numpy as np

from align.terms import Glossary


def same_rendering(got: str, accepted: set[str]) -> bool:
    """Case and a leading article aside, is ``got`` one of the accepted renderings?"""
    def norm(text: str) -> str:
        return text.lower().removeprefix("the ").strip()

    return norm(got) in {norm(a) for a in accepted}


def judged_rows(glossary: Glossary, accepted_by_term: dict[str, set[str]]) -> list[tuple[tuple, bool]]:
    """(evidence, correct) of each judged entry that has a translation, listed or below the
    confidence cut (``unsure``): which entries these are does not depend on the weights, so
    the fit is a function of the judgements alone and settles in one run."""
    return [(e.evidence, same_rendering(e.tgt or e.unsure, accepted_by_term[e.src])) for e in glossary.entries
            if (e.tgt or e.unsure) and e.evidence and not e.user and e.src in accepted_by_term]


def fit_logistic(rows: list[tuple[tuple, bool]], l2: float = 1.0) -> tuple[float, ...]:
    """Weights (intercept first) of a logistic regression, by Newton's method with an L2 penalty."""
    x = np.array([[1.0, *f] for f, _ in rows])
    y = np.array([float(ok) for _, ok in rows])
    w = np.zeros(x.shape[1])
    penalty = np.eye(x.shape[1]) * l2
    penalty[0, 0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ w))
        gradient = x.T @ (p - y) + penalty @ w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + penalty
        w -= np.linalg.solve(hessian, gradient)
    return tuple(round(float(v), 2) for v in w)


def _bins(predicted: list[float], correct: list[bool]) -> list[str]:
    lines = []
    for low, high in ((0.0, 0.6), (0.6, 0.8), (0.8, 0.9), (0.9, 1.01)):
        pairs = [(p, ok) for p, ok in zip(predicted, correct, strict=True) if low <= p < high]
        if pairs:
            mean = sum(p for p, _ in pairs) / len(pairs)
            hit = sum(ok for _, ok in pairs) / len(pairs)
            lines.append(f"| {low:.1f}–{min(high, 1):.1f} | {len(pairs)} | {mean:.2f} | {hit:.2f} |")
    return lines


def calibration(judged: dict[str, list[tuple[tuple, bool]]], refit: bool) -> list[str]:
    """Leave one corpus out: fit on the others, predict its entries, compare with the judgements."""
    from align.terms.confidence import FEATURES, WEIGHTS

    predicted, correct = [], []
    for held_out in judged:
        train = [row for name, rows in judged.items() if name != held_out for row in rows]
        weights = fit_logistic(train)
        for features, ok in judged[held_out]:
            z = weights[0] + sum(w * f for w, f in zip(weights[1:], features, strict=True))
            predicted.append(1 / (1 + math.exp(-z)))
            correct.append(ok)
    everything = [row for rows in judged.values() for row in rows]
    fitted = fit_logistic(everything)
    print(f"confidence weights fitted on {len(everything)} judged entries ({', '.join(FEATURES)}): {fitted}")
    if refit:
        print("put them in align/terms/confidence.py (WEIGHTS) and run again")
    brier = sum((p - ok) ** 2 for p, ok in zip(predicted, correct, strict=True)) / max(len(correct), 1)
    return ["### Confidence calibration\n",
            f"The confidence is a logistic model of the evidence ({', '.join(FEATURES)}), fitted on the "
            f"judged entries of the three corpora above that have a translation, listed or below the "
            f"cut ({len(everything)} entries; which entries these are does not depend on the weights, so "
            f"the fit is a fixed point: refitted it gives {fitted}; weights in "
            f"`align/terms/confidence.py`: {WEIGHTS}). Measured leave-one-corpus-out (fitted on two "
            f"corpora, predicting the third), Brier score {brier:.3f}:\n",
            "| confidence | entries | mean confidence | share correct |", "|---|---|---|---|",
            *_bins(predicted, correct), ""]
