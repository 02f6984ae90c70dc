"""Whether each ZZS route of a substance agrees with its listings.

A route such as "listed under the EU POPs Regulation" is a claim about a listing: it holds when the
substance, or a group it belongs to, has a current listing in that instrument. A Stockholm listing that
the EU POPs Regulation does not carry yet makes the route *anticipated*, and it is labelled so. A route
that ChemKG derived by rule and that no listing supports is not claimed at all. Routes read from the RIVM
list stay the list's word (our listings may simply not hold the act it relies on).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from chemkg.namespaces import BASE

CURRENT = ("listed", "amended")
# Criterion code → annex paths (or instrument prefixes ending in "/") whose current listing is the criterion.
EVIDENCE: dict[str, tuple[str, ...]] = {
    "eu-pop": ("treaty/eu-pops/",),
    "reach-svhc": ("treaty/reach/candidate-list",),
    "cmr-clp": ("treaty/clp/",),
    "ospar-lcpa": ("treaty/ospar/",),
    "reach-restriction": ("treaty/reach/annex-xvii",),
}
# Criterion code → the group whose membership is the criterion.
GROUP_EVIDENCE = {"pfas-group": BASE + "substance/pfas"}
ANTICIPATED_BY = {"eu-pop": ("treaty/stockholm/",)}  # the EU POPs Regulation implements Stockholm listings
ANTICIPATED_LABEL = {
    "eu-pop": (
        "Listed under the Stockholm Convention; anticipated in the EU POPs Regulation, which does not list it yet",
        "Geplaatst onder het Verdrag van Stockholm; verwacht in de EU POP-verordening, die de stof nog niet noemt",
    )
}
# Verdicts: holds, anticipated, per-list (the list says so; no listing here shows it), unchecked (no listing
# can show it, e.g. PBT), unsupported (derived by rule and nothing supports it: never shown).
SHOWN = ("holds", "anticipated", "per-list", "unchecked")


def _covered(annex_iri: str, paths: tuple[str, ...]) -> bool:
    path = annex_iri.removeprefix(BASE)
    return any(path == p or (p.endswith("/") and path.startswith(p)) for p in paths)


def verdict(code: str, derivation: str, annexes: Iterable[str], groups: Iterable[str], entity: str) -> str:
    """The verdict on one route (criterion ``code``) of ``entity``, given the annexes of its current listings
    (its own and its groups', not its members') and the groups it belongs to (transitively)."""
    annexes = list(annexes)
    if code in GROUP_EVIDENCE:
        holds = GROUP_EVIDENCE[code] == entity or GROUP_EVIDENCE[code] in set(groups)
    elif code in EVIDENCE:
        holds = any(_covered(a, EVIDENCE[code]) for a in annexes)
    else:
        return "unchecked"
    if holds:
        return "holds"
    if code in ANTICIPATED_BY and any(_covered(a, ANTICIPATED_BY[code]) for a in annexes):
        return "anticipated"
    return "unsupported" if derivation == "rule" else "per-list"


def check_routes(rows: list[dict[str, Any]], annexes: list[str], groups: list[str]) -> list[dict[str, Any]]:
    """The ZZS rows of one entity with a ``route`` verdict each; an anticipated route is relabelled as such
    and an unsupported one is left out."""
    out = []
    for row in rows:
        code = (row.get("criterion") or "").rsplit("/", 1)[-1]
        found = (
            verdict(code, row["derivation"], annexes, groups, row["entity"]) if row.get("criterion") else "unchecked"
        )
        if found not in SHOWN:
            continue
        row = dict(row, route=found)
        if found == "anticipated":
            row["criterionLabel"], row["criterionLabelNl"] = ANTICIPATED_LABEL[code]
        out.append(row)
    return out
