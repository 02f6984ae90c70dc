"""How an imported RIVM ZZS list compares with ChemKG's rule-derived ZZS statuses.

The list takes precedence (its statuses ``dcterms:replaces`` rule-derived ones); this report says
where the two agree and where they differ, so a curator can look at each difference.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chemkg.namespaces import graph_iri
from chemkg.store import GraphStore

RIVM_GRAPH = str(graph_iri("import/rivm-zzs"))
IMPORTED = "/substance/import-"  # the IRI path of entities known only from an import


@dataclass(frozen=True)
class ZZSItem:
    iri: str
    label: str
    list_status: str  # '' when not on the list
    rule_status: str  # '' when no rule derives a status
    curated: bool  # the substance is in the curated registers (not only known from an import)


@dataclass
class ZZSComparison:
    """Rule-derived statuses the list confirms, list entries rules missed, rule statuses not on the list."""

    confirmed: list[ZZSItem] = field(default_factory=list)
    missed_by_rules: list[ZZSItem] = field(default_factory=list)
    not_on_list: list[ZZSItem] = field(default_factory=list)
    status_differs: list[ZZSItem] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "confirmed": len(self.confirmed),
            "missed_by_rules": len(self.missed_by_rules),
            "missed_by_rules_curated": sum(1 for i in self.missed_by_rules if i.curated),
            "not_on_list": len(self.not_on_list),
            "status_differs": len(self.status_differs),
        }


def zzs_comparison(store: GraphStore) -> ZZSComparison | None:
    """The comparison, or None when no RIVM list has been imported into this store."""
    rows = store.rows("import-zzs-statuses")
    listed: dict[str, str] = {}
    rule: dict[str, str] = {}
    labels: dict[str, str] = {}
    for row in rows:
        entity = row["entity"]
        labels.setdefault(entity, row["label"] or entity)
        if row["graph"] == RIVM_GRAPH:
            listed[entity] = "zzs" if "zzs" in (listed.get(entity), row["status"]) else row["status"]
            continue
        if row["derivation"] == "rule":
            rule[entity] = "zzs" if "zzs" in (rule.get(entity), row["status"]) else row["status"]
    if not listed:
        return None
    report = ZZSComparison()

    def item(entity: str) -> ZZSItem:
        return ZZSItem(entity, labels[entity], listed.get(entity, ""), rule.get(entity, ""), IMPORTED not in entity)

    for entity in sorted(set(listed) | set(rule), key=lambda e: labels[e].lower()):
        if entity in listed and entity in rule:
            report.confirmed.append(item(entity))
            if listed[entity] != rule[entity]:
                report.status_differs.append(item(entity))
        elif entity in listed:
            report.missed_by_rules.append(item(entity))
        else:
            report.not_on_list.append(item(entity))
    return report
