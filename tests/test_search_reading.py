"""How search reads a query: the language of a short question, real words and names left as typed,
Dutch compounds by the part the graph knows, and explanations in the document's own words."""

from __future__ import annotations

import pytest

from chemkg.search.documents import Document, Name
from chemkg.search.engine import Searcher, get_searcher
from chemkg.search.indexer import IndexReport
from chemkg.search.lexical import LexicalIndex
from chemkg.search.lexicon import Lexicon
from chemkg.search.snippets import analyse
from chemkg.settings import Settings

BASE = "https://w3id.org/chemkg/"


@pytest.fixture(scope="module")
def index() -> LexicalIndex:
    amalgam = Document(BASE + "entry/dental-amalgam", "entry", {"en": "Dental amalgam", "nl": "Tandamalgaam"})
    amalgam.description = {
        "en": "Tooth filling material that is about half mercury.",
        "nl": "Vulmateriaal voor tanden en kiezen dat voor de helft uit kwik bestaat.",
    }
    pfhxs = Document(BASE + "substance/pfhxs", "substance", {"en": "PFHxS", "nl": "PFHxS"})
    pfhxs.names.append(Name("abbreviation", "PFHxS", ""))
    pfhxa = Document(BASE + "treaty/reach/annex-xvii", "annex", {"en": "Annex XVII", "nl": "Bijlage XVII"})
    pfhxa.description = {"en": "Restrictions such as PFHxA in consumer products and pesticides in farming."}
    return LexicalIndex([amalgam, pfhxs, pfhxa])


@pytest.mark.parametrize(
    ("query", "dutch"),
    [
        ("what does the ISP-CWP do", False),
        ("which chemicals are in it", False),
        ("wat doet het ISP-CWP", True),
        ("welke stoffen staan op de lijst", True),
    ],
)
def test_short_questions_are_read_in_their_own_language(query: str, dutch: bool) -> None:
    assert Lexicon().looks_dutch(query) is dutch


# How often each word occurs in the graph's English and Dutch texts: names and loanwords occur in both.
TEXTS = Lexicon(
    english={"mercury": 400, "thermometers": 9, "rotterdam": 230, "pfos": 28, "foam": 25, "convention": 1100},
    dutch={"kwik": 230, "thermometers": 8, "rotterdam": 230, "pfos": 28, "blusschuim": 14, "verdrag": 1200},
)


@pytest.mark.parametrize(
    ("query", "dutch"),
    [
        ("kwik in thermometers", True),  # kwik is Dutch; thermometers is both; "in" is neither
        ("PFOS in blusschuim", True),
        ("Rotterdam verdrag", True),
        ("mercury in thermometers", False),
        ("PFOS in firefighting foam", False),
        ("Rotterdam Convention", False),
        ("Rotterdam", False),  # a name alone: English, the default
    ],
)
def test_a_mixed_query_is_read_by_the_words_that_belong_to_one_language(query: str, dutch: bool) -> None:
    assert TEXTS.looks_dutch(query) is dutch


def test_a_real_word_is_not_corrected_into_another(index: LexicalIndex) -> None:
    reading = index.read_query("global warming")
    assert "warming" not in reading.corrections  # not "farming"


def test_a_name_in_capitals_is_not_corrected_into_a_similar_name(index: LexicalIndex) -> None:
    assert index.read_query("PFHxSA").corrections == {}  # perfluorohexane sulfonamide, not PFHxS
    assert "pfhxa" in index.read_query("PFHxA").terms


def test_a_misspelling_is_still_corrected(index: LexicalIndex) -> None:
    assert index.read_query("amalgan").corrections == {"amalgan": "amalgam"}


def test_a_dutch_compound_is_read_by_the_part_the_graph_knows(index: LexicalIndex) -> None:
    reading = index.read_query("kwik in tandvullingen")
    assert reading.corrections.get("tandvullingen") == "tand"
    assert "tand" in reading.terms


def test_an_explanation_shows_words_not_stems(index: LexicalIndex) -> None:
    doc = index.docs[2]
    analysis = analyse(doc, index)
    terms = set(index.read_query("pesticides").terms)
    assert analysis.words(terms) == ["pesticides"]


# -- slow: the real model on the real graph ---------------------------------------------------------


@pytest.fixture(scope="module")
def searcher(settings: Settings, index_report: IndexReport) -> Searcher:
    return get_searcher(settings.index)


@pytest.mark.slow
def test_mercury_in_tooth_fillings_finds_dental_amalgam(searcher: Searcher) -> None:
    hits = searcher.search("kwik in tandvullingen").hits
    assert hits[0].iri == BASE + "entry/dental-amalgam"


@pytest.mark.slow
def test_a_name_the_graph_mentions_is_not_answered_with_its_neighbours(searcher: Searcher) -> None:
    hits = searcher.search("PFHxA").hits
    assert hits and all("pfhxs" not in h.iri for h in hits)


@pytest.mark.slow
def test_a_substance_chemkg_does_not_have_is_said_to_be_missing(searcher: Searcher) -> None:
    result = searcher.search("vanillin")  # on no list ChemKG holds
    assert result.hits == [] and result.read_as.get("not_in_graph") is True


@pytest.mark.slow
def test_glyphosate_is_found_through_clp_annex_vi_now_that_the_lists_ship(searcher: Searcher) -> None:
    result = searcher.search("glyphosate", limit=3)
    assert result.hits and all("glyphos" in h.label.lower() for h in result.hits[:2])


@pytest.mark.slow
def test_mercury_in_thermometers_asked_in_dutch_answers_with_dutch_labels(searcher: Searcher) -> None:
    result = searcher.search("kwik in thermometers", limit=5)
    assert result.read_as["language"] == "nl" and result.lang == "nl"
    mercury = next(h for h in result.hits if h.iri == BASE + "substance/mercury")
    assert mercury.label == "Kwik"
    assert searcher.search("mercury in thermometers", limit=5).lang == "en"


@pytest.mark.slow
def test_a_short_english_question_about_the_panel_is_read_in_english(searcher: Searcher) -> None:
    result = searcher.search("what does the ISP-CWP do")
    assert result.read_as["language"] == "en"
    assert BASE + "panel/isp-cwp" in [h.iri for h in result.hits[:5]]
