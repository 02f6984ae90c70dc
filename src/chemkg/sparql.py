"""What a SPARQL query asks for: the dataset it sees, its columns, federation, and its errors made short.

Used by :meth:`chemkg.store.GraphStore.sparql`, which the CLI and the HTTP endpoint (whose formats both
come from ``web/formats.py``) both call, so both answer a query the same way.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from chemkg.namespaces import PREFIXES


class QuerySyntaxError(ValueError):
    """The query does not parse; the message gives the parser's words and position."""


def strip_comments_and_strings(query: str) -> str:
    """The query with comments, strings and IRIs blanked out, for finding its form keyword."""
    out = re.sub(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', '""', query)
    out = re.sub(r"<[^<>\s]*>", "<>", out)
    return re.sub(r"#[^\n]*", "", out)


_DATASET_CLAUSE = re.compile(r"(?<![\w:?$])FROM\s+(?:NAMED\s+)?(?:<|[\w.-]*:)", re.IGNORECASE)
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE\b(?![:\w-])", re.IGNORECASE)


def declares_dataset(query: str) -> bool:
    """True when the query names its own dataset with FROM / FROM NAMED."""
    return bool(_DATASET_CLAUSE.search(strip_comments_and_strings(query)))


def uses_service(query: str) -> bool:
    """True when the query calls a remote endpoint with SERVICE (federation, which ChemKG refuses)."""
    return bool(_SERVICE.search(strip_comments_and_strings(query)))


def dataset_options(
    query: str, default_graphs: list[str] | None = None, named_graphs: list[str] | None = None
) -> dict[str, object]:
    """Which graphs the query sees, as pyoxigraph arguments.

    Protocol parameters (default-graph-uri / named-graph-uri) win over FROM clauses, FROM clauses
    win over the default; the default graph is the union of all named graphs.
    """
    if default_graphs is not None or named_graphs is not None:
        return {
            "default_graph": [ox.NamedNode(g) for g in default_graphs or []],
            "named_graphs": [ox.NamedNode(g) for g in named_graphs] if named_graphs is not None else None,
        }
    if declares_dataset(query):
        return {}
    return {"use_default_graph_as_union": True}


_POSITION = re.compile(r"^error at (\d+):(\d+): ?")
_PREFIXED_NAME = re.compile(r"([A-Za-z][\w.-]*)?:")
LONGEST_EXPECTED = 160


def explain_syntax_error(query: str, message: str) -> str:
    """The parser's message made short: the undeclared prefix by name, never a page of character ranges."""
    match = _POSITION.match(message)
    if not match:
        return message
    line, column = int(match.group(1)), int(match.group(2))
    where = f"line {line}, column {column}"
    rest = message[match.end() :]
    if "Prefix not found" in rest:
        prefix = _prefix_before(query, line, column)
        if prefix is not None:
            known = ", ".join(f"{p}:" for p in PREFIXES)
            return (
                f"the prefix `{prefix}:` is not declared ({where}); add `PREFIX {prefix}: <…>` before the query. "
                f"Declared for every query: {known}"
            )
    if len(rest) > LONGEST_EXPECTED:
        rest = rest[:LONGEST_EXPECTED].rsplit(",", 1)[0] + ", …"
    near = _text_at(query, line, column)
    return f"{rest} ({where}{f', near `{near}`' if near else ''})"


def _offset(query: str, line: int, column: int) -> int | None:
    lines = query.split("\n")
    if not 1 <= line <= len(lines):
        return None
    return sum(len(x) + 1 for x in lines[: line - 1]) + max(column - 1, 0)


def _prefix_before(query: str, line: int, column: int) -> str | None:
    """The prefix of the prefixed name that ends at (or spans) the parser's position."""
    offset = _offset(query, line, column)
    if offset is None:
        return None
    start = offset
    while start > 0 and (query[start - 1].isalnum() or query[start - 1] in "_.-:"):
        start -= 1
    found = _PREFIXED_NAME.match(query, start)
    if found is None:
        return None
    return found.group(1) or ""


def _text_at(query: str, line: int, column: int) -> str:
    offset = _offset(query, line, column)
    if offset is None:
        return ""
    return query[offset : offset + 20].split("\n")[0].strip()


_STAR = re.compile(r"\bSELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?\*", re.IGNORECASE)
_VARIABLE = re.compile(r"[?$]([A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)")


def column_order(query: str, variables: list[str]) -> list[str]:
    """The result's columns in the query's order.

    An explicit projection already has it; for ``SELECT *`` the engine sorts the names, so they are
    put back in the order in which the query first mentions them (as Jena and RDF4J answer).
    """
    cleaned = strip_comments_and_strings(query)
    star = _STAR.search(cleaned)
    if star is None:
        return variables
    first_seen: dict[str, int] = {}
    for found in _VARIABLE.finditer(cleaned, star.end()):
        first_seen.setdefault(found.group(1), found.start())
    return sorted(variables, key=lambda v: first_seen.get(v, len(cleaned)))
