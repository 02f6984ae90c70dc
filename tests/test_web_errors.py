"""One error design: every failure has the same JSON shape, browsers get a page, faults are 500 and logged."""

from __future__ import annotations

from collections.abc import Iterator
from string import Formatter

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient

from chemkg.settings import Settings, SettingsError
from chemkg.web.app import create_app
from chemkg.web.error_text import ERROR_STRINGS
from chemkg.web.errors import NotFound
from chemkg.web.negotiation import best_match


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    app = create_app(settings)
    probe = APIRouter()

    @probe.get("/_probe/missing")
    async def missing() -> None:
        raise NotFound("No substance with CAS 0-00-0; check the number or search by name.")

    @probe.get("/_probe/echo")
    async def echo(name: str) -> None:
        raise NotFound(f"No substance named {name}.")

    @probe.get("/_probe/fault")
    async def fault() -> None:
        raise RuntimeError("a bug")

    app.include_router(probe)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def test_error_json_shape_is_pinned(client: TestClient) -> None:
    r = client.get("/_probe/missing")
    assert r.status_code == 404
    assert r.json() == {
        "error": {
            "status": 404,
            "title": "Not found",
            "detail": "No substance with CAS 0-00-0; check the number or search by name.",
        }
    }


def test_routing_errors_share_the_shape(client: TestClient) -> None:
    r = client.get("/no/such/page")
    assert r.status_code == 404
    assert set(r.json()["error"]) == {"status", "title", "detail"}


def test_browser_gets_an_html_error_page_with_the_message_escaped(client: TestClient) -> None:
    r = client.get("/_probe/missing", headers={"accept": "text/html,*/*;q=0.8"})
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert "No substance with CAS 0-00-0" in r.text
    hostile = client.get("/_probe/echo", params={"name": "<script>alert(1)</script>"}, headers={"accept": "text/html"})
    assert hostile.status_code == 404
    assert "<script>alert" not in hostile.text
    assert "&lt;script&gt;" in hostile.text


DUTCH_BROWSER = {"accept": "text/html", "accept-language": "nl"}


def test_a_dutch_reader_is_told_in_dutch_what_is_wrong_and_a_program_in_english(client: TestClient) -> None:
    page = client.get("/matrix", params={"page": "999"}, headers=DUTCH_BROWSER)
    assert page.status_code == 404
    assert "pagina 999 bestaat niet" in page.text
    assert "does not exist" not in page.text
    answer = client.get("/matrix", params={"page": "999"}, headers={"accept": "application/json"})
    assert "page 999 does not exist" in answer.json()["error"]["detail"]
    # A sentence that has no Dutch version is still there, in English, under the technical details.
    probe = client.get("/_probe/missing", headers=DUTCH_BROWSER)
    assert "Niet gevonden" in probe.text or "niet gevonden" in probe.text
    assert "No substance with CAS 0-00-0" in probe.text


def test_every_error_sentence_has_the_same_blanks_in_dutch_as_in_english() -> None:
    def blanks(text: str) -> set[str]:
        return {name for _, name, _, _ in Formatter().parse(text) if name}

    for key, (english, dutch) in ERROR_STRINGS.items():
        assert blanks(english) == blanks(dutch), key


def test_internal_fault_is_500_logged_and_without_traceback(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("ERROR", logger="chemkg.web"):
        r = client.get("/_probe/fault")
    assert r.status_code == 500
    assert "Traceback" not in r.text and "a bug" not in r.text
    assert r.json()["error"]["title"] == "Internal error"
    assert any("internal error" in rec.message for rec in caplog.records)


def test_user_errors_are_not_500(client: TestClient) -> None:
    statuses = {
        client.get("/sparql", params={"query": "SELEKT"}).status_code,
        client.post("/sparql", content=b"x", headers={"content-type": "image/png"}).status_code,
        client.get("/sparql", params={"query": "ASK {}"}, headers={"accept": "image/png"}).status_code,
    }
    assert statuses == {400, 415, 406}


@pytest.mark.parametrize("path", ["/substance/pfos", "/treaties", "/void", "/ontology", "/sparql?query=ASK%7B%7D"])
def test_a_malformed_accept_header_is_read_as_accepting_anything(client: TestClient, path: str) -> None:
    assert client.get(path, headers={"accept": "garbage"}).status_code == 200


@pytest.mark.parametrize("path", ["/substance/pfos%20acid", "/substance/%3C", "/treaty/a%7Cb", "/listing/%5C"])
def test_an_address_no_entity_can_have_is_a_404_not_a_fault(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert "no entity" in r.json()["error"]["detail"]


def test_update_enabling_setting_is_refused_at_start(settings: Settings) -> None:
    with pytest.raises(SettingsError, match="CHEMKG_READ_ONLY"):
        create_app(settings.model_copy(update={"read_only": False}))


@pytest.mark.parametrize(
    ("accept", "offered", "expected"),
    [
        (None, ["text/turtle", "text/html"], "text/turtle"),
        ("text/html;q=0.9, text/turtle", ["text/html", "text/turtle"], "text/turtle"),
        ("text/*;q=0.3, text/html;q=0.7, */*;q=0.1", ["text/turtle", "text/html"], "text/html"),
        ("text/*, text/turtle;q=0", ["text/turtle", "text/html"], "text/html"),
        ("application/json", ["text/turtle"], None),
        ("garbage, text/turtle;q=abc, text/html", ["text/turtle", "text/html"], "text/html"),
        ("garbage", ["text/turtle", "text/html"], "text/turtle"),
    ],
)
def test_accept_q_values_and_specificity(accept: str | None, offered: list[str], expected: str | None) -> None:
    assert best_match(accept, offered) == expected
