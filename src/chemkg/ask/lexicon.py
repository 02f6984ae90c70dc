"""What the words of a question can name: instruments, annexes and lists (from the graph's own labels
and the curated ``vocabulary.ttl``), substances and groups (through the resolver), years, numbers and
CLP hazard classes.

Built once per store, like the resolver; finding mentions is pure Python.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from chemkg.ask.catalogue import vocabulary
from chemkg.identity import looks_like_cas, looks_like_ec
from chemkg.namespaces import sparql_prefixes
from chemkg.resolve import DASHES, IDENTIFIER_KINDS, Resolver, normalise
from chemkg.store import GraphStore

CK = "https://w3id.org/chemkg/ontology#"
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX", 10: "X", 11: "XI"}
ROMAN.update({12: "XII", 13: "XIII", 14: "XIV", 15: "XV", 16: "XVI", 17: "XVII", 18: "XVIII", 19: "XIX", 20: "XX"})
ANNEX_REF = re.compile(r"(?<![\w])(?:annex|annexe|bijlage|appendix)\s+([a-f]|[ivx]{1,5}|\d{1,2})(?![\w])")
YEAR = re.compile(r"(?<![\w./-])(1[89]\d\d|20\d\d)(?![\w./-])")
NUMBER = r"(\d+(?:[.,]\d+)*)"
ABOVE = re.compile(
    r"(?:above|over|more than|greater than|higher than|exceeding|at least|>=?|boven|meer dan|hoger dan|groter dan"
    r"|minstens|ten minste|minimaal)\s*(?:a |an |een )?(?:gwp |odp )?(?:of |van )?" + NUMBER
)
BELOW = re.compile(
    r"(?:below|under|less than|lower than|at most|<=?|onder|minder dan|lager dan|kleiner dan|hoogstens|maximaal"
    r"|ten hoogste)\s*(?:a |an |een )?(?:gwp |odp )?(?:of |van )?" + NUMBER
)
BETWEEN = re.compile(r"(?:between|tussen|from|van|vanaf)\s+(\d{4})\s+(?:and|en|to|until|tot(?: en met)?|-)\s+(\d{4})")
AFTER = re.compile(r"(?:after|later than|na|sedert|na afloop van)\s+(?:the year |het jaar )?(\d{4})")
SINCE = re.compile(r"(?:since|from|starting|vanaf|sinds|van)\s+(?:the year |het jaar )?(\d{4})")
COMING = re.compile(
    r"(?:in |within |over |binnen |in de |de )?(?:the )?(?:next|coming|komende|volgende)"
    r"\s+(\d{1,2})\s+(?:years?|jaar|jaren)"
)
BEFORE = re.compile(r"(?:before|prior to|earlier than|voor|eerder dan)\s+(?:the year |het jaar )?(\d{4})")
UNTIL = re.compile(
    r"(?:until|till|up to|by|no later than|tot en met|tot|uiterlijk|t/m|uiterlijk in)\s+(?:the year |het jaar )?(\d{4})"
)
HAZARDS = {
    "carc.": r"carcinogen\w*|cancer[- ]causing|causes? cancer|kankerverwekkend\w*|carcinogeen|carcinogene|carc\.?",
    "muta.": r"mutagen\w*|mutageen|mutagene|germ cell mutagen\w*|muta\.?",
    "repr.": r"reprotox\w*|toxic (?:for|to) reproduction|reproductive(?: toxicity| toxicants?| toxic)?"
    r"|toxic for fertility|giftig voor de voortplanting|schadelijk voor de voortplanting"
    r"|voortplantingstoxisch\w*|reproductietoxisch\w*|repr\.?",
}
HAZARD = re.compile(
    r"(?<![\w])(" + "|".join(f"(?P<h{i}>{p})" for i, p in enumerate(HAZARDS.values())) + r")"
    r"(?:\s*(?:category|categorie|cat\.?)?\s*(1a|1b|2)(?![\w]))?"
)
# Words that are also names in the graph ("as" for arsenic, "tel" for tetraethyl lead) but in a question
# are almost always just words; they count as names only when written in capitals.
SHORT = 3
STRIP = ".,;:!?\"'“”‘’()[]"


GROUP_SUFFIX = re.compile(r"(?<=\w)-(?=(?:groep|group)\b)", re.IGNORECASE)


def plain(text: str) -> str:
    """The question without accents, with ASCII dashes and single spaces (same length as its lower case).

    "de PFOS-groep" reads as "de PFOS groep", as "the PFOS group" does: the name stands on its own.
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(GROUP_SUFFIX.sub(" ", DASHES.sub("-", text)).split())


@dataclass(frozen=True)
class Scope:
    iri: str
    kind: str  # annex, list, instrument, class, status
    label: dict[str, str]
    instrument: str | None = None
    code: str | None = None
    annexes: tuple[str, ...] = ()  # what a listing's ck:inAnnex is when it is on this scope


@dataclass
class Mention:
    kind: str  # scope, entity, period, threshold, hazard
    start: int
    end: int
    text: str
    value: dict[str, Any]
    alternatives: list[dict[str, Any]] = field(default_factory=list)

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


def _roman(code: str) -> str:
    return ROMAN.get(int(code), code) if code.isdigit() else code.upper()


def _number(text: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", text):
        return float(re.sub(r"[.,]", "", text))
    return float(text.replace(",", "."))


class Lexicon:
    """Scopes and entities ChemKG knows, indexed for finding them in a question."""

    def __init__(self, scopes: list[Scope], aliases: list[tuple[str, str]], resolver: Resolver) -> None:
        self.scopes = {s.iri: s for s in scopes}
        self.resolver = resolver
        # Longest alias first, so "eu pops regulation" wins over "eu".
        self.aliases = sorted(aliases, key=lambda a: -len(a[0]))
        self._alias_patterns = [(re.compile(r"(?<![\w])" + re.escape(t) + r"(?![\w])"), iri) for t, iri in self.aliases]
        self.annexes_by_code: dict[str, list[Scope]] = {}
        for s in scopes:
            if s.kind in ("annex", "list") and s.code:
                self.annexes_by_code.setdefault(s.code.upper(), []).append(s)

    @classmethod
    def from_store(cls, store: GraphStore, resolver: Resolver | None = None) -> Lexicon:
        resolver = resolver or Resolver.from_store(store)
        curated, labels, codes = vocabulary()
        scopes: list[Scope] = []
        aliases: list[tuple[str, str]] = []
        annex_rows = store.select(_ANNEXES)
        annexes_of: dict[str, list[str]] = {}
        for row in annex_rows:
            annexes_of.setdefault(row["i"], []).append(row["a"])
        classes: dict[str, list[str]] = {}
        for row in store.select(_INSTRUMENTS):
            label = {"en": row["en"], "nl": row["nl"] or row["en"]}
            scopes.append(Scope(row["i"], "instrument", label, annexes=tuple(annexes_of.get(row["i"], [row["i"]]))))
            aliases += [(normalise(row["en"]), row["i"]), (normalise(row["nl"] or row["en"]), row["i"])]
            for kind in str(row["types"]).split():
                classes.setdefault(kind, []).extend(annexes_of.get(row["i"], []))
        for row in annex_rows:
            notation = str(row["code"])
            is_list = not re.fullmatch(r"[A-Z]|[IVX]+|art\. \d+|VI \(.*\)", notation)
            code = codes.get(row["a"], notation.split(" ")[0] if not is_list else None)
            label = {"en": row["en"], "nl": row["nl"] or row["en"]}
            scopes.append(Scope(row["a"], "list" if is_list else "annex", label, row["i"], code, (row["a"],)))
            if is_list:
                aliases += [(normalise(notation), row["a"]), (normalise(row["en"]), row["a"])]
                aliases.append((normalise(row["nl"] or row["en"]), row["a"]))
        known = {s.iri for s in scopes}
        for iri, names in labels.items():
            kind = "status" if iri == CK + "zzs" else "class"
            label = {"en": names.get("en", iri), "nl": names.get("nl", names.get("en", iri))}
            scopes.append(Scope(iri, kind, label, annexes=tuple(sorted(classes.get(iri, [iri])))))
            known.add(iri)
        aliases += [(a.text, a.iri) for a in curated if a.iri in known]
        return cls(scopes, sorted(set(aliases)), resolver)

    # -- finding mentions -------------------------------------------------------------------------

    def mentions(self, question: str) -> tuple[str, list[Mention]]:
        """The question's normalised text and everything it names, in order of position."""
        text = plain(question)
        low = text.lower()
        found: list[Mention] = []
        found += self._thresholds(low)
        found += self._hazards(low, found)
        found += self._periods(low, found)
        found += self._scopes(low, found)
        found += self._entities(text, found)
        for m in found:  # show the words as the user wrote them
            m.text = text[m.start : m.end]
        return low, sorted(found, key=lambda m: m.start)

    def _free(self, found: list[Mention], start: int, end: int) -> bool:
        return not any(m.overlaps(start, end) for m in found)

    def _thresholds(self, low: str) -> list[Mention]:
        out: list[Mention] = []
        for pattern, side in ((ABOVE, "above"), (BELOW, "below")):
            for m in pattern.finditer(low):
                if YEAR.fullmatch(m.group(1)) and not re.search(r"gwp|odp|potential|vermogen", low):
                    continue
                n = _number(m.group(1))
                low_, high = (n, 1e12) if side == "above" else (-1.0, n)
                if m.group(0).startswith(("at least", "minstens", "ten minste", "minimaal", ">=")):
                    low_ = n - 1e-9
                if m.group(0).startswith(("at most", "hoogstens", "maximaal", "ten hoogste", "<=")):
                    high = n + 1e-9
                out.append(
                    Mention(
                        "threshold",
                        m.start(),
                        m.end(),
                        m.group(0),
                        {"side": side, "number": n, "low": low_, "high": high},
                    )
                )
        return out

    def _hazards(self, low: str, found: list[Mention]) -> list[Mention]:
        out: list[Mention] = []
        for m in HAZARD.finditer(low):
            if not self._free(found + out, m.start(), m.end()):
                continue
            code = next(c for i, c in enumerate(HAZARDS) if m.group(f"h{i}"))
            hazard = f"{code} {m.group(len(HAZARDS) + 2)}" if m.group(len(HAZARDS) + 2) else code
            out.append(Mention("hazard", m.start(), m.end(), m.group(0), {"hazard": hazard}))
        return out

    def _periods(self, low: str, found: list[Mention]) -> list[Mention]:
        out: list[Mention] = []

        def add(m: re.Match[str], first: int, last: int) -> None:
            if self._free(found + out, m.start(), m.end()):
                out.append(Mention("period", m.start(), m.end(), m.group(0), {"from": first, "to": last}))

        for m in BETWEEN.finditer(low):
            add(m, int(m.group(1)), int(m.group(2)))
        this_year = date.today().year
        for m in COMING.finditer(low):  # "the next 5 years": from this year on, as the gap report counts
            add(m, this_year, this_year + int(m.group(1)))
        for pattern, bounds in (
            (AFTER, lambda y: (y + 1, 9999)),
            (SINCE, lambda y: (y, 9999)),
            (BEFORE, lambda y: (0, y - 1)),
            (UNTIL, lambda y: (0, y)),
        ):
            for m in pattern.finditer(low):
                add(m, *bounds(int(m.group(1))))
        for m in YEAR.finditer(low):
            add(m, int(m.group(1)), int(m.group(1)))
        return out

    def _scopes(self, low: str, found: list[Mention]) -> list[Mention]:
        named: list[Mention] = []
        for pattern, iri in self._alias_patterns:
            for m in pattern.finditer(low):
                if self._free(found + named, m.start(), m.end()):
                    named.append(self._scope_mention(iri, m.start(), m.end(), m.group(0)))
        out: list[Mention] = []
        used: set[int] = set()
        for m in ANNEX_REF.finditer(low):
            if not self._free(found + named, m.start(), m.end()):
                continue
            code = _roman(m.group(1))
            candidates = self.annexes_by_code.get(code, [])
            instruments = [
                (abs(n.start - m.start()), i, n)
                for i, n in enumerate(named)
                if n.value["kind"] == "instrument" and any(c.instrument == n.value["iri"] for c in candidates)
            ]
            if instruments:
                _, index, near = min(instruments, key=lambda x: x[0])
                used.add(index)
                annex = next(c for c in candidates if c.instrument == near.value["iri"])
                start, end = min(m.start(), near.start), max(m.end(), near.end)
                out.append(self._scope_mention(annex.iri, start, end, low[start:end]))
            elif len(candidates) == 1:
                out.append(self._scope_mention(candidates[0].iri, m.start(), m.end(), m.group(0)))
            elif candidates:
                mention = self._scope_mention(candidates[0].iri, m.start(), m.end(), m.group(0))
                mention.alternatives = [self._scope_value(c.iri) for c in candidates]
                out.append(mention)
        return out + [n for i, n in enumerate(named) if i not in used]

    def _scope_value(self, iri: str) -> dict[str, Any]:
        s = self.scopes[iri]
        label = dict(s.label)
        if s.kind == "annex" and s.instrument in self.scopes:
            owner = self.scopes[s.instrument].label
            label = {lang: f"{owner[lang]}, {label[lang]}" for lang in label}
        return {"iri": iri, "kind": s.kind, "label": label, "annexes": s.annexes}

    def _scope_mention(self, iri: str, start: int, end: int, text: str) -> Mention:
        return Mention("scope", start, end, text, self._scope_value(iri))

    def _entities(self, text: str, found: list[Mention]) -> list[Mention]:
        tokens = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"\S+", text)]
        out: list[Mention] = []
        i = 0
        while i < len(tokens):
            hit = None
            for n in range(min(6, len(tokens) - i), 0, -1):
                start, end = tokens[i][0], tokens[i + n - 1][1]
                words = text[start:end]
                lead = len(words) - len(words.lstrip(STRIP))
                words = words.strip(STRIP)
                start += lead
                end = start + len(words)
                if words.lower().endswith("'s"):
                    words, end = words[:-2], end - 2
                if not words or not self._free(found, start, end):
                    continue
                entity = self._entity(words, first=start == 0)
                if entity is not None:
                    hit = (n, Mention("entity", start, end, words, entity))
                    break
            if hit:
                out.append(hit[1])
                i += hit[0]
            else:
                i += 1
        return out

    def _entity(self, words: str, first: bool) -> dict[str, Any] | None:
        if looks_like_cas(words) or looks_like_ec(words):
            found = self.resolver.resolve(words)
            e = found.entity
            return (
                None if e is None else {"iri": e.iri, "label": {"en": e.label, "nl": e.label_nl}, "group": e.is_group}
            )
        key = normalise(words)
        entries = [h for h in self.resolver.exact.get(key, []) if h[1] not in IDENTIFIER_KINDS]
        for suffix in GROUP_SUFFIXES:  # "the tributyltin group" means "Tributyltin compounds"
            if entries or len(key) <= SHORT:
                break
            entries = [h for h in self.resolver.exact.get(key + suffix, []) if h[1] not in IDENTIFIER_KINDS]
        if not entries:
            return None
        if len(key) <= SHORT or key in COMMON_WORDS:
            capitals = sum(c.isupper() for c in words)
            symbol = len(words) == 2 and words[0].isupper() and words[1].islower() and not first
            if capitals < 2 and not symbol:
                return None
        resolution = self.resolver._found(words, entries, confidence=1.0)
        e = resolution.entity
        assert e is not None
        value: dict[str, Any] = {"iri": e.iri, "label": {"en": e.label, "nl": e.label_nl}, "group": e.is_group}
        # "PFOS" names the acid and the group, "tributyltin" a substance and (with "compounds") a group;
        # a question about members means the group.
        group = next((g for g in resolution.also if g.is_group), None)
        for suffix in GROUP_SUFFIXES:
            if group is not None or e.is_group:
                break
            hits = self.resolver.exact.get(key + suffix, [])
            group = next((self.resolver.entities[h[0]] for h in hits if self.resolver.entities[h[0]].is_group), None)
        if group is not None:
            value["as_group"] = {"iri": group.iri, "label": {"en": group.label, "nl": group.label_nl}, "group": True}
        return value


GROUP_SUFFIXES = (" compounds", "verbindingen", " verbindingen")
COMMON_WORDS = {"tin", "tel", "tri", "tris"}

_INSTRUMENTS = (
    sparql_prefixes()
    + """
SELECT ?i ?en ?nl (GROUP_CONCAT(STR(?type); separator=" ") AS ?types) WHERE {
  ?i a ck:Instrument ; a ?type ; ck:shortName ?en . FILTER(LANG(?en) = "en")
  OPTIONAL { ?i ck:shortName ?nl . FILTER(LANG(?nl) = "nl") }
}
GROUP BY ?i ?en ?nl"""
)
_ANNEXES = (
    sparql_prefixes()
    + """
SELECT ?a ?i ?code ?en ?nl WHERE {
  ?a a ck:Annex ; ck:instrument ?i ; skos:notation ?code ; skos:prefLabel ?en . FILTER(LANG(?en) = "en")
  OPTIONAL { ?a skos:prefLabel ?nl . FILTER(LANG(?nl) = "nl") }
}"""
)
