"""A pool of query workers the event loop talks to over sockets, with a hard time limit per query.

Each worker is a process (``chemkg.web.worker.main``) holding the store open read-only. A
query takes an idle worker; if the answer is not back by the deadline the worker is killed and a
fresh one started in the background, while the other workers keep serving. A worker that dies on
its own (an engine crash) is replaced the same way. Each query names the store of the live build
(``web/live.py``); when that changes, workers of the old build are replaced as they come back, so the
service follows builds without a restart.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import pickle
import socket
import sys
from collections import deque
from collections.abc import AsyncIterator, Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chemkg.web.errors import QueryEngineFailure, Unavailable
from chemkg.web.worker import BODY, END, FAILED, HEAD, HEADER, JOB, READY, REPLY, Job, Meta

log = logging.getLogger("chemkg.web.pool")
START_TIMEOUT_S = 60.0
MIN_QUEUE_WAIT_S = 15.0  # a queued request may wait this long for a worker (replacements take ~1 s to start)


class QueryTimeout(Unavailable):
    title = "Query time limit reached"


@dataclass(eq=False)
class Worker:
    process: asyncio.subprocess.Process
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    generation: int


@dataclass
class Reply:
    """A worker's answer: the head, then either the whole body or a stream of chunks."""

    meta: Meta
    body: bytes = b""
    stream: AsyncIterator[bytes] | None = None


async def read_frame(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    size, kind = HEADER.unpack(await reader.readexactly(HEADER.size))
    return kind, await reader.readexactly(size) if size else b""


class QueryPool:
    """``await pool.execute(job, store)`` runs a job on ``store`` within ``timeout_s``, else a 503 ``QueryTimeout``."""

    def __init__(self, size: int, timeout_s: float, max_waiting: int | None = None) -> None:
        self.size, self.timeout_s = size, timeout_s
        self.max_waiting = max_waiting if max_waiting is not None else 64 * size
        self.generation = 0
        self.store = ""  # the store folder workers open: the live build's, as the last query named it
        self._loop: asyncio.AbstractEventLoop | None = None
        self._idle: deque[Worker] = deque()
        self._waiters: deque[asyncio.Future[Worker]] = deque()
        self._lock = asyncio.Lock()
        self._started = False
        self._workers: set[Worker] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    # -- lifecycle -------------------------------------------------------------------------------
    async def start(self, store: Path) -> None:
        """Start the workers on ``store`` (once per event loop; a test client may run each request on a new loop)."""
        self._follow(store)
        loop = asyncio.get_running_loop()
        if self._started and self._loop is loop:
            return
        if self._loop is not loop:
            self._kill_all()
            self._loop, self._lock, self._started = loop, asyncio.Lock(), False
            self._idle, self._waiters = deque(), deque()
        async with self._lock:
            if self._started:
                return
            workers = await asyncio.gather(*(self._spawn() for _ in range(self.size)))
            for w in workers:
                self._release(w)
            self._started = True

    async def close(self) -> None:
        workers = list(self._workers)
        self._kill_all()
        for task in list(self._tasks):
            task.cancel()
        for w in workers:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(w.process.wait(), 5)
        self._started = False

    def alive(self) -> int:
        return sum(1 for w in self._workers if w.process.returncode is None)

    async def _spawn(self) -> Worker:
        # A fresh interpreter rather than a fork: nothing of the server's state (threads, loop) leaks in.
        parent, child = socket.socketpair()
        try:
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-c",
                "from chemkg.web.worker import main; main()",
                str(child.fileno()),
                self.store,
                pass_fds=(child.fileno(),),
                stdin=asyncio.subprocess.DEVNULL,
            )
        finally:
            child.close()
        reader, writer = await asyncio.open_unix_connection(sock=parent)
        try:
            kind, payload = await asyncio.wait_for(read_frame(reader), START_TIMEOUT_S)
        except (TimeoutError, asyncio.IncompleteReadError, ConnectionError):
            kind, payload = FAILED[0], b"the query worker did not start"
        if kind != READY[0]:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            writer.close()
            raise Unavailable(f"The SPARQL service cannot open the store: {payload.decode()}.", retry_after=30)
        worker = Worker(process, reader, writer, self.generation)
        self._workers.add(worker)
        return worker

    def _kill(self, worker: Worker) -> None:
        self._workers.discard(worker)
        with contextlib.suppress(ProcessLookupError):
            worker.process.kill()
        worker.writer.close()
        self._background(worker.process.wait())

    def _kill_all(self) -> None:
        for w in list(self._workers):
            self._workers.discard(w)
            with contextlib.suppress(ProcessLookupError):
                w.process.kill()
            with contextlib.suppress(RuntimeError):
                w.writer.close()

    def _background(self, coro: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _respawn(self) -> None:
        try:
            self._release(await self._spawn())
        except Exception:
            log.exception("a replacement query worker failed to start")

    def _replace(self, worker: Worker) -> None:
        """Kill a worker and start a fresh one in the background."""
        self._kill(worker)
        self._background(self._respawn())

    # -- queries ---------------------------------------------------------------------------------
    def _follow(self, store: Path) -> None:
        """A query on another build's store: workers of the old one are replaced as they are taken."""
        if str(store) != self.store:
            self.store = str(store)
            self.generation += 1

    def _release(self, worker: Worker) -> None:
        """Hand a free worker to the longest-waiting request (first come, first served), else park it."""
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(worker)
                return
        self._idle.append(worker)

    async def _acquire(self) -> Worker:
        if self._idle and not self._waiters:
            worker = self._idle.popleft()
        else:
            worker = await self._wait_for_worker()
        if worker.generation != self.generation or not self._usable(worker):
            self._kill(worker)
            worker = await self._spawn()
        return worker

    @staticmethod
    def _usable(worker: Worker) -> bool:
        """Whether an idle worker is still there. A worker killed while idle (by the OOM killer, say) closes its
        socket at once, but its exit code is only known once the child watcher reaps it; without the socket check
        the next query would go to the dead worker and be answered "the engine crashed on this query"."""
        return worker.process.returncode is None and not worker.reader.at_eof()

    async def _wait_for_worker(self) -> Worker:
        if len(self._waiters) >= self.max_waiting:
            raise Unavailable("The SPARQL service is at capacity; please retry in a moment.", retry_after=2)
        waiter: asyncio.Future[Worker] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        wait_s = max(self.timeout_s, MIN_QUEUE_WAIT_S)
        try:
            return await asyncio.wait_for(asyncio.shield(waiter), wait_s)
        except BaseException as exc:
            if waiter.done() and not waiter.cancelled():
                self._release(waiter.result())  # handed over just as this request gave up: pass it on
            else:
                waiter.cancel()
            if isinstance(exc, TimeoutError):
                raise Unavailable(
                    f"All {self.size} query workers stayed busy for {wait_s:g} s; please retry in a moment.",
                    retry_after=2,
                ) from None
            raise

    async def execute(self, job: Job, store: Path) -> Reply:
        await self.start(store)
        loop = asyncio.get_running_loop()
        worker = await self._acquire()
        deadline = loop.time() + self.timeout_s  # the time limit counts from when a worker takes the query
        try:
            payload = pickle.dumps(job)
            worker.writer.write(HEADER.pack(len(payload), JOB[0]) + payload)
            kind, data = await asyncio.wait_for(read_frame(worker.reader), deadline - loop.time())
        except BaseException as exc:
            self._replace(worker)
            raise self._failure(exc) from None
        if kind == REPLY[0]:
            meta, body = pickle.loads(data)
            self._release(worker)
            return Reply(meta, body)
        if kind == HEAD[0]:
            return Reply(pickle.loads(data), stream=self._stream(worker, deadline))
        self._replace(worker)
        raise QueryEngineFailure("The query worker sent an unexpected reply; it has been restarted.")

    async def _stream(self, worker: Worker, deadline: float) -> AsyncIterator[bytes]:
        loop = asyncio.get_running_loop()
        done = False
        try:
            while True:
                kind, data = await asyncio.wait_for(read_frame(worker.reader), max(deadline - loop.time(), 0.001))
                if kind == END[0]:
                    done = True
                    break
                if kind == BODY[0]:
                    yield data
        finally:
            if done:
                self._release(worker)
            else:  # time limit mid-stream, worker crash or client gone: the worker's socket is out of step
                self._replace(worker)

    def _failure(self, exc: BaseException) -> BaseException:
        if isinstance(exc, TimeoutError):
            return QueryTimeout(
                f"The query ran past the {self.timeout_s:g} s time limit and was stopped. "
                "Narrow its patterns, add a LIMIT, or avoid unbounded property paths.",
                retry_after=max(1, round(self.timeout_s)),
            )
        if isinstance(exc, asyncio.IncompleteReadError | ConnectionError):
            return QueryEngineFailure(
                "The query engine crashed on this query (a fault in the engine, not in your request); "
                "the worker has been restarted. Rephrasing the query may avoid it."
            )
        return exc
