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
    # error pages in Dutch: what happened, in the page's language (the technical detail folds away)
    "error.technical": ("Technical detail (in English)", "Technische melding (in het Engels)"),
    "error.title.400": ("Bad request", "Ongeldige aanvraag"),
    "error.title.403": ("Forbidden", "Niet toegestaan"),
    "error.title.404": ("Not found", "Niet gevonden"),
    "error.title.405": ("Method not allowed", "Methode niet toegestaan"),
    "error.title.406": ("Not acceptable", "Formaat niet beschikbaar"),
    "error.title.413": ("Request too large", "Aanvraag te groot"),
    "error.title.415": ("Unsupported media type", "Bestandsformaat niet ondersteund"),
    "error.title.500": ("Internal error", "Interne fout"),
    "error.title.503": ("Service unavailable", "Dienst niet beschikbaar"),
    "error.text.400": (
        "The request could not be read as it was sent; check the address or the form and try again.",
        "De aanvraag kon niet worden gelezen zoals zij werd verstuurd; controleer het adres of het formulier en "
        "probeer het opnieuw.",
    ),
    "error.text.403": ("This is not allowed here.", "Dit is hier niet toegestaan."),
    "error.text.405": ("This page cannot be used this way.", "Deze pagina kan niet zo worden gebruikt."),
    "error.text.406": (
        "This page is not available in the format that was asked for.",
        "Deze pagina is niet beschikbaar in het gevraagde formaat.",
    ),
    "error.text.413": ("The file or text sent is too large.", "Het verstuurde bestand of de tekst is te groot."),
    "error.text.415": ("This kind of file cannot be read here.", "Dit soort bestand kan hier niet worden gelezen."),
    "error.text.500": (
        "ChemKG failed to answer this request; the fault has been logged. Please try again later.",
        "ChemKG kon deze aanvraag niet beantwoorden; de fout is vastgelegd. Probeer het later opnieuw.",
    ),
    "error.text.503": (
        "ChemKG is not ready to answer this yet; please try again in a minute.",
        "ChemKG kan dit nog niet beantwoorden; probeer het over een minuut opnieuw.",
    ),
    # gap reports: column headers (the query's variables) and the words that fill cells
    "report.col.substance": ("Substance", "Stof"),
    "report.col.label": ("Name", "Naam"),
    "report.col.criterion": ("ZZS route", "ZZS-route"),
    "report.col.zzsVia": ("ZZS through the group", "ZZS via de groep"),
    "report.col.listedMembers": ("Members a treaty lists", "Leden die een verdrag noemt"),
    "report.col.knownFrom": ("Known from", "Bekend uit"),
    "report.col.item": ("Item", "Item"),
    "report.col.annex": ("Annex", "Bijlage"),
    "report.col.review": ("Review stage", "Beoordelingsfase"),
    "report.col.zzs": ("ZZS", "ZZS"),
    "report.col.svhc": ("SVHC (REACH)", "SVHC (REACH)"),
    "report.col.category": ("Category", "Categorie"),
    "report.col.consideredAt": ("Considered at", "Besproken op"),
    "report.col.summary": ("Summary", "Samenvatting"),
    "report.col.kind": ("Kind", "Soort"),
    "report.col.exemption": ("Exemption", "Uitzondering"),
    "report.col.expires": ("Expires", "Vervalt"),
    "report.col.basis": ("Date basis", "Grondslag datum"),
    "report.col.today": ("From", "Van"),
    "report.col.cutoff": ("Until", "Tot"),
    "report.col.fact": ("Fact", "Feit"),
    "report.col.type": ("Type", "Soort"),
    "report.col.sources": ("Sources", "Bronnen"),
    "report.col.confidence": ("Confidence", "Zekerheid"),
    "report.value.exclusion": ("exclusion", "uitsluiting"),
    "report.value.specific exemption": ("specific exemption", "specifieke uitzondering"),
    "report.value.acceptable purpose": ("acceptable purpose", "aanvaardbaar doel"),
    "report.value.stated": ("stated", "vermeld"),
    "report.value.computed": ("computed", "berekend"),
    "report.value.source": ("source", "bron"),
    "report.value.memory": ("memory (unconfirmed)", "geheugen (onbevestigd)"),
    "report.value.confirmed": ("confirmed", "bevestigd"),
    "report.value.EU legislation": ("EU legislation", "EU-wetgeving"),
    "report.value.treaty": ("treaty", "verdrag"),
    "report.value.meeting": ("meeting", "vergadering"),
    "report.value.event": ("event", "gebeurtenis"),
    "report.value.decision": ("decision", "besluit"),
    "report.value.listing": ("listing", "plaatsing"),
    "report.value.substance": ("substance", "stof"),
    "report.value.curated": ("curated register", "beschreven register"),
    "report.value.official list only": ("official list only: check", "alleen officiële lijst: controleren"),
    "report.value.route not stated in the list": ("route not stated in the list", "route niet vermeld in de lijst"),
    "report.value.yes": ("yes", "ja"),
    "report.value.no": ("no", "nee"),
    "report.value.industrial": ("industrial", "industrieel"),
    "report.value.pesticide": ("pesticide", "bestrijdingsmiddel"),
    "report.value.severely hazardous pesticide formulation": (
        "severely hazardous pesticide formulation",
        "zeer gevaarlijke formulering van een bestrijdingsmiddel",
    ),
    "report.value.annex": ("annex", "bijlage"),
    "report.value.assessment topic": ("assessment topic", "beoordelingsonderwerp"),
    "report.value.governance event": ("governance event", "gebeurtenis"),
    "report.value.ZZS": ("ZZS", "ZZS"),
    "report.value.potential ZZS": ("potential ZZS", "potentiële ZZS"),
    "report.value.SVHC": ("SVHC", "SVHC"),
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
