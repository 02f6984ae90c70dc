"""Regression facts: listings written into the tests from the public reference tables.

Each row was read in a cited source (the Stockholm and Rotterdam annex tables, the Montreal Protocol annexes,
and for 2025-2026 the COP, review-committee and panel records). A wrong edit of graph/ (a CAS digit, a decision
number, a year, an ODP/GWP, a meeting date, an exemption's expiry or a source's standing) fails here, naming
the fact.
"""

import pyoxigraph as ox
import pytest

from chemkg.store import OxigraphStore

# (name, CAS, annex, decision or "" for original listings, year adopted)
LISTINGS = [
    ("Aldrin", "309-00-2", "stockholm/annex-a", "", 2001),
    ("Chlordane", "57-74-9", "stockholm/annex-a", "", 2001),
    ("Dieldrin", "60-57-1", "stockholm/annex-a", "", 2001),
    ("Endrin", "72-20-8", "stockholm/annex-a", "", 2001),
    ("Heptachlor", "76-44-8", "stockholm/annex-a", "", 2001),
    ("Hexachlorobenzene", "118-74-1", "stockholm/annex-a", "", 2001),
    ("Mirex", "2385-85-5", "stockholm/annex-a", "", 2001),
    ("Toxaphene", "8001-35-2", "stockholm/annex-a", "", 2001),
    ("DDT (1,1,1-trichloro-2,2-bis(4-chlorophe", "50-29-3", "stockholm/annex-b", "", 2001),
    ("Hexachlorobenzene (HCB)", "118-74-1", "stockholm/annex-c", "", 2001),
    ("Alpha hexachlorocyclohexane", "319-84-6", "stockholm/annex-a", "SC-4/10", 2009),
    ("Beta hexachlorocyclohexane", "319-85-7", "stockholm/annex-a", "SC-4/11", 2009),
    ("Chlordecone", "143-50-0", "stockholm/annex-a", "SC-4/12", 2009),
    ("Hexabromobiphenyl", "36355-01-8", "stockholm/annex-a", "SC-4/13", 2009),
    ("Hexabromodiphenyl ether and heptabromodi", "68631-49-2", "stockholm/annex-a", "SC-4/14", 2009),
    ("Lindane", "58-89-9", "stockholm/annex-a", "SC-4/15", 2009),
    ("Pentachlorobenzene", "608-93-5", "stockholm/annex-a", "SC-4/16", 2009),
    ("Pentachlorobenzene (PeCB)", "608-93-5", "stockholm/annex-c", "SC-4/16", 2009),
    ("Perfluorooctane sulfonic acid, its salts", "1763-23-1", "stockholm/annex-b", "SC-4/17", 2009),
    ("Tetrabromodiphenyl ether and pentabromod", "40088-47-9", "stockholm/annex-a", "SC-4/18", 2009),
    ("Technical endosulfan and its related iso", "115-29-7", "stockholm/annex-a", "SC-5/3", 2011),
    ("Hexabromocyclododecane", "25637-99-4", "stockholm/annex-a", "SC-6/13", 2013),
    ("Hexachlorobutadiene", "87-68-3", "stockholm/annex-a", "SC-7/12", 2015),
    ("Pentachlorophenol and its salts and este", "87-86-5", "stockholm/annex-a", "SC-7/13", 2015),
    ("Decabromodiphenyl ether (commercial mixt", "1163-19-5", "stockholm/annex-a", "SC-8/10", 2017),
    ("Short-chain chlorinated paraffins (Alkan", "85535-84-8", "stockholm/annex-a", "SC-8/11", 2017),
    ("Hexachlorobutadiene", "87-68-3", "stockholm/annex-c", "SC-8/12", 2017),
    ("Dicofol", "115-32-2", "stockholm/annex-a", "SC-9/11", 2019),
    ("Perfluorooctanoic acid (PFOA), its salts", "335-67-1", "stockholm/annex-a", "SC-9/12", 2019),
    ("Perfluorohexane sulfonic acid (PFHxS), i", "355-46-4", "stockholm/annex-a", "SC-10/13", 2022),
    ("Dechlorane Plus (incl. its syn- and anti", "13560-89-9", "stockholm/annex-a", "SC-11/10", 2023),
    ("Methoxychlor", "72-43-5", "stockholm/annex-a", "", 2023),  # decision number (SC-11/12?) unconfirmed
    ("UV-328 (2-(2H-benzotriazol-2-yl)-4,6-di-", "25973-55-1", "stockholm/annex-a", "SC-11/11", 2023),
    ("Chlorpyrifos", "2921-88-2", "stockholm/annex-a", "SC-12/9", 2025),
    ("Chlorinated paraffins with carbon chain ", "85535-85-9", "stockholm/annex-a", "SC-12/10", 2025),
    ("2,4,5-T and its salts and esters", "93-76-5", "rotterdam/annex-iii", "", 1998),
    ("Aldrin", "309-00-2", "rotterdam/annex-iii", "", 1998),
    ("Captafol", "2425-06-1", "rotterdam/annex-iii", "", 1998),
    ("Chlordane", "57-74-9", "rotterdam/annex-iii", "", 1998),
    ("Chlordimeform", "6164-98-3", "rotterdam/annex-iii", "", 1998),
    ("Chlorobenzilate", "510-15-6", "rotterdam/annex-iii", "", 1998),
    ("DDT", "50-29-3", "rotterdam/annex-iii", "", 1998),
    ("Dieldrin", "60-57-1", "rotterdam/annex-iii", "", 1998),
    ("Dinoseb and its salts and esters", "88-85-7", "rotterdam/annex-iii", "", 1998),
    ("1,2-dibromoethane (EDB)", "106-93-4", "rotterdam/annex-iii", "", 1998),
    ("Fluoroacetamide", "640-19-7", "rotterdam/annex-iii", "", 1998),
    ("HCH (mixed isomers)", "608-73-1", "rotterdam/annex-iii", "", 1998),
    ("Heptachlor", "76-44-8", "rotterdam/annex-iii", "", 1998),
    ("Hexachlorobenzene", "118-74-1", "rotterdam/annex-iii", "", 1998),
    ("Lindane", "58-89-9", "rotterdam/annex-iii", "", 1998),
    ("Pentachlorophenol and its salts and este", "87-86-5", "rotterdam/annex-iii", "", 1998),
    ("Methyl-parathion (emulsifiable concentra", "298-00-0", "rotterdam/annex-iii", "", 1998),
    ("Phosphamidon (soluble liquid formulation", "13171-21-6", "rotterdam/annex-iii", "", 1998),
    ("Polybrominated biphenyls (PBB)", "36355-01-8", "rotterdam/annex-iii", "", 1998),
    ("Polychlorinated biphenyls (PCB)", "1336-36-3", "rotterdam/annex-iii", "", 1998),
    ("Polychlorinated terphenyls (PCT)", "61788-33-8", "rotterdam/annex-iii", "", 1998),
    ("Tris (2,3-dibromopropyl) phosphate", "126-72-7", "rotterdam/annex-iii", "", 1998),
    ("Binapacryl", "485-31-4", "rotterdam/annex-iii", "RC-1/3", 2004),
    ("Dinitro-ortho-cresol (DNOC) and its salt", "534-52-1", "rotterdam/annex-iii", "RC-1/3", 2004),
    ("Ethylene dichloride", "107-06-2", "rotterdam/annex-iii", "RC-1/3", 2004),
    ("Ethylene oxide", "75-21-8", "rotterdam/annex-iii", "RC-1/3", 2004),
    ("Monocrotophos", "6923-22-4", "rotterdam/annex-iii", "RC-1/3", 2004),
    ("Parathion", "56-38-2", "rotterdam/annex-iii", "RC-1/3", 2004),
    ("Asbestos: actinolite", "77536-66-4", "rotterdam/annex-iii", "RC-1/3", 2004),
    ("Asbestos: anthophyllite", "77536-67-5", "rotterdam/annex-iii", "RC-1/3", 2004),
    ("Asbestos: amosite", "12172-73-5", "rotterdam/annex-iii", "RC-1/3", 2004),
    ("Asbestos: tremolite", "77536-68-6", "rotterdam/annex-iii", "RC-1/3", 2004),
    ("Asbestos: crocidolite", "12001-28-4", "rotterdam/annex-iii", "RC-1/3", 2004),
    ("All tributyltin compounds (incl. tributy", "56-35-9", "rotterdam/annex-iii", "RC-4/5", 2008),
    ("Carbosulfan", "55285-14-8", "rotterdam/annex-iii", "RC-12/3", 2025),
    ("Fenthion (ultra-low-volume formulations)", "55-38-9", "rotterdam/annex-iii", "RC-12/4", 2025),
    ("Alachlor", "15972-60-8", "rotterdam/annex-iii", "RC-5/3", 2011),
    ("Aldicarb", "116-06-3", "rotterdam/annex-iii", "", 2011),
    ("Endosulfan", "115-29-7", "rotterdam/annex-iii", "", 2011),
    ("Azinphos-methyl", "86-50-0", "rotterdam/annex-iii", "", 2013),
    ("Commercial pentabromodiphenyl ether (inc", "40088-47-9", "rotterdam/annex-iii", "", 2013),
    ("Commercial octabromodiphenyl ether (incl", "36483-60-0", "rotterdam/annex-iii", "", 2013),
    ("Perfluorooctane sulfonic acid, perfluoro", "1763-23-1", "rotterdam/annex-iii", "", 2013),
    ("Methamidophos", "10265-92-6", "rotterdam/annex-iii", "RC-7/4", 2015),
    ("Carbofuran", "1563-66-2", "rotterdam/annex-iii", "RC-8/2", 2017),
    ("Trichlorfon", "52-68-6", "rotterdam/annex-iii", "", 2017),
    ("Short-chain chlorinated paraffins", "85535-84-8", "rotterdam/annex-iii", "", 2017),
    ("Phorate", "298-02-2", "rotterdam/annex-iii", "RC-9/4", 2019),
    ("Hexabromocyclododecane", "25637-99-4", "rotterdam/annex-iii", "RC-9/3", 2019),
    ("Decabromodiphenyl ether", "1163-19-5", "rotterdam/annex-iii", "RC-10/6", 2022),
    ("Perfluorooctanoic acid (PFOA), its salts", "335-67-1", "rotterdam/annex-iii", "RC-10/7", 2022),
    ("Terbufos", "13071-79-9", "rotterdam/annex-iii", "", 2023),
    ("Carbosulfan", "55285-14-8", "rotterdam/annex-iii", "RC-12/3", 2025),
    ("Fenthion (ultra-low-volume (ULV) formula", "55-38-9", "rotterdam/annex-iii", "RC-12/4", 2025),
]

# (code, CAS, annex, "ODP" or "GWP", value as in the annex; for ODP ranges the upper bound, as the Protocol uses)
MONTREAL = [
    ("CFC-11", "75-69-4", "montreal/annex-a", "ODP", 1.0),
    ("CFC-12", "75-71-8", "montreal/annex-a", "ODP", 1.0),
    ("CFC-113", "76-13-1", "montreal/annex-a", "ODP", 0.8),
    ("CFC-113a", "354-58-5", "montreal/annex-a", "ODP", 0.8),
    ("CFC-114", "76-14-2", "montreal/annex-a", "ODP", 1.0),
    ("CFC-115", "76-15-3", "montreal/annex-a", "ODP", 0.6),
    ("halon-1211", "353-59-3", "montreal/annex-a", "ODP", 3.0),
    ("halon-1301", "75-63-8", "montreal/annex-a", "ODP", 10.0),
    ("halon-2402", "124-73-2", "montreal/annex-a", "ODP", 6.0),
    ("CFC-13", "75-72-9", "montreal/annex-b", "ODP", 1.0),
    ("CFC-111", "354-56-3", "montreal/annex-b", "ODP", 1.0),
    ("CFC-112", "76-12-0", "montreal/annex-b", "ODP", 1.0),
    ("Carbon Tetrachloride", "56-23-5", "montreal/annex-b", "ODP", 1.1),
    ("1,1,1-trichloroethane (methyl chloroform)", "71-55-6", "montreal/annex-b", "ODP", 0.1),
    ("HCFC-21", "75-43-4", "montreal/annex-c", "ODP", 0.04),
    ("HCFC-22", "75-45-6", "montreal/annex-c", "ODP", 0.055),
    ("HCFC-31", "593-70-4", "montreal/annex-c", "ODP", 0.02),
    ("HCFC-123 (CHCl2CF3, most commercially viable isomer)", "306-83-2", "montreal/annex-c", "ODP", 0.02),
    ("HCFC-124 (CHFClCF3, most commercially viable isomer)", "2837-89-0", "montreal/annex-c", "ODP", 0.022),
    ("HCFC-141B", "1717-00-6", "montreal/annex-c", "ODP", 0.11),
    ("HCFC-142B", "75-68-3", "montreal/annex-c", "ODP", 0.065),
    ("Bromochloromethane", "74-97-5", "montreal/annex-c", "ODP", 0.12),
    ("Methyl Bromide", "74-83-9", "montreal/annex-e", "ODP", 0.6),
    ("HFC-32", "75-10-5", "montreal/annex-f", "GWP", 675.0),
    ("HFC-41", "593-53-3", "montreal/annex-f", "GWP", 92.0),
    ("HFC-125", "354-33-6", "montreal/annex-f", "GWP", 3500.0),
    ("HFC-134", "359-35-3", "montreal/annex-f", "GWP", 1100.0),
    ("HFC-134a", "811-97-2", "montreal/annex-f", "GWP", 1430.0),
    ("HFC-143", "430-66-0", "montreal/annex-f", "GWP", 353.0),
    ("HFC-143a", "420-46-2", "montreal/annex-f", "GWP", 4470.0),
    ("HFC-152", "624-72-6", "montreal/annex-f", "GWP", 53.0),
    ("HFC-152a", "75-37-6", "montreal/annex-f", "GWP", 124.0),
    ("HFC-227ea", "431-89-0", "montreal/annex-f", "GWP", 3220.0),
    ("HFC-236cb", "677-56-5", "montreal/annex-f", "GWP", 1340.0),
    ("HFC-236ea", "431-63-0", "montreal/annex-f", "GWP", 1370.0),
    ("HFC-236fa", "690-39-1", "montreal/annex-f", "GWP", 9810.0),
    ("HFC-245ca", "679-86-7", "montreal/annex-f", "GWP", 693.0),
    ("HFC-245fa", "460-73-1", "montreal/annex-f", "GWP", 1030.0),
    ("HFC-365mfc", "406-58-6", "montreal/annex-f", "GWP", 794.0),
    ("HFC-43-10mee", "138495-42-8", "montreal/annex-f", "GWP", 1640.0),
    ("HFC-23", "75-46-7", "montreal/annex-f", "GWP", 14800.0),
]

# (substance id, ZZS criterion id that must be among its routes)
ZZS_ROUTES = [
    ("pfos", "eu-pop"),
    ("pfos", "pfas-group"),
    ("pfhxs", "eu-pop"),
    ("ddt", "eu-pop"),
    ("lindane", "eu-pop"),
    ("pcb", "eu-pop"),
    ("hcb", "eu-pop"),
    ("mercury", "cmr-clp"),
    ("benzene", "cmr-clp"),
    ("bisphenol-a", "reach-svhc"),
    ("dehp", "reach-svhc"),
    ("cadmium", "cmr-clp"),
    ("pfas", "pfas-group"),
]

# Facts brought up to date from 2025-2026 official sources (issue 11). Each was read in the cited source;
# a computed expiry follows Stockholm art. 4(4) and is marked as computed in the graph.

# (exemption id under exemption/stockholm/, expiry as stored, "stated" or "computed")
EXPIRIES = [
    ("annex-a/aldrin/insecticide", "2009-05-17", "computed"),
    ("annex-a/chlordane/termiticide", "2009-05-17", "computed"),
    ("annex-a/mirex/termiticide", "2009-05-17", "computed"),
    ("annex-b/ddt/intermediate", "2009-05-17", "computed"),
    ("annex-a/lindane/lice-scabies", "2015-08-26", "computed"),
    ("annex-a/endosulfan/crop-pest-complexes", "2017-10-27", "computed"),
    ("annex-a/hbcdd/eps-xps-buildings", "2019-11-26", "computed"),
    ("annex-a/pentachlorophenol/utility-poles", "2021-12-15", "computed"),
    ("annex-a/sccp/production", "2023-12-18", "computed"),
    ("annex-a/pfoa/semiconductors", "2025-12-03", "computed"),
    ("annex-a/uv-328/blood-collection-tubes", "2030-02-26", "computed"),
    ("annex-a/uv-328/aircraft-2030", "2030-12-31", "stated"),
    ("annex-a/pcb/articles-in-use", "2025", "stated"),
    ("annex-a/c-pentabde/recycling-articles", "2030", "stated"),
    ("annex-a/dechlorane-plus/spare-parts", "2044", "stated"),
    ("annex-a/pfoa/pfoi-pfob", "2036", "stated"),
]

# (meeting id, place or "" when not recorded, start, end)
MEETINGS = [
    ("sc-cop-12", "Geneva (CICG)", "2025-04-28", "2025-05-09"),
    ("bc-cop-17", "Geneva (CICG)", "2025-04-28", "2025-05-09"),
    ("sc-cop-13", "Panama City", "2027-04-19", "2027-04-30"),
    ("rc-cop-13", "Panama City", "2027-04-19", "2027-04-30"),
    ("bc-cop-18", "Panama City", "2027-04-19", "2027-04-30"),
    ("poprc-20", "Rome", "2024-09-23", "2024-09-27"),
    ("poprc-21", "Rome", "2025-09-29", "2025-10-03"),
    ("crc-20", "Rome", "2024-09-17", "2024-09-20"),
    ("crc-21", "", "2025-09-23", "2025-09-26"),
    ("mc-cop-6", "Geneva", "2025-11-03", "2025-11-07"),
    ("mp-mop-37", "Nairobi", "2025-11-03", "2025-11-07"),
    ("isp-cwp-1", "Geneva, Switzerland", "2026-02-02", "2026-02-06"),
    ("unea-7", "Nairobi, Kenya", "2025-12-08", "2025-12-12"),
]

# (event id, date)
EVENTS = [
    ("sc-cop-12-listings", "2025-05-02"),
    ("sc-cop-12-mccp-listed", "2025-05-09"),
    ("rc-cop-12-listings", "2025-05-09"),
    ("basel-cop-17-outcomes", "2025-05-08"),
    ("brs-cop-13-presidents-elected", "2025-05-08"),
    ("isp-cwp-established", "2025-06-20"),
    ("crc-21-opens", "2025-09-23"),
    ("poprc-21-opens", "2025-09-29"),
    ("minamata-cop-6-opens", "2025-11-03"),
    ("mp-mop-37-opens", "2025-11-03"),
    ("unea-7-opens", "2025-12-08"),
    ("isp-cwp-partial-bureau", "2026-02-04"),
    ("isp-cwp-1-closes", "2026-02-06"),
    ("brs-cops-2027-planned", "2027-04-19"),
]

# (decision code, meeting id it was adopted at)
DECISIONS = [
    ("SC-12/9", "sc-cop-12"),
    ("SC-12/10", "sc-cop-12"),
    ("SC-12/12", "sc-cop-12"),
    ("RC-12/3", "rc-cop-12"),
    ("RC-12/4", "rc-cop-12"),
]

# (listing id, date the listing entered into force for Parties that did not opt out)
IN_FORCE = [
    ("stockholm/annex-a/pfhxs", "2023-11-16"),
    ("stockholm/annex-a/uv-328", "2025-02-26"),
    ("stockholm/annex-a/dechlorane-plus", "2025-02-26"),
]

# (source id, "official" or "secondary")
STANDINGS = [
    ("trb-2026-52", "official"),
    ("sc-text", "official"),
    ("rc-text", "official"),
    ("enb-brs-2025-05-02", "official"),
    ("pops-amendments-status", "official"),
    ("ozone-decision-xxxvii-23", "official"),
    ("mc-eeas-cop6", "official"),
    ("crc-2-19", "official"),
    ("mc-iisd-cop6", "secondary"),
    ("aretenews-minamata-cop6", "secondary"),
    ("iddri-isp-cwp", "secondary"),
    ("gpcgateway-cop11", "secondary"),
    ("brs-newsletter-2025", "official"),
    ("ciel-brs-2025", "secondary"),
    ("untc-xxvii-15", "official"),
    ("enb-isp-p1-4feb2026", "official"),
    ("pops-poprc21-followup", "official"),
    ("enb-bluesky-5feb2026", "secondary"),
]

# Facts that no official text confirmed (checked 2026-12-02) stay marked unconfirmed, so a reader is warned:
# (node path, "confirmed" or "unconfirmed")
CONFIDENCE = [
    ("exemption/stockholm/annex-a/uv-328/aircraft-2030", "unconfirmed"),  # SC-12/14 and 2030 only on a tracker
    ("decision/sc-12-14", "unconfirmed"),
    ("meeting/poprc-22", "unconfirmed"),  # dates only on a tracker quoting pops.int
    ("exemption/stockholm/annex-a/mccp/exemptions-unverified", "unconfirmed"),
    ("exemption/stockholm/annex-a/chlorpyrifos/exemptions-unverified", "confirmed"),  # exists per ENB 2 May 2025
    ("exemption/stockholm/annex-a/lc-pfca/exemptions-unverified", "confirmed"),
    ("decision/sc-12-9", "confirmed"),
    ("meeting/isp-cwp-1", "confirmed"),
]

# A count that changes carries the date it was true on, or none when the source was undated:
# (instrument id, number of Parties, "as of" date or "" when the count is undated)
PARTY_COUNTS = [
    ("kigali", 88, "2019-11-08"),
    ("rotterdam", 166, "2024-05-04"),
    ("minamata", 153, "2025-11"),
    ("stockholm", 186, ""),
    ("basel", 191, ""),
]

# (event id, words its description must contain): the state of an open process, stated with its date
EVENT_TEXTS = [
    ("isp-cwp-1-closes", "As of the last reports found (ENB, 4 and 5 February 2026"),
    ("isp-cwp-1-closes", "Osvaldo Álvarez Pérez (Chile)"),
    ("isp-cwp-1-closes", "UNEP/ISP-CWP.1/3"),
    ("isp-cwp-1-closes", "secretariat's seat (Geneva or Nairobi)"),
    ("isp-cwp-1-closes", "dates of the second session"),
]

LISTING_QUERY = """
SELECT ?cas ?annex ?year (GROUP_CONCAT(?decision; separator="|") AS ?decisions) WHERE {
  ?item ck:casNumber ?cas .
  { ?listing ck:listedItem ?item } UNION { ?item ck:memberOf+ ?group . ?listing ck:listedItem ?group }
  ?listing ck:inAnnex ?annex ; ck:year ?year .
  OPTIONAL { ?listing ck:adoptedBy/skos:notation ?decision }
} GROUP BY ?cas ?annex ?listing ?year
"""

POTENTIAL_QUERY = """
SELECT ?cas ?annex ?odp ?gwp WHERE {
  ?item ck:casNumber ?cas .
  { ?listing ck:listedItem ?item } UNION { ?item ck:memberOf+ ?group . ?listing ck:listedItem ?group }
  ?listing ck:inAnnex ?annex .
  OPTIONAL { ?listing ck:ozoneDepletingPotential ?odp }
  OPTIONAL { ?listing ck:globalWarmingPotential ?gwp }
}
"""

ZZS_QUERY = """
SELECT ?entity ?criterion WHERE {
  ?zzs ck:assessedSubstance ?entity ; ck:zzsStatus ck:zzs ; ck:zzsCriterion ?criterion .
}
"""

PREFIXES = {
    "ck": "https://w3id.org/chemkg/ontology#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
}


def _rows(store: OxigraphStore, query: str, **bindings: ox.NamedNode | ox.Literal) -> list[dict[str, str]]:
    subs = {ox.Variable(k): v for k, v in bindings.items()}
    result = store.oxigraph.query(query, use_default_graph_as_union=True, prefixes=PREFIXES, substitutions=subs)
    return [{k.value: (s[k].value if s[k] is not None else "") for k in result.variables} for s in result]


def _annex(annex: str) -> ox.NamedNode:
    return ox.NamedNode("https://w3id.org/chemkg/treaty/" + annex)


def test_there_are_at_least_eighty_regression_facts() -> None:
    assert len(LISTINGS) + len(MONTREAL) + len(ZZS_ROUTES) >= 80


def test_at_least_forty_facts_keep_2025_2026_up_to_date() -> None:
    recent = EXPIRIES + MEETINGS + EVENTS + DECISIONS + IN_FORCE + STANDINGS + CONFIDENCE + PARTY_COUNTS + EVENT_TEXTS
    assert len(recent) >= 40


@pytest.mark.parametrize(("name", "cas", "annex", "decision", "year"), LISTINGS, ids=[f[0] for f in LISTINGS])
def test_listing_has_its_decision_and_year(
    store: OxigraphStore, name: str, cas: str, annex: str, decision: str, year: int
) -> None:
    rows = _rows(store, LISTING_QUERY, cas=ox.Literal(cas), annex=_annex(annex))
    assert rows, f"{name} (CAS {cas}) is not listed in {annex}"
    matching = [r for r in rows if int(r["year"]) == year and (not decision or decision in r["decisions"].split("|"))]
    assert matching, f"{name} in {annex}: expected {decision or 'original listing'} in {year}, graph has {rows}"


@pytest.mark.parametrize(("code", "cas", "annex", "kind", "value"), MONTREAL, ids=[f[0] for f in MONTREAL])
def test_montreal_substance_has_its_ozone_or_climate_potential(
    store: OxigraphStore, code: str, cas: str, annex: str, kind: str, value: float
) -> None:
    rows = _rows(store, POTENTIAL_QUERY, cas=ox.Literal(cas), annex=_annex(annex))
    assert rows, f"{code} (CAS {cas}) is not listed in {annex}"
    column = "odp" if kind == "ODP" else "gwp"
    assert any(r[column] and float(r[column]) == value for r in rows), f"{code}: {kind} {value}, graph has {rows}"


@pytest.mark.parametrize(("substance", "criterion"), ZZS_ROUTES)
def test_zzs_status_has_its_route(store: OxigraphStore, substance: str, criterion: str) -> None:
    rows = _rows(store, ZZS_QUERY, entity=ox.NamedNode("https://w3id.org/chemkg/substance/" + substance))
    routes = {r["criterion"].rsplit("/", 1)[1] for r in rows}
    assert criterion in routes, f"{substance} should be ZZS via {criterion}; graph has {routes or 'no ZZS status'}"


def _one(store: OxigraphStore, subject: str, predicate: str) -> list[str]:
    query = f"SELECT ?s ?o WHERE {{ ?s {predicate} ?o }}"
    return [r["o"] for r in _rows(store, query, s=ox.NamedNode(CHEMKG + subject))]


CHEMKG = "https://w3id.org/chemkg/"


@pytest.mark.parametrize(("exemption", "expires", "basis"), EXPIRIES, ids=[f[0] for f in EXPIRIES])
def test_exemption_expiry_is_stored_with_its_basis(
    store: OxigraphStore, exemption: str, expires: str, basis: str
) -> None:
    subject = "exemption/stockholm/" + exemption
    assert _one(store, subject, "ck:expires") == [expires], f"{exemption}: expected expiry {expires}"
    assert _one(store, subject, "ck:expiryBasis/skos:notation") == [basis], f"{exemption}: expected {basis}"


@pytest.mark.parametrize(("meeting", "place", "start", "end"), MEETINGS, ids=[f[0] for f in MEETINGS])
def test_meeting_has_its_place_and_dates(store: OxigraphStore, meeting: str, place: str, start: str, end: str) -> None:
    subject = "meeting/" + meeting
    assert _one(store, subject, "schema:startDate") == [start], f"{meeting} starts {start}"
    assert _one(store, subject, "schema:endDate") == [end], f"{meeting} ends {end}"
    assert _one(store, subject, "schema:location") == ([place] if place else []), f"{meeting} is held in {place}"


@pytest.mark.parametrize(("event", "day"), EVENTS, ids=[f[0] for f in EVENTS])
def test_event_has_its_date_and_a_source(store: OxigraphStore, event: str, day: str) -> None:
    subject = "event/" + event
    assert _one(store, subject, "dcterms:date") == [day], f"{event} happened on {day}"
    assert _one(store, subject, "dcterms:source"), f"{event} cites no source"


@pytest.mark.parametrize(("code", "meeting"), DECISIONS, ids=[f[0] for f in DECISIONS])
def test_decision_was_adopted_at_its_meeting_and_cites_an_official_source(
    store: OxigraphStore, code: str, meeting: str
) -> None:
    query = """SELECT ?code ?meeting ?standing WHERE {
      ?d skos:notation ?code ; ck:adoptedAt ?meeting ; dcterms:source/ck:standing/skos:notation ?standing }"""
    rows = _rows(store, query, code=ox.Literal(code))
    assert {r["meeting"] for r in rows} == {CHEMKG + "meeting/" + meeting}, f"{code} at {meeting}; graph has {rows}"
    assert "official" in {r["standing"] for r in rows}, f"{code} cites no official source"


@pytest.mark.parametrize(("listing", "day"), IN_FORCE, ids=[f[0] for f in IN_FORCE])
def test_listing_entered_into_force_on_its_date(store: OxigraphStore, listing: str, day: str) -> None:
    assert _one(store, "listing/" + listing, "ck:entryIntoForce") == [day], f"{listing} in force {day}"


@pytest.mark.parametrize(("source", "standing"), STANDINGS, ids=[f[0] for f in STANDINGS])
def test_source_is_typed_official_or_secondary(store: OxigraphStore, source: str, standing: str) -> None:
    assert _one(store, "source/" + source, "ck:standing/skos:notation") == [standing], f"{source} is {standing}"


@pytest.mark.parametrize(("path", "confidence"), CONFIDENCE, ids=[f[0] for f in CONFIDENCE])
def test_a_fact_no_official_text_confirmed_is_marked_unconfirmed(
    store: OxigraphStore, path: str, confidence: str
) -> None:
    assert _one(store, path, "ck:confidence") == [f"https://w3id.org/chemkg/ontology#{confidence}"], path


@pytest.mark.parametrize(("instrument", "parties", "as_of"), PARTY_COUNTS, ids=[f[0] for f in PARTY_COUNTS])
def test_a_party_count_carries_the_date_it_was_true_on(
    store: OxigraphStore, instrument: str, parties: int, as_of: str
) -> None:
    subject = "treaty/" + instrument
    assert [int(n) for n in _one(store, subject, "ck:numberOfParties")] == [parties], f"{instrument}: {parties}"
    assert _one(store, subject, "ck:partiesAsOf") == ([as_of] if as_of else []), f"{instrument} as of {as_of}"


@pytest.mark.parametrize(("event", "words"), EVENT_TEXTS, ids=[f"{e}: {w[:30]}" for e, w in EVENT_TEXTS])
def test_an_open_process_is_stated_with_its_date(store: OxigraphStore, event: str, words: str) -> None:
    descriptions = _one(store, "event/" + event, "dcterms:description")
    assert any(words in d for d in descriptions), f"{event} should say {words!r}; graph has {descriptions}"
