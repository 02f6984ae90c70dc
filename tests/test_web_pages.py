"""The pages people read: each answers its question at a glance, in English or Dutch, with sources,
and every IRI in the graph resolves to a page for people and to RDF for machines."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from chemkg.settings import Settings
from chemkg.web.app import create_app

BROWSER = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


def page(client: TestClient, path: str, status: int = 200) -> str:
    r = client.get(path, headers=BROWSER)
    assert r.status_code == status, f"{path}: {r.status_code} {r.text[:300]}"
    assert r.headers["content-type"].startswith("text/html")
    return r.text


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_negotiator_sees_the_stockholm_listing_of_pfhxs_with_its_decision(client: TestClient) -> None:
    html = page(client, "/substance/pfhxs")
    text = text_of(html)
    assert "Perfluorohexane sulfonic acid (PFHxS)" in text
    assert 'href="/listing/stockholm/annex-a/pfhxs"' in html
    assert "SC-10/13" in text
    assert 'href="/decision/sc-10-13"' in html
    # the coverage strip names every instrument that lists anything, with a state
    assert "Stockholm Convention" in text and "Rotterdam Convention" in text
    assert "not listed" in text
    # obligations that follow from Annex A, and sources as links
    assert "Eliminate production, use, import and export" in text
    assert re.search(r'<a href="https?://[^"]+" rel="noopener noreferrer"', html)


def test_a_group_page_lists_its_members_and_a_member_page_names_its_group(client: TestClient) -> None:
    assert "Perfluorohexane sulfonic acid" in text_of(page(client, "/substance/pfhxs"))
    member = text_of(page(client, "/substance/pfhxs-acid"))
    assert "Member of" in member
    assert "355-46-4" in member


def test_switching_to_dutch_changes_labels_and_is_remembered(settings: Settings) -> None:
    with TestClient(create_app(settings)) as c:
        dutch = c.get("/substance/pfhxs?lang=nl", headers=BROWSER)
        assert "Plaatsingen" in dutch.text and "Verdrag van Stockholm" in dutch.text
        assert '<html lang="nl">' in dutch.text
        again = c.get("/zzs", headers=BROWSER)  # the cookie keeps Dutch
        assert "Zeer zorgwekkende stoffen" in again.text
        english = c.get("/zzs?lang=en", headers=BROWSER)
        assert "Substances of very high concern" in english.text


def test_treaty_page_shows_obligations_every_listing_and_a_timeline(client: TestClient) -> None:
    html = page(client, "/treaty/stockholm")
    text = text_of(html)
    assert "Key obligations" in text and "Register of specific exemptions" in text
    assert "SC-10/13" in text
    assert "/charts/timeline.svg?of=treaty/stockholm" in html
    svg = client.get("/charts/timeline.svg?of=treaty/stockholm")
    assert svg.status_code == 200 and svg.headers["content-type"] == "image/svg+xml"
    assert b"<svg" in svg.content and b"2022" in svg.content


def test_annex_page_lists_only_that_annex(client: TestClient) -> None:
    text = text_of(page(client, "/treaty/stockholm/annex-a"))
    assert "Perfluorohexane sulfonic acid" in text
    assert "DDT" not in text.split("Everything it lists")[1].split("Annexes")[0]  # DDT is Annex B


@pytest.mark.slow  # the official lists
def test_a_treaty_with_thousands_of_listings_pages_its_table_and_counts_them_all(client: TestClient) -> None:
    """CLP lists thousands of entries: its page shows them 200 at a time, the heading and the chart count all."""
    html = page(client, "/treaty/clp")
    total = int(re.search(r"Everything it lists \((\d+)\)", text_of(html)).group(1))  # type: ignore[union-attr]
    pages = -(-total // 200)
    assert total > 4000 and f"page 1 / {pages}" in text_of(html)
    assert 'href="/treaty/clp?&amp;page=2"' in html

    def listings_on(number: int) -> set[str]:
        return set(re.findall(r'href="(/listing/[^"]+)"', page(client, f"/treaty/clp?page={number}")))

    first, last = listings_on(1), listings_on(pages)
    assert len(first) == 200 and 0 < len(last) <= 200 and not first & last
    assert len(html) < 400_000, "one page of the table, not every listing"
    assert "/charts/timeline.svg?of=treaty/clp" in html
    annex = text_of(page(client, "/treaty/clp/annex-vi?page=2"))
    assert "page 2 /" in annex
    too_far = client.get(f"/treaty/clp?page={pages + 1}", headers=BROWSER)
    assert too_far.status_code == 404 and f"has {pages} page(s)" in too_far.text
    for bad in ("two", "0", "²", "9" * 5000):
        assert client.get(f"/treaty/clp?page={bad}", headers=BROWSER).status_code == 400, bad


@pytest.mark.slow  # the official lists
def test_zzs_page_lists_routes_and_pages_through_each_routes_substances(client: TestClient) -> None:
    html = page(client, "/zzs")
    assert "All PFAS are ZZS" in text_of(html)
    assert "On the RIVM ZZS list (the list names no route)" in text_of(html)
    cmr = page(client, "/zzs?route=cmr-clp")
    assert "Substances per route" in text_of(cmr)
    assert 'href="/zzs?route=cmr-clp&amp;page=2"' in cmr, "a route with hundreds of substances is paged"
    first, second = (
        set(re.findall(r'<li><a href="(/substance/[^"]+)"', page(client, f"/zzs?route=cmr-clp&page={n}")))
        for n in (1, 2)
    )
    assert len(first) == 100 and second and not first & second
    rivm = page(client, "/zzs?route=rivm-list")
    pages = int(re.search(r"page 1 / (\d+)", text_of(rivm)).group(1))  # type: ignore[union-attr]
    listed = " ".join(page(client, f"/zzs?route=rivm-list&page={n}") for n in range(1, pages + 1))
    assert "/substance/import-cas-87-61-6" in listed, "1,2,3-trichlorobenzene is ZZS because the RIVM list says so"
    page(client, "/zzs?route=no-such-route", status=404)
    page(client, "/zzs?route=cmr-clp&page=999", status=404)


def test_panel_page_shows_functions_and_candidate_topics_with_substances(client: TestClient) -> None:
    text = text_of(page(client, "/panel"))
    assert "Horizon scanning" in text
    assert "candidate" in text
    assert "PFAS, including polymeric PFAS" in text


def test_coverage_matrix_filters_pfas_and_downloads_csv_and_xlsx(client: TestClient) -> None:
    html = page(client, "/matrix?show=pfas")
    assert "Ammonium perfluorooctane sulfonate" in html
    assert "Mercury" not in text_of(html)
    rows = list(csv.DictReader(io.StringIO(client.get("/matrix.csv?show=pfas").text)))
    pfos = next(r for r in rows if r["substance"] == "Ammonium perfluorooctane sulfonate")
    assert pfos["Stockholm Convention"].startswith("listed: B")
    book = load_workbook(io.BytesIO(client.get("/matrix.xlsx?show=pfas").content))
    sheet = book.active
    assert sheet is not None and sheet.max_row == len(rows) + 1
    assert client.get("/matrix?show=everything", headers=BROWSER).status_code == 400


@pytest.mark.slow  # the official lists
def test_the_full_lists_matrix_is_paged_on_screen_and_whole_in_the_download(client: TestClient) -> None:
    first = page(client, "/matrix?show=zzs")
    pages = int(re.search(r"page 1 / (\d+)", text_of(first)).group(1))  # type: ignore[union-attr]
    assert pages > 1 and 'href="/matrix?show=zzs&amp;page=2"' in first
    on_screen = sum(
        len(re.findall(r'<th scope="row"', page(client, f"/matrix?show=zzs&page={n}"))) for n in range(1, pages + 1)
    )
    rows = list(csv.DictReader(io.StringIO(client.get("/matrix.csv?show=zzs").text)))
    assert on_screen == len(rows) > 1000, "every ZZS substance of the official lists is in the matrix"
    page(client, f"/matrix?show=zzs&page={pages + 1}", status=404)


@pytest.mark.slow  # the official lists
def test_the_matrix_chart_draws_the_rows_of_the_page_it_is_downloaded_from(client: TestClient) -> None:
    second = page(client, "/matrix?show=zzs&page=2")
    assert 'href="/matrix.svg?show=zzs&amp;page=2&amp;lang=en"' in second
    chart = client.get("/matrix.svg?show=zzs&page=2")
    assert chart.status_code == 200 and chart.headers["content-type"].startswith("image/svg+xml")
    assert "(201–400 of " in chart.text, "the title says which rows of the whole matrix the chart holds"
    assert len(chart.content) < 2_000_000, "one page of rows, not the thousands of the official lists"
    assert client.get("/matrix.svg?show=zzs&page=999").status_code == 404


def test_every_iri_kind_dereferences_to_a_page(client: TestClient) -> None:
    for path in (
        "/listing/stockholm/annex-a/pfhxs",
        "/decision/sc-10-13",
        "/meeting/sc-cop-10",
        "/zzs/criterion/pfas-group",
        "/panel/topic/pfas",
        "/source/sc-text",
        "/graph/provenance",
        "/ontology",
    ):
        assert "<h1>" in page(client, path), path


@pytest.mark.parametrize(
    ("accept", "suffix", "media_type", "marker"),
    [
        ("text/turtle", "", "text/turtle", "@prefix"),
        ("application/n-triples", "", "application/n-triples", "<https://w3id.org/chemkg/substance/pfhxs>"),
        ("application/ld+json", "", "application/ld+json", '"@id"'),
        (None, ".ttl", "text/turtle", "@prefix"),
        (None, ".jsonld", "application/ld+json", '"@id"'),
        (None, ".nt", "application/n-triples", "<https://w3id.org/chemkg/substance/pfhxs>"),
    ],
)
def test_machines_get_rdf_by_accept_or_suffix(
    client: TestClient, accept: str | None, suffix: str, media_type: str, marker: str
) -> None:
    r = client.get("/substance/pfhxs" + suffix, headers={"accept": accept} if accept else {})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(media_type)
    assert marker in r.text
    # the description carries the labels of linked nodes (here the member's name)
    assert "Perfluorohexane sulfonic acid" in r.text


def test_unknown_iri_is_a_404_page_that_suggests_close_matches(client: TestClient) -> None:
    html = page(client, "/substance/pfhxz", status=404)
    assert "Perhaps you meant" in html
    assert 'href="/substance/pfhxs' in html
    api = client.get("/substance/pfhxz", headers={"accept": "application/json"})
    assert api.status_code == 404 and "pfhxs" in api.json()["error"]["detail"]


def test_unacceptable_format_is_406(client: TestClient) -> None:
    r = client.get("/substance/pfhxs", headers={"accept": "image/png"})
    assert r.status_code == 406


def test_home_page_has_one_search_box_and_every_instrument(client: TestClient) -> None:
    html = page(client, "/")
    assert html.count('type="search"') == 1
    assert 'href="/treaty/minamata"' in html and 'href="/treaty/montreal"' in html


def test_listing_counts_agree_between_the_home_page_the_treaty_pages_and_sparql(settings: Settings) -> None:
    # An instrument's count is its listings, not its annexes, articles and obligations as well, and each listing
    # once however many registers record it.
    ask = (
        "PREFIX ck: <https://w3id.org/chemkg/ontology#> SELECT (COUNT(DISTINCT ?fact) AS ?n) WHERE { ?l a ck:Listing ;"
        " ck:listedItem ?i ; ck:inAnnex ?a ; ck:listingStatus ?s . OPTIONAL { ?l ck:annexGroup ?g }"
        ' BIND(CONCAT(STR(?i), " ", STR(?a), " ", STR(?s), " ", COALESCE(STR(?g), "")) AS ?fact) }'
    )
    with TestClient(create_app(settings)) as c:  # its own cookie jar: the pages in English
        in_graph = int(c.get("/sparql", params={"query": ask}).json()["results"]["bindings"][0]["n"]["value"])
        assert f"{in_graph} listings" in text_of(page(c, "/"))
        instruments = c.get("/treaties", headers={"accept": "application/json"}).json()["instruments"]
        treaties = {i["id"]: i["listings"] for i in instruments}
        stockholm = text_of(page(c, "/treaty/stockholm"))
        assert f"Everything it lists ({treaties['stockholm']}" in stockholm


def test_a_search_shows_cards_with_kind_badges_and_the_reason_it_matched(client: TestClient) -> None:
    html = page(client, "/search?q=PFHxS")
    card = html.split('href="/substance/pfhxs"', 1)[1].split("</article>", 1)[0]
    assert 'href="/listing/stockholm/annex-a/pfhxs"' in card  # a badge per instrument and annex
    assert "Stockholm Convention A" in text_of(card)
    assert "ZZS" in text_of(card)
    assert "Matched" in text_of(card)
    only_groups = text_of(page(client, "/search?q=PFHxS&type=group"))
    assert "Perfluorohexane sulfonic acid (PFHxS), its salts" in only_groups


def test_a_search_that_finds_nothing_says_so_and_suggests(client: TestClient) -> None:
    text = text_of(page(client, "/search?q=zzqqxx-nothing"))
    assert "Nothing matched your search." in text or "Did you mean" in text


def test_a_negotiator_can_take_a_brief_from_the_substance_page(client: TestClient) -> None:
    html = page(client, "/substance/pfhxs?lang=nl")
    assert "/api/brief/substance/pfhxs?lang=nl&amp;format=docx" in html
    brief = client.get("/api/brief/substance/pfhxs?lang=nl&format=html")
    assert brief.status_code == 200 and "SC-10/13" in brief.text


def test_a_group_page_shows_its_members_listings_marked_and_a_member_page_its_groups(client: TestClient) -> None:
    pfas = text_of(page(client, "/substance/pfas?lang=en"))
    assert "through its member Perfluorooctane sulfonic acid" in pfas
    assert "more listings of members of this group are not shown here" in pfas  # 13 on the Candidate List
    tce = text_of(page(client, "/substance/trichloroethylene?lang=en"))
    assert "Halogenated organic solvents" in tce and "Basel Convention listed*" in tce


def test_a_dutch_reader_gets_exemptions_import_dates_and_close_matches_in_dutch(settings: Settings) -> None:
    dutch = {"accept": "text/html", "accept-language": "nl"}
    with TestClient(create_app(settings)) as c:  # its own cookie jar: another test's ?lang= choice would win
        expiring = text_of(c.get("/reports/expiring-exemptions", params={"years": 30}, headers=dutch).text)
        assert "Milieuverantwoord afvalbeheer van pcb-vloeistoffen" in expiring  # the exemption's Dutch name
        imports = text_of(c.get("/imports", headers=dutch).text)
        assert "newest inclusion date" not in imports and "date in the sheet name" not in imports
        missing = text_of(c.get("/substance/asbestos-fibres", headers=dutch).text)
        assert "komt overeen met" in missing and "matched" not in missing


def test_the_matrix_answers_json_at_the_same_address_a_page_at_a_time(client: TestClient) -> None:
    answer = client.get("/matrix", params={"show": "pfas"}, headers={"accept": "application/json"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/json")
    body = answer.json()
    assert body["filter"] == "pfas" and body["page"] == 1 and len(body["rows"]) <= body["total"]
    rows = [
        r
        for n in range(1, body["pages"] + 1)
        for r in client.get(f"/matrix?show=pfas&page={n}&format=json").json()["rows"]
    ]
    assert len(rows) == body["total"]
    pfhxs = next(r for r in rows if r["iri"].endswith("/substance/pfhxs"))
    stockholm = next(c for c in pfhxs["cells"] if c["instrument"].endswith("/treaty/stockholm"))
    assert stockholm["state"] == "listed" and any("stockholm/annex-a/pfhxs" in x for x in stockholm["listings"])


def test_the_zzs_routes_give_their_legal_basis_in_the_readers_language(settings: Settings) -> None:
    with TestClient(create_app(settings)) as c:
        dutch = text_of(c.get("/zzs", params={"lang": "nl"}, headers=BROWSER).text)
        assert "Verordening (EU) 2019/1021" in dutch and "Regulation (EU) 2019/1021" not in dutch
        english = text_of(c.get("/zzs", params={"lang": "en"}, headers=BROWSER).text)
        assert "Regulation (EU) 2019/1021" in english and "Verordening" not in english
