"""Batches on the web run in a process of their own: an analyst's 10,000-row upload does not slow down the
colleague reading a substance page, and still answers exactly what `chemkg batch` would."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook

from chemkg.reports.batch import BatchLookup
from chemkg.reports.batch_output import render
from chemkg.settings import Settings
from chemkg.store import OxigraphStore
from chemkg.web.app import create_app
from chemkg.web.batch_process import BatchFailure, BatchJob, BatchProcess, ShownRows
from chemkg.web.errors import Unavailable
from chemkg.web.live import Build, LiveBuild

LIST = ["kwik", "355-46-4", "355-46-5", "chlorpyriphos", "PFOS", "xyzzy foo", "", "kwik"]


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


def live_build(client: TestClient) -> Build:
    build: Build = client.app.state.chemkg.live.current()  # type: ignore[attr-defined]
    return build


def running(pid: int) -> bool:
    """Whether the process runs (a zombie, dead but not yet reaped by its parent, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def wait_until_gone(pid: int, limit_s: float = 10) -> None:
    end = time.monotonic() + limit_s
    while running(pid):
        assert time.monotonic() < end, f"process {pid} is still running"
        time.sleep(0.02)


def xlsx_of(values: list[str]) -> bytes:
    import io

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Stof"])
    for value in values:
        sheet.append([value])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_batch_on_the_web_answers_the_same_rows_as_the_command_line(client: TestClient, store: OxigraphStore) -> None:
    """The same list as an XLSX upload: JSON and CSV from the batch process equal those made in this process."""
    rows = BatchLookup.from_store(store).run(LIST)
    upload = {"file": ("list.xlsx", xlsx_of(LIST))}
    as_json = client.post("/api/batch", files=upload)
    as_csv = client.post("/api/batch?format=csv", files=upload)
    assert as_json.status_code == 200, as_json.text
    assert as_json.json() == json.loads(render(rows, "json"))
    assert as_csv.content == render(rows, "csv")
    assert [r["outcome"] for r in as_json.json()["rows"]][:3] == ["resolved", "resolved", "invalid"]


def test_the_batch_page_shows_inherited_coverage_with_the_group_it_comes_through(client: TestClient) -> None:
    """PFHxS acid is covered through its group; the page names the group, whose label came from the batch process."""
    assert client.get("/batch").status_code == 200
    assert live_build(client).batch_process.pid() is not None  # opening the form starts the batch process
    page = client.post("/batch", data={"text": "355-46-4\nxyzzy foo"}, headers={"accept": "text/html"})
    assert page.status_code == 200
    assert 'href="/substance/pfhxs"' in page.text
    assert "Perfluorohexane sulfonic acid (PFHxS)" in page.text


def test_unreadable_input_is_a_400_that_says_what_to_change(client: TestClient) -> None:
    two_columns = client.post("/api/batch", files={"file": ("list.csv", b"id;Stof\n1;kwik\n")})
    assert two_columns.status_code == 400
    assert "choose one with --column" in two_columns.json()["error"]["detail"]
    assert "2: 'Stof'" in two_columns.json()["error"]["detail"]
    no_such_column = client.post("/api/batch", files={"file": ("list.xlsx", xlsx_of(["kwik"]))}, data={"column": "x"})
    assert no_such_column.status_code == 400
    assert "no column named 'x'" in no_such_column.json()["error"]["detail"]
    damaged = client.post("/api/batch", files={"file": ("list.xlsx", b"PK\x03\x04 not really a workbook")})
    assert damaged.status_code == 400
    assert "not a readable XLSX workbook" in damaged.json()["error"]["detail"]
    too_long = client.post("/api/batch", data={"text": "\n".join(["kwik"] * 10_001)})
    assert too_long.status_code == 400
    assert "at most 10,000" in too_long.json()["error"]["detail"]
    page = client.post("/batch", files={"file": ("list.csv", b"id;Stof\n1;kwik\n")}, headers={"accept": "text/html"})
    assert page.status_code == 400
    assert "choose one with --column" in page.text


def test_a_batch_process_that_died_between_batches_is_replaced_unnoticed(client: TestClient) -> None:
    process = live_build(client).batch_process
    assert client.post("/api/batch", data={"text": "kwik"}).status_code == 200
    pid = process.pid()
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    end = time.monotonic() + 10
    while process.pid() is not None:  # until the kill is complete (every thread of the process ended)
        assert time.monotonic() < end, f"process {pid} is still running"
        time.sleep(0.02)
    answer = client.post("/api/batch", data={"text": "kwik"})
    assert answer.status_code == 200
    assert answer.json()["rows"][0]["entity"]["id"] == "substance/mercury"
    assert process.pid() not in (None, pid)
    assert not running(pid)


def test_a_batch_beyond_those_already_waiting_is_told_to_retry_instead_of_queueing(client: TestClient) -> None:
    """Each waiting batch holds one of the server's threads; past the batch being run and four waiting, a 503."""
    process = live_build(client).batch_process
    process.run(BatchJob(b"kwik", "text"))
    pid = process.pid()
    assert pid is not None
    answers: list[bytes | ShownRows] = []
    os.kill(pid, signal.SIGSTOP)  # the first batch stays in the process; the next four wait their turn
    try:
        queued = [
            threading.Thread(target=lambda: answers.append(process.run(BatchJob(b"kwik", "text")))) for _ in range(5)
        ]
        for thread in queued:
            thread.start()
        end = time.monotonic() + 10
        while process.waiting() < 5:
            assert time.monotonic() < end, "the five batches did not all arrive"
            time.sleep(0.01)
        with pytest.raises(Unavailable) as busy:
            process.run(BatchJob(b"kwik", "text"))
        assert "4 batches are waiting already" in busy.value.detail
    finally:
        os.kill(pid, signal.SIGCONT)
    for thread in queued:
        thread.join(60)
    assert len(answers) == 5  # every queued batch was answered in its turn


@dataclass(frozen=True)
class JobThatEndsTheProcess(BatchJob):
    """Read by the batch process, this job ends it on the spot, as a crash in native code would."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (os._exit, (70,))


def test_a_batch_process_that_dies_during_a_batch_is_a_500_and_a_fresh_one_takes_its_place(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    process = BatchProcess(settings.store.resolve())
    try:
        process.run(BatchJob(b"kwik", "text"))
        pid = process.pid()
        with pytest.raises(BatchFailure):  # a fault of ChemKG in the batch (no such writer), not the user's 400
            process.run(BatchJob(b"kwik", "text", output="pdf"))
        assert "output format 'pdf' is not supported" in caplog.text  # the traceback is in the server's log
        assert process.pid() == pid  # the process itself is fine
        with pytest.raises(BatchFailure) as failure:
            process.run(JobThatEndsTheProcess(b"kwik", "text"))
        assert failure.value.status == 500
        assert "exit code 70" in failure.value.detail
        rows = process.run(BatchJob(b"kwik", "text"))
        assert isinstance(rows, ShownRows) and rows.total == 1
        assert process.pid() not in (None, pid)
    finally:
        process.retire()


def test_a_batch_past_the_time_limit_is_a_503_and_its_process_is_stopped(settings: Settings) -> None:
    """A limit too short even to start the process: the request fails at the limit instead of hanging."""
    process = BatchProcess(settings.store.resolve(), time_limit_s=0.05)
    process.start()
    pid = process.pid()
    assert pid is not None
    try:
        with pytest.raises(Unavailable) as limit:
            process.run(BatchJob(b"kwik", "text"))
        assert limit.value.status == 503
        assert "did not finish within 0.05 s" in limit.value.detail
        wait_until_gone(pid)
    finally:
        process.retire()


def test_a_retired_builds_process_answers_the_batch_it_runs_then_stops(settings: Settings) -> None:
    process = BatchProcess(settings.store.resolve())
    process.run(BatchJob(b"kwik", "text"))  # started, its index built
    pid = process.pid()
    assert pid is not None
    answers: list[bytes | ShownRows] = []
    os.kill(pid, signal.SIGSTOP)  # hold the batch in the process while the build is swapped
    try:
        running = threading.Thread(
            target=lambda: answers.append(process.run(BatchJob(b"kwik\nDDT", "text", None, "csv")))
        )
        running.start()
        while not process.busy():
            time.sleep(0.01)
        process.retire()
        assert process.pid() == pid  # busy: not stopped under the batch
    finally:
        os.kill(pid, signal.SIGCONT)
    running.join(60)
    assert len(answers) == 1 and isinstance(answers[0], bytes)
    assert answers[0].count(b"\n") == 3  # the header and both rows
    wait_until_gone(pid)
    assert process.pid() is None


def test_a_new_build_retires_the_batch_process_of_the_old_one(settings: Settings, tmp_path: Path) -> None:
    """`chemkg build` moves the store symlink: batches then run on the new build, and the old one's process stops."""
    first, second = tmp_path / ".store-1", tmp_path / ".store-2"
    for target in (first, second):  # two builds: hard-linked copies of the session's store
        subprocess.run(["cp", "-al", str(settings.store.resolve()), str(target)], check=True)
    link = tmp_path / "store"
    link.symlink_to(first)
    live = LiveBuild(link, tmp_path / "index")
    old = live.current()
    old.batch_process.run(BatchJob(b"kwik", "text"))
    old_pid = old.batch_process.pid()
    assert old_pid is not None
    os.remove(link)
    link.symlink_to(second)
    new = live.current()
    try:
        wait_until_gone(old_pid)
        assert new.batch_process.store == second.resolve()
        rows = new.batch_process.run(BatchJob(b"kwik", "text"))
        assert isinstance(rows, ShownRows)
        assert rows.rows[0].resolution.entity is not None
        assert rows.rows[0].resolution.entity.iri == "https://w3id.org/chemkg/substance/mercury"
    finally:
        live.close()
