"""An officer browses ChemKG: the treaties index, the substance index with its filters, the panel page with
what the Netherlands does, in Dutch when her browser asks for Dutch; a program reads the same pages as JSON;
the API docs work without internet; the first build is a release with downloads, changes and a feed."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from chemkg.settings import Settings, load_settings
from chemkg.store import OxigraphStore
from chemkg.web.app import create_app
from chemkg.web.i18n import browser_language, pick_language
from chemkg.web.pages.panel import panel_page

BROWSER = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
DUTCH = {**BROWSER, "accept-language": "nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7"}
JSON = {"accept": "application/json"}


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


def text_of(page: str) -> str:
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", page).split()))


# Language


def test_the_browser_language_counts_unless_the_switch_chose() -> None:
    assert browser_language("nl-NL,nl;q=0.9,en;q=0.8") == "nl"
    assert browser_language("en-GB,en;q=0.9,nl;q=0.8") == "en"
    assert browser_language("de-DE,de;q=0.9,nl;q=0.5,en;q=0.7") == "en"
    assert browser_language("fr, nl-BE;q=0.3") == "nl"
    assert browser_language("de, *;q=0.5") is None
    assert pick_language(None, {}, "nl-BE") == "nl"
    assert pick_language(None, {"chemkg_lang": "en"}, "nl-NL") == "en", "the switch's cookie wins"
    assert pick_language("en", {"chemkg_lang": "nl"}, "nl") == "en", "an explicit ?lang= wins over all"


def test_a_dutch_browser_gets_dutch_pages_and_english_after_choosing_en(settings: Settings) -> None:
    with TestClient(create_app(settings)) as c:
        home = c.get("/", headers=DUTCH)
        assert '<html lang="nl">' in home.text and "Instrumenten in ChemKG" in home.text
        assert "Accept-Language" in home.headers["vary"]
        english = c.get("/panel?lang=en", headers=DUTCH)  # the NL/EN switch
        assert '<html lang="en">' in english.text
        again = c.get("/zzs", headers=DUTCH)  # the cookie now outranks the browser
        assert '<html lang="en">' in again.text


@pytest.mark.slow  # the official lists
def test_dutch_pages_translate_annex_parts_errors_and_batch_messages(client: TestClient) -> None:
    eu_pops = text_of(client.get("/treaty/eu-pops/annex-i", headers=DUTCH).text)
    assert "Deel A" in eu_pops and "Part A" not in eu_pops
    missing = client.get("/no-such-page", headers=DUTCH)
    assert missing.status_code == 404
    assert "Niet gevonden" in missing.text and "ChemKG heeft niets op /no-such-page" in missing.text
    batch = client.post("/batch", data={"text": "50-00-1\nfoo bar baz"}, headers=DUTCH)
    words = text_of(batch.text)
    assert "CAS 50-00-1 klopt niet: het controlecijfer moet 0 zijn, niet 1" in words
    assert "geen stof of groep met de naam 'foo bar baz'" in words
    assert "fails its checksum" not in words and "no substance or group named" not in words


def test_gap_report_columns_are_dutch_on_a_dutch_page(client: TestClient) -> None:
    markup = client.get("/reports/expiring-exemptions?years=10", headers=DUTCH).text
    headers = re.findall(r"<th>([^<]*)</th>", markup)
    assert headers[:4] == ["Item", "Naam", "Bijlage", "Soort"]
    assert "Vervalt" in headers
    assert "specific exemption" not in text_of(markup)


# Counts and the treaties index


def test_the_home_page_counts_the_instruments_it_shows(client: TestClient) -> None:
    markup = client.get("/", headers=BROWSER).text
    cards = markup.split("<h2>Instruments in ChemKG</h2>", 1)[1].split("<h2>", 1)[0].count('class="card"')
    stated = re.search(r"(\d+) instruments</p>", markup)
    assert stated is not None and int(stated.group(1)) == cards
    assert 'href="/treaties"' in markup


def test_the_treaties_index_lists_every_instrument_with_its_annexes(client: TestClient) -> None:
    body = client.get("/treaties", headers=JSON).json()
    ids = [i["id"] for i in body["instruments"]]
    assert {"stockholm", "rotterdam", "basel", "minamata", "montreal", "reach"} <= set(ids)
    stockholm = next(i for i in body["instruments"] if i["id"] == "stockholm")
    annex_a = next(a for a in stockholm["annexes"] if a["id"] == "stockholm/annex-a")
    assert annex_a["listings"] > 20 and annex_a["substances"] >= annex_a["listings"] // 2
    markup = client.get("/treaties", headers=BROWSER).text
    assert markup.count('class="data treaties"') >= 2
    for i in body["instruments"]:
        assert f'href="/treaty/{i["id"]}"' in markup, f"{i['id']} is linked"
    assert 'href="/substances?annex=stockholm%2Fannex-a"' in markup
    # the count the index shows is the count the substance index finds
    found = client.get("/substances?annex=stockholm/annex-a", headers=JSON).json()
    assert found["count"] == annex_a["substances"]


# The substance index


def test_the_substance_index_pages_through_every_entity(client: TestClient) -> None:
    first = client.get("/substances", headers=JSON).json()
    assert first["count"] == first["total"] > 100
    assert first["pages"] == -(-first["total"] // first["page_size"])
    last = client.get(f"/substances?page={first['pages']}", headers=JSON).json()
    assert 0 < len(last["results"]) <= first["page_size"]
    assert client.get(f"/substances?page={first['pages'] + 1}", headers=JSON).status_code == 404


@pytest.mark.slow  # the official lists
def test_the_substance_index_filters_by_instrument_annex_list_zzs_and_group(client: TestClient) -> None:
    zzs = client.get("/substances?zzs=zzs", headers=JSON).json()
    assert zzs["count"] > 0 and all(r["zzs"] == "zzs" for r in zzs["results"])
    rivm = client.get("/substances?list=rivm-zzs&zzs=zzs", headers=JSON).json()
    assert rivm["filters"] == {"list": "rivm-zzs", "zzs": "zzs"}
    assert all("rivm-zzs" in r["lists"] for r in rivm["results"])
    pfas = client.get("/substances?group=pfas", headers=JSON).json()
    assert "pfhxs" in {r["id"] for r in pfas["results"]} or pfas["pages"] > 1
    both = client.get("/substances?group=pfas&instrument=stockholm", headers=JSON).json()
    assert 0 < both["count"] <= pfas["count"]
    by_name = client.get("/substances?q=355-46-4", headers=JSON).json()
    assert [r["id"] for r in by_name["results"]] == ["pfhxs-acid"]
    markup = client.get("/substances?zzs=zzs&instrument=stockholm", headers=BROWSER).text
    assert '<option value="stockholm" selected>' in markup and '<option value="zzs" selected>' in markup


def test_an_unknown_filter_value_is_a_400_that_lists_the_choices(client: TestClient) -> None:
    response = client.get("/substances?instrument=atlantis", headers=JSON)
    assert response.status_code == 400
    assert "atlantis" in response.json()["error"]["detail"] and "stockholm" in response.json()["error"]["detail"]
    assert client.get("/substances?zzs=maybe", headers=JSON).status_code == 400
    assert client.get("/substances?q=" + "x" * 500, headers=JSON).status_code == 400


def test_filter_values_are_bound_not_formatted_into_a_query(client: TestClient) -> None:
    hostile = '"} } ; DROP ALL ; <script>alert(1)</script>'
    response = client.get("/substances", params={"q": hostile}, headers=BROWSER)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text and "&lt;script&gt;" in response.text


# The panel page


def test_the_panel_page_says_what_the_netherlands_does_with_sources(client: TestClient) -> None:
    text = text_of(client.get("/panel", headers=DUTCH).text)
    assert "Wat Nederland doet" in text
    assert "Nederlandse deelname aan het ISP-CWP" in text and "Impulsprogramma Chemische Stoffen" in text
    assert "IENM/BSK-2025/229077" in text, "the ministry memo is cited"
    assert "Volgende vergaderingen" in text
    body = client.get("/panel", headers=JSON).json()
    accession = next(p for p in body["netherlands"] if p["iri"].endswith("/panel/nl-isp-cwp-participation"))
    assert {s["iri"].rsplit("/", 1)[1] for s in accession["sources"]} == {"ienm-memo-2025", "tweedekamer-22343-432"}
    assert any(s["iri"].endswith("nl-isp-cwp-accession-advice") for s in body["netherlands_steps"])


def test_the_next_meetings_are_those_from_today_on(store: OxigraphStore) -> None:
    page = panel_page(store, today=date(2026, 1, 1))
    assert page is not None
    starts = [str(m["start"]) for m in page.next_meetings]
    assert starts == sorted(starts) and all(s >= "2026-01-01" for s in starts)
    assert any(m["meeting"].endswith("/meeting/isp-cwp-1") for m in page.next_meetings)
    later = panel_page(store, today=date(2026, 3, 1))
    assert later is not None and not any(m["meeting"].endswith("/meeting/isp-cwp-1") for m in later.next_meetings)


# One JSON convention, and the API docs offline


@pytest.mark.slow  # the official lists
def test_pages_answer_json_at_their_own_url_with_models_in_the_openapi(client: TestClient) -> None:
    for path in (
        "/treaties",
        "/substances",
        "/panel",
        "/zzs",
        "/zzs?route=cmr-clp",
        "/reports",
        "/reports/secondary-only",
    ):
        response = client.get(path, headers=JSON)
        assert response.headers["content-type"].startswith("application/json"), path
        assert client.get(path, headers=BROWSER).headers["content-type"].startswith("text/html"), path
    assert client.get("/panel?format=json").headers["content-type"].startswith("application/json")
    openapi = client.get("/openapi.json").json()
    schemas = openapi["components"]["schemas"]
    assert {"TreatiesOut", "SubstancesOut", "PanelOut", "ZZSOut"} <= set(schemas)
    route = client.get("/zzs?route=cmr-clp&page=2", headers=JSON).json()
    assert route["route"]["key"] == "cmr-clp" and route["page"] == 2 and len(route["substances"]) > 0
    content = openapi["paths"]["/substances"]["get"]["responses"]["200"]["content"]
    assert {"application/json", "text/html"} <= set(content)


def test_the_api_docs_load_their_scripts_from_chemkg_itself(client: TestClient) -> None:
    for path in ("/docs",):
        markup = client.get(path).text
        scripts = re.findall(r'(?:src|href)="([^"]+)"', markup)
        assert scripts and all(s.startswith("/") for s in scripts), f"{path} loads only local assets: {scripts}"
        assert "cdn" not in markup
    bundle = client.get("/static/api-docs/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and bundle.headers["content-type"].startswith("text/javascript")
    assert len(bundle.content) > 500_000
    assert client.get("/static/api-docs/swagger-ui.css").headers["content-type"].startswith("text/css")
    assert client.get("/static/api-docs/settings.py").status_code == 404


# The first release


@pytest.mark.slow
def test_the_first_build_is_a_release_so_downloads_changes_and_feed_are_not_empty(
    settings: Settings, tmp_path: Path
) -> None:
    from chemkg.releases.export import publish_first_release

    first = load_settings(
        graph_dir=settings.graph_dir,
        ontology_dir=settings.ontology_dir,
        data_dir=tmp_path,
        store_path=settings.store,
        exports_dir=tmp_path / "exports",
    )
    release = publish_first_release(first.store, first.graph_dir, first.imports, first.exports)
    assert release is not None
    assert publish_first_release(first.store, first.graph_dir, first.imports, first.exports) is None
    with TestClient(create_app(first)) as c:
        [listed] = c.get("/downloads", headers=JSON).json()["releases"]
        assert listed["version"] == release.version
        changes = c.get("/changes", headers=JSON).json()
        assert changes["release"]["version"] == release.version and changes["holds"]["listings"] > 100
        page = text_of(c.get("/changes", headers=DUTCH).text)
        assert f"Release {release.version}" in page and "stoffen en groepen" in page
        feed = ET.fromstring(c.get("/feed.atom").content)
        titles = [e.findtext("{http://www.w3.org/2005/Atom}title") for e in feed]
        assert f"Release {release.version} published" in titles
