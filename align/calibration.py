"""Fitted parameters of the bead-confidence model; written by ``bench/calibrate.py``."""

#: Logistic weights, in the order of ``align.confidence.FEATURES``.
WEIGHTS = (
    0.4735,  # similarity
    0.0432,  # similarity_sq
    0.7665,  # coverage
    0.6103,  # has_coverage
    -1.6479,  # length_sq
    -0.8732,  # extra_sentences
    -0.5677,  # one_to_one
    1.1893,  # mutual
    0.6782,  # neighbours
    -0.8231,  # gaps_near
    0.8279,  # document
    -0.1357,  # rival
    -0.5800,  # document_merges
    -0.4227,  # similarity_with_coverage
    -0.6762,  # mutual_with_coverage
    0.0119,  # log_size
    0.5768,  # neighbour_short
    -0.2418,  # furniture_pair
    -0.3926,  # drop_gain
    1.3901,  # intercept
)

#: Isotonic map from the logistic score to P(right): (scores, probabilities).
CURVE = (
    [
        -1.8136,
        -0.4794,
        -0.0929,
        0.0811,
        0.1697,
        0.2332,
        0.3789,
        0.9053,
        1.1601,
        1.372,
        1.594,
        1.6739,
        1.7404,
        1.9065,
        2.0834,
        2.3216,
        2.4946,
        2.6644,
        2.8381,
        2.9199,
        3.0153,
        3.0991,
        3.239,
    ],
    [
        0.01,
        0.3345,
        0.3411,
        0.5876,
        0.6442,
        0.6754,
        0.6818,
        0.7242,
        0.8053,
        0.8105,
        0.8485,
        0.8558,
        0.8702,
        0.8752,
        0.8813,
        0.913,
        0.9351,
        0.9484,
        0.967,
        0.974,
        0.989,
        0.99,
        0.99,
    ],
)
