"""End to end in a real headless Chromium: what a person does in the browser, with screenshots.

Screenshots of the main pages are saved under test-artifacts/screenshots/ (printed by the test).
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"


@pytest.fixture
def page(browser, live_site):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_site)
    p = context.new_page()
    p.set_default_timeout(20000)
    yield p
    context.close()


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    target = SHOTS / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    print(f"screenshot: {target}")


def test_a_user_searches_pfhxs_and_sees_its_stockholm_listing(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    shot(page, "home")
    page.fill("input[name=q]", "PFHxS")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/search?**")
    shot(page, "search-pfhxs")
    page.locator("a[href='/substance/pfhxs']").first.click()
    page.wait_for_url("**/substance/pfhxs")
    listings = page.locator("#listings").locator("..")
    assert "Stockholm Convention" in listings.inner_text()
    row = page.locator("tr", has=page.locator("a[href='/treaty/stockholm/annex-a']")).first
    assert "SC-10/13" in row.inner_text()
    shot(page, "substance-pfhxs")


def test_a_user_runs_an_example_sparql_query_and_sees_rows(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/sparql")
    page.locator("a.example").first.click()
    rows = ".yasr table tbody tr, #results table tbody tr"  # YASGUI's table, or the plain one without it
    page.wait_for_selector(rows)
    assert page.locator(rows).count() > 0
    assert "rows" in page.locator("#count").inner_text()
    share = page.locator("#share").get_attribute("href")
    assert share is not None and share.startswith("/sparql?query=")
    shot(page, "sparql")


def test_switching_to_dutch_changes_the_labels(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/substance/pfhxs")
    assert page.locator("#listings").inner_text() == "Listings"
    page.click(".lang-switch a[lang=nl]")
    page.wait_for_url("**lang=nl")
    assert page.locator("#listings").inner_text() == "Plaatsingen"
    assert "Verdrag van Stockholm" in page.locator("main").inner_text()
    shot(page, "substance-pfhxs-nl")
    page.goto("/zzs")  # the choice is remembered
    assert "Zeer zorgwekkende stoffen" in page.locator("h1").inner_text()


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("treaty-stockholm", "/treaty/stockholm"),
        ("annex-stockholm-a", "/treaty/stockholm/annex-a"),
        ("zzs", "/zzs"),
        ("panel", "/panel"),
        ("matrix-pfas", "/matrix?show=pfas"),
        ("group-mercury-compounds", "/substance/mercury"),
        ("decision", "/decision/sc-10-13"),
        ("not-found", "/substance/pfhxz"),
    ],
)
def test_main_pages_render_in_the_browser(page, name: str, path: str) -> None:  # type: ignore[no-untyped-def]
    response = page.goto(path)
    assert response is not None and response.status in (200, 404)
    assert page.locator("h1").count() == 1
    shot(page, name)
