"""Helpers the HTTP benches share: run `chemkg serve` on a free port, time requests, read a process's memory."""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def rss_mb(pid: int) -> str:
    """Resident and peak memory of a process, from /proc (Linux)."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return "n/a"
    status = dict(line.split(":", 1) for line in lines if ":" in line)
    return f"{int(status['VmRSS'].split()[0]) / 1024:.0f} MB (peak {int(status['VmHWM'].split()[0]) / 1024:.0f} MB)"


def cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far: on a busy machine, what its wall time would be
    on an idle one."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB."""
    parent: dict[int, int] = {}
    rss: dict[int, float] = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        me = int(fields["Pid"])
        parent[me] = int(fields["PPid"])
        rss[me] = int(fields.get("VmRSS", "0 kB").split()[0]) / 1024

    def descends(p: int) -> bool:
        while p > 1:
            if p == pid:
                return True
            p = parent.get(p, 0)
        return False

    return sum(mb for p, mb in rss.items() if descends(p))


def request(
    port: int,
    path: str,
    *,
    method: str = "GET",
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 60,
) -> tuple[int, bytes, float]:
    """Status, body and milliseconds of one request on a new connection."""
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers={"Accept": "application/json", **(headers or {})})
        response = conn.getresponse()
        data = response.read()
        return response.status, data, (time.perf_counter() - start) * 1000
    finally:
        conn.close()


def wait_until_up(port: int, started: float, limit_s: float = 120) -> float:
    """Seconds from ``started`` to the first 200 from /health."""
    while time.perf_counter() - started < limit_s:
        try:
            if request(port, "/health", timeout=2)[0] == 200:
                return time.perf_counter() - started
        except OSError:
            time.sleep(0.02)
    raise SystemExit(f"the server on port {port} did not answer /health within {limit_s:g} s")


@contextmanager
def serving(*args: str, env: dict[str, str] | None = None) -> Iterator[tuple[int, subprocess.Popen[bytes], float]]:
    """`chemkg serve ARGS` on a free port: yields the port, the process and when it was started."""
    port = free_port()
    chemkg = shutil.which("chemkg", path=str(Path(sys.executable).parent)) or "chemkg"
    started = time.perf_counter()
    server = subprocess.Popen(
        [chemkg, "serve", "--port", str(port), *args],
        env={**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield port, server, started
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()


def summary(ms: list[float]) -> str:
    if not ms:
        return "no samples"
    ordered = sorted(ms)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"n={len(ms)} p50 {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, max {ordered[-1]:.1f} ms"
