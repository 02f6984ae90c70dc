"""Strings of the batch, report and brief pages in English and Dutch; web/i18n.py merges them into the
one table every page translates with."""

from __future__ import annotations

REPORT_STRINGS: dict[str, tuple[str, str]] = {
    "batch.title": ("Batch lookup", "Lijst opzoeken"),
    "batch.intro": (
        "Check up to 10,000 substances at once: paste one CAS number, EC number, InChIKey or name per line, or "
        "upload a CSV or XLSX file and name the column. Every row comes back in its order, with its coverage "
        "under every instrument, the EU lists and ZZS.",
        "Controleer tot 10.000 stoffen tegelijk: plak per regel één CAS-nummer, EG-nummer, InChIKey of naam, of "
        "upload een CSV- of XLSX-bestand en noem de kolom. Elke rij komt terug in dezelfde volgorde, met de "
        "dekking onder elk instrument, de EU-lijsten en ZZS.",
    ),
    "batch.paste": ("Paste identifiers or names (one per line)", "Plak nummers of namen (één per regel)"),
    "batch.file": ("…or upload a file (.txt, .csv, .xlsx)", "…of upload een bestand (.txt, .csv, .xlsx)"),
    "batch.column": ("Column (name or number, for CSV/XLSX)", "Kolom (naam of nummer, voor CSV/XLSX)"),
    "batch.show": ("Show results", "Toon resultaten"),
    "batch.download": ("Download", "Downloaden"),
    "batch.summary": (
        "{rows} rows: {resolved} resolved, {fuzzy} by close match, {unresolved} not found, {invalid} invalid",
        "{rows} rijen: {resolved} gevonden, {fuzzy} via een gelijkende naam, {unresolved} niet gevonden, "
        "{invalid} ongeldig",
    ),
    "batch.shown": (
        "The first {n} rows are shown; download for all.",
        "De eerste {n} rijen staan hier; download voor alle.",
    ),
    "col.row": ("Row", "Rij"),
    "col.input": ("Input", "Invoer"),
    "col.outcome": ("Outcome", "Uitkomst"),
    "col.entity": ("Substance or group", "Stof of groep"),
    "col.confidence": ("Confidence", "Zekerheid"),
    "outcome.resolved": ("found", "gevonden"),
    "outcome.fuzzy": ("close match", "gelijkende naam"),
    "outcome.unresolved": ("not found", "niet gevonden"),
    "outcome.invalid": ("invalid", "ongeldig"),
    "batch.suggest": ("Did you mean", "Bedoelde u"),
    "reports.title": ("Gap reports", "Hiatenrapporten"),
    "reports.intro": (
        "Where Dutch, EU and global lists do not line up. Each report is a SPARQL query in the example catalogue.",
        "Waar Nederlandse, EU- en mondiale lijsten niet op elkaar aansluiten. Elk rapport is een SPARQL-query uit "
        "de voorbeeldcatalogus.",
    ),
    "reports.years": ("Years ahead", "Jaren vooruit"),
    "reports.apply": ("Apply", "Toepassen"),
    "reports.rows": ("{n} rows", "{n} rijen"),
    "reports.query": ("Query", "Query"),
    "reports.window": ("From {start} to {end}", "Van {start} tot {end}"),
    "reports.none": (
        "No rows: no gap of this kind in the graph.",
        "Geen rijen: geen hiaat van deze soort in de graaf.",
    ),
    "brief.title": ("Negotiation brief", "Notitie voor onderhandelaars"),
    "brief.intro": (
        "A brief on a substance, group, instrument or ISP-CWP topic: identity, status under every instrument, "
        "exemptions, EU and ZZS status, open processes, topics and a timeline, every fact with its source.",
        "Een notitie over een stof, groep, instrument of ISP-CWP-onderwerp: identiteit, status onder elk "
        "instrument, uitzonderingen, EU- en ZZS-status, lopende processen, onderwerpen en een tijdlijn, elk feit "
        "met zijn bron.",
    ),
    "brief.target": ("Substance, group, instrument or topic", "Stof, groep, instrument of onderwerp"),
    "brief.language": ("Language of the brief", "Taal van de notitie"),
    "brief.format": ("Format", "Formaat"),
    "brief.make": ("Make the brief", "Maak de notitie"),
}
