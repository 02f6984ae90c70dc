"""``chemkg build``: registers → RDF → validation → store, swapped in only when all is well."""

from __future__ import annotations

import json
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from chemkg import __version__
from chemkg.build.rdf import node, ontology_graph, register_graph
from chemkg.build.shacl import shacl_problems
from chemkg.build.swap import discard, new_build_dir, swap_in
from chemkg.imports.graph import add_imports
from chemkg.imports.saved import SavedImport, load_imports
from chemkg.imports.zzs_rules import GRAPH as RULES_GRAPH
from chemkg.imports.zzs_rules import rule_graph
from chemkg.namespaces import CK, DATA_LICENCE, ONTOLOGY_GRAPH, VOID, graph_iri
from chemkg.registers.files import OFFICIAL, Register
from chemkg.registers.validate import Catalogue, Problem, load
from chemkg.store import BUILD_INFO, save_tables, write_quads

Progress = Callable[[str, int, int], None]


class BuildFailed(Exception):
    """Validation found problems; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass
class BuildReport:
    store: Path
    seconds: float
    triples: dict[str, int] = field(default_factory=dict)
    entities: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.triples.values())


def compile_graphs(
    graph_dir: Path, ontology_dir: Path, progress: Progress | None = None
) -> tuple[Catalogue, dict[str, Graph], list[Problem]]:
    """Read, check and convert every register; returns the RDF per named graph and all problems."""
    catalogue, problems = load(graph_dir)
    graphs: dict[str, Graph] = {}
    if problems:
        return catalogue, graphs, problems
    total = len(catalogue.registers)
    for i, register in enumerate(catalogue.registers, start=1):
        if progress:
            progress(register.name, i, total)
        graphs[register.name] = register_graph(register, catalogue)
    graphs["ontology"] = ontology_graph(str(ontology_dir / "chemkg.ttl"))
    problems += shacl_problems(graphs, ontology_dir / "shapes.ttl", catalogue)
    return catalogue, graphs, problems


def provenance_graph(catalogue: Catalogue, graphs: dict[str, Graph], built_at: str, root: Path) -> Graph:
    """One description per named graph: what file, which sources, how large, when built."""
    g = Graph()
    by_name: dict[str, Register] = {r.name: r for r in catalogue.registers}
    for name, graph in graphs.items():
        gi = graph_iri(name)
        g.add((gi, RDF.type, CK.Register))
        g.add((gi, RDF.type, VOID.Dataset))
        g.add((gi, RDF.type, PROV.Entity))
        g.add((gi, RDFS.label, Literal(f"ChemKG register {name}", lang="en")))
        g.add((gi, VOID.triples, Literal(len(graph))))
        g.add((gi, PROV.generatedAtTime, Literal(built_at, datatype=XSD.dateTime)))
        g.add((gi, DCTERMS.license, DATA_LICENCE))
        register = by_name.get(name)
        if register is None:
            g.add((gi, CK.sourceFile, Literal("ontology/chemkg.ttl")))
            continue
        g.add((gi, CK.sourceFile, Literal(register.path.relative_to(root.parent).as_posix())))
        sources = sorted({s for row in register.rows for s in row.many("source")})
        dates = []
        for source in sources:
            g.add((gi, DCTERMS.source, node("sources", source)))
            row = catalogue.get("sources", source)
            if row is not None:
                dates.append(row.get("date"))
        if dates:
            # The register is as current as the newest source it cites.
            g.add((gi, DCTERMS.modified, Literal(max(dates))))
    return g


def describe_rules(prov: Graph, triples: int, built_at: str) -> None:
    gi = graph_iri(RULES_GRAPH)
    for t in (CK.Register, VOID.Dataset, PROV.Entity):
        prov.add((gi, RDF.type, t))
    prov.add(
        (gi, RDFS.label, Literal("ChemKG: ZZS status by RIVM's rules, for every substance not curated", lang="en"))
    )
    prov.add((gi, VOID.triples, Literal(triples)))
    prov.add((gi, PROV.generatedAtTime, Literal(built_at, datatype=XSD.dateTime)))
    prov.add((gi, DCTERMS.license, DATA_LICENCE))
    prov.add((gi, CK.sourceFile, Literal("src/chemkg/imports/zzs_rules.py (rules over the listings of this build)")))


def git_revision(root: Path) -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, timeout=5
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def write_store(path: Path, graphs: dict[str, Graph]) -> None:
    """Every graph in its named graph (the ontology in its own), written in one go."""
    quads: list[ox.Quad] = []
    for name, graph in graphs.items():
        target = ox.NamedNode(str(ONTOLOGY_GRAPH if name == "ontology" else graph_iri(name)))
        data = graph.serialize(format="nt", encoding="utf-8")
        quads.extend(ox.Quad(t.subject, t.predicate, t.object, target) for t in ox.parse(data, ox.RdfFormat.N_TRIPLES))
    write_quads(path, quads)


def count_entities(graphs: dict[str, Graph]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for name, graph in graphs.items():
        if name in ("ontology", "provenance"):
            continue
        for _, _, cls in graph.triples((None, RDF.type, None)):
            if isinstance(cls, URIRef) and str(cls).startswith(str(CK)):
                counts[str(cls)[len(str(CK)) :]] += 1
    return dict(sorted(counts.items()))


def build(
    graph_dir: Path,
    ontology_dir: Path,
    store_path: Path,
    progress: Progress | None = None,
    imports: Sequence[SavedImport] | None = None,
) -> BuildReport:
    """Build the store from the registers and the official lists, or raise ``BuildFailed`` leaving the old store.

    ``imports`` defaults to the newest edition of every list under ``<graph_dir>/official``.
    """
    started = time.perf_counter()
    if imports is None:
        imports = load_imports(graph_dir / OFFICIAL)
    catalogue, graphs, problems = compile_graphs(graph_dir, ontology_dir, progress)
    if problems:
        raise BuildFailed(problems)
    built_at = datetime.now(UTC).replace(microsecond=0).isoformat()
    graphs["provenance"] = provenance_graph(catalogue, graphs, built_at, graph_dir)
    summaries, problems = add_imports(graphs, catalogue, list(imports), built_at)
    if problems:
        raise BuildFailed(problems)
    graphs[RULES_GRAPH] = rule_graph(graphs, catalogue)
    describe_rules(graphs["provenance"], len(graphs[RULES_GRAPH]), built_at)
    target = new_build_dir(store_path)
    try:
        write_store(target, graphs)
        save_tables(target)
        report = BuildReport(
            store_path,
            0.0,
            {str(graph_iri(n) if n != "ontology" else ONTOLOGY_GRAPH): len(g) for n, g in graphs.items()},
            count_entities(graphs),
        )
        info = {
            "built_at": built_at,
            "chemkg_version": __version__,
            "git_revision": git_revision(graph_dir),
            "triples": report.total,
            "graphs": report.triples,
            "entities": report.entities,
            "imports": {s.kind: asdict(s) for s in summaries},
        }
        (target / BUILD_INFO).write_text(json.dumps(info, indent=2), encoding="utf-8")
        swap_in(target, store_path)
    except BaseException:
        discard(target)
        raise
    report.seconds = time.perf_counter() - started
    return report
