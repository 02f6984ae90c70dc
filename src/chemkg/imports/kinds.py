"""The official lists ChemKG imports, and how one row of each becomes validated records.

A row parser returns the row's records or raises ``RowError`` with a reason a person can act on;
a row is never dropped without one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from chemkg.identity import cas_error, ec_error
from chemkg.imports.records import Record
from chemkg.imports.tables import is_missing, parse_date, values
from chemkg.registers.structure import inchikey_from_smiles

Cells = dict[str, str]
CMR_1A_1B = re.compile(r"\b(Carc|Muta|Repr)\.\s*1[AB]\b")
CLP_INDEX = re.compile(r"^\d{3}-\d{3}-\d{2}-[\dX]$")
ANNEX_XVII_ENTRY = re.compile(r"^\d+[a-z]?$")
POPS_ANNEX = re.compile(r"^Annex\s+([IVX]+)(?:\s*,\s*part\s+([A-Z]))?$", re.IGNORECASE)


class RowError(Exception):
    """This row cannot be imported; the message says why."""


@dataclass(frozen=True)
class ImportKind:
    name: str
    title: str
    publisher: str
    url: str
    required: tuple[str, ...]  # normalised column keys the file must have
    parse: Callable[[int, Cells], list[Record]]
    terms: str  # the publisher's terms of reuse, as recorded with every snapshot
    short: str  # the name a "not on any list" answer uses
    short_nl: str = ""  # that name on Dutch pages
    zzs: bool = False  # rows are ZZS statuses rather than listings
    numbered_entries: bool = False  # each entry number is a listing of its own (CLP index, Annex XVII entry)

    @property
    def graph(self) -> str:
        return f"import/{self.name}"


def cell(cells: Cells, key: str) -> str:
    value = cells.get(key, "").strip()
    return "" if is_missing(value) else value


def identity(cells: Cells) -> tuple[str, str, str]:
    """Name, CAS and EC numbers of a row, every number checked; raises ``RowError`` on the first bad one."""
    name = cell(cells, "name") or cell(cells, "name_nl")
    if not name:
        raise RowError("no substance name")
    cas = numbers(cells.get("cas", ""))
    ec = numbers(cells.get("ec", ""))
    for number in cas:
        problem = cas_error(number)
        if problem:
            raise RowError(problem)
    for number in ec:
        problem = ec_error(number)
        if problem:
            raise RowError(problem)
    return " ".join(name.split()), " | ".join(cas), " | ".join(ec)


def numbers(text: str) -> list[str]:
    """CAS or EC numbers of a cell; besides ECHA's separators, the legacy CSV also uses ', '."""
    return [n.strip() for v in values(text) for n in re.split(r"[,;]", v) if n.strip()]


def required_date(cells: Cells, key: str, label: str) -> str:
    raw = cell(cells, key)
    if not raw:
        raise RowError(f"no {label}")
    parsed = parse_date(raw)
    if parsed is None:
        raise RowError(f"{label} {raw!r} is not a date (expected e.g. 04-Feb-2026)")
    return parsed


def optional_date(cells: Cells, key: str, label: str) -> str:
    return required_date(cells, key, label) if cell(cells, key) else ""


def first_line(text: str) -> str:
    return values(text)[0] if values(text) else ""


def parse_rivm_zzs(row: int, cells: Cells) -> list[Record]:
    name, cas, ec = identity(cells)
    list_name = cell(cells, "list")
    lowered = list_name.lower()
    if "pzzs" in lowered or "potenti" in lowered:
        status = "potential-zzs"
    elif "zzs" in lowered:
        status = "zzs"
    else:
        raise RowError(f"list name {list_name!r} is neither 'Lijst ZZS' nor a potential-ZZS list")
    smiles = cell(cells, "smiles")
    return [
        Record(
            row,
            cell(cells, "name") or name,
            name_nl=cell(cells, "name_nl"),
            cas=cas,
            ec=ec,
            status=status,
            smiles=smiles,
            inchikey=(inchikey_from_smiles(smiles) or "") if smiles else "",
        )
    ]


def parse_candidate_list(row: int, cells: Cells) -> list[Record]:
    name, cas, ec = identity(cells)
    included = required_date(cells, "date", "date of inclusion")
    decision = first_line(cells.get("decision", ""))
    return [
        Record(
            row,
            name,
            annex="reach/candidate-list",
            cas=cas,
            ec=ec,
            entry=decision,
            date=included,
            category=" | ".join(values(cells.get("reason", ""))),
            description=cell(cells, "description"),
            url=decision,
        )
    ]


def parse_annex_xiv(row: int, cells: Cells) -> list[Record]:
    name, cas, ec = identity(cells)
    return [
        Record(
            row,
            name,
            annex="reach/annex-xiv",
            cas=cas,
            ec=ec,
            entry=cell(cells, "entry"),
            date=required_date(cells, "outcome_date", "regulatory outcome date"),
            phase_out=optional_date(cells, "sunset", "sunset date"),
            category=" | ".join(values(cells.get("reason", ""))),
            description=cell(cells, "description"),
        )
    ]


def parse_annex_xvii(row: int, cells: Cells) -> list[Record]:
    name, cas, ec = identity(cells)
    entry = cell(cells, "entry").lstrip("0")
    if not ANNEX_XVII_ENTRY.match(entry):
        raise RowError(
            f"entry number {entry!r} is not an Annex XVII entry (e.g. 51 or 18a)" if entry else "no entry number"
        )
    return [
        Record(
            row,
            name,
            annex="reach/annex-xvii",
            cas=cas,
            ec=ec,
            entry=entry,
            group=f"Entry {entry}",
            date=required_date(cells, "outcome_date", "regulatory outcome date"),
            description=cell(cells, "description"),
            url=first_line(cells.get("conditions", "")),
        )
    ]


def parse_pops(row: int, cells: Cells) -> list[Record]:
    name, cas, ec = identity(cells)
    included = required_date(cells, "date", "date of inclusion")
    annexes = values(cells.get("pops_annex", ""))
    if not annexes:
        raise RowError("no POPs Regulation annex")
    records = []
    for text in annexes:
        match = POPS_ANNEX.match(text)
        if not match:
            raise RowError(f"POPs Regulation annex {text!r} is not of the form 'Annex I, part A'")
        part = f"Part {match.group(2).upper()}" if match.group(2) else ""
        records.append(
            Record(
                row,
                name,
                annex=f"eu-pops/annex-{match.group(1).lower()}",
                cas=cas,
                ec=ec,
                date=included,
                group=part,
                description=cell(cells, "description"),
            )
        )
    return records


def parse_clp(row: int, cells: Cells) -> list[Record]:
    name, cas, ec = identity(cells)
    index = cell(cells, "index")
    if not CLP_INDEX.match(index):
        raise RowError(f"index number {index!r} is not of the form 601-013-00-X" if index else "no index number")
    hazards = values(cells.get("hazards", ""))
    classes = [h.split(",")[0].strip() for h in hazards]
    start = required_date(cells, "from", "'From' date")
    end = optional_date(cells, "to", "'To' date")
    return [
        Record(
            row,
            name,
            annex="clp/annex-vi-cmr" if any(CMR_1A_1B.search(c) for c in classes) else "clp/annex-vi",
            cas=cas,
            ec=ec,
            entry=index,
            date=start,
            phase_out=end,
            status="replaced" if end else "listed",
            category=" | ".join(classes),
            group=cell(cells, "atp"),
        )
    ]


IDENTITY = ("name", "cas", "ec")
ECHA_TERMS = (
    "ECHA legal notice (https://echa.europa.eu/legal-notice): reproduction authorised with the source acknowledged "
    "as 'Source: European Chemicals Agency, http://echa.europa.eu/'; provided without warranty; only the text in "
    "the Official Journal of the European Union is authentic."
)
RIVM_TERMS = (
    "Dutch government information published by RIVM (Risico's van stoffen, rvs.rivm.nl), reusable under the Wet "
    "hergebruik van overheidsinformatie with RIVM named as the source; RIVM's own disclaimer applies."
)
IMPORT_KINDS: dict[str, ImportKind] = {
    k.name: k
    for k in (
        ImportKind(
            "rivm-zzs",
            "RIVM list of substances of very high concern (ZZS)",
            "RIVM",
            "https://rvs.rivm.nl/stoffenlijsten/Zeer-Zorgwekkende-Stoffen",
            ("list", "name", "name_nl", "cas", "ec"),
            parse_rivm_zzs,
            RIVM_TERMS,
            "RIVM ZZS list",
            "RIVM-lijst zeer zorgwekkende stoffen (ZZS)",
            zzs=True,
        ),
        ImportKind(
            "echa-candidate-list",
            "ECHA Candidate List of substances of very high concern for authorisation",
            "European Chemicals Agency (ECHA)",
            "https://echa.europa.eu/candidate-list-table",
            (*IDENTITY, "date"),
            parse_candidate_list,
            ECHA_TERMS,
            "ECHA Candidate List",
            "ECHA-kandidatenlijst",
        ),
        ImportKind(
            "echa-annex-xiv",
            "ECHA Authorisation List (REACH Annex XIV)",
            "European Chemicals Agency (ECHA)",
            "https://echa.europa.eu/authorisation-list",
            (*IDENTITY, "sunset", "outcome_date"),
            parse_annex_xiv,
            ECHA_TERMS,
            "REACH Annex XIV (ECHA)",
            "REACH-bijlage XIV (ECHA)",
        ),
        ImportKind(
            "echa-annex-xvii",
            "ECHA Restriction List (REACH Annex XVII)",
            "European Chemicals Agency (ECHA)",
            "https://echa.europa.eu/substances-restricted-under-reach",
            (*IDENTITY, "entry", "outcome_date"),
            parse_annex_xvii,
            ECHA_TERMS,
            "REACH Annex XVII restrictions (ECHA)",
            "REACH-bijlage XVII, beperkingen (ECHA)",
            numbered_entries=True,
        ),
        ImportKind(
            "echa-pops",
            "ECHA list of substances subject to the EU POPs Regulation",
            "European Chemicals Agency (ECHA)",
            "https://echa.europa.eu/list-of-substances-subject-to-pops-regulation",
            (*IDENTITY, "date", "pops_annex"),
            parse_pops,
            ECHA_TERMS,
            "EU POPs list (ECHA)",
            "EU-lijst van POP's (ECHA)",
        ),
        ImportKind(
            "echa-clp",
            "ECHA harmonised classification and labelling (CLP Annex VI, Table 3)",
            "European Chemicals Agency (ECHA)",
            "https://echa.europa.eu/information-on-chemicals/annex-vi-to-clp",
            (*IDENTITY, "index", "hazards", "from", "to"),
            parse_clp,
            ECHA_TERMS,
            "CLP Annex VI harmonised classifications (ECHA)",
            "CLP-bijlage VI, geharmoniseerde indelingen (ECHA)",
            numbered_entries=True,
        ),
    )
}
