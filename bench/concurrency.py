"""Nothing blocks the server: /health and a substance page answer while a 10,000-row XLSX batch runs.

Starts `chemkg serve` on a free port, waits until it is warm, then posts a 10,000-row XLSX file to
`POST /api/batch?format=xlsx` and, until the answer is back, asks for /health and /substance/mercury
one after the other. Targets (issue 14): during the batch, /health max <= 100 ms and the substance
page max <= 300 ms. The same requests are timed before the batch, for comparison.

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
from server import request, serving, summary, wait_until_up

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    lookup = BatchLookup.from_store(open_store(load_settings().store))
    values = sample_inputs(lookup, random.Random(7))[: args.rows]
    body, content_type = multipart("substances.xlsx", xlsx_of(values))
    print(f"input: {len(values):,} rows, XLSX of {len(body) // 1024} KiB")
    with serving() as (port, _server, started):
        print(f"server up after {wait_until_up(port, started):.2f} s")
        for _ in range(2):  # warm: the batch index, the page's tables, the search index
            request(port, "/api/batch", method="POST", body=body, headers={"Content-Type": content_type}, timeout=300)
            request(port, PAGE, headers=HTML)
        health, page = sample(port, None, rounds=20)
        print(f"idle:        /health {summary(health)}")
        print(f"             page    {summary(page)}")
        done = threading.Event()
        result: dict[str, float | int] = {}

        def post() -> None:
            status, answer, ms = request(
                port,
                "/api/batch?format=xlsx",
                method="POST",
                body=body,
                headers={"Content-Type": content_type},
                timeout=300,
            )
            result.update(status=status, ms=ms, size=len(answer))
            done.set()

        poster = threading.Thread(target=post)
        poster.start()
        time.sleep(0.05)  # the upload is on its way
        health, page = sample(port, done)
        poster.join()
        print(
            f"batch: status {result['status']}, {result['ms'] / 1000:.2f} s, answer {int(result['size']) // 1024} KiB"
        )
        print(f"during it:   /health {summary(health)} (target max <= 100 ms)")
        print(f"             page    {summary(page)} (target max <= 300 ms)")
        ok = health and page and max(health) <= 100 and max(page) <= 300
        print(
            ("targets met" if ok else "targets NOT met")
            + f" (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; before, /health and pages waited "
            "for the whole batch)"
        )


if __name__ == "__main__":
    main()
