"""Imported lists → RDF: one named graph ``import/<kind>`` per list, dated by the list's version.

Listings and ZZS statuses read from a list carry ``ck:derivation ck:fromImport`` and cite the
list as a ``ck:Source``; a ZZS status from the RIVM list ``dcterms:replaces`` the rule-derived
status of the same substance, which is how the list takes precedence.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from chemkg.imports.kinds import IMPORT_KINDS
from chemkg.imports.link import TRAILING_NOTE, Link, Linker, name_key, slug
from chemkg.imports.membership import DefinedGroups
from chemkg.imports.records import Record
from chemkg.imports.saved import SavedImport
from chemkg.namespaces import CK, PAV, SCHEMA, VOID, graph_iri, iri
from chemkg.registers.files import Row
from chemkg.registers.validate import Catalogue, Problem
from chemkg.terms import date_literal, node

STATUS = {"listed": CK.listed, "deleted": CK.deleted}
ZZS_STATUS = {"zzs": CK.zzs, "potential-zzs": CK.potentialZzs}
# CLP Annex VI as a whole; the curated annexes only hold its CMR 1A/1B part.
DECLARED_ANNEXES = {
    "clp/annex-vi": (
        "clp",
        "VI",
        "Annex VI, Part 3: harmonised classification and labelling (all hazard classes)",
        "Bijlage VI, Deel 3: geharmoniseerde indeling en etikettering (alle gevarenklassen)",
    )
}
# Kinds whose entities are defined first: the RIVM list names substances in English and Dutch.
ORDER = ["rivm-zzs", "echa-candidate-list", "echa-annex-xiv", "echa-annex-xvii", "echa-pops", "echa-clp"]


@dataclass
class ImportSummary:
    """What one import added to the graph: how its rows were linked, for reports and build.json."""

    kind: str
    as_of: str
    source_file: str
    rows_read: int
    rows_imported: int
    rows_rejected: int
    linked: dict[str, int] = field(default_factory=dict)
    entities_created: int = 0
    triples: int = 0


def source_node(kind: str) -> URIRef:
    return iri(f"source/import/{kind}")


def import_source(g: Graph, saved: SavedImport) -> URIRef:
    """The list edition as a ``ck:Source``: who publishes it, where, which edition, read when, which file."""
    kind = IMPORT_KINDS[saved.kind]
    src = source_node(saved.kind)
    title = f"{kind.title}, edition of {saved.as_of}"
    g.add((src, RDF.type, CK.Source))
    g.add((src, DCTERMS.title, Literal(title)))
    g.add((src, RDFS.label, Literal(title)))
    g.add((src, DCTERMS.publisher, Literal(kind.publisher)))
    g.add((src, DCTERMS.date, Literal(saved.as_of, datatype=XSD.date)))
    g.add((src, SCHEMA.url, Literal(kind.url, datatype=XSD.anyURI)))
    g.add((src, DCTERMS.type, Literal("official-list")))
    g.add((src, CK.standing, CK.officialSource))
    g.add((src, DCTERMS.rights, Literal(kind.terms)))
    g.add((src, CK.shortName, Literal(kind.short, lang="en")))
    if kind.short_nl:
        g.add((src, CK.shortName, Literal(kind.short_nl, lang="nl")))
    if saved.meta.get("read_on"):
        g.add((src, PAV.retrievedOn, Literal(saved.meta["read_on"], datatype=XSD.date)))
    if saved.meta.get("sha256"):
        g.add((src, SCHEMA.sha256, Literal(saved.meta["sha256"])))
    g.add(
        (
            src,
            RDFS.comment,
            Literal(
                f"Read from {saved.source_file} (edition date: {saved.meta['as_of_basis']}); "
                f"snapshot graph/official/{saved.kind}/{saved.edition}",
                lang="en",
            ),
        )
    )
    return src


def locator(saved: SavedImport, rows: list[int]) -> Literal:
    numbers = ", ".join(str(r) for r in sorted(set(rows)))
    return Literal(f"{saved.source_file}, row{'s' if len(set(rows)) > 1 else ''} {numbers}")


def clp_entries(records: list[Record]) -> list[Record]:
    """One CLP index number is one entry: its annex and status follow its current rows (To = '-')."""
    by_index: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        by_index[record.entry].append(record)
    out = []
    for rows in by_index.values():
        current = [r for r in rows if r.status == "listed"]
        deciding = current or [max(rows, key=lambda r: r.date)]
        annex = "clp/annex-vi-cmr" if any(r.annex == "clp/annex-vi-cmr" for r in deciding) else "clp/annex-vi"
        status = "listed" if current else "deleted"
        out += [replace(r, annex=annex, status=status if r in deciding else "replaced") for r in rows]
    return out


class ImportWriter:
    """Writes the import graphs; entities minted by one import are described once, by the first."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.linker = Linker(catalogue)
        self.described: set[URIRef] = set()
        self.defined_groups = DefinedGroups(catalogue)
        self.memberships: set[tuple[URIRef, URIRef]] = set()
        self.problems: list[Problem] = []
        self.rule_zzs: dict[str, list[URIRef]] = defaultdict(list)
        # graph/official-names.csv: what a curator says an entry that nothing else links is, by list and name
        self.stated: dict[tuple[str, str], Row] = {}
        for row in catalogue.of_kind("official-names"):
            if row.get("relation") == "same" and len(row.many("entity")) != 1:
                where = f"graph/official-names.csv, row {row.get('id')}, column entity"
                self.problems.append(Problem(where, "a 'same' row names exactly one curated entity; split it"))
                continue
            self.stated[(row.get("list"), name_key(row.get("name")))] = row
        for row in catalogue.of_kind("zzs"):
            if row.get("derivation") == "rule":
                self.rule_zzs[row.get("substance")].append(node("zzs", row.get("id")))

    def entity(self, g: Graph, record: Record, link: Link, src: URIRef, group: bool = False) -> None:
        if link.how != "new":
            return
        self.membership(g, record, link)
        if link.iri in self.described:
            g.add((link.iri, SKOS.altLabel, Literal(record.name, lang="en")))
            return
        self.described.add(link.iri)
        cls = CK.SubstanceGroup if group or Linker.is_group(record) else CK.Substance
        for t in (CK.ChemicalEntity, CK.ImportedEntity, cls):
            g.add((link.iri, RDF.type, t))
        for value, lang in ((record.name, "en"), (record.name_nl, "nl")):
            if value:
                g.add((link.iri, RDFS.label, Literal(value, lang=lang)))
                g.add((link.iri, SKOS.prefLabel, Literal(value, lang=lang)))
        for cas in record.cas_numbers:
            g.add((link.iri, CK.casNumber, Literal(cas)))
        for ec in record.ec_numbers:
            g.add((link.iri, CK.ecNumber, Literal(ec)))
        if record.smiles:
            g.add((link.iri, SCHEMA.smiles, Literal(record.smiles)))
        if record.inchikey:
            g.add((link.iri, SCHEMA.inChIKey, Literal(record.inchikey)))
        if record.description:
            g.add((link.iri, DCTERMS.description, Literal(record.description, lang="en")))
        g.add((link.iri, DCTERMS.source, src))

    def correspondence(self, kind: str, record: Record) -> Row | None:
        """The curated statement about this entry of list ``kind``, by its name (or without a trailing note)."""
        for name in (record.name, TRAILING_NOTE.sub("", record.name)):
            row = self.stated.get((kind, name_key(name)))
            if row is not None:
                return row
        return None

    def stated_membership(self, g: Graph, record: Record, link: Link, row: Row) -> None:
        """A minted entity that a curator says is part of a curated group, or includes curated entities."""
        for entity in row.many("entity"):
            curated = node("substances", entity)
            member, group = (link.iri, curated) if row.get("relation") == "part-of" else (curated, link.iri)
            if (member, group) in self.memberships:
                continue
            self.memberships.add((member, group))
            g.add((member, CK.memberOf, group))
            g.add((group, CK.hasMember, member))
            group_key, member_key = (entity, link.key) if member == link.iri else (link.key, entity)
            statement = iri(f"membership/import/{group_key}/{member_key}")
            g.add((statement, RDF.type, RDF.Statement))
            g.add((statement, RDF.subject, member))
            g.add((statement, RDF.predicate, CK.memberOf))
            g.add((statement, RDF.object, group))
            g.add((statement, DCTERMS.isPartOf, node("official-names", row.get("id"))))
            for source in row.many("source"):
                g.add((statement, DCTERMS.source, node("sources", source)))
            relation = row.get("relation")
            note = f"Stated in graph/official-names.csv, row {row.get('id')}: {record.name!r} {relation} {entity}."
            g.add((statement, SKOS.note, Literal(note, lang="en")))

    def membership(self, g: Graph, record: Record, link: Link) -> None:
        """A minted entity joins each curated group whose definition names it as an example (see
        ``imports.membership``); the statement cites the group's row and says so."""
        for group in self.defined_groups.groups_naming(((record.name, "en"), (record.name_nl, "nl"))):
            group_iri = node("substances", group.id)
            if (link.iri, group_iri) in self.memberships:
                continue
            self.memberships.add((link.iri, group_iri))
            g.add((link.iri, CK.memberOf, group_iri))
            g.add((group_iri, CK.hasMember, link.iri))
            statement = iri(f"membership/import/{group.id}/{link.key}")
            g.add((statement, RDF.type, RDF.Statement))
            g.add((statement, RDF.subject, link.iri))
            g.add((statement, RDF.predicate, CK.memberOf))
            g.add((statement, RDF.object, group_iri))
            g.add((statement, RDFS.label, Literal(f"{record.name}: member of {group.label}", lang="en")))
            for source in group.sources:
                g.add((statement, DCTERMS.source, node("sources", source)))
            g.add(
                (
                    statement,
                    SKOS.note,
                    Literal(
                        f"Member because the definition of the curated group {group.label!r} names "
                        f"{record.name!r} as an example (graph/substances, row {group.id}).",
                        lang="en",
                    ),
                )
            )

    def annex(self, g: Graph, saved: SavedImport, annex: str) -> tuple[URIRef, URIRef, dict[str, str]] | None:
        row = self.catalogue.get("annexes", annex)
        annex_iri = node("annexes", annex)
        if row is not None:
            return (
                annex_iri,
                node("instruments", row.get("instrument")),
                {
                    "en": row.get("label_en"),
                    "nl": row.get("label_nl"),
                },
            )
        if annex in DECLARED_ANNEXES:
            instrument, code, en, nl = DECLARED_ANNEXES[annex]
            treaty = node("instruments", instrument)
            g.add((annex_iri, RDF.type, CK.Annex))
            g.add((annex_iri, CK.instrument, treaty))
            g.add((annex_iri, DCTERMS.isPartOf, treaty))
            g.add((annex_iri, SKOS.notation, Literal(code)))
            for text, lang in ((en, "en"), (nl, "nl")):
                g.add((annex_iri, RDFS.label, Literal(text, lang=lang)))
                g.add((annex_iri, SKOS.prefLabel, Literal(text, lang=lang)))
            return annex_iri, treaty, {"en": en, "nl": nl}
        self.problems.append(
            Problem(f"import/{saved.kind}", f"annex {annex!r} is not in graph/annexes.csv; add it, then rebuild")
        )
        return None

    def graph(self, saved: SavedImport) -> tuple[Graph, ImportSummary]:
        g = Graph()
        src = import_source(g, saved)
        kind = IMPORT_KINDS[saved.kind]
        records = clp_entries(saved.records) if saved.kind == "echa-clp" else saved.records
        summary = ImportSummary(
            saved.kind,
            saved.as_of,
            saved.source_file,
            int(saved.meta["rows_read"]),
            int(saved.meta["rows_imported"]),
            len(saved.rejections),
        )
        # A list whose entries have numbers (a CLP index number, an Annex XVII entry) keeps each entry apart,
        # also when two entries name the same substance.
        groups: dict[tuple[str, Link, str], list[Record]] = defaultdict(list)
        linked: dict[str, int] = defaultdict(int)
        links: dict[str, Link] = {}
        for record in records:
            stated = self.correspondence(saved.kind, record)
            if stated is not None and stated.get("relation") == "same":
                entity = stated.many("entity")[0]
                link = Link(node("substances", entity), entity, "register")
            else:
                link = self.linker.link(record)
            linked[link.how] += 1
            if link.how == "new" and link.iri not in self.described:
                summary.entities_created += 1
            includes = stated is not None and stated.get("relation") == "includes"  # a curator says it is a group
            self.entity(g, record, link, src, group=includes)
            if stated is not None and link.how == "new":
                self.stated_membership(g, record, link, stated)
            # Keyed by the entity, not by how a row found it: two rows of one entry (two CAS numbers of boric
            # acid) that reach one entity by different routes are still one listing.
            links.setdefault(link.key, link)
            groups[(record.annex, links[link.key], record.entry if kind.numbered_entries else "")].append(record)
        summary.linked = dict(sorted(linked.items()))
        for (annex, link, entry), rows in groups.items():
            if kind.zzs:
                self.zzs(g, saved, link, rows, src)
            else:
                self.listing(g, saved, annex, link, rows, src, entry)
        summary.triples = len(g)
        return g, summary

    def listing(
        self, g: Graph, saved: SavedImport, annex: str, link: Link, rows: list[Record], src: URIRef, entry: str = ""
    ) -> None:
        found = self.annex(g, saved, annex)
        if found is None:
            return
        annex_iri, instrument, annex_labels = found
        listing = iri(f"listing/import/{annex}/{link.key}" + (f"/{slug(entry)}" if entry else ""))
        g.add((listing, RDF.type, CK.Listing))
        g.add((listing, CK.listedItem, link.iri))
        g.add((listing, CK.inAnnex, annex_iri))
        g.add((listing, CK.instrument, instrument))
        if entry:
            g.add((listing, SKOS.notation, Literal(entry)))
        status = "listed" if any(r.status == "listed" for r in rows) else "deleted"
        g.add((listing, CK.listingStatus, STATUS[status]))
        dates = sorted(r.date for r in rows if r.date)
        if dates:
            g.add((listing, CK.adoptedOn, date_literal(dates[0])))
            g.add((listing, CK.year, Literal(int(dates[0][:4]))))
        current = [r for r in rows if r.status != "replaced"] or rows
        for value in sorted({c for r in current for c in r.category.split(" | ") if c}):
            g.add((listing, CK.category, Literal(value)))
        for value in sorted({r.group for r in current if r.group}):
            g.add((listing, CK.annexGroup, Literal(value)))
        for value in sorted({r.phase_out for r in current if r.phase_out and r.status != "replaced"}):
            g.add((listing, CK.phaseOutDate, date_literal(value)))
        for value in sorted({r.url for r in rows if r.url.startswith(("http://", "https://"))}):
            g.add((listing, RDFS.seeAlso, URIRef(value)))
        name = rows[0].name
        for lang in ("en", "nl"):
            item = (rows[0].name_nl or name) if lang == "nl" else name
            g.add((listing, RDFS.label, Literal(f"{item} – {annex_labels[lang]}", lang=lang)))
        self.provenance(g, listing, saved, rows, src)

    def zzs(self, g: Graph, saved: SavedImport, link: Link, rows: list[Record], src: URIRef) -> None:
        assessment = iri(f"zzs/status/import/{link.key}")
        g.add((assessment, RDF.type, CK.ZZSAssessment))
        g.add((assessment, CK.assessedSubstance, link.iri))
        status = "zzs" if any(r.status == "zzs" for r in rows) else "potential-zzs"
        g.add((assessment, CK.zzsStatus, ZZS_STATUS[status]))
        g.add((assessment, DCTERMS.date, Literal(saved.as_of, datatype=XSD.date)))
        g.add((assessment, RDFS.label, Literal(f"{rows[0].name}: {status} (RIVM list {saved.as_of})", lang="en")))
        for replaced in self.rule_zzs.get(link.key, []) if link.how != "new" else []:
            g.add((assessment, DCTERMS.replaces, replaced))
        self.provenance(g, assessment, saved, rows, src)

    @staticmethod
    def provenance(g: Graph, subject: URIRef, saved: SavedImport, rows: list[Record], src: URIRef) -> None:
        g.add((subject, CK.derivation, CK.fromImport))
        g.add((subject, DCTERMS.source, src))
        g.add((subject, CK.sourceLocator, locator(saved, [r.row for r in rows])))
        g.add((subject, CK.confidence, CK.confirmed))


def import_provenance(prov: Graph, saved: SavedImport, summary: ImportSummary, built_at: str) -> None:
    """The import graph described in the provenance graph: its file, version date and row counts."""
    kind = IMPORT_KINDS[saved.kind]
    gi = graph_iri(kind.graph)
    for t in (CK.Register, VOID.Dataset, PROV.Entity):
        prov.add((gi, RDF.type, t))
    prov.add((gi, RDFS.label, Literal(f"ChemKG import of the {kind.title}", lang="en")))
    prov.add((gi, VOID.triples, Literal(summary.triples)))
    prov.add((gi, PROV.generatedAtTime, Literal(built_at, datatype=XSD.dateTime)))
    prov.add((gi, CK.sourceFile, Literal(saved.source_file)))
    prov.add((gi, DCTERMS.source, source_node(saved.kind)))
    prov.add((gi, DCTERMS.modified, Literal(saved.as_of, datatype=XSD.date)))
    prov.add((gi, OWL.versionInfo, Literal(f"{saved.as_of} ({saved.meta['as_of_basis']})")))
    prov.add((gi, PROV.wasDerivedFrom, source_node(saved.kind)))
    prov.add((gi, DCTERMS.rights, Literal(kind.terms)))
    prov.add(
        (
            gi,
            RDFS.comment,
            Literal(
                f"{summary.rows_read} rows read, {summary.rows_imported} imported, "
                f"{summary.rows_rejected} rejected (read on {saved.meta.get('read_on', 'unknown date')})",
                lang="en",
            ),
        )
    )


def add_imports(
    graphs: dict[str, Graph], catalogue: Catalogue, imports: list[SavedImport], built_at: str
) -> tuple[list[ImportSummary], list[Problem]]:
    """Add one graph per import to ``graphs`` (and their provenance); returns summaries and problems."""
    writer = ImportWriter(catalogue)
    summaries = []
    for saved in sorted(imports, key=lambda s: ORDER.index(s.kind) if s.kind in ORDER else len(ORDER)):
        if saved.kind not in IMPORT_KINDS:
            writer.problems.append(Problem(str(saved.folder), f"unknown import kind {saved.kind!r}"))
            continue
        graph, summary = writer.graph(saved)
        graphs[IMPORT_KINDS[saved.kind].graph] = graph
        if "provenance" in graphs:
            import_provenance(graphs["provenance"], saved, summary, built_at)
        summaries.append(summary)
    return summaries, writer.problems
