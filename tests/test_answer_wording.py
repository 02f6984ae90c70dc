"""How an answer reads: a not-found message offers each suggestion once, and a Dutch question is answered in Dutch."""

import pytest

from chemkg.ask.understand import detect_language
from chemkg.resolve import Resolver, Suggestion, suggestion_text

PFHXS = "https://w3id.org/chemkg/substance/pfhxs"


def test_a_suggestion_whose_label_shows_the_matched_abbreviation_does_not_repeat_it() -> None:
    suggestions = [
        Suggestion(PFHXS + "-acid", "Perfluorohexane sulfonic acid (PFHxS)", 90.0, "PFHxS"),
        Suggestion(
            PFHXS, "Perfluorohexane sulfonic acid (PFHxS), its salts and PFHxS-related compounds", 90.0, "PFHxS"
        ),
        Suggestion("https://w3id.org/chemkg/substance/ddt", "DDT", 80.0, "dichlorodiphenyltrichloroethane"),
    ]
    text = suggestion_text(suggestions)
    assert text.count("did you mean") == 1
    assert "(PFHxS) (PFHxS)" not in text and "compounds (PFHxS)" not in text
    assert "DDT (dichlorodiphenyltrichloroethane)" in text


def test_two_suggestions_that_read_the_same_are_offered_once() -> None:
    same = [Suggestion(f"https://w3id.org/chemkg/substance/x{i}", "Zinc oxide", 90.0, "zinc oxide") for i in (1, 2)]
    assert suggestion_text(same) == "; did you mean: Zinc oxide"
    assert suggestion_text([]) == ""


def test_the_not_found_message_itself_does_not_ask_did_you_mean() -> None:
    """The caller lists the suggestions after the message; the message must not ask the question twice."""
    rows = [
        {"entity": PFHXS, "label": "Perfluorohexane sulfonic acid (PFHxS)", "type": "SubstanceGroup", "kind": kind,
         "value": value}
        for kind, value in (("name", "Perfluorohexane sulfonic acid (PFHxS)"), ("abbreviation", "PFHxS"))
    ]  # fmt: skip
    resolution = Resolver(rows).resolve("PFHxA")
    assert resolution.status == "unresolved" and resolution.suggestions
    assert "did you mean" not in (resolution.message or "")
    assert (resolution.message + suggestion_text(resolution.suggestions)).count("did you mean") == 1


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("Is PFOA een ZZS?", "nl"),
        ("Is chloorpyrifos een ZZS en waarom?", "nl"),
        ("Is PFOA a ZZS?", "en"),
        ("Which substances are listed in Annex A?", "en"),
        ("Welke stoffen staan in bijlage A?", "nl"),
    ],
)
def test_a_question_is_answered_in_its_own_language(question: str, lang: str) -> None:
    assert detect_language(question) == lang
