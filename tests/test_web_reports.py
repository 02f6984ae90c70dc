"""Batch lookup, gap reports and briefs over HTTP: the same answers as the CLI, for people and programs."""

import csv
import io
from collections.abc import Iterator

import pytest
from docx import Document
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from chemkg.settings import Settings
from chemkg.web.app import create_app

FOUR = "355-46-5\nkwik\nchlorpyriphos\nxyzzy foo\n"


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


def test_api_batch_from_pasted_text_returns_four_rows_in_order(client: TestClient) -> None:
    response = client.post("/api/batch", data={"text": FOUR})
    assert response.status_code == 200
    rows = response.json()["rows"]
    assert [r["outcome"] for r in rows] == ["invalid", "resolved", "fuzzy", "unresolved"]
    assert rows[1]["entity"]["id"] == "substance/mercury" and rows[1]["coverage"]["zzs"] == "ZZS"


def test_api_batch_reads_an_uploaded_csv_column_and_answers_xlsx(client: TestClient) -> None:
    upload = ("list.csv", b"nr;stof\n1;kwik\n2;DDT\n", "text/csv")
    response = client.post("/api/batch?format=xlsx", files={"file": upload}, data={"column": "stof"})
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [r[1] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["kwik", "DDT"]


def test_api_batch_errors_are_400_with_the_columns_to_choose_from(client: TestClient) -> None:
    upload = ("list.csv", b"nr;stof\n1;kwik\n", "text/csv")
    response = client.post("/api/batch", files={"file": upload})
    assert response.status_code == 400 and "'stof'" in response.json()["error"]["detail"]
    assert client.post("/api/batch", data={"text": "  "}).status_code == 400
    assert client.post("/api/batch?format=pdf", data={"text": "kwik"}).status_code == 400


def test_the_batch_page_shows_a_results_table_with_coverage_badges(client: TestClient) -> None:
    assert client.get("/batch").status_code == 200
    page = client.post("/batch?lang=nl", data={"text": FOUR})
    assert page.status_code == 200
    assert "4 rijen" in page.text and "gelijkende naam" in page.text and 'href="/substance/mercury"' in page.text
    assert 'formaction="/api/batch?format=xlsx' in page.text


def test_a_report_is_json_csv_and_a_page(client: TestClient) -> None:
    data = client.get("/api/reports/zzs-without-treaty").json()
    assert any(r["substance"].endswith("/substance/benzene") for r in data["rows"])
    csv_response = client.get("/api/reports/expiring-exemptions.csv?years=10")
    assert csv_response.headers["content-type"].startswith("text/csv")
    assert list(csv.DictReader(io.StringIO(csv_response.text)))
    page = client.get("/reports/stockholm-not-rotterdam")
    assert page.status_code == 200 and 'href="/substance/mirex"' in page.text
    assert "zzs-without-treaty" in client.get("/reports").text


def test_report_errors_are_404_and_400(client: TestClient) -> None:
    assert client.get("/api/reports/nonsense").status_code == 404
    assert client.get("/api/reports/expiring-exemptions?years=0").status_code == 400


def test_a_brief_comes_as_html_markdown_and_docx(client: TestClient) -> None:
    html = client.get("/api/brief/substance/pfhxs-acid?lang=nl&format=html")
    assert html.status_code == 200 and "SC-10/13" in html.text and "Bronnen" in html.text
    markdown = client.get("/api/brief/treaty/stockholm?format=md")
    assert markdown.text.startswith("# Stockholm Convention")
    docx = client.get("/api/brief?target=kwik&lang=nl&format=docx")
    headings = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs if p.style.name.startswith("Heading")]
    assert "Identiteit" in headings
    assert client.get("/api/brief/xyzzy").status_code == 404
    assert client.get("/brief").status_code == 200
