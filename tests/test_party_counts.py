"""A count of Parties changes: wherever ChemKG shows one, it says the date it was true on, or that the date
is not known, so a negotiator never pastes a stale number as today's."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from chemkg.settings import Settings
from chemkg.web.app import create_app


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


def _text(client: TestClient, path: str) -> str:
    r = client.get(path, headers={"accept": "text/html"})
    assert r.status_code == 200, path
    return " ".join(re.sub(r"<[^>]+>", " ", r.text).split())


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("/treaty/kigali", "88 (as of 2019-11-08)"),
        ("/treaty/stockholm", "186 (date of count not known)"),
        ("/treaty/kigali?lang=nl", "88 (stand 2019-11-08)"),
    ],
)
def test_the_treaty_page_dates_its_count_of_parties(client: TestClient, path: str, shown: str) -> None:
    assert shown in _text(client, path)


def test_the_brief_on_a_treaty_dates_its_count_of_parties(client: TestClient) -> None:
    r = client.get("/api/brief/treaty/stockholm", params={"format": "md"})
    assert r.status_code == 200, r.text[:300]
    assert "186 Parties (date of count not known)" in r.text
