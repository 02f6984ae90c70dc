"""SHACL validation of the built graphs, with results mapped back to file, line and column."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.term import Node

from chemkg.build.rdf import node
from chemkg.registers.validate import Catalogue, Problem

SH = Namespace("http://www.w3.org/ns/shacl#")


def validate(data: Graph, shapes_path: Path) -> list[tuple[Node | None, Node | None, str, str | None]]:
    """SHACL results as (focus node, path, message, rule name)."""
    from pyshacl import validate as shacl_validate

    shapes = Graph().parse(shapes_path, format="turtle")
    conforms, report, _ = shacl_validate(data, shacl_graph=shapes, inference="none", advanced=False)
    if conforms:
        return []
    assert isinstance(report, Graph)
    results = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = str(report.value(result, SH.resultMessage) or "violates a shape")
        source_shape = report.value(result, SH.sourceShape)
        name = shapes.value(source_shape, SH.name) if source_shape is not None else None
        results.append((focus, path, message, str(name) if name is not None else None))
    return results


def shacl_problems(graphs: dict[str, Graph], shapes_path: Path, catalogue: Catalogue) -> list[Problem]:
    data = Graph()
    for graph in graphs.values():
        data += graph  # the ontology too: controlled values (ck:listed…) are typed there
    where: dict[URIRef, str] = {}
    for (kind, id_), row in catalogue.rows.items():
        where[node(kind, id_)] = row.where()
    problems = []
    for focus, path, message, rule in validate(data, shapes_path):
        place = where.get(focus, str(focus)) if isinstance(focus, URIRef) else str(focus)
        prop = f" [{path}]" if path is not None else ""
        problems.append(Problem(place + prop, f"{message} (rule {rule})" if rule else message))
    return sorted(problems, key=str)
