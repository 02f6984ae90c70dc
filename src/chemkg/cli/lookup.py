"""``chemkg lookup``: everything known about one substance or group."""

from __future__ import annotations

import json

import typer
from rich.markup import escape
from rich.table import Table

from chemkg.cli.app import app, console, fail, settings
from chemkg.profile import Listing, Profile, has_expired, load_profile
from chemkg.resolve import Resolver, suggestion_text
from chemkg.store import StoreMissing, open_store


@app.command("lookup")
def lookup_command(
    query: str = typer.Argument(..., help="CAS RN, EC number, InChIKey, name (en/nl) or abbreviation"),
    fmt: str = typer.Option("text", "--format", help="text or json"),
    lang: str = typer.Option("en", "--lang", help="en or nl"),
) -> None:
    """Show identifiers, listings, exemptions, ZZS status and sources of one substance or group."""
    if fmt not in ("text", "json"):
        fail(f"--format {fmt} is not supported; use text or json")
    if lang not in ("en", "nl"):
        fail(f"--lang {lang} is not supported; use en or nl")
    try:
        store = open_store(settings().store)
    except StoreMissing as exc:
        fail(str(exc))
    resolution = Resolver.from_store(store).resolve(query)
    if resolution.entity is None:
        fail((resolution.message or f"nothing found for {query!r}") + suggestion_text(resolution.suggestions))
    profile = load_profile(store, resolution.entity.iri)
    assert profile is not None
    if fmt == "json":
        out = profile.to_dict()
        out["match"] = {
            "query": query,
            "status": resolution.status,
            "match_type": resolution.match_type,
            "confidence": resolution.confidence,
            "matched": resolution.matched,
        }
        console.print_json(json.dumps(out, default=str, ensure_ascii=False))
        return
    if resolution.status == "fuzzy":
        console.print(f"[yellow]showing the closest match for {escape(query)!s} ({resolution.confidence:.0%})[/]")
    print_profile(profile, lang)


def _via_text(item: Listing) -> str:
    """Where an inherited listing comes from: "group: PFOS", "member: PFOA", "entry: Y41 (group: …)"."""
    if item.via_kind == "entry" and item.inherited_from:
        return f"entry: {item.via_label} (of {item.inherited_label or item.inherited_from})"
    return f"{item.via_kind}: {item.via_label}"


def print_profile(p: Profile, lang: str) -> None:
    other = "nl" if lang == "en" else "en"
    kind = "group" if p.is_group else "substance"
    other_name = p.labels.get(other, "")
    also = f"  ({escape(other_name)})" if other_name else ""  # list entities often have one language only
    console.print(f"[bold]{escape(p.label(lang))}[/]{also} — {kind}")
    console.print(f"[dim]{p.iri}[/]")
    if p.descriptions.get(lang):
        console.print(escape(p.descriptions[lang]))
    for name, values in p.identifiers.items():
        console.print(f"  {name.upper():9} {escape(', '.join(values))}")
    if p.abbreviations:
        console.print(f"  {'ABBREV':9} {escape(', '.join(p.abbreviations))}")
    if p.synonyms.get(lang):
        console.print(f"  {'SYNONYMS':9} {escape('; '.join(p.synonyms[lang]))}")
    if p.member_of:
        console.print("  member of: " + escape(", ".join(m["label"] for m in p.member_of)))
    if p.members:
        console.print("  members: " + escape(", ".join(m["label"] for m in p.members)))
    table = Table("instrument", "annex", "status", "decision", "year", "in force", "via", "source", title="Listings")
    for item in p.listings:
        table.add_row(
            escape(item.instrument if lang == "en" else item.instrument_nl),
            escape(item.annex if lang == "en" else item.annex_nl)
            + (f" ({escape(', '.join(item.categories))})" if item.categories else ""),
            escape(item.status_label if lang == "en" else item.status_label_nl),
            escape(", ".join(item.decisions)),
            str(item.year or ""),
            escape(item.in_force or ""),
            escape(_via_text(item)) if item.via != p.iri else "",
            escape("; ".join(c.text() for c in item.citations)),
        )
    console.print(table if p.listings else "No treaty or EU listings.")
    for item in p.listings:
        for e in item.exemptions:
            expiry = (
                f" ({'expired' if has_expired(e.get('expires')) else 'expires'} {e['expires']})"
                if e.get("expires")
                else ""
            )
            label = e["label"] if lang == "en" else (e.get("labelNl") or e["label"])
            console.print(f"  {escape(item.annex)} — {e['kind']}: {escape(label)}{expiry}")
    if p.zzs:
        # One line per ZZS status: its routes and its sources, each named once.
        by_assessment: dict[str, dict[str, list[str]]] = {}
        for z in p.zzs:
            entry = by_assessment.setdefault(z["assessment"], {"head": [], "routes": [], "sources": []})
            how = {"rivm-list": "read from the RIVM list", "import": "imported list"}.get(z["derivation"], "by rule")
            if z.get("via") not in (None, p.iri):
                how += f", through the group {z.get('viaLabel') or z['via']}"
            if not entry["head"]:
                entry["head"] = [z["status"], how]
            label = z["criterionLabel"] if lang == "en" else z["criterionLabelNl"]
            for key, value in (("routes", label), ("sources", z["sourceTitle"])):
                if value not in entry[key]:
                    entry[key].append(value)
        for entry in by_assessment.values():
            status, how = entry["head"]
            console.print(f"  ZZS: {status} ({how}) via {escape('; '.join(entry['routes']))}")
            console.print(f"       sources: {escape('; '.join(entry['sources']))}", style="dim")
    else:
        console.print("  ZZS: no ZZS status recorded")
    for t in p.topics:
        console.print(f"  ISP-CWP topic ({t['status']}): {escape(t['label'])}")
    console.print("  identity sources: " + escape("; ".join(c.text() for c in p.citations)))
