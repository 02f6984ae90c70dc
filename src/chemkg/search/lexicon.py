"""Dutch → English through what the graph itself knows.

The default embedding model reads English only. Every entity in the graph has its labels and
descriptions in both languages, and the context sentences of a document are written in parallel,
so the graph is a small parallel corpus. From it we learn:

- a **phrase table**: a Dutch label, synonym or short name → the English label of the same entity
  ("kwik" → "Mercury", "Verdrag van Rotterdam" → "Rotterdam Convention");
- a **word table**: each Dutch word → its most likely English word(s), learnt from the aligned
  en/nl text pairs with IBM Model 1 (Brown et al. 1993; a few EM iterations of word-alignment
  probabilities t(en | nl)), e.g. "blusschuim" → "foam", "uitvoer" → "export".

A Dutch query is rewritten with these before it is embedded; the lexical side matches the Dutch
labels directly. Nothing here is typed in by hand, so it grows with the graph.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from bm25s.stopwords import STOPWORDS_DUTCH, STOPWORDS_EN

from chemkg.search.documents import Document
from chemkg.search.text import (
    DUTCH_QUESTION_WORDS,
    ENGLISH_QUESTION_WORDS,
    STOPWORDS,
    TOKEN,
    decompound,
    fold,
    unique,
    words,
)

PHRASE_TYPES = frozenset({"substance", "group", "entry", "instrument", "topic", "zzs-criterion", "panel", "annex"})
MAX_PHRASE_WORDS = 6
MIN_PROB = 0.2  # a Dutch word whose best English word is less likely than this is left as it is
LEANING = 3  # how many times as often one language must use a word for it to count as that language
ITERATIONS = 5  # EM iterations of IBM Model 1; the table barely changes after five
SHARED_STOPWORDS = frozenset(STOPWORDS_DUTCH) & frozenset(STOPWORDS_EN)
DUTCH_STOPWORDS = (frozenset(STOPWORDS_DUTCH) | DUTCH_QUESTION_WORDS) - SHARED_STOPWORDS - ENGLISH_QUESTION_WORDS
ENGLISH_STOPWORDS = (frozenset(STOPWORDS_EN) | ENGLISH_QUESTION_WORDS) - SHARED_STOPWORDS - DUTCH_QUESTION_WORDS


@dataclass
class Translation:
    """A query rewritten into English, with what was replaced (for the explanation)."""

    text: str
    replaced: list[tuple[str, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.replaced)


@dataclass
class Lexicon:
    phrases: dict[str, str] = field(default_factory=dict)  # folded Dutch phrase → English
    words: dict[str, list[str]] = field(default_factory=dict)  # Dutch word → English word(s)
    english: dict[str, int] = field(default_factory=dict)  # word → how many English texts have it
    dutch: dict[str, int] = field(default_factory=dict)  # word → how many Dutch texts have it

    def to_json(self) -> dict[str, object]:
        return {
            "phrases": self.phrases,
            "words": self.words,
            "english": self.english,
            "dutch": self.dutch,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Lexicon:
        return cls(
            dict(data["phrases"]),  # type: ignore[call-overload]
            dict(data["words"]),  # type: ignore[call-overload]
            dict(data["english"]),  # type: ignore[call-overload]
            dict(data["dutch"]),  # type: ignore[call-overload]
        )

    @cached_property
    def dutch_words(self) -> frozenset[str]:
        return frozenset(self.dutch)

    def is_english(self, word: str) -> bool:
        """Seen at least as often in English text as in Dutch text (PFOS, thermometers, mercury)."""
        return self.english.get(word, 0) >= max(1, self.dutch.get(word, 0))

    def is_dutch(self, word: str) -> bool:
        return self.dutch.get(word, 0) > self.english.get(word, 0)

    def leaning(self, word: str) -> str | None:
        """ "nl" or "en" for a word clearly more at home in one language's texts, None for a name.

        Names (Rotterdam, PFOS, DDT) and loanwords (thermometers) occur about as often in the Dutch texts
        as in the English ones, so they say nothing about the query's language; a word counts only when
        one language has it ``LEANING`` times as often as the other (add-one smoothed, so a word seen
        thrice in Dutch text and never in English leans Dutch, but malaria, in one Dutch and three English
        texts, says nothing).
        """
        nl, en = self.dutch.get(word, 0) + 1, self.english.get(word, 0) + 1
        if nl >= LEANING * en:
            return "nl"
        if en >= LEANING * nl:
            return "en"
        return None

    def looks_dutch(self, query: str) -> bool:
        """More Dutch than English words ("kwik in thermometers", "Stockholm verdrag").

        Stop-words count ("wat", "welke", "de"), shared ones ("in") don't, nor do names and words both
        languages use; a query of names only is read as English.
        """
        nl = en = 0
        for token in _surface_tokens(query):
            # A hyphenated word the texts do not have counts by its parts (GenX-stoffen: stoffen).
            known = token in self.dutch or token in self.english or "-" not in token
            for word in [token] if known else [p for p in token.split("-") if p]:
                if word in SHARED_STOPWORDS:
                    continue
                side = "nl" if word in DUTCH_STOPWORDS else "en" if word in ENGLISH_STOPWORDS else self.leaning(word)
                nl += side == "nl"
                en += side == "en"
        return nl > en

    def translate(self, query: str) -> Translation:
        """The query with Dutch phrases and words replaced by English; unknown words kept."""
        tokens = _surface_tokens(query)
        out: list[str] = []
        replaced: list[tuple[str, str]] = []
        i = 0
        while i < len(tokens):
            for n in range(min(MAX_PHRASE_WORDS, len(tokens) - i), 0, -1):
                phrase = " ".join(tokens[i : i + n])
                english = self.phrases.get(phrase)
                if english and fold(english) != phrase:
                    out.append(english)
                    replaced.append((phrase, english))
                    i += n
                    break
            else:
                token = tokens[i]
                i += 1
                if token in DUTCH_STOPWORDS and not self.is_english(token):
                    continue
                english_words = self.word(token)
                if not english_words and "-" in token:  # wetenschappelijk-beleidspanel: word by word
                    parts = [p for p in token.split("-") if p]
                    translated = [" ".join(self.word(p)) or p for p in parts]
                    english_words = translated if translated != parts else []
                if english_words:
                    out.append(" ".join(english_words))
                    replaced.append((token, " ".join(english_words)))
                else:
                    out.append(token)
        return Translation(" ".join(out), replaced)

    def word(self, token: str) -> list[str]:
        """English for one Dutch word, trying its compound parts ("kwikthermometers")."""
        if self.is_english(token) or not token.isalpha():
            return []
        for form in (token, *_inflections(token)):
            if form in self.phrases:
                return [self.phrases[form]]
            if form in self.words:
                return self.words[form]
        parts = decompound(token, self.dutch_words)
        if parts:
            out = []
            for part in parts:
                out.extend(self.word(part) or ([] if part in STOPWORDS else [part]))
            return out
        return []


def _inflections(word: str) -> list[str]:
    """Dutch base forms to try: kankerverwekkende → kankerverwekkend, lampen → lamp, lijsten → lijst."""
    out = []
    if word.endswith("en") and len(word) > 5:
        out += [word[:-2], word[:-3] if word[-3] == word[-4] else word[:-2]]
        if word[-4] in "aeou" and word[-3] not in "aeiou":
            out.append(word[:-3] + word[-4] + word[-3])  # ftalaten → ftalaat
    if word.endswith(("e", "s")) and len(word) > 4:
        out.append(word[:-1])
    return out


def _surface_tokens(text: str) -> list[str]:
    """Folded words in their order, stop-words kept (phrases contain them), compound parts not added."""
    return [t.strip(".") for t in TOKEN.findall(fold(text)) if t.strip(".")]


def _pairs(docs: Iterable[Document]) -> Iterable[tuple[str, str]]:
    """Aligned (English, Dutch) texts: labels, descriptions and the parallel context sentences."""
    for doc in docs:
        if doc.label.get("en") and doc.label.get("nl"):
            yield doc.label["en"], doc.label["nl"]
        if doc.description.get("en") and doc.description.get("nl"):
            yield doc.description["en"], doc.description["nl"]
        en_names = " ".join(n.value for n in doc.names if n.lang == "en")
        nl_names = " ".join(n.value for n in doc.names if n.lang == "nl")
        if en_names and nl_names:
            yield en_names, nl_names
        yield from zip(doc.context.get("en", []), doc.context.get("nl", []), strict=False)


def build_lexicon(docs: list[Document]) -> Lexicon:
    lexicon = Lexicon()
    for doc in docs:
        if doc.type not in PHRASE_TYPES or not doc.label.get("en"):
            continue
        label = doc.label["en"]
        dutch_names = [doc.label.get("nl", "")] + [n.value for n in doc.names if n.lang == "nl"]
        for phrase in dutch_names:
            key = " ".join(_surface_tokens(phrase))
            if key and len(key.split()) <= MAX_PHRASE_WORDS and key not in lexicon.phrases:
                en_names = [n.value for n in doc.names if n.lang == "en" and n.kind == "short name"]
                lexicon.phrases[key] = en_names[0] if en_names else label
    pairs: dict[tuple[tuple[str, ...], tuple[str, ...]], None] = {}
    english: Counter[str] = Counter()
    dutch: Counter[str] = Counter()
    read: dict[str, tuple[str, ...]] = {}  # the context sentences repeat across documents: read each once
    for en_text, nl_text in _pairs(docs):
        en_words = read.get(en_text) or read.setdefault(en_text, tuple(unique(words(en_text))))
        nl_words = read.get(nl_text) or read.setdefault(nl_text, tuple(unique(words(nl_text))))
        english.update(en_words)
        dutch.update(nl_words)
        if en_words and nl_words:
            pairs[en_words, nl_words] = None  # the parallel context sentences repeat; align each once
    lexicon.english, lexicon.dutch = dict(english), dict(dutch)
    table = ibm1([(list(en), list(nl)) for en, nl in pairs])
    for nl, options in table.items():
        if lexicon.is_english(nl):
            continue  # the same word in both languages (PFOS, thermometers) needs no translation
        ranked = sorted(((p, en) for en, p in options.items() if en != nl), reverse=True)
        if ranked and ranked[0][0] >= MIN_PROB:
            best = ranked[0][0]
            lexicon.words[nl] = [en for p, en in ranked[:3] if p >= 0.5 * best]
    return lexicon


def ibm1(pairs: list[tuple[list[str], list[str]]], iterations: int = ITERATIONS) -> dict[str, dict[str, float]]:
    """IBM Model 1: t(en | nl) for every Dutch word, by EM over aligned word lists (a NULL word included).

    Each iteration is a few array sums over every (pair, English word, Dutch word) cell: a million
    cells at full size, which Python loops took fifteen seconds over and numpy takes a fraction of one.
    """
    import numpy as np

    dutch: dict[str, int] = {NULL: 0}
    english: dict[str, int] = {}
    cell_nl: list[np.ndarray] = []  # per pair, the cells row by row: each English word with every Dutch one
    cell_en: list[np.ndarray] = []
    widths: list[int] = []  # per row (an English word of a pair): how many Dutch words it may align to
    for en_words, nl_words in pairs:
        nl = np.array([dutch.setdefault(w, len(dutch)) for w in nl_words] + [0], dtype=np.int64)
        en = np.array([english.setdefault(w, len(english)) for w in en_words], dtype=np.int64)
        cell_nl.append(np.tile(nl, len(en)))
        cell_en.append(np.repeat(en, len(nl)))
        widths += [len(nl)] * len(en)
    if not widths:
        return {}
    size = len(english)
    links, cell_link = np.unique(np.concatenate(cell_nl) * size + np.concatenate(cell_en), return_inverse=True)
    rows = np.repeat(np.arange(len(widths)), widths)
    link_nl = links // size
    t = np.ones(len(links))
    for _ in range(iterations):
        weights = t[cell_link]
        share = weights / np.bincount(rows, weights=weights)[rows]  # each English word's alignments sum to one
        counts = np.bincount(cell_link, weights=share, minlength=len(links))
        t = counts / np.bincount(link_nl, weights=counts, minlength=len(dutch))[link_nl]
    dutch_words = list(dutch)
    english_words = list(english)
    table: dict[str, dict[str, float]] = defaultdict(dict)
    for nl_id, en_id, p in zip(link_nl.tolist(), (links % size).tolist(), t.tolist(), strict=True):
        if nl_id:
            table[dutch_words[nl_id]][english_words[en_id]] = p
    return table


NULL = "\0"
