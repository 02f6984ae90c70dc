"""Lexical retrieval: BM25 (bm25s) over labels, names, identifiers, descriptions and context in en and nl,
plus an exact-identifier table so that a CAS, EC, InChIKey, abbreviation or code finds its entity
without any embedding.
"""

from __future__ import annotations

import hashlib
import pickle
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from chemkg.name_index import TrigramIndex
from chemkg.search.documents import IDENTIFIER_KINDS, TYPE_PRIORITY, Document
from chemkg.search.text import STOPWORDS, decompound, fold, raw_tokens, stem, unique

# Field weights by repetition (BM25 has no fields): a label or name says more than a sentence.
FIELD_REPEAT = {"label": 3, "name": 3, "description": 1, "context": 1, "type": 1}
FUZZY_CUTOFF = 84.0  # rapidfuzz ratio a misspelt query word needs to be read as a known word
MIN_COMPOUND_PART = 4  # letters of each part of a Dutch compound read by its known head
FUZZY_NAME_CUTOFF = 88.0  # ratio a whole misspelt query needs to be read as a name ("hexachlorbenzene")
NEAR_SHORTLIST = 50  # names sharing most trigrams with the query, scored by the edit-distance ratio
JOINING_WORDS = frozenset({"of", "the", "van", "het", "de", "der", "convention", "verdrag", "protocol"})
ARTICLE = re.compile(r"\b(?:article|artikel|art)\b\.?\s*")


@dataclass(frozen=True)
class ExactMatch:
    doc: int
    kind: str
    value: str


@dataclass
class QueryTerms:
    """How a query was read: its terms, and the misspellings and compounds resolved on the way."""

    terms: list[str]
    corrections: dict[str, str]


@lru_cache(maxsize=100_000)
def text_tokens(text: str) -> tuple[str, ...]:
    """raw_tokens, memoised: building the index reads every document text twice."""
    return tuple(raw_tokens(text))


LEXICAL_FILE = "lexical.pickle"
# The modules whose code decides what the index holds: a saved index made by other code is rebuilt.
_CODE = ("search/lexical.py", "search/text.py", "search/documents.py", "name_index.py")


def code_version() -> str:
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for name in _CODE:
        digest.update((root / name).read_bytes())
    return digest.hexdigest()


def save_lexical(index: LexicalIndex, folder: Path) -> None:
    """Keep the built index beside the documents, so a server loads it instead of rebuilding it (seconds)."""
    with (folder / LEXICAL_FILE).open("wb") as handle:
        pickle.dump({"code": code_version(), "index": index}, handle, protocol=pickle.HIGHEST_PROTOCOL)


def load_lexical(folder: Path, docs: list[Document]) -> LexicalIndex:
    """The index saved by the build of this folder, or a new one when it is missing or from other code.

    The file is written by ChemKG's own index build into its own data folder, like the vectors beside it.
    """
    try:
        with (folder / LEXICAL_FILE).open("rb") as handle:
            saved = pickle.load(handle)
        if saved.get("code") == code_version() and isinstance(saved.get("index"), LexicalIndex):
            index: LexicalIndex = saved["index"]
            index.docs = docs
            return index
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    return LexicalIndex(docs)


class LexicalIndex:
    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["docs"] = []  # the documents are saved once, in documents.json
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def __init__(self, docs: list[Document]) -> None:
        import bm25s

        self.docs = docs
        surface: set[str] = set()
        for doc in docs:
            for texts in doc.lexical_fields().values():
                for text in texts:
                    surface.update(t for t in text_tokens(text) if t.isalpha())
        self.surface = frozenset(surface)
        self._expanded: dict[str, list[str]] = {}
        corpus = [self.doc_tokens(doc) for doc in docs]
        self.vocabulary = frozenset(t for doc_tokens in corpus for t in doc_tokens)
        self.fuzzy_vocabulary = sorted(t for t in self.vocabulary if t.isalpha() and len(t) >= 4)
        self.fuzzy_by_initial: dict[str, list[str]] = defaultdict(list)
        for t in self.fuzzy_vocabulary:
            self.fuzzy_by_initial[t[0]].append(t)
        self.bm25 = bm25s.BM25()
        self.bm25.index(corpus, show_progress=False)
        self.exact: dict[str, list[ExactMatch]] = defaultdict(list)
        for i, doc in enumerate(docs):
            for key, kind, value in exact_keys(doc):
                match = ExactMatch(i, kind, value)
                if match not in self.exact[key]:
                    self.exact[key].append(match)
        self.name_keys = sorted(
            k for k, ms in self.exact.items() if len(k) >= 4 and any(m.kind not in IDENTIFIER_KINDS for m in ms)
        )
        self.name_index = TrigramIndex(self.name_keys)  # the shortlist for near names: ~10,000 keys at full size
        for matches in self.exact.values():
            matches.sort(key=lambda m: (TYPE_PRIORITY.index(docs[m.doc].type), m.kind not in IDENTIFIER_KINDS))

    def doc_tokens(self, doc: Document) -> list[str]:
        out: list[str] = []
        for name, texts in doc.lexical_fields().items():
            for text in texts:
                words = self.expand(list(text_tokens(text)))
                out.extend(words * FIELD_REPEAT[name])
        return [t for t in out if t]

    def expand(self, words: list[str]) -> list[str]:
        """Stemmed words plus the parts of Dutch compounds (kwikthermometers → kwik, thermometer)."""
        out: list[str] = []
        for word in words:
            found = self._expanded.get(word)
            if found is None:
                found = [] if word in STOPWORDS else [stem(word)]
                if found:
                    found += [stem(p) for p in decompound(word, self.surface) if p not in STOPWORDS]
                if len(self._expanded) < 500_000:  # bounded: queries bring words the corpus lacks
                    self._expanded[word] = found
            out.extend(found)
        return out

    def read_query(self, query: str) -> QueryTerms:
        """Query terms in index form. An unknown word is read as a Dutch compound whose head the graph
        knows ("tandvullingen" → tand), else as its nearest known word, but only as a misspelling:
        the same first letter, and never a name written in capitals (PFHxA is not PFHxS)."""
        from rapidfuzz import fuzz, process

        terms: list[str] = []
        corrections: dict[str, str] = {}
        names = {fold(w) for w in re.findall(r"\S+", query) if sum(c.isupper() for c in w) >= 2}
        for word in raw_tokens(query):
            expanded = self.expand([word])
            if not expanded:
                continue
            if all(t in self.vocabulary for t in expanded) or not word.isalpha() or len(word) < 4 or word in names:
                terms.extend(expanded)
                continue
            head = self.known_head(word)
            if head:
                corrections[word] = head
                terms.append(head)
                continue
            base = stem(word)
            found = process.extractOne(
                base, self.fuzzy_by_initial.get(base[0], []), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
            )
            if found is not None:
                corrections[word] = found[0]
                terms.append(found[0])
            else:
                terms.extend(expanded)
        return QueryTerms(unique(terms), corrections)

    def known_head(self, word: str) -> str | None:
        """The stem of the longest known head of an unknown compound, when the rest is a word's length."""
        for i in range(len(word) - MIN_COMPOUND_PART, MIN_COMPOUND_PART - 1, -1):
            head = stem(word[:i])
            if head in self.vocabulary and head not in STOPWORDS and len(head) >= MIN_COMPOUND_PART:
                return head
        return None

    def scores(self, terms: list[str]) -> np.ndarray:
        """BM25 score of every document for these terms: bm25s's scores, summed from its term columns.

        bm25s adds each column with ``np.add.at``, which is several times slower than a plain indexed
        add; a column holds each document at most once, so the plain add gives the same sums.
        """
        out = np.zeros(len(self.docs), dtype=np.float32)
        columns = self.bm25.scores
        data, indices, indptr = columns["data"], columns["indices"], columns["indptr"]
        # bm25s also numbers the empty word, which has no column.
        ids = [i for i in self.bm25.get_tokens_ids(terms) if i < len(indptr) - 1]
        if not ids:
            return out
        for term in ids:
            start, end = indptr[term], indptr[term + 1]
            out[indices[start:end]] += data[start:end]
        if self.bm25.nonoccurrence_array is not None:
            out += self.bm25.nonoccurrence_array[np.asarray(ids)].sum()
        return out

    def docs_with(self, term: str) -> np.ndarray:
        """The documents that contain an index term (none for an unknown one)."""
        term_id = self.bm25.vocab_dict.get(term)
        indptr = self.bm25.scores["indptr"]
        if term_id is None or term_id >= len(indptr) - 1:
            return np.zeros(0, dtype=np.int64)
        return np.asarray(self.bm25.scores["indices"][indptr[term_id] : indptr[term_id + 1]])

    def exact_matches(self, query: str, whole_only: bool = False) -> tuple[list[ExactMatch], bool]:
        """Entities the query names exactly; ``True`` when the whole query is one identifier."""
        key = exact_key(query)
        whole = self.exact.get(key, [])
        if whole:
            return whole, any(m.kind in IDENTIFIER_KINDS for m in whole)
        if whole_only:
            return [], False
        if 4 <= len(key) <= 60 and len(key.split()) <= 4:
            from rapidfuzz import fuzz, process

            shortlist = self.name_index.closest(key, NEAR_SHORTLIST)
            near = process.extractOne(key, shortlist, scorer=fuzz.ratio, score_cutoff=FUZZY_NAME_CUTOFF)
            if near is not None:
                return [ExactMatch(m.doc, "near name", m.value) for m in self.exact[near[0]]], False
        found: list[ExactMatch] = []
        words = [w for w in re.split(r"[\s,;:()]+", fold(query).strip()) if w]
        for n in (3, 2, 1):
            for i in range(len(words) - n + 1):
                for match in self.exact.get(exact_key(" ".join(words[i : i + n])), []):
                    if match.kind in IDENTIFIER_KINDS and _identifier_like(match.value) and match not in found:
                        found.append(match)
        return found, False


def exact_key(text: str) -> str:
    """Case, accents, word order and a few joining words do not matter: "Annex A of the Stockholm
    Convention", "Stockholm Convention Annex A" and "bijlage A van het Verdrag van Stockholm" (with
    "bijlage" keyed as well) give one key."""
    key = ARTICLE.sub("art. ", fold(text).strip().strip("?.!").strip())
    words = [w for w in key.split() if w not in JOINING_WORDS]
    return " ".join(sorted(words)) if len(words) > 1 else " ".join(words)


def _identifier_like(value: str) -> bool:
    """Inside a longer query only codes and numbers count, not short words that happen to be names."""
    return any(c.isdigit() for c in value) or (value.isupper() and len(value) >= 3)


def exact_keys(doc: Document) -> list[tuple[str, str, str]]:
    """Every string that names this entity exactly: identifiers, codes, labels and synonyms."""
    out: list[tuple[str, str, str]] = []
    if doc.type == "listing":
        return out  # a listing is found through its item, never instead of it
    for name in doc.names:
        if name.kind in ("legal basis", "formula") and doc.type != "substance":
            continue
        if name.kind == "code" and doc.type == "annex":
            continue  # "A" alone names too much; annexes are keyed by "Annex A" below
        kind = name.kind if name.kind != "short name" else "name"
        out.append((exact_key(name.value), kind, name.value))
        if name.kind in ("CAS", "EC") and "-" in name.value:
            out.append((name.value.replace("-", ""), name.kind, name.value))
    for label in doc.label.values():
        out.append((exact_key(label), "name", label))
    if doc.type == "annex":
        code = next((n.value for n in doc.names if n.kind == "code"), "")
        instrument = doc.instruments[0] if doc.instruments else ""
        short = [v for v in doc.qualifier.values() if v]
        for prefix in ("annex", "bijlage"):
            out.append((exact_key(f"{prefix} {code}"), "code", f"Annex {code}"))
            for owner in [instrument, *short]:
                out.append((exact_key(f"{owner} {prefix} {code}"), "code", f"{owner} Annex {code}"))
    if doc.type == "obligation":
        article = next((n.value for n in doc.names if n.kind == "article"), "")
        number = re.match(r"\d+[a-z]?", article.lower())
        if number:
            for instrument in doc.instruments:
                for form in (f"{instrument} art. {number.group(0)}", f"{instrument} art. {article}"):
                    out.append((exact_key(form), "code", form))
    return [o for o in out if o[0]]
