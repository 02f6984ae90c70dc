"""How a question is understood: which template it asks, and what fills each slot.

A template is a candidate when one of its cues is in the question (and its context, if it has one)
and every required slot can be filled from what the question names. Candidates are scored by the
template's priority, the slots filled and the mentions left over (a question that names something the
template cannot use is probably asking something else). No candidate: the question is not understood,
and ChemKG says so rather than answering a different question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from chemkg.ask.catalogue import Slot, Template, templates
from chemkg.ask.lexicon import Lexicon, Mention

DUTCH = {
    "de", "het", "een", "van", "welke", "wat", "zijn", "staan", "staat", "op", "niet", "maar", "en", "voor",
    "hoeveel", "wanneer", "waarom", "geen", "bij", "onder", "ook", "zowel", "als", "wordt", "worden", "stoffen",
    "verdrag", "bijlage", "lijst", "heeft", "hebben", "valt", "vallen", "sinds", "na", "tussen", "welk", "waar",
    "horen", "hoort", "verboden", "wereldwijd", "uitzonderingen", "vervallen", "ingedeeld", "waarvoor", "nog",
}  # fmt: skip
ENGLISH = {
    "the", "a", "an", "of", "which", "what", "are", "is", "on", "not", "but", "and", "for", "how", "many", "when",
    "why", "no", "by", "under", "also", "both", "was", "were", "substances", "convention", "annex", "list", "has",
    "have", "does", "do", "since", "after", "before", "between", "where", "belong", "banned", "any", "exemptions",
    "expire", "classified", "chemicals", "in", "to", "it", "its", "listed",
}  # fmt: skip
# A negation the template does not express ("… not on the EU list" read as "… on the EU list") would
# answer the opposite question, so a reading that leaves one out is not an answer.
NEGATION = re.compile(r"\b(not|no|never|none|without|except|excluding|niet|geen|nooit|zonder|behalve|nergens)\b|n't\b")
UNUSED_PENALTY = 3
SLOT_BONUS = 2


# Words both languages spell alike ("Is PFOA een ZZS?" is Dutch): they tell neither language.
SHARED = {"is", "in"}


def detect_language(text: str) -> str:
    """nl or en, by counting function words of each language (English on a tie); words the two languages
    share are not counted."""
    words = [w for w in re.findall(r"[a-z]+", text.lower()) if w not in SHARED]
    nl = sum(w in DUTCH for w in words)
    en = sum(w in ENGLISH for w in words)
    return "nl" if nl > en else "en"


@dataclass
class Filled:
    slot: Slot
    mention: Mention | None

    @property
    def value(self) -> dict[str, Any]:
        return self.mention.value if self.mention else {}


@dataclass
class Understanding:
    template: Template
    filled: list[Filled]
    score: float
    unused: list[Mention] = field(default_factory=list)
    ignored_negations: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Everything the question names and every negation in it is part of this reading."""
        return not self.unused and not self.ignored_negations

    def ambiguous(self) -> list[Mention]:
        return [f.mention for f in self.filled if f.mention is not None and f.mention.alternatives]


@dataclass
class Reading:
    """Everything the parser saw: the language, the mentions and the ranked candidates (best first)."""

    question: str
    lang: str
    text: str
    mentions: list[Mention]
    candidates: list[Understanding]

    @property
    def best(self) -> Understanding | None:
        """The best complete reading: one that leaves nothing the question names or negates aside."""
        return next((c for c in self.candidates if c.complete), None)


CONDITION = re.compile(r"^\(\?#slot:(\w+)\)")


def _cue_spans(template: Template, text: str, filled: set[str] | None = None) -> list[tuple[int, int]]:
    """Where the template's cues are in the text; a cue that starts ``(?#slot:NAME)`` counts only when
    slot NAME is filled (``filled`` None: such cues are left out)."""
    spans = []
    for patterns in template.cues.values():
        for pattern in patterns:
            condition = CONDITION.match(pattern.pattern)
            if condition and (filled is None or condition.group(1) not in filled):
                continue
            spans += [m.span() for m in pattern.finditer(text)]
    return spans


def _accepts(slot: Slot, mention: Mention) -> bool:
    if slot.kind != mention.kind:
        return False
    if not slot.accepts:
        return True
    if slot.kind == "scope":
        kind = mention.value["kind"]
        return kind in slot.accepts or (kind == "list" and "annex" in slot.accepts)
    if slot.kind == "entity":
        return "group" not in slot.accepts or bool(mention.value.get("group") or mention.value.get("as_group"))
    return True


def _negation_at(template: Template, text: str) -> int | None:
    """Where the first negation cue of a difference template starts (None when there is none)."""
    starts = [m.start() for patterns in template.cues.values() for p in patterns for m in p.finditer(text)]
    return min(starts) if starts else None


def _fill(template: Template, text: str, mentions: list[Mention]) -> list[Filled] | None:
    """Slots filled in order of mention; a negated slot takes the first scope named after the negation."""
    free = list(mentions)
    filled: list[Filled] = []
    negation = _negation_at(template, text) if any(s.negated for s in template.slots) else None
    for slot in sorted(template.slots, key=lambda s: (not s.negated, s.name != "scope")):
        options = [m for m in free if _accepts(slot, m)]
        if slot.negated:
            after = [m for m in options if negation is not None and m.end > negation]
            # "ZZS die wereldwijd niet gereguleerd zijn": the negation follows the list it negates
            options = after or (options[-1:] if len(options) >= 2 else [])
        choice = options[0] if options else None
        if choice is None and slot.required:
            return None
        if choice is not None:
            free.remove(choice)
            if "group" in slot.accepts and not choice.value.get("group"):
                choice = replace(choice, value=choice.value["as_group"])
        filled.append(Filled(slot, choice))
    return filled


def read(question: str, lexicon: Lexicon, lang: str | None = None) -> Reading:
    """Every template the question could be asking, best first."""
    text, named = lexicon.mentions(question)
    mentions: list[Mention] = []
    for m in named:  # the same list named twice is one mention
        if not any(o.kind == m.kind and o.value.get("iri", o.value) == m.value.get("iri", m.value) for o in mentions):
            mentions.append(m)
    language = lang or detect_language(text)
    candidates: list[Understanding] = []
    for template in templates().values():
        if any(not p.search(text) for p in template.context) or any(p.search(text) for p in template.unless):
            continue
        filled = _fill(template, text, mentions)
        if filled is None:
            continue
        cues = _cue_spans(template, text, {f.slot.name for f in filled if f.mention is not None})
        if not cues:
            continue
        cues += [m.span() for p in (*template.context, *template.absorbs) for m in p.finditer(text)]
        used = {(f.mention.kind, f.mention.start) for f in filled if f.mention is not None}
        unused = [
            m for m in mentions if (m.kind, m.start) not in used and not any(m.start < e and s < m.end for s, e in cues)
        ]
        negations = [m.group(0) for m in NEGATION.finditer(text) if not any(s <= m.start() < e for s, e in cues)]
        score = template.priority + SLOT_BONUS * len(used) - UNUSED_PENALTY * (len(unused) + len(negations))
        candidates.append(Understanding(template, filled, score, unused, negations))
    candidates.sort(key=lambda u: -u.score)
    return Reading(question, language, text, mentions, candidates)
