"""Fitted parameters of the bead-confidence model; written by ``bench/calibrate.py``."""

#: Logistic weights, in the order of ``align.confidence.FEATURES``.
WEIGHTS = (
    0.4879,  # similarity
    0.0535,  # similarity_sq
    0.7850,  # coverage
    0.5960,  # has_coverage
    -1.6785,  # length_sq
    -0.8769,  # extra_sentences
    -0.5548,  # one_to_one
    1.1813,  # mutual
    0.7015,  # neighbours
    -0.8492,  # gaps_near
    0.8264,  # document
    -0.1014,  # rival
    -0.5460,  # document_merges
    -0.4143,  # similarity_with_coverage
    -0.6651,  # mutual_with_coverage
    0.0182,  # log_size
    0.5617,  # neighbour_short
    -0.2422,  # furniture_pair
    -0.3941,  # drop_gain
    1.3236,  # intercept
)

#: Isotonic map from the logistic score to P(right): (scores, probabilities).
CURVE = (
    [
        -1.8606,
        -0.4917,
        -0.1292,
        0.0641,
        0.189,
        0.3527,
        0.8866,
        1.1472,
        1.3587,
        1.5506,
        1.6327,
        1.7074,
        2.3048,
        2.4827,
        2.51,
        2.5208,
        2.6705,
        2.8401,
        2.9162,
        2.9702,
        3.007,
        3.0486,
        3.1138,
        3.2514,
    ],
    [
        0.01,
        0.3111,
        0.3324,
        0.5091,
        0.6433,
        0.672,
        0.7364,
        0.7777,
        0.8172,
        0.8258,
        0.8494,
        0.8552,
        0.9113,
        0.9309,
        0.9357,
        0.9474,
        0.9492,
        0.9653,
        0.9718,
        0.9728,
        0.9887,
        0.99,
        0.99,
        0.99,
    ],
)
