"""Fitted parameters of the bead-confidence model; written by ``bench/calibrate.py``."""

#: Logistic weights, in the order of ``align.confidence.FEATURES``.
WEIGHTS = (
    0.3296,  # similarity
    -0.1434,  # similarity_sq
    0.8128,  # coverage
    0.6350,  # has_coverage
    -1.8657,  # length_sq
    -0.9710,  # extra_sentences
    -0.6890,  # one_to_one
    1.2649,  # mutual
    0.6748,  # neighbours
    -0.7331,  # gaps_near
    0.8111,  # document
    0.0804,  # rival
    -0.4641,  # document_merges
    -0.3383,  # similarity_with_coverage
    -0.7069,  # mutual_with_coverage
    0.0619,  # log_size
    0.5126,  # neighbour_short
    1.2265,  # intercept
)

#: Isotonic map from the logistic score to P(right): (scores, probabilities).
CURVE = (
    [
        -2.4896,
        -0.8726,
        -0.6472,
        -0.4102,
        -0.1556,
        0.347,
        0.8647,
        1.189,
        1.455,
        1.5706,
        1.6551,
        1.7276,
        1.8921,
        2.1631,
        2.3772,
        2.5332,
        2.6552,
        2.7647,
        2.8312,
        2.876,
        2.9047,
        2.9513,
        3.0101,
        3.1518,
    ],
    [
        0.01,
        0.139,
        0.2062,
        0.3701,
        0.5491,
        0.6412,
        0.7822,
        0.7915,
        0.8015,
        0.8319,
        0.8544,
        0.8797,
        0.8853,
        0.895,
        0.9233,
        0.9365,
        0.9519,
        0.9572,
        0.97,
        0.9728,
        0.9758,
        0.9793,
        0.9876,
        0.99,
    ],
)
