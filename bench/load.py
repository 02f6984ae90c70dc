"""Throughput of `chemkg serve --workers N` for N = 1 and 2: requests per second for a mix of pages and search.

Each run starts the server, warms every path, then keeps CLIENTS keep-alive connections busy for
SECONDS with a fixed mix (home, substance, treaty and matrix pages, JSON and HTML search) and
prints requests/s, latency and errors, and the gain from the second worker. The clients are raw
asyncio sockets in one process, cheap enough not to be the bottleneck; on a machine with two cores the
load generator still takes part of one, so the gain is a lower bound.

    .venv/bin/python bench/load.py [--workers 1 2] [--clients 8] [--seconds 20]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import time
from urllib.parse import urlencode

from server import children_rss_mb, request, serving, summary, wait_until_up

MIX = [
    ("/", "text/html"),
    ("/substance/mercury", "text/html"),
    ("/substance/pfos", "text/html"),
    ("/treaty/stockholm", "text/html"),
    ("/matrix?show=zzs", "text/html"),
    ("/search?" + urlencode({"q": "chemicals in firefighting foam"}), "application/json"),
    ("/search?" + urlencode({"q": "kwik in thermometers"}), "application/json"),
    ("/search?" + urlencode({"q": "1763-23-1"}), "application/json"),
    ("/search?" + urlencode({"q": "brominated flame retardants"}), "text/html"),
    ("/health", "application/json"),
]


async def one_client(port: int, start: int, until: float, latencies: list[float], errors: list[str]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    loop = asyncio.get_running_loop()
    for path, accept in itertools.islice(itertools.cycle(MIX), start, None):
        if loop.time() >= until:
            break
        began = time.perf_counter()
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: {accept}\r\n\r\n".encode())
        head = await reader.readuntil(b"\r\n\r\n")
        length = next(
            (
                int(line.split(b":", 1)[1])
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-length:")
            ),
            0,
        )
        await reader.readexactly(length)
        latencies.append((time.perf_counter() - began) * 1000)
        if not head.startswith(b"HTTP/1.1 200"):
            status_line = head.split(b"\r\n", 1)[0].decode()
            errors.append(f"{path}: {status_line}")
    writer.close()


async def load(port: int, clients: int, seconds: float) -> tuple[list[float], list[str]]:
    latencies: list[float] = []
    errors: list[str] = []
    until = asyncio.get_running_loop().time() + seconds
    await asyncio.gather(*(one_client(port, i, until, latencies, errors) for i in range(clients)))
    return latencies, errors


def run(workers: int, clients: int, seconds: float) -> float:
    with serving("--workers", str(workers)) as (port, server, started):
        up = wait_until_up(port, started)
        for _ in range(3 * workers):  # each process warms its own tables and index
            for path, accept in MIX:
                status, _, _ = request(port, path, headers={"Accept": accept}, timeout=120)
                assert status == 200, (path, status)
        latencies, errors = asyncio.run(load(port, clients, seconds))
        rps = len(latencies) / seconds
        print(
            f"--workers {workers}: up in {up:.2f} s; {rps:.1f} req/s over {seconds:g} s with {clients} clients; "
            f"latency {summary(latencies)}; errors {len(errors)}{' e.g. ' + errors[0] if errors else ''}; "
            f"RSS of the server and its processes {children_rss_mb(server.pid):.0f} MB; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        return rps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    results = {n: run(n, args.clients, args.seconds) for n in args.workers}
    if 1 in results and len(results) > 1:
        for n, rps in results.items():
            if n != 1:
                print(f"{n} workers: {rps / results[1]:.2f}x the throughput of 1")


if __name__ == "__main__":
    main()
