"""The web side of imports and releases: an analyst sees the imported lists, downloads a dump and
follows the changes feed, in HTML and in JSON."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from chemkg.build.pipeline import build
from chemkg.build.with_import import run_import
from chemkg.releases.export import export
from chemkg.settings import load_settings
from chemkg.web.app import create_app
from test_imports import RIVM_HEADER, RIVM_ROWS, write_xlsx

pytestmark = pytest.mark.slow  # a build, an import and an export of its own

ROOT = Path(__file__).resolve().parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"
HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A curated build, then a rebuild with a small RIVM list imported, then an export of it."""
    data = tmp_path_factory.mktemp("web-releases")
    settings = load_settings(
        graph_dir=ROOT / "graph", ontology_dir=ROOT / "ontology", data_dir=data, imports_dir=data / "official"
    )
    build(settings.graph_dir, settings.ontology_dir, settings.store, imports=[])  # curated only, then the import
    rivm = write_xlsx(data / "ZZS_smiles_20230718.xlsx", "ZZS lijst 18-7-2023", RIVM_HEADER, RIVM_ROWS)
    run_import(
        "rivm-zzs",
        rivm,
        graph_dir=settings.graph_dir,
        ontology_dir=settings.ontology_dir,
        store_path=settings.store,
        imports_dir=settings.imports,
    )
    export(settings.store, settings.graph_dir, settings.imports, settings.exports)
    with TestClient(create_app(settings)) as c:
        yield c


def test_the_imports_page_lists_the_rivm_list_with_its_version_and_rejections(client: TestClient) -> None:
    body = client.get("/imports", headers={"accept": "application/json"}).json()
    [item] = body["imports"]
    assert (item["kind"], item["as_of"], item["rows_read"], item["rows_rejected"]) == ("rivm-zzs", "2023-07-18", 5, 2)
    assert item["in_store"]["linked"] == {"cas": 2, "new": 1}
    assert body["zzs"]["confirmed"] == 1
    page = client.get("/imports", headers=HTML)
    assert page.status_code == 200
    assert "2023-07-18" in page.text and 'href="/imports/rivm-zzs#rejected"' in page.text


def test_each_rejected_row_is_shown_with_its_row_and_reason(client: TestClient) -> None:
    body = client.get("/imports/rivm-zzs?format=json").json()
    assert body["rejected"][0] == {
        "file": "ZZS_smiles_20230718.xlsx",
        "row": 4,
        "reason": "CAS 50-00-1 fails its checksum (check digit should be 0, not 1)",
    }
    assert [i["label"] for i in body["zzs"]["confirmed"]] == ["Chlorpyrifos"]
    page = client.get("/imports/rivm-zzs", headers=HTML).text
    assert "CAS 50-00-1 fails its checksum" in page


def test_an_import_that_does_not_exist_is_a_404_that_names_the_kinds(client: TestClient) -> None:
    response = client.get("/imports/echa-everything", headers={"accept": "application/json"})
    assert response.status_code == 404
    assert "rivm-zzs, echa-candidate-list" in response.json()["error"]["detail"]


def test_downloads_list_the_export_and_serve_its_files(client: TestClient) -> None:
    [release] = client.get("/downloads?format=json").json()["releases"]
    files = {d["file"]: d for d in release["distributions"]}
    assert files["csv/import/rivm-zzs.csv"]["rows"] == 3
    nq = client.get(f"/downloads/{release['version']}/chemkg.nq")
    assert nq.status_code == 200 and nq.headers["content-type"].startswith("application/n-quads")
    assert len(nq.content) == files["chemkg.nq"]["bytes"]
    assert client.get(f"/downloads/{release['version']}/../build.json").status_code == 404
    assert "chemkg.jsonld" in client.get("/downloads", headers=HTML).text


def test_changes_since_the_previous_build_show_the_imported_zzs_substance(client: TestClient) -> None:
    body = client.get("/changes", headers={"accept": "application/json"}).json()
    added = [c for c in body["changes"] if c["kind"] == "zzs-added"]
    assert [c["iri"] for c in added] == ["https://w3id.org/chemkg/substance/import-cas-22248-79-9"]
    assert body["counts"]["listing-status"] == 0
    assert "tetrachlorvinphos" in client.get("/changes", headers=HTML).text


def test_the_atom_feed_carries_the_same_changes_and_every_page_links_to_it(client: TestClient) -> None:
    response = client.get("/feed.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    kinds = [e.find(f"{ATOM}category").get("term") for e in entries]  # type: ignore[union-attr]
    titles = [e.findtext(f"{ATOM}title") for e, kind in zip(entries, kinds, strict=True) if kind != "release"]
    assert "New ZZS status: tetrachlorvinphos (zzs)" in titles
    changes = client.get("/changes?format=json").json()["changes"]
    assert len(titles) == min(len(changes), 500), "the feed holds the first 500 changes"
    assert kinds.count("release") == 1, "and announces the one exported release"
    assert 'type="application/atom+xml"' in client.get("/imports", headers=HTML).text
