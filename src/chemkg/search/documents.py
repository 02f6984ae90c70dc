"""Search documents: one per entity a user may look for, assembled from the store.

A document keeps the entity's IRI and type, its labels, names and identifiers in English and
Dutch, its description, and sentences of context built from the graph ("Listed in Stockholm
Convention Annex A (Elimination) by SC-9/12 in 2019"), so that a search for a use, a hazard or a
decision finds the entity it is about. It also keeps what filters need: instruments, annexes and
ZZS status. Everything comes from the ``search-*.rq`` queries; nothing is typed in by hand.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from chemkg.namespaces import path_of
from chemkg.store import GraphStore

LANGS = ("en", "nl")

# Ontology class → document type (the values of the ``type`` filter).
TYPE_OF_CLASS = {
    "Substance": "substance",
    "SubstanceGroup": "group",
    "Treaty": "instrument",
    "Amendment": "instrument",
    "Framework": "instrument",
    "EULegislation": "instrument",
    "Annex": "annex",
    "Listing": "listing",
    "Obligation": "obligation",
    "SpecificExemption": "exemption",
    "AcceptablePurpose": "exemption",
    "Exclusion": "exemption",
    "WasteCategory": "entry",
    "Product": "entry",
    "Process": "entry",
    "HazardCharacteristic": "entry",
    "Use": "entry",
    "ZZSCriterion": "zzs-criterion",
    "AssessmentTopic": "topic",
    "Decision": "decision",
    "Panel": "panel",
    "PanelBody": "panel",
    "PanelFunction": "panel",
    "Programme": "panel",
}
# When one name or code names several entities, the more specific thing comes first.
TYPE_PRIORITY = (
    "substance",
    "group",
    "entry",
    "decision",
    "annex",
    "instrument",
    "obligation",
    "zzs-criterion",
    "topic",
    "panel",
    "exemption",
    "listing",
)
TYPES = TYPE_PRIORITY
TYPE_WORDS = {
    "substance": ("substance", "stof"),
    "group": ("substance group", "stofgroep"),
    "instrument": ("treaty or legislation", "verdrag of wetgeving"),
    "annex": ("annex", "bijlage"),
    "listing": ("listing", "plaatsing"),
    "obligation": ("obligation", "verplichting"),
    "exemption": ("exemption", "uitzondering"),
    "entry": ("annex entry", "bijlagepost"),
    "zzs-criterion": ("ZZS criterion (route)", "ZZS-criterium (route)"),
    "topic": ("panel topic", "onderwerp van het panel"),
    "decision": ("decision", "besluit"),
    "panel": ("science-policy panel", "wetenschapsbeleidspanel"),
}
ENTRY_WORDS = {
    "WasteCategory": ("waste category", "afvalcategorie"),
    "Product": ("product", "product"),
    "Process": ("manufacturing process", "productieproces"),
    "HazardCharacteristic": ("hazard characteristic", "gevaarskenmerk"),
    "Use": ("use", "toepassing"),
}
ANNEX_NUMBER = re.compile(r"^([IVXL]+|[A-Z])\b")  # "VI", "A", "VI (CMR 1A/1B)": read as "Annex VI"
IDENTIFIER_KINDS = frozenset({"CAS", "EC", "InChIKey", "abbreviation", "code", "formula"})


@dataclass
class Name:
    kind: str  # synonym, abbreviation, short name, CAS, EC, InChIKey, code, formula, article, legal basis
    value: str
    lang: str = ""


@dataclass
class Document:
    """What search knows about one entity."""

    iri: str
    type: str
    label: dict[str, str]
    names: list[Name] = field(default_factory=list)
    description: dict[str, str] = field(default_factory=dict)
    context: dict[str, list[str]] = field(default_factory=lambda: {"en": [], "nl": []})
    instruments: list[str] = field(default_factory=list)
    annexes: list[str] = field(default_factory=list)
    zzs: str | None = None
    subtype: str = ""
    qualifier: dict[str, str] = field(default_factory=dict)  # e.g. the instrument of an annex or obligation
    parent: str | None = None  # the substance, group or entry a listing or exemption is about
    imported: bool = False  # known only from an official list: one compact passage instead of two

    def label_in(self, lang: str) -> str:
        return self.label.get(lang) or self.label.get("en") or self.label.get("nl") or self.iri

    def names_in(self, lang: str) -> list[str]:
        """Synonyms and short names in a language, plus language-neutral names (abbreviations, codes)."""
        return [n.value for n in self.names if n.lang in (lang, "")]

    def passages(self, lang: str = "en") -> list[str]:
        """The texts that are embedded: the entity itself, and its context in the graph."""
        label = self.label_in(lang)
        kind = TYPE_WORDS[self.type][LANGS.index(lang)]
        names = [n for n in self.names_in(lang) if n != label and not _is_number(n)]
        if self.imported:
            # A list entity is embedded by its names only: its lists, hazard classes and ZZS status are
            # matched by words and filters, and embedding time grows with every word piece (5,400 of them).
            return [". ".join([f"{label} ({kind})", *list(dict.fromkeys(names))[:3]])]
        where = self.qualifier.get(lang)
        head = f"{where}: {label} ({kind})" if where else f"{label} ({kind})"
        if names:
            head += ". " + ", ".join(dict.fromkeys(names[:12]))
        main = head + ". " + (self.description.get(lang) or "")
        out = [main.strip()]
        if self.context.get(lang):
            out.append(f"{label}: " + " ".join(self.context[lang]))
        return out

    def lexical_fields(self) -> dict[str, list[str]]:
        """Field → texts, in both languages, for BM25 and for explaining a match."""
        return {
            "label": [v for v in self.label.values() if v] + list(self.qualifier.values()),
            "name": [n.value for n in self.names],
            "description": [v for v in self.description.values() if v],
            "context": [s for lang in LANGS for s in self.context.get(lang, [])],
            "type": list(TYPE_WORDS[self.type]),
        }

    def to_json(self) -> dict[str, Any]:
        """The document as JSON data, sharing nothing mutable with it (``asdict``'s deep copy, at a third
        of its cost: the index build converts every document)."""
        data: dict[str, Any] = {}
        for key, value in vars(self).items():
            if key == "names":
                value = [vars(name).copy() for name in value]
            elif isinstance(value, dict):
                value = {k: v.copy() if isinstance(v, list) else v for k, v in value.items()}
            elif isinstance(value, list):
                value = value.copy()
            data[key] = value
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Document:
        data = dict(data)
        data["names"] = [Name(**n) for n in data.get("names", [])]
        return cls(**data)


def text_hash(text: str, model: str) -> str:
    return hashlib.sha256(f"{model}\n{text}".encode()).hexdigest()[:24]


def _is_number(value: str) -> bool:
    return any(c.isdigit() for c in value) and not any(c.isalpha() for c in value.replace("-", ""))


ABBREVIATION_AT_END = re.compile(r"\(([^()\s]{2,20})\)\s*$")


def _abbreviation_in(label: str) -> str | None:
    """ "Intergovernmental Science-Policy Panel on Chemicals, Waste and Pollution (ISP-CWP)" → "ISP-CWP": the
    short name a label gives in brackets at its end is what people type, so search knows it as a name.
    Only a token with two capitals counts ("(Elimination)" and "(1999)" do not)."""
    found = ABBREVIATION_AT_END.search(label)
    if found is None or sum(c.isupper() for c in found.group(1)) < 2:
        return None
    return found.group(1)


def _short(iri: str) -> str:
    """``…/treaty/stockholm/annex-a`` → ``stockholm/annex-a``: the id filters use."""
    path = path_of(iri) or iri
    return path.split("/", 1)[1] if "/" in path else path


def load_documents(store: GraphStore) -> list[Document]:
    """Every search document, in a stable order (by IRI)."""
    docs: dict[str, Document] = {}
    classes: dict[str, str] = {}
    from_lists = {row["entity"] for row in store.rows("search-imported")}
    for row in store.rows("search-entities"):
        cls = row["class"].rsplit("#", 1)[-1]
        iri = row["entity"]
        if cls == "Listing" and iri in from_lists:
            continue  # a list's entry is told on its substance's document; thousands of one-line documents add noise
        if iri not in docs:
            label = {k: v for k, v in (("en", row["label"] or row["title"]), ("nl", row["labelNl"])) if v}
            docs[iri] = Document(iri, TYPE_OF_CLASS[cls], label)
            docs[iri].description = {k: v for k, v in (("en", row["description"]), ("nl", row["descriptionNl"])) if v}
            if row["notation"]:
                docs[iri].names.append(Name("code", row["notation"]))
            classes[iri] = cls
            docs[iri].imported = iri in from_lists
            if cls in ENTRY_WORDS:
                docs[iri].subtype = ENTRY_WORDS[cls][0]
    for row in store.rows("search-names"):
        doc = docs.get(row["entity"])
        if doc is not None:
            name = Name(row["kind"], row["value"], row["lang"] or "")
            if name not in doc.names:
                doc.names.append(name)
    for doc in docs.values():
        for text in doc.label.values():
            short = _abbreviation_in(text)
            if short and all(n.value != short for n in doc.names):
                doc.names.append(Name("abbreviation", short))
    _Context(docs, store).add()
    return [docs[k] for k in sorted(docs)]


class _Context:
    """Writes each document's context sentences and filter values from the graph's relations."""

    def __init__(self, docs: dict[str, Document], store: GraphStore) -> None:
        self.docs = docs
        self.links: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in store.rows("search-links"):
            self.links[row["subject"]].append(row)
        self.listings = store.rows("search-listings")
        self.listing_rows = {r["listing"]: r for r in self.listings}
        self.decisions = {
            n.value: d for d in docs.values() if d.type == "decision" for n in d.names if n.kind == "code"
        }

    def name(self, iri: str, lang: str) -> str:
        doc = self.docs.get(iri)
        return doc.label_in(lang) if doc else iri

    def instrument_of(self, annex: str) -> str | None:
        return next((r["object"] for r in self.links.get(annex, []) if r["relation"] == "instrument"), None)

    def annex_code(self, annex: str, lang: str) -> str:
        """'Annex VI' rather than the annex's full title: the short form a list entity's passage uses."""
        doc = self.docs.get(annex)
        code = next((n.value for n in doc.names if n.kind == "code"), None) if doc else None
        if code is None:
            return self.name(annex, lang)
        if not ANNEX_NUMBER.match(code):
            return code  # "Candidate List"
        return f"{'bijlage' if lang == 'nl' else 'Annex'} {code}"

    def short_instrument(self, iri: str | None, lang: str) -> str:
        if iri is None:
            return ""
        doc = self.docs.get(iri)
        if doc is None:
            return ""
        short = [n.value for n in doc.names if n.kind == "short name" and n.lang == lang]
        return short[0] if short else doc.label_in(lang)

    def say(self, iri: str, en: str, nl: str) -> None:
        doc = self.docs.get(iri)
        if doc is not None:
            for lang, text in (("en", en), ("nl", nl)):
                if text not in doc.context[lang]:
                    doc.context[lang].append(text)

    def add(self) -> None:
        self.add_listings()
        self.add_links()
        self.add_group_filters()
        for doc in self.docs.values():
            if doc.type == "instrument":
                doc.instruments.append(_short(doc.iri))
            if doc.type == "annex":
                doc.annexes.append(_short(doc.iri))
            doc.instruments = sorted(set(doc.instruments))
            doc.annexes = sorted(set(doc.annexes))

    def add_listings(self) -> None:
        decisions: dict[str, list[str]] = defaultdict(list)
        categories: dict[str, list[str]] = defaultdict(list)
        for row in self.listings:
            if row["decision"] and row["decision"] not in decisions[row["listing"]]:
                decisions[row["listing"]].append(row["decision"])
            if row["category"] and row["category"] not in categories[row["listing"]]:
                categories[row["listing"]].append(row["category"])
        for row in {r["listing"]: r for r in self.listings}.values():
            listing, item, annex = row["listing"], row["item"], row["annex"]
            instrument = self.instrument_of(annex)
            ins_en, ins_nl = self.short_instrument(instrument, "en"), self.short_instrument(instrument, "nl")
            annex_en, annex_nl = self.name(annex, "en"), self.name(annex, "nl")
            codes = decisions[listing]
            by = f" by {' and '.join(codes)}" if codes else ""
            bij = f" bij {' en '.join(codes)}" if codes else ""
            year = f" in {row['year']}" if row["year"] else ""
            group = f", {row['group']}" if row["group"] else ""
            category = f" as {', '.join(categories[listing])}" if categories[listing] else ""
            status_en = row["statusLabel"] or row["status"]
            status_nl = row["statusLabelNl"] or row["status"]
            item_doc = self.docs.get(item)
            if item_doc is not None and item_doc.imported:
                # A list entity's one passage: the list and its hazard classes or reasons, in few words
                # (the model reads 128 word pieces, and embedding cost grows with every one).
                code_en, code_nl = self.annex_code(annex, "en"), self.annex_code(annex, "nl")
                where = (
                    f"{status_en.capitalize()}: {ins_en} {code_en}" if status_en != "listed" else f"{ins_en} {code_en}"
                )
                self.say(item, f"{where}{category}.", f"{ins_nl} {code_nl}{category}.")
            else:
                self.say(
                    item,
                    f"{status_en.capitalize()} in {ins_en} {annex_en}{group}{by}{year}{category}.",
                    f"{status_nl.capitalize()} in {ins_nl} {annex_nl}{group}{bij}{year}.",
                )
            item_en, item_nl = self.name(item, "en"), self.name(item, "nl")
            self.say(
                listing,
                f"{item_en} {status_en} in {ins_en} {annex_en}{group}{by}{year}{category}.",
                f"{item_nl} {status_nl} in {ins_nl} {annex_nl}{group}{bij}{year}.",
            )
            listing_doc = self.docs.get(listing)
            if listing_doc is not None:
                listing_doc.qualifier = {"en": ins_en, "nl": ins_nl}
                listing_doc.parent = item
            if item_doc is not None:
                names = [n.value for n in item_doc.names if n.kind in ("synonym", "abbreviation", "CAS")]
                if names:
                    self.say(
                        listing, "Also known as " + ", ".join(names[:10]) + ".", "Ook: " + ", ".join(names[:10]) + "."
                    )
            for iri in (item, listing):
                doc = self.docs.get(iri)
                if doc is not None:
                    if instrument:
                        doc.instruments.append(_short(instrument))
                    doc.annexes.append(_short(annex))
            for code in codes:
                decision_doc = self.decisions.get(code)
                if decision_doc is not None:
                    decision_doc.annexes.append(_short(annex))
                    if instrument:
                        decision_doc.instruments.append(_short(instrument))
                    self.say(
                        decision_doc.iri,
                        f"Listed {item_en} in {ins_en} {annex_en}.",
                        f"Plaatste {item_nl} in {ins_nl} {annex_nl}.",
                    )

    def add_links(self) -> None:
        for subject, rows in self.links.items():
            doc = self.docs.get(subject)
            if doc is None:
                continue
            for row in rows:
                self.add_link(doc, row)

    def add_link(self, doc: Document, row: dict[str, Any]) -> None:
        rel, obj = row["relation"], row["object"]
        en, nl = row["label"] or "", row["labelNl"] or row["label"] or ""
        code = row["code2"]
        if rel == "exemption":
            self.say(doc.iri, f"Exemption: {en}.", f"Uitzondering: {nl}.")
            listing_row = self.listing_rows.get(doc.iri)
            if listing_row:
                self.say(listing_row["item"], f"Exemption: {en}.", f"Uitzondering: {nl}.")
        elif rel == "listing":
            listing = self.listing_rows.get(obj)
            if listing is not None:
                item, annex = listing["item"], listing["annex"]
                doc.parent = item
                instrument = self.instrument_of(annex)
                self.say(
                    doc.iri,
                    f"Exemption for {self.name(item, 'en')} in {self.short_instrument(instrument, 'en')} "
                    f"{self.name(annex, 'en')}.",
                    f"Uitzondering voor {self.name(item, 'nl')} in {self.short_instrument(instrument, 'nl')} "
                    f"{self.name(annex, 'nl')}.",
                )
                doc.annexes.append(_short(annex))
                if instrument:
                    doc.instruments.append(_short(instrument))
        elif rel == "expires":
            self.say(doc.iri, f"Expires {code}.", f"Vervalt {code}.")
        elif rel == "zzs-status":
            doc.zzs = code
            if doc.imported:
                self.say(doc.iri, f"{en} (substance of very high concern).", f"{nl} (zeer zorgwekkende stof).")
            else:
                self.say(
                    doc.iri,
                    f"{en} in the Netherlands: a substance of very high concern.",
                    f"{nl} in Nederland (zeer zorgwekkende stof).",
                )
        elif rel == "zzs-criterion":
            if not doc.imported:  # a list entity's route is its list, already named in its passage
                self.say(doc.iri, f"ZZS by the criterion: {en}.", f"ZZS op grond van: {nl}.")
        elif rel == "member-of":
            self.say(doc.iri, f"Member of the group {en}.", f"Behoort tot de groep {nl}.")
        elif rel == "has-member":
            self.say(doc.iri, f"Includes {en}.", f"Omvat {nl}.")
        elif rel == "concerns":
            self.say(doc.iri, f"Concerns {en}.", f"Betreft {nl}.")
        elif rel == "entry":
            code_text = f" ({code})" if code else ""
            self.say(
                doc.iri, f"Named in the annex entry{code_text}: {en}.", f"Genoemd in de bijlagepost{code_text}: {nl}."
            )
        elif rel == "topic":
            self.say(doc.iri, f"Panel topic: {en}.", f"Onderwerp van het panel: {nl}.")
        elif rel == "governs":
            instrument = self.instrument_of(obj)
            self.say(
                doc.iri,
                f"Applies to {self.short_instrument(instrument, 'en')} {en}.",
                f"Geldt voor {self.short_instrument(instrument, 'nl')} {nl}.",
            )
            doc.annexes.append(_short(obj))
        elif rel in ("instrument", "part-of"):
            if rel == "instrument" or (obj in self.docs and self.docs[obj].type == "instrument"):
                doc.instruments.append(_short(obj))
                if doc.type in ("annex", "obligation"):
                    short = {lang: self.short_instrument(obj, lang) for lang in LANGS}
                    article = next((n.value for n in doc.names if n.kind == "article"), None)
                    if article:
                        short = {"en": f"{short['en']}, article {article}", "nl": f"{short['nl']}, artikel {article}"}
                    doc.qualifier = short
            self.say(doc.iri, f"Part of {en}.", f"Onderdeel van {nl}.")
        elif rel == "meeting":
            self.say(doc.iri, f"Adopted at {en}.", f"Aangenomen tijdens {nl}.")
        elif rel == "topic-status":
            self.say(doc.iri, f"Status: {en}.", f"Status: {nl}.")
        elif rel == "leads-to":
            self.say(doc.iri, f"Meeting it makes a substance {en}.", f"Wie eraan voldoet is {nl}.")

    def add_group_filters(self) -> None:
        """A substance inherits the instruments and annexes of the groups and entries that name it."""
        for doc in self.docs.values():
            for row in self.links.get(doc.iri, []):
                if row["relation"] in ("member-of", "entry"):
                    other = self.docs.get(row["object"])
                    if other is not None:
                        doc.instruments.extend(other.instruments)
                        doc.annexes.extend(other.annexes)
                        if doc.zzs is None and row["relation"] == "member-of" and other.zzs:
                            doc.zzs = other.zzs
