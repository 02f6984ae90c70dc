"""The query editor in a real headless Chromium: YASGUI served by ChemKG itself, offline.

A researcher picks an example, sees rows in the table and bars in the chart, gets completion of
ChemKG's terms, and shares a permalink; without the vendored files the page is a plain text box
that says so. Screenshots go to the test's temporary folder (printed).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest

from chemkg.web.sparql_page import editor_installed

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module", autouse=True)
def editor_vendored() -> None:
    if not editor_installed():
        pytest.fail("YASGUI is not vendored; run `make vendor` (part of `make install`)")


@pytest.fixture
def page(browser, live_site):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_site)
    p = context.new_page()
    p.set_default_timeout(20000)
    outside: list[str] = []
    p.on("request", lambda r: outside.append(r.url) if not r.url.startswith((live_site, "data:", "blob:")) else None)
    p.outside_requests = outside
    yield p
    context.close()


def shot(page, folder: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    target = folder / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    print(f"screenshot: {target}")


def test_a_researcher_runs_an_example_in_yasgui_and_charts_it(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto("/sparql")
    page.wait_for_selector(".yasqe .CodeMirror")
    assert page.locator("#editor-note").is_hidden()
    page.locator("#cq12-zzs-per-criterion a.example").click()
    page.wait_for_selector(".yasr table tbody tr")
    assert page.locator(".yasr table tbody tr").count() > 3
    assert "rows" in page.locator("#count").inner_text()
    assert page.locator(".cm-keyword", has_text="SELECT").count() > 0  # highlighted
    page.locator(".yasr_btnGroup button", has_text="Chart").click()
    page.wait_for_selector(".chemkg-chart rect")
    assert page.locator(".chemkg-chart rect").count() == page.locator(".chemkg-chart text").count() // 2
    shot(page, tmp_path, "sparql-editor-chart")
    share = page.locator("#share").get_attribute("href")
    assert share and share.startswith("/sparql?query=") and "zzsCriterion" in share
    assert page.outside_requests == []


def test_completion_offers_chemkgs_classes_and_properties(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto("/sparql")
    page.wait_for_selector(".yasqe .CodeMirror")
    for text, line_end, expected in (
        ("SELECT * WHERE {\n  ?s a ck:Sub", 14, "ck:SubstanceGroup"),
        ("SELECT * WHERE {\n  ?s ck:cas", 12, "ck:casNumber"),
    ):
        page.evaluate(f"window.chemkgEditor.yasqe.setValue({text!r})")
        page.evaluate(
            f"window.chemkgEditor.yasqe.focus(); window.chemkgEditor.yasqe.setCursor({{line: 1, ch: {line_end}}})"
        )
        page.keyboard.press("Control+Space")
        page.wait_for_selector(".CodeMirror-hints li")
        assert expected in page.locator(".CodeMirror-hints li").all_inner_texts()
        shot(page, tmp_path, "sparql-editor-completion")
        page.keyboard.press("Escape")
    assert page.outside_requests == []


def test_a_permalink_opens_the_editor_with_the_query_and_runs_it(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/sparql?query=" + "SELECT%20%3Fcas%20WHERE%20%7B%20%3Fs%20ck%3AcasNumber%20%3Fcas%20%7D%20LIMIT%203")
    page.wait_for_selector(".yasr table tbody tr")
    assert page.locator(".yasr table tbody tr").count() == 3
    assert "ck:casNumber" in page.evaluate("window.chemkgEditor.yasqe.getValue()")


def test_without_the_vendored_editor_the_page_is_a_plain_text_box_that_says_so(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.route("**/static/vendor/yasgui/*", lambda route: route.fulfill(status=404, body=""))
    page.goto("/sparql")
    page.wait_for_selector("#editor-note:visible")
    assert page.locator("textarea#query").is_visible()
    page.locator("#cq05-listings-per-year a.example").click()
    page.wait_for_selector("#results table tbody tr")
    shot(page, tmp_path, "sparql-editor-fallback")


@pytest.mark.parametrize("editor", ["yasgui", "plain"])
def test_a_shared_query_cannot_plant_a_link_that_runs_script(page, editor: str) -> None:  # type: ignore[no-untyped-def]
    # Anyone can send a permalink; its query can make any IRI, javascript: ones too, and the page runs it.
    if editor == "plain":
        page.route("**/static/vendor/yasgui/*", lambda route: route.fulfill(status=404, body=""))
    alerts: list[str] = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    query = (
        'SELECT ?y ?web WHERE { BIND(IRI("javascript:alert(document.domain)") AS ?y) '
        'BIND(IRI("https://example.org/") AS ?web) }'
    )
    response = page.goto("/sparql?" + urlencode({"query": query}))
    assert "script-src 'self'" in response.headers["content-security-policy"]
    rows = ".yasr table tbody tr" if editor == "yasgui" else "#results table tbody tr"
    page.wait_for_selector(rows)
    hrefs = page.eval_on_selector_all(f"{rows} a", "links => links.map(a => a.getAttribute('href') || '')")
    assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")]
    assert "javascript:alert(document.domain)" in page.locator(rows).first.inner_text()  # shown, as text
    assert any(h.startswith("https://example.org") for h in hrefs)  # web addresses stay links
    assert alerts == []
