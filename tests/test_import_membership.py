"""A substance that only an official list names joins a curated group when the group's own definition
names it, and never by a guess: zinc oxide (a CLP entry) is one of the zinc compounds, sodium is no
cyanide and PTFE is no PFOA."""

from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from chemkg.build.pipeline import BuildFailed, build
from chemkg.imports.membership import named_examples, normalise
from chemkg.profile import load_profile
from chemkg.settings import Settings
from chemkg.store import OxigraphStore
from chemkg.web.app import create_app

CK = "https://w3id.org/chemkg/ontology#"
BASE = "https://w3id.org/chemkg/"


@pytest.mark.parametrize(
    ("description", "lang", "examples"),
    [
        ("Chemical compounds of zinc, such as zinc oxide, chloride and sulfate, found in galvanising residues.", "en",
         ["zinc oxide"]),
        ("Chemische verbindingen van zink, zoals zinkoxide, -chloride en -sulfaat, die voorkomen in resten.", "nl",
         ["zinkoxide"]),
        ("Salts of the cyanide ion, such as sodium and potassium cyanide, used in gold extraction.", "en",
         ["potassium cyanide"]),
        ("PFAS used to make fluoropolymers such as PTFE (non-stick coatings).", "en", []),
        ("Processing aid that replaced PFOA in the production of fluoropolymers such as PTFE.", "en", []),
        ("Solvents containing chlorine, such as dichloromethane and chloroform, used for degreasing, dry cleaning.",
         "en", ["dichloromethane", "chloroform"]),
        ("A group. Later sentences such as this one name nothing.", "en", []),
    ],
)  # fmt: skip
def test_a_definition_names_only_full_examples_of_the_group_itself(
    description: str, lang: str, examples: list[str]
) -> None:
    assert named_examples(description, lang) == examples


def _member_of(store: OxigraphStore, member: str) -> set[str]:
    return {
        q.object.value
        for q in store.oxigraph.quads_for_pattern(ox.NamedNode(BASE + member), ox.NamedNode(CK + "memberOf"), None)
    }


@pytest.mark.slow  # the official lists
def test_zinc_oxide_from_the_clp_list_is_one_of_the_zinc_compounds_and_shows_their_basel_entry(
    store: OxigraphStore,
) -> None:
    zinc_oxide = "substance/import-cas-1314-13-2"
    assert BASE + "substance/zinc-compounds" in _member_of(store, zinc_oxide)
    profile = load_profile(store, BASE + zinc_oxide)
    assert profile is not None
    via_group = [item for item in profile.listings if item.inherited_from == BASE + "substance/zinc-compounds"]
    assert via_group, "the group's Basel entry (Y23) reaches its member, marked as inherited"


@pytest.mark.slow  # the official lists
def test_a_membership_read_from_a_definition_cites_the_group_row(store: OxigraphStore) -> None:
    statement = ox.NamedNode(BASE + "membership/import/zinc-compounds/import-cas-1314-13-2")
    sources = {
        q.object.value
        for q in store.oxigraph.quads_for_pattern(statement, ox.NamedNode("http://purl.org/dc/terms/source"), None)
    }
    assert sources == {BASE + "source/bc-text"}
    notes = [
        q.object.value
        for q in store.oxigraph.quads_for_pattern(statement, None, None)
        if "definition" in q.object.value
    ]
    assert notes and "zinc oxide" in notes[0]


@pytest.mark.slow  # the official lists
@pytest.mark.parametrize(
    ("member", "group"),
    [
        ("substance/import-cas-67-66-3", "substance/halogenated-organic-solvents"),  # chloroform
        ("substance/import-cas-75-09-2", "substance/halogenated-organic-solvents"),  # dichloromethane
        ("substance/import-cas-7681-49-4", "substance/inorganic-fluorine-compounds"),  # sodium fluoride
        ("substance/import-cas-13463-39-3", "substance/metal-carbonyls"),  # nikkeltetracarbonyl
    ],
)
def test_a_substance_a_group_definition_names_is_its_member(store: OxigraphStore, member: str, group: str) -> None:
    assert BASE + group in _member_of(store, member)


@pytest.mark.slow  # the official lists
def test_sodium_is_no_member_of_the_inorganic_cyanides(store: OxigraphStore) -> None:
    """ "such as sodium and potassium cyanide": the fragment "sodium" names the metal, not a cyanide."""
    assert BASE + "substance/inorganic-cyanides" not in _member_of(store, "substance/import-cas-7440-23-5")


@pytest.mark.slow  # the official lists
def test_every_imported_substance_a_group_definition_names_is_a_member(store: OxigraphStore) -> None:
    """The invariant behind the cases above, over every curated group and every imported entity."""
    labels = """SELECT ?entity ?label WHERE {
      ?entity a ck:ImportedEntity ; skos:prefLabel ?label }"""
    by_name: dict[tuple[str, str], set[str]] = {}
    for row in store.oxigraph.query(
        labels,
        use_default_graph_as_union=True,
        prefixes={"ck": CK, "skos": "http://www.w3.org/2004/02/skos/core#"},
    ):
        label = row["label"]
        by_name.setdefault((normalise(label.value), label.language or "en"), set()).add(row["entity"].value)
    groups = """SELECT ?group ?description WHERE {
      ?group a ck:SubstanceGroup ; dcterms:description ?description .
      FILTER NOT EXISTS { ?group a ck:ImportedEntity } }"""
    missing = []
    for row in store.oxigraph.query(
        groups, use_default_graph_as_union=True, prefixes={"ck": CK, "dcterms": "http://purl.org/dc/terms/"}
    ):
        lang = row["description"].language or "en"
        for name in named_examples(row["description"].value, lang):
            for entity in by_name.get((name, lang), set()):
                if row["group"].value not in _member_of(store, entity.removeprefix(BASE)):
                    missing.append(f"{row['group'].value} names {name!r}, but {entity} is no member")
    assert missing == []


@pytest.mark.slow  # the official lists
def test_the_membership_a_page_cites_is_itself_a_page(settings: Settings) -> None:
    """A source's page links to what cites it, so each membership statement must resolve (HTML and Turtle)."""
    with TestClient(create_app(settings)) as client:
        for path in ("membership/import/zinc-compounds/import-cas-1314-13-2", "source/bc-text"):
            assert client.get("/" + path, headers={"accept": "text/html"}).status_code == 200, path
        turtle = client.get("/membership/import/zinc-compounds/import-cas-1314-13-2.ttl")
        assert turtle.status_code == 200 and "rdf:Statement" in turtle.text


# -- graph/official-names.csv: what a curator says an entry is that no CAS, EC or name links ---------------------


@pytest.mark.slow  # the official lists
def test_an_eu_pops_entry_the_register_names_is_the_curated_group_not_a_new_gap(store: OxigraphStore) -> None:
    # "Endosulfan and its isomers" is Stockholm's technical endosulfan: one entity, with the EU listing on it.
    assert not list(store.about(BASE + "substance/import-endosulfan-and-its-isomers"))
    profile = load_profile(store, BASE + "substance/endosulfan")
    assert profile is not None
    assert any("EU POPs" in item.instrument and "Annex I" in item.annex for item in profile.listings)


@pytest.mark.slow  # the official lists
def test_register_memberships_go_the_way_the_curator_states_and_cite_the_row(store: OxigraphStore) -> None:
    penta = "substance/import-pentabromodiphenyl-ether-group"
    assert BASE + "substance/c-pentabde" in _member_of(store, penta)  # part of the Stockholm group
    hch = "substance/import-hexachlorocyclohexanes-including-lindane"
    assert BASE + hch in _member_of(store, "substance/lindane")  # the EU group includes lindane…
    assert BASE + "substance/lindane" not in _member_of(store, hch)  # …not the reverse
    statement = ox.NamedNode(BASE + "membership/import/c-pentabde/import-pentabromodiphenyl-ether-group")
    part_of = {q.object.value for q in store.oxigraph.quads_for_pattern(statement, None, None)}
    assert BASE + "correspondence/echa-pops/pentabde" in part_of
    assert BASE + "source/eu-pops-regulation-consolidated" in part_of


@pytest.mark.slow  # the official lists
def test_the_gap_report_shows_a_partly_covered_eu_group_with_the_members_a_treaty_lists(
    store: OxigraphStore,
) -> None:
    from chemkg.reports.gaps import run_report

    rows = {r["label"]: r for r in run_report(store, "zzs-without-treaty").rows}
    assert "Endosulfan and its isomers" not in rows and "Pentabromodiphenyl ether (group)" not in rows
    hch = rows["Hexachlorocyclohexanes, including lindane"]
    assert "Lindane" in hch["listedMembers"] and hch["knownFrom"] == "official list only"


@pytest.mark.slow  # the official lists
def test_the_gap_report_says_route_not_stated_only_where_no_status_states_one(store: OxigraphStore) -> None:
    from chemkg.reports.gaps import run_report

    routes: dict[str, set[str]] = {}
    for row in run_report(store, "zzs-without-treaty").rows:
        routes.setdefault(row["substance"], set()).add(row["criterion"])
    unstated = {s for s, found in routes.items() if "route not stated in the list" in found}
    assert unstated and all(routes[s] == {"route not stated in the list"} for s in unstated)


@pytest.mark.slow  # the official lists
@pytest.mark.parametrize(
    ("member", "group"),
    [
        ("substance/import-cas-1746-01-6", "substance/pcdd-pcdf"),  # 2,3,7,8-TCDD, on the RIVM list
        ("substance/import-cas-32598-13-3", "substance/pcb"),  # PCB-77
        ("substance/import-cas-1335-87-1", "substance/pcn"),  # hexachloronaphthalene
    ],
)
def test_a_congener_the_rivm_list_names_is_part_of_its_stockholm_class(
    store: OxigraphStore, member: str, group: str
) -> None:
    assert BASE + group in _member_of(store, member)


def test_a_same_row_naming_two_entities_stops_the_build_and_says_where(
    graph_copy: Path, settings: Settings, tmp_path: Path
) -> None:
    register = graph_copy / "official-names.csv"
    text = register.read_text(encoding="utf-8")
    assert ",same,endosulfan," in text
    register.write_text(text.replace(",same,endosulfan,", ",same,endosulfan | lindane,"), encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build(graph_copy, settings.ontology_dir, tmp_path / "store", imports=[])
    said = "\n".join(str(p) for p in failure.value.problems)
    assert "official-names.csv, row echa-pops/endosulfan, column entity" in said and "exactly one" in said
