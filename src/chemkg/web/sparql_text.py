"""Strings of the query editor and the ontology page, in English and Dutch (merged into ``i18n.STRINGS``)."""

from __future__ import annotations

SPARQL_STRINGS: dict[str, tuple[str, str]] = {
    "sparql.editor_missing": (
        "The full query editor (YASGUI: highlighting, completion, charts) is not installed on this server; "
        "this is a plain text box. Run `make install` to add it.",
        "De volledige query-editor (YASGUI: kleuren, aanvullen, grafieken) is niet geïnstalleerd op deze server; "
        "dit is een gewoon tekstvak. Voer `make install` uit om hem toe te voegen.",
    ),
    "sparql.editor_help": (
        "Ctrl+Enter runs the query; Ctrl+Space completes prefixes, ChemKG's classes and properties.",
        "Ctrl+Enter voert de query uit; Ctrl+Spatie vult prefixen, klassen en eigenschappen van ChemKG aan.",
    ),
    "sparql.chart": ("Chart", "Grafiek"),
    "sparql.chart_hint": (
        "A chart needs a column of labels and a column of numbers (as cq05 or cq12 give).",
        "Een grafiek heeft een kolom met namen en een kolom met getallen nodig (zoals cq05 of cq12 geven).",
    ),
    "sparql.keywords": ("Keywords", "Trefwoorden"),
    "ontology.title": ("The ChemKG ontology", "De ChemKG-ontologie"),
    "ontology.classes": ("Classes", "Klassen"),
    "ontology.properties": ("Properties", "Eigenschappen"),
    "ontology.kind.class": ("class", "klasse"),
    "ontology.kind.object": ("object property", "objecteigenschap"),
    "ontology.kind.datatype": ("datatype property", "datatype-eigenschap"),
    "ontology.domain": ("Domain", "Domein"),
    "ontology.range": ("Range", "Bereik"),
    "ontology.parents": ("Subclass or subproperty of", "Subklasse of subeigenschap van"),
    "ontology.uses": ("Used in the store", "Gebruikt in de store"),
    "ontology.uses_n": ("{n} times", "{n} keer"),
    "ontology.show_uses": ("show them", "toon ze"),
    "ontology.downloads": ("The ontology as data:", "De ontologie als data:"),
    "ontology.context": ("JSON-LD context", "JSON-LD-context"),
    "ontology.version": ("Version", "Versie"),
    "lookups.title": ("Look up elsewhere", "Elders opzoeken"),
    "lookups.note": (
        "Searches by identifier in other databases; ChemKG does not claim their records are this substance.",
        "Zoekopdrachten op nummer in andere databanken; ChemKG beweert niet dat hun gegevens deze stof zijn.",
    ),
}
