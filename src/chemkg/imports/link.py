"""Linking imported rows to the curated substances: by CAS, then EC, then exact name.

A row that matches nothing becomes a new entity with an IRI made from its identifier
(``substance/import-cas-…``), so two lists that name the same CAS meet on one node.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import URIRef

from chemkg.imports.records import Record
from chemkg.registers.validate import Catalogue
from chemkg.terms import node

GROUP_WORDS = re.compile(
    r"\b(compounds|salts|substances|isomers|esters|homologues|congeners)\b|verbindingen\b|zouten\b|\(group\)",
    re.IGNORECASE,
)
TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")


@dataclass(frozen=True)
class Link:
    iri: URIRef
    key: str  # curated id, or the imported entity's id
    how: str  # 'cas', 'ec', 'name', 'register' (graph/official-names.csv) or 'new'


def name_key(name: str) -> str:
    return " ".join(name.lower().split())


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80] or "unnamed"


class Linker:
    """Indexes the curated substances once; ``link`` finds or mints the entity of a record.

    A list entry joins a curated entity only by CAS, EC or exact name. A single substance joins a
    curated group only by the group's own CAS or EC number or its own name ("asbestos" is the group
    Asbestos), never by a synonym: the entry "tellurium" is not "tellurium and tellurium compounds",
    and its ZZS status must not make the whole group ZZS.
    """

    def __init__(self, catalogue: Catalogue) -> None:
        self.by_cas: dict[str, list[str]] = {}
        self.by_ec: dict[str, list[str]] = {}
        self.by_name: dict[str, list[str]] = {}
        self.labels: dict[str, set[str]] = {}  # id → its own names (en, nl), without synonyms
        self.kind: dict[str, str] = {}
        # Single substances first, so a CAS shared with a group resolves to the substance.
        rows = sorted(catalogue.of_kind("substances"), key=lambda r: (r.get("kind") != "substance", r.get("id")))
        for row in rows:
            id_ = row.get("id")
            self.kind[id_] = row.get("kind")
            for cas in row.many("cas"):
                self.by_cas.setdefault(cas, []).append(id_)
            for ec in row.many("ec"):
                self.by_ec.setdefault(ec, []).append(id_)
            self.labels[id_] = {name_key(n) for n in (row.get("label_en"), row.get("label_nl")) if n}
            names = [row.get("label_en"), row.get("label_nl"), *row.many("synonyms_en"), *row.many("synonyms_nl")]
            for name in names:
                if name:
                    ids = self.by_name.setdefault(name_key(name), [])
                    if id_ not in ids:
                        ids.append(id_)

    def first(self, index: dict[str, list[str]], keys: list[str], group_ok: bool, by_name: bool) -> str | None:
        for key in keys:
            for id_ in index.get(key, []):
                if group_ok or self.kind.get(id_) == "substance" or not by_name or key in self.labels[id_]:
                    return id_
        return None

    def link(self, record: Record) -> Link:
        group_ok = self.is_group(record)
        names = [name_key(n) for n in (record.name, TRAILING_NOTE.sub("", record.name), record.name_nl) if n]
        for how, index, keys in (
            ("cas", self.by_cas, record.cas_numbers),
            ("ec", self.by_ec, record.ec_numbers),
            ("name", self.by_name, names),
        ):
            found = self.first(index, keys, group_ok, by_name=how == "name")
            if found is not None:
                return Link(node("substances", found), found, how)
        if record.cas_numbers:
            key = f"import-cas-{record.cas_numbers[0]}"
        elif record.ec_numbers:
            key = f"import-ec-{record.ec_numbers[0]}"
        else:
            key = f"import-{slug(record.name)}"
        return Link(node("substances", key), key, "new")

    @staticmethod
    def is_group(record: Record) -> bool:
        return len(record.cas_numbers) > 1 or bool(GROUP_WORDS.search(record.name))
