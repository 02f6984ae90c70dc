"""The listings, exemptions and ZZS statuses of one substance or group, read by direct index lookups.

``queries/entity-listings.rq``, ``entity-exemptions.rq`` and ``entity-zzs.rq`` say the same in SPARQL
(tests keep them equal), but Oxigraph plans those queries with hash joins over every label in the
store, which costs hundreds of milliseconds per substance; a page needs them in a few. Same rows, same
join semantics: what the query requires (an annex, a status, a titled source…) is required here too.
"""

from __future__ import annotations

from itertools import product
from typing import Any
from weakref import WeakKeyDictionary

import pyoxigraph as ox

from chemkg.store import GraphStore, term_value

CK = "https://w3id.org/chemkg/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


MEMBER_OF, CONCERNS, LISTED_ITEM = _n(CK + "memberOf"), _n(CK + "concerns"), _n(CK + "listedItem")
IN_ANNEX, INSTRUMENT, STATUS = _n(CK + "inAnnex"), _n(CK + "instrument"), _n(CK + "listingStatus")
SHORT_NAME, ADOPTED_BY, HAS_EXEMPTION = _n(CK + "shortName"), _n(CK + "adoptedBy"), _n(CK + "hasExemption")
LOCATOR, CONFIDENCE = _n(CK + "sourceLocator"), _n(CK + "confidence")
PREF_LABEL, NOTATION = _n(SKOS + "prefLabel"), _n(SKOS + "notation")
SOURCE, TITLE, DESCRIPTION = _n(DCT + "source"), _n(DCT + "title"), _n(DCT + "description")
URL = _n("https://schema.org/url")
STANDING = _n(CK + "standing")
RDF_TYPE = _n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
OPTIONAL_FIELDS = {
    "adopted": CK + "adoptedOn",
    "year": CK + "year",
    "inForce": CK + "entryIntoForce",
    "category": CK + "category",
    "group": CK + "annexGroup",
    "phaseOut": CK + "phaseOutDate",
    "odp": CK + "ozoneDepletingPotential",
    "gwp": CK + "globalWarmingPotential",
}
OPTIONAL_PREDICATES = {name: _n(iri) for name, iri in OPTIONAL_FIELDS.items()}
EXEMPTION_KINDS = {
    CK + "SpecificExemption": "specific-exemption",
    CK + "AcceptablePurpose": "acceptable-purpose",
    CK + "Exclusion": "exclusion",
}


# What many substances share: the notations, labels and names of statuses, annexes and instruments, and the
# titles, URLs and standing of sources. A profile's reader keeps these for the store's lifetime (a built store
# is read-only; a new build is a new store object), bounded by how many such statements the store holds.
SHARED = {p.value for p in (NOTATION, PREF_LABEL, SHORT_NAME, TITLE, URL, STANDING)}
_SHARED_CACHE: WeakKeyDictionary[GraphStore, dict[tuple[str, str], list[Any]]] = WeakKeyDictionary()


class Reader:
    """Cached ``(node, predicate) → objects`` lookups over a store (objects deduplicated across graphs): per
    reader, and for the :data:`SHARED` properties per store, so every profile reads a source's title once."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._cache: dict[tuple[str, str], list[Any]] = {}
        self._complete: set[str] = set()  # nodes whose every statement has been read (read_all)
        self._subjects: dict[tuple[str, str], list[str]] = {}
        try:
            self._shared = _SHARED_CACHE.setdefault(store, {})
        except TypeError:  # a store that cannot be weakly referenced keeps its reader's cache only
            self._shared = self._cache

    def objects(self, node: str, predicate: ox.NamedNode) -> list[Any]:
        key = (node, predicate.value)
        cache = self._shared if key[1] in SHARED else self._cache
        found = cache.get(key)
        if found is None:
            found = []
            if node not in self._complete:
                for triple in self.store.about(node, predicate.value):
                    if triple.object not in found:
                        found.append(triple.object)
            cache[key] = found
        return found

    def read_all(self, node: str) -> None:
        """Read every statement about ``node`` in one index scan: an entity or a listing is asked for a dozen
        properties, and one scan of its twenty-odd statements costs about half of as many lookups."""
        if node in self._complete:
            return
        about: dict[str, list[Any]] = {}
        for triple in self.store.about(node):
            found = about.setdefault(triple.predicate.value, [])
            if triple.object not in found:
                found.append(triple.object)
        for predicate, found in about.items():
            (self._shared if predicate in SHARED else self._cache).setdefault((node, predicate), found)
        self._complete.add(node)

    def subjects(self, predicate: ox.NamedNode, obj: str) -> list[str]:
        key = (predicate.value, obj)
        if key not in self._subjects:
            out: list[str] = []
            for triple in self.store.pointing_to(obj, predicate.value):
                if isinstance(triple.subject, ox.NamedNode) and triple.subject.value not in out:
                    out.append(triple.subject.value)
            self._subjects[key] = out
        return self._subjects[key]

    def iris(self, node: str, predicate: ox.NamedNode) -> list[str]:
        return [o.value for o in self.objects(node, predicate) if isinstance(o, ox.NamedNode)]

    def value(self, node: str, predicate: ox.NamedNode) -> Any:
        found = self.objects(node, predicate)
        return term_value(found[0]) if found else None

    def text(self, node: str, predicate: ox.NamedNode, lang: str) -> str | None:
        for term in self.objects(node, predicate):
            if isinstance(term, ox.Literal) and (term.language or "") == lang:
                return term.value
        return None


def groups_and_members(reader: Reader, entity: str) -> list[tuple[str, str]]:
    """(node, relation): the entity ("self"), every group it belongs to ("group") and every member of it
    ("member"), transitively; a group's listings reach its members and a member's listings its groups."""
    out = [(entity, "self")]
    ups = [entity]
    for node in ups:  # grows while walking: memberOf*
        ups.extend(g for g in reader.iris(node, MEMBER_OF) if g not in ups)
    out += [(g, "group") for g in ups[1:]]
    downs: list[str] = []
    frontier = [entity]
    while frontier:  # ^memberOf+
        node = frontier.pop()
        for member in reader.subjects(MEMBER_OF, node):
            if member not in downs and member != entity:
                downs.append(member)
                frontier.append(member)
    return out + [(m, "member") for m in downs]


def reach(reader: Reader, entity: str) -> list[tuple[str, str, str | None]]:
    """(listed item, how it reaches the entity, the group or member it comes from or None for the entity's own):
    the entity, its groups and its members, and every annex entry that concerns any of them."""
    out: list[tuple[str, str, str | None]] = []
    for node, relation in groups_and_members(reader, entity):
        inherited = None if relation == "self" else node
        out.append((node, relation, inherited))
        out += [(e, "entry", inherited) for e in reader.subjects(CONCERNS, node)]
    return list(dict.fromkeys(out))


def listing_rows(store: GraphStore, entity: str, reader: Reader | None = None) -> list[dict[str, Any]]:
    """Rows with the columns of ``entity-listings.rq``: one per listing, decision and source."""
    reader = reader or Reader(store)
    rows: list[dict[str, Any]] = []
    for via, kind, inherited in reach(reader, entity):
        via_label = reader.text(via, PREF_LABEL, "en")
        if via_label is None:
            continue
        via_label_nl = reader.text(via, PREF_LABEL, "nl")
        for listing in reader.subjects(LISTED_ITEM, via):
            for row in _rows_of(reader, entity, via, (via_label, via_label_nl), listing):
                row.update(viaKind=kind, inheritedFrom=inherited)
                rows.append(row)
    rows = list({tuple(sorted((k, str(v)) for k, v in r.items())): r for r in rows}.values())  # as DISTINCT
    rows.sort(key=lambda r: (r["instrumentLabel"], r["annexCode"], r["year"] if r["year"] is not None else -1))
    return rows


def _rows_of(
    reader: Reader, entity: str, via: str, via_labels: tuple[str, str | None], listing: str
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    reader.read_all(listing)
    for annex in reader.iris(listing, IN_ANNEX):
        for instrument in reader.iris(listing, INSTRUMENT):
            for status_node in reader.iris(listing, STATUS):
                status = reader.value(status_node, NOTATION)
                labels = [reader.text(status_node, PREF_LABEL, lang) for lang in ("en", "nl")]
                short = [reader.text(instrument, SHORT_NAME, lang) for lang in ("en", "nl")]
                annex_labels = [reader.text(annex, PREF_LABEL, lang) for lang in ("en", "nl")]
                if None in (status, *labels, *short, *annex_labels):
                    continue
                row: dict[str, Any] = {
                    "entity": entity,
                    "listing": listing,
                    "via": via,
                    "viaLabel": via_labels[0],
                    "viaLabelNl": via_labels[1],
                    "instrument": instrument,
                    "instrumentLabel": short[0],
                    "instrumentLabelNl": short[1],
                    "annex": annex,
                    "annexLabel": annex_labels[0],
                    "annexLabelNl": annex_labels[1],
                    "status": status,
                    "statusLabel": labels[0],
                    "statusLabelNl": labels[1],
                    "locator": reader.value(listing, LOCATOR),
                    "confidence": next((reader.value(c, NOTATION) for c in reader.iris(listing, CONFIDENCE)), None),
                    "summary": reader.text(listing, DESCRIPTION, "en"),
                    "summaryNl": reader.text(listing, DESCRIPTION, "nl"),
                }
                # An optional property with several values (a CLP entry's hazard classes) gives a row per
                # value, and so does an annex that is also an article ("3", "art. 3"), as in SPARQL.
                for optional in _optional_values(reader, listing):
                    for code in [term_value(c) for c in reader.objects(annex, NOTATION)]:
                        out.extend(_per_source_and_decision(reader, listing, dict(row, **optional, annexCode=code)))
    return out


def _optional_values(reader: Reader, listing: str) -> list[dict[str, Any]]:
    """Every combination of the listing's optional values (None where a property is absent)."""
    combos: list[dict[str, Any]] = [{}]
    for name, predicate in OPTIONAL_PREDICATES.items():
        values = [term_value(o) for o in reader.objects(listing, predicate)] or [None]
        combos = [dict(c, **{name: v}) for c in combos for v in values]
    return combos


def _per_source_and_decision(reader: Reader, listing: str, row: dict[str, Any]) -> list[dict[str, Any]]:
    decisions = [d for d in (reader.value(d, NOTATION) for d in reader.iris(listing, ADOPTED_BY)) if d is not None]
    out = []
    for source in reader.iris(listing, SOURCE):
        title = reader.value(source, TITLE)
        if title is None:
            continue
        url = reader.value(source, URL)
        for decision in decisions or [None]:
            out.append(
                dict(
                    row,
                    source=source,
                    sourceTitle=title,
                    sourceUrl=url,
                    sourceStanding=standing(reader, source),
                    decision=decision,
                )
            )
    return out


def standing(reader: Reader, source: str) -> str | None:
    """'official' or 'secondary': the notation of the source's ck:standing."""
    concepts = reader.iris(source, STANDING)
    return reader.value(concepts[0], NOTATION) if concepts else None


def exemption_rows(store: GraphStore, entity: str, reader: Reader | None = None) -> list[dict[str, Any]]:
    """Rows with the columns of ``entity-exemptions.rq``: exemptions of listings of the entity or its groups."""
    reader = reader or Reader(store)
    rows: list[dict[str, Any]] = []
    groups = [entity]
    for node in groups:  # memberOf*, without the annex entries
        groups.extend(g for g in reader.iris(node, MEMBER_OF) if g not in groups)
    for subject in groups:
        for listing in reader.subjects(LISTED_ITEM, subject):
            for exemption in reader.iris(listing, HAS_EXEMPTION):
                label = reader.text(exemption, PREF_LABEL, "en")
                kinds = [EXEMPTION_KINDS[c] for c in reader.iris(exemption, RDF_TYPE) if c in EXEMPTION_KINDS]
                if label is None:
                    continue
                titles = [reader.value(s, TITLE) for s in reader.iris(exemption, SOURCE)]
                for kind in kinds:
                    for title in [t for t in titles if t is not None] or [None]:
                        rows.append(
                            {
                                "entity": entity,
                                "listing": listing,
                                "exemption": exemption,
                                "kind": kind,
                                "label": label,
                                "labelNl": reader.text(exemption, PREF_LABEL, "nl"),
                                "expires": reader.value(exemption, _n(CK + "expires")),
                                "sourceTitle": title,
                                "locator": reader.value(exemption, LOCATOR),
                            }
                        )
    rows.sort(key=lambda r: (r["listing"], r["kind"], r["label"]))
    return rows


ZZS_ROUTE_UNSTATED = ("route not stated in the list", "route niet vermeld in de lijst")


def zzs_rows(store: GraphStore, entity: str, reader: Reader | None = None) -> list[dict[str, Any]]:
    """Rows with the columns of ``entity-zzs.rq``: one per assessment, route and source."""
    reader = reader or Reader(store)
    rows: list[dict[str, Any]] = []
    for assessment in reader.subjects(_n(CK + "assessedSubstance"), entity):
        statuses = [reader.value(s, NOTATION) for s in reader.iris(assessment, _n(CK + "zzsStatus"))]
        derivations = [reader.value(d, NOTATION) for d in reader.iris(assessment, _n(CK + "derivation"))]
        routes: list[tuple[str | None, str, str, str]] = []
        for criterion in reader.iris(assessment, _n(CK + "zzsCriterion")):
            code = reader.value(criterion, NOTATION)
            label, label_nl = reader.text(criterion, PREF_LABEL, "en"), reader.text(criterion, PREF_LABEL, "nl")
            if code is not None and label is not None and label_nl is not None:
                routes.append((criterion, code, label, label_nl))
        base = {
            "entity": entity,
            "assessment": assessment,
            "date": reader.value(assessment, _n(DCT + "date")),
            "locator": reader.value(assessment, LOCATOR),
            "confidence": next((reader.value(c, NOTATION) for c in reader.iris(assessment, CONFIDENCE)), None),
        }
        for status in [s for s in statuses if s is not None]:
            for derivation in [d for d in derivations if d is not None]:
                for source in reader.iris(assessment, SOURCE):
                    title = reader.value(source, TITLE)
                    if title is None:
                        continue
                    for route, route_code, route_label, route_label_nl in routes or [(None, "", *ZZS_ROUTE_UNSTATED)]:
                        rows.append(
                            dict(
                                base,
                                status=status,
                                derivation=derivation,
                                criterion=route,
                                criterionCode=route_code,
                                criterionLabel=route_label,
                                criterionLabelNl=route_label_nl,
                                sourceTitle=title,
                                sourceUrl=reader.value(source, URL),
                                sourceStanding=standing(reader, source),
                            )
                        )
    rows.sort(key=lambda r: (r["derivation"], r["criterionCode"]))
    return rows


def topic_rows(store: GraphStore, entity: str, reader: Reader | None = None) -> list[dict[str, Any]]:
    """Rows with the columns of ``entity-topics.rq``: panel topics about the entity or a group it is in."""
    reader = reader or Reader(store)
    groups = [entity]
    for node in groups:
        groups.extend(g for g in reader.iris(node, MEMBER_OF) if g not in groups)
    topic_class = CK + "AssessmentTopic"
    rows: list[dict[str, Any]] = []
    for subject in groups:
        for topic in reader.subjects(CONCERNS, subject):
            if topic_class not in reader.iris(topic, RDF_TYPE):
                continue
            label = reader.text(topic, PREF_LABEL, "en")
            statuses = [reader.value(s, NOTATION) for s in reader.iris(topic, _n(CK + "topicStatus"))]
            if label is None:
                continue
            titles = [t for t in (reader.value(s, TITLE) for s in reader.iris(topic, SOURCE)) if t is not None]
            for status in [s for s in statuses if s is not None]:
                for title in titles or [None]:
                    rows.append(
                        {
                            "entity": entity,
                            "topic": topic,
                            "label": label,
                            "labelNl": reader.text(topic, PREF_LABEL, "nl"),
                            "status": status,
                            "raisedAt": reader.value(topic, _n(CK + "raisedAt")),
                            "sourceTitle": title,
                        }
                    )
    rows.sort(key=lambda r: r["label"])
    return rows


IDENTITY_PROPERTIES = (
    (PREF_LABEL, "label"),
    (_n(SKOS + "altLabel"), "synonym"),
    (_n(CK + "abbreviation"), "abbreviation"),
    (_n(CK + "casNumber"), "cas"),
    (_n(CK + "ecNumber"), "ec"),
    (_n("https://schema.org/inChIKey"), "inchikey"),
    (_n("https://schema.org/smiles"), "smiles"),
    (_n("https://schema.org/molecularFormula"), "formula"),
    (DESCRIPTION, "description"),
)
ENTITY_TYPES = (CK + "Substance", CK + "SubstanceGroup")


def identity_rows(store: GraphStore, entity: str, reader: Reader | None = None) -> list[dict[str, Any]]:
    """Rows with the columns of ``entity-identity.rq``: per type, source and title, one per labelling property
    and value (a synonym that is also an abbreviation left out); the profile lists synonyms in this order. A
    statement held in two graphs gives the query two equal rows and this one: the profile keeps one anyway."""
    reader = reader or Reader(store)
    reader.read_all(entity)
    types = [t for t in reader.iris(entity, RDF_TYPE) if t in ENTITY_TYPES]
    if not types:
        return []
    abbreviations = reader.objects(entity, _n(CK + "abbreviation"))
    values: list[tuple[str, str | None, str | None]] = []
    for predicate, name in IDENTITY_PROPERTIES:
        for term in reader.objects(entity, predicate):
            if name == "synonym" and term in abbreviations:
                continue
            literal = isinstance(term, ox.Literal)
            text = term.value if literal or isinstance(term, ox.NamedNode) else None  # STR() of a blank node: unbound
            values.append((name, text, (term.language or "") if literal else None))  # LANG() of an IRI: unbound
    locators = [term_value(t) for t in reader.objects(entity, LOCATOR)] or [None]
    confidences = [term_value(n) for c in reader.iris(entity, CONFIDENCE) for n in reader.objects(c, NOTATION)]
    rows: list[dict[str, Any]] = []
    for source in reader.iris(entity, SOURCE):
        standings = [term_value(n) for c in reader.iris(source, STANDING) for n in reader.objects(c, NOTATION)]
        urls = [term_value(u) for u in reader.objects(source, URL)] or [None]
        for title in reader.objects(source, TITLE):
            for kind, (name, text, lang), standing_, url, locator, confidence in product(
                types, values, standings or [None], urls, locators, confidences or [None]
            ):
                rows.append(
                    {
                        "entity": entity,
                        "type": kind,
                        "property": name,
                        "value": text,
                        "lang": lang,
                        "source": source,
                        "sourceTitle": term_value(title),
                        "sourceUrl": url,
                        "sourceStanding": standing_,
                        "locator": locator,
                        "confidence": confidence,
                    }
                )
    return rows


RELATIONS = ((MEMBER_OF, "member-of"), (_n(CK + "hasMember"), "has-member"))


def relation_rows(store: GraphStore, entity: str, reader: Reader | None = None) -> list[dict[str, Any]]:
    """Rows with the columns of ``entity-relations.rq``, in its order: the groups the entity belongs to and
    its members (each with an English label), by relation and label."""
    reader = reader or Reader(store)
    rows: list[dict[str, Any]] = []
    for predicate, relation in RELATIONS:
        for other in reader.objects(entity, predicate):
            if not isinstance(other, ox.NamedNode):
                continue
            labels = [t for t in reader.objects(other.value, PREF_LABEL) if isinstance(t, ox.Literal)]
            dutch: list[str | None] = [t.value for t in labels if t.language == "nl"] or [None]
            numbers = [term_value(t) for t in reader.objects(other.value, _n(CK + "casNumber"))] or [None]
            for label in [t.value for t in labels if t.language == "en"]:
                for label_nl, cas in product(dutch, numbers):
                    rows.append(
                        {
                            "entity": entity,
                            "relation": relation,
                            "other": other.value,
                            "label": label,
                            "labelNl": label_nl,
                            "cas": cas,
                        }
                    )
    rows.sort(key=lambda r: (r["relation"], r["label"]))
    return rows
