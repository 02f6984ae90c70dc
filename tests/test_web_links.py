"""Every link on every page works: a crawl from the home page over the built graph.

Each distinct target is requested once. The thousands of pages of rows from the official lists share
their templates with the curated pages: a sample of them is rendered, and every other link to one of
them is checked in bulk against the store (the IRI it names exists). A paged list's chart of one page
(/matrix.svg?show=all&page=7) draws the rows of that page of the list: a few are drawn (each takes
seconds), every other must name a page of its list that the crawl rendered. So no link found goes unchecked.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from urllib.parse import urldefrag, urlsplit

import pytest
from fastapi.testclient import TestClient

from chemkg.settings import Settings
from chemkg.store import OxigraphStore
from chemkg.web.app import create_app

BASE = "https://w3id.org/chemkg"
BROWSER = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
HREF = re.compile(r"""href="([^"]*)\"""")
# The same page in another format or language has the same links: one of each is enough.
SAME_TARGET = re.compile(r"([?&])(format|lang)=[^&]*")
# An entity's RDF documents (/substance/pfos.ttl) come from one handler per IRI space: a few of each are
# fetched, the others checked as the entity they describe.
RDF_DOCUMENT = re.compile(r"^(/[a-z-]+/[^?]*?)(\.(?:ttl|jsonld|nt|rdf|nq|trig))$")
RDF_SAMPLES = 3
# A download of one page of a paged list (/matrix.svg?show=all&page=7): its page is /matrix?show=all&page=7.
PAGE_DOWNLOAD = re.compile(r"^(/[^?.]+)\.[a-z]+(\?.*\bpage=\d+.*)$")
PAGE_DOWNLOAD_SAMPLES = 3
# Pages of a kind (/substance/…, /zzs/status/…) made only from the official lists that are rendered.
IMPORTED_SAMPLES = 20
IN_IMPORTS = """
SELECT DISTINCT ?s WHERE {
  GRAPH ?g { ?s a ?type }
  FILTER(STRSTARTS(STR(?g), "https://w3id.org/chemkg/graph/import/") || ?g = <https://w3id.org/chemkg/graph/zzs-rules>)
  FILTER NOT EXISTS {
    GRAPH ?curated { ?s a ?t }
    FILTER(!STRSTARTS(STR(?curated), "https://w3id.org/chemkg/graph/import/"))
    FILTER(?curated != <https://w3id.org/chemkg/graph/zzs-rules>)
  }
}"""


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


def internal(href: str) -> str | None:
    """The site path an href points to, or ``None`` for other sites, mail links and anchors."""
    href = urldefrag(href.replace("&amp;", "&"))[0]
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not href.startswith("/"):
        return None
    return href


def crawl_key(path: str) -> str:
    """The key under which a path counts as seen: the same page in another language or format folds together."""
    return SAME_TARGET.sub(r"\1", path).replace("?&", "?").rstrip("?&")


def kind_of(path: str) -> str:
    """The pages one handler renders alike: /substance/x → substance, /zzs/status/rule/x → zzs/status/rule,
    /listing/import/clp/annex-vi/x/1 → listing/import/clp."""
    return "/".join(path.split("?")[0].strip("/").split("/")[:-1][:3])


class Crawl:
    """Which links to fetch and which to check against the store, and what was found broken."""

    def __init__(self, store: OxigraphStore) -> None:
        typed = store.oxigraph.query("SELECT DISTINCT ?s WHERE { ?s a ?t }", use_default_graph_as_union=True)
        self.subjects = {str(r["s"].value) for r in typed}  # type: ignore[index, union-attr]
        self.imported = {str(r["s"].value) for r in store.oxigraph.query(IN_IMPORTS)}  # type: ignore[index, union-attr]
        self.fetched: dict[str, int] = {}
        self.in_bulk: dict[str, str] = {}  # path → the page it was found on
        self.pages_of_downloads: dict[str, str] = {}  # the list page a download not fetched draws → found on
        self.rendered: set[str] = set()  # crawl keys of the pages fetched without an error

    def fetch_or_defer(self, key: str, found_on: str) -> bool:
        """Whether to fetch ``key``; a link not fetched is kept for the bulk check."""
        rdf = RDF_DOCUMENT.match(key)
        if rdf:
            kind = kind_of(rdf.group(1)) + rdf.group(2)
            self.fetched[kind] = self.fetched.get(kind, 0) + 1
            if self.fetched[kind] > RDF_SAMPLES:
                self.in_bulk[rdf.group(1)] = found_on
                return False
            return True
        download = PAGE_DOWNLOAD.match(key)
        if download:
            kind = download.group(0).split("?")[0]
            self.fetched[kind] = self.fetched.get(kind, 0) + 1
            if self.fetched[kind] > PAGE_DOWNLOAD_SAMPLES:
                self.pages_of_downloads[crawl_key(download.group(1) + download.group(2))] = key
                return False
            return True
        page = key.split("?")[0]
        if BASE + page in self.imported:
            kind = "imported " + kind_of(page)
            self.fetched[kind] = self.fetched.get(kind, 0) + 1
            if self.fetched[kind] > IMPORTED_SAMPLES:
                self.in_bulk[page] = found_on
                return False
        return True

    def missing(self) -> list[str]:
        gone = [(path, on) for path, on in self.in_bulk.items() if BASE + path not in self.subjects]
        unpaged = [(page, download) for page, download in self.pages_of_downloads.items() if page not in self.rendered]
        return [f"{path} (no such IRI, linked from {on})" for path, on in gone] + [
            f"{download} (its list has no page {page})" for page, download in unpaged
        ]


@pytest.mark.slow
def test_every_link_on_every_page_leads_somewhere(client: TestClient, store: OxigraphStore) -> None:
    crawl = Crawl(store)
    queue: deque[tuple[str, str]] = deque([("/", "(start)")])
    seen = {"/"}
    broken: list[str] = []
    pages = 0
    while queue:
        path, found_on = queue.popleft()
        r = client.get(path, headers=BROWSER)
        pages += 1
        if r.status_code >= 400:
            broken.append(f"{path} ({r.status_code}, linked from {found_on})")
            continue
        crawl.rendered.add(crawl_key(path))
        if not r.headers.get("content-type", "").startswith("text/html") or path.startswith("/api/"):
            continue
        for href in HREF.findall(r.text):
            target = internal(href)
            if target is None or target.startswith("/sparql?"):
                continue
            key = crawl_key(target)
            if key not in seen:
                seen.add(key)
                if crawl.fetch_or_defer(key, path):
                    queue.append((target, path))
    assert broken + crawl.missing() == []
    assert pages > 1000, f"the crawl reached only {pages} pages"
    assert len(crawl.in_bulk) > 1000 or not crawl.imported, "the pages from the official lists were not reached"
    assert crawl.pages_of_downloads or not crawl.imported, "the charts of the paged lists were not reached"
