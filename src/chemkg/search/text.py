"""Text normalisation shared by the lexical index, the query side and the nl→en lexicon.

One tokeniser for English and Dutch: accents folded, lower case, identifiers (CAS ``1763-23-1``,
codes ``SC-9/12``, ``Y29``) kept whole, plural and Dutch ``-en`` endings stripped by a light stemmer
that is applied identically to documents and queries, so it only has to be consistent, not right.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from bm25s.stopwords import STOPWORDS_DUTCH, STOPWORDS_EN

# Words that carry no topic in a search box ("which chemicals are…"), per language, so that they also
# tell the languages apart ("what does the ISP-CWP do" is English).
_ENGLISH_QUESTION_WORDS = """
what which who whom whose where when why how does do did can could may might must should would
i me my we our you your about any all some list show find tell give please there here
also its it's been being have has had than them those were
"""
_DUTCH_QUESTION_WORDS = """
wat welke wie waar wanneer waarom hoe wordt worden werd zijn is zit zitten staat staan
kun kunt kan mag mogen alle lijst geef toon over welk elke ik mijn we wij ons onze jullie
"""
ENGLISH_QUESTION_WORDS = frozenset(_ENGLISH_QUESTION_WORDS.split())
DUTCH_QUESTION_WORDS = frozenset(_DUTCH_QUESTION_WORDS.split())
QUESTION_WORDS = ENGLISH_QUESTION_WORDS | DUTCH_QUESTION_WORDS
STOPWORDS = frozenset(STOPWORDS_EN) | frozenset(STOPWORDS_DUTCH) | QUESTION_WORDS

TOKEN = re.compile(r"[a-z0-9]+(?:[-/.][a-z0-9]+)*")
LONG_VOWEL = re.compile(r"([aeou])\1")
DASHES = re.compile(r"[‐-―−]")
JOINER = re.compile(r"[-/.]")
NUMERIC = re.compile(r"[0-9./-]+")


def fold(text: str) -> str:
    """Lower case, accents removed, every dash a hyphen."""
    if text.isascii():  # the common case: nothing to strip or map
        return text.casefold()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return DASHES.sub("-", text).casefold()


def raw_tokens(text: str) -> list[str]:
    """Tokens with identifiers kept whole, plus their parts ("pfos-related" → pfos-related, pfos, related)."""
    out: list[str] = []
    for token in TOKEN.findall(fold(text)):
        token = token.strip(".")
        if not token:
            continue
        out.append(token)
        if JOINER.search(token) and not NUMERIC.fullmatch(token):
            out.extend(p for p in JOINER.split(token) if p and p != token)
    return out


def stem(token: str) -> str:
    """A light, language-blind stemmer: plurals and Dutch -en endings; identifiers untouched."""
    if not token.isalpha():
        return token
    if len(token) == 4 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]  # hfcs, pcbs, pops
    if len(token) < 5:
        return token
    if token.endswith("ies"):
        return token[:-3] + "y"
    if token.endswith("en") and len(token) > 5:
        token = token[:-2]
        if len(token) > 3 and token[-1] == token[-2] and token[-1] not in "aeiou":
            token = token[:-1]  # stoffen → stof
        return LONG_VOWEL.sub(r"\1", token)
    if token.endswith("s") and not token.endswith(("ss", "us", "is")):
        token = token[:-1]
    if token.endswith("e") and len(token) > 4:
        token = token[:-1]
    return LONG_VOWEL.sub(r"\1", token)  # ftalaat/ftalaten, isomeer/isomeren: one form


def tokens(text: str, keep_stopwords: bool = False) -> list[str]:
    """Stemmed tokens of a text, stop-words (en and nl) removed unless asked to keep them."""
    return [stem(t) for t in raw_tokens(text) if keep_stopwords or t not in STOPWORDS]


def words(text: str) -> list[str]:
    """Unstemmed alphabetic words without stop-words: the units the nl→en lexicon translates."""
    return [t for t in raw_tokens(text) if t.isalpha() and t not in STOPWORDS and len(t) > 1]


def decompound(token: str, vocabulary: set[str] | frozenset[str], min_part: int = 4) -> list[str]:
    """Split a Dutch compound into two known words (kwikthermometer → kwik + thermometer), else []."""
    if len(token) < 2 * min_part or not token.isalpha():
        return []
    best: list[str] = []
    for i in range(min_part, len(token) - min_part + 1):
        head, tail = token[:i], token[i:]
        if tail not in vocabulary:
            continue
        for candidate in (head, head[:-1] if head.endswith("s") else "", head[:-2] if head.endswith("en") else ""):
            if len(candidate) >= min_part - 1 and candidate in vocabulary:
                parts = [candidate, tail]
                if not best or min(len(p) for p in parts) > min(len(p) for p in best):
                    best = parts
                break
    return best


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
