"""Identity resolution as an analyst meets it: whatever they paste, they learn what it names or why not."""

import pytest

from chemkg.resolve import Resolver
from chemkg.store import OxigraphStore

SUBSTANCE = "https://w3id.org/chemkg/substance/"


@pytest.fixture(scope="module")
def resolver(store: OxigraphStore) -> Resolver:
    return Resolver.from_store(store)


def test_a_cas_number_with_a_bad_check_digit_says_so_and_what_it_should_be(resolver: Resolver) -> None:
    r = resolver.resolve("355-46-5")
    assert r.status == "invalid" and r.entity is None
    assert r.message is not None and "checksum" in r.message and "should be 4" in r.message


@pytest.mark.parametrize("typed", ["355-46-4", " CAS 355-46-4 ", "CAS-nr. 355‐46‐4", "355464"])
def test_a_cas_number_resolves_however_it_was_copied(resolver: Resolver, typed: str) -> None:
    """With a prefix, Unicode hyphens from a PDF, or the dashes stripped by a database export."""
    r = resolver.resolve(typed)
    assert r.status == "resolved" and r.match_type == "cas"
    assert r.entity is not None and r.entity.iri == SUBSTANCE + "pfhxs-acid"


def test_an_ec_number_resolves_and_a_mistyped_one_is_rejected(resolver: Resolver) -> None:
    assert resolver.resolve("EG-nummer 206-587-1").entity is not None
    bad = resolver.resolve("206-587-2")
    assert bad.status == "invalid" and bad.message is not None and "checksum" in bad.message


def test_a_valid_identifier_that_is_not_in_chemkg_is_unresolved_not_invalid(resolver: Resolver) -> None:
    r = resolver.resolve("7732-18-5")  # water: a real CAS number no list or instrument here names
    assert r.status == "unresolved" and r.match_type == "cas" and r.message is not None


@pytest.mark.parametrize(("dutch", "expected"), [("kwik", "mercury"), ("Lindaan", "lindane"), ("asbest", "asbestos")])
def test_a_dutch_name_resolves_exactly(resolver: Resolver, dutch: str, expected: str) -> None:
    r = resolver.resolve(dutch)
    assert r.status == "resolved" and r.confidence == 1.0
    assert r.entity is not None and r.entity.iri == SUBSTANCE + expected


def test_a_misspelling_resolves_fuzzy_with_a_score_and_other_suggestions(resolver: Resolver) -> None:
    r = resolver.resolve("chlorpyriphos")
    assert r.status == "fuzzy" and r.match_type == "fuzzy"
    assert r.entity is not None and r.entity.iri == SUBSTANCE + "chlorpyrifos"
    assert 0.85 <= r.confidence < 1.0
    assert any(s.iri == SUBSTANCE + "chlorpyrifos-methyl" for s in r.suggestions)


def test_an_unknown_string_is_unresolved_with_suggestions_when_something_is_close(resolver: Resolver) -> None:
    r = resolver.resolve("tetrachlorodioxin")
    assert r.status == "unresolved" and r.entity is None
    assert r.suggestions and all(s.score >= 65 for s in r.suggestions)
    # The suggestions travel apart (a batch column, "did you mean: …" in lookup); the message does not ask twice.
    assert r.message is not None and "did you mean" not in r.message


def test_gibberish_gets_no_misleading_suggestions(resolver: Resolver) -> None:
    r = resolver.resolve("xyzzy foo")
    assert r.status == "unresolved" and r.suggestions == []


def test_a_group_resolves_to_the_group_and_on_request_lists_its_members(resolver: Resolver) -> None:
    plain = resolver.resolve("kwikverbindingen")
    assert plain.entity is not None and plain.entity.is_group and plain.members == []
    with_members = resolver.resolve("kwikverbindingen", members=True)
    labels = [m.label for m in with_members.members]
    assert "Mercury(II) oxide" in labels and "Mercury(II) sulfate" in labels
    assert labels == sorted(labels, key=str.casefold)


def test_an_abbreviation_shared_by_a_substance_and_its_group_names_both(resolver: Resolver) -> None:
    r = resolver.resolve("PFHxS")
    assert r.match_type == "abbreviation" and r.entity is not None
    assert {r.entity.iri, *(e.iri for e in r.also)} >= {SUBSTANCE + "pfhxs-acid", SUBSTANCE + "pfhxs"}


def test_empty_input_is_invalid_with_a_hint(resolver: Resolver) -> None:
    r = resolver.resolve("   ")
    assert r.status == "invalid" and r.message is not None and "CAS" in r.message


@pytest.mark.parametrize(
    ("typed", "never"),
    [
        ("tetrachloroethylene", "trichloroethylene"),
        ("tetrachloorethyleen", "trichloroethylene"),
        ("PFHxA", "pfhxs"),
        ("PFHxA", "pfhxs-acid"),
        ("1,1-dichloroethane", "ethylene-dichloride"),
        ("inorganic cyanide compounds", "organic-cyanides"),
    ],
)
def test_a_name_one_chemical_word_away_is_only_suggested_never_answered(
    resolver: Resolver, typed: str, never: str
) -> None:
    """tri/tetra, a locant, one letter of an abbreviation: close in spelling, another chemical."""
    r = resolver.resolve(typed)
    assert r.entity is None or r.entity.iri != SUBSTANCE + never
    if r.entity is None:
        assert r.status == "unresolved" and r.message is not None


def test_the_user_who_typed_tetrachloroethylene_never_gets_trichloroethylene(resolver: Resolver) -> None:
    """Found as itself when a list holds it; otherwise not found. Never the substance one chlorine away."""
    r = resolver.resolve("tetrachloroethylene")
    assert r.entity is None or (r.entity.iri != SUBSTANCE + "trichloroethylene" and r.status == "resolved")


@pytest.mark.slow  # the close names come from the official lists
def test_a_name_close_to_two_chemicals_but_neither_says_why_it_is_not_found(resolver: Resolver) -> None:
    r = resolver.resolve("pentachloroethylene")  # no such chemical: C2 holds four chlorines at most
    assert r.status == "unresolved" and r.entity is None
    assert r.suggestions and all(s.differs for s in r.suggestions if "chloroethylene" in s.matched.casefold())
    assert r.message is not None and "another chemical" in r.message


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("trichloroetylene", "trichloroethylene"), ("hexachlorbenzene", "hcb"), ("dieldrine", "dieldrin")],
)
def test_a_genuine_typo_still_resolves(resolver: Resolver, typed: str, expected: str) -> None:
    r = resolver.resolve(typed)
    assert r.status == "fuzzy" and r.entity is not None and r.entity.iri == SUBSTANCE + expected


def test_organic_cyanides_are_the_organic_group_not_the_inorganic_one(resolver: Resolver) -> None:
    """The name before a label's parenthesis ("Organic cyanides (nitriles)") is an exact name."""
    r = resolver.resolve("organic cyanides")
    assert r.status == "resolved" and r.entity is not None and r.entity.iri == SUBSTANCE + "organic-cyanides"


SWAPS = {"tetra": "tri", "tri": "tetra", "chloro": "bromo", "bromo": "chloro", "methyl": "ethyl", "acid": "salt"}


def test_no_name_in_the_graph_with_one_chemical_word_swapped_resolves_to_the_original(resolver: Resolver) -> None:
    """Over every name: tri→tetra, chloro→bromo, methyl→ethyl, acid→salt, a locant never lands on the original."""
    from chemkg.name_guard import morphemes

    wrong, tried = [], 0
    for key, entries in resolver.exact.items():
        if not any(spelling in key for spelling in SWAPS):
            continue  # spares the morpheme scan (a millisecond a name) of the names with nothing to swap
        for m in morphemes(key):
            if key[m.start : m.end] not in SWAPS:
                continue
            variant = key[: m.start] + SWAPS[key[m.start : m.end]] + key[m.end :]
            if [x.identity for x in morphemes(variant)] == [x.identity for x in morphemes(key)]:
                continue  # "thiazolium methyl" → "thiazoliumethyl" still reads "methyl": no swap
            originals = {iri for iri, kind, _ in entries if kind in ("name", "synonym")}
            if not originals:
                continue  # an abbreviation or identifier: never matched fuzzily
            tried += 1
            r = resolver.resolve(variant)
            if r.status == "fuzzy" and r.entity is not None and r.entity.iri in originals:
                wrong.append((variant, r.entity.label))
    assert tried > 100 and wrong == []
