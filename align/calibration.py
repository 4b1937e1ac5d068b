"""Fitted parameters of the bead-confidence model; written by ``bench/calibrate.py``."""

#: Logistic weights, in the order of ``align.confidence.FEATURES``.
WEIGHTS = (
    0.4738,  # similarity
    0.0437,  # similarity_sq
    0.7665,  # coverage
    0.6091,  # has_coverage
    -1.6463,  # length_sq
    -0.8730,  # extra_sentences
    -0.5671,  # one_to_one
    1.1889,  # mutual
    0.6779,  # neighbours
    -0.8239,  # gaps_near
    0.8275,  # document
    -0.1346,  # rival
    -0.5778,  # document_merges
    -0.4214,  # similarity_with_coverage
    -0.6751,  # mutual_with_coverage
    0.0120,  # log_size
    0.5763,  # neighbour_short
    -0.2415,  # furniture_pair
    -0.3922,  # drop_gain
    1.3886,  # intercept
)

#: Isotonic map from the logistic score to P(right): (scores, probabilities).
CURVE = (
    [
        -1.8135,
        -0.4794,
        -0.0932,
        0.0816,
        0.1696,
        0.2331,
        0.9054,
        1.1523,
        1.1677,
        1.371,
        1.5935,
        1.6742,
        1.7416,
        1.9086,
        2.0844,
        2.321,
        2.4793,
        2.4964,
        2.6677,
        2.8398,
        2.9213,
        3.0151,
        3.0988,
        3.2389,
    ],
    [
        0.01,
        0.3345,
        0.3411,
        0.5876,
        0.6442,
        0.6754,
        0.7242,
        0.8032,
        0.8075,
        0.8096,
        0.8504,
        0.8538,
        0.8734,
        0.8739,
        0.8818,
        0.9132,
        0.9312,
        0.9355,
        0.9484,
        0.9674,
        0.9732,
        0.989,
        0.99,
        0.99,
    ],
)
