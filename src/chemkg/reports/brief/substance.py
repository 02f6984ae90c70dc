"""The brief on one substance or group, from its profile (the same facts as the substance page)."""

from __future__ import annotations

from chemkg.namespaces import BASE, CK
from chemkg.profile import Citation, Listing, Profile, has_expired
from chemkg.profile_reader import SHORT_NAME, Reader
from chemkg.reports.brief.model import Brief, Fact
from chemkg.reports.brief.text import phrase, t
from chemkg.store import GraphStore

GLOBAL_TREATIES = ("stockholm", "rotterdam", "basel", "minamata", "montreal")
EU_INSTRUMENTS = ("reach", "clp", "eu-pops")
OPEN_STATUSES = ("under-review", "recommended-not-listed")
CURRENT_STATUSES = ("listed", "amended")
MAX_MEMBERS = 12
Names = dict[str, tuple[str, str]]


def instrument_id(iri: str) -> str:
    return iri.removeprefix(BASE + "treaty/")


def join(items: list[str], lang: str, limit: int | None = None, sep: str = ", ") -> str:
    if limit is not None and len(items) > limit:
        return sep.join(items[:limit]) + sep + t(lang, "and_more", n=len(items) - limit)
    return sep.join(items)


def listing_text(item: Listing, lang: str, entity_iri: str, names: Names) -> str:
    """One listing in words: instrument, annex, status, decision, dates, and the group it comes through."""
    nl = lang == "nl"
    text = t(
        lang,
        "listed",
        instrument=item.instrument_nl if nl else item.instrument,
        annex=item.annex_nl if nl else item.annex,
        status=item.status_label_nl if nl else item.status_label,
    )
    details = []
    if item.decisions:
        details.append(t(lang, "decision", values=", ".join(item.decisions)))
    if item.adopted or item.year:
        details.append(t(lang, "adopted", date=item.adopted or item.year))
    if item.in_force:
        details.append(t(lang, "in_force", date=item.in_force))
    if item.via != entity_iri:
        via = names.get(item.via, (item.via_label, item.via_label_nl or item.via_label))[1 if nl else 0]
        if item.via_kind == "entry" and item.inherited_from:
            of = (item.inherited_label_nl if nl else None) or item.inherited_label or item.inherited_from
            details.append(t(lang, "via_entry_of", group=via, of=of))
        else:
            key = {"member": "via_member", "entry": "via_entry"}.get(item.via_kind, "via")
            details.append(t(lang, key, group=via))
    if details:
        text += " (" + "; ".join(details) + ")"
    summary = item.summary_nl if nl else item.summary
    return f"{text}. {summary}" if summary else f"{text}."


def substance_brief(store: GraphStore, profile: Profile, lang: str, names: Names) -> Brief:
    """``names`` maps entity IRIs to (en, nl) labels, for the groups a listing comes through."""
    nl = lang == "nl"
    kind = "group" if profile.is_group else "substance"
    brief = Brief(kind, lang, profile.label(lang), f"{t(lang, 'brief')}: {t(lang, kind)}", profile.iri)

    identity = brief.section("identity", t(lang, "identity"))
    id_refs = brief.cite(profile.citations)
    identity.facts.append(
        Fact(t(lang, "names", en=profile.labels.get("en", ""), nl=profile.labels.get("nl", "")), id_refs)
    )
    identity.facts.append(Fact(t(lang, "kind_group" if profile.is_group else "kind_substance"), id_refs))
    if profile.descriptions.get(lang):
        identity.facts.append(Fact(profile.descriptions[lang], id_refs))
    for key, label in (("cas", "CAS"), ("ec", "EG" if nl else "EC"), ("inchikey", "InChIKey"), ("formula", None)):
        if profile.identifiers.get(key):
            name = label or ("Formule" if nl else "Formula")
            identity.facts.append(
                Fact(t(lang, "identifiers", kind=name, values=", ".join(profile.identifiers[key])), id_refs)
            )
    if profile.abbreviations:
        identity.facts.append(Fact(t(lang, "abbreviations", values=", ".join(profile.abbreviations)), id_refs))
    if profile.synonyms.get(lang):
        identity.facts.append(Fact(t(lang, "synonyms", values="; ".join(profile.synonyms[lang])), id_refs))
    if profile.member_of:
        groups = [(m.get("labelNl") if nl else None) or m["label"] for m in profile.member_of]
        identity.facts.append(Fact(t(lang, "member_of", values="; ".join(groups)), id_refs))
    if profile.members:
        members = [(m.get("labelNl") if nl else None) or m["label"] for m in profile.members]
        identity.facts.append(
            Fact(t(lang, "members", n=len(members), values=join(members, lang, MAX_MEMBERS, "; ")), id_refs)
        )

    by_instrument: dict[str, list[Listing]] = {}
    for item in profile.listings:
        by_instrument.setdefault(instrument_id(item.instrument_iri), []).append(item)

    status = brief.section("status", t(lang, "status"))
    for treaty in GLOBAL_TREATIES:
        current = [x for x in by_instrument.get(treaty, []) if x.status in CURRENT_STATUSES]
        direct = [x for x in current if "/entry/" not in x.via]
        status.facts.extend(_listing_facts(brief, direct, lang, profile.iri, names))
        status.facts.extend(_entry_facts(brief, [x for x in current if "/entry/" in x.via], lang))
        if not current:
            status.facts.append(Fact(t(lang, "not_listed", instrument=_instrument_name(store, treaty, lang))))

    exemptions = brief.section("exemptions", t(lang, "exemptions"), t(lang, "no_exemptions"))
    for item in profile.listings:
        if item.status not in CURRENT_STATUSES:
            continue
        for row in item.exemptions:
            label = (row.get("labelNl") if nl else None) or row["label"]
            expires = row.get("expires")
            expiry = (
                t(lang, "expired" if has_expired(expires) else "expires", date=expires)
                if expires
                else t(lang, "no_expiry")
            )
            text = t(
                lang,
                "exemption",
                listing=f"{item.instrument_nl if nl else item.instrument}, {item.annex_nl if nl else item.annex}",
                kind=phrase(lang, row["kind"]),
                label=label,
            )
            exemptions.facts.append(Fact(f"{text} ({expiry}).", brief.cite(row["citations"])))

    eu_nl = brief.section("eu_nl", t(lang, "eu_nl"))
    eu_listings = [
        x
        for x in profile.listings
        if instrument_id(x.instrument_iri) in EU_INSTRUMENTS and x.status in CURRENT_STATUSES
    ]
    eu_nl.facts.extend(_listing_facts(brief, eu_listings, lang, profile.iri, names))
    if not eu_listings:
        eu_nl.facts.append(Fact(t(lang, "eu_none")))
    other = [
        x
        for x in profile.listings
        if instrument_id(x.instrument_iri) not in (*GLOBAL_TREATIES, *EU_INSTRUMENTS) and x.status in CURRENT_STATUSES
    ]
    eu_nl.facts.extend(_listing_facts(brief, other, lang, profile.iri, names))
    zzs_facts: dict[str, Fact] = {}
    for z in profile.zzs:  # each route once (profile._each_route_once)
        text = t(
            lang,
            "zzs",
            status=phrase(lang, f"{z['status']}-value"),
            criterion=z["criterionLabelNl"] if nl else z["criterionLabel"],
            derivation=phrase(lang, z["derivation"]),
        )
        if z.get("via") not in (None, profile.iri):
            text += f" ({t(lang, 'via', group=(z.get('viaLabelNl') if nl else None) or z.get('viaLabel') or z['via'])})"
        cite = Citation.from_row(z)
        fact = zzs_facts.setdefault(text, Fact(text + "."))
        fact.refs = sorted(set(fact.refs) | set(brief.cite([cite])))
    eu_nl.facts.extend(zzs_facts.values())
    if not profile.zzs:
        eu_nl.facts.append(Fact(t(lang, "zzs_none")))

    open_processes = brief.section("open", t(lang, "open"), t(lang, "open_none"))
    for item in profile.listings:
        if item.status in OPEN_STATUSES:
            key = "review" if item.status == "under-review" else "recommended"
            annex = f"{item.instrument_nl if nl else item.instrument}, {item.annex_nl if nl else item.annex}"
            summary = item.summary_nl if nl else item.summary
            text = t(lang, key, annex=annex) + "." + (f" {summary}" if summary else "")
            open_processes.facts.append(Fact(text, brief.cite(item.citations)))

    topics = brief.section("topics", t(lang, "topics"), t(lang, "topics_none"))
    for topic in profile.topics:
        label = (topic.get("labelNl") if nl else None) or topic["label"]
        status_word = {"candidate": ("candidate", "kandidaat"), "agreed": ("agreed", "vastgesteld")}
        word = status_word.get(topic["status"], (topic["status"], topic["status"]))[1 if nl else 0]
        sources = [Citation(topic["sourceTitle"])] if topic.get("sourceTitle") else []
        topics.facts.append(Fact(t(lang, "topic_entry", label=label, status=word) + ".", brief.cite(sources)))

    timeline = brief.section("timeline", t(lang, "timeline"), t(lang, "timeline_none"))
    dated = [x for x in profile.listings if x.adopted or x.year]
    for item in sorted(dated, key=lambda x: str(x.adopted or x.year)):
        text = t(
            lang,
            "timeline_entry",
            when=item.adopted or item.year,
            instrument=item.instrument_nl if nl else item.instrument,
            annex=item.annex_nl if nl else item.annex,
            status=item.status_label_nl if nl else item.status_label,
        )
        if item.decisions:
            text += f" ({', '.join(item.decisions)})"
        refs = brief.cite(item.citations)
        same = next((f for f in timeline.facts if f.text == text), None)
        if same is None:
            timeline.facts.append(Fact(text, refs))
        else:  # the same listing reached directly and through a group reads as one event
            same.refs = sorted(set(same.refs) | set(refs))
    return brief


def _listing_facts(brief: Brief, listings: list[Listing], lang: str, entity: str, names: Names) -> list[Fact]:
    """One fact per listing of the entity or its groups; its members' listings as one fact per annex naming
    the members, so a group never reads as listed as a whole because some members are."""
    facts = [
        Fact(listing_text(x, lang, entity, names), brief.cite(x.citations)) for x in listings if x.via_kind != "member"
    ]
    nl = lang == "nl"
    by_annex: dict[str, list[Listing]] = {}
    for item in listings:
        if item.via_kind == "member":
            by_annex.setdefault(item.annex_iri, []).append(item)
    for items in by_annex.values():
        head = _annex_head(items[0], lang)
        members = sorted({(x.via_label_nl if nl else None) or x.via_label for x in items}, key=str.casefold)
        text = t(lang, "members_listed", head=head, n=len(members), values=join(members, lang, MAX_MEMBERS, "; "))
        facts.append(Fact(text, brief.cite([c for x in items for c in x.citations])))
    return facts


def _annex_head(first: Listing, lang: str) -> str:
    """'Listed in <instrument> <annex> (<status>)': the head of a fact that groups one annex's listings."""
    nl = lang == "nl"
    return t(
        lang,
        "listed",
        instrument=first.instrument_nl if nl else first.instrument,
        annex=first.annex_nl if nl else first.annex,
        status=first.status_label_nl if nl else first.status_label,
    )


def _entry_facts(brief: Brief, listings: list[Listing], lang: str) -> list[Fact]:
    """Listings through annex entries (Minamata products, Basel wastes), one fact per annex naming the entries."""
    nl = lang == "nl"
    by_annex: dict[str, list[Listing]] = {}
    for item in listings:
        by_annex.setdefault(item.annex_iri, []).append(item)
    facts = []
    for items in by_annex.values():
        head = _annex_head(items[0], lang)
        entries = sorted({_entry_name(x, nl) for x in items}, key=str.casefold)
        how = t(lang, "entries" if len(entries) > 1 else "entries_one", n=len(entries))
        text = f"{head} ({how}: {'; '.join(entries)})."
        facts.append(Fact(text, brief.cite([c for x in items for c in x.citations])))
    return facts


def _entry_name(item: Listing, nl: bool) -> str:
    """An entry's label, with the group or member it names when that is not the entity itself."""
    label = (item.via_label_nl if nl else None) or item.via_label
    if item.inherited_from:
        label += f" ({(item.inherited_label_nl if nl else None) or item.inherited_label or item.inherited_from})"
    return label


def _instrument_name(store: GraphStore, treaty: str, lang: str) -> str:
    """The treaty's short name in ``lang`` (else English), read from its statements: a brief asks it of every
    treaty the substance is not on, where the whole brief-instrument query took a few ms each time."""
    iri = f"{BASE}treaty/{treaty}"
    if not store.is_a(iri, str(CK.Instrument)):
        return treaty
    reader = Reader(store)
    english = reader.text(iri, SHORT_NAME, "en")
    if english is None:
        return treaty
    return (reader.text(iri, SHORT_NAME, "nl") if lang == "nl" else None) or english
