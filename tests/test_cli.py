"""The command line as a user meets it: clear answers, clear errors, never a traceback."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chemkg.cli import app

runner = CliRunner()


@pytest.fixture
def env(built_store: Path) -> dict[str, str]:
    return {"CHEMKG_STORE_PATH": str(built_store)}


def test_a_syntax_error_prints_the_position_and_exits_2(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["query", "SELECT * WHERE { ?s ?p }"], env=env)
    assert result.exit_code == 2
    assert "(line 1, column" in result.output and "Traceback" not in result.output


def test_a_query_can_come_from_stdin_and_print_csv(env: dict[str, str]) -> None:
    q = 'SELECT ?l WHERE { <https://w3id.org/chemkg/substance/mercury> skos:prefLabel ?l FILTER(LANG(?l)="nl") }'
    result = runner.invoke(app, ["query", "-", "--format", "csv"], input=q, env=env)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["l", "Kwik"]


def test_construct_queries_print_turtle(env: dict[str, str]) -> None:
    mercury = "<https://w3id.org/chemkg/substance/mercury>"
    q = f"CONSTRUCT {{ {mercury} skos:prefLabel ?l }} WHERE {{ {mercury} skos:prefLabel ?l }}"
    result = runner.invoke(app, ["query", q, "--format", "turtle"], env=env)
    assert result.exit_code == 0 and '"Kwik"@nl' in result.output


def test_construct_queries_print_json_ld_with_chemkgs_context(env: dict[str, str]) -> None:
    mercury = "<https://w3id.org/chemkg/substance/mercury>"
    q = f"CONSTRUCT {{ {mercury} skos:prefLabel ?l }} WHERE {{ {mercury} skos:prefLabel ?l }}"
    result = runner.invoke(app, ["query", q, "--format", "json-ld"], env=env)
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["@context"]["skos"] == "http://www.w3.org/2004/02/skos/core#"
    assert {"@value": "Kwik", "@language": "nl"} in document["@graph"][0]["skos:prefLabel"]


def test_select_star_prints_columns_in_the_order_of_the_query(env: dict[str, str]) -> None:
    q = "SELECT * WHERE { ?substance ck:casNumber ?cas } LIMIT 1"
    result = runner.invoke(app, ["query", q, "--format", "csv"], env=env)
    assert result.output.splitlines()[0] == "substance,cas"


def test_a_graph_format_for_a_select_names_the_result_formats(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--format", "turtle"], env=env)
    assert result.exit_code == 1
    assert "json, xml, csv, tsv" in result.output


def test_example_queries_are_listed_and_runnable(env: dict[str, str]) -> None:
    listed = runner.invoke(app, ["query", "--list"], env=env)
    assert "cq01-stockholm-annex-a" in listed.output
    result = runner.invoke(app, ["query", "--example", "cq09-montreal-annex-f-gwp", "--format", "json"], env=env)
    assert result.exit_code == 0
    assert json.loads(result.output)["results"]["bindings"]


def test_lookup_by_dutch_name_shows_the_substance(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["lookup", "kwik", "--format", "json"], env=env)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["iri"] == "https://w3id.org/chemkg/substance/mercury"
    assert "7439-97-6" in data["identifiers"]["cas"]


def test_lookup_of_a_cas_with_a_bad_checksum_says_so(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["lookup", "355-46-5"], env=env)
    assert result.exit_code == 1
    assert "checksum" in result.output


def test_lookup_of_an_unknown_name_suggests_close_matches(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["lookup", "dichlorodiphenyl"], env=env)
    assert result.exit_code == 1
    assert "did you mean" in result.output and "DDT" in result.output


def test_lookup_of_pfhxs_lists_its_stockholm_listing_with_decision_and_source(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["lookup", "PFHxS", "--format", "json"], env=env)
    data = json.loads(result.output)
    stockholm = [x for x in data["listings"] if x["annex_iri"].endswith("/treaty/stockholm/annex-a")]
    assert stockholm and "SC-10/13" in stockholm[0]["decisions"] and stockholm[0]["year"] == 2022
    assert stockholm[0]["citations"]


def test_a_missing_store_gives_a_sentence_not_a_traceback(tmp_path: Path) -> None:
    result = runner.invoke(app, ["lookup", "kwik"], env={"CHEMKG_STORE_PATH": str(tmp_path / "nothing")})
    assert result.exit_code == 1 and "chemkg build" in result.output


def test_an_invalid_setting_names_the_variable(built_store: Path) -> None:
    result = runner.invoke(app, ["lookup", "kwik"], env={"CHEMKG_QUERY_TIMEOUT_S": "soon"})
    assert result.exit_code == 1 and "CHEMKG_QUERY_TIMEOUT_S" in result.output
