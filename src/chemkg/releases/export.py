"""``chemkg export``: a versioned dump of the store, described with DCAT and VoID.

The dump is written into a hidden folder and renamed into place, so a half-written export is
never listed. Files: N-Quads and TriG (named graphs kept), Turtle and JSON-LD (the union),
the curated CSV registers as they are, one CSV per import, ``catalog.ttl`` and ``manifest.json``.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL

from chemkg.imports.saved import ROWS, load_imports
from chemkg.namespaces import BASE, DATA_LICENCE, DCAT, PREFIXES, VOID
from chemkg.store import BUILD_INFO, GraphStore, build_info, open_store

MANIFEST = "manifest.json"
CATALOG = "catalog.ttl"
RDF_FILES = (
    ("chemkg.nq", ox.RdfFormat.N_QUADS, "application/n-quads", "All named graphs (N-Quads)", True),
    ("chemkg.trig", ox.RdfFormat.TRIG, "application/trig", "All named graphs (TriG)", True),
    ("chemkg.ttl", ox.RdfFormat.TURTLE, "text/turtle", "The union of all graphs (Turtle)", False),
    ("chemkg.jsonld", ox.RdfFormat.JSON_LD, "application/ld+json", "The union of all graphs (JSON-LD)", False),
)


class ExportFailed(Exception):
    """The export could not be written; nothing was left behind."""


@dataclass(frozen=True)
class Distribution:
    file: str
    title: str
    media_type: str
    bytes: int
    triples: int | None = None
    rows: int | None = None


@dataclass
class Release:
    version: str
    built_at: str
    git_revision: str | None
    folder: Path
    distributions: list[Distribution]

    def as_json(self) -> dict[str, object]:
        return {
            "version": self.version,
            "built_at": self.built_at,
            "git_revision": self.git_revision,
            "licence": str(DATA_LICENCE),
            "distributions": [asdict(d) for d in self.distributions],
        }


def release_version(info: dict[str, object]) -> str:
    """Build date and git revision, e.g. ``20261128T101500Z-3c1f2ab``."""
    built = datetime.fromisoformat(str(info["built_at"]))
    return f"{built.strftime('%Y%m%dT%H%M%SZ')}-{info.get('git_revision') or 'unversioned'}"


def union_triples(store: GraphStore) -> list[ox.Triple]:
    result = store.sparql("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(result, ox.QueryTriples)
    return list(result)


def csv_rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        return max(sum(1 for _ in csv.reader(handle)) - 1, 0)


def write_rdf(store: GraphStore, folder: Path) -> list[Distribution]:
    out = []
    quads = store.quad_count()
    triples = union_triples(store)
    prefixes = dict(PREFIXES)
    for name, fmt, media, title, dataset in RDF_FILES:
        path = folder / name
        if dataset:
            store.dump(path, fmt, prefixes=prefixes if fmt == ox.RdfFormat.TRIG else None)
        else:
            ox.serialize(triples, str(path), format=fmt, prefixes=prefixes if fmt != ox.RdfFormat.JSON_LD else None)
        out.append(Distribution(name, title, media, path.stat().st_size, quads if dataset else len(triples)))
    return out


def write_csv(graph_dir: Path, imports_dir: Path | None, folder: Path) -> list[Distribution]:
    out = []
    for source in sorted(graph_dir.rglob("*.csv")):
        rel = Path("csv") / source.relative_to(graph_dir)
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, folder / rel)
        title = f"Curated register {source.relative_to(graph_dir).with_suffix('').as_posix()} (CSV)"
        out.append(Distribution(rel.as_posix(), title, "text/csv", source.stat().st_size, rows=csv_rows(source)))
    for saved in load_imports(imports_dir):
        rel = Path("csv") / "import" / f"{saved.kind}.csv"
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(saved.folder / ROWS, folder / rel)
        title = f"Validated rows of the imported {saved.kind} list, version {saved.as_of} (CSV)"
        size = (folder / rel).stat().st_size
        out.append(Distribution(rel.as_posix(), title, "text/csv", size, rows=len(saved.records)))
    return out


def catalog_graph(release: Release, total: int) -> Graph:
    """DCAT and VoID: the dataset, its version and licence, each file with media type, size and triples."""
    g = Graph()
    g.bind("dcat", DCAT)
    g.bind("void", VOID)
    g.bind("dcterms", DCTERMS)
    dataset = URIRef(f"{BASE}release/{release.version}")
    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, DCTERMS.title, Literal(f"ChemKG release {release.version}", lang="en")))
    about = "Chemical substances, their treaty and EU listings, Dutch ZZS status and the ISP-CWP panel."
    g.add((dataset, DCTERMS.description, Literal(about, lang="en")))
    g.add((dataset, DCAT.version, Literal(release.version)))
    g.add((dataset, OWL.versionInfo, Literal(release.version)))
    g.add((dataset, DCTERMS.issued, Literal(release.built_at, datatype=XSD.dateTime)))
    g.add((dataset, DCTERMS.license, DATA_LICENCE))
    g.add((dataset, VOID.triples, Literal(total)))
    g.add((dataset, VOID.uriSpace, Literal(BASE)))
    g.add((dataset, DCTERMS.isVersionOf, URIRef(f"{BASE}dataset")))
    for d in release.distributions:
        dist = URIRef(f"{BASE}downloads/{release.version}/{d.file}")
        g.add((dataset, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(d.title, lang="en")))
        g.add((dist, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{d.media_type}")))
        g.add((dist, DCAT.byteSize, Literal(d.bytes, datatype=XSD.nonNegativeInteger)))
        g.add((dist, DCAT.downloadURL, dist))
        g.add((dist, DCTERMS.license, DATA_LICENCE))
        if d.triples is not None:
            g.add((dist, VOID.triples, Literal(d.triples)))
    return g


def export(
    store_path: Path, graph_dir: Path, imports_dir: Path | None, exports_dir: Path, output: Path | None = None
) -> Release:
    """Write the release of the current build to ``output`` (default ``<exports>/chemkg-<version>``)."""
    info = build_info(store_path)
    version = release_version(info)
    target = output or exports_dir / f"chemkg-{version}"
    if target.exists() and any(target.iterdir()):
        raise ExportFailed(f"{target} already exists and is not empty; choose another --output or remove it")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.parent / f".{target.name}.partial-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        store = open_store(store_path)
        distributions = write_rdf(store, staging) + write_csv(graph_dir, imports_dir, staging)
        del store
        release = Release(version, str(info["built_at"]), info.get("git_revision"), target, distributions)
        total = open_store(store_path).quad_count()
        catalog = catalog_graph(release, total)
        (staging / CATALOG).write_text(catalog.serialize(format="turtle"), encoding="utf-8")
        shutil.copyfile(store_path / BUILD_INFO, staging / BUILD_INFO)
        (staging / MANIFEST).write_text(json.dumps(release.as_json(), indent=2), encoding="utf-8")
        if target.exists():
            target.rmdir()
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return release


def read_release(folder: Path) -> Release | None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None
    dists = [Distribution(**d) for d in data["distributions"]]
    return Release(data["version"], data["built_at"], data.get("git_revision"), folder, dists)


def releases(exports_dir: Path) -> list[Release]:
    """Every complete export under ``exports_dir``, newest build first."""
    if not exports_dir.is_dir():
        return []
    found = [r for p in exports_dir.iterdir() if not p.name.startswith(".") and (r := read_release(p))]
    return sorted(found, key=lambda r: r.built_at, reverse=True)


def publish_first_release(
    store_path: Path, graph_dir: Path, imports_dir: Path | None, exports_dir: Path
) -> Release | None:
    """Export the current build when no release exists yet (``chemkg build`` calls this), so that downloads,
    changes and the feed have something to show from the first build on; None when there already is one."""
    if releases(exports_dir):
        return None
    return export(store_path, graph_dir, imports_dir, exports_dir)
