"""Page strings in English and Dutch, and how a request picks its language.

The language comes from ``?lang=`` (remembered in a cookie), else the cookie (a choice made with the
NL/EN switch wins), else the browser's ``Accept-Language``, else English.
Labels from the graph carry their own language tags; this table holds only the site's own words.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.requests import Request

from chemkg.web.browse_text import BROWSE_STRINGS, annex_part
from chemkg.web.reports_text import REPORT_STRINGS
from chemkg.web.sparql_text import SPARQL_STRINGS

LANGUAGES = ("en", "nl")
DEFAULT_LANGUAGE = "en"
COOKIE = "chemkg_lang"

# key → (English, Dutch)
STRINGS: dict[str, tuple[str, str]] = {
    # site frame
    "site.short": ("chemicals governance graph", "kennisgraaf stoffenbeleid"),
    "site.tagline": (
        "How chemical substances are governed across treaties, EU law and Dutch ZZS policy",
        "Hoe chemische stoffen worden gereguleerd door verdragen, EU-recht en Nederlands ZZS-beleid",
    ),
    "nav.search": ("Search", "Zoeken"),
    "nav.treaties": ("Treaties", "Verdragen"),
    "nav.zzs": ("ZZS", "ZZS"),
    "nav.panel": ("ISP-CWP panel", "ISP-CWP-panel"),
    "nav.matrix": ("Coverage matrix", "Dekkingsmatrix"),
    "nav.sparql": ("SPARQL", "SPARQL"),
    "nav.batch": ("Check a list", "Lijst controleren"),
    "nav.reports": ("Gap reports", "Hiatenrapporten"),
    "substance.brief": ("Negotiation brief", "Onderhandelingsnotitie"),
    "nav.language": ("Language", "Taal"),
    "footer.licence": (
        "Data licensed CC BY 4.0. Every fact links to its source.",
        "Data onder CC BY 4.0. Elk feit verwijst naar de bron.",
    ),
    "footer.machine": ("This page as data:", "Deze pagina als data:"),
    # search
    "search.placeholder": (
        "Substance, CAS number, group or plain question",
        "Stof, CAS-nummer, groep of vraag in gewone taal",
    ),
    "search.button": ("Search", "Zoeken"),
    "search.results_for": ("Results for", "Resultaten voor"),
    "search.none": ("Nothing matched your search.", "Niets gevonden voor uw zoekopdracht."),
    "search.none_hint": (
        "Try a CAS number (e.g. 355-46-4), an abbreviation (PFOS) or a broader word (mercury).",
        "Probeer een CAS-nummer (bv. 355-46-4), een afkorting (PFOS) of een breder woord (kwik).",
    ),
    "search.not_in_graph": ("“{q}” is not in ChemKG.", "“{q}” staat niet in ChemKG."),
    "search.outside_filters": (
        "“{q}” names {names}, which these filters leave out: the results below only share words with it.",
        "“{q}” noemt {names}, dat buiten deze filters valt: de resultaten hieronder delen er alleen woorden mee.",
    ),
    "search.only_related": (
        "No word of “{q}” is in ChemKG; these results are only close in meaning.",
        "Geen woord van “{q}” staat in ChemKG; deze resultaten liggen alleen qua betekenis dichtbij.",
    ),
    "search.did_you_mean": ("Did you mean", "Bedoelde u"),
    "search.matched": ("Matched", "Gevonden op"),
    "search.filters": ("Filter results", "Resultaten filteren"),
    "search.apply": ("Apply", "Toepassen"),
    "search.any": ("any", "alle"),
    "search.unavailable": (
        "Plain-language search needs the search index; showing name and identifier matches only.",
        "Zoeken in gewone taal vraagt de zoekindex; alleen treffers op naam en nummer worden getoond.",
    ),
    "search.examples": ("Try", "Probeer"),
    "filter.type": ("Type", "Soort"),
    "filter.instrument": ("Instrument", "Instrument"),
    "filter.zzs": ("ZZS status", "ZZS-status"),
    # ask
    "ask.title": ("Ask a question", "Stel een vraag"),
    "ask.button": ("Ask", "Vraag"),
    "ask.understood": ("Understood as", "Begrepen als"),
    "ask.query": ("The SPARQL query that produced this answer", "De SPARQL-query die dit antwoord gaf"),
    "ask.open_editor": ("Open in the query editor", "Openen in de query-editor"),
    "ask.no_rows": (
        "The question was understood; the graph has no rows for it.",
        "De vraag is begrepen; de graaf heeft er geen rijen voor.",
    ),
    "ask.ambiguous": (
        "This question could mean more than one thing. Which did you mean?",
        "Deze vraag kan meer dan één ding betekenen. Wat bedoelde u?",
    ),
    "ask.not_understood": (
        "ChemKG has no question template for this, so it does not answer it; these are the search results.",
        "ChemKG heeft hiervoor geen vraagsjabloon en geeft dus geen antwoord; dit zijn de zoekresultaten.",
    ),
    "ask.truncated": (
        "only the first rows are shown; the query in the editor gives them all",
        "alleen de eerste rijen staan hier; de query in de editor geeft ze allemaal",
    ),
    "ask.all_results": ("All search results", "Alle zoekresultaten"),
    # kinds
    "kind.substance": ("substance", "stof"),
    "kind.group": ("substance group", "stofgroep"),
    "kind.entry": ("annex entry", "bijlagepost"),
    "kind.treaty": ("treaty", "verdrag"),
    "kind.amendment": ("amendment", "wijziging"),
    "kind.framework": ("framework", "kader"),
    "kind.eu": ("EU legislation", "EU-wetgeving"),
    "kind.instrument": ("instrument", "instrument"),
    "kind.topic": ("panel topic", "panelonderwerp"),
    # coverage states
    "coverage.listed": ("listed", "geplaatst"),
    "coverage.under-review": ("under review", "in beoordeling"),
    "coverage.recommended-not-listed": ("recommended, not listed", "aanbevolen, niet geplaatst"),
    "coverage.no-longer-listed": ("no longer listed", "niet meer geplaatst"),
    "coverage.not-listed": ("not listed", "niet geplaatst"),
    "zzs.zzs": ("ZZS", "ZZS"),
    "zzs.potential-zzs": ("potential ZZS", "potentiële ZZS"),
    "zzs.none": ("not ZZS", "geen ZZS"),
    "derivation.rivm-list": ("read from the RIVM list", "gelezen uit de RIVM-lijst"),
    "derivation.rule": ("derived by rule from a criterion", "afgeleid uit een criterium"),
    "derivation.import": ("read from an imported official list", "gelezen uit een geïmporteerde officiële lijst"),
    # substance page
    "substance.identity": ("Identity", "Identiteit"),
    "substance.names": ("Names", "Namen"),
    "substance.synonyms": ("Synonyms", "Synoniemen"),
    "substance.abbreviations": ("Abbreviations", "Afkortingen"),
    "substance.identifiers": ("Identifiers", "Kenmerken"),
    "substance.member_of": ("Member of", "Lid van"),
    "substance.members": ("Members", "Leden"),
    "substance.coverage": ("Coverage across instruments", "Dekking door instrumenten"),
    "substance.listings": ("Listings", "Plaatsingen"),
    "substance.no_listings": (
        "No treaty lists this substance or a group it belongs to (EU lists: below).",
        "Geen verdrag noemt deze stof of een groep waartoe zij behoort (EU-lijsten: hieronder).",
    ),
    "substance.via": ("through", "via"),
    "substance.obligations": ("What follows from these listings", "Wat uit deze plaatsingen volgt"),
    "substance.basel": ("Basel Convention waste entries", "Afvalposten van het Verdrag van Bazel"),
    "substance.eu": ("EU status", "EU-status"),
    "substance.no_eu": ("Not on the EU lists in ChemKG.", "Niet op de EU-lijsten in ChemKG."),
    "substance.zzs": ("Dutch ZZS status", "Nederlandse ZZS-status"),
    "substance.no_zzs": (
        "Not ZZS or potential ZZS according to the lists in ChemKG.",
        "Geen ZZS of potentiële ZZS volgens de lijsten in ChemKG.",
    ),
    "substance.topics": ("ISP-CWP topics", "ISP-CWP-onderwerpen"),
    "substance.no_topics": (
        "No panel topic concerns this substance yet.",
        "Nog geen panelonderwerp betreft deze stof.",
    ),
    "substance.related": ("Related substances", "Verwante stoffen"),
    "substance.sources": ("Sources of the identity", "Bronnen van de identiteit"),
    # columns
    "col.instrument": ("Instrument", "Instrument"),
    "col.annex": ("Annex", "Bijlage"),
    "col.item": ("Listed item", "Geplaatst item"),
    "col.status": ("Status", "Status"),
    "col.decision": ("Decision", "Besluit"),
    "col.adopted": ("Adopted", "Aangenomen"),
    "col.year": ("Year", "Jaar"),
    "col.in_force": ("In force", "In werking"),
    "col.exemptions": ("Exemptions", "Uitzonderingen"),
    "col.source": ("Source", "Bron"),
    "col.sources": ("Sources", "Bronnen"),
    "col.route": ("Route", "Route"),
    "col.derivation": ("How derived", "Hoe afgeleid"),
    "col.date": ("Date", "Datum"),
    "col.property": ("Property", "Eigenschap"),
    "col.value": ("Value", "Waarde"),
    "col.substance": ("Substance or group", "Stof of groep"),
    "col.cas": ("CAS", "CAS"),
    "col.expires": ("expires", "vervalt"),
    "col.expired": ("expired", "verlopen"),
    "col.article": ("Article", "Artikel"),
    "col.listings": ("Listings", "Plaatsingen"),
    "col.legal_basis": ("Legal basis", "Juridische grondslag"),
    "col.substances": ("Substances", "Stoffen"),
    # treaty and annex pages
    "treaty.facts": ("At a glance", "In het kort"),
    "treaty.adopted": ("Adopted", "Aangenomen"),
    "treaty.in_force": ("In force since", "In werking sinds"),
    "treaty.parties": ("Parties", "Partijen"),
    "treaty.parties_as_of": ("as of", "stand"),
    "treaty.parties_undated": ("date of count not known", "datum van de telling onbekend"),
    "treaty.netherlands": ("The Netherlands", "Nederland"),
    "treaty.secretariat": ("Secretariat", "Secretariaat"),
    "treaty.annexes": ("Annexes", "Bijlagen"),
    "treaty.obligations": ("Key obligations", "Belangrijkste verplichtingen"),
    "treaty.no_obligations": (
        "No obligations are recorded for this instrument yet.",
        "Voor dit instrument zijn nog geen verplichtingen vastgelegd.",
    ),
    "treaty.listed_items": ("Everything it lists", "Alles wat het noemt"),
    "treaty.pending": (
        "{count} of them under review or recommended, not listed",
        "waarvan {count} in behandeling of aanbevolen, niet geplaatst",
    ),
    "treaty.no_listings": ("Nothing is listed here in ChemKG yet.", "Hier staat in ChemKG nog niets geplaatst."),
    "treaty.timeline": ("Listings per year", "Plaatsingen per jaar"),
    "treaty.download_chart": ("Download the chart (SVG)", "Grafiek downloaden (SVG)"),
    "treaty.all": ("All instruments", "Alle instrumenten"),
    "treaty.part_of": ("Part of", "Onderdeel van"),
    # zzs page
    "zzs.title": ("Substances of very high concern (ZZS)", "Zeer zorgwekkende stoffen (ZZS)"),
    "zzs.intro": (
        "In the Netherlands, ZZS are substances whose emissions companies must prevent or minimise. A "
        "substance is ZZS (or potential ZZS) through one or more routes below.",
        "In Nederland zijn ZZS stoffen waarvan bedrijven de uitstoot moeten voorkomen of minimaliseren. "
        "Een stof is ZZS (of potentiële ZZS) via een of meer van de routes hieronder.",
    ),
    "zzs.criteria": ("Routes (criteria)", "Routes (criteria)"),
    "zzs.per_route": ("Substances per route", "Stoffen per route"),
    "zzs.leads_to": ("leads to", "leidt tot"),
    "pager.label": ("pages", "pagina's"),
    "pager.previous": ("previous", "vorige"),
    "pager.next": ("next", "volgende"),
    "pager.page": ("page", "pagina"),
    "zzs.no_substances": ("No substance in ChemKG takes this route.", "Geen stof in ChemKG volgt deze route."),
    # panel page
    "panel.functions": ("Functions", "Functies"),
    "panel.bodies": ("Bodies", "Organen"),
    "panel.topics": ("Candidate and agreed topics", "Kandidaat- en afgesproken onderwerpen"),
    "panel.established": ("Established", "Opgericht"),
    "panel.raised_at": ("Raised at", "Ingebracht bij"),
    "panel.timeline": ("Recent events", "Recente gebeurtenissen"),
    "panel.no_topics": ("No topics are recorded yet.", "Nog geen onderwerpen vastgelegd."),
    "topic.candidate": ("candidate", "kandidaat"),
    "topic.agreed": ("agreed", "afgesproken"),
    # matrix
    "matrix.title": ("Coverage matrix", "Dekkingsmatrix"),
    "matrix.intro": (
        "Which instruments list which substances. Each filled cell links to the listing; a group's "
        "listing counts for its members.",
        "Welke instrumenten welke stoffen noemen. Elke gevulde cel verwijst naar de plaatsing; de "
        "plaatsing van een groep telt voor haar leden.",
    ),
    "matrix.show": ("Show", "Toon"),
    "zzs.anticipated": (
        "anticipated: listed under Stockholm, not yet in the EU POPs Regulation",
        "verwacht: onder Stockholm geplaatst, nog niet in de EU POP-verordening",
    ),
    "matrix.inherited": (
        "* inherited: listed through a group the substance belongs to, or through a member of the group",
        "* overgenomen: geplaatst via een groep waartoe de stof behoort, of via een lid van de groep",
    ),
    "substance.via_group": ("through the group", "via de groep"),
    "substance.more_member_listings": (
        "{n} more listings of members of this group are not shown here; every member has its own page and row in the",
        "{n} andere plaatsingen van leden van deze groep staan hier niet; elk lid heeft een eigen pagina en rij in de",
    ),
    "substance.via_member": ("through its member", "via het lid"),
    "matrix.filter.listed": ("substances listed anywhere", "overal geplaatste stoffen"),
    "matrix.filter.zzs": ("all ZZS and potential ZZS", "alle ZZS en potentiële ZZS"),
    "matrix.filter.pfas": ("all PFAS", "alle PFAS"),
    "matrix.filter.all": ("every substance and group", "alle stoffen en groepen"),
    "matrix.download": ("Download", "Downloaden"),
    "matrix.svg_page": (
        "The rows of this page as a chart; CSV and XLSX hold every row",
        "De rijen van deze pagina als grafiek; CSV en XLSX bevatten alle rijen",
    ),
    "matrix.rows": ("rows", "rijen"),
    "matrix.empty": ("No substance matches this filter.", "Geen stof voldoet aan dit filter."),
    "matrix.legend": ("Legend", "Legenda"),
    # sparql page
    "sparql.title": ("SPARQL query", "SPARQL-query"),
    "sparql.intro": (
        "Ask the graph anything in standard SPARQL 1.1. Pick an example to start from.",
        "Stel de graaf elke vraag in standaard SPARQL 1.1. Kies een voorbeeld om mee te beginnen.",
    ),
    "sparql.examples": ("Example queries", "Voorbeeldqueries"),
    "sparql.questions": ("Questions ChemKG answers (ask)", "Vragen die ChemKG beantwoordt (vragen)"),
    "sparql.run": ("Run query", "Query uitvoeren"),
    "sparql.share": ("Link to this query", "Link naar deze query"),
    "sparql.results": ("Results", "Resultaten"),
    "sparql.rows": ("rows", "rijen"),
    "sparql.no_rows": ("The query ran and returned no rows.", "De query is uitgevoerd en gaf geen rijen."),
    "sparql.limits": (
        "Limits: at most {rows} rows and {seconds} s per query.",
        "Grenzen: hoogstens {rows} rijen en {seconds} s per query.",
    ),
    "sparql.endpoint": ("Endpoint for programs", "Endpoint voor programma's"),
    "sparql.running": ("Running…", "Bezig…"),
    # generic
    "generic.properties": ("Properties", "Eigenschappen"),
    "generic.graph": ("A named graph of {n} triples. Download it:", "Een benoemde graaf van {n} triples. Downloaden:"),
    "generic.referenced_by": ("Referenced by", "Verwezen vanuit"),
    "generic.more": ("and {n} more", "en nog {n}"),
    "generic.unconfirmed": ("unconfirmed", "onbevestigd"),
    "home.intro": (
        "Find out in seconds which treaties, EU lists and Dutch policies cover a substance, with the "
        "source of every fact.",
        "Zie in enkele seconden welke verdragen, EU-lijsten en Nederlandse regels een stof dekken, met "
        "de bron van elk feit.",
    ),
    "home.instruments": ("Instruments in ChemKG", "Instrumenten in ChemKG"),
    "home.explore": ("Explore", "Verkennen"),
    "home.stats": (
        "{substances} substances and groups, {listings} listings, {instruments} instruments",
        "{substances} stoffen en groepen, {listings} plaatsingen, {instruments} instrumenten",
    ),
    # errors
    "error.not_found": ("Not found", "Niet gevonden"),
    "error.not_found_text": ("ChemKG has nothing at {path}.", "ChemKG heeft niets op {path}."),
    "error.suggestions": ("Perhaps you meant", "Misschien bedoelde u"),
    "error.matched": ("matched “{name}”", "komt overeen met “{name}”"),
    "error.home": ("Back to the start page", "Terug naar de startpagina"),
    # how an import's version date was read (imports/parse.py writes the English)
    "import.basis.sheet": ("date in the sheet name {sheet}", "datum in de bladnaam {sheet}"),
    "import.basis.given with --as-of": ("given with --as-of", "opgegeven met --as-of"),
    "import.basis.export date in the file's header": (
        "export date in the file's header",
        "exportdatum in de kop van het bestand",
    ),
    "import.basis.date in the file name": ("date in the file name", "datum in de bestandsnaam"),
    "import.basis.newest inclusion date in the list": (
        "newest inclusion date in the list",
        "nieuwste opnamedatum in de lijst",
    ),
}
# The batch, report and brief pages keep their strings in their own module; one table serves all pages.
assert not set(STRINGS) & set(REPORT_STRINGS), "a page string is defined twice"
STRINGS.update(REPORT_STRINGS)
assert not set(STRINGS) & set(BROWSE_STRINGS), "a page string is defined twice"
STRINGS.update(BROWSE_STRINGS)
assert not set(STRINGS) & set(SPARQL_STRINGS), "a page string is defined twice"
STRINGS.update(SPARQL_STRINGS)


def pick_language(query_value: str | None, cookies: Mapping[str, str], accept_language: str | None = None) -> str:
    """The language asked for in the query string, else remembered in the cookie, else the browser's
    preferred one of ours (``Accept-Language``), else English."""
    for candidate in (query_value, cookies.get(COOKIE)):
        if candidate and candidate.lower() in LANGUAGES:
            return candidate.lower()
    return browser_language(accept_language) or DEFAULT_LANGUAGE


def browser_language(header: str | None) -> str | None:
    """The language of ours the ``Accept-Language`` header ranks highest (``nl-BE;q=0.9`` counts as nl), or None.

    Ties go to the header's order; ``*`` means any language, so it picks none of ours in particular.
    """
    best: tuple[float, int, str] | None = None
    for order, part in enumerate((header or "").split(",")):
        tag, *params = (p.strip() for p in part.split(";"))
        primary = tag.split("-")[0].lower()
        if primary not in LANGUAGES:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0 and (best is None or (q, -order) > (best[0], -best[1])):
            best = (q, order, primary)
    return best[2] if best else None


def request_language(request: Request) -> str:
    """The page language of ``request``: ``?lang=``, the switch's cookie, then ``Accept-Language``."""
    return pick_language(request.query_params.get("lang"), request.cookies, request.headers.get("accept-language"))


class Translator:
    """``t("nav.search")`` in one language; unknown keys show the key, so a gap is visible, not fatal."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        self._index = LANGUAGES.index(self.lang)

    def __call__(self, key: str, **values: object) -> str:
        pair = STRINGS.get(key)
        text = pair[self._index] if pair else key
        return text.format(**values) if values else text

    def num(self, n: int) -> str:
        """A count with the thousands separator of this language (5,735 in English, 5.735 in Dutch)."""
        text = f"{n:,}"
        return text.replace(",", ".") if self.lang == "nl" else text

    def word(self, prefix: str, value: str | None) -> str:
        """``t.word("status", "listed")``: the translation under ``status.listed``, else the value as it is."""
        pair = STRINGS.get(f"{prefix}.{value}")
        return pair[self._index] if pair else value or ""

    def say(self, message: str | None) -> str:
        """A message of the resolver (why an input was not found or not valid) in this language."""
        from chemkg.web.match_text import message_text

        return message_text(message, self.lang)

    def part(self, text: str | None) -> str:
        """A part or group of an annex as the graph names it ('Part A'), in this language ('Deel A')."""
        return annex_part(text or "", self.lang)

    def pick(self, en: str | None, nl: str | None) -> str:
        """A value from the graph in this language, falling back to English."""
        if self.lang == "nl" and nl:
            return nl
        return en or nl or ""


def language_links(path: str, query: Mapping[str, str]) -> list[tuple[str, str]]:
    """For the language switch: the same page in each language (other query parameters kept)."""
    from urllib.parse import urlencode

    links = []
    for code in LANGUAGES:
        params = {k: v for k, v in query.items() if k != "lang"}
        params["lang"] = code
        links.append((code, f"{path}?{urlencode(params)}"))
    return links
