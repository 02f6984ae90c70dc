"""A query worker: a process that opens the store read-only and answers queries sent over a socket.

pyoxigraph cannot interrupt a running query, so queries run here, where the server can kill the
whole process at the time limit (or after an engine crash) and start a fresh one.

Frames are ``!IB`` (payload length, kind) followed by the payload. The server sends ``Q`` (a
pickled :class:`Job`); the worker answers ``R`` (a whole small reply: pickled ``(meta, body)``) or
``H`` (pickled meta) + ``C`` chunks + ``E``. It says ``O`` once the store is open, ``X`` if it cannot.
"""

from __future__ import annotations

import os
import pickle
import socket
import struct
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from chemkg.namespaces import BASE
from chemkg.sparql import QuerySyntaxError, column_order
from chemkg.store import GraphStore, open_store
from chemkg.web.errors import BadRequest, ChemKGError, MalformedQuery, NotAcceptable, QueryEngineFailure
from chemkg.web.formats import BY_MEDIA_TYPE
from chemkg.web.pages.ontology import chemkg_context
from chemkg.web.results import WRITERS, write_boolean, write_graph

HEADER = struct.Struct("!IB")
CHUNK = 64 * 1024
JOB, READY, FAILED, REPLY, HEAD, BODY, END = b"Q", b"O", b"X", b"R", b"H", b"C", b"E"


@dataclass(frozen=True)
class Job:
    """One query and what the server negotiated for each kind of answer (None: nothing acceptable)."""

    query: str
    results_type: str | None
    graph_type: str | None
    limit: int
    default_graphs: list[str] | None = None
    named_graphs: list[str] | None = None
    base_iri: str = BASE  # what relative IRIs in the query resolve against: the endpoint's URL


@dataclass
class Meta:
    """The head of a reply: HTTP status, media type, rows sent, whether the limit cut the answer."""

    status: int = 200
    media_type: str = ""
    rows: int = 0
    truncated: bool = False
    title: str = ""
    detail: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def send_frame(sock: socket.socket, kind: bytes, payload: bytes = b"") -> None:
    sock.sendall(HEADER.pack(len(payload), kind[0]) + payload)


def recv_exactly(sock: socket.socket, size: int) -> bytes:
    chunks = []
    while size:
        chunk = sock.recv(min(size, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


class FrameWriter:
    """A binary file-like object: small answers go out as one ``R`` frame, large ones as chunks."""

    def __init__(self, sock: socket.socket, meta: Meta) -> None:
        self.sock, self.meta = sock, meta
        self.buffer = bytearray()
        self.streaming = False

    def write(self, data: bytes) -> int:
        self.buffer += data
        if len(self.buffer) >= CHUNK:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if not self.streaming:
            send_frame(self.sock, HEAD, pickle.dumps(self.meta))
            self.streaming = True
        if self.buffer:
            send_frame(self.sock, BODY, bytes(self.buffer))
            self.buffer.clear()

    def close(self) -> None:
        if self.streaming:
            self.flush()
            send_frame(self.sock, END)
        else:
            send_frame(self.sock, REPLY, pickle.dumps((self.meta, bytes(self.buffer))))


def refuse(sock: socket.socket, error: ChemKGError) -> None:
    """Reply with an error of the service's one hierarchy; the server raises it again as it is."""
    send_frame(sock, REPLY, pickle.dumps((Meta(status=error.status, title=error.title, detail=error.detail), b"")))


def not_acceptable(sock: socket.socket, kind: str, offered: str) -> None:
    refuse(sock, NotAcceptable(f"A {kind} query answers in {offered}; the request accepts none of these."))


def answer(
    store: GraphStore, job: Job, sock: socket.socket, context: Callable[[], dict[str, object]] | None = None
) -> None:
    """Run one job and send its reply; errors that are the query's fault become 400s.

    ``context`` gives the store's JSON-LD context (the worker reads it once for all its jobs)."""
    writer: FrameWriter | None = None
    try:
        result = store.sparql(job.query, job.default_graphs, job.named_graphs, base_iri=job.base_iri)
        if isinstance(result, ox.QueryBoolean):
            if job.results_type is None:
                return not_acceptable(sock, "ASK", "SPARQL results formats")
            fmt = BY_MEDIA_TYPE[job.results_type].results
            assert fmt is not None
            writer = FrameWriter(sock, Meta(media_type=job.results_type, rows=1))
            write_boolean(bool(result), fmt, writer.write)
        elif isinstance(result, ox.QuerySolutions):
            if job.results_type is None:
                return not_acceptable(sock, "SELECT", "SPARQL results formats")
            fmt = BY_MEDIA_TYPE[job.results_type].results
            assert fmt is not None
            variables = column_order(job.query, [v.value for v in result.variables])
            rows = [[s[v] for v in variables] for s in islice(result, job.limit + 1)]
            meta = Meta(media_type=job.results_type, rows=min(len(rows), job.limit), truncated=len(rows) > job.limit)
            writer = FrameWriter(sock, meta)
            WRITERS[fmt](variables, rows[: job.limit], writer.write)
        else:
            if job.graph_type is None:
                return not_acceptable(sock, "CONSTRUCT or DESCRIBE", "RDF formats")
            rdf = BY_MEDIA_TYPE[job.graph_type].rdf
            assert rdf is not None
            triples = list(islice(result, job.limit + 1))
            meta = Meta(
                media_type=job.graph_type, rows=min(len(triples), job.limit), truncated=len(triples) > job.limit
            )
            writer = FrameWriter(sock, meta)
            jsonld = (context or (lambda: chemkg_context(store)))() if rdf == ox.RdfFormat.JSON_LD else None
            write_graph(triples[: job.limit], rdf, writer.write, jsonld)
    except QuerySyntaxError as exc:
        return refuse(sock, MalformedQuery(f"The query does not parse: {exc}."))
    except ValueError as exc:
        if writer is not None and writer.streaming:
            raise  # the head is out: only dropping the connection can tell the client the body is incomplete
        # A value the engine refuses (a bad IRI among the dataset's graphs, …) is the query's fault.
        return refuse(sock, BadRequest(f"The query could not be evaluated: {exc}.", title="Query failed"))
    except Exception as exc:  # OSError, RuntimeError, TypeError, …: a fault of the engine or of ChemKG
        traceback.print_exc(file=sys.stderr)  # the worker shares the server's stderr: the log has the traceback
        if writer is not None and writer.streaming:
            raise
        return refuse(sock, QueryEngineFailure(f"The query engine failed on this query ({type(exc).__name__}: {exc})."))
    writer.close()


def serve(sock: socket.socket, store_path: str) -> None:
    """The worker's main loop: open the store, then answer jobs until the server hangs up."""
    try:
        store = open_store(Path(store_path))
    except Exception as exc:
        send_frame(sock, FAILED, str(exc).encode())
        return
    send_frame(sock, READY)
    context = cache(lambda: chemkg_context(store))  # this process serves this one store for its life
    while True:
        try:
            size, kind = HEADER.unpack(recv_exactly(sock, HEADER.size))
            payload = recv_exactly(sock, size)
        except (EOFError, OSError):
            return
        if kind == JOB[0]:
            answer(store, pickle.loads(payload), sock, context)


def main() -> None:
    """Entry point of a worker process: ``python -c '…main()' FD STORE`` (FD: the socket to the server)."""
    os.environ.setdefault("RUST_BACKTRACE", "0")
    serve(socket.socket(fileno=int(sys.argv[1])), sys.argv[2])
