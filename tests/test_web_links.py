"""Every link on every page works: a crawl from the home page over the built curated graph."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from urllib.parse import urldefrag, urlsplit

import pytest
from fastapi.testclient import TestClient

from chemkg.settings import Settings
from chemkg.web.app import create_app

BROWSER = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
HREF = re.compile(r"""href="([^"]*)\"""")
MAX_PAGES = 20000
# Pages per IRI space (/substance/…, /listing/…): every curated one is reached first (breadth-first from the
# home page); the thousands of imported list rows share one template, so a sample of them is enough.
PER_SPACE = 1000
# The same page in another format or language has the same links: one of each is enough.
SAME_TARGET = re.compile(r"([?&])(format|lang)=[^&]*")


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


# An entity's RDF documents (/substance/pfos.ttl) come from one handler per IRI space: a few of each suffice.
RDF_DOCUMENT = re.compile(r"^/([a-z-]+)/[^?]*(\.(?:ttl|jsonld|nt|rdf|nq|trig))$")
RDF_SAMPLES = 3


def crawl_key(path: str, sampled: dict[str, int]) -> str:
    """The key under which a path counts as seen: language, format and most RDF documents fold together."""
    key = SAME_TARGET.sub(r"\1", path).replace("?&", "?").rstrip("?&")
    rdf = RDF_DOCUMENT.match(key)
    if rdf:
        kind = rdf.group(1) + rdf.group(2)
        sampled[kind] = sampled.get(kind, 0) + 1
        if sampled[kind] > RDF_SAMPLES:
            return kind
    return key


@pytest.mark.slow
def test_every_link_on_every_page_leads_somewhere(client: TestClient) -> None:
    queue: deque[tuple[str, str]] = deque([("/", "(start)")])
    sampled: dict[str, int] = {}
    per_space: dict[str, int] = {}
    seen = {"/"}
    broken: list[str] = []
    pages = 0
    while queue and pages < MAX_PAGES:
        path, found_on = queue.popleft()
        r = client.get(path, headers=BROWSER)
        pages += 1
        if r.status_code >= 400:
            broken.append(f"{path} ({r.status_code}, linked from {found_on})")
            continue
        if not r.headers.get("content-type", "").startswith("text/html") or path.startswith("/api/"):
            continue
        for href in HREF.findall(r.text):
            target = internal(href)
            if target is None or target.startswith("/sparql?"):
                continue
            key = crawl_key(target, sampled)
            if key in seen:
                continue
            seen.add(key)
            space = target.split("?")[0].split("/")[1]
            per_space[space] = per_space.get(space, 0) + 1
            if per_space[space] > PER_SPACE:
                continue
            queue.append((target, path))
    assert broken == []
    assert pages > 1000, f"the crawl reached only {pages} pages"
