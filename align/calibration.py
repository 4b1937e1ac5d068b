"""Fitted parameters of the bead-confidence model; written by ``bench/calibrate.py``."""

#: Logistic weights, in the order of ``align.confidence.FEATURES``.
WEIGHTS = (
    -0.1609,  # similarity
    -0.4947,  # similarity_sq
    0.4695,  # coverage
    0.2738,  # has_coverage
    -1.6243,  # length_sq
    -0.9460,  # extra_sentences
    -0.6884,  # one_to_one
    0.9088,  # mutual
    -0.1071,  # neighbours
    -0.5077,  # gaps_near
    0.0021,  # document
    -0.2294,  # rival
    -0.2936,  # document_merges
    -0.3178,  # similarity_with_coverage
    -0.6087,  # mutual_with_coverage
    2.7253,  # intercept
)
