"""SPARQL endpoint benchmark: a CAS point lookup in-process vs through /sparql, then a bounded load test.

Starts `chemkg serve` (uvicorn, uvloop, httptools, the worker pool and its time limit) on a free
127.0.0.1 port against the built store, and prints:
  1. the median of the lookup run in-process on pyoxigraph, and through /sparql (JSON), side by side;
  2. a load test: 8 concurrent keep-alive clients for 20 s — requests/s, p50/p99 latency, errors.
Targets (issue 4): /sparql median <= 3 ms; >= 500 req/s with p99 <= 20 ms and 0 errors.

    .venv/bin/python bench/sparql.py [--store data/store] [--clients 8] [--seconds 20]
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from chemkg.settings import load_settings
from chemkg.store import open_store

QUERY = 'SELECT ?substance WHERE { ?substance ck:casNumber "355-46-4" }'
EXPECTED = b"https://w3id.org/chemkg/substance/pfhxs-acid"
ACCEPT = "application/sparql-results+json"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def in_process_ms(store_path: Path, n: int = 3000) -> float:
    store = open_store(store_path)
    times = []
    for _ in range(n):
        start = time.perf_counter()
        rows = list(store.sparql(QUERY))  # type: ignore[arg-type]
        times.append((time.perf_counter() - start) * 1000)
        assert rows
    return statistics.median(times[n // 10 :])


def start_server(store_path: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CHEMKG_STORE_PATH": str(store_path)}
    chemkg = Path(sys.executable).with_name("chemkg")
    server = subprocess.Popen(
        [str(chemkg), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", "/sparql?" + urlencode({"query": QUERY}))  # also starts the workers
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


def sequential_ms(port: int, n: int = 3000) -> tuple[float, float]:
    conn = http.client.HTTPConnection("127.0.0.1", port)
    path = "/sparql?" + urlencode({"query": QUERY})
    headers = {"Accept": "application/sparql-results+json"}
    times = []
    for _ in range(n):
        start = time.perf_counter()
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()
        times.append((time.perf_counter() - start) * 1000)
        assert response.status == 200 and EXPECTED in body
    times = times[n // 10 :]
    return statistics.median(times), percentile(times, 0.99)


async def one_client(port: int, until: float, latencies: list[float], errors: list[str]) -> None:
    """A keep-alive HTTP/1.1 client on a raw socket: cheap enough not to be the bottleneck."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    request = (
        f"GET /sparql?{urlencode({'query': QUERY})} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        "Accept: application/sparql-results+json\r\n\r\n"
    ).encode()
    loop = asyncio.get_running_loop()
    while loop.time() < until:
        start = time.perf_counter()
        writer.write(request)
        head = await reader.readuntil(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        body = await reader.readexactly(length)
        latencies.append((time.perf_counter() - start) * 1000)
        if not head.startswith(b"HTTP/1.1 200") or EXPECTED not in body:
            errors.append(head.split(b"\r\n", 1)[0].decode())
    writer.close()


async def load(port: int, clients: int, seconds: float) -> tuple[int, list[float], list[str]]:
    latencies: list[float] = []
    errors: list[str] = []
    until = asyncio.get_running_loop().time() + seconds
    await asyncio.gather(*(one_client(port, until, latencies, errors) for _ in range(clients)))
    return len(latencies), latencies, errors


def wrk_load(port: int, clients: int, seconds: float) -> dict[str, str] | None:
    """The same load with wrk (Debian package), whose C client leaves more CPU to the server."""
    wrk = shutil.which("wrk")
    if wrk is None:
        return None
    url = f"http://127.0.0.1:{port}/sparql?" + urlencode({"query": QUERY})
    out = subprocess.run(
        [
            wrk,
            "-t1",
            f"-c{clients}",
            f"-d{seconds:g}s",
            "--latency",
            "-H",
            "Accept: application/sparql-results+json",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = {
        "rps": re.search(r"Requests/sec:\s+([\d.]+)", out),
        "p50": re.search(r"\s50%\s+(\S+)", out),
        "p99": re.search(r"\s99%\s+(\S+)", out),
        "non2xx": re.search(r"Non-2xx or 3xx responses: (\d+)", out),
        "socket": re.search(r"Socket errors: (.*)", out),
    }
    return {k: (m.group(1) if m else "0") for k, m in found.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--store", type=Path, default=None, help="built store (default: CHEMKG_STORE_PATH or data/store)"
    )
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    store_path = args.store or load_settings().store

    inproc = in_process_ms(store_path)
    port = free_port()
    server = start_server(store_path, port)
    try:
        median, p99 = sequential_ms(port)
        print("CAS point lookup (355-46-4 → PFHxS), median of 3000 after warm-up")
        print(f"  in-process pyoxigraph : {inproc:6.3f} ms")
        print(f"  through /sparql (JSON): {median:6.3f} ms   (p99 {p99:.3f} ms; target median <= 3 ms)")
        print(f"Load: {args.clients} concurrent keep-alive clients for {args.seconds:g} s on 127.0.0.1")
        print("  targets: >= 500 requests/s, p99 <= 20 ms, 0 errors")
        result = wrk_load(port, args.clients, args.seconds)
        if result is not None:
            print(f"  wrk           : {float(result['rps']):8.1f} req/s   p50 {result['p50']}   p99 {result['p99']}")
            print(f"                  errors: {result['non2xx']} non-2xx, socket errors: {result['socket']}")
        count, latencies, errors = asyncio.run(load(port, args.clients, args.seconds))
        p50, p99 = percentile(latencies, 0.5), percentile(latencies, 0.99)
        print(f"  Python asyncio: {count / args.seconds:8.1f} req/s   p50 {p50:.2f}ms   p99 {p99:.2f}ms")
        print(f"                  errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
        print(f"  (load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    finally:
        server.terminate()
        server.wait(timeout=15)


if __name__ == "__main__":
    main()
