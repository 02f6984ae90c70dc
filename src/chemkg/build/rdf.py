"""Registers → RDF: one rdflib graph per register, each row becoming one node and its facts.

Every fact-bearing node gets ``dcterms:source``, ``ck:sourceLocator`` and ``ck:confidence``,
so a SPARQL user can always ask where a fact comes from.
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from chemkg.namespaces import CK, SCHEMA
from chemkg.registers.files import Register, Row
from chemkg.registers.kinds import KINDS, article_id
from chemkg.registers.validate import Catalogue
from chemkg.terms import date_literal, node

STATUS = {
    "listed": CK.listed,
    "amended": CK.amended,
    "deleted": CK.deleted,
    "replaced": CK.replaced,
    "under-review": CK.underReview,
    "recommended-not-listed": CK.recommendedNotListed,
}
ZZS_STATUS = {"zzs": CK.zzs, "potential-zzs": CK.potentialZzs}
DERIVATION = {"rivm-list": CK.fromRivmList, "rule": CK.byRule, "import": CK.fromImport}
TOPIC_STATUS = {"candidate": CK.candidate, "agreed": CK.agreed}
INSTRUMENT_CLASS = {  # a treaty also carries ck:Treaty itself, so queries need no reasoner for either
    "treaty": (CK.Treaty, CK.GlobalTreaty),
    "protocol": (CK.Treaty, CK.GlobalTreaty),
    "regional-treaty": (CK.Treaty, CK.RegionalTreaty),
    "amendment": (CK.Amendment,),
    "framework": (CK.Framework,),
    "eu-regulation": (CK.EULegislation,),
    "eu-directive": (CK.EULegislation,),
}
ENTRY_CLASS = {
    "waste": CK.WasteCategory,
    "product": CK.Product,
    "process": CK.Process,
    "hazard-characteristic": CK.HazardCharacteristic,
    "use": CK.Use,
}
EXEMPTION_CLASS = {
    "specific-exemption": CK.SpecificExemption,
    "acceptable-purpose": CK.AcceptablePurpose,
    "exclusion": CK.Exclusion,
}
PANEL_CLASS = {
    "panel": CK.Panel,
    "body": CK.PanelBody,
    "function": CK.PanelFunction,
    "programme": CK.Programme,
}


class RowWriter:
    """Writes one row's facts into a graph, resolving references through the catalogue."""

    def __init__(self, graph: Graph, catalogue: Catalogue, row: Row, kind: str) -> None:
        self.g = graph
        self.catalogue = catalogue
        self.row = row
        self.kind = KINDS[kind]
        self.subject = node(kind, row.get("id"))

    def add(self, predicate: URIRef, obj: URIRef | Literal) -> None:
        self.g.add((self.subject, predicate, obj))

    def types(self, *classes: URIRef) -> None:
        for cls in classes:
            self.add(RDF.type, cls)

    def text(self, column: str, predicate: URIRef, lang: str | None = None) -> None:
        value = self.row.get(column)
        if value:
            self.add(predicate, Literal(value, lang=lang))

    def texts(self, column: str, predicate: URIRef, lang: str | None = None) -> None:
        for value in self.row.many(column):
            self.add(predicate, Literal(value, lang=lang))

    def labels(self, en: str = "label_en", nl: str = "label_nl") -> None:
        for column, lang in ((en, "en"), (nl, "nl")):
            value = self.row.get(column)
            if value:
                self.add(RDFS.label, Literal(value, lang=lang))
                self.add(SKOS.prefLabel, Literal(value, lang=lang))

    def descriptions(self, en: str = "description_en", nl: str = "description_nl") -> None:
        self.text(en, DCTERMS.description, "en")
        self.text(nl, DCTERMS.description, "nl")

    def date(self, column: str, predicate: URIRef) -> None:
        value = self.row.get(column)
        if value:
            self.add(predicate, date_literal(value))

    def typed(self, column: str, predicate: URIRef, datatype: URIRef) -> None:
        value = self.row.get(column)
        if value:
            self.add(predicate, Literal(value, datatype=datatype))

    def refs(self, column: str, predicate: URIRef) -> list[URIRef]:
        targets = []
        for target in self.row.many(column):
            kind = self.resolve(column, target)
            targets.append(node(kind, target))
            self.add(predicate, targets[-1])
        return targets

    def resolve(self, column: str, target: str) -> str:
        for kind in self.kind.column(column).refs:
            if self.catalogue.get(kind, target) is not None:
                return kind
        raise KeyError(f"{self.row.where(column)}: unresolved reference {target!r}")

    def provenance(self) -> None:
        self.refs("source", DCTERMS.source)
        self.text("locator", CK.sourceLocator)
        self.add(CK.confidence, CK.unconfirmed if self.row.get("confidence") == "memory" else CK.confirmed)
        self.text("note", RDFS.comment, "en")


def write_sources(w: RowWriter) -> None:
    w.types(CK.Source)
    w.text("title", DCTERMS.title)
    w.text("title", RDFS.label)
    w.text("publisher", DCTERMS.publisher)
    w.typed("url", SCHEMA.url, XSD.anyURI)
    w.date("date", DCTERMS.date)
    w.text("licence", DCTERMS.license)
    w.text("type", DCTERMS.type)
    w.add(CK.standing, CK.officialSource if w.row.get("standing") == "official" else CK.secondarySource)
    w.text("note", RDFS.comment, "en")


def write_instruments(w: RowWriter) -> None:
    w.types(CK.Instrument, *INSTRUMENT_CLASS[w.row.get("kind")])
    w.labels()
    w.text("short_en", CK.shortName, "en")
    w.text("short_nl", CK.shortName, "nl")
    w.refs("part_of", DCTERMS.isPartOf)
    w.date("adopted", CK.adoptedOn)
    w.text("adopted_place", CK.adoptedAtPlace)
    w.date("in_force", CK.entryIntoForce)
    w.text("secretariat", CK.secretariat)
    w.text("untc", CK.untcNumber)
    w.text("unts", CK.untsNumber)
    w.text("bwb_id", CK.bwbId)
    w.typed("parties", CK.numberOfParties, XSD.integer)
    w.date("parties_as_of", CK.partiesAsOf)
    w.text("nl_status", CK.netherlandsStatus)
    w.date("nl_date", CK.netherlandsDate)
    w.text("nl_instrument", CK.netherlandsInstrument)
    w.typed("url", SCHEMA.url, XSD.anyURI)
    w.descriptions()


def write_annexes(w: RowWriter) -> None:
    w.types(CK.Annex)
    w.labels()
    instrument = w.refs("instrument", CK.instrument)
    for target in instrument:
        w.add(DCTERMS.isPartOf, target)
    w.text("code", SKOS.notation)
    w.descriptions()


def write_obligations(w: RowWriter) -> None:
    w.types(CK.Obligation)
    instrument = w.refs("instrument", CK.instrument)[0]
    w.add(RDFS.label, Literal(w.row.get("title_en"), lang="en"))
    w.add(RDFS.label, Literal(w.row.get("title_nl"), lang="nl"))
    w.text("title_en", SKOS.prefLabel, "en")
    w.text("title_nl", SKOS.prefLabel, "nl")
    w.text("article", CK.articleReference)
    w.text("summary_en", DCTERMS.description, "en")
    w.text("summary_nl", DCTERMS.description, "nl")
    w.refs("annexes", CK.governs)
    article_path = article_id(w.row.get("instrument"), w.row.get("article"))
    article_number = article_path.rsplit("-", 1)[1].upper()
    article = node("instruments", article_path)
    w.add(CK.establishedBy, article)
    w.add(DCTERMS.isPartOf, instrument)
    w.g.add((article, RDF.type, CK.Article))
    w.g.add((article, SKOS.notation, Literal(article_number)))
    w.g.add((article, DCTERMS.isPartOf, instrument))
    w.g.add((article, CK.instrument, instrument))
    w.g.add((article, RDFS.label, Literal(f"Article {article_number}", lang="en")))
    w.g.add((article, RDFS.label, Literal(f"Artikel {article_number}", lang="nl")))


def write_meetings(w: RowWriter) -> None:
    w.types(CK.Meeting)
    w.labels()
    w.refs("instrument", CK.meetingOf)
    w.text("place", SCHEMA.location)
    w.date("start", SCHEMA.startDate)
    w.date("end", SCHEMA.endDate)


def write_decisions(w: RowWriter) -> None:
    w.types(CK.Decision)
    w.text("code", SKOS.notation)
    label = w.row.get("code") + (f": {w.row.get('title_en')}" if w.row.get("title_en") else "")
    w.add(RDFS.label, Literal(label, lang="en"))
    w.text("title_en", DCTERMS.title, "en")
    w.refs("meeting", CK.adoptedAt)
    w.date("date", DCTERMS.date)
    w.typed("url", SCHEMA.url, XSD.anyURI)


def write_substances(w: RowWriter) -> None:
    w.types(CK.Substance if w.row.get("kind") == "substance" else CK.SubstanceGroup, CK.ChemicalEntity)
    w.labels()
    w.texts("abbreviations", CK.abbreviation)
    w.texts("synonyms_en", SKOS.altLabel, "en")
    w.texts("synonyms_nl", SKOS.altLabel, "nl")
    w.texts("cas", CK.casNumber)
    w.texts("ec", CK.ecNumber)
    w.text("inchikey", SCHEMA.inChIKey)
    w.text("smiles", SCHEMA.smiles)
    w.text("formula", SCHEMA.molecularFormula)
    for member in w.refs("members", CK.hasMember):
        w.g.add((member, CK.memberOf, w.subject))
    w.descriptions()


def write_entries(w: RowWriter) -> None:
    w.types(CK.AnnexEntry, ENTRY_CLASS[w.row.get("kind")])
    w.labels()
    w.text("code", SKOS.notation)
    w.descriptions()
    w.refs("concerns", CK.concerns)


def write_listings(w: RowWriter) -> None:
    w.types(CK.Listing)
    w.refs("item", CK.listedItem)
    w.refs("annex", CK.inAnnex)
    annex_row = w.catalogue.get("annexes", w.row.get("annex"))
    item_row = w.catalogue.get("substances", w.row.get("item")) or w.catalogue.get("entries", w.row.get("item"))
    if annex_row is not None and item_row is not None:
        w.add(CK.instrument, node("instruments", annex_row.get("instrument")))
        for lang in ("en", "nl"):
            label = f"{item_row.get('label_' + lang)} – {annex_row.get('label_' + lang)}"
            w.add(RDFS.label, Literal(label, lang=lang))
    w.add(CK.listingStatus, STATUS[w.row.get("status")])
    w.refs("decisions", CK.adoptedBy)
    w.date("adopted", CK.adoptedOn)
    if w.row.get("adopted"):
        w.add(CK.year, Literal(int(w.row.get("adopted")[:4])))
    w.date("in_force", CK.entryIntoForce)
    w.text("category", CK.category)
    w.text("group", CK.annexGroup)
    w.date("phase_out", CK.phaseOutDate)
    w.typed("odp", CK.ozoneDepletingPotential, XSD.decimal)
    w.typed("gwp", CK.globalWarmingPotential, XSD.decimal)
    w.refs("replaced_by", CK.replacedBy)
    w.refs("meetings", CK.consideredAt)
    w.text("summary_en", DCTERMS.description, "en")
    w.text("summary_nl", DCTERMS.description, "nl")


def write_exemptions(w: RowWriter) -> None:
    w.types(CK.Exemption, EXEMPTION_CLASS[w.row.get("kind")])
    w.labels()
    for listing in w.refs("listing", DCTERMS.isPartOf):
        w.g.add((listing, CK.hasExemption, w.subject))
    w.date("expires", CK.expires)
    if w.row.get("expires"):
        w.add(CK.expiryBasis, CK.computedExpiry if w.row.get("expires_basis") == "computed" else CK.statedExpiry)


RELATION_WORDS = {"same": "is", "part-of": "is part of", "includes": "includes"}


def write_official_names(w: RowWriter) -> None:
    """The curator's statement; the import applies it (imports/graph.py), in the list's own named graph."""
    w.types(CK.NameCorrespondence)
    w.text("name", RDFS.label, "en")
    entities = [w.catalogue.get("substances", e) for e in w.row.many("entity")]
    named = ", ".join(e.get("label_en") if e is not None else "?" for e in entities)
    sentence = f"The {w.row.get('list')} entry {w.row.get('name')!r} {RELATION_WORDS[w.row.get('relation')]} {named}."
    w.add(SKOS.note, Literal(sentence, lang="en"))
    w.refs("entity", CK.correspondsTo)


def write_zzs_criteria(w: RowWriter) -> None:
    w.types(CK.ZZSCriterion)
    w.labels()
    w.text("code", SKOS.notation)
    w.text("legal_basis", CK.legalBasis, "en")
    w.text("legal_basis_nl", CK.legalBasis, "nl")
    w.descriptions()
    w.add(CK.leadsTo, ZZS_STATUS[w.row.get("status")])


def write_zzs(w: RowWriter) -> None:
    w.types(CK.ZZSAssessment)
    w.refs("substance", CK.assessedSubstance)
    w.add(CK.zzsStatus, ZZS_STATUS[w.row.get("status")])
    w.refs("criteria", CK.zzsCriterion)
    w.date("date", DCTERMS.date)
    w.add(CK.derivation, DERIVATION[w.row.get("derivation")])


def write_panel(w: RowWriter) -> None:
    w.types(PANEL_CLASS[w.row.get("kind")])
    w.labels()
    w.refs("part_of", DCTERMS.isPartOf)
    w.date("established", CK.establishedOn)
    w.descriptions()


def write_topics(w: RowWriter) -> None:
    w.types(CK.AssessmentTopic)
    w.labels()
    w.add(CK.topicStatus, TOPIC_STATUS[w.row.get("status")])
    w.text("raised_at", CK.raisedAt)
    w.refs("concerns", CK.concerns)
    w.descriptions()


def write_events(w: RowWriter) -> None:
    w.types(CK.GovernanceEvent)
    w.labels()
    w.date("date", DCTERMS.date)
    w.descriptions()
    w.refs("concerns", CK.concerns)


WRITERS: dict[str, Callable[[RowWriter], None]] = {
    "sources": write_sources,
    "instruments": write_instruments,
    "annexes": write_annexes,
    "obligations": write_obligations,
    "meetings": write_meetings,
    "decisions": write_decisions,
    "substances": write_substances,
    "entries": write_entries,
    "listings": write_listings,
    "exemptions": write_exemptions,
    "official-names": write_official_names,
    "zzs-criteria": write_zzs_criteria,
    "zzs": write_zzs,
    "panel": write_panel,
    "topics": write_topics,
    "events": write_events,
}
assert set(WRITERS) == set(KINDS)


def register_graph(register: Register, catalogue: Catalogue) -> Graph:
    """The RDF of one register."""
    graph = Graph()
    for row in register.rows:
        writer = RowWriter(graph, catalogue, row, register.kind.name)
        WRITERS[register.kind.name](writer)
        if register.kind.provenance:
            writer.provenance()
    return graph


def ontology_graph(path: str) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle")
    assert (None, RDF.type, OWL.Ontology) in graph, f"{path} declares no owl:Ontology"
    return graph
