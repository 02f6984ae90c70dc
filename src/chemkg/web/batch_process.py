"""Batches run in a process of their own, so a 10,000-row upload never holds up the pages.

Reading, looking up and rendering a batch is seconds of pure Python. In a thread of the server it
shared the interpreter lock with every page handler (a substance page took up to 420 ms meanwhile);
in a process of its own it runs on another core. Each live build has one such process
(``Build.batch_process`` in ``live.py``): a fresh interpreter that opens the same store read-only
and builds the batch index from it (the tables saved beside the store), as ``chemkg batch`` does.
It starts when someone opens the batch page or posts the first batch, answers one batch at a time
at a lower priority than the server's (nice +5), and stops when a newer build replaces its own.

Bad input comes back as the reader's message (a 400). A process that dies is a logged 500 and is
replaced; one that runs past the time limit is stopped and replaced (a 503), so a request never hangs.
The CLI runs its batch in its own process already and does not use this.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import multiprocessing
import os
import threading
import time
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from chemkg.reports.batch_input import BatchInputError, read_values
from chemkg.web.errors import BadRequest, ChemKGError, Unavailable

if TYPE_CHECKING:
    from chemkg.reports.batch import BatchLookup, BatchRow

log = logging.getLogger("chemkg.web.batch")
TIME_LIMIT_S = 300.0  # from posting to the answer, the process's start included
STOP_WAIT_S = 5.0
# Below the server's priority: where the two compete for a core (more server processes, a busy machine), a page
# is served before the bulk work of a batch goes on.
NICENESS = 5
MAX_WAITING = 4  # batches queued behind the one being run; more are refused (503) rather than queued
# A fresh interpreter, not a fork: the server runs threads, and a fork could copy a lock one of them holds.
CONTEXT = multiprocessing.get_context("spawn")
READY, DONE, REFUSED, FAILED = "ready", "done", "refused", "failed"


class BatchFailure(ChemKGError):
    """The batch process failed (a fault of ChemKG, not of the input): answered 500 and logged."""

    status, title = 500, "Batch failure"


@dataclass(frozen=True)
class BatchJob:
    """One batch as the request gave it: the bytes and how to read them, and what to answer with."""

    data: bytes
    input_format: str  # text, csv or xlsx (chemkg.reports.batch_input)
    column: str | None = None
    output: str | None = None  # json, csv or xlsx: the rendered file; None: the rows the batch page shows
    lang: str = "en"
    shown: int = 500


@dataclass
class ShownRows:
    """What the batch page shows: the first rows, how many rows there were, and how many had each outcome."""

    rows: list[BatchRow]
    total: int
    counts: dict[str, int]


def run_job(lookup: BatchLookup, job: BatchJob) -> bytes | ShownRows:
    """Read, look up and answer one batch (in the batch process; a BatchInputError says what is wrong)."""
    from chemkg.reports.batch import summary
    from chemkg.reports.batch_output import render

    rows = lookup.run(read_values(job.data, job.input_format, job.column))
    if job.output is not None:
        return render(rows, job.output, job.lang)
    return ShownRows([_own_labels(r) for r in rows[: job.shown]], len(rows), summary(rows))


def _own_labels(row: BatchRow) -> BatchRow:
    """The row with only the labels its coverage cells name (each row shares the whole label table)."""
    wanted = {iri for cell in row.coverage.values() for iri in cell.via}
    return dataclasses.replace(row, labels={iri: row.labels[iri] for iri in wanted if iri in row.labels})


def serve(conn: Connection, store_path: str) -> None:
    """The batch process: build the batch index of the store, say so, then answer jobs until the server hangs up."""
    os.nice(NICENESS)
    try:
        from chemkg.reports.batch import BatchLookup
        from chemkg.store import open_store

        lookup = BatchLookup.from_store(open_store(Path(store_path)))
    except Exception:
        _send(conn, (FAILED, traceback.format_exc()))  # the server logs it and starts another process
        return
    reply: tuple[str, Any] = (READY, None)
    while _send(conn, reply):
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = (DONE, run_job(lookup, job))
        except BatchInputError as exc:
            reply = (REFUSED, str(exc))
        except Exception:
            reply = (FAILED, traceback.format_exc())


def _send(conn: Connection, message: tuple[str, Any]) -> bool:
    """False when the server has hung up (a newer build, the service stopping, or the time limit passed)."""
    try:
        conn.send(message)
    except OSError:
        return False
    return True


class BatchProcess:
    """The process that runs one build's batches, one at a time. ``run`` blocks: call it from a thread."""

    def __init__(self, store: Path, time_limit_s: float = TIME_LIMIT_S) -> None:
        self.store = store
        self.time_limit_s = time_limit_s
        self._job_lock = threading.Lock()  # one batch at a time: the process answers in order
        self._lock = threading.Lock()  # guards the fields below
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._ready = False  # the process said it has built its index
        self._accepted = 0  # batches being run or waiting: each holds one of the server's threads
        self._retired = False

    # -- lifecycle ---------------------------------------------------------------------------------
    def start(self) -> None:
        """Start the process unless it was started (it builds its index meanwhile); returns at once."""
        if not self._retired:
            self._ensure()

    def retire(self) -> None:
        """A newer build replaced this one: stop now if idle, else as soon as the batch being run is answered."""
        self._retired = True  # set before trying the lock: `run` checks it after letting the lock go
        self._stop_if_idle()

    def pid(self) -> int | None:
        """The process's id while it runs (None before the first start and after it stopped)."""
        with self._lock:
            process = self._process
            return process.pid if process is not None and process.is_alive() else None

    def waiting(self) -> int:
        """Batches in this process's hands: the one being run and those waiting their turn."""
        with self._lock:
            return self._accepted

    def busy(self) -> bool:
        """Whether a batch is being run."""
        return self._job_lock.locked()

    def _ensure(self) -> None:
        with self._lock:
            if self._process is not None:
                return
            parent, child = CONTEXT.Pipe()
            process = CONTEXT.Process(
                target=serve, args=(child, str(self.store)), name=f"chemkg-batch {self.store.name}", daemon=True
            )
            process.start()
            child.close()  # the process holds its end: when it dies, reading ours ends instead of waiting
            self._process, self._conn, self._ready = process, parent, False

    def _stop_if_idle(self) -> None:
        if self._job_lock.acquire(blocking=False):
            try:
                with self._lock:
                    self._discard()
            finally:
                self._job_lock.release()

    def _discard(self) -> None:
        """Stop the process (the caller holds ``_lock``). Killed, not asked: it only reads, and must not keep the
        caller (a request swapping builds) waiting while it finishes building its index."""
        process, conn = self._process, self._conn
        self._process, self._conn, self._ready = None, None, False
        if conn is not None:
            conn.close()
        if process is not None:
            if process.is_alive():
                process.kill()
            process.join(STOP_WAIT_S)
            with contextlib.suppress(ValueError):  # still running after the wait: it goes when the server does
                process.close()

    def _replace(self, conn: Connection) -> None:
        """Kill the process behind ``conn`` and start a fresh one for the next batch (a retired build's: not)."""
        with self._lock:
            if self._conn is conn:
                self._discard()
        self.start()

    # -- batches -----------------------------------------------------------------------------------
    def run(self, job: BatchJob) -> bytes | ShownRows:
        """The rendered file (``job.output`` set) or the rows for the page; a 400 for unreadable input."""
        with self._lock:
            if self._accepted > MAX_WAITING:
                raise Unavailable(f"{MAX_WAITING} batches are waiting already; try again in a minute.", retry_after=60)
            self._accepted += 1
        try:
            return self._run_in_turn(job)
        finally:
            with self._lock:
                self._accepted -= 1

    def _run_in_turn(self, job: BatchJob) -> bytes | ShownRows:
        if not self._job_lock.acquire(timeout=self.time_limit_s):
            raise Unavailable("Another batch is still running; please try again in a minute.", retry_after=60)
        try:
            return self._run(job, time.monotonic() + self.time_limit_s)
        finally:
            self._job_lock.release()
            if self._retired:
                self._stop_if_idle()

    def _run(self, job: BatchJob, deadline: float) -> bytes | ShownRows:
        with self._lock:
            if self._process is not None and not self._process.is_alive():  # it died while idle
                self._discard()
        self._ensure()  # a retired build's too: a request that began before the swap is still answered
        with self._lock:
            process, conn, ready = self._process, self._conn, self._ready
        assert process is not None and conn is not None
        if not ready:
            kind, value = self._receive(process, conn, deadline)
            if kind != READY:
                self._replace(conn)
                log.error("the batch process could not open the build at %s:\n%s", self.store, value)
                raise BatchFailure("The batch process could not open the build; the fault has been logged.")
            with self._lock:
                self._ready = True
        try:
            conn.send(job)
        except OSError:
            self._died(process, conn)
        kind, value = self._receive(process, conn, deadline)
        if kind == DONE:
            result: bytes | ShownRows = value
            return result
        if kind == REFUSED:
            raise BadRequest(str(value))
        log.error("a batch failed in the batch process:\n%s", value)
        raise BatchFailure("The batch failed because of a fault in ChemKG; it has been logged. Please try again.")

    def _receive(self, process: BaseProcess, conn: Connection, deadline: float) -> tuple[str, Any]:
        """The process's next message; if it dies or the deadline passes, it is replaced and the request fails."""
        if not wait([conn, process.sentinel], max(deadline - time.monotonic(), 0)):
            self._replace(conn)
            raise Unavailable(
                f"The batch did not finish within {self.time_limit_s:g} s and was stopped; "
                "split the list into smaller files, or try again when the service is less busy.",
                retry_after=60,
            )
        try:
            kind, value = conn.recv()
        except (EOFError, OSError):
            self._died(process, conn)
        return kind, value

    def _died(self, process: BaseProcess, conn: Connection) -> NoReturn:
        process.join(STOP_WAIT_S)
        code = process.exitcode
        self._replace(conn)
        raise BatchFailure(
            f"The batch process stopped unexpectedly (exit code {code}); a fresh one has been started. "
            "Please try again."
        )
