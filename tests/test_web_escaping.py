"""Text from the graph is escaped wherever a page shows it: a curator's typo or a hostile label
must never run as code in a reader's browser."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from chemkg.build.pipeline import build
from chemkg.settings import Settings
from chemkg.web.app import create_app

HOSTILE = "<script>alert(1)</script>"
BROWSER = {"accept": "text/html"}


def _poison(graph: Path) -> None:
    """Give the PFHxS group a hostile English label and a description that tries to break out of an attribute."""
    path = graph / "substances" / "pops.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
        header = list(rows[0])
    for row in rows:
        if row["id"] == "pfhxs":
            row["label_en"] = HOSTILE
            row["description_en"] = '"><img src=x onerror=alert(2)>'
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.slow
def test_a_hostile_label_is_escaped_on_every_page(graph_copy: Path, settings: Settings, tmp_path: Path) -> None:
    _poison(graph_copy)
    store = tmp_path / "store"
    build(graph_copy, settings.ontology_dir, store, imports=[])  # the curated graph holds every page checked
    hostile = settings.model_copy(update={"store_path": store, "index_path": tmp_path / "no-index"})
    with TestClient(create_app(hostile)) as client:
        for path in (
            "/substance/pfhxs",
            "/substance/pfhxs-acid",  # shows its group's label
            "/treaty/stockholm/annex-a",
            "/listing/stockholm/annex-a/pfhxs",
            "/matrix?show=all",
            "/search?q=pfhxs",
        ):
            html = client.get(path, headers=BROWSER).text
            assert HOSTILE not in html, path
            assert "<img src=x" not in html, path
        page = client.get("/substance/pfhxs", headers=BROWSER).text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
