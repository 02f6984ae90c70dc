"""IRIs and literals every graph writer shares (the curated build and the official-list imports).

Kept apart from ``chemkg.build`` so that ``chemkg.imports`` can write its graphs without importing the
build, which itself reads the imports.
"""

from __future__ import annotations

import re

from rdflib import XSD, Literal, URIRef

from chemkg.namespaces import iri
from chemkg.registers.kinds import KINDS


def node(kind: str, id_: str) -> URIRef:
    return iri(KINDS[kind].path.format(id=id_))


def date_literal(value: str) -> Literal:
    """YYYY → xsd:gYear, YYYY-MM → xsd:gYearMonth, else xsd:date: never invent a day or month."""
    if re.fullmatch(r"\d{4}", value):
        return Literal(value, datatype=XSD.gYear)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value, datatype=XSD.date)
