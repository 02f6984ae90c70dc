"""What ChemKG holds, so that "not found" can say where we looked.

A valid identifier that no list names is an answer in itself for a negotiator ("this substance is
on none of these lists"), but only if the answer names the lists and their editions.
"""

from __future__ import annotations

from dataclasses import dataclass

from chemkg.store import GraphStore

TREATIES = {
    "en": "nor listed under the Stockholm, Rotterdam, Minamata or Basel Conventions or the Montreal Protocol",
    "nl": "en niet geplaatst onder de Verdragen van Stockholm, Rotterdam, Minamata of Bazel of het Protocol "
    "van Montreal",
}
LEAD = {"en": "not on any list ChemKG holds", "nl": "staat op geen enkele lijst die ChemKG bevat"}


@dataclass(frozen=True)
class HeldList:
    name: str
    edition: str  # YYYY-MM-DD
    name_nl: str = ""

    def name_in(self, lang: str) -> str:
        return self.name_nl if lang == "nl" and self.name_nl else self.name

    @property
    def edition_dmy(self) -> str:
        year, month, day = self.edition.split("-")
        return f"{day}-{month}-{year}"


def held_lists(store: GraphStore) -> list[HeldList]:
    return [HeldList(row["name"], str(row["date"]), row["nameNl"] or "") for row in store.rows("held-lists")]


def absence(lists: list[HeldList], lang: str = "en") -> str:
    """'not on any list ChemKG holds: RIVM ZZS list (18-07-2023), …, nor listed under the Stockholm, … '"""
    named = ", ".join(f"{h.name_in(lang)} ({h.edition_dmy})" for h in lists)
    return f"{LEAD[lang]}: {named}; {TREATIES[lang]}" if named else f"{LEAD[lang]}; {TREATIES[lang]}"
