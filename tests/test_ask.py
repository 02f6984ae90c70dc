"""An analyst types a question, not keywords, and gets the exact answer with its query and sources."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from chemkg.ask.answer import answer, render
from chemkg.ask.catalogue import templates
from chemkg.ask.evaluate import evaluate, gold_rows
from chemkg.ask.lexicon import Lexicon
from chemkg.ask.understand import read
from chemkg.settings import Settings
from chemkg.store import OxigraphStore

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "search" / "ask"


@pytest.fixture(scope="module")
def lexicon(store: OxigraphStore) -> Lexicon:
    return Lexicon.from_store(store)


def keys(rows: list[dict[str, object]], column: str) -> set[str]:
    return {str(r[column]) for r in rows}


@pytest.mark.parametrize(
    ("question", "template", "gold"),
    [
        (
            "welke stoffen staan op bijlage A van Stockholm maar niet op Rotterdam",
            "list-difference",
            "stockholm-a-not-rotterdam",
        ),
        ("which ZZS substances are not covered by any treaty", "list-difference", "zzs-without-treaty"),
        ("verboden in de EU maar niet wereldwijd", "list-difference", "eu-not-treaty"),
    ],
)
def test_the_questions_of_the_first_trial_get_their_exact_answer(
    store: OxigraphStore, lexicon: Lexicon, question: str, template: str, gold: str
) -> None:
    got = answer(store, lexicon, question, limit=None)  # every row: with the official lists, thousands
    assert got.status == "answered" and got.template is not None and got.template.id == template
    _, expected = gold_rows(store, QUESTIONS, gold)
    assert keys(got.rows, "item") == {row[0] for row in expected}
    assert got.sources and all(s["title"] for s in got.sources)
    assert "MINUS" in got.sparql and got.editor_link.startswith("/sparql?query=")


def test_dieldrin_is_not_on_stockholm_but_not_rotterdam(store: OxigraphStore, lexicon: Lexicon) -> None:
    got = answer(store, lexicon, "welke stoffen staan op bijlage A van Stockholm maar niet op Rotterdam")
    assert "https://w3id.org/chemkg/substance/dieldrin" not in keys(got.rows, "item")


def test_the_answer_says_how_the_question_was_understood(store: OxigraphStore, lexicon: Lexicon) -> None:
    got = answer(store, lexicon, "welke stoffen staan op bijlage A van Stockholm maar niet op Rotterdam").to_json()
    for field in ("question", "template", "slots", "sparql", "columns", "rows", "sources"):
        assert field in got
    slots = {s["name"]: s for s in got["slots"]}
    assert slots["scope"]["value"] == "https://w3id.org/chemkg/treaty/stockholm/annex-a"
    assert slots["other"]["value"] == "https://w3id.org/chemkg/treaty/rotterdam"
    assert slots["scope"]["text"] == "bijlage A van Stockholm"


def test_the_query_shown_is_the_query_run(store: OxigraphStore, lexicon: Lexicon) -> None:
    got = answer(store, lexicon, "Which HFCs have a GWP above 1000?")
    result = store.oxigraph.query(got.sparql, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)
    assert len(list(result)) == len(got.rows) > 0


def test_a_question_no_template_covers_is_said_to_be_so(store: OxigraphStore, lexicon: Lexicon) -> None:
    for question in ("glyphosate", "What is the boiling point of benzene?", "kwik in tandvullingen"):
        got = answer(store, lexicon, question)
        assert got.status == "not-understood" and not got.rows and not got.sparql


def test_an_annex_that_several_instruments_have_is_shown_with_the_alternatives(
    store: OxigraphStore, lexicon: Lexicon
) -> None:
    got = answer(store, lexicon, "which substances are on annex A")
    assert got.status == "ambiguous" and not got.rows
    meant = {a["iri"] for a in got.alternatives}
    assert {
        "https://w3id.org/chemkg/treaty/stockholm/annex-a",
        "https://w3id.org/chemkg/treaty/montreal/annex-a",
    } <= meant
    chosen = answer(store, lexicon, got.alternatives[0]["question"])
    assert chosen.status == "answered"


def test_user_text_never_enters_the_query(store: OxigraphStore, lexicon: Lexicon) -> None:
    got = answer(store, lexicon, 'which substances are on the candidate list "} DROP ALL #')
    assert got.status == "answered"
    assert "DROP" not in got.sparql and '"}' not in got.sparql


@pytest.mark.parametrize("template", sorted(templates()))
def test_every_template_parses_with_its_slots_filled_or_left_open(
    store: OxigraphStore, lexicon: Lexicon, template: str
) -> None:
    t = templates()[template]
    reading = read(t.examples["en"], lexicon)
    understood = next((c for c in reading.candidates if c.template.id == template), None)
    assert understood is not None, f"the English example of {template} is not read as {template}"
    store.oxigraph.query(render(t, understood.filled, "en"), use_default_graph_as_union=True)
    assert t.label.keys() >= {"en", "nl"} and t.comment.keys() >= {"en", "nl"} and t.examples.keys() >= {"en", "nl"}


def test_every_gold_query_of_the_evaluation_set_runs(store: OxigraphStore) -> None:
    names = {json.loads(line)["gold"] for line in (QUESTIONS / "questions.jsonl").read_text().splitlines()}
    for name in sorted(n for n in names if n):
        gold_rows(store, QUESTIONS, name)
    assert {p.stem for p in (QUESTIONS / "gold").glob("*.rq")} == {n for n in names if n}


def test_the_evaluation_targets_hold(store: OxigraphStore, lexicon: Lexicon) -> None:
    report = evaluate(store, lexicon, QUESTIONS)
    by_lang = report.by("lang")
    assert by_lang["nl"].total >= 60 and len(report.outcomes) >= 150
    assert by_lang["en"].accuracy >= 0.9 and by_lang["nl"].accuracy >= 0.85
    assert report.uncovered.accuracy >= 0.9


def test_ask_on_the_web_answers_programs_with_json_and_people_with_a_page(settings: Settings) -> None:
    from chemkg.web.app import create_app

    client = TestClient(create_app(settings))
    body = client.get("/ask", params={"q": "which ZZS substances are not covered by any treaty"}).json()
    assert body["template"]["id"] == "list-difference" and body["rows"]
    page = client.get(
        "/ask", params={"q": "which ZZS substances are not covered by any treaty"}, headers={"accept": "text/html"}
    )
    assert page.status_code == 200 and "/sparql?query=" in page.text
    lost = client.get("/ask", params={"q": "glyphosate"}).json()
    assert lost["status"] == "not-understood" and "search" in lost
    assert client.get("/ask", params={"q": " "}).status_code == 400


def test_chemkg_ask_prints_json(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from chemkg.cli import app

    monkeypatch.setenv("CHEMKG_STORE_PATH", str(settings.store))
    result = CliRunner().invoke(app, ["ask", "Is PFHxS a ZZS, and why?", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["template"]["id"] == "zzs-of-entity"


def test_a_negation_is_never_dropped(store: OxigraphStore, lexicon: Lexicon) -> None:
    got = answer(store, lexicon, "welke POP's staan niet op de EU-POP-verordening")
    assert got.status == "answered" and got.template is not None and got.template.id == "list-difference"
    slots = {s["name"]: s["value"] for s in got.slots()}
    assert slots["other"] == "https://w3id.org/chemkg/treaty/eu-pops"
    lone = answer(store, lexicon, "which substances are not on the candidate list")
    assert lone.status == "not-understood"  # one list and a negation: not "what is on the candidate list"


def test_a_hazard_class_can_be_combined_with_a_list(store: OxigraphStore, lexicon: Lexicon) -> None:
    got = answer(store, lexicon, "Which carcinogens are on the Candidate List?")
    _, expected = gold_rows(store, QUESTIONS, "carc-on-candidate-list")
    assert got.template is not None and got.template.id == "clp-hazard"
    assert keys(got.rows, "item") == {row[0] for row in expected}
