"""Why a search result matched, in the page's language.

The resolver and the search engine explain a match in a few English words (the kind of name that
matched, how close a suggestion is, what chemical detail differs); a Dutch page shows them in Dutch.
"""

from __future__ import annotations

import re
from typing import Any

# kind of name or identifier → (English, Dutch)
KINDS: dict[str, tuple[str, str]] = {
    "name": ("name", "naam"),
    "synonym": ("synonym", "synoniem"),
    "abbreviation": ("abbreviation", "afkorting"),
    "short name": ("short name", "korte naam"),
    "cas": ("CAS", "CAS"),
    "ec": ("EC", "EG"),
    "inchikey": ("InChIKey", "InChIKey"),
    "formula": ("formula", "formule"),
    "article": ("article", "artikel"),
}
# what part of a chemical name differs (name_guard.MORPHEMES) → Dutch
PARTS_NL = {
    "multiplier": "vermenigvuldiger",
    "halogen": "halogeen",
    "alkyl": "alkylgroep",
    "acid-or-salt": "zuur of zout",
    "group": "groep",
    "bond": "binding",
    "kind": "soort",
    "isomer": "isomeer",
}
SEMANTIC = ("meaning (semantic match)", "betekenis (semantische overeenkomst)")
RELATED = ("related meaning", "verwante betekenis")
# English explanations of a suggestion (resolve.py, name_guard.py) and their Dutch wording
DIFFERS_NL: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"^an abbreviation or identifier, matched only exactly$"),
        "een afkorting of nummer, alleen exact vergeleken",
    ),
    (re.compile(r"^a number or locant differs \((.*)\)$"), r"een getal of plaatsaanduiding verschilt (\1)"),
    (
        re.compile(r"^a short name, abbreviation or descriptor differs \((.*)\)$"),
        r"een korte naam, afkorting of aanduiding verschilt (\1)",
    ),
    (re.compile(r"^([a-z-]+) differs \((.*) vs (.*)\)$"), r"\1 verschilt (\2 of \3)"),
    (re.compile(r"^([a-z-]+) added or dropped \((.*)\)$"), r"\1 toegevoegd of weggelaten (\2)"),
)


def kind_word(kind: str | None, lang: str) -> str:
    pair = KINDS.get((kind or "name").lower())
    if pair is None:
        return kind or ""
    return pair[1] if lang == "nl" else pair[0]


def differs_text(text: str, lang: str) -> str:
    """A suggestion's 'may be another chemical' detail in ``lang`` (unknown wording is kept as it is)."""
    if lang != "nl":
        return text
    for pattern, dutch in DIFFERS_NL:
        match = pattern.match(text)
        if match:
            out = match.expand(dutch)
            first = out.split(" ", 1)
            return f"{PARTS_NL.get(first[0], first[0])} {first[1]}" if len(first) == 2 else out
    return text


def exact_reason(kind: str | None, matched: str | None, lang: str) -> str:
    word = kind_word(kind, lang)
    return f"{word}: {matched}" if matched else word


def close_reason(matched: str, score: float, differs: str | None, lang: str) -> str:
    if lang == "nl":
        reason = f"lijkt op “{matched}” ({score:.0f}%)"
        return reason + (f"; mogelijk een andere stof: {differs_text(differs, lang)}" if differs else "")
    reason = f"close to “{matched}” ({score:.0f}%)"
    return reason + (f"; may be another chemical: {differs}" if differs else "")


def hit_reason(explanation: dict[str, Any], lang: str = "en") -> str:
    """Why a search hit matched, in a few words, from the engine's explanation."""
    nl = lang == "nl"
    exact = explanation.get("exact") or []
    parts = [f"{kind_word(str(e.get('kind', 'name')), lang)} “{e.get('value', '')}”" for e in exact]
    terms = explanation.get("matched_words") or explanation.get("matched_terms") or []
    if terms:
        parts.append(", ".join(map(str, list(terms)[:6])))
    if explanation.get("dense_rank") and not explanation.get("lexical_rank"):
        parts.append(SEMANTIC[1] if nl else SEMANTIC[0])
    return "; ".join(parts) or (RELATED[1] if nl else RELATED[0])


# What the resolver says about an input it could not take (resolve.py, identity.py, holdings.py), in Dutch.
MESSAGES_NL: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"^empty input: give a CAS or EC number, an InChIKey or a name$"),
        "lege invoer: geef een CAS- of EG-nummer, een InChIKey of een naam",
    ),
    (
        re.compile(r"^(.+) is not a CAS number: expected digits in the form (\S+)$"),
        r"\1 is geen CAS-nummer: verwacht cijfers in de vorm \2",
    ),
    (re.compile(r"^(.+) is not an EC number: expected the form (\S+)$"), r"\1 is geen EG-nummer: verwacht de vorm \2"),
    (
        re.compile(r"^CAS (\S+) fails its checksum \(check digit should be (\d+), not (\d+)\)$"),
        r"CAS \1 klopt niet: het controlecijfer moet \2 zijn, niet \3",
    ),
    (
        re.compile(
            r"^EC (\S+) fails its checksum \(check digit should be none: no valid EC number has this stem, not (\d+)\)$"
        ),
        r"EG \1 klopt niet: geen geldig EG-nummer begint zo (controlecijfer \2)",
    ),
    (
        re.compile(r"^EC (\S+) fails its checksum \(check digit should be (\d+), not (\d+)\)$"),
        r"EG \1 klopt niet: het controlecijfer moet \2 zijn, niet \3",
    ),
)
UNRESOLVED = re.compile(
    r"^no substance or group named (.+?)(?:; (.+) is close but may be another chemical \((.*)\))?"
    r"(; check the spelling or use a CAS number)?$"
)
ABSENT = re.compile(r"^(CAS|EC|InChIKey) (\S+) is not on any list ChemKG holds(.*)$")


def message_text(text: str | None, lang: str) -> str:
    """A resolver message in ``lang``; wording not known here is kept as it is."""
    if not text or lang != "nl":
        return text or ""
    for pattern, dutch in MESSAGES_NL:
        if pattern.match(text):
            return pattern.sub(dutch, text)
    match = UNRESOLVED.match(text)
    if match:
        query, close, differs, hint = match.groups()
        out = f"geen stof of groep met de naam {query}"
        if close:
            out += f"; {close} lijkt erop maar is mogelijk een andere stof ({differs_text(differs or '', lang)})"
        # without suggestions the resolver says what to do; with them, the caller lists them
        return out + ("; controleer de spelling of gebruik een CAS-nummer" if hint else "")
    match = ABSENT.match(text)
    if match:
        from chemkg.holdings import LEAD, TREATIES
        from chemkg.imports.kinds import IMPORT_KINDS

        kind, value, rest = match.groups()
        rest = rest.replace(TREATIES["en"], TREATIES["nl"])
        for k in IMPORT_KINDS.values():
            if k.short_nl:
                rest = rest.replace(k.short, k.short_nl)
        return f"{'EG' if kind == 'EC' else kind} {value} {LEAD['nl']}{rest}"
    return text
