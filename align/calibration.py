"""Fitted parameters of the bead-confidence model; written by ``bench/calibrate.py``."""

#: Logistic weights, in the order of ``align.confidence.FEATURES``.
WEIGHTS = (
    0.3626,  # similarity
    -0.1183,  # similarity_sq
    0.7934,  # coverage
    0.5414,  # has_coverage
    -1.7578,  # length_sq
    -0.9481,  # extra_sentences
    -0.6565,  # one_to_one
    1.2848,  # mutual
    0.6323,  # neighbours
    -0.9519,  # gaps_near
    0.7823,  # document
    0.0028,  # rival
    -0.3160,  # document_merges
    -0.3525,  # similarity_with_coverage
    -0.7044,  # mutual_with_coverage
    0.0376,  # log_size
    0.5218,  # neighbour_short
    -0.2146,  # furniture_pair
    -0.4657,  # drop_gain
    1.3593,  # intercept
)

#: Isotonic map from the logistic score to P(right): (scores, probabilities).
CURVE = (
    [
        -1.9593,
        -1.0656,
        -0.597,
        -0.3162,
        -0.2357,
        -0.0974,
        0.2493,
        0.599,
        0.9216,
        1.3085,
        1.5935,
        1.9353,
        2.1772,
        2.3181,
        2.4607,
        2.5014,
        2.5249,
        2.5321,
        2.6167,
        2.7469,
        2.8593,
        2.9519,
        3.039,
        3.1256,
    ],
    [
        0.01,
        0.1389,
        0.2618,
        0.2932,
        0.3509,
        0.5084,
        0.6713,
        0.7121,
        0.7445,
        0.7915,
        0.8391,
        0.8741,
        0.9075,
        0.9098,
        0.9307,
        0.9338,
        0.9357,
        0.9453,
        0.9464,
        0.9677,
        0.9714,
        0.9806,
        0.99,
        0.99,
    ],
)
