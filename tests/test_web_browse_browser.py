"""In headless Chromium: a Dutch officer's browser gets Dutch pages; tables fit a 1280 px screen and a
390 px phone; she narrows the substance index with its filters and finds her way from the treaties
index. Screenshots go to the test's temporary folder (printed)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DUTCH_BROWSER = {"locale": "nl-NL", "extra_http_headers": {"Accept-Language": "nl-NL,nl;q=0.9,en;q=0.5"}}
PHONE = {"width": 390, "height": 844}
SCREEN = {"width": 1280, "height": 900}
# Pages with the widest tables: the listings of a substance, both indexes, a gap report, a ZZS route.
WIDE_PAGES = (
    "/",
    "/treaties",
    "/substances",
    "/substances?zzs=zzs",
    "/panel",
    "/substance/pfhxs",
    "/substance/mercury",
    "/treaty/stockholm",
    "/zzs?route=cmr-clp",
    "/reports/zzs-without-treaty",
)
# What the page body must not do: be wider than the window (tables scroll inside their own frame instead).
BODY_OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
WRAPS_OVERFLOWING = """() => [...document.querySelectorAll('.table-wrap')]
    .filter(w => w.scrollWidth > w.clientWidth + 1).map(w => w.querySelector('table').className)"""


def open_page(browser: Any, live_site: str, viewport: dict[str, int], **options: Any) -> Any:
    context = browser.new_context(viewport=viewport, base_url=live_site, **options)
    page = context.new_page()
    page.set_default_timeout(30000)
    return page


def shot(page: Any, folder: Path, name: str) -> None:
    target = folder / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    print(f"screenshot: {target}")


def test_a_dutch_browser_gets_dutch_pages_until_she_picks_english(browser: Any, live_site: str, tmp_path: Path) -> None:
    page = open_page(browser, live_site, SCREEN, **DUTCH_BROWSER)
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator(".site-nav").inner_text().split()[:3] == ["Zoeken", "Verdragen", "Stoffen"]
    page.goto("/panel")
    assert "Wat Nederland doet" in page.locator("main").inner_text()
    shot(page, tmp_path, "panel-nl")
    page.goto("/no-such-page")
    assert page.locator("h1").inner_text() == "Niet gevonden"
    page.click(".lang-switch a[lang=en]")
    page.goto("/zzs")  # her choice outranks her browser from now on
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Substances of very high concern" in page.locator("h1").inner_text()
    page.context.close()


@pytest.mark.parametrize(("name", "viewport"), [("screen", SCREEN), ("phone", PHONE)])
def test_pages_fit_a_1280_px_screen_and_a_phone(
    browser: Any, live_site: str, tmp_path: Path, name: str, viewport: dict[str, int]
) -> None:
    page = open_page(browser, live_site, viewport, **DUTCH_BROWSER)
    for path in WIDE_PAGES:
        page.goto(path)
        assert page.evaluate(BODY_OVERFLOW) <= 0, f"{path} is wider than a {viewport['width']} px window"
        if name == "screen":
            assert page.evaluate(WRAPS_OVERFLOWING) == [], f"{path}: a table is cut off at 1280 px"
        shot(page, tmp_path, f"{name}-{re.sub(r'[^a-z0-9]+', '-', path).strip('-') or 'home'}")
    page.goto("/batch")
    page.fill("textarea[name=text]", "355-46-4\n80-05-7\nkwik\n50-00-1\ntetrachloorbenzeen")
    page.click("form button[type=submit]")
    page.wait_for_selector("table.batch-results")
    assert page.evaluate(BODY_OVERFLOW) <= 0
    if name == "screen":
        assert page.evaluate(WRAPS_OVERFLOWING) == [], "the batch table fits 1280 px"
    shot(page, tmp_path, f"{name}-batch")
    page.context.close()


def test_an_officer_narrows_the_substance_index_with_filters(browser: Any, live_site: str, tmp_path: Path) -> None:
    page = open_page(browser, live_site, SCREEN, **DUTCH_BROWSER)
    page.goto("/substances")
    everything = int(re.sub(r"\D", "", page.locator("p.count strong").inner_text()))
    page.select_option("select[name=zzs]", "zzs")
    page.select_option("select[name=list]", "rivm-zzs")
    page.click(".index-filters button[type=submit]")
    page.wait_for_url("**zzs=zzs**")
    narrowed = int(re.sub(r"\D", "", page.locator("p.count strong").inner_text()))
    assert 0 < narrowed < everything
    rows = page.locator("table.substances tbody tr")
    assert rows.count() == min(narrowed, 50)
    for i in range(rows.count()):
        assert "ZZS" in rows.nth(i).locator("td").nth(2).inner_text()
    shot(page, tmp_path, "substances-zzs-rivm")
    page.click("nav.pager a[rel=next]")
    page.wait_for_url("**page=2**")
    assert "zzs=zzs" in page.url and "list=rivm-zzs" in page.url, "the filters stay on the next page"
    page.fill("input[name=q]", "PFHxS")
    page.select_option("select[name=zzs]", "")
    page.select_option("select[name=list]", "")
    page.click(".index-filters button[type=submit]")
    page.wait_for_selector("table.substances")
    page.locator("table.substances a", has_text="PFHxS").first.click()
    page.wait_for_url("**/substance/**")
    assert "PFHxS" in page.locator("h1").inner_text()
    page.context.close()


def test_the_treaties_index_leads_to_an_annex_and_its_substances(browser: Any, live_site: str, tmp_path: Path) -> None:
    page = open_page(browser, live_site, SCREEN)
    page.goto("/")
    page.click(".site-nav a[href='/treaties']")
    page.wait_for_url("**/treaties")
    shot(page, tmp_path, "treaties")
    row = page.locator("table.treaties tr", has=page.locator("a[href='/treaty/stockholm']"))
    link = row.locator("a[href='/substances?annex=stockholm%2Fannex-a']")
    reached = int(re.sub(r"\D", "", link.inner_text()))
    link.click()
    page.wait_for_url("**/substances?annex=**")
    assert int(re.sub(r"\D", "", page.locator("p.count strong").inner_text())) == reached
    assert page.locator("select[name=annex]").input_value() == "stockholm/annex-a"
    page.goto("/treaties")
    page.locator("table.treaties a[href='/treaty/stockholm/annex-a']").click()
    page.wait_for_url("**/treaty/stockholm/annex-a")
    assert "Annex A" in page.locator("h1").inner_text()
    page.context.close()


def test_the_api_docs_render_without_leaving_the_host(browser: Any, live_site: str, tmp_path: Path) -> None:
    page = open_page(browser, live_site, SCREEN)
    elsewhere: list[str] = []
    page.on("request", lambda r: elsewhere.append(r.url) if not r.url.startswith(live_site) else None)
    page.goto("/docs")
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() > 20
    assert page.locator(".opblock-summary-path", has_text="/substances").count() >= 1
    assert elsewhere == [], f"the docs fetched {elsewhere}"
    shot(page, tmp_path, "api-docs")
    page.context.close()
