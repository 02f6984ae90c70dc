"""Whether two close spellings can still name different chemicals.

A fuzzy match is safe for a typo ("trichloroetylene") but not where the few differing letters carry
chemistry: a multiplier (tri/tetra), a halogen (chloro/bromo), an alkyl (methyl/ethyl), a locant
(1,1- / 1,2-), an acid or a salt, organic or inorganic, or one letter of an abbreviation
(PFHxA/PFHxS). ``chemical_difference`` finds the edits between the two names and says which such
word they touch, so the resolver only *suggests* such a candidate and never answers with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

# Each class maps spellings (English and Dutch, longest first when one contains another) to an identity:
# two names that differ in one class's identity name different chemicals.
MORPHEMES: dict[str, dict[str, str]] = {
    "multiplier": {
        "mono": "1",
        "di": "2",
        "bis": "2",
        "tri": "3",
        "tris": "3",
        "tetra": "4",
        "tetrakis": "4",
        "tetr": "4",
        "penta": "5",
        "pent": "5",
        "hexa": "6",
        "hex": "6",
        "hepta": "7",
        "hept": "7",
        "octa": "8",
        "oct": "8",
        "nona": "9",
        "non": "9",
        "deca": "10",
        "dec": "10",
        "undeca": "11",
        "dodeca": "12",
    },
    "halogen": {
        "fluoro": "F",
        "fluor": "F",
        "chloro": "Cl",
        "chloor": "Cl",
        "chlor": "Cl",
        "bromo": "Br",
        "broom": "Br",
        "brom": "Br",
        "iodo": "I",
        "jood": "I",
        "iod": "I",
    },
    "alkyl": {
        "methyl": "C1",
        "meth": "C1",
        "ethyl": "C2",
        "eth": "C2",
        "propyl": "C3",
        "prop": "C3",
        "butyl": "C4",
        "but": "C4",
        "phenyl": "Ph",
        "fenyl": "Ph",
    },
    "acid-or-salt": {
        "acid": "acid",
        "zuur": "acid",
        "zuren": "acid",
        "salts": "salt",
        "salt": "salt",
        "zouten": "salt",
        "zout": "salt",
        "ate": "anion",
        "aat": "anion",
        "ic": "acid",
        "potassium": "K",
        "kalium": "K",
        "sodium": "Na",
        "natrium": "Na",
        "ammonium": "NH4",
        "lithium": "Li",
        "calcium": "Ca",
        "magnesium": "Mg",
        "ester": "ester",
    },
    "group": {
        "sulfonic": "SO3H",
        "sulphonic": "SO3H",
        "sulfonate": "SO3-",
        "sulphonate": "SO3-",
        "sulfonaat": "SO3-",
        "sulfonyl": "SO2",
        "sulphonyl": "SO2",
        "sulfonamide": "SO2N",
        "sulfonamido": "SO2N",
        "carboxylic": "COOH",
        "oxide": "O",
        "oxyde": "O",
        "hydroxide": "OH",
        "hydroxy": "OH",
        "nitro": "NO2",
        "amino": "NH2",
        "chloride": "Cl-",
        "bromide": "Br-",
        "fluoride": "F-",
        "sulfide": "S2-",
        "sulfate": "SO4",
        "sulfaat": "SO4",
        "nitrate": "NO3",
        "nitraat": "NO3",
        "carbonate": "CO3",
        "carbonaat": "CO3",
    },
    "bond": {"ane": "ane", "aan": "ane", "ene": "ene", "een": "ene", "yne": "yne", "yn": "yne"},
    "kind": {
        "inorganic": "inorganic",
        "anorganisch": "inorganic",
        "anorganische": "inorganic",
        "organic": "organic",
        "organisch": "organic",
        "organische": "organic",
        "non": "not",
        "niet": "not",
        "per": "per",
        "poly": "poly",
    },
    "isomer": {
        "alpha": "alpha",
        "beta": "beta",
        "gamma": "gamma",
        "delta": "delta",
        "epsilon": "epsilon",
        "cis": "cis",
        "trans": "trans",
        "ortho": "ortho",
        "meta": "meta",
        "para": "para",
    },
}
# Where in a word a spelling counts: suffixes only at a word's end, prefixes only at its start.
SUFFIX_ONLY = {"ate", "aat", "ic", "ane", "aan", "ene", "een", "yne", "yn"}
PREFIX_ONLY = {"non", "niet", "per", "poly"}


SHORT_TOKEN = 5  # in a word this short (PFOA, CFC, p-) every letter may matter


@dataclass(frozen=True)
class Morpheme:
    start: int
    end: int
    kind: str
    identity: str


@dataclass(frozen=True)
class _Spelling:
    text: str
    kind: str
    identity: str
    suffix_only: bool  # only at a word's end
    prefix_only: bool  # only at a word's start


def _spellings_by_first_letter() -> dict[str, tuple[_Spelling, ...]]:
    """Every spelling under its first letter, longest first (then by spelling and class): the first that fits
    at a place in a name is the one read there."""
    ordered = sorted(
        {(s, c) for c, table in MORPHEMES.items() for s in table}, key=lambda sc: (-len(sc[0]), sc[0], sc[1])
    )
    by_first: dict[str, list[_Spelling]] = {}
    for spelling, kind in ordered:
        entry = _Spelling(spelling, kind, MORPHEMES[kind][spelling], spelling in SUFFIX_ONLY, spelling in PREFIX_ONLY)
        by_first.setdefault(spelling[0], []).append(entry)
    return {letter: tuple(entries) for letter, entries in by_first.items()}


SPELLINGS = _spellings_by_first_letter()


def _is_letter(ch: str) -> bool:
    return "a" <= ch <= "z"


@lru_cache(maxsize=65536)
def morphemes(name: str) -> tuple[Morpheme, ...]:
    """The chemically meaningful spellings in a (normalised, lower-case) name, left to right.

    One pass over the name, trying at each place only the spellings that start with its letter (a regular
    expression of all of them took about 0.3 ms a name; this takes an eighth of that). Cached too: a batch
    compares the same query with many names and the same names with many queries."""
    out = []
    at, length = 0, len(name)
    while at < length:
        for spelling in SPELLINGS.get(name[at], ()):
            end = at + len(spelling.text)
            if (
                name.startswith(spelling.text, at)
                and not (spelling.suffix_only and end < length and _is_letter(name[end]))
                and not (spelling.prefix_only and at > 0 and _is_letter(name[at - 1]))
            ):
                out.append(Morpheme(at, end, spelling.kind, spelling.identity))
                at = end
                break
        else:
            at += 1
    return tuple(out)


def _touching(found: tuple[Morpheme, ...], start: int, end: int) -> list[Morpheme]:
    if start == end:  # an insertion point: the spellings it falls in or next to
        return [m for m in found if m.start <= start <= m.end]
    return [m for m in found if m.start < end and start < m.end]


def _token_at(text: str, start: int, end: int) -> str:
    left = start
    while left > 0 and text[left - 1].isalnum():
        left -= 1
    right = end
    while right < len(text) and text[right].isalnum():
        right += 1
    return text[left:right]


def chemical_difference(query: str, candidate: str) -> str | None:
    """Why ``query`` and ``candidate`` (both normalised) may name different chemicals, or ``None`` for a typo."""
    if query == candidate:
        return None
    q_found, c_found = morphemes(query), morphemes(candidate)
    for op in Levenshtein.opcodes(query, candidate):
        if op.tag == "equal":
            continue
        q_text, c_text = query[op.src_start : op.src_end], candidate[op.dest_start : op.dest_end]
        if any(ch.isdigit() for ch in q_text + c_text):
            return f"a number or locant differs ({q_text or '-'} / {c_text or '-'})"
        for text, start, end in ((query, op.src_start, op.src_end), (candidate, op.dest_start, op.dest_end)):
            token = _token_at(text, start, end)
            if 0 < len(token) <= SHORT_TOKEN:
                return f"a short name, abbreviation or descriptor differs ({token})"
        q_near = _touching(q_found, op.src_start, op.src_end)
        c_near = _touching(c_found, op.dest_start, op.dest_end)
        for kind in MORPHEMES:
            q_ids = {m.identity for m in q_near if m.kind == kind}
            c_ids = {m.identity for m in c_near if m.kind == kind}
            if q_ids and c_ids and q_ids != c_ids:
                return f"{kind} differs ({'/'.join(sorted(q_ids))} vs {'/'.join(sorted(c_ids))})"
        # A whole meaningful spelling added or dropped (hexachlorobenzene vs chlorobenzene).
        for near, start, end, other in (
            (q_near, op.src_start, op.src_end, c_found),
            (c_near, op.dest_start, op.dest_end, q_found),
        ):
            for m in near:
                whole = start <= m.start and m.end <= end
                if whole and not any(o.kind == m.kind and o.identity == m.identity for o in _same_place(other, m)):
                    return f"{m.kind} added or dropped ({m.identity})"
    return None


def _same_place(found: tuple[Morpheme, ...], m: Morpheme) -> list[Morpheme]:
    """Spellings that could stand for ``m`` in the other name (within a few characters of where it was)."""
    return [o for o in found if abs(o.start - m.start) <= 3]
