"""The register kinds: which columns each kind of curated file has, and where its IRIs live.

A file ``graph/<kind>.csv`` or ``graph/<kind>/<name>.csv`` is a register of that kind. Each
register becomes one named graph, ``https://w3id.org/chemkg/graph/<kind>[/<name>]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chemkg.registers.columns import (
    CAS,
    EC,
    INCHIKEY,
    Column,
    check_date,
    check_decimal,
    check_int,
    check_partial_date,
    check_url,
    choice,
    ref,
    text,
    texts,
    typed,
)

# Columns every fact-bearing register carries: where the fact comes from.
PROVENANCE = (
    ref("source", "sources", required=True, multi=True, doc="id(s) of the source document(s) in sources.csv"),
    text("locator", doc="where in the source: article, annex, paragraph or page"),
    choice(
        "confidence",
        "source",
        "memory",
        doc="'source' (read in the cited source; the default) or 'memory' (not confirmed; shown as such)",
    ),
    text("note", doc="curator's note, English"),
)

LISTING_STATUSES = ("listed", "amended", "deleted", "replaced", "under-review", "recommended-not-listed")
SUBSTANCE_KINDS = ("substance", "group")
ENTRY_KINDS = ("waste", "product", "process", "hazard-characteristic", "use")
SOURCE_STANDINGS = ("official", "secondary")
OFFICIAL_LISTS = ("rivm-zzs", "echa-candidate-list", "echa-annex-xiv", "echa-annex-xvii", "echa-pops", "echa-clp")
NAME_RELATIONS = ("same", "part-of", "includes")
INSTRUMENT_KINDS = ("treaty", "protocol", "regional-treaty", "amendment", "framework", "eu-regulation", "eu-directive")


def article_id(instrument: str, article: str) -> str:
    """The id of the article node an obligation row implies: '3(1)(a)' of stockholm → 'stockholm/article-3'."""
    number = re.match(r"[0-9]+[A-Z]?", article)
    return f"{instrument}/article-{(number.group(0) if number else article).lower()}"


@dataclass(frozen=True)
class Kind:
    """A kind of register: its columns (in canonical order) and its IRI path."""

    name: str
    path: str  # IRI path prefix under https://w3id.org/chemkg/, '{id}' is substituted
    columns: tuple[Column, ...]
    doc: str
    provenance: bool = True

    @property
    def all_columns(self) -> tuple[Column, ...]:
        return (
            Column("id", required=True, doc="stable id; never change it once published"),
            *self.columns,
        ) + (PROVENANCE if self.provenance else ())

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.all_columns]

    def column(self, name: str) -> Column:
        for c in self.all_columns:
            if c.name == name:
                return c
        raise KeyError(name)


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "sources",
            "source/{id}",
            (
                text("title", required=True),
                text("publisher", required=True),
                typed("url", check_url),
                typed("date", check_partial_date, required=True, doc="publication or version date"),
                text("licence"),
                choice("type", "treaty-text", "decision", "official-list", "official-page", "report", "secondary"),
                choice(
                    "standing",
                    *SOURCE_STANDINGS,
                    required=True,
                    doc="'official' (published by the treaty body, a government or the EU) or 'secondary' "
                    "(news, trackers, blogs, copies): a brief cites official sources first",
                ),
                text("note"),
            ),
            "Source documents that facts cite.",
            provenance=False,
        ),
        Kind(
            "instruments",
            "treaty/{id}",
            (
                choice("kind", *INSTRUMENT_KINDS, required=True),
                text("short_en", required=True, lang="en"),
                text("short_nl", required=True, lang="nl"),
                text("label_en", required=True, lang="en"),
                text("label_nl", required=True, lang="nl"),
                ref("part_of", "instruments"),
                typed("adopted", check_partial_date),
                text("adopted_place"),
                typed("in_force", check_partial_date),
                text("secretariat"),
                text("untc", doc="UN Treaty Collection chapter number, e.g. XXVII-15"),
                text("unts", doc="UNTS registration number"),
                text("bwb_id", doc="Dutch treaty database (wetten.overheid.nl) id, e.g. BWBV0001517"),
                typed("parties", check_int),
                typed("parties_as_of", check_partial_date),
                choice("nl_status", "party", "signatory", "not-party", "participant"),
                typed("nl_date", check_partial_date),
                text("nl_instrument", doc="how the Netherlands joined: ratification, acceptance, approval…"),
                typed("url", check_url),
                text("description_en", required=True, lang="en"),
                text("description_nl", required=True, lang="nl"),
            ),
            "Treaties, protocols, frameworks and EU acts.",
        ),
        Kind(
            "annexes",
            "treaty/{id}",
            (
                ref("instrument", "instruments", required=True),
                text("code", required=True, doc="as the instrument writes it: A, III, F, VIII…"),
                text("label_en", required=True, lang="en"),
                text("label_nl", required=True, lang="nl"),
                text("description_en", required=True, lang="en"),
                text("description_nl", required=True, lang="nl"),
            ),
            "Annexes, parts and lists of an instrument in which things are listed; id is '<instrument>/<annex>'.",
        ),
        Kind(
            "obligations",
            "treaty/{id}",
            (
                ref("instrument", "instruments", required=True),
                text("article", required=True, doc="article reference, e.g. 3(1)(a)"),
                text("title_en", required=True, lang="en"),
                text("title_nl", required=True, lang="nl"),
                text("summary_en", required=True, lang="en", doc="what the article obliges, in our own words"),
                text("summary_nl", required=True, lang="nl"),
                ref("annexes", "annexes", multi=True, doc="the annexes whose entries this obligation governs"),
            ),
            "Obligations created by treaty articles; id is '<instrument>/article-<n>/<slug>'.",
        ),
        Kind(
            "meetings",
            "meeting/{id}",
            (
                ref("instrument", "instruments", "panel"),
                text("label_en", required=True, lang="en"),
                text("label_nl", lang="nl"),
                text("place"),
                typed("start", check_partial_date, required=True),
                typed("end", check_partial_date),
            ),
            "Meetings: Conferences and Meetings of the Parties, review committees, panel sessions.",
        ),
        Kind(
            "decisions",
            "decision/{id}",
            (
                text("code", required=True, doc="as cited, e.g. SC-9/12, RC-7/4, BC-14/12"),
                ref("meeting", "meetings"),
                text("title_en", lang="en"),
                typed("date", check_partial_date),
                typed("url", check_url),
            ),
            "Decisions that adopt or amend listings.",
        ),
        Kind(
            "substances",
            "substance/{id}",
            (
                choice("kind", *SUBSTANCE_KINDS, required=True),
                text("label_en", required=True, lang="en"),
                text("label_nl", required=True, lang="nl"),
                texts("abbreviations", doc="common abbreviations or codes, e.g. PFOS, CFC-11"),
                texts("synonyms_en", lang="en"),
                texts("synonyms_nl", lang="nl"),
                CAS,
                EC,
                INCHIKEY,
                text("smiles"),
                text("formula"),
                ref("members", "substances", multi=True, doc="for a group: the named members"),
                text("description_en", required=True, lang="en"),
                text("description_nl", required=True, lang="nl"),
            ),
            "Substances and substance groups: identity only, no treaty facts.",
        ),
        Kind(
            "official-names",
            "correspondence/{id}",
            (
                choice("list", *OFFICIAL_LISTS, required=True, doc="the imported list (chemkg import <kind>)"),
                text("name", required=True, doc="the entry's name exactly as the list writes it"),
                choice(
                    "relation",
                    *NAME_RELATIONS,
                    required=True,
                    doc="'same' (the entry is the curated entity), 'part-of' (it is a member of the curated group) "
                    "or 'includes' (the curated entities are members of it)",
                ),
                ref("entity", "substances", required=True, multi=True, doc="the curated substance(s) or group(s)"),
            ),
            "How an official list's entry that no CAS, EC or name links relates to curated substances.",
        ),
        Kind(
            "entries",
            "entry/{id}",
            (
                choice("kind", *ENTRY_KINDS, required=True),
                text("code", doc="code in its annex, e.g. Y29, A1010, H6.1"),
                text("label_en", required=True, lang="en"),
                text("label_nl", required=True, lang="nl"),
                text("description_en", lang="en"),
                text("description_nl", lang="nl"),
                ref("concerns", "substances", multi=True, doc="substances or groups this entry is about"),
            ),
            "Annex entries that are not substances: waste categories, products, processes.",
        ),
        Kind(
            "listings",
            "listing/{id}",
            (
                ref("item", "substances", "entries", required=True),
                ref("annex", "annexes", required=True),
                choice("status", *LISTING_STATUSES, required=True),
                ref("decisions", "decisions", multi=True),
                typed("adopted", check_partial_date, doc="date (or year) the listing was adopted"),
                typed("in_force", check_partial_date),
                text("category", doc="e.g. pesticide, industrial, severely hazardous pesticide formulation"),
                text("group", doc="group within the annex, e.g. Montreal Annex A Group I"),
                typed("phase_out", check_partial_date),
                typed("odp", check_decimal, doc="ozone-depleting potential"),
                typed("gwp", check_decimal, doc="100-year global warming potential"),
                ref("replaced_by", "listings"),
                ref(
                    "meetings",
                    "meetings",
                    multi=True,
                    doc="meetings that considered it (e.g. where it stalled)",
                ),
                text("summary_en", lang="en"),
                text("summary_nl", lang="nl"),
            ),
            "Listings: one substance, group or entry in one annex; id is '<annex>/<item>'.",
        ),
        Kind(
            "exemptions",
            "exemption/{id}",
            (
                ref("listing", "listings", required=True),
                choice("kind", "specific-exemption", "acceptable-purpose", "exclusion", required=True),
                text("label_en", required=True, lang="en"),
                text("label_nl", required=True, lang="nl"),
                typed("expires", check_partial_date),
                choice(
                    "expires_basis",
                    "stated",
                    "computed",
                    doc="'stated' (the date is in the text) or 'computed' (derived by a treaty rule, e.g. Stockholm "
                    "art. 4(4): five years after the listing entered into force; the note gives the rule)",
                ),
            ),
            "Specific exemptions and acceptable purposes of a listing.",
        ),
        Kind(
            "zzs-criteria",
            "zzs/criterion/{id}",
            (
                text("code", required=True),
                text("label_en", required=True, lang="en"),
                text("label_nl", required=True, lang="nl"),
                text("legal_basis", required=True, lang="en"),
                text("legal_basis_nl", required=True, lang="nl"),
                text("description_en", required=True, lang="en"),
                text("description_nl", required=True, lang="nl"),
                choice("status", "zzs", "potential-zzs", required=True, doc="the status this route leads to"),
            ),
            "The routes by which a substance is ZZS or potential ZZS in the Netherlands.",
        ),
        Kind(
            "zzs",
            "zzs/status/{id}",
            (
                ref("substance", "substances", required=True),
                choice("status", "zzs", "potential-zzs", required=True),
                ref("criteria", "zzs-criteria", required=True, multi=True),
                typed("date", check_partial_date, doc="date it became (potential) ZZS, where known"),
                choice(
                    "derivation",
                    "rivm-list",
                    "rule",
                    required=True,
                    doc="'rivm-list' when read from an RIVM list, 'rule' when derived from a criterion",
                ),
            ),
            "Dutch ZZS status per substance, with the route that makes it so.",
        ),
        Kind(
            "panel",
            "panel/{id}",
            (
                choice("kind", "panel", "body", "function", "programme", required=True),
                text("label_en", required=True, lang="en"),
                text("label_nl", required=True, lang="nl"),
                ref("part_of", "panel"),
                typed("established", check_partial_date),
                text("description_en", required=True, lang="en"),
                text("description_nl", required=True, lang="nl"),
            ),
            "The ISP-CWP: the panel, its bodies and functions; also national programmes around it.",
        ),
        Kind(
            "topics",
            "panel/topic/{id}",
            (
                text("label_en", required=True, lang="en"),
                text("label_nl", required=True, lang="nl"),
                choice("status", "candidate", "agreed", required=True),
                text("raised_at", required=True, doc="where the topic was raised"),
                ref("concerns", "substances", "instruments", multi=True),
                text("description_en", required=True, lang="en"),
                text("description_nl", required=True, lang="nl"),
            ),
            "Candidate and agreed assessment or horizon-scanning topics of the panel.",
        ),
        Kind(
            "events",
            "event/{id}",
            (
                typed("date", check_date, required=True),
                text("label_en", required=True, lang="en"),
                text("label_nl", required=True, lang="nl"),
                text("description_en", lang="en"),
                text("description_nl", lang="nl"),
                ref("concerns", "instruments", "panel", "substances", "meetings", multi=True),
            ),
            "Dated events in chemicals governance: adoptions, entries into force, founding of the panel.",
        ),
    )
}

# Where a reference column may point: each kind's ids live in one id space.
assert all(set(c.refs) <= set(KINDS) for k in KINDS.values() for c in k.columns)
