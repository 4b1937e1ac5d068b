"""Fitted parameters of the bead-confidence model; written by ``bench/calibrate.py``."""

#: Logistic weights, in the order of ``align.confidence.FEATURES``.
WEIGHTS = (
    0.4332,  # similarity
    -0.0438,  # similarity_sq
    0.7830,  # coverage
    0.5554,  # has_coverage
    -1.7906,  # length_sq
    -0.8863,  # extra_sentences
    -0.5722,  # one_to_one
    1.1852,  # mutual
    0.7324,  # neighbours
    -0.8081,  # gaps_near
    0.7667,  # document
    0.0978,  # rival
    -0.4133,  # document_merges
    -0.3802,  # similarity_with_coverage
    -0.6326,  # mutual_with_coverage
    0.0368,  # log_size
    0.5348,  # neighbour_short
    -0.2401,  # furniture_pair
    -0.4290,  # drop_gain
    1.2487,  # intercept
)

#: Isotonic map from the logistic score to P(right): (scores, probabilities).
CURVE = (
    [
        -1.9251,
        -0.4757,
        -0.1074,
        0.0695,
        0.2806,
        0.9128,
        1.3362,
        1.5714,
        1.6676,
        1.694,
        1.9268,
        2.1276,
        2.232,
        2.3924,
        2.4752,
        2.5821,
        2.7377,
        2.8086,
        2.87,
        2.9577,
        3.0193,
        3.0727,
        3.2003,
    ],
    [
        0.01,
        0.3111,
        0.3114,
        0.6667,
        0.6677,
        0.7393,
        0.8142,
        0.8154,
        0.8333,
        0.8564,
        0.8839,
        0.9002,
        0.912,
        0.9139,
        0.9417,
        0.9448,
        0.9517,
        0.9635,
        0.9676,
        0.9836,
        0.99,
        0.99,
        0.99,
    ],
)
