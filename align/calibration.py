"""Fitted parameters of the bead-confidence model; written by ``bench/calibrate.py``."""

#: Logistic weights, in the order of ``align.confidence.FEATURES``.
WEIGHTS = (
    0.2777,  # similarity
    -0.2976,  # similarity_sq
    0.7359,  # coverage
    1.0499,  # has_coverage
    -1.8913,  # length_sq
    -0.9467,  # extra_sentences
    -0.6287,  # one_to_one
    1.3670,  # mutual
    0.5125,  # neighbours
    -0.6509,  # gaps_near
    0.6231,  # document
    0.1050,  # rival
    -0.7747,  # document_merges
    -0.2856,  # similarity_with_coverage
    -0.9333,  # mutual_with_coverage
    0.1975,  # log_size
    0.3537,  # intercept
)

#: Isotonic map from the logistic score to P(right): (scores, probabilities).
CURVE = (
    [
        -2.2322,
        -0.5698,
        -0.452,
        0.2118,
        0.6749,
        0.8584,
        1.179,
        1.4963,
        1.6636,
        1.7193,
        2.0626,
        2.3363,
        2.469,
        2.6133,
        2.719,
        2.9195,
    ],
    [
        0.0,
        0.1493,
        0.2597,
        0.5958,
        0.7873,
        0.7905,
        0.8278,
        0.8694,
        0.8738,
        0.8887,
        0.9,
        0.9204,
        0.926,
        0.9424,
        0.9786,
        1.0,
    ],
)
