"""Briefs on an instrument (what it lists, what is open) and on an ISP-CWP topic (what it concerns)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pyoxigraph as ox

from chemkg.profile import Citation, load_profile
from chemkg.reports.brief.model import Brief, Fact
from chemkg.reports.brief.substance import CURRENT_STATUSES, join
from chemkg.reports.brief.text import phrase, t
from chemkg.reports.coverage import COLUMNS, ZZS_COLUMN, Coverage, cell_label, column_label
from chemkg.store import GraphStore

MAX_ITEMS = 40


def treaty_brief(store: GraphStore, iri: str, lang: str) -> Brief | None:
    rows = store.rows("brief-instrument", instrument=ox.NamedNode(iri))
    if not rows:
        return None
    nl = lang == "nl"
    first = rows[0]
    name = (first["shortNl"] if nl else None) or first["short"]
    brief = Brief("treaty", lang, name, f"{t(lang, 'brief')}: {t(lang, 'treaty')}", iri)
    refs = brief.cite([Citation.from_row(r) for r in rows])

    overview = brief.section("overview", t(lang, "overview"))
    full = (first["labelNl"] if nl else first["label"]) or first["label"]
    if full:
        overview.facts.append(Fact(full + ".", refs))
    description = (first["descriptionNl"] if nl else first["description"]) or first["description"]
    if description:
        overview.facts.append(Fact(description, refs))
    if first["adopted"]:
        key = "adopted_at" if first["place"] else "adopted_on"
        overview.facts.append(Fact(t(lang, key, date=first["adopted"], place=first["place"]) + ".", refs))
    if first["inForce"]:
        overview.facts.append(Fact(t(lang, "entered_into_force", date=first["inForce"]) + ".", refs))
    if first["parties"]:
        key = "parties_as_of" if first["partiesAsOf"] else "parties"
        overview.facts.append(Fact(t(lang, key, n=first["parties"], date=first["partiesAsOf"]) + ".", refs))
    if first["nlStatus"]:
        status = phrase(lang, first["nlStatus"])
        key = "nl_party" if first["nlDate"] else "nl_party_nodate"
        overview.facts.append(Fact(t(lang, key, status=status, date=first["nlDate"]) + ".", refs))

    listings = _listings(store, iri)
    annexes = brief.section("annexes", t(lang, "annexes"))
    by_annex: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in listings.values():
        if row["status"] in CURRENT_STATUSES:
            by_annex[(row["annexLabelNl"] if nl else row["annexLabel"])].append(row)
    for annex, items in by_annex.items():
        names = sorted({(r["itemLabelNl"] if nl else None) or r["itemLabel"] for r in items}, key=str.casefold)
        citations = [c for r in items for c in r["citations"]]
        text = t(lang, "annex_count", annex=annex, n=len(names)) + ": " + join(names, lang, MAX_ITEMS) + "."
        annexes.facts.append(Fact(text, brief.cite(citations)))

    open_processes = brief.section("open", t(lang, "open"), t(lang, "open_none"))
    timeline = brief.section("timeline", t(lang, "timeline"), t(lang, "timeline_none"))
    for row in listings.values():
        item = (row["itemLabelNl"] if nl else None) or row["itemLabel"]
        annex = row["annexLabelNl"] if nl else row["annexLabel"]
        status = row["statusLabelNl"] if nl else row["statusLabel"]
        if row["status"] in ("under-review", "recommended-not-listed"):
            summary = (row["summaryNl"] if nl else row["summary"]) or ""
            text = f"{item}, {annex}: {status}." + (f" {summary}" if summary else "")
            open_processes.facts.append(Fact(text, brief.cite(row["citations"])))
    dated = [r for r in listings.values() if r["adopted"] or r["year"]]
    for row in sorted(dated, key=lambda r: (str(r["adopted"] or r["year"]), r["itemLabel"])):
        item = (row["itemLabelNl"] if nl else None) or row["itemLabel"]
        annex = row["annexLabelNl"] if nl else row["annexLabel"]
        status = row["statusLabelNl"] if nl else row["statusLabel"]
        text = f"{row['adopted'] or row['year']}: {item}, {annex}: {status}"
        if row["decisions"]:
            text += f" ({', '.join(row['decisions'])})"
        timeline.facts.append(Fact(text, brief.cite(row["citations"])))
    return brief


def _listings(store: GraphStore, iri: str) -> dict[str, dict[str, Any]]:
    """One row per listing, its decisions and citations gathered from the query's repeated rows."""
    out: dict[str, dict[str, Any]] = {}
    for row in store.rows("brief-instrument-listings", instrument=ox.NamedNode(iri)):
        entry = out.setdefault(row["listing"], {**row, "decisions": [], "citations": []})
        if row["decision"] and row["decision"] not in entry["decisions"]:
            entry["decisions"].append(row["decision"])
        cite = Citation.from_row(row)
        if cite not in entry["citations"]:
            entry["citations"].append(cite)
    return out


def _coverage_citations(store: GraphStore, entity: str) -> list[Citation]:
    """The sources of a substance's current listings and ZZS status: what its coverage line rests on."""
    profile = load_profile(store, entity)
    if profile is None:
        return []
    citations = [c for x in profile.listings if x.status in CURRENT_STATUSES for c in x.citations]
    citations += [Citation.from_row(z) for z in profile.zzs]
    return citations


def topic_brief(
    store: GraphStore, iri: str, lang: str, coverage: Coverage, names: dict[str, tuple[str, str]]
) -> Brief | None:
    rows = store.rows("brief-topic", topic=ox.NamedNode(iri))
    if not rows:
        return None
    nl = lang == "nl"
    first = rows[0]
    label = (first["labelNl"] if nl else None) or first["label"]
    brief = Brief("topic", lang, label, f"{t(lang, 'brief')}: {t(lang, 'topic')}", iri)
    refs = brief.cite([Citation.from_row(r) for r in rows])
    overview = brief.section("overview", t(lang, "overview"))
    status = first["statusLabelNl"] if nl else first["statusLabel"]
    overview.facts.append(Fact(t(lang, "topic_status", status=status) + ".", refs))
    if first["raisedAt"]:
        overview.facts.append(Fact(t(lang, "raised_at", value=first["raisedAt"]) + ".", refs))
    description = (first["descriptionNl"] if nl else first["description"]) or first["description"]
    if description:
        overview.facts.append(Fact(description, refs))
    substances = brief.section("substances", t(lang, "substances"))
    concerned = sorted(
        {r["substance"] for r in rows if r["substance"]}, key=lambda s: names.get(s, (s, s))[0].casefold()
    )
    for entity in concerned:
        en, nl_label = names.get(entity, (entity, entity))
        cells = coverage.row(entity)
        found = [
            f"{column_label(c.key, lang)} ({cell_label(cells[c.key].value, lang)})"
            for c in (*COLUMNS, ZZS_COLUMN)
            if cells[c.key].value
        ]
        text = t(
            lang, "substance_line", label=nl_label if nl else en, coverage=", ".join(found) or t(lang, "no_coverage")
        )
        substances.facts.append(Fact(text + ".", brief.cite(_coverage_citations(store, entity))))
    if not concerned:
        substances.empty = "—"
    return brief
