"""Which curated groups an imported substance belongs to, by the group's own definition.

The rule is deliberately narrow, because a membership hands the substance the group's listings and
ZZS status. An entity minted by an import (a CLP entry "zinc oxide" that no curated row has) becomes a
member of a curated group only when the group's own description names it as an example of the group:

- the name follows "such as" ("zoals") in the sentence that defines the group, word for word after
  normalising case and spacing — never a synonym, a shared word ("zinc"), a formula or a class
  ("compounds of zinc" would cover zinc chloride, but chemistry is not decided by string matching);
- the examples are of the group itself: a "such as" after "used", "replaced", "including" or
  "production" gives examples of something else ("used to make fluoropolymers such as PTFE"), and the
  list ends where the uses begin ("…, used for degreasing");
- an elliptical list names only its full items: in "zinc oxide, chloride and sulfate" or "sodium and
  potassium cyanide" the one-word fragments ("chloride", "sodium") name nothing, nor do Dutch
  fragments with a hyphen ("natrium-", "-chloride").

The membership cites the group's own row (its sources) and says it was read from the definition,
so a reader can check it where the group is defined.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from chemkg.registers.validate import Catalogue

# "such as A, B and C" in English, "zoals A, B en C" in Dutch: up to the end of the clause.
EXAMPLES = {"en": re.compile(r"\bsuch as ([^.;()]*)"), "nl": re.compile(r"\bzoals ([^.;()]*)")}
SEPARATORS = {"en": re.compile(r",\s*|\s+and\s+|\s+or\s+"), "nl": re.compile(r",\s*|\s+en\s+|\s+of\s+")}
# Before "such as": the examples are of something else (a product, a use). After it: the uses begin.
OTHER_THING = {
    "en": re.compile(r"\b(used|replaced|including|production|to make)\b"),
    "nl": re.compile(r"\b(gebruikt|verving|waaronder|productie)\b"),
}
USES_BEGIN = {
    "en": re.compile(r"^(used|found|arising|in making)\b"),
    "nl": re.compile(r"^(gebruikt|die|afkomstig|bij de)\b"),
}


def normalise(name: str) -> str:
    return " ".join(name.lower().split())


def named_examples(description: str, lang: str = "en") -> list[str]:
    """The substances a definition names as examples of the group itself (see the module docstring)."""
    out: list[str] = []
    sentence = (description or "").split(". ")[0]
    for match in EXAMPLES[lang].finditer(sentence):
        if OTHER_THING[lang].search(sentence[: match.start()]):
            continue
        parts: list[str] = []
        for part in (normalise(p) for p in SEPARATORS[lang].split(match.group(1)) if p.strip()):
            if USES_BEGIN[lang].search(part):
                break
            parts.append(part)
        elliptical = len({len(p.split()) for p in parts}) > 1
        out += [p for p in parts if not (p.startswith("-") or p.endswith("-") or (elliptical and len(p.split()) == 1))]
    return out


@dataclass(frozen=True)
class GroupDefinition:
    """A curated group as far as membership by definition needs it."""

    id: str
    label: str
    sources: tuple[str, ...]
    examples: dict[str, frozenset[str]]  # lang → names the definition gives as examples


class DefinedGroups:
    """The curated groups whose descriptions name examples; ``groups_naming`` finds those naming a substance."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.groups: list[GroupDefinition] = []
        for row in catalogue.of_kind("substances"):
            if row.get("kind") != "group":
                continue
            examples = {
                lang: frozenset(named_examples(row.get(f"description_{lang}") or "", lang)) for lang in ("en", "nl")
            }
            if any(examples.values()):
                self.groups.append(
                    GroupDefinition(row.get("id"), row.get("label_en"), tuple(row.many("source")), examples)
                )

    def groups_naming(self, names: Iterable[tuple[str, str]]) -> list[GroupDefinition]:
        """Groups whose definition names one of ``names`` ((name, lang) pairs) as an example."""
        wanted = {(normalise(name), lang) for name, lang in names if name}
        return [g for g in self.groups if any(name in g.examples[lang] for name, lang in wanted)]
