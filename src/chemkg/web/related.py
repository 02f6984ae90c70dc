"""Related substances for a substance page, from the search index's stored vectors (no model, no searcher).

Pages work without an index: when the build has no usable one, the section is simply left out.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request

from chemkg.web.i18n import request_language
from chemkg.web.live import Build

RELATED = 6


def related_for(request: Request, build: Build, iri: str, k: int = RELATED) -> list[dict[str, Any]]:
    neighbours = build.neighbours()
    if neighbours is None:
        return []
    lang = request_language(request)
    found = neighbours.related(iri, k=k, lang=lang)
    return [{"iri": n.iri, "type": n.type, "label": n.label, "score": n.similarity} for n in found]
