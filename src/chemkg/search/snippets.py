"""Why a result matched, and a short snippet to show with it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

from chemkg.search.documents import LANGS, Document
from chemkg.search.text import raw_tokens

SNIPPET_CHARS = 240
SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-Z0-9\"'(])")


class Expands(Protocol):
    def expand(self, words: list[str]) -> list[str]: ...


def _terms_in(text: str, index: Expands, surface: dict[str, str] | None = None) -> frozenset[str]:
    """The index terms of a text; ``surface`` learns the word each term was read from ("pesticid" ← "pesticides")."""
    tokens = raw_tokens(text)
    if surface is not None:
        for token in tokens:
            for term in index.expand([token]):
                surface.setdefault(term, token)
    return frozenset(index.expand(tokens))


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE.split(text) if s.strip()]


@dataclass
class Analysis:
    """A document cut into the pieces a match can point at, each with its index terms (computed once)."""

    pieces: list[tuple[int, dict[str, Any], frozenset[str]]]  # (weight, what to show, terms)
    sentences: dict[str, list[tuple[str, frozenset[str]]]]  # snippet candidates per language
    surface: dict[str, str] = field(default_factory=dict)  # index term → a word of the document it stands for

    def words(self, terms: set[str]) -> list[str]:
        """The document's own words for the matched terms (labels and names first), not their stems."""
        return sorted(dict.fromkeys(self.surface.get(t, t) for t in terms & self.terms))

    @cached_property
    def terms(self) -> frozenset[str]:
        """Every index term of the document (asked for each hit of each query, so computed once)."""
        return frozenset().union(*(piece[2] for piece in self.pieces))

    @cached_property
    def pieces_with(self) -> dict[str, list[int]]:
        """Index term → the pieces that have it, in document order: a query looks only at those
        (a substance on many lists has hundreds of context sentences)."""
        return _postings(piece[2] for piece in self.pieces)

    @cached_property
    def sentences_with(self) -> dict[str, dict[str, list[int]]]:
        """Per language, index term → the snippet candidates that have it, in document order."""
        return {lang: _postings(terms for _, terms in sentences) for lang, sentences in self.sentences.items()}


def _postings(term_sets: Iterable[frozenset[str]]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for position, terms in enumerate(term_sets):
        for term in terms:
            out.setdefault(term, []).append(position)
    return out


def _having(postings: dict[str, list[int]], terms: set[str]) -> list[int]:
    """The positions that have any of the terms, in document order."""
    found = [postings[t] for t in terms if t in postings]
    if len(found) == 1:
        return found[0]
    return sorted({p for positions in found for p in positions})


def analyse(doc: Document, index: Expands) -> Analysis:
    pieces: list[tuple[int, dict[str, Any], frozenset[str]]] = []
    surface: dict[str, str] = {}
    for lang in LANGS:
        if doc.label.get(lang):
            terms = _terms_in(doc.label[lang], index, surface)
            pieces.append((3, {"field": "label", "lang": lang, "text": doc.label[lang]}, terms))
    for name in doc.names:
        terms = _terms_in(name.value, index, surface)
        pieces.append((3, {"field": name.kind, "lang": name.lang or None, "text": name.value}, terms))
    sentences: dict[str, list[tuple[str, frozenset[str]]]] = {lang: [] for lang in LANGS}
    for field_name, by_lang in (
        ("description", {k: [v] for k, v in doc.description.items()}),
        ("context", doc.context),
    ):
        for lang, texts in by_lang.items():
            for text in texts:
                for sentence in _sentences(text):
                    terms = _terms_in(sentence, index, surface)
                    pieces.append((1, {"field": field_name, "lang": lang, "text": _clip(sentence)}, terms))
                    sentences.setdefault(lang, []).append((sentence, terms))
    return Analysis(pieces, sentences, surface)


def explain_match(analysis: Analysis, terms: set[str], most: int = 3) -> list[dict[str, Any]]:
    """The labels, names and sentences that contain query terms, best first."""
    pieces = analysis.pieces
    found = [(pieces[i][0] * len(terms & pieces[i][2]), pieces[i][1]) for i in _having(analysis.pieces_with, terms)]
    found.sort(key=lambda f: -f[0])
    out: list[dict[str, Any]] = []
    for _, match in found:
        if match not in out:
            out.append(match)
        if len(out) == most:
            break
    return out


def snippet(doc: Document, analysis: Analysis, terms: set[str], lang: str, passage: str | None) -> str:
    """The sentence (in the requested language when there is one) that best matches the query."""
    best, best_hits = "", 0
    sentences = analysis.sentences.get(lang, [])
    for i in _having(analysis.sentences_with.get(lang, {}), terms):
        sentence, sentence_terms = sentences[i]
        hits = len(terms & sentence_terms)
        if hits > best_hits:
            best, best_hits = sentence, hits
    if not best:
        best = (
            doc.description.get(lang)
            or (passage if lang == "en" and passage else "")
            or " ".join(doc.context.get(lang, [])[:2])
        )
    return _clip(best)


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET_CHARS else text[: SNIPPET_CHARS - 1].rsplit(" ", 1)[0] + "…"
