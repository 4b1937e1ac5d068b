"""Fitted parameters of the bead-confidence model; written by ``bench/calibrate.py``."""

#: Logistic weights, in the order of ``align.confidence.FEATURES``.
WEIGHTS = (
    0.3530,  # similarity
    -0.1240,  # similarity_sq
    0.8017,  # coverage
    0.6064,  # has_coverage
    -1.7740,  # length_sq
    -0.9546,  # extra_sentences
    -0.6679,  # one_to_one
    1.2877,  # mutual
    0.6981,  # neighbours
    -0.8014,  # gaps_near
    0.7868,  # document
    0.1011,  # rival
    -0.3689,  # document_merges
    -0.3516,  # similarity_with_coverage
    -0.7010,  # mutual_with_coverage
    0.0441,  # log_size
    0.5188,  # neighbour_short
    -0.2411,  # furniture_pair
    -0.4705,  # drop_gain
    1.2554,  # intercept
)

#: Isotonic map from the logistic score to P(right): (scores, probabilities).
CURVE = (
    [
        -1.9949,
        -0.6383,
        -0.3549,
        -0.1093,
        0.2245,
        0.5843,
        0.7246,
        0.8128,
        0.976,
        1.4011,
        1.6321,
        1.6682,
        1.8795,
        2.0921,
        2.2218,
        2.3856,
        2.5473,
        2.632,
        2.6927,
        2.8231,
        2.9217,
        2.9568,
        3.027,
        3.1467,
    ],
    [
        0.01,
        0.2486,
        0.4143,
        0.5124,
        0.646,
        0.6575,
        0.7107,
        0.7498,
        0.7538,
        0.7993,
        0.8807,
        0.8815,
        0.8819,
        0.8894,
        0.9066,
        0.9124,
        0.9435,
        0.9511,
        0.9544,
        0.9637,
        0.9651,
        0.9825,
        0.9896,
        0.99,
    ],
)
