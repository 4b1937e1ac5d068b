"""Candidate retrieval: the approximate index must find what the exact search finds."""

from __future__ import annotations

import numpy as np

from align import retrieval


def test_approximate_nearest_documents_find_the_planted_translations(monkeypatch):
    rng = np.random.default_rng(3)
    base = rng.standard_normal((2000, 64)).astype(np.float32)
    a = base / np.linalg.norm(base, axis=1, keepdims=True)
    b = base + 0.5 * rng.standard_normal(base.shape).astype(np.float32)
    b /= np.linalg.norm(b, axis=1, keepdims=True)
    exact = retrieval.nearest(a, b, 4)
    monkeypatch.setattr(retrieval, "EXACT_CELLS", 0)  # force the index
    approximate = retrieval.nearest(a, b, 4)
    assert approximate.shape == exact.shape == (2000, 4)
    assert (exact[:, 0] == np.arange(2000)).all()
    found = np.mean(approximate[:, 0] == np.arange(2000))
    assert found >= 0.97, found  # the planted partner is the nearest almost always
    np.testing.assert_array_equal(retrieval.nearest(a, b, 4), approximate)  # deterministic
