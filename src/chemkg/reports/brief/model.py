"""A brief as plain data: sections of facts, each fact with the numbers of its references.

Builders (substance, treaty, topic) fill it from the store; renderers (md, html, docx) only lay
it out, so every format says the same thing with the same citations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from chemkg.profile import Citation

# A locator part that points at a place in the source (an article, annex, part, page, row, entry, index or
# decision); anything else in the register's locator cell (how a status was derived, which page of a site was
# read, working remarks) is a note for curators and stays out of a brief's references.
PLACE = re.compile(
    r"""^(?:
        (?:[A-Z][a-z]+\ )?art(?:icle)?\.?\ ?\d |
        (?:annex|part|parts|para|paragraph|section|chapter|table|appendix|§)\b |
        pp?\.\ ?\d | page\ \d | rows?\ \d | entry\ ["“\d] | index\ \d |
        [\w.-]+\.(?:xlsx|csv|pdf|xml),\ rows?\ \d |
        memo\ ' | decision\b |
        [A-Z]{2,5}-\d+/\d+ | UNEP/ | [A-Z]+/[A-Z]
    )""",
    re.IGNORECASE | re.VERBOSE,
)


def note_locators(locator: str | None) -> list[str]:
    """The parts of a locator cell that say where in the source a fact is, for the reader of a brief."""
    parts = [p.strip() for p in (locator or "").split(";")]
    return [p for p in parts if p and PLACE.match(p)]


@dataclass
class Fact:
    text: str
    refs: list[int] = field(default_factory=list)


@dataclass
class Section:
    key: str
    heading: str
    facts: list[Fact] = field(default_factory=list)
    empty: str = ""  # said instead of the facts when there are none


@dataclass
class Reference:
    number: int
    title: str
    url: str | None
    locators: list[str]
    unconfirmed: bool
    secondary: bool = False  # a news report, tracker or copy, not the official document


@dataclass
class Brief:
    kind: str  # substance, group, treaty or topic
    lang: str
    title: str
    subtitle: str
    iri: str
    sections: list[Section] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    footer: str = ""

    def cite(self, citations: list[Citation]) -> list[int]:
        """Reference numbers for these citations, adding new sources to the list (one number per source)."""
        numbers: list[int] = []
        for c in citations:
            if not c.title:
                continue
            ref = next((r for r in self.references if r.title == c.title and r.url == c.url), None)
            if ref is None:
                ref = Reference(
                    len(self.references) + 1, c.title, c.url, [], c.confidence == "memory", c.standing == "secondary"
                )
                self.references.append(ref)
            for locator in note_locators(c.locator):
                if locator not in ref.locators:
                    ref.locators.append(locator)
            if ref.number not in numbers:
                numbers.append(ref.number)
        return sorted(numbers)

    def official_first(self) -> None:
        """Renumber the references so official sources come before secondary ones (each group keeps its order)."""
        ordered = sorted(self.references, key=lambda r: r.secondary)
        renumber = {r.number: i for i, r in enumerate(ordered, start=1)}
        for ref in ordered:
            ref.number = renumber[ref.number]
        self.references = ordered
        for section in self.sections:
            for fact in section.facts:
                fact.refs = sorted(renumber[n] for n in fact.refs)

    def section(self, key: str, heading: str, empty: str = "") -> Section:
        section = Section(key, heading, empty=empty)
        self.sections.append(section)
        return section
