"""Strings of the treaties and substance indexes and the panel's Dutch section, in English and Dutch;
web/i18n.py merges them into the one table every page translates with."""

from __future__ import annotations

import re

BROWSE_STRINGS: dict[str, tuple[str, str]] = {
    "nav.substances": ("Substances", "Stoffen"),
    "col.phase_out": ("phase-out", "uitfasering"),
    "treaties.title": ("Treaties, protocols and EU lists", "Verdragen, protocollen en EU-lijsten"),
    "treaties.intro": (
        "All {n} instruments in ChemKG, each with its annexes, how many listings they hold and how many "
        "substances and groups those listings reach.",
        "Alle {n} instrumenten in ChemKG, elk met zijn bijlagen, het aantal plaatsingen en het aantal stoffen "
        "en groepen dat die plaatsingen bereiken.",
    ),
    "treaties.kind.treaty": ("Treaties and protocols", "Verdragen en protocollen"),
    "treaties.kind.amendment": ("Amendments", "Wijzigingen"),
    "treaties.kind.framework": ("Frameworks", "Kaders"),
    "treaties.kind.eu": ("EU legislation", "EU-wetgeving"),
    "treaties.reached": ("Substances and groups", "Stoffen en groepen"),
    "treaties.substances": ("substances and groups", "stoffen en groepen"),
    "substances.title": ("Substances and groups", "Stoffen en groepen"),
    "substances.intro": (
        "All {n} substances and groups in ChemKG. Narrow them down by instrument, annex, official list, ZZS "
        "status or group.",
        "Alle {n} stoffen en groepen in ChemKG. Beperk ze op instrument, bijlage, officiële lijst, ZZS-status "
        "of groep.",
    ),
    "substances.name": ("Name or CAS", "Naam of CAS"),
    "substances.name_hint": ("part of a name or CAS number", "deel van een naam of CAS-nummer"),
    "substances.list": ("Official list", "Officiële lijst"),
    "substances.lists": ("Official lists", "Officiële lijsten"),
    "substances.group": ("Member of group", "Lid van groep"),
    "substances.clear": ("Clear filters", "Filters wissen"),
    "substances.count": ("{n} substances and groups", "{n} stoffen en groepen"),
    "substances.members_of": ("members of", "leden van"),
    "substances.none": ("No substance or group passes these filters.", "Geen stof of groep voldoet aan deze filters."),
    "home.shown": (
        "{shown} of the {all} instruments list substances; all of them are in the",
        "{shown} van de {all} instrumenten noemen stoffen; ze staan allemaal in het",
    ),
    "home.treaties_index": ("treaties index", "overzicht van verdragen"),
    "home.browse": ("Browse all substances and groups", "Alle stoffen en groepen bekijken"),
    "changes.release": ("Release {version}", "Release {version}"),
    "changes.release_built": (
        "The build of {built}, published for download. It holds:",
        "De build van {built}, gepubliceerd om te downloaden. Zij bevat:",
    ),
    "changes.holds.entities": ("{n} substances and groups", "{n} stoffen en groepen"),
    "changes.holds.listings": (
        "{n} listings under {instruments} instruments",
        "{n} plaatsingen onder {instruments} instrumenten",
    ),
    "changes.holds.zzs": ("{n} substances of very high concern (ZZS)", "{n} zeer zorgwekkende stoffen (ZZS)"),
    "changes.later": (
        "Every later build is compared with this one, and its changes show here and in the feed.",
        "Elke latere build wordt hiermee vergeleken; de wijzigingen verschijnen hier en in de feed.",
    ),
    "change.listing-added": ("New listing", "Nieuwe plaatsing"),
    "change.listing-removed": ("Listing removed", "Plaatsing verwijderd"),
    "change.listing-status": ("Listing status changed", "Status van plaatsing gewijzigd"),
    "change.zzs-added": ("New ZZS status", "Nieuwe ZZS-status"),
    "change.zzs-removed": ("ZZS status removed", "ZZS-status vervallen"),
    "change.zzs-status": ("ZZS status changed", "ZZS-status gewijzigd"),
    "change.entity-added": ("New substance or group", "Nieuwe stof of groep"),
    "change.entity-removed": ("Substance or group removed", "Stof of groep verwijderd"),
    "status.listed": ("listed", "geplaatst"),
    "status.amended": ("amended", "gewijzigd"),
    "status.deleted": ("deleted", "geschrapt"),
    "status.replaced": ("replaced", "vervangen"),
    "status.under-review": ("under review", "in beoordeling"),
    "status.recommended-not-listed": ("recommended, not listed", "aanbevolen, niet geplaatst"),
    "status.zzs": ("ZZS", "ZZS"),
    "status.potential-zzs": ("potential ZZS", "potentiële ZZS"),
    # panel: the Netherlands and the next meetings
    "panel.netherlands": ("What the Netherlands does", "Wat Nederland doet"),
    "panel.nl_events": ("Dutch steps", "Nederlandse stappen"),
    "panel.next_meetings": ("Next meetings", "Volgende vergaderingen"),
    "panel.no_next": ("No upcoming meeting is recorded.", "Er is geen komende vergadering vastgelegd."),
    "panel.no_next_plenary": (
        "No date or venue for the panel's next plenary session is recorded in ChemKG yet.",
        "Voor de volgende plenaire zitting van het panel is in ChemKG nog geen datum of plaats vastgelegd.",
    ),
}

# Parts and groups of annexes as the graph names them (ck:annexGroup), in Dutch. Codes (ATP01, CLP00) stay.
ANNEX_PARTS_NL: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^Part (\w+)$"), r"Deel \1"),
    (re.compile(r"^Group (\w+)$"), r"Groep \1"),
    (re.compile(r"^Entry (\w+)$"), r"Post \1"),
    (re.compile(r"^UN class ([\d.]+)$"), r"VN-klasse \1"),
    (re.compile(r"^Waste streams \((.*)\)$"), r"Afvalstromen (\1)"),
    (re.compile(r"^Wastes having as constituents \((.*)\)$"), r"Afvalstoffen met als bestanddelen (\1)"),
    (re.compile(r"^(\w+) \(metal and metal-bearing wastes\)$"), r"\1 (metalen en metaalhoudende afvalstoffen)"),
    (
        re.compile(r"^(\w+) \(wastes mainly with inorganic constituents\)$"),
        r"\1 (afval met hoofdzakelijk anorganische bestanddelen)",
    ),
    (
        re.compile(r"^(\w+) \(wastes mainly with organic constituents\)$"),
        r"\1 (afval met hoofdzakelijk organische bestanddelen)",
    ),
    (
        re.compile(r"^(\w+) \(wastes with inorganic or organic constituents\)$"),
        r"\1 (afval met anorganische of organische bestanddelen)",
    ),
)


def annex_part(text: str, lang: str) -> str:
    """'Part A' → 'Deel A' on a Dutch page; other languages, and names not known here, are kept."""
    if lang == "nl":
        for pattern, dutch in ANNEX_PARTS_NL:
            if pattern.match(text):
                return pattern.sub(dutch, text)
    return text
