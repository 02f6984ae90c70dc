"""Reading a SPARQL 1.1 Protocol request: where the query is, which dataset, which format.

Each rule of https://www.w3.org/TR/sparql11-protocol/ that a request can break has its own error
message, naming the rule, so a client author can fix the request from the message alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

import pyoxigraph as ox
from fastapi import Request

from chemkg.web.errors import BadRequest, PayloadTooLarge, UnsupportedMediaType

MAX_REQUEST_BYTES = 1_000_000
FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"
# Not in the protocol, but what clients send instead of (or besides) Accept: Virtuoso reads `format`,
# Joseki `output`, Rasqal `results`; SPARQLWrapper sends all three, with a name and a media type each.
FORMAT_PARAMETERS = ("format", "output", "results")


@dataclass(frozen=True)
class ProtocolRequest:
    """What a request asks: a query or an update (or neither: describe the service), and its dataset."""

    query: str | None = None
    update: str | None = None
    default_graphs: list[str] | None = None
    named_graphs: list[str] | None = None
    formats: tuple[str, ...] = ()

    @property
    def format(self) -> str | None:
        """The first format name asked for, for answers that are not query results (the service description)."""
        return self.formats[0] if self.formats else None


def _one(params: list[tuple[str, str]], name: str) -> str | None:
    values = [v for k, v in params if k == name]
    if len(values) > 1:
        raise BadRequest(
            f"The request gives `{name}` {len(values)} times; the SPARQL 1.1 Protocol allows exactly one "
            f"`{name}` per request."
        )
    return values[0] if values else None


def _graphs(params: list[tuple[str, str]], name: str) -> list[str] | None:
    values = [v for k, v in params if k == name]
    for value in values:
        try:
            ox.NamedNode(value)
        except ValueError:
            raise BadRequest(f"`{name}` must be an absolute IRI; {value!r} is not one.") from None
    return values or None


def _media_type(request: Request) -> tuple[str, str | None]:
    header = request.headers.get("content-type", "")
    media_type, *params = (part.strip() for part in header.split(";"))
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media_type.lower(), charset


async def _body_text(request: Request, charset: str | None) -> str:
    if charset not in (None, "utf-8", "utf8"):
        raise UnsupportedMediaType(f"The request body must be UTF-8 (SPARQL 1.1 Protocol); it declares {charset}.")
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > MAX_REQUEST_BYTES:
        raise PayloadTooLarge(f"The request body is larger than {MAX_REQUEST_BYTES:,} bytes.")
    body = await request.body()
    if len(body) > MAX_REQUEST_BYTES:
        raise PayloadTooLarge(f"The request body is larger than {MAX_REQUEST_BYTES:,} bytes.")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"The request body is not valid UTF-8 (byte {exc.start}).") from None


def _finish(params: list[tuple[str, str]], query: str | None, update: str | None) -> ProtocolRequest:
    if query is not None and update is not None:
        raise BadRequest("A request carries either `query` or `update`, not both (SPARQL 1.1 Protocol).")
    for text, name in ((query, "query"), (update, "update")):
        if text is not None and not text.strip():
            raise BadRequest(f"`{name}` is empty; send the SPARQL text as its value.")
    return ProtocolRequest(
        query=query,
        update=update,
        default_graphs=_graphs(params, "default-graph-uri"),
        named_graphs=_graphs(params, "named-graph-uri"),
        formats=_format_names(params),
    )


def _format_names(params: list[tuple[str, str]]) -> tuple[str, ...]:
    """Every format name given under any of the usual parameters, once each, empty ones dropped.

    Whether they agree is decided when the answer's kind is known (``xml`` and
    ``application/rdf+xml`` agree for a CONSTRUCT, not for a SELECT).
    """
    names = (v.strip() for k, v in params if k in FORMAT_PARAMETERS)
    return tuple(dict.fromkeys(n for n in names if n))


def read_get(request: Request) -> ProtocolRequest:
    """``GET /sparql?query=…``: everything is in the URL."""
    params = request.query_params.multi_items()
    if any(k == "update" for k, _ in params):
        raise BadRequest("SPARQL Update must be sent with POST, never GET (SPARQL 1.1 Protocol §2.2).")
    return _finish(params, _one(params, "query"), None)


async def read_post(request: Request) -> ProtocolRequest:
    """``POST /sparql``: a form, or the query (or update) directly as the body."""
    url_params = request.query_params.multi_items()
    media_type, charset = _media_type(request)
    if media_type == FORM:
        form = parse_qsl(await _body_text(request, charset), keep_blank_values=True)
        for name in ("query", "update"):
            if any(k == name for k, _ in url_params) and any(k == name for k, _ in form):
                raise BadRequest(f"`{name}` is given both in the URL and in the body; send it once, in the body.")
        params = url_params + form
        return _finish(params, _one(params, "query"), _one(params, "update"))
    if media_type in (QUERY_BODY, UPDATE_BODY):
        for name in ("query", "update"):
            if any(k == name for k, _ in url_params):
                raise BadRequest(
                    f"`{name}` is given in the URL while the body is {media_type}; "
                    "send the SPARQL text once, as the body."
                )
        text = await _body_text(request, charset)
        if media_type == QUERY_BODY:
            return _finish(url_params, text, None)
        return _finish(url_params, None, text)
    shown = media_type or "no Content-Type"
    raise UnsupportedMediaType(f"A POST to /sparql must be {FORM}, {QUERY_BODY} or {UPDATE_BODY}; this one is {shown}.")
