"""Export a sentence-transformers model to ONNX once, at build time, so searching needs no torch.

sentence-transformers stays the source of the model and the reference for its vectors: the whole
pipeline (transformer, pooling, normalisation, any dense layer) is traced with the TorchScript
exporter of ``torch.onnx.export`` (dynamic batch and sequence axes), and the tokenizer that
sentence-transformers uses is saved as ``tokenizer.json`` for the ``tokenizers`` library.

Why not ``SentenceTransformer(..., backend="onnx")``: it needs Optimum, whose ONNX packages did not
import against the installed transformers 5.x; exporting with torch itself needs nothing beyond
what builds the index already has, and the runtime then needs only ``onnxruntime`` and ``tokenizers``.

The traced graph is then rewritten by ONNX Runtime's transformer optimizer (``optimize_model``,
which ships inside ``onnxruntime``): each layer's attention becomes one fused ``Attention`` node and
the embeddings one ``EmbedLayerNormalization``: fewer, larger operators, which made a query about a
tenth cheaper than ONNX Runtime's own graph optimisations alone (batches of passages, whose time
is in the matrix products either way, gained a few per cent). It recognises attention only in the eager
(matmul-softmax) form, so the model is traced with eager attention. The fused graph is kept only
when its vectors match the traced graph's on padded batches of texts of several lengths; otherwise
(an architecture the optimizer misreads) the traced graph is used as it is.

Every export is written to a temporary folder next to its place and renamed into it, so a reader
never sees half an export; the int8 variant (dynamic quantisation by ONNX Runtime) is added the same
way, file by file.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import warnings
from importlib import metadata
from pathlib import Path
from typing import Any

from chemkg.search.model_files import (
    BUNDLED,
    DEFAULT_MODEL,
    EXPORT_FORMAT,
    MAX_TOKENS,
    META,
    MODEL_FILES,
    TOKENIZER,
    ModelUnavailable,
    model_location,
)

OPSET = 17
TRACED = "traced.onnx"  # what torch writes, before ONNX Runtime optimises it into model.onnx
FUSED = "fused.onnx"  # the traced graph with attention and embeddings fused by the transformer optimizer
MIN_FUSED_COSINE = 0.99999  # the fused graph's vectors against the traced graph's, below which it is not used
# Texts of several lengths, embedded together (so padded) by both graphs before the fused one is kept.
CHECK_TEXTS = (
    "mercury",
    "kwik in thermometers",
    "Perfluorooctane sulfonic acid, its salts and perfluorooctane sulfonyl fluoride are listed in Annex B of the "
    "Stockholm Convention with acceptable purposes and specific exemptions for firefighting foam.",
    "Verdrag van Rotterdam: procedure van voorafgaande geïnformeerde toestemming voor de uitvoer van gevaarlijke "
    "chemicaliën en bestrijdingsmiddelen.",
)
INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def load_sentence_transformer(name: str) -> Any:
    """The sentence-transformers model itself (imports torch): the reference the export is checked against."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    try:
        model = SentenceTransformer(model_location(name), device="cpu")
    except (OSError, ValueError) as exc:
        raise ModelUnavailable(
            f"cannot load the embedding model {name!r} offline ({exc}); set CHEMKG_MODEL_NAME to a local "
            f"model folder or to {DEFAULT_MODEL!r}"
        ) from None
    if name in BUNDLED:
        model.max_seq_length = MAX_TOKENS
    return model


def export(name: str, folder: Path) -> None:
    """Export the model ``name`` into ``folder`` (replacing whatever is there), atomically."""
    import torch

    model = load_sentence_transformer(name)
    eager_attention(model)
    tokenizer = model.tokenizer
    features = model.preprocess(["an example sentence"])
    inputs = tuple(k for k in INPUTS if k in features)
    pipeline = _pipeline(model, inputs).eval()
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    work.chmod(0o755)  # mkdtemp makes it private; the serving user may be another one
    try:
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")  # the TorchScript exporter announces its own deprecation
            torch.onnx.export(
                pipeline,
                tuple(features[k] for k in inputs),
                str(work / TRACED),
                dynamo=False,
                input_names=list(inputs),
                output_names=["sentence_embedding"],
                dynamic_axes={**{k: {0: "batch", 1: "sequence"} for k in inputs}, "sentence_embedding": {0: "batch"}},
                opset_version=OPSET,
            )
        fused = fuse(work / TRACED, work / FUSED, model)
        _optimise(work / (FUSED if fused else TRACED), work / MODEL_FILES["fp32"])
        for temporary in (TRACED, FUSED):
            (work / temporary).unlink(missing_ok=True)
        backend = tokenizer.backend_tokenizer
        backend.no_truncation()
        backend.no_padding()
        backend.save(str(work / TOKENIZER))
        meta = {
            "format": EXPORT_FORMAT,
            "model": name,
            "inputs": list(inputs),
            "dim": int(model.get_embedding_dimension()),
            "max_tokens": int(model.max_seq_length),
            "pad_id": int(tokenizer.pad_token_id or 0),
            "pad_type_id": int(getattr(tokenizer, "pad_token_type_id", 0) or 0),
            "pad_token": str(tokenizer.pad_token or "[PAD]"),
            "padding_side": str(tokenizer.padding_side),
            "truncation_side": str(tokenizer.truncation_side),
            "fused": fused,
            "exported_with": {
                p: _version(p) for p in ("torch", "sentence-transformers", "transformers", "onnxruntime")
            },
        }
        _write_meta(work, meta)
        _replace(work, folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def eager_attention(model: Any) -> None:
    """Trace attention as plain matmul and softmax (the form the transformer optimizer fuses).

    Same weights and the same arithmetic as the default (SDPA) attention, so the same vectors.
    """
    for module in model.modules():
        setter = getattr(module, "set_attn_implementation", None)
        if callable(setter) and getattr(module, "config", None) is not None:
            with contextlib.suppress(ValueError, NotImplementedError, TypeError):  # a model with one kind only
                setter("eager")
            return


def fuse(traced: Path, target: Path, model: Any) -> dict[str, int]:
    """Write the graph with attention, embeddings, layer norms and GELU fused; the fusions made, or {}.

    {} (and no file) when the optimizer fails, fuses no attention, or changes the vectors.
    """
    import logging

    from onnxruntime.transformers.optimizer import optimize_model

    config = getattr(getattr(model[0], "auto_model", None), "config", None)
    heads = int(getattr(config, "num_attention_heads", 0) or 0)
    hidden = int(getattr(config, "hidden_size", 0) or 0)
    quiet = logging.getLogger("onnxruntime.transformers")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # it logs every fusion it tries
    try:
        optimised = optimize_model(
            str(traced), model_type="bert", num_heads=heads, hidden_size=hidden, opt_level=0, use_gpu=False
        )
        counts = {k: int(v) for k, v in optimised.get_fused_operator_statistics().items() if v}
        if not counts.get("Attention"):
            return {}
        optimised.save_model_to_file(str(target))
    except Exception:  # an architecture the optimizer cannot read: the traced graph serves as it is
        return {}
    finally:
        quiet.setLevel(level)
    try:
        agreement = _agreement(traced, target, model)
    except Exception:  # a fused graph ONNX Runtime cannot run: the traced graph serves as it is
        agreement = 0.0
    if agreement < MIN_FUSED_COSINE:
        target.unlink(missing_ok=True)
        return {}
    return counts


def _agreement(traced: Path, fused: Path, model: Any) -> float:
    """The lowest cosine between the two graphs' vectors of ``CHECK_TEXTS``, embedded as one padded batch."""
    import numpy as np
    import onnxruntime as ort

    features = model.tokenizer(list(CHECK_TEXTS), padding=True, truncation=True, return_tensors="np")
    vectors = []
    for graph in (traced, fused):
        session = ort.InferenceSession(str(graph), providers=["CPUExecutionProvider"])
        feed = {i.name: np.asarray(features[i.name], dtype=np.int64) for i in session.get_inputs()}
        out = np.asarray(session.run(None, feed)[0], dtype=np.float64)
        vectors.append(out / np.linalg.norm(out, axis=1, keepdims=True))
    return float((vectors[0] * vectors[1]).sum(axis=1).min())


def _optimise(traced: Path, target: Path) -> None:
    """Save the graph as ONNX Runtime optimises it (fused layer norms and GELU, folded constants).

    Loading the optimised graph takes half the time of optimising the traced one at every start; the
    "extended" level is the highest whose result does not depend on the CPU it ran on.
    """
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
    options.optimized_model_filepath = str(target)
    ort.InferenceSession(str(traced), options, providers=["CPUExecutionProvider"])


def _pipeline(model: Any, inputs: tuple[str, ...]) -> Any:
    """The model as a module of positional tensors, which is what the exporter traces."""
    import torch

    class Pipeline(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, *tensors: torch.Tensor) -> torch.Tensor:
            return self.model(dict(zip(inputs, tensors, strict=True)))["sentence_embedding"]

    return Pipeline()


def add_int8(folder: Path) -> None:
    """Add the dynamically quantised (int8 weights) variant of the fp32 export in ``folder``."""
    from onnx import TensorProto
    from onnxruntime.quantization import QuantType, quantize_dynamic

    handle, temp = tempfile.mkstemp(prefix=".int8.", suffix=".onnx", dir=folder)
    os.close(handle)
    try:
        # The fp32 graph is already optimised (fused contrib ops shape inference cannot type): say it is float.
        quantize_dynamic(
            str(folder / MODEL_FILES["fp32"]),
            temp,
            weight_type=QuantType.QInt8,
            extra_options={"DefaultTensorType": TensorProto.FLOAT},
        )
        os.chmod(temp, 0o644)
        os.replace(temp, folder / MODEL_FILES["int8"])
    finally:
        Path(temp).unlink(missing_ok=True)
    meta = json.loads((folder / META).read_text(encoding="utf-8"))
    _write_meta(folder, meta)


def _write_meta(folder: Path, meta: dict[str, Any]) -> None:
    """Write ``export.json`` with the size of every file it vouches for (a truncated copy is then noticed)."""
    meta["sizes"] = {
        file: (folder / file).stat().st_size for file in (*MODEL_FILES.values(), TOKENIZER) if (folder / file).exists()
    }
    handle, temp = tempfile.mkstemp(prefix=".export.", suffix=".json", dir=folder)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(meta, out, indent=2)
    os.chmod(temp, 0o644)
    os.replace(temp, folder / META)


def _replace(work: Path, folder: Path) -> None:
    """Put the finished export in place; a damaged one there is moved aside first, then deleted."""
    old = None
    if folder.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old.", dir=folder.parent))
        os.replace(folder, old / "export")
    try:
        os.replace(work, folder)
    except OSError:
        if not folder.exists():  # another process may have put an export there meanwhile; else re-raise
            raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None
