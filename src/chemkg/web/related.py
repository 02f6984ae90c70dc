"""Related substances for a substance page, from the search index's stored vectors (no model, no searcher).

Pages work without an index: when none is built, the section is simply left out.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request

from chemkg.web.i18n import request_language

RELATED = 6


def related_for(request: Request, iri: str, k: int = RELATED) -> list[dict[str, Any]]:
    settings = request.app.state.settings
    from chemkg.search.indexer import MANIFEST

    if not (settings.index / MANIFEST).exists():
        return []
    from chemkg.search.neighbours import neighbours_for

    lang = request_language(request)
    found = neighbours_for(settings.index).related(iri, k=k, lang=lang)
    return [{"iri": n.iri, "type": n.type, "label": n.label, "score": n.similarity} for n in found]
