"""Releases and change: an analyst downloads a versioned dump and sees what changed since the last build."""

from __future__ import annotations

import csv
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from typer.testing import CliRunner

from chemkg.build.pipeline import build
from chemkg.cli import app
from chemkg.releases.diff import diff_paths, text_report
from chemkg.releases.export import ExportFailed, export, releases
from chemkg.releases.feed import atom_feed, previous_snapshot
from chemkg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
DCAT = Namespace("http://www.w3.org/ns/dcat#")
VOID = Namespace("http://rdfs.org/ns/void#")
ATOM = "{http://www.w3.org/2005/Atom}"


def rewrite(path: Path, change: callable) -> dict[str, str]:  # type: ignore[valid-type]
    """Apply ``change`` to the rows of a register file; returns the row it changed."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames or []), list(reader)
    touched = change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return touched  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The curated graph built, then rebuilt after a listing changed status and a ZZS status was dropped."""
    tmp = tmp_path_factory.mktemp("releases")
    graph = tmp / "graph"
    # The curated registers only: the official lists would give the dropped substance a status of their own.
    shutil.copytree(ROOT / "graph", graph, ignore=shutil.ignore_patterns("official"))
    store = tmp / "data" / "store"
    build(graph, ROOT / "ontology", store)
    old = store.resolve()  # the build keeps it beside the next one

    def amend(rows: list[dict[str, str]]) -> dict[str, str]:
        row = next(r for r in rows if r["status"] == "listed")
        row["status"] = "amended"
        return row

    listing = rewrite(graph / "listings" / "stockholm.csv", amend)

    def drop_zzs(rows: list[dict[str, str]]) -> dict[str, str]:
        counts: dict[str, int] = {}
        for r in rows:
            counts[r["substance"]] = counts.get(r["substance"], 0) + 1
        rules = ("cmr-clp", "reach-svhc", "eu-pop", "ospar-lcpa")  # RIVM's rules would derive these again
        row = next(r for r in rows if counts[r["substance"]] == 1 and not any(c in r["criteria"] for c in rules))
        rows.remove(row)
        return row

    dropped = rewrite(graph / "zzs" / "status.csv", drop_zzs)
    build(graph, ROOT / "ontology", store)
    return {"old": old, "new": store, "graph": graph, "tmp": tmp, "listing": listing, "dropped": dropped}


@pytest.mark.slow
def test_a_listing_status_change_shows_in_the_diff(two_builds: dict[str, object]) -> None:
    diff = diff_paths(two_builds["old"], two_builds["new"])  # type: ignore[arg-type]
    listing = two_builds["listing"]
    assert isinstance(listing, dict)
    changed = [c for c in diff.changes if c.kind == "listing-status"]
    assert [(c.iri, c.old, c.new) for c in changed] == [
        (f"https://w3id.org/chemkg/listing/{listing['id']}", "listed", "amended")
    ]
    assert "Listing status changed (1):" in text_report(diff)


@pytest.mark.slow
def test_a_dropped_zzs_status_shows_as_a_zzs_removal(two_builds: dict[str, object]) -> None:
    diff = diff_paths(two_builds["old"], two_builds["new"])  # type: ignore[arg-type]
    dropped = two_builds["dropped"]
    assert isinstance(dropped, dict)
    removed = [c for c in diff.changes if c.kind == "zzs-removed"]
    assert [c.iri for c in removed] == [f"https://w3id.org/chemkg/substance/{dropped['substance']}"]
    assert diff.counts()["entity-added"] == diff.counts()["entity-removed"] == 0


@pytest.mark.slow
def test_identical_builds_have_no_changes(two_builds: dict[str, object]) -> None:
    diff = diff_paths(two_builds["new"], two_builds["new"])  # type: ignore[arg-type]
    assert diff.changes == []
    assert "no changes" in text_report(diff)


@pytest.mark.slow
def test_the_export_is_described_in_dcat_and_void_with_true_sizes(two_builds: dict[str, object]) -> None:
    tmp = two_builds["tmp"]
    assert isinstance(tmp, Path)
    release = export(two_builds["new"], two_builds["graph"], None, tmp / "exports")  # type: ignore[arg-type]
    folder = release.folder
    assert {"chemkg.nq", "chemkg.trig", "chemkg.ttl", "chemkg.jsonld", "catalog.ttl", "manifest.json"} <= {
        p.name for p in folder.iterdir()
    }
    assert (folder / "csv" / "listings" / "stockholm.csv").read_bytes() == (
        two_builds["graph"] / "listings" / "stockholm.csv"  # type: ignore[operator]
    ).read_bytes()
    catalog = Graph().parse(folder / "catalog.ttl")
    dataset = URIRef(f"https://w3id.org/chemkg/release/{release.version}")
    assert catalog.value(dataset, DCAT.version) == Literal(release.version)
    licence = URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert (dataset, URIRef("http://purl.org/dc/terms/license"), licence) in catalog
    nq = URIRef(f"https://w3id.org/chemkg/downloads/{release.version}/chemkg.nq")
    assert int(catalog.value(nq, DCAT.byteSize)) == (folder / "chemkg.nq").stat().st_size  # type: ignore[arg-type]
    assert int(catalog.value(nq, VOID.triples)) == open_store(two_builds["new"]).quad_count()  # type: ignore[arg-type]
    assert str(catalog.value(nq, DCAT.mediaType)).endswith("application/n-quads")
    assert len(list(catalog.objects(dataset, DCAT.distribution))) == len(release.distributions)
    assert releases(tmp / "exports")[0].version == release.version
    with pytest.raises(ExportFailed, match="already exists"):
        export(two_builds["new"], two_builds["graph"], None, tmp / "exports", output=folder)  # type: ignore[arg-type]


@pytest.mark.slow
def test_a_diff_against_a_dump_equals_the_diff_against_the_store(two_builds: dict[str, object]) -> None:
    tmp = two_builds["tmp"]
    assert isinstance(tmp, Path)
    old_release = export(two_builds["old"], two_builds["graph"], None, tmp / "old-exports")  # type: ignore[arg-type]
    from_dump = diff_paths(old_release.folder / "chemkg.nq", two_builds["new"])  # type: ignore[arg-type]
    from_store = diff_paths(two_builds["old"], two_builds["new"])  # type: ignore[arg-type]
    assert from_dump.changes == from_store.changes


@pytest.mark.slow
def test_the_atom_feed_has_one_entry_per_change_linking_to_its_page(two_builds: dict[str, object]) -> None:
    diff = diff_paths(two_builds["old"], two_builds["new"])  # type: ignore[arg-type]
    feed = ET.fromstring(atom_feed(diff, site="http://example.org"))
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(diff.changes)
    listing = two_builds["listing"]
    assert isinstance(listing, dict)
    status = next(e for e in entries if e.find(f"{ATOM}title").text.startswith("Listing status changed"))  # type: ignore[union-attr]
    assert status.find(f"{ATOM}link").get("href") == f"http://example.org/listing/{listing['id']}"  # type: ignore[union-attr]


@pytest.mark.slow
def test_the_feed_compares_with_the_previous_build_kept_beside_the_store(two_builds: dict[str, object]) -> None:
    new, old = two_builds["new"], two_builds["old"]
    assert isinstance(new, Path)
    assert previous_snapshot(new, new.parent / "no-exports") == old
    assert previous_snapshot(old, new.parent / "no-exports") is None  # nothing older than the first build


@pytest.mark.slow
def test_the_cli_diff_writes_json(two_builds: dict[str, object]) -> None:
    result = CliRunner().invoke(app, ["diff", str(two_builds["old"]), str(two_builds["new"]), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["counts"]["listing-status"] == 1


def test_the_cli_diff_refuses_what_is_not_a_build(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["diff", str(tmp_path), str(tmp_path)])
    assert result.exit_code == 1
    assert "neither a built store, an export folder nor an N-Quads file" in result.output
