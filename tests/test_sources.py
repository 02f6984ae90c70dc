"""A ministry note cites official documents: every source says whether it is one, and none lives on a mirror.

Sources on news mirrors, document-sharing sites, compliance trackers, code hosting or test servers cannot be
cited. Where such a copy was read, the source names the official document (by its symbol or its official
page) and the note says where it was read.
"""

from pathlib import Path
from urllib.parse import urlparse

import pytest

from chemkg.registers.validate import load

GRAPH = Path(__file__).resolve().parent.parent / "graph"

# Hosts whose pages are copies of someone else's document, trackers or code: never a citation.
REFUSED_HOSTS = (
    "github.com",
    "gist.github.com",
    "gitlab.com",
    "docslib.org",
    "docsbay.net",
    "docest.com",
    "docsford.com",
    "studylib.es",
    "studylib.net",
    "fdocuments.in",
    "fdocuments.us",
    "123dok.net",
    "scribd.com",
    "regulations.certivo.com",
    "certivo.com",
    "chrysotile.vn",
    "durawfoods.com",
)
# Test and staging servers of otherwise official sites (enb-test.iisd.org, test.minamataconvention.org…).
STAGING_LABELS = ("test", "uat", "staging")


def refused(url: str) -> bool:
    """Whether a URL points at a host a brief may not cite."""
    host = urlparse(url).netloc.lower().removeprefix("www.")
    if any(host == h or host.endswith("." + h) for h in REFUSED_HOSTS):
        return True
    labels = host.split(".")
    return any(label in STAGING_LABELS or label.endswith("-test") for label in labels[:-2])


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://enb-test.iisd.org/rotterdam-convention-crc-review-committee-20-summary", True),
        ("https://test.minamataconvention.org/ar/taxonomy/term/6854/intersessional-work", True),
        ("https://meetings.uat.ccamlr.org/en/ccamlr-41/bg/14", True),
        ("https://github.com/statengeneraal/laws-markdown/blob/x/README.md", True),
        ("https://regulations.certivo.com/stockholm-pops-2025?fid=450", True),
        ("http://www.durawfoods.com/news/countries-agree", True),
        ("https://enb.iisd.org/basel-rotterdam-stockholm-conventions-brs-cops-2025-daily-report-8may2025", False),
        ("https://minamataconvention.org/en/amendments", False),
        ("https://zoek.officielebekendmakingen.nl/trb-2026-52.xml", False),
        ("https://www.latest-news.example.org/a", False),
    ],
)
def test_the_refusal_rule_knows_mirrors_from_official_sites(url: str, expected: bool) -> None:
    assert refused(url) is expected


def test_no_register_cites_a_mirror_tracker_code_copy_or_test_site() -> None:
    catalogue, _ = load(GRAPH)
    offending = [
        f"{row.where('url')}: {row.get('url')}"
        for kind in ("sources", "decisions", "instruments")
        for row in catalogue.of_kind(kind)
        if row.get("url") and refused(row.get("url"))
    ]
    assert not offending, "\n".join(offending)


def test_every_source_is_typed_official_or_secondary() -> None:
    catalogue, _ = load(GRAPH)
    sources = catalogue.of_kind("sources")
    assert len(sources) > 200
    untyped = [row.where("standing") for row in sources if row.get("standing") not in ("official", "secondary")]
    assert not untyped, untyped
    standings = {row.get("standing") for row in sources}
    assert standings == {"official", "secondary"}


def test_the_treaty_texts_are_cited_from_official_publishers() -> None:
    catalogue, _ = load(GRAPH)
    for source in ("sc-text", "rc-text", "bc-text", "mc-text", "mp-text", "trb-2026-52"):
        row = catalogue.get("sources", source)
        assert row is not None, source
        assert row.get("standing") == "official", row.where("standing")
