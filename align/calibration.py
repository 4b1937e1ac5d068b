"""Fitted parameters of the bead-confidence model; written by ``bench/calibrate.py``."""

#: Logistic weights, in the order of ``align.confidence.FEATURES``.
WEIGHTS = (
    0.3498,  # similarity
    -0.1465,  # similarity_sq
    0.8716,  # coverage
    0.7660,  # has_coverage
    -1.9216,  # length_sq
    -0.9402,  # extra_sentences
    -0.6266,  # one_to_one
    1.3981,  # mutual
    0.7313,  # neighbours
    -0.6959,  # gaps_near
    0.7104,  # document
    0.0698,  # rival
    -0.4687,  # document_merges
    -0.3568,  # similarity_with_coverage
    -0.8008,  # mutual_with_coverage
    0.1290,  # log_size
    0.6332,  # neighbour_short
    0.7983,  # intercept
)

#: Isotonic map from the logistic score to P(right): (scores, probabilities).
CURVE = (
    [
        -2.5439,
        -0.6826,
        -0.3674,
        0.1859,
        0.6285,
        0.769,
        0.9457,
        1.0065,
        1.181,
        1.3842,
        1.4806,
        1.5422,
        1.6628,
        1.9194,
        2.1299,
        2.2466,
        2.3943,
        2.4928,
        2.626,
        2.7985,
        2.8924,
        2.9929,
        3.0952,
        3.2737,
    ],
    [
        0.01,
        0.2617,
        0.5149,
        0.6444,
        0.6445,
        0.7453,
        0.7591,
        0.77,
        0.8037,
        0.8443,
        0.8577,
        0.8668,
        0.8731,
        0.8795,
        0.8931,
        0.9094,
        0.9243,
        0.9354,
        0.9421,
        0.9637,
        0.9704,
        0.9721,
        0.9895,
        0.99,
    ],
)
