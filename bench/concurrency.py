"""Nothing blocks the server: /health and a substance page answer while a 10,000-row XLSX batch runs.

Starts `chemkg serve` on a free port, waits until it is warm, then posts a 10,000-row XLSX file to
`POST /api/batch?format=xlsx` and, until the answer is back, asks for /health and /substance/mercury
one after the other. Targets (issue 14): during the batch, /health max <= 100 ms and the substance
page max <= 300 ms. The same requests are timed before the batch, for comparison. The first batch is
timed apart: the batch process starts and builds its index then; the second shows the steady state.

    .venv/bin/python bench/concurrency.py [--rows 10000]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import threading
import time
import uuid

from openpyxl import Workbook

from batch import sample_inputs
from chemkg.reports.batch import BatchLookup
from chemkg.settings import load_settings
from chemkg.store import open_store
from server import children_rss_mb, cpu_s, request, serving, summary, wait_until_up

PAGE = "/substance/mercury"
HTML = {"Accept": "text/html"}


def xlsx_of(values: list[str]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["substance"])
    for value in values:
        sheet.append([value])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def multipart(name: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


def sample(port: int, until: threading.Event | None, rounds: int = 0) -> tuple[list[float], list[float]]:
    """Timings of /health and the page, one after the other, until ``until`` is set (or for ``rounds``)."""
    health: list[float] = []
    page: list[float] = []
    n = 0
    while (until is not None and not until.is_set()) or (until is None and n < rounds):
        status, _, ms = request(port, "/health")
        assert status == 200, status
        health.append(ms)
        status, _, ms = request(port, PAGE, headers=HTML)
        assert status == 200, status
        page.append(ms)
        n += 1
    return health, page


Timed = tuple[dict[str, float | int], list[float], list[float]]


def batch_meanwhile(port: int, server_pid: int, body: bytes, content_type: str) -> Timed:
    """Post the batch and time /health and the page until its answer is back; also the server's own CPU seconds
    meanwhile (the requests' share included): how much of the batch's work still holds the server's interpreter."""
    done = threading.Event()
    result: dict[str, float | int] = {}
    cpu_before = cpu_s(server_pid)

    def post() -> None:
        try:
            status, answer, ms = request(
                port,
                "/api/batch?format=xlsx",
                method="POST",
                body=body,
                headers={"Content-Type": content_type},
                timeout=300,
            )
            result.update(status=status, ms=ms, size=len(answer))
        finally:
            done.set()

    poster = threading.Thread(target=post)
    poster.start()
    time.sleep(0.05)  # the upload is on its way
    health, page = sample(port, done)
    poster.join()
    result["server_cpu_s"] = cpu_s(server_pid) - cpu_before
    return result, health, page


def report(name: str, result: dict[str, float | int], health: list[float], page: list[float]) -> bool:
    print(
        f"{name}: status {result.get('status')}, {result.get('ms', 0) / 1000:.2f} s, "
        f"answer {int(result.get('size', 0)) // 1024} KiB; CPU of the server process meanwhile "
        f"{result.get('server_cpu_s', 0):.1f} s"
    )
    print(f"  meanwhile /health {summary(health)} (target max <= 100 ms)")
    print(f"            page    {summary(page)} (target max <= 300 ms)")
    return bool(health and page and max(health) <= 100 and max(page) <= 300)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--settle", type=float, default=20, help="seconds for the server's warm-up to finish")
    args = parser.parse_args()
    lookup = BatchLookup.from_store(open_store(load_settings().store))
    values = sample_inputs(lookup, random.Random(7))[: args.rows]
    body, content_type = multipart("substances.xlsx", xlsx_of(values))
    print(f"input: {len(values):,} rows, XLSX of {len(body) // 1024} KiB")
    with serving() as (port, server, started):
        print(f"server up after {wait_until_up(port, started):.2f} s")
        for _ in range(3):  # the page's tables; then the warm-up (search index, names) finishes
            request(port, PAGE, headers=HTML)
        time.sleep(args.settle)
        health, page = sample(port, None, rounds=20)
        print(f"idle:       /health {summary(health)}")
        print(f"            page    {summary(page)}")
        cold = batch_meanwhile(port, server.pid, body, content_type)
        first = report("first batch (cold: the batch index is built first)", *cold)
        second = report("second batch (warm)", *batch_meanwhile(port, server.pid, body, content_type))
        print(f"memory: server and its processes {children_rss_mb(server.pid):.0f} MB")
        print(
            ("targets met" if first and second else "targets NOT met")
            + f" (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
        )


if __name__ == "__main__":
    main()
