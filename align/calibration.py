"""Fitted parameters of the bead-confidence model; written by ``bench/calibrate.py``."""

#: Logistic weights, in the order of ``align.confidence.FEATURES``.
WEIGHTS = (
    0.3247,  # similarity
    -0.1421,  # similarity_sq
    0.8022,  # coverage
    0.6395,  # has_coverage
    -1.8685,  # length_sq
    -0.9635,  # extra_sentences
    -0.6751,  # one_to_one
    1.2703,  # mutual
    0.6775,  # neighbours
    -0.7090,  # gaps_near
    0.8121,  # document
    0.0889,  # rival
    -0.4734,  # document_merges
    -0.3453,  # similarity_with_coverage
    -0.7036,  # mutual_with_coverage
    0.0538,  # log_size
    0.5117,  # neighbour_short
    -0.2518,  # furniture_pair
    -0.4660,  # drop_gain
    1.2410,  # intercept
)

#: Isotonic map from the logistic score to P(right): (scores, probabilities).
CURVE = (
    [
        -2.4784,
        -1.0164,
        -0.6535,
        -0.3897,
        -0.1476,
        0.2407,
        0.8719,
        1.0005,
        1.3131,
        1.5632,
        1.6635,
        1.8916,
        2.143,
        2.2742,
        2.3872,
        2.5332,
        2.6011,
        2.6165,
        2.7602,
        2.8305,
        2.8927,
        2.9479,
        3.0101,
        3.1431,
    ],
    [
        0.01,
        0.139,
        0.2062,
        0.3936,
        0.542,
        0.6458,
        0.7483,
        0.7957,
        0.7988,
        0.8008,
        0.8797,
        0.8839,
        0.895,
        0.9164,
        0.9186,
        0.9407,
        0.946,
        0.947,
        0.9619,
        0.9657,
        0.9751,
        0.985,
        0.9852,
        0.99,
    ],
)
