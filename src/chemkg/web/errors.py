"""One error design: exceptions that carry their status; ``error_pages.py`` turns them into answers.

Everything that can fail a request raises one of these (routes, the query pool, the worker's replies);
this module imports nothing else of ChemKG but its table of sentences, so any module can raise them
without an import cycle.
Only faults of ChemKG itself become 500s, and only those are logged with a traceback.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from chemkg.web.error_text import ERROR_STRINGS


class ChemKGError(Exception):
    """An answer that is not a success: status, a short title and a sentence the user can act on."""

    status = 500
    title = "Internal error"

    def __init__(
        self,
        detail: str,
        *,
        status: int | None = None,
        title: str | None = None,
        headers: Mapping[str, str] | None = None,
        dutch: str | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.dutch = dutch  # the detail in Dutch, for a page shown in Dutch
        if status is not None:
            self.status = status
        if title is not None:
            self.title = title
        self.headers = dict(headers or {})

    @classmethod
    def say(cls, key: str, /, **params: Any) -> Self:
        """The error with the sentence ``key`` of ``error_text.py`` in English and Dutch, filled with ``params``."""
        english, dutch = ERROR_STRINGS[key]
        return cls(english.format(**params), dutch=dutch.format(**params))


class BadRequest(ChemKGError):
    status, title = 400, "Bad request"


class MalformedQuery(BadRequest):
    title = "Malformed query"


class Forbidden(ChemKGError):
    status, title = 403, "Forbidden"


class NotFound(ChemKGError):
    status, title = 404, "Not found"


class NotAcceptable(ChemKGError):
    status, title = 406, "Not acceptable"


class PayloadTooLarge(ChemKGError):
    status, title = 413, "Request too large"


class UnsupportedMediaType(ChemKGError):
    status, title = 415, "Unsupported media type"


class Unavailable(ChemKGError):
    """503: the client may retry; ``retry_after`` seconds go into the Retry-After header."""

    status, title = 503, "Service unavailable"

    def __init__(self, detail: str, *, retry_after: int = 1, title: str | None = None) -> None:
        super().__init__(detail, title=title, headers={"Retry-After": str(retry_after)})


class QueryEngineFailure(ChemKGError):
    """A fault of the query engine or its worker, not of the query: answered 500 and logged."""

    status, title = 500, "Query engine failure"
