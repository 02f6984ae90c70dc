"""The searcher: exact identifiers first, then BM25 and dense retrieval fused by reciprocal rank.

Fusion is reciprocal-rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009): a document's score is
``sum(1 / (RRF_K + rank))`` over the lists it appears in, with ``RRF_K = 60`` as in that paper
(a large K flattens the head of each list, so agreement between the two retrievers counts for
more than either one's first place). Each list contributes its top ``DEPTH`` documents.

Listings and exemptions are facets of an entity: when one matches ("fire-fighting foam" is a PFOS
exemption), ``ROLL_UP`` times the best such facet's fused score is added to the substance or group
it is about (the best one only, so an entity with fifty listings gains no more than one with one),
and the facets themselves count ``FACET_WEIGHT`` of their score, so the substance a user is after
rises above the fragments that mention the words.
"""

from __future__ import annotations

import gc
import json
import threading
import time
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np

from chemkg.search.dense import DenseIndex
from chemkg.search.documents import TYPES, Document
from chemkg.search.embedder import parse_cache_key
from chemkg.search.indexer import DOCUMENTS, LEXICON, PASSAGES, VECTORS, read_manifest
from chemkg.search.lexical import ExactMatch, load_lexical
from chemkg.search.lexicon import Lexicon
from chemkg.search.snippets import Analysis, analyse, explain_match, snippet
from chemkg.search.text import tokens

RRF_K = 60
DEPTH = 100
ROLL_UP = 0.5  # share of its best listing's or exemption's fused score an entity receives
FACET_WEIGHT = 0.7  # listings and exemptions are facets of an entity: they rank below it on equal evidence
TRANSLATED_WEIGHT = 0.5  # BM25 weight of the English words a Dutch query was translated into
# With no word of the query in the graph (no BM25 hit, no identifier), nearest neighbours are noise unless
# they are close: below this cosine similarity the search says "nothing matched" instead of guessing.
DENSE_ONLY_FLOOR = 0.5
# Entities only an official list names are embedded by their names (documents.py): in the dense ranking
# they count only when the query is about as close as a name to its misspelling or translation.
NAME_ONLY_FLOOR = 0.6
MODES = ("hybrid", "lexical", "dense")
LANGS = ("en", "nl")
ZZS_VALUES = ("zzs", "potential-zzs", "none")


class FilterError(ValueError):
    """A filter value that is not one of the allowed values; the message lists them."""

    def __init__(self, name: str, value: str, allowed: list[str]) -> None:
        super().__init__(f"unknown {name} {value!r}; allowed values: {', '.join(allowed)}")
        self.name = name
        self.value = value
        self.allowed = allowed


@dataclass
class Filters:
    types: list[str] = field(default_factory=list)
    instruments: list[str] = field(default_factory=list)
    annexes: list[str] = field(default_factory=list)
    zzs: list[str] = field(default_factory=list)

    def accepts(self, doc: Document) -> bool:
        if self.types and doc.type not in self.types:
            return False
        if self.instruments and not set(self.instruments) & set(doc.instruments):
            return False
        if self.annexes and not set(self.annexes) & set(doc.annexes):
            return False
        return not self.zzs or (doc.zzs or "none") in self.zzs

    @property
    def empty(self) -> bool:
        return not (self.types or self.instruments or self.annexes or self.zzs)


@dataclass
class Hit:
    iri: str
    type: str
    label: str
    snippet: str
    score: float
    explanation: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        """The hit as JSON data; shallow, where ``dataclasses.asdict`` deep-copies (a millisecond per answer)."""
        return dict(vars(self))


@dataclass
class SearchResult:
    query: str
    lang: str
    mode: str
    hits: list[Hit]
    read_as: dict[str, Any]
    # Milliseconds spent embedding the query and in the whole search, for the Server-Timing header.
    timings: dict[str, float] = field(default_factory=dict)


class Searcher:
    """A loaded index; thread-safe for reading. Loads the embedding model only when a query needs it."""

    def __init__(self, index_path: Path) -> None:
        self.path = index_path.resolve()
        self.manifest = read_manifest(self.path)
        # Queries are embedded by the model that embedded the passages, whatever the settings say now.
        self.model_name, self.precision, self.model_cache = model_of(self.manifest)
        self.docs = [Document.from_json(d) for d in _read(self.path / DOCUMENTS)]
        self.by_iri = {d.iri: i for i, d in enumerate(self.docs)}
        self.passages: list[dict[str, Any]] = _read(self.path / PASSAGES)
        self.passage_doc = np.array([p["doc"] for p in self.passages], dtype=np.int64)
        self.vectors = np.load(self.path / VECTORS)
        self.dense = DenseIndex.load(self.path, self.vectors)
        self.lexicon = Lexicon.from_json(_read(self.path / LEXICON))
        self.lexical = load_lexical(self.path, self.docs)
        self.parent = [self.by_iri.get(d.parent) if d.parent else None for d in self.docs]
        self.name_only = np.array([d.imported for d in self.docs], dtype=bool)
        self._analyses: dict[int, Analysis] = {}

    # -- what filters accept -------------------------------------------------------------------
    def allowed(self) -> dict[str, list[str]]:
        return {
            "type": list(TYPES),
            "instrument": sorted({i for d in self.docs for i in d.instruments}),
            "annex": sorted({a for d in self.docs for a in d.annexes}),
            "zzs": list(ZZS_VALUES),
            "lang": list(LANGS),
        }

    def filters(
        self,
        types: list[str] | None = None,
        instruments: list[str] | None = None,
        annexes: list[str] | None = None,
        zzs: list[str] | None = None,
    ) -> Filters:
        """Checked filters; raises ``FilterError`` naming the allowed values."""
        out = Filters()
        if not (types or instruments or annexes or zzs):
            return out  # most queries: no need to list what every document allows
        allowed = self.allowed()
        for name, values, target in (
            ("type", types, out.types),
            ("instrument", instruments, out.instruments),
            ("annex", annexes, out.annexes),
            ("zzs", zzs, out.zzs),
        ):
            for value in values or []:
                value = value.strip().lower()
                if value not in allowed[name]:
                    raise FilterError(name, value, allowed[name])
                target.append(value)
        return out

    # -- search --------------------------------------------------------------------------------
    def search(
        self,
        query: str,
        lang: str | None = None,
        filters: Filters | None = None,
        limit: int = 10,
        mode: str = "hybrid",
    ) -> SearchResult:
        started = time.perf_counter()
        timings: dict[str, float] = {}
        filters = filters or Filters()
        dutch = self.lexicon.looks_dutch(query)
        lang = lang or ("nl" if dutch else "en")
        read_as: dict[str, Any] = {"language": "nl" if dutch else "en"}
        allowed = [i for i, d in enumerate(self.docs) if filters.accepts(d)] if not filters.empty else None
        mask = None
        if allowed is not None:
            mask = np.zeros(len(self.docs), dtype=bool)
            mask[allowed] = True

        named, whole_identifier = self.lexical.exact_matches(query)
        exact = [m for m in named if mask is None or mask[m.doc]]
        if exact:
            read_as["exact"] = [{"kind": m.kind, "value": m.value} for m in exact[:5]]

        terms: set[str] = set()
        own_terms: set[str] = set()  # the query's own words, not those of a translation or expansion
        lexical_ranking: list[int] = []
        all_words: list[int] = []
        dense_ranking: list[int] = []
        best_passage: dict[int, int] = {}
        translation = self.lexicon.translate(query)
        if translation.changed:
            read_as["translated"] = translation.text
            read_as["translations"] = [{"from": a, "to": b} for a, b in translation.replaced]
        if mode in ("hybrid", "lexical"):
            reading = self.lexical.read_query(query)
            if reading.corrections:
                read_as["corrections"] = reading.corrections
            read_as["terms"] = reading.terms
            scores = self.lexical.scores(reading.terms)
            terms.update(reading.terms)
            own_terms.update(reading.terms)
            if translation.changed:
                extra = [t for t in tokens(translation.text) if t not in reading.terms]
                scores = scores + TRANSLATED_WEIGHT * self.lexical.scores(extra)
                terms.update(extra)
            lexical_ranking = _ranking(scores, mask)
            all_words = self._all_words(reading.terms, lexical_ranking)
        unanchored = mode == "hybrid" and not exact and not lexical_ranking
        if unanchored and not named:
            read_as["not_in_graph"] = True  # no word of the query is in ChemKG
        if mode == "hybrid" and _looks_like_a_name(query):
            # PFHxA is not PFHxS: the neighbours by meaning of a name are other substances, not it.
            read_as["embedding"] = "skipped: the query is a name"
        elif mode == "dense" or (mode == "hybrid" and not whole_identifier):
            dense_query = translation.text if translation.changed else query
            dense_ranking, best_passage = self._dense(
                dense_query, mask, DENSE_ONLY_FLOOR if unanchored else None, timings
            )
        elif mode == "hybrid":
            read_as["embedding"] = "skipped: the query is an identifier"

        ranked = self._fuse(exact, lexical_ranking, dense_ranking, mode, mask, all_words)
        lexical_rank = {doc: rank for rank, doc in enumerate(lexical_ranking, start=1)}
        dense_rank = {doc: rank for rank, doc in enumerate(dense_ranking, start=1)}
        hits = [
            self._hit(doc, score, lang, terms, exact, lexical_rank, dense_rank, best_passage)
            for doc, score in ranked[:limit]
        ]
        if named and not exact and not any(self.analysis(self.by_iri[h.iri]).terms & own_terms for h in hits):
            # "pfas" with instrument=minamata: what the query names is filtered out, and no result has a word of
            # the query itself (they share "substances" with PFAS's expansion). Say so rather than let it pass.
            read_as["outside_filters"] = list(dict.fromkeys(self.docs[m.doc].label_in(lang) for m in named))[:5]
        timings["search"] = (time.perf_counter() - started) * 1000
        return SearchResult(query, lang, mode, hits, read_as, timings)

    def _dense(
        self, query: str, mask: np.ndarray | None, floor: float | None = None, timings: dict[str, float] | None = None
    ) -> tuple[list[int], dict[int, int]]:
        started = time.perf_counter()
        vector = self.embedder().encode_query(query)
        if timings is not None:
            timings["embed"] = (time.perf_counter() - started) * 1000
        depth = len(self.passages) if mask is not None and self.dense.size <= 50_000 else DEPTH * 4
        similarities, rows = self.dense.search(vector, depth)
        if floor is not None:
            keep = similarities >= floor
            similarities, rows = similarities[keep], rows[keep]
        docs = self.passage_doc[rows]
        # A list entity's vector is its name: near only when the query is near that name.
        keep = ~(self.name_only[docs] & (similarities < NAME_ONLY_FLOOR))
        if mask is not None:
            keep &= mask[docs]
        rows, docs = rows[keep], docs[keep]
        # Each document once, at its best passage (rows come best first); in that order.
        _, first = np.unique(docs, return_index=True)
        first.sort()
        ranking: list[int] = docs[first].tolist()
        return ranking, dict(zip(ranking, rows[first].tolist(), strict=True))

    def _all_words(self, terms: list[str], lexical: list[int]) -> list[int]:
        """The lexical ranking cut to the documents that contain every word of the query ("kwik" and
        "tand": dental amalgam), when the query has two words or more and some document has them all."""
        known = [t for t in terms if t in self.lexical.vocabulary]
        if len(known) < 2:
            return []
        having = np.asarray(lexical, dtype=np.int64)
        keep = np.ones(len(having), dtype=bool)
        present = np.zeros(len(self.docs), dtype=bool)
        for term in known:  # a common word is in thousands of documents: mark them in an array, no sorting
            present[:] = False
            present[self.lexical.docs_with(term)] = True
            keep &= present[having]
        return having[keep].tolist()

    def _fuse(
        self,
        exact: list[ExactMatch],
        lexical: list[int],
        dense: list[int],
        mode: str,
        mask: np.ndarray | None,
        all_words: list[int] | None = None,
    ) -> list[tuple[int, float]]:
        fused: dict[int, float] = {}
        get = fused.get
        for ranking in (lexical[:DEPTH], dense[:DEPTH], (all_words or [])[:DEPTH]):
            for rank, doc in enumerate(ranking, start=RRF_K + 1):  # 1 / (RRF_K + rank), rank from 1
                fused[doc] = get(doc, 0.0) + 1.0 / rank
        best_facet: dict[int, float] = {}
        parent_of = self.parent
        for doc, score in fused.items():
            parent = parent_of[doc]
            if parent is not None:
                if mask is None or mask[parent]:
                    best_facet[parent] = max(best_facet.get(parent, 0.0), score)
                fused[doc] = score * FACET_WEIGHT  # after its score counted for the parent
        for parent, score in best_facet.items():
            fused[parent] = get(parent, 0.0) + ROLL_UP * score
        order = sorted(fused.items(), key=itemgetter(1), reverse=True)  # stable: ties keep first-seen order
        if mode == "dense":
            return order
        pinned = list(dict.fromkeys(m.doc for m in exact))
        if not pinned:
            return order
        top = 1.0 + len(pinned)
        is_pinned = set(pinned)
        return [(doc, top - i) for i, doc in enumerate(pinned)] + [(d, s) for d, s in order if d not in is_pinned]

    def _hit(
        self,
        i: int,
        score: float,
        lang: str,
        terms: set[str],
        exact: list[ExactMatch],
        lexical_rank: dict[int, int],
        dense_rank: dict[int, int],
        best_passage: dict[int, int],
    ) -> Hit:
        doc = self.docs[i]
        analysis = self.analysis(i)
        passage = self.passages[best_passage[i]]["text"] if i in best_passage else None
        explanation: dict[str, Any] = {
            "exact": [{"kind": m.kind, "value": m.value} for m in exact if m.doc == i],
            "matched": explain_match(analysis, terms),
            "matched_terms": sorted(terms & analysis.terms),
            "matched_words": analysis.words(terms),
            "lexical_rank": lexical_rank.get(i),
            "dense_rank": dense_rank.get(i),
            "dense_passage": passage,
        }
        text = snippet(doc, analysis, terms, lang, passage)
        return Hit(doc.iri, doc.type, doc.label_in(lang), text, score, explanation)

    def analysis(self, i: int) -> Analysis:
        """Document ``i`` cut into the pieces an explanation points at (made once, on first need)."""
        found = self._analyses.get(i)
        if found is None:
            found = self._analyses[i] = analyse(self.docs[i], self.lexical)
            found.pieces_with, found.sentences_with  # noqa: B018  (cached properties, made here once)
        return found

    def analyse_curated(self) -> None:
        """Analyse the curated documents ahead of the queries that will hit them: about 0.8 s once, in the
        background, and 44 MB for 1,435 documents, where each one analysed during a query cost that query
        0.7 ms (a query's ten hits: 4 ms). Documents from the official lists are small and stay on demand."""
        for i, doc in enumerate(self.docs):
            if not doc.imported:
                self.analysis(i)

    # -- the model and related entities ---------------------------------------------------------
    def embedder(self) -> Any:
        from chemkg.search.embedder import get_embedder

        return get_embedder(self.model_name, self.precision, self.model_cache)

    def warm_up(self) -> None:
        """Load the model and run one query, so the first user does not wait for it."""
        self.embedder().encode_query("warm up")

    def related(
        self, iri: str, k: int = 5, lang: str = "en", types: tuple[str, ...] = ("substance", "group")
    ) -> list[Hit]:
        """The entities nearest to this one by embedding (no model needed: the vectors are stored)."""
        from chemkg.search.neighbours import neighbours_for

        return [
            Hit(n.iri, n.type, n.label, "", n.similarity, {"dense_similarity": n.similarity})
            for n in neighbours_for(self.path).related(iri, k=k, lang=lang, types=types)
        ]


def _looks_like_a_name(query: str) -> bool:
    """One word written as a name or code (PFHxA, HFC-245fa, 2,4-D): its near neighbours by meaning are
    other substances, not it."""
    words = query.split()
    if len(words) != 1:
        return False
    word = words[0]
    return sum(c.isupper() for c in word) >= 2 or (any(c.isdigit() for c in word) and any(c.isalpha() for c in word))


def model_of(manifest: dict[str, Any]) -> tuple[str, str, Path | None]:
    """The model name, precision and export cache that embedded an index, from its manifest."""
    name, precision = parse_cache_key(str(manifest["model"]))
    return name, precision, Path(manifest["model_cache"]) if manifest.get("model_cache") else None


def load_model(index_path: Path) -> None:
    """Load the model that embedded this index, without loading the index.

    ONNX Runtime releases the GIL while it reads and prepares the model, so this can run in a thread
    beside the rest of the start-up.
    """
    from chemkg.search.embedder import get_embedder

    get_embedder(*model_of(read_manifest(index_path.resolve())))


def _ranking(scores: np.ndarray, mask: np.ndarray | None) -> list[int]:
    """The documents with a score, best first (ties by document order), at most ``2 * DEPTH``."""
    if mask is not None:
        scores = np.where(mask, scores, 0.0)
    nonzero = np.flatnonzero(scores > 0)
    depth = DEPTH * 2
    if len(nonzero) > depth:
        # A common word scores thousands of documents: sort only those that can make the cut. Every
        # document scoring at least the cut's score is kept, so ties at the cut keep document order.
        cut = np.partition(scores[nonzero], len(nonzero) - depth)[len(nonzero) - depth]
        nonzero = nonzero[scores[nonzero] >= cut]
    order = nonzero[np.argsort(-scores[nonzero], kind="stable")]
    return order[:depth].tolist()


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


_searchers: dict[str, Searcher] = {}
_searchers_lock = threading.Lock()


def get_searcher(index_path: Path, model_name: str | None = None) -> Searcher:
    """The searcher for the index that ``index_path`` points at now (reloaded after a rebuild).

    ``model_name`` is accepted for callers that pass the settings' model; the index's own model is used.
    """
    del model_name
    key = str(index_path.resolve())
    with _searchers_lock:
        if key not in _searchers:
            _searchers.clear()
            _searchers[key] = Searcher(index_path)
            # The index is hundreds of thousands of objects that live until the next build: out of the
            # collector's sweeps, a full collection no longer walks them (a pause of a second or more).
            gc.freeze()
        return _searchers[key]
