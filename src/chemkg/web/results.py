"""Writers for SPARQL results (JSON, XML, CSV, TSV) that stream rows to any ``write`` callable.

pyoxigraph can only serialise a whole ``QuerySolutions`` iterator; the endpoint needs to count rows
first (to cut at the result limit and say so in the headers), so it writes the formats itself.
Each writer follows its W3C recommendation; the tests parse every output back with pyoxigraph and rdflib.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from chemkg.namespaces import PREFIXES

Write = Callable[[bytes], object]
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None
Row = Sequence[Term]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _json_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> dict[str, object]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def write_json(variables: Sequence[str], rows: Sequence[Row], write: Write) -> None:
    write(b'{"head":{"vars":' + json.dumps(list(variables)).encode() + b'},"results":{"bindings":[')
    for i, row in enumerate(rows):
        binding = {v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None}
        write((b",\n" if i else b"\n") + json.dumps(binding, ensure_ascii=False).encode("utf-8"))
    write(b"\n]}}\n")


def _xml_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return (
        f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}</predicate>"
        f"<object>{_xml_term(term.object)}</object></triple>"
    )


XML_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'


def write_xml(variables: Sequence[str], rows: Sequence[Row], write: Write) -> None:
    head = "".join(f"<variable name={quoteattr(v)}/>" for v in variables)
    write(f"{XML_HEAD}<head>{head}</head>\n<results>\n".encode())
    for row in rows:
        bindings = "".join(
            f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
            for v, t in zip(variables, row, strict=True)
            if t is not None
        )
        write(f"<result>{bindings}</result>\n".encode())
    write(b"</results>\n</sparql>\n")


def _csv_value(term: Term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


def write_csv(variables: Sequence[str], rows: Sequence[Row], write: Write) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    for i, row in enumerate(rows, start=1):
        writer.writerow([_csv_value(t) for t in row])
        if i % 500 == 0:
            write(buffer.getvalue().encode("utf-8"))
            buffer.seek(0)
            buffer.truncate()
    write(buffer.getvalue().encode("utf-8"))


def _tsv_value(term: Term) -> str:
    # pyoxigraph prints terms in N-Triples syntax, which escapes tabs and line breaks inside literals.
    return "" if term is None else str(term)


def write_tsv(variables: Sequence[str], rows: Sequence[Row], write: Write) -> None:
    write(("\t".join(f"?{v}" for v in variables) + "\n").encode())
    for row in rows:
        write(("\t".join(_tsv_value(t) for t in row) + "\n").encode("utf-8"))


def write_boolean(value: bool, results_format: ox.QueryResultsFormat, write: Write) -> None:
    """An ASK answer; CSV and TSV have no boolean form in the recommendation, so they carry a bare true/false."""
    text = "true" if value else "false"
    if results_format == ox.QueryResultsFormat.JSON:
        write(b'{"head":{},"boolean":' + text.encode() + b"}\n")
    elif results_format == ox.QueryResultsFormat.XML:
        write(f"{XML_HEAD}<head/>\n<boolean>{text}</boolean>\n</sparql>\n".encode())
    else:
        write(text.encode() + b"\n")


WRITERS: dict[ox.QueryResultsFormat, Callable[[Sequence[str], Sequence[Row], Write], None]] = {
    ox.QueryResultsFormat.JSON: write_json,
    ox.QueryResultsFormat.XML: write_xml,
    ox.QueryResultsFormat.CSV: write_csv,
    ox.QueryResultsFormat.TSV: write_tsv,
}


def _compact(iri: str, prefixes: dict[str, str]) -> str:
    for prefix, namespace in prefixes.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            local = iri[len(namespace) :]
            if "/" not in local and "#" not in local and ":" not in local:
                return f"{prefix}:{local}"
    return iri


def _node_ref(term: ox.NamedNode | ox.BlankNode | ox.Triple, prefixes: dict[str, str]) -> str:
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode):
        return _compact(term.value, prefixes)
    raise ValueError("RDF-star triples have no JSON-LD 1.1 form")


def _jsonld_value(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple, prefixes: dict[str, str]) -> object:
    if isinstance(term, ox.Literal):
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype.value == XSD_STRING:
            return {"@value": term.value}
        return {"@value": term.value, "@type": _compact(term.datatype.value, prefixes)}
    return {"@id": _node_ref(term, prefixes)}


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def write_jsonld(triples: Sequence[ox.Triple], context: dict[str, object], write: Write) -> None:
    """JSON-LD with ChemKG's context (``/ontology/context.jsonld``): one node per subject, compact IRIs.

    Values stay in their explicit ``@id`` / ``@value`` form, so the document means the same with or
    without the context's term definitions.
    """
    prefixes = {k: v for k, v in context.items() if isinstance(v, str) and not k.startswith("@")}
    nodes: dict[str, dict[str, object]] = {}
    for triple in triples:
        subject = _node_ref(triple.subject, prefixes)
        node = nodes.setdefault(subject, {"@id": subject})
        if triple.predicate.value == RDF_TYPE and isinstance(triple.object, ox.NamedNode):
            types = node.setdefault("@type", [])
            assert isinstance(types, list)
            types.append(_compact(triple.object.value, prefixes))
            continue
        values = node.setdefault(_compact(triple.predicate.value, prefixes), [])
        assert isinstance(values, list)
        values.append(_jsonld_value(triple.object, prefixes))
    write(b'{"@context":' + json.dumps(context, ensure_ascii=False).encode("utf-8") + b',\n"@graph":[')
    for i, node in enumerate(nodes.values()):
        write((b",\n" if i else b"\n") + json.dumps(node, ensure_ascii=False).encode("utf-8"))
    write(b"\n]}\n")


def write_graph(
    triples: Sequence[ox.Triple], rdf_format: ox.RdfFormat, write: Write, context: dict[str, object] | None = None
) -> None:
    """A CONSTRUCT / DESCRIBE answer: JSON-LD with ChemKG's context, other formats with its prefixes."""
    if rdf_format == ox.RdfFormat.JSON_LD:
        write_jsonld(triples, context if context is not None else dict(PREFIXES), write)
        return
    with_prefixes = rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.N3, ox.RdfFormat.RDF_XML)
    body = ox.serialize(triples, format=rdf_format, prefixes=PREFIXES if with_prefixes else None)
    write(body or b"")
