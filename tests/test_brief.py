"""Negotiation briefs: a negotiator walks into a meeting with sourced facts, in English or Dutch."""

import io
import re
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from chemkg.cli import app
from chemkg.profile import Citation, Listing, _merge_same_listings, has_expired
from chemkg.reports.brief import BriefTargetNotFound, build_brief
from chemkg.reports.brief.model import Brief
from chemkg.reports.brief.render import render
from chemkg.reports.brief.text import TEXT
from chemkg.store import OxigraphStore

runner = CliRunner()


def section(brief: Brief, key: str) -> list[str]:
    return [f.text for s in brief.sections if s.key == key for f in s.facts]


def test_every_fixed_string_exists_in_dutch_and_english() -> None:
    assert TEXT["en"].keys() == TEXT["nl"].keys()
    for key, english in TEXT["en"].items():
        assert set(re.findall(r"{(\w+)}", english)) == set(re.findall(r"{(\w+)}", TEXT["nl"][key])), key


def test_a_dutch_brief_on_pfhxs_shows_the_stockholm_listing_with_sc_10_13_and_its_sources(store: OxigraphStore) -> None:
    brief = build_brief(store, "PFHxS", "nl")
    markdown = render(brief, "md").decode()
    assert "## Status onder de mondiale verdragen" in markdown
    stockholm = next(f for s in brief.sections if s.key == "status" for f in s.facts if "Stockholm" in f.text)
    assert "SC-10/13" in stockholm.text and "Bijlage A (Uitbanning)" in stockholm.text and "geplaatst" in stockholm.text
    assert stockholm.refs and all(1 <= n <= len(brief.references) for n in stockholm.refs)
    assert "Verdrag van Rotterdam: niet geplaatst" in section(brief, "status")
    assert any("ZZS" in fact for fact in section(brief, "eu_nl"))
    assert "## Bronnen" in markdown and f"{len(brief.references)}. " in markdown
    for english in ("Status under", "not listed", "References", "substance group"):
        assert english not in markdown


def test_every_fact_that_states_a_listing_cites_a_source(store: OxigraphStore) -> None:
    brief = build_brief(store, "kwik", "en")
    for s in brief.sections:
        for fact in s.facts:
            if ": listed" in fact.text or "under review" in fact.text or fact.text.startswith("Netherlands: ZZS"):
                assert fact.refs, fact.text


def test_open_processes_show_the_rotterdam_recommendation_for_mercury(store: OxigraphStore) -> None:
    brief = build_brief(store, "mercury", "en")
    assert any("recommended" in text and "Rotterdam" in text for text in section(brief, "open"))


def test_exemptions_show_their_expiry(store: OxigraphStore) -> None:
    brief = build_brief(store, "UV-328", "en")
    assert any("2030-12-31" in text for text in section(brief, "exemptions"))
    # Past its date, an exemption says so: PFOA's exemption for photographic coatings ran to 2025-12-03.
    pfoa = section(build_brief(store, "PFOA", "en"), "exemptions")
    assert any("Photographic coatings" in text and "(expired 2025-12-03)" in text for text in pfoa)


@pytest.mark.parametrize(
    ("expires", "expired"),
    [("2026-12-01", True), ("2026-12-02", False), ("2026-11", True), ("2026-12", False), ("2025", True),
     ("2026", False), ("not a date", False), (None, False)],
)  # fmt: skip
def test_an_expiry_given_to_the_month_or_year_runs_to_its_end(expires: str | None, expired: bool) -> None:
    assert has_expired(expires, date(2026, 12, 2)) is expired


def test_each_exemption_is_stated_once_citing_every_source_that_records_it(store: OxigraphStore) -> None:
    brief = build_brief(store, "PFOA", "en")
    facts = [f for s in brief.sections if s.key == "exemptions" for f in s.facts]
    assert len({f.text for f in facts}) == len(facts) >= 5
    photographic = [f for f in facts if "hotographic coatings" in f.text]
    assert len(photographic) == 1
    assert len(photographic[0].refs) >= 2  # the convention's text and the decision's record both cite it


def test_a_listing_two_registers_record_is_one_listing_citing_both() -> None:
    # ECHA's POPs export and the curated EU table both record PFHxS in EU POPs Annex I: one fact, two sources.
    def listing(iri: str, source: str, summary: str | None) -> Listing:
        return Listing(
            iri, "EU POPs Regulation", "eu-pops", "EU POPs-verordening", "Annex I", "I", "eu-pops/annex-i",
            "Bijlage I", "listed", "listed", "geplaatst", "pfhxs", "PFHxS", adopted="2022-12-29",
            summary=summary, citations=[Citation(source)],
        )  # fmt: skip

    merged = _merge_same_listings(
        [listing("a", "ECHA POPs list", None), listing("b", "ECHA CHEM export", "Prohibited in the EU.")]
    )
    assert len(merged) == 1
    assert [c.title for c in merged[0].citations] == ["ECHA POPs list", "ECHA CHEM export"]
    assert merged[0].summary == "Prohibited in the EU."
    other_annex = listing("c", "ECHA POPs list", None)
    other_annex.annex_iri = "eu-pops/annex-iv"
    assert len(_merge_same_listings([listing("a", "ECHA POPs list", None), other_annex])) == 2


def test_a_treaty_brief_lists_its_annexes_and_open_poprc_reviews(store: OxigraphStore) -> None:
    brief = build_brief(store, "stockholm", "en")
    assert brief.kind == "treaty" and brief.title == "Stockholm Convention"
    assert any(text.startswith("Annex A (Elimination)") and "Mirex" in text for text in section(brief, "annexes"))
    assert any("PFOA" in text and "under review" in text for text in section(brief, "open"))
    assert any("SC-10/13" in text for text in section(brief, "timeline"))


def test_a_topic_brief_shows_the_coverage_of_the_substances_it_concerns(store: OxigraphStore) -> None:
    brief = build_brief(store, "panel/topic/pfas", "nl")
    assert brief.kind == "topic"
    lines = section(brief, "substances")
    assert any("ZZS" in line for line in lines) and all(f.refs for s in brief.sections for f in s.facts)


def test_an_unknown_target_says_what_a_brief_can_be_about(store: OxigraphStore) -> None:
    with pytest.raises(BriefTargetNotFound, match="instrument"):
        build_brief(store, "xyzzy", "en")


def test_html_escapes_text_and_links_the_references(store: OxigraphStore) -> None:
    html = render(build_brief(store, "PFHxS", "en"), "html").decode()
    assert '<html lang="en">' in html and 'href="#ref-1"' in html and 'id="ref-1"' in html
    assert "<script" not in html


def test_the_docx_brief_opens_in_python_docx_with_its_headings(built_store: Path, tmp_path: Path) -> None:
    target = tmp_path / "pfhxs.docx"
    env = {"CHEMKG_STORE_PATH": str(built_store)}
    result = runner.invoke(app, ["brief", "PFHxS", "--lang", "nl", "--output", str(target)], env=env)
    assert result.exit_code == 0, result.output
    document = Document(io.BytesIO(target.read_bytes()))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    assert headings[:3] == ["Identiteit", "Status onder de mondiale verdragen", "Uitzonderingen en hun vervaldatum"]
    assert "Bronnen" in headings
    assert any("SC-10/13" in p.text for p in document.paragraphs)


def test_the_brief_command_refuses_unknown_formats(built_store: Path) -> None:
    env = {"CHEMKG_STORE_PATH": str(built_store)}
    result = runner.invoke(app, ["brief", "pfos", "--format", "pdf"], env=env)
    assert result.exit_code == 1 and "md, html or docx" in result.output


def test_a_brief_on_organic_cyanides_is_about_organic_cyanides(store: OxigraphStore) -> None:
    brief = build_brief(store, "organic cyanides", "en")
    assert brief.iri.endswith("/substance/organic-cyanides") and "Inorganic" not in brief.title


@pytest.mark.slow  # the near names come from the official lists
def test_a_brief_never_answers_with_a_chemical_one_word_away(store: OxigraphStore) -> None:
    """No such chemical as pentachloroethylene: no brief on trichloroethylene, but advice on why not."""
    with pytest.raises(BriefTargetNotFound) as caught:
        build_brief(store, "pentachloroethylene", "en")
    assert "another chemical" in str(caught.value)
    try:
        tetra = build_brief(store, "tetrachloroethylene", "en")
    except BriefTargetNotFound:
        return
    assert not tetra.iri.endswith("/substance/trichloroethylene")


def test_a_brief_addressed_by_exact_id_is_about_that_entity(store: OxigraphStore) -> None:
    brief = build_brief(store, "substance/pfos-potassium", "en")
    assert brief.iri.endswith("/substance/pfos-potassium")


def test_a_group_brief_shows_its_members_stockholm_listings_never_as_the_groups_own(store: OxigraphStore) -> None:
    """The story: the PFAS brief said "Stockholm: not listed" while PFOS, PFOA and PFHxS are listed."""
    status = section(build_brief(store, "substance/pfas", "en"), "status")
    stockholm = [f for f in status if f.startswith("Stockholm Convention")]
    assert stockholm and "Stockholm Convention: not listed" not in status
    assert all("not the group as a whole" in f for f in stockholm)
    assert any("Perfluorooctane sulfonic acid" in f for f in stockholm)


def test_a_member_brief_shows_its_groups_listing_through_the_group(store: OxigraphStore) -> None:
    status = section(build_brief(store, "trichloroethylene", "en"), "status")
    assert "Basel Convention: not listed" not in status
    assert any(f.startswith("Basel Convention") and "Halogenated organic solvents" in f for f in status)


def test_a_brief_cites_official_sources_before_secondary_ones_and_marks_the_secondary(store: OxigraphStore) -> None:
    brief = build_brief(store, "minamata", "en")
    kinds = [ref.secondary for ref in brief.references]
    assert False in kinds and True in kinds, "the Minamata brief should cite both official and secondary sources"
    assert kinds == sorted(kinds), "an official source is listed after a secondary one"
    assert [ref.number for ref in brief.references] == list(range(1, len(brief.references) + 1))
    cited = {n for s in brief.sections for f in s.facts for n in f.refs}
    assert cited <= set(range(1, len(brief.references) + 1))
    markdown = render(brief, "md").decode()
    secondary = next(ref for ref in brief.references if ref.secondary)
    assert f"{secondary.number}. " in markdown and "[secondary source]" in markdown


def test_a_zzs_route_is_stated_once_and_an_unstated_route_only_when_no_other_is_known(store: OxigraphStore) -> None:
    def routes(target: str) -> list[tuple[str, bool]]:
        facts = [f for f in section(build_brief(store, target, "en"), "eu_nl") if f.startswith("Netherlands: ZZS")]
        return [(re.findall(r"route '([^']+)'", f)[0], "through the group" in f) for f in facts]

    pfoa = routes("substance/pfoa")
    own = {route for route, inherited in pfoa if not inherited}
    assert own and not [route for route, inherited in pfoa if inherited and route in own]
    for route, _ in routes("substance/pfoa-acid"):
        assert route != "route not stated in the list"
