"""Evaluation on a BEIR-layout query set: nDCG@10, Recall@10 and MRR per language and per mode.

``queries.jsonl`` holds one ``{"_id", "text", "metadata": {"lang"}}`` per line and
``qrels/test.tsv`` the judgements ``query-id, corpus-id, score`` (corpus ids are entity IRIs;
score 2 = what the user is after, 1 = also a right answer).
"""

from __future__ import annotations

import csv
import json
import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from chemkg.search.engine import MODES, Searcher

K = 10
MRR_DEPTH = 100


@dataclass(frozen=True)
class Query:
    id: str
    text: str
    lang: str


@dataclass
class Scores:
    ndcg: float
    recall: float
    mrr: float
    queries: int


def load_queries(folder: Path) -> list[Query]:
    out = []
    with (folder / "queries.jsonl").open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                out.append(Query(row["_id"], row["text"], row.get("metadata", {}).get("lang", "en")))
    return out


def load_qrels(folder: Path, split: str = "test") -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = defaultdict(dict)
    with (folder / "qrels" / f"{split}.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            qrels[row["query-id"]][row["corpus-id"]] = int(row["score"])
    return dict(qrels)


def ndcg(ranked: list[str], relevant: dict[str, int], k: int = K) -> float:
    dcg = sum((2 ** relevant.get(iri, 0) - 1) / math.log2(i + 2) for i, iri in enumerate(ranked[:k]))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranked: list[str], relevant: dict[str, int], k: int = K) -> float:
    wanted = {iri for iri, g in relevant.items() if g > 0}
    return len(wanted & set(ranked[:k])) / len(wanted) if wanted else 0.0


def reciprocal_rank(ranked: list[str], relevant: dict[str, int]) -> float:
    return next((1.0 / (i + 1) for i, iri in enumerate(ranked) if relevant.get(iri, 0) > 0), 0.0)


def evaluate(searcher: Searcher, folder: Path, modes: tuple[str, ...] = MODES) -> dict[str, dict[str, Scores]]:
    """mode → language ("en", "nl", "all") → scores."""
    queries = load_queries(folder)
    qrels = load_qrels(folder)
    out: dict[str, dict[str, Scores]] = {}
    for mode in modes:
        per_lang: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
        for query in queries:
            relevant = qrels.get(query.id, {})
            result = searcher.search(query.text, lang=query.lang, limit=MRR_DEPTH, mode=mode)
            ranked = [h.iri for h in result.hits]
            triple = (ndcg(ranked, relevant), recall(ranked, relevant), reciprocal_rank(ranked, relevant))
            per_lang[query.lang].append(triple)
            per_lang["all"].append(triple)
        out[mode] = {lang: _mean(rows) for lang, rows in sorted(per_lang.items())}
    return out


def _mean(rows: list[tuple[float, float, float]]) -> Scores:
    n = len(rows)
    return Scores(sum(r[0] for r in rows) / n, sum(r[1] for r in rows) / n, sum(r[2] for r in rows) / n, n)
