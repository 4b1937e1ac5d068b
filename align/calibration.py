"""Fitted parameters of the bead-confidence model; written by ``bench/calibrate.py``."""

#: Logistic weights, in the order of ``align.confidence.FEATURES``.
WEIGHTS = (
    0.4348,  # similarity
    0.0222,  # similarity_sq
    0.7772,  # coverage
    0.6428,  # has_coverage
    -1.6214,  # length_sq
    -0.8874,  # extra_sentences
    -0.5937,  # one_to_one
    1.2269,  # mutual
    0.6619,  # neighbours
    -0.8044,  # gaps_near
    0.8273,  # document
    -0.1004,  # rival
    -0.6262,  # document_merges
    -0.4643,  # similarity_with_coverage
    -0.6862,  # mutual_with_coverage
    0.0096,  # log_size
    0.5706,  # neighbour_short
    -0.2456,  # furniture_pair
    -0.3961,  # drop_gain
    1.4210,  # intercept
)

#: Isotonic map from the logistic score to P(right): (scores, probabilities).
CURVE = (
    [
        -1.8165,
        -0.4942,
        -0.2723,
        -0.0136,
        0.1432,
        0.7928,
        1.1594,
        1.2976,
        1.4912,
        1.6185,
        1.7251,
        1.9643,
        2.2325,
        2.3947,
        2.4817,
        2.4865,
        2.6534,
        2.8376,
        2.9081,
        2.9565,
        3.0132,
        3.0898,
        3.1999,
    ],
    [
        0.01,
        0.3345,
        0.3738,
        0.3867,
        0.5501,
        0.7199,
        0.77,
        0.809,
        0.8237,
        0.8457,
        0.8696,
        0.8751,
        0.909,
        0.9179,
        0.918,
        0.9232,
        0.9485,
        0.9689,
        0.9729,
        0.9851,
        0.99,
        0.99,
        0.99,
    ],
)
