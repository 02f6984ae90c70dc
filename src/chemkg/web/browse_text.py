"""Strings of the treaties and substance indexes and the panel's Dutch section, in English and Dutch;
web/i18n.py merges them into the one table every page translates with."""

from __future__ import annotations

BROWSE_STRINGS: dict[str, tuple[str, str]] = {
    "nav.substances": ("Substances", "Stoffen"),
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
    # panel: the Netherlands and the next meetings
    "panel.netherlands": ("What the Netherlands does", "Wat Nederland doet"),
    "panel.nl_events": ("Dutch steps", "Nederlandse stappen"),
    "panel.next_meetings": ("Next meetings", "Volgende vergaderingen"),
    "panel.no_next": ("No upcoming meeting is recorded.", "Er is geen komende vergadering vastgelegd."),
    "panel.open_question": ("Not yet known", "Nog niet bekend"),
}
